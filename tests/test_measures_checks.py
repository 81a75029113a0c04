"""The monitoring health checks (CX5xx) on the measured demo and on their edge cases."""

from __future__ import annotations

from typing import Any

from cxkit.checks import run_checks
from cxkit.model import Engagement, Measurement
from cxkit.validation import build_engagement
from tests.measured_demo import measured_demo, planned_demo, with_kpi_plans


def _monitoring(engagement: Engagement) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in run_checks(engagement) if f.section == "monitoring"]


def test_the_measured_demo_has_one_unmeasured_standard_and_one_late_kpi() -> None:
    engagement = measured_demo()
    assert _monitoring(engagement) == [
        ("CX501", "referential.standards[3]"),  # std-hospi
        ("CX502", "strategy.kpis[1]"),  # delai-remb, Q2 and Q3
    ]
    late = next(f for f in run_checks(engagement) if f.code == "CX502")
    assert late.message("fr") == (
        "Le KPI «\u00a0Délai moyen de remboursement\u00a0» est en retard sur sa trajectoire"
        " deux périodes de suite (T2 2027 et T3 2027)."
    )
    assert late.message("en").endswith("two periods running (Q2 2027 and Q3 2027).")


def test_no_measurement_at_all_is_no_unmeasured_standard() -> None:
    assert _monitoring(planned_demo()) == []


def test_a_standard_measured_once_is_measured() -> None:
    engagement = measured_demo()
    hospi = Measurement(of="std-hospi", period="2027-01", value=96)
    measured = engagement.model_copy(update={"measurements": [*engagement.measurements, hospi]})
    assert ("CX501", "referential.standards[3]") not in _monitoring(measured)


def test_a_kpi_late_once_then_on_track_is_not_reported(demo_doc: dict[str, Any]) -> None:
    doc = with_kpi_plans(demo_doc)
    doc["measurements"] = [
        {"of": "delai-remb", "period": "2027-Q2", "value": 6.3},  # late
        {"of": "delai-remb", "period": "2027-Q3", "value": 3.0},  # back on the line
    ]
    assert "CX502" not in [code for code, _ in _monitoring(build_engagement(doc))]


def test_two_late_values_apart_are_not_two_periods_running(demo_doc: dict[str, Any]) -> None:
    doc = with_kpi_plans(demo_doc)
    doc["measurements"] = [
        {"of": "delai-remb", "period": "2027-Q1", "value": 6.4},
        {"of": "delai-remb", "period": "2027-Q3", "value": 6.2},
    ]
    assert "CX502" not in [code for code, _ in _monitoring(build_engagement(doc))]


def test_a_kpi_without_horizon_cannot_be_late(demo_doc: dict[str, Any]) -> None:
    demo_doc["measurements"] = [
        {"of": "delai-remb", "period": "2027-Q2", "value": 6.3},
        {"of": "delai-remb", "period": "2027-Q3", "value": 6.2},
    ]
    assert "CX502" not in [code for code, _ in _monitoring(build_engagement(demo_doc))]


def test_a_kpi_that_reached_its_target_is_not_late(demo_doc: dict[str, Any]) -> None:
    doc = with_kpi_plans(demo_doc)
    doc["strategy"]["kpis"][1]["horizon"] = "2027-Q1"
    doc["measurements"] = [
        {"of": "delai-remb", "period": "2027-Q2", "value": 2},
        {"of": "delai-remb", "period": "2027-Q3", "value": 1.9},
    ]
    assert "CX502" not in [code for code, _ in _monitoring(build_engagement(doc))]


def test_monitoring_findings_do_not_count_against_a_validated_strategy() -> None:
    def counted(engagement: Engagement) -> list[int]:
        return [f.params["count"] for f in run_checks(engagement) if f.code == "CX901"]

    # the validated strategy's own CX211 warnings, not the late KPI's CX502
    assert counted(measured_demo()) == counted(planned_demo()) == [2]


def test_the_restitution_deck_names_monitoring_points_in_words() -> None:
    import datetime as dt

    from cxkit.deck import plan_deck

    plan = plan_deck(measured_demo(), "fr", today=dt.date(2027, 10, 15))
    (slide,) = [s for s in plan.slides if s.topic == "Points à arbitrer"]
    cells = [cell for table in slide.tables() for row in table.rows for cell in row]
    assert "Pilotage" in cells and "Mesurer chaque standard" in cells
    assert any("Délai moyen de remboursement" in cell for cell in cells)
    assert not any("deck.settle" in cell or "section." in cell for cell in cells)
