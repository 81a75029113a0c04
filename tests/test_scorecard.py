"""The scorecard's verdicts on hand-checked cases (issue 15, part D).

Each expected figure below was worked out by hand from the rule in the
module's docstring, not read back from the code.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxkit.document import load_demo
from cxkit.errors import NotFound
from cxkit.model import Engagement, Measurement
from cxkit.scorecard import (
    check_period,
    expected_progress,
    kpi_off_track_running,
    kpi_status,
    kpis_off_track_running,
    scorecard,
    standard_status,
    value_at,
)

PERIOD = "2027-Q1"


def _with(measures: dict[str, list[float | None]], **kpi_fields: dict[str, Any]) -> Engagement:
    """The demo with ``measures`` (id -> values for 2026-Q2 .. 2027-Q1, None: not measured)
    and KPI fields changed (id -> {field: value})."""
    quarters = ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
    data = load_demo().model_dump(mode="json", exclude_none=True)
    data["measurements"] = [
        {"of": of, "period": p, "value": v}
        for of, values in measures.items()
        for p, v in zip(quarters, values, strict=True)
        if v is not None
    ]
    for kpi in data["strategy"]["kpis"]:
        kpi.update(kpi_fields.get(kpi["id"].replace("-", "_"), {}))
    return Engagement.model_validate(data)


def _std(e: Engagement, sid: str) -> Any:
    return standard_status(e, next(s for s in e.referential.standards if s.id == sid), PERIOD)


def _kpi(e: Engagement, kid: str, period: str = PERIOD) -> Any:
    return kpi_status(e, next(k for k in e.strategy.kpis if k.id == kid), period)


# --- standards -----------------------------------------------------------------------------


def test_a_standard_at_or_above_its_threshold_is_met_below_it_missed() -> None:
    e = _with({"std-remb": [None, None, None, 92]})
    assert (_std(e, "std-remb").verdict, _std(e, "std-remb").value) == ("met", 92.0)
    e = _with({"std-remb": [None, None, None, 84]})
    assert _std(e, "std-remb").verdict == "missed"


def test_a_value_exactly_at_the_threshold_meets_it_either_way() -> None:
    assert _std(_with({"std-remb": [None, None, None, 90]}), "std-remb").verdict == "met"
    assert _std(_with({"std-tel": [None, None, None, 3]}), "std-tel").verdict == "met"


def test_a_waiting_time_is_met_at_most_its_threshold() -> None:
    """std-tel: "no member waits more than 3 minutes" (unit minutes: at most)."""
    met = _std(_with({"std-tel": [None, None, None, 2.5]}), "std-tel")
    assert (met.direction, met.verdict) == ("at-most", "met")
    assert _std(_with({"std-tel": [None, None, None, 3.5]}), "std-tel").verdict == "missed"


def test_a_standard_not_measured_in_the_period_has_no_data() -> None:
    e = _with({"std-remb": [88, 87, 86, None]})  # measured before, not in 2027-Q1
    status = _std(e, "std-remb")
    assert (status.verdict, status.value, status.trend) == ("no-data", None, None)
    assert _std(e, "std-courrier").verdict == "no-data"  # never measured


def test_the_trend_compares_the_period_with_the_first_value_of_the_window() -> None:
    e = _with(
        {
            "std-remb": [88, 87, 86, 84],  # down, the wrong way for an at-least standard
            "std-tel": [4, None, 3.2, 2.8],  # down, the right way for an at-most one
            "std-hospi": [None, 95, 95.5, 95.9],  # +0.9 within 1 % of 95: flat
        }
    )
    remb, tel, hospi = (_std(e, s) for s in ("std-remb", "std-tel", "std-hospi"))
    assert [v for _, v in remb.history] == [88, 87, 86, 84]
    assert [p for p, _ in tel.history] == ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
    assert (remb.trend, remb.improving) == ("down", False)
    assert (tel.trend, tel.improving) == ("down", True)
    assert (hospi.trend, hospi.improving) == ("flat", None)


def test_a_quarter_takes_the_last_month_measured_within_it() -> None:
    measures = [
        Measurement(of="std-remb", period="2027-01", value=80),
        Measurement(of="std-remb", period="2027-03", value=91),
        Measurement(of="std-remb", period="2027-04", value=70),
    ]
    assert value_at(measures, "std-remb", "2027-Q1") == 91
    assert value_at(measures, "std-remb", "2027-02") is None


# --- KPIs ----------------------------------------------------------------------------------


def test_the_expected_progress_is_a_straight_line_from_start_to_horizon() -> None:
    # end of June 2026 -> end of December 2027: 18 months; by end of March 2027, 9 gone.
    assert expected_progress("2026-Q2", 2027, "2027-Q1") == pytest.approx(0.5)
    assert expected_progress("2026-Q2", 2027, "2026-Q2") == 0
    assert expected_progress("2026-Q2", "2026-Q4", "2027-Q1") == 1  # past the horizon


def test_a_kpi_with_a_falling_target_progresses_as_it_falls() -> None:
    """delai-remb: 6.5 days down to 2 by the end of 2027, from 2026-Q2: half the time gone by
    2027-Q1, so 4.25 days (half the way: 2.25 of 4.5) is on track, 4.5 days is not."""
    fields = {"delai_remb": {"horizon": 2027, "baseline_period": "2026-Q2"}}
    on = _kpi(_with({"delai-remb": [6.5, 5.8, 5, 4.25]}, **fields), "delai-remb")
    assert on.direction == "at-most"
    assert (on.progress, on.expected, on.verdict) == (pytest.approx(0.5), 0.5, "on-track")
    off = _kpi(_with({"delai-remb": [6.5, 5.8, 5, 4.5]}, **fields), "delai-remb")
    assert off.progress == pytest.approx(2 / 4.5)
    assert off.verdict == "off-track"


def test_a_kpi_at_or_past_its_target_is_reached() -> None:
    """joignabilite: 54 % towards 85 %."""
    reached = _kpi(_with({"joignabilite": [60, 70, 80, 86]}), "joignabilite")
    assert reached.verdict == "reached"
    assert reached.progress == pytest.approx(32 / 31)
    falling = _kpi(_with({"delai-remb": [6, 4, 3, 2]}), "delai-remb")
    assert falling.verdict == "reached"


def test_a_kpi_without_a_baseline_falling_from_its_first_measure_aims_at_most() -> None:
    """A share to bring down from 40 % (first measure) to 30 %: its % unit says nothing."""
    status = _kpi(
        _with({"notoriete-engagement": [40, 38, 36, 30]}, notoriete_engagement={"target": 30}),
        "notoriete-engagement",
    )
    assert (status.direction, status.verdict) == ("at-most", "reached")


def test_a_kpi_without_a_declared_baseline_starts_from_its_first_measure() -> None:
    """notoriete-engagement has no baseline: 10 % measured in 2026-Q2, target 30 %, horizon
    the ambition's (2029): 9 of 42 months gone by 2027-Q1, a quarter of the way covered."""
    status = _kpi(_with({"notoriete-engagement": [10, None, 12, 15]}), "notoriete-engagement")
    assert (status.baseline, status.start, status.horizon) == (10, "2026-Q2", 2029)
    assert status.progress == pytest.approx(0.25)
    assert status.expected == pytest.approx(9 / 42)
    assert status.verdict == "on-track"


