"""What measurements say: a standard's direction, a value against a threshold, a KPI's progress."""

from __future__ import annotations

import pytest

from cxkit.measures import direction_of, is_duration, measured_ids, meets, merge
from cxkit.model import Engagement, Kpi, Measurement, Standard
from tests.scorecard_data import demo_with_its_files


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


def test_merge_replaces_a_period_in_place_and_adds_the_new() -> None:
    old = [
        Measurement(of="a", period="2027-Q1", value=1),
        Measurement(of="a", period="2027-Q2", value=2),
    ]
    new = [
        Measurement(of="b", period="2027-Q1", value=7),
        Measurement(of="a", period="2027-Q1", value=5, source="BI"),
    ]
    assert merge(old, new) == [new[1], old[1], new[0]]
    assert merge(merge(old, new), new) == merge(old, new)


def test_the_demo_files_measure_every_standard_but_one() -> None:
    measured = measured_ids(demo_with_its_files())
    assert "std-hospi" not in measured and {"std-remb", "std-tel", "std-courrier"} <= measured
