"""The scorecard deck: six slides titled with their findings, verdicts in words, native
charts, and nothing overflowing as LibreOffice draws it (one conversion for the module)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from cxkit.deck.scorecard import build_scorecard, plan_scorecard
from cxkit.model import Engagement
from cxkit.scorecard_text import value_axis
from tests.conftest import require_program
from tests.deck.overflow import check_deck, report
from tests.scorecard_data import demo_with_its_files, measured_demo

TODAY = dt.date(2027, 4, 15)


@pytest.fixture(scope="module")
def measured() -> Engagement:
    return measured_demo()


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's scorecard of 2027-Q3 from its shipped BI export: the deck converted once."""
    folder = tmp_path_factory.mktemp("sc")
    return build_scorecard(demo_with_its_files(), "2027-Q3", folder / "sc.pptx")


def test_each_content_slide_says_its_finding_above_its_topic(measured: Engagement) -> None:
    plan = plan_scorecard(measured, "2027-Q1", today=TODAY)
    assert [s.kind for s in plan.slides] == ["cover", *["content"] * 5]
    assert [s.label for s in plan.slides[1:]] == [
        "Synthèse",
        "Standards de service",
        "Standards dans le temps",
        "Indicateurs",
        "Piliers",
    ]
    titles = [s.title.replace("\u00a0", " ").replace("\u202f", " ") for s in plan.slides]
    assert titles[1] == (
        "2 standards sur 3 tenus en T1 2027 ; « Rembourser 90 % des demandes en 2 jours "
        "ouvrés » décroche"
    )
    assert titles[2].startswith(
        "« Rembourser 90 % des demandes en 2 jours ouvrés » n'est pas tenu : 84 %"
    )
    assert titles[3].startswith(
        "« Rembourser 90 % des demandes en 2 jours ouvrés » se dégrade depuis T2 2026"
    )
    # delai-remb: 0.9 of 4.5 days by 2027-Q1 = 20 %, 9 of 30 months gone = 30 % expected.
    assert titles[4].endswith(
        "« Délai moyen de remboursement » en retard : 20 % du chemin pour 30 % attendus"
    )
    assert titles[5] == "Les piliers Fiable et Engagé décrochent en T1 2027"


def test_verdicts_are_written_in_words(measured: Engagement) -> None:
    plan = plan_scorecard(measured, "2027-Q1", today=TODAY)
    (table,) = plan.slides[2].tables()
    assert [row[3] for row in table.rows] == ["Non tenu", "Tenu", "Pas de mesure", "Tenu"]
    assert [row[4] for row in table.rows] == ["Se dégrade", "S'améliore", "—", "S'améliore"]
    assert table.rows[1][1] == "au plus 3\u00a0minutes"
    (kpis,) = plan.slides[4].tables()
    assert [row[2] for row in kpis.rows] == [
        "Sur la trajectoire",
        "En retard",
        "Cible atteinte",
        "Sur la trajectoire",
        "En retard",
    ]
    english = plan_scorecard(measured, "2027-Q1", "en", today=TODAY)
    assert english.slides[5].title == "The Fiable and Engagé pillars are off track in Q1\u00a02027"
    assert [row[3] for row in english.slides[2].tables()[0].rows][:3] == [
        "Missed",
        "Met",
        "No data",
    ]


def test_the_charts_are_native_lines_with_their_threshold_and_kpi_bars(deck: Path) -> None:
    slides = list(Presentation(str(deck)).slides)
    assert len(slides) == 6
    lines = [sh.chart for sh in slides[3].shapes if sh.has_chart]
    assert len(lines) == 3  # std-hospi was never measured: no chart
    assert all(c.chart_type == XL_CHART_TYPE.LINE_MARKERS for c in lines)
    remb = lines[0].plots[0]  # missed, so charted first
    # measuring began in 2027-Q1: the chart does not open on an empty 2026-Q4
    assert list(remb.categories) == ["T1\u00a02027", "T2\u00a02027", "T3\u00a02027"]
    assert [s.name for s in remb.series] == ["Mesure", "Seuil"]
    assert list(remb.series[0].values) == [91, 87.5, 85]
    assert list(remb.series[1].values) == [90] * 3
    assert lines[0].value_axis.minimum_scale == 82.5  # zoomed: 91 -> 85 must not look flat
    assert lines[0].value_axis.maximum_scale == 92.5
    (bars,) = [sh.chart for sh in slides[4].shapes if sh.has_chart]
    assert bars.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = bars.plots[0]  # bars are fed bottom-up: the first KPI is the last category
    names = list(reversed(list(plot.categories)))
    progress = dict(zip(names, reversed(list(plot.series[1].values)), strict=True))
    # delai-remb: 6.5 -> 6.2 days of the 4.5 to cut: 7 %
    assert progress["Délai moyen de remboursement"] == 7


def test_the_value_axis_holds_the_values_and_the_threshold() -> None:
    assert value_axis(84, 91) == (82.5, 92.5, 2.5)
    assert value_axis(2.8, 4.2) == (2.5, 4.5, 0.5)
    assert value_axis(10, 30)[0] == 0  # never below 0 for values that are not
    assert value_axis(96, 100, percent=True)[1] == 100  # nor above 100 %


@pytest.mark.office
def test_the_scorecard_deck_does_not_overflow(deck: Path, tmp_path: Path) -> None:
    require_program("soffice")
    require_program("pdftotext")
    problems = check_deck(deck, tmp_path)
    assert problems == [], report(problems)


def _large_measured() -> Engagement:
    """The large sample (120 standards) measured over four quarters, each standard's values
    around its threshold, a third of them missed."""
    from cxkit.sample import large_engagement

    data = large_engagement().model_dump(mode="json", exclude_none=True)
    quarters = ("2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1")
    found = []
    for n, std in enumerate(data["referential"]["standards"]):
        base = float(std.get("threshold") or 50)
        for i, q in enumerate(quarters):
            found.append(
                {"of": std["id"], "period": q, "value": base * (0.9 + 0.05 * ((n + i) % 3))}
            )
    for n, kpi in enumerate(data["strategy"]["kpis"]):
        start = float(kpi.get("baseline") or 10)
        for i, q in enumerate(quarters):
            found.append({"of": kpi["id"], "period": q, "value": start * (1 + 0.02 * i * (n % 3))})
    data["measurements"] = found
    return Engagement.model_validate(data)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_large_referential_plans_within_the_frame_and_charts_four(lang: str) -> None:
    plan = plan_scorecard(_large_measured(), "2027-Q1", lang, today=TODAY)
    frame = plan.page.frame
    for slide in plan.slides:
        for element in slide.elements:
            box = element.box
            assert box.x >= 0 and box.x + box.w <= frame.w + 1e-6, slide.title
            assert box.y >= 0 and box.y + box.h <= frame.h + 1e-6, slide.title
    trends = [
        s for s in plan.slides if s.label in ("Standards dans le temps", "Standards over time")
    ]
    assert len(trends) == 1 and len(trends[0].charts()) == 4
    standards = [
        s for s in plan.slides if s.topic.startswith(("Standards de service", "Service standards"))
    ]
    assert sum(len(t.rows) for s in standards for t in s.tables()) == 120
