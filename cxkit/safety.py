"""What keeps a page clean: no traceback, no markup, the details in a log file.

Forms and apps alike: a callback that fails shows a catalog message, and
the exception goes to a log file, never to the kernel's output (a cell's
output in JupyterLab; in Voilà, what the browser receives over its
websocket even when the page does not show it). Every ``cxkit.*`` logger
writes there: the servers' ``CXKIT_APP_LOG``, else
``<workspace>/logs/cxkit.log``, opened only when something is written.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from cxkit.errors import CxkitError
from cxkit.paths import workspace_dir

F = TypeVar("F", bound=Callable[..., Any])


class _LazyFileHandler(logging.FileHandler):
    """A file handler that creates its folder and file on the first record only."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def _open(self) -> Any:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def log_path() -> Path:
    configured = os.environ.get("CXKIT_APP_LOG")
    if configured:
        return Path(configured)
    return workspace_dir() / "logs" / "cxkit.log"


def configure_logging() -> logging.Logger:
    """Send every ``cxkit.*`` logger to the log file, not to stderr; idempotent."""
    root = logging.getLogger("cxkit")
    if not any(isinstance(h, _LazyFileHandler) for h in root.handlers):
        handler = _LazyFileHandler(log_path().resolve())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
        )
        root.addHandler(handler)
        root.propagate = False  # keep it out of the kernel's stderr (shown in the cell or page)
        root.setLevel(logging.INFO)
    return root


def server_log() -> logging.Logger:
    """The apps' logger, writing to the log file."""
    configure_logging()
    return logging.getLogger("cxkit.apps")


def esc(value: object) -> str:
    """Anything a person typed, made inert inside HTML."""
    return html.escape("" if value is None else str(value), quote=True)


def guarded(on_error: Callable[[BaseException], None]) -> Callable[[F], F]:
    """Run a widget callback so that any failure calls ``on_error`` and is logged, never raised."""

    def decorate(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                name = getattr(fn, "__name__", fn)
                if isinstance(exc, CxkitError):
                    server_log().info("callback %s refused: %s", name, exc.key)
                else:
                    server_log().exception("callback %s failed", name)
                try:
                    on_error(exc)
                except Exception:
                    server_log().exception("error display failed")
                return None

        return wrapper  # type: ignore[return-value]

    return decorate
