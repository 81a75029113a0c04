"""Measurement periods: the spellings exports use, order, steps back, labels."""

from __future__ import annotations

import datetime as dt

import pytest

from cxkit import periods


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("2027-Q1", "2027-Q1"),
        ("2027-q3", "2027-Q3"),
        ("T1 2027", "2027-Q1"),
        ("Q4-2026", "2026-Q4"),
        ("2027 T2", "2027-Q2"),
        ("2027T2", "2027-Q2"),
        ("2027-01", "2027-01"),
        ("2027/1", "2027-01"),
        ("01/2027", "2027-01"),
        ("12-2026", "2026-12"),
        ("janvier 2027", "2027-01"),
        ("Janv. 2027", "2027-01"),
        ("février 2027", "2027-02"),
        ("Fevrier 2027", "2027-02"),
        ("August 2027", "2027-08"),
        ("sept 2027", "2027-09"),
        (dt.date(2027, 3, 1), "2027-03"),
        (dt.datetime(2027, 11, 30, 0, 0), "2027-11"),
    ],
)
def test_an_export_spelling_is_read_as_its_period(written: object, period: str) -> None:
    assert periods.parse_period(written) == period
    assert periods.is_period(period)


@pytest.mark.parametrize(
    "written", ["2027-Q5", "2027-13", "2027", "T1", "", "  ", "Q1 27", 2027, None]
)
def test_what_is_not_a_period_is_none(written: object) -> None:
    assert periods.parse_period(written) is None


def test_previous_and_following_stay_in_their_kind() -> None:
    assert periods.previous("2027-Q1") == "2026-Q4"
    assert periods.previous("2027-Q3", 2) == "2027-Q1"
    assert periods.previous("2027-01") == "2026-12"
    assert periods.previous("2027-03", 14) == "2026-01"
    assert periods.following("2026-Q4") == "2027-Q1"
    assert periods.ordinal("2027-Q2") - periods.ordinal("2026-Q4") == 2


def test_periods_order_by_when_they_start() -> None:
    assert periods.ordered(["2027-Q2", "2026-Q4", "2027-Q1", "2027-Q1"]) == [
        "2026-Q4",
        "2027-Q1",
        "2027-Q2",
    ]
    assert periods.ordered(["2027-02", "2027-Q1", "2026-12"]) == ["2026-12", "2027-Q1", "2027-02"]


def test_start_end_and_a_horizon_year_means_its_end() -> None:
    assert periods.start("2027-Q2") == dt.date(2027, 4, 1)
    assert periods.end("2027-Q1") == dt.date(2027, 3, 31)
    assert periods.end("2028-02") == dt.date(2028, 2, 29)
    assert periods.horizon_end(2028) == dt.date(2028, 12, 31)
    assert periods.horizon_end("2028-Q2") == dt.date(2028, 6, 30)


def test_labels_speak_the_language() -> None:
    assert periods.label("2027-Q1", "fr") == "T1\u00a02027"
    assert periods.label("2027-Q1", "en") == "Q1\u00a02027"
    assert periods.label("2027-01", "fr") == "janvier\u00a02027"
    assert periods.label("2027-08", "en") == "August\u00a02027"


def test_split_refuses_what_is_not_canonical() -> None:
    with pytest.raises(ValueError):
        periods.split("T1 2027")
