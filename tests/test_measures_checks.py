"""The monitoring health checks (CX5xx) on the demo's measurement files and on edge cases."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import pytest

from cxkit.checks import run_checks
from cxkit.deck import plan_deck
from cxkit.model import Engagement, Measurement
from cxkit.validation import build_engagement
from tests.scorecard_data import demo_with_its_files


def _monitoring(engagement: Engagement) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in run_checks(engagement) if f.section == "monitoring"]


def _late(doc: dict[str, Any], *values: tuple[str, float]) -> list[str]:
    doc["measurements"] = [{"of": "delai-remb", "period": p, "value": v} for p, v in values]
    return [code for code, _ in _monitoring(build_engagement(doc)) if code == "CX502"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_demo_files_show_one_unmeasured_standard_and_one_late_kpi(
    kind: Literal["csv", "xlsx"],
) -> None:
    engagement = demo_with_its_files(kind)
    assert _monitoring(engagement) == [
        ("CX501", "referential.standards[3]"),  # std-hospi
        ("CX502", "strategy.kpis[1]"),  # delai-remb: 5.3, then 6.3 and 6.2 days
    ]
    late = next(f for f in run_checks(engagement) if f.code == "CX502")
    assert late.message("fr") == (
        "Le KPI «\u00a0Délai moyen de remboursement\u00a0» est en retard sur sa trajectoire"
        " deux périodes de suite (T2\u00a02027 et T3\u00a02027)."
    )
    assert late.message("en").endswith("two periods running (Q2\u00a02027 and Q3\u00a02027).")


def test_no_measurement_at_all_is_no_unmeasured_standard(demo: Engagement) -> None:
    assert _monitoring(demo) == []


def test_a_standard_measured_once_is_measured() -> None:
    engagement = demo_with_its_files()
    hospi = Measurement(of="std-hospi", period="2027-01", value=96)
    measured = engagement.model_copy(update={"measurements": [*engagement.measurements, hospi]})
    assert ("CX501", "referential.standards[3]") not in _monitoring(measured)


def test_late_once_then_back_on_track_is_not_reported(demo_doc: dict[str, Any]) -> None:
    assert _late(demo_doc, ("2027-Q1", 5.3), ("2027-Q2", 6.3), ("2027-Q3", 4.0)) == []


def test_two_late_values_a_period_apart_are_not_two_periods_running(
    demo_doc: dict[str, Any],
) -> None:
    assert _late(demo_doc, ("2027-Q1", 5.3), ("2027-Q2", 6.3), ("2027-Q4", 6.2)) == []


def test_without_any_horizon_a_kpi_is_late_when_it_moves_the_wrong_way(
    demo_doc: dict[str, Any],
) -> None:
    del demo_doc["strategy"]["ambition"]["horizon"]
    assert _late(demo_doc, ("2027-Q2", 6.3), ("2027-Q3", 6.2)) == []  # better than 6.5
    assert _late(demo_doc, ("2027-Q2", 6.7), ("2027-Q3", 6.8)) == ["CX502"]


def test_a_kpi_that_reached_its_target_is_not_late(demo_doc: dict[str, Any]) -> None:
    assert _late(demo_doc, ("2027-Q2", 2), ("2027-Q3", 1.9)) == []


def test_monitoring_findings_do_not_count_against_a_validated_strategy(demo: Engagement) -> None:
    def counted(engagement: Engagement) -> list[int]:
        return [f.params["count"] for f in run_checks(engagement) if f.code == "CX901"]

    # the validated strategy's own CX211 warnings, not the late KPI's CX502
    assert counted(demo_with_its_files()) == counted(demo) == [2]


def test_the_restitution_deck_names_monitoring_points_in_words() -> None:
    plan = plan_deck(demo_with_its_files(), "fr", today=dt.date(2027, 10, 15))
    (slide,) = [s for s in plan.slides if s.topic == "Points à arbitrer"]
    cells = [cell for table in slide.tables() for row in table.rows for cell in row]
    assert "Pilotage" in cells and "Mesurer chaque standard" in cells
    assert any("Délai moyen de remboursement" in cell for cell in cells)
    assert not any("deck.settle" in cell or "section." in cell for cell in cells)
