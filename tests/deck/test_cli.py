"""``cxkit deck`` and ``cxkit workbook`` as a consultant runs them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation

from cxkit.document import demo_path, load_demo
from tests.conftest import run_cxkit as cxkit


def test_deck_and_workbook_from_a_file(tmp_path: Path) -> None:
    result = cxkit("deck", str(demo_path()), "-o", "out/deck.pptx", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "slides" in result.stdout
    prs = Presentation(str(tmp_path / "out" / "deck.pptx"))
    assert prs.slides[1].shapes.title.text_frame.text == "Agenda"
    result = cxkit("workbook", str(demo_path()), "-o", "ref.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert load_workbook(tmp_path / "ref.xlsx").sheetnames[0] == "Promesse"
    assert not (tmp_path / "workspace").exists()  # a file never opens the workspace


def test_a_bad_template_is_a_message_and_no_file(tmp_path: Path) -> None:
    result = cxkit(
        "deck", str(demo_path()), "-o", "deck.pptx", "--template", str(demo_path()), cwd=tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and ".pptx" in result.stderr
    assert not (tmp_path / "deck.pptx").exists()


def test_revision_with_a_file_is_refused(tmp_path: Path) -> None:
    result = cxkit("deck", str(demo_path()), "-o", "d.pptx", "--revision", "2", cwd=tmp_path)
    assert result.returncode == 1 and "--revision" in result.stderr


def test_deck_from_a_workspace_id_and_revision(tmp_path: Path) -> None:
    from cxkit.store import Workspace

    url = f"sqlite:///{tmp_path / 'ws.db'}"
    demo = load_demo()
    with Workspace.open(url) as ws:
        first = ws.create(demo, author="Claire Martin")
        changed = demo.model_copy(deep=True)
        changed.engagement.client = "Horizon Mutuelle Renommée"
        ws.save(changed, author="Claire Martin", base_revision=first.number)
    env = {"CXKIT_DB_URL": url}
    result = cxkit("deck", demo.id, "-o", "latest.pptx", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    cover = Presentation(str(tmp_path / "latest.pptx")).slides[0].shapes.title.text_frame.text
    assert cover == "Horizon Mutuelle Renommée"
    result = cxkit("deck", demo.id, "--revision", "1", "-o", "r1.pptx", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    cover = Presentation(str(tmp_path / "r1.pptx")).slides[0].shapes.title.text_frame.text
    assert cover == "Horizon Mutuelle"
    result = cxkit("workbook", "no-such-engagement", "-o", "x.xlsx", cwd=tmp_path, env=env)
    assert result.returncode == 1 and "no-such-engagement" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()
