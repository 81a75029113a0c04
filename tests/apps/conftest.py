"""Real Voilà servers and a real headless Chromium, shared by the apps' end-to-end tests.

Servers listen on free ports of 127.0.0.1 and are started once per test
session (a Voilà page costs seconds, a server more); each test works in its
own workshop or invitation so that sharing them does not couple tests.
Jupyter's runtime, data and config folders are temporary, so nothing of the
machine's own Jupyter set-up leaks in, and nothing is left in the home folder.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cxkit.apps.servers import (
    ENV_FORMS_URL,
    PHONE_VIEWPORT,
    VoilaServer,
    start_server,
)
from tests.conftest import ARTIFACTS

if TYPE_CHECKING:
    from cxkit.store import Workspace

# The ``browser`` and ``jupyter_env`` fixtures are the whole suite's, in tests/conftest.py:
# Playwright's sync API runs once per thread, so one Chromium serves every test.

SHOTS = ARTIFACTS / "apps"

PHONE = PHONE_VIEWPORT
PROJECTOR = {"width": 1280, "height": 900}
PAGE_TIMEOUT_MS = 60_000


def screenshot(page: Any, name: str) -> Path:
    """Save what the page shows, for a person to look at (tests/artifacts/apps/)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def workspace_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh SQLite workspace holding the demo engagement."""
    from cxkit.store import Workspace

    url = f"sqlite:///{tmp_path_factory.mktemp('workspace') / 'cxkit.db'}"
    Workspace.open(url=url).ensure_demo()
    return url


def stop_all(servers: Iterable[VoilaServer]) -> None:
    """Stop servers side by side: each one waits seconds for Voilà to shut its kernels down."""
    with ThreadPoolExecutor() as pool:
        for stopped in [pool.submit(server.stop) for server in servers]:
            stopped.result()


def start_pair(
    jupyter_env: dict[str, str], db_url: str, log_dir: Path, participants: int = 1
) -> tuple[VoilaServer, list[VoilaServer]]:
    """A facilitator server and ``participants`` participants' servers on one database."""
    # The facilitator's private file (room links, what is projected) in the test's folder.
    env = {**jupyter_env, "CXKIT_DB_URL": db_url, "CXKIT_WORKSPACE": str(log_dir / "workspace")}
    forms: list[VoilaServer] = []
    try:
        for _ in range(participants):
            forms.append(start_server("participant", env=env, log_dir=log_dir))
        facilitator = start_server(
            "facilitator", env={**env, ENV_FORMS_URL: forms[0].base_url}, log_dir=log_dir
        )
    except BaseException:
        for server in forms:
            server.stop()
        raise
    return facilitator, forms


@pytest.fixture(scope="session")
def servers(
    jupyter_env: dict[str, str], workspace_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[VoilaServer, VoilaServer]]:
    """(facilitator, participants') servers on the session's SQLite workspace."""
    facilitator, forms = start_pair(jupyter_env, workspace_url, tmp_path_factory.mktemp("logs"))
    yield facilitator, forms[0]
    stop_all([facilitator, *forms])


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every JavaScript dialog a page opened (an XSS would open one)."""
    return []


def open_page(
    browser: Any, url: str, *, viewport: dict[str, int], dialogs: list[str] | None = None
) -> Any:
    """A new context and page on ``url``, with dialogs recorded (and dismissed)."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        if dialogs is not None:
            dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    return page


# Resolves after two animation frames: the resize event has fired, and what it scheduled for
# the next frame (Lumino's layout messages, ResizeObserver callbacks) has run.
_TWO_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def resized(page: Any, size: dict[str, int]) -> None:
    """Set the viewport and return once the page has laid itself out at that size.

    Waits on the page's own frames rather than a fixed time: as short as the page
    allows, as long as it needs under load.
    """
    page.set_viewport_size(size)
    page.wait_for_function("(w) => window.innerWidth === w", arg=size["width"])
    page.evaluate(_TWO_FRAMES)


def widgets_ready(page: Any, text: str) -> None:
    """Wait until Voilà rendered the widgets and ``text`` shows."""
    page.get_by_text(text, exact=False).first.wait_for(state="visible")


def log_of(server: VoilaServer) -> str:
    return server.log_tail(200) if os.path.exists(server.log_path) else ""


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh SQLite workspace holding the demo engagement, for tests without a server."""
    from cxkit.store import Workspace

    workspace = Workspace.open(url=f"sqlite:///{tmp_path / 'cxkit.db'}")
    workspace.ensure_demo()
    yield workspace
    workspace.close()


def wait_until(condition: Any, timeout: float = 60.0, step: float = 0.1) -> bool:
    """Whether ``condition()`` came true within ``timeout`` seconds (polled every ``step``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def process_alive(pid: int) -> bool:
    """A process that runs (a zombie has ended), read from /proc."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def parent_of(pid: int) -> int | None:
    """A process's parent, read from /proc; None once it has gone."""
    fields = _stat(pid)
    return int(fields[1]) if fields is not None else None
