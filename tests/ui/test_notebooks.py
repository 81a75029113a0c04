"""The phase notebooks: committed clean, and each runs top to bottom on the demo, headless."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = ["home", "collection", "workshops", "restitution", "pilotage"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_without_outputs_and_with_a_parameters_cell(name: str) -> None:
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "notebook_params" in code[1].source
    # No prose in the notebook: a markdown cell has one language, the page follows the
    # engagement's; every sentence comes from the catalogs (page.intro, page.section).
    assert [c for c in nb.cells if c.cell_type == "markdown"] == []
    assert any("intro" in c.source for c in code)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_top_to_bottom_on_the_demo(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernelspec "python3" runs `python`: the venv's, first on PATH.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("CXKIT_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.delenv("CXKIT_DB_URL", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    widgets_shown = [
        o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert len(widgets_shown) >= 1
    assert (tmp_path / "ws" / "cxkit.db").exists()
    if name == "pilotage":  # the demo's file read, its scorecard drawn with its verdicts
        state = str(nb.metadata.get("widgets", {}))
        assert "horizon-mutuelle-mesures.csv" in state and "Non tenu" in state
