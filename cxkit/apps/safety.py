"""What keeps a participant's screen clean: no traceback, no markup, details in the server log.

A callback that fails shows a catalog message; the exception goes to the
apps' log file (``CXKIT_APP_LOG``, set by the server launcher), never to
the kernel's output, which the browser receives over its websocket even
when the page does not show it.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

log = logging.getLogger("cxkit.apps")
_configured = False

F = TypeVar("F", bound=Callable[..., Any])


def server_log() -> logging.Logger:
    """The apps' logger, writing to the server-side log file once configured."""
    global _configured
    if not _configured:
        _configured = True
        path = os.environ.get("CXKIT_APP_LOG")
        if path:
            handler = logging.FileHandler(path, encoding="utf-8")
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
            )
            log.addHandler(handler)
            log.propagate = False  # keep it out of the kernel's stderr (sent to the page)
            log.setLevel(logging.INFO)
    return log


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
                server_log().exception("callback %s failed", getattr(fn, "__name__", fn))
                try:
                    on_error(exc)
                except Exception:
                    server_log().exception("error display failed")
                return None

        return wrapper  # type: ignore[return-value]

    return decorate
