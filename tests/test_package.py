"""Resources found from a clone, a firm's templates, the version in one place (no build here).

The installed side (the wheel in a fresh venv) is tests/test_wheel.py.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import cxkit
from cxkit import paths
from cxkit.deck.layouts import default_template
from cxkit.ui.guides import guide_path
from tests.conftest import ROOT, run_cxkit


def test_a_clone_serves_its_own_top_level_folders() -> None:
    # Editable installs (make install) read the repository's one copy, never a packaged one.
    assert paths.notebooks_dir() == ROOT / "notebooks"
    assert paths.notebook("participant.ipynb").is_file()
    assert paths.shipped_dir("templates") == ROOT / "templates"
    assert not (ROOT / "cxkit" / "notebooks").exists()
    assert not (ROOT / "cxkit" / "templates").exists()


def test_a_firms_folder_overrides_only_what_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "deck.pptx").write_bytes((ROOT / "templates" / "deck.pptx").read_bytes())
    monkeypatch.setenv("CXKIT_TEMPLATES", str(tmp_path))
    assert default_template() == tmp_path / "deck.pptx"
    assert guide_path("internal") == ROOT / "templates" / "interview-guides" / "internal.yaml"
    monkeypatch.delenv("CXKIT_TEMPLATES")
    assert default_template() == ROOT / "templates" / "deck.pptx"


def test_copying_the_templates_keeps_a_firms_edits_unless_forced(tmp_path: Path) -> None:
    copied, kept = paths.copy_templates(tmp_path)
    assert kept == [] and Path("deck.pptx") in copied
    assert Path("interview-guides/internal.yaml") in copied
    guide = tmp_path / "interview-guides" / "internal.yaml"
    guide.write_text("edited by the firm\n")
    copied, kept = paths.copy_templates(tmp_path)
    assert copied == [] and Path("interview-guides/internal.yaml") in kept
    assert guide.read_text() == "edited by the firm\n"
    paths.copy_templates(tmp_path, overwrite=True)
    assert (
        guide.read_bytes() == (ROOT / "templates" / "interview-guides/internal.yaml").read_bytes()
    )
    assert not list(tmp_path.rglob("*.partial"))


def test_init_templates_says_what_it_copied_and_how_to_use_it(tmp_path: Path) -> None:
    firm = tmp_path / "firm"
    done = run_cxkit("--lang", "en", "init-templates", str(firm), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "+ deck.pptx" in done.stdout and f"CXKIT_TEMPLATES={firm}" in done.stdout
    again = run_cxkit("init-templates", str(firm), cwd=tmp_path)
    assert "= deck.pptx\u00a0: déjà présent, conservé" in again.stdout


def test_init_templates_into_a_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    done = run_cxkit("init-templates", str(blocker), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Impossible d'écrire les modèles dans {blocker}")
    assert "Traceback" not in done.stderr


def test_workspace_folder_is_the_current_folders_unless_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CXKIT_WORKSPACE", raising=False)
    assert paths.workspace_dir() == Path("workspace")
    monkeypatch.setenv("CXKIT_WORKSPACE", str(tmp_path))
    assert paths.workspace_dir() == tmp_path


def test_the_version_has_one_place() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "cxkit.__version__"}
    done = run_cxkit("--version")
    assert done.stdout.strip() == f"cxkit {cxkit.__version__}"
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## Unreleased" in changelog and f"## {cxkit.__version__}" in changelog
