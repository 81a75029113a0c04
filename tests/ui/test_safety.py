"""A failing callback shows a sentence in the page; its traceback goes to the log file only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_failing_callback_writes_its_traceback_to_the_log_not_to_stderr(tmp_path: Path) -> None:
    code = """
import cxkit.ui
from cxkit.safety import guarded
from cxkit.ui.widgets import shown_in
from cxkit.errors import StoreError
shown = []
def broken():
    raise RuntimeError("boom in a form callback")
def refused():
    raise StoreError("error.store.locked", url="x")
guarded(shown_in("fr", shown.append))(broken)()
guarded(shown_in("en", shown.append))(refused)()
print(shown)
"""
    log = tmp_path / "logs" / "cxkit.log"
    env = {**os.environ, "CXKIT_APP_LOG": str(log)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stderr == ""  # nothing a kernel would show in the cell or the page
    assert "Traceback" not in result.stdout and "boom" not in result.stdout
    assert result.stdout.count("<") >= 2  # two sentences shown, as HTML messages
    written = log.read_text(encoding="utf-8")
    assert "RuntimeError: boom in a form callback" in written and "Traceback" in written
    assert "refused: error.store.locked" in written
