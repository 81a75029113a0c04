"""What measurements say: a standard's direction, a value against a threshold, a KPI's progress."""

from __future__ import annotations

import pytest

from cxkit.measures import (
    direction_of,
    expected_progress,
    is_duration,
    meets,
    merge,
    off_track,
    progress,
    values_by_period,
)
from cxkit.model import Engagement, Kpi, Measurement, Standard
from tests.measured_demo import measured_demo, planned_demo


def _std(unit: str | None, direction: str | None = None) -> Standard:
    return Standard.model_validate(
        {"id": "s", "statement": "S", "threshold": 3, "unit": unit, "direction": direction}
    )


@pytest.mark.parametrize(
    ("unit", "direction"),
    [
        ("minutes", "at-most"),
        ("min", "at-most"),
        ("Min.", "at-most"),
        ("heures", "at-most"),
        ("h", "at-most"),
        ("jours ouvrés", "at-most"),
        ("days", "at-most"),
        ("secondes", "at-most"),
        ("%", "at-least"),
        ("points", "at-least"),
        ("/7", "at-least"),
        ("/10", "at-least"),
        ("note sur 5", "at-least"),
        (None, "at-least"),
    ],
)
def test_a_standards_direction_defaults_from_its_unit(unit: str | None, direction: str) -> None:
    assert direction_of(_std(unit)) == direction
    assert is_duration(unit) is (direction == "at-most")


def test_a_stated_direction_wins_over_the_unit() -> None:
    assert direction_of(_std("minutes", "at-least")) == "at-least"
    assert direction_of(_std("%", "at-most")) == "at-most"


def test_the_demos_standards_read_as_the_method_means_them(demo: Engagement) -> None:
    found = {s.id: direction_of(s) for s in demo.referential.standards}
    assert found == {
        "std-remb": "at-least",
        "std-tel": "at-most",
        "std-courrier": "at-least",
        "std-hospi": "at-least",
    }


def test_a_kpis_direction_is_its_target_against_its_baseline(demo: Engagement) -> None:
    found = {k.id: direction_of(k) for k in demo.strategy.kpis}
    # delai-remb falls from 6.5 to 2 days; notoriete has no baseline and a % unit
    assert found["delai-remb"] == "at-most" and found["nps"] == "at-least"
    assert found["notoriete-engagement"] == "at-least"
    no_baseline = Kpi(id="k", name="K", unit="jours", target=2)
    assert direction_of(no_baseline) == "at-most"


@pytest.mark.parametrize(
    ("value", "threshold", "direction", "met"),
    [
        (91, 90, "at-least", True),
        (90, 90, "at-least", True),  # exactly at the threshold holds
        (89.9, 90, "at-least", False),
        (2.8, 3, "at-most", True),
        (3, 3, "at-most", True),
        (3.4, 3, "at-most", False),
    ],
)
def test_meets(value: float, threshold: float, direction: str, met: bool) -> None:
    assert meets(value, threshold, direction) is met  # type: ignore[arg-type]


def test_progress_from_baseline_towards_target_either_way() -> None:
    rising = Kpi(id="k", name="K", baseline=54, target=85)
    falling = Kpi(id="d", name="D", baseline=6.5, target=2)
    assert progress(rising, 54) == 0 and progress(rising, 85) == 1
    assert progress(rising, 69.5) == pytest.approx(0.5)
    assert progress(falling, 4.25) == pytest.approx(0.5)
    assert progress(falling, 7) == pytest.approx(-1 / 9)  # worse than the baseline
    assert progress(Kpi(id="n", name="N", target=3), 2) is None


def test_expected_progress_is_a_straight_line_to_the_horizons_end() -> None:
    kpi = Kpi(id="d", name="D", baseline=6.5, target=2, horizon=2027, baseline_period="2026-Q4")
    assert expected_progress(kpi, "2026-Q4") == 0
    assert expected_progress(kpi, "2027-Q2") == pytest.approx(181 / 365)
    assert expected_progress(kpi, "2027-Q4") == 1
    assert expected_progress(kpi, "2028-Q2") == 1  # past the horizon: all the way
    no_start = kpi.model_copy(update={"baseline_period": None})
    assert expected_progress(no_start, "2027-Q2") is None
    assert expected_progress(no_start, "2027-Q2", start="2027-Q1") == pytest.approx(91 / 275)
    assert expected_progress(kpi.model_copy(update={"horizon": None}), "2027-Q2") is None


def test_on_the_measured_demo_only_the_refund_delay_is_off_track() -> None:
    engagement = measured_demo()
    late = {
        k.id: [off_track(engagement, k, p) for p in ("2027-Q1", "2027-Q2", "2027-Q3")]
        for k in engagement.strategy.kpis
    }
    assert late == {
        "nps": [False, False, False],
        "delai-remb": [False, True, True],
        "joignabilite": [False, False, False],
        "ces-courriers": [False, False, False],
        "notoriete-engagement": [None, None, None],
    }
    assert off_track(planned_demo(), planned_demo().strategy.kpis[1], "2027-Q3") is None


def test_values_by_period_are_ordered_and_merge_replaces_a_period() -> None:
    engagement = measured_demo()
    assert values_by_period(engagement, "std-tel") == {
        "2027-Q1": 4.2,
        "2027-Q2": 3.4,
        "2027-Q3": 2.8,
    }
    old = [
        Measurement(of="a", period="2027-Q1", value=1),
        Measurement(of="a", period="2027-Q2", value=2),
    ]
    new = [Measurement(of="a", period="2027-Q2", value=5, source="BI")]
    assert merge(old, new) == [old[0], new[0]]
