"""Fixtures of the forms' tests: a real SQLite workspace in a temporary folder, with the demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cxkit.store import Workspace
from cxkit.ui.session import EditSession

DEMO = "horizon-mutuelle"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(folder=tmp_path / "ws") as ws:
        ws.ensure_demo()
        yield ws


@pytest.fixture
def session(workspace: Workspace) -> EditSession:
    """The demo opened for editing; every accepted edit is saved at once (no debounce)."""
    return EditSession.open(workspace, DEMO, "claire", delay=0)
