"""``cxkit scorecard`` as a consultant runs it: a deck, or a clear refusal and no file."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from cxkit.document import demo_path, save_engagement
from cxkit.measures_import import demo_measurements_path
from tests.conftest import run_cxkit as cxkit
from tests.scorecard_data import measured_demo


def test_the_demo_measured_through_the_workspace_gives_a_short_deck(tmp_path: Path) -> None:
    """The demo's BI export imported by ``cxkit measures``, then its scorecard by id."""
    env = {"CXKIT_DB_URL": f"sqlite:///{tmp_path / 'ws.db'}"}
    assert cxkit("demo", cwd=tmp_path, env=env).returncode == 0
    imported = cxkit(
        "measures",
        "horizon-mutuelle",
        "import",
        str(demo_measurements_path()),
        cwd=tmp_path,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    result = cxkit("scorecard", "horizon-mutuelle", "-o", "bilan.pptx", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "T3\u00a02027" in result.stdout and "6 diapositives" in result.stdout  # the latest
    slides = list(Presentation(str(tmp_path / "bilan.pptx")).slides)
    assert 4 <= len(slides) <= 7
    summary = slides[1].shapes.title.text_frame.text
    assert summary.startswith("2 standards sur 3 tenus en T3\u00a02027")


def test_a_period_asked_for_in_english(tmp_path: Path) -> None:
    measured = str(save_engagement(measured_demo(), tmp_path / "measured.yaml"))
    result = cxkit(
        "scorecard", measured, "--period", "T1 2027", "--lang", "en", "-o", "sc.pptx", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Scorecard for Q1\u00a02027 written" in result.stdout


def test_an_unmeasured_period_or_no_period_is_refused_with_exit_2_and_no_file(
    tmp_path: Path,
) -> None:
    measured = str(save_engagement(measured_demo(), tmp_path / "measured.yaml"))
    for period, said in (
        ("2028-Q1", "Aucune mesure pour T1\u00a02028. Périodes mesurées\u00a0: T2\u00a02026"),
        ("2027-T9", "«\u00a02027-T9\u00a0» n'est pas une période"),
    ):
        result = cxkit("scorecard", measured, "--period", period, "-o", "sc.pptx", cwd=tmp_path)
        assert result.returncode == 2
        assert said in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "sc.pptx").exists()


def test_an_engagement_without_measurements_is_refused(tmp_path: Path) -> None:
    result = cxkit("scorecard", str(demo_path()), "--lang", "en", "-o", "sc.pptx", cwd=tmp_path)
    assert result.returncode == 2
    assert "Horizon Mutuelle has no measurements yet" in result.stderr
    assert not (tmp_path / "sc.pptx").exists()
