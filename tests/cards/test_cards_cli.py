"""``cxkit cards`` as a consultant runs it: exit codes, messages, no file on error."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from cxkit.cli import main
from cxkit.document import demo_path
from tests.conftest import run_cxkit

DEMO = str(demo_path())


def _titles(path: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]


def test_one_card_per_channel_by_default(tmp_path: Path) -> None:
    result = run_cxkit("cards", DEMO, "-o", "out/cards.pptx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "4 cartes" in result.stdout
    path = tmp_path / "out" / "cards.pptx"
    assert _titles(path) == ["Agence", "Téléphone", "Espace en ligne", "Application mobile"]
    assert [p.name for p in path.parent.iterdir()] == ["cards.pptx"]  # no temporary file left


def test_filters_make_one_card_for_the_combination(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tel.pptx"
    args = ["cards", DEMO, "--channel", "telephone", "--stage", "Hospitalisation"]
    assert main([*args, "--segment", "Seniors", "--lang", "en", "-o", str(out)]) == 0
    assert "1 card (1 slide)" in capsys.readouterr().out
    assert _titles(out) == ["Téléphone · Hospitalisation · Seniors"]


def test_an_unknown_member_names_the_perimeter_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cards.pptx"
    out.write_bytes(b"the previous deck")
    code = main(["cards", DEMO, "--channel", "Fax", "--offer", "Santé famille", "-o", str(out)])
    assert code == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert "«\u00a0Fax\u00a0» n'est pas un canal du périmètre" in said.err
    assert "Agence, Téléphone, Espace en ligne, Application mobile" in said.err
    assert out.read_bytes() == b"the previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["cards.pptx"]


def test_without_an_output_file_it_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "cards", DEMO, "--channel", "Agence"]) == 2
    assert "-o FILE.pptx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_engagement_is_a_message(tmp_path: Path) -> None:
    result = run_cxkit(
        "cards",
        "no-such-engagement",
        "-o",
        "x.pptx",
        cwd=tmp_path,
        env={"CXKIT_DB_URL": f"sqlite:///{tmp_path / 'ws.db'}"},
    )
    assert result.returncode == 1
    assert "no-such-engagement" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.pptx").exists()