def test_a_kpi_not_measured_in_the_period_has_no_data() -> None:
    e = _with({"nps": [9, 10, 12, None]})
    assert _kpi(e, "nps").verdict == "no-data"
    assert _kpi(e, "ces-courriers").verdict == "no-data"
    assert _kpi(e, "nps", "2026-Q4").verdict in ("on-track", "off-track")


def test_kpis_off_track_two_periods_running() -> None:
    """delai-remb (horizon end of 2027, from 2026-Q2): 2026-Q4 expects 1/3 of the way
    (6 of 18 months), 2027-Q1 half; 6 then 5.5 days cover 1/9 then 2/9: off track twice.
    joignabilite falls back only in the last period (a single run)."""
    fields = {
        "delai_remb": {"horizon": 2027, "baseline_period": "2026-Q2"},
        "joignabilite": {"horizon": 2027, "baseline_period": "2026-Q2"},
    }
    e = _with(
        {
            "delai-remb": [6.5, 6.5, 6, 5.5],
            "joignabilite": [54, 64, 70, 68],
            "ces-courriers": [4.1, 4.1, None, 4.1],  # off track, but a gap: not "running"
        },
        **fields,
        ces_courriers={"horizon": 2027, "baseline_period": "2026-Q2"},
    )
    assert [k.id for k in kpis_off_track_running(e)] == ["delai-remb"]
    remb = next(k for k in e.strategy.kpis if k.id == "delai-remb")
    assert kpi_off_track_running(e, remb) == ("2026-Q4", "2027-Q1")
    assert _kpi(e, "ces-courriers").verdict == "off-track"
    assert _kpi(e, "joignabilite", "2026-Q4").verdict == "on-track"  # 16/31 >= 1/3
    assert _kpi(e, "joignabilite").verdict == "off-track"  # 14/31 < 1/2


