"""Shared fixtures: the demo engagement, and the rule for real components.

Tests that need a system component (PostgreSQL, Chromium, LibreOffice)
call :func:`require`: it skips on a laptop without the component, and
fails instead when ``CXKIT_REQUIRE_COMPONENTS=1`` (set by ``.ci/run``), so
CI can never go green by skipping them.
"""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from cxkit.document import demo_path, read_document
from cxkit.model import Engagement
from cxkit.validation import build_engagement

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def components_required() -> bool:
    return os.environ.get("CXKIT_REQUIRE_COMPONENTS") == "1"


def require(available: bool, what: str) -> None:
    """Skip (laptop) or fail (CI) when a real component is missing."""
    if available:
        return
    if components_required():
        pytest.fail(f"{what} is required here (CXKIT_REQUIRE_COMPONENTS=1) but missing")
    pytest.skip(f"{what} not available on this machine")


def require_program(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"the program '{name}'")
    assert path is not None
    return path


def run_cxkit(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    drop: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """``cxkit ARGS`` in a child process, as a consultant runs it from a terminal.

    ``env`` adds variables to this process's environment, ``drop`` removes some.
    """
    environ = {k: v for k, v in os.environ.items() if k not in drop}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "cxkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        timeout=120,
    )


PG_URL = os.environ.get(
    "CXKIT_TEST_PG_URL", "postgresql+psycopg://cxkit:cxkit@127.0.0.1:5432/cxkit_test"
)
"""CI's PostgreSQL (``.ci/run`` exports it); on a laptop, a local server if one answers."""


@cache
def pg_reachable() -> bool:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:
        return False
    return True


def require_postgres() -> str:
    """The PostgreSQL URL of the tests: skip (laptop) or fail (CI) when no server answers."""
    from sqlalchemy.engine import make_url

    require(pg_reachable(), f"PostgreSQL at {make_url(PG_URL).render_as_string()}")
    return PG_URL


@contextlib.contextmanager
def pg_schema() -> Iterator[str]:
    """A URL on a fresh, empty PostgreSQL schema of its own, dropped afterwards.

    The schema is reached through the URL's ``search_path`` option, so child
    processes (CLI, servers, their kernels) given the URL see the same data.
    """
    from sqlalchemy import create_engine, text

    require_postgres()
    name = f"cxkit_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote(f'-csearch_path={name}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


_DEMO_DOC: dict[str, Any] = read_document(demo_path())


@pytest.fixture
def demo_doc() -> dict[str, Any]:
    """A fresh deep copy of the demo engagement's raw mapping, to break at will."""
    return copy.deepcopy(_DEMO_DOC)


@pytest.fixture
def demo() -> Engagement:
    return build_engagement(copy.deepcopy(_DEMO_DOC))


SLOW_MARKS = ("slow", "browser", "office")

SLOWEST_FIRST = (
    "apps/test_accessibility.py",
    "deploy/test_jupyterhub.py",
    "ui/test_pages_in_browser.py",
    "apps/test_live_screen.py",
    "apps/test_matrix_browser.py",
    "apps/test_ideas_browser.py",
    "apps/test_supervisor.py",
    "apps/test_ranking_browser.py",
    "store/test_cli.py",
    "apps/test_agenda_browser.py",
    "apps/test_culling.py",
    "apps/test_workshop_run_browser.py",
    "apps/test_browser.py",
    "apps/test_two_servers_postgres.py",
    "deck/test_overflow.py",
    "apps/test_cloud_qa_browser.py",
    "apps/test_phone_browser.py",
    "test_wheel.py",
    "apps/test_zygote.py",
    "apps/test_gate.py",
    "apps/test_rejoin_browser.py",
    "deck/test_overflow_body.py",
    "ui/test_notebooks.py",
    "deck/test_results_deck.py",
    "test_cli.py",
)
"""The longest files (tests/ relative), longest first, from ``pytest --durations=0`` summed per
file (2026-11-26: 170 s down to 12 s). Re-measure when a file's duration changes much."""


def _file_rank(item: pytest.Item, slow: set[Path]) -> int:
    tests = ROOT / "tests"
    name = item.path.relative_to(tests).as_posix() if item.path.is_relative_to(tests) else ""
    if name in SLOWEST_FIRST:
        return SLOWEST_FIRST.index(name)
    return len(SLOWEST_FIRST) + (item.path not in slow)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest files start first (:data:`SLOWEST_FIRST`, then the other files holding a slow
    test: browser, LibreOffice, servers), each file's tests in their own order: with ``--dist
    loadfile --no-loadscope-reorder`` (the Makefile) the two workers start on the long files
    and share out the many quick ones at the end, so neither waits alone on a two-minute
    browser test while the other is idle."""
    slow = {item.path for item in items if any(item.get_closest_marker(m) for m in SLOW_MARKS)}
    items.sort(key=lambda item: _file_rank(item, slow))  # stable: a file's own order is kept


@pytest.fixture(autouse=True)
def _french_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CXKIT_LANG", raising=False)


@pytest.fixture(autouse=True)
def _phones_follow_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A form built in the tests' process follows the agenda when a test asks it to: its
    kernel's own watch (every few seconds) is a test of its own (test_agenda_logic)."""
    from cxkit.apps import section_agenda

    monkeypatch.setattr(section_agenda, "WATCH_EVERY_S", None)


def chromium_path() -> str:
    """Debian's chromium, as STACK-NOTES says: Playwright's own download needs the network."""
    path = shutil.which("chromium")
    require(path is not None, "Debian's chromium (headless browser)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def jupyter_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Jupyter's folders in temporary places, for every server the tests start."""
    base = tmp_path_factory.mktemp("jupyter")
    env = {}
    for name in ("RUNTIME", "DATA", "CONFIG"):
        folder = base / name.lower()
        folder.mkdir()
        env[f"JUPYTER_{name}_DIR"] = str(folder)
    return env


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The one headless Chromium of the session (Playwright's sync API runs once per thread)."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    # Imported here: importing cxkit.apps sets up its log file, which other tests do not want.
    from cxkit.apps.servers import HEADLESS_CHROMIUM_ARGS

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=list(HEADLESS_CHROMIUM_ARGS))
        yield instance
        instance.close()
