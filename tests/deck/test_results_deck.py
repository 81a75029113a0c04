"""The workshops' results in the deck: native charts and tables read back with python-pptx,
and drawn by LibreOffice without overflow, for a real workshop and a hostile one."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from cxkit.deck import build_deck, plan_deck
from cxkit.deck.parts.workshops import TEAM_COLUMNS
from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.workbook import build_workbook
from tests.conftest import ROOT, require, require_program
from tests.deck.hostile_results import TEAMS, WORKSHOPS, hostile_results_engagement
from tests.deck.overflow import check_pdf, report
from tests.workshop_run import ENGAGEMENT, FIABLE, NB, SIMPLE, run_workshop

sys.path.insert(0, str(ROOT / "benchmarks"))
from render_slides import to_pdfs

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Engagement:
    """The demo after a workshop run through a real (SQLite) workspace, as it exports it."""
    from cxkit.document import load_demo

    folder = tmp_path_factory.mktemp("ws")
    with Workspace.open(url=f"sqlite:///{folder / 'cxkit.db'}") as ws:
        run_workshop(ws, load_demo())
        return ws.with_contributions(ws.load(ENGAGEMENT).engagement)


@pytest.fixture(scope="module")
def deck(workshop: Engagement, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_deck(workshop, tmp_path_factory.mktemp("deck") / "atelier.pptx")


def _slides(deck: Path) -> list[tuple[str, Any]]:
    """Each slide with its title (the first placeholder's text)."""
    prs = Presentation(str(deck))
    return [(s.shapes.title.text if s.shapes.title else "", s) for s in prs.slides]


def _kicker(slide: Any) -> str:
    return next((sh.text_frame.text for sh in slide.shapes if sh.name == "Topic"), "")


def test_the_results_slides_carry_native_charts_and_team_tables(deck: Path) -> None:
    slides = _slides(deck)
    results = [(t, s) for t, s in slides if _kicker(s).startswith(f"Atelier «{NB}Ambition")]
    assert [t for t, _ in results][:1] == [SIMPLE]
    (dots,) = [s for _, s in results if _kicker(s).endswith("Gommettes")]
    (chart,) = [sh.chart for sh in dots.shapes if sh.has_chart]
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = chart.plots[0]
    assert list(plot.categories)[::-1] == ["Simple", "Fiable", "=1+2"]  # fed bottom-up
    assert list(plot.series[0].values)[::-1] == [9, 2, 1]
    (table,) = [sh.table for sh in dots.shapes if sh.has_table]
    header = [c.text for c in table.rows[0].cells]
    assert header[-2:] == ["Commercial", "Marketing"]
    assert [c.text for c in table.rows[1].cells][-2:] == ["2", "7"]
    (ratings,) = [s for _, s in results if _kicker(s).endswith("Notes")]
    (stacked,) = [sh.chart for sh in ratings.shapes if sh.has_chart]
    assert stacked.chart_type == XL_CHART_TYPE.BAR_STACKED
    assert [s.name for s in stacked.plots[0].series] == [f"Note {n}" for n in range(1, 6)]
    assert [list(s.values) for s in stacked.plots[0].series] == [
        [0.0],
        [1.0],
        [0.0],
        [1.0],
        [0.0],
    ]  # Accueil: a 2 and a 4
    (workshops,) = [s for t, s in slides if t == f"Annexe{NB}: les ateliers"]
    (cells,) = [sh.table for sh in workshops.shapes if sh.has_table]
    decided = cells.cell(1, 3).text
    assert SIMPLE in decided and FIABLE in decided


@pytest.fixture(scope="module")
def hostile() -> Engagement:
    return hostile_results_engagement()


@pytest.fixture(scope="module")
def pdfs(
    workshop: Engagement,
    deck: Path,
    hostile: Engagement,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path]]:
    """Each document of the module with its PDF, all converted in one LibreOffice run: the
    results deck, a hostile workshop's deck (two workshops: the harness takes a while) and
    the results workbook."""
    soffice = require_program("soffice")
    require_program("pdftotext")
    calc = Path(soffice).resolve().parent / "libsclo.so"
    require(calc.exists(), "LibreOffice Calc (Debian: libreoffice-calc-nogui)")
    folder = tmp_path_factory.mktemp("pdf")
    shops = {f"atelier-h{w}" for w in (1, 2)}
    fewer = hostile.model_copy(
        update={
            "workshops": [w for w in hostile.workshops if w.id in shops],
            "contributions": [c for c in hostile.contributions if c.workshop in shops],
        }
    )
    documents = {
        "deck": deck,
        "hostile": build_deck(fewer, folder / "hostile-results.pptx"),
        "workbook": build_workbook(workshop, folder / "results.xlsx"),
    }
    converted = to_pdfs(list(documents.values()), folder)
    return {name: (documents[name], pdf) for name, pdf in zip(documents, converted, strict=True)}


def test_the_results_slides_do_not_overflow(pdfs: dict[str, tuple[Path, Path]]) -> None:
    problems = check_pdf(*pdfs["deck"])
    assert problems == [], report(problems)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_many_workshops_and_teams_plan_within_the_frame(hostile: Engagement, lang: str) -> None:
    plan = plan_deck(hostile, lang, today=TODAY)
    frame = plan.page.frame
    results = [s for s in plan.slides if s.label.startswith(("Atelier «", "Workshop “"))]
    per_workshop = 1 + 8  # the overview, then each activity with lines (8 of its 11)
    assert len(results) == WORKSHOPS * per_workshop
    for slide in results:
        for element in slide.elements:
            box = element.box
            assert box.x >= 0 and box.x + box.w <= frame.w + 1e-6, slide.title
            assert box.y >= 0 and box.y + box.h <= frame.h + 1e-6, slide.title
        for table in slide.tables():
            assert len(table.columns) <= 8 + TEAM_COLUMNS
            assert not any(c.header in TEAMS for c in table.columns)  # long names cut short
        assert "c-0" not in " ".join(slide.texts())


def test_a_hostile_workshop_deck_does_not_overflow(pdfs: dict[str, tuple[Path, Path]]) -> None:
    problems = check_pdf(*pdfs["hostile"])
    assert problems == [], report(problems)


def test_libreoffice_calc_opens_the_results_sheet(pdfs: dict[str, tuple[Path, Path]]) -> None:
    _, pdf = pdfs["workbook"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Toutes les équipes" in text and "Pilier retenu" in text
    assert "'=1+2" in text  # neutralised as every sheet does: a text, never computed