# --- the card ------------------------------------------------------------------------------


def test_the_pillars_off_track_are_those_of_a_missed_standard_or_a_late_kpi() -> None:
    fields = {"ces_courriers": {"horizon": 2027, "baseline_period": "2026-Q2"}}
    e = _with(
        {
            "std-remb": [88, 87, 86, 84],  # missed: fiable
            "std-tel": [4, 3.5, 3, 2.8],  # met: proche
            "ces-courriers": [4.1, 4.1, 4.2, 4.3],  # 0.2 of 1.4 < 0.5: clair off track
            "nps": [9, 12, 14, 20],  # the ambition as a whole: no pillar
        },
        **fields,
    )
    card = scorecard(e, PERIOD)
    off = {p.pillar.id: p for p in card.pillars_off_track}
    assert sorted(off) == ["clair", "fiable"]
    assert [s.standard.id for s in off["fiable"].missed] == ["std-remb"]
    assert [k.kpi.id for k in off["clair"].off_track] == ["ces-courriers"]
    assert len(card.pillars) == len(e.strategy.pillars)


def test_the_period_asked_for_is_read_checked_or_the_latest() -> None:
    e = _with({"std-remb": [88, 87, None, 84]})
    assert check_period(e, None) == "2027-Q1"
    assert check_period(e, "T3 2026") == "2026-Q3"
    with pytest.raises(NotFound) as unmeasured:
        check_period(e, "2026-Q4", "fr")
    assert unmeasured.value.message() == (
        "Aucune mesure pour T4\u00a02026. Périodes mesurées\u00a0: T2\u00a02026, T3\u00a02026, T1\u00a02027."
    )
    with pytest.raises(NotFound) as wrong:
        check_period(e, "2027-T5", "en")
    assert "“2027-T5” is not a period" in wrong.value.message()
    with pytest.raises(NotFound) as empty:
        check_period(load_demo(), None, "fr")
    assert "Horizon Mutuelle n'a encore aucune mesure" in empty.value.message()


def test_a_pillar_with_nothing_measured_has_no_data_not_on_track() -> None:
    """engage is served by one KPI (notoriete-engagement) and no standard."""
    card = scorecard(_with({"std-remb": [None, None, None, 92]}), PERIOD)
    verdicts = {p.pillar.id: p.verdict for p in card.pillars}
    assert verdicts == {
        "fiable": "on-track",  # std-remb met, nothing else measured
        "proche": "no-data",
        "clair": "no-data",
        "engage": "no-data",
    }
