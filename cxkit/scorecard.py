"""The scorecard of a period: standards met or missed, KPIs on or off their trajectory.

Pure functions of the engagement's measurements (``Engagement.measurements``)
that the deck, the notebook and the health checks share, so they cannot
disagree. The rules, as a sponsor would check them by hand:

- **A standard** is *met* when the period's value is at least its threshold
  (at most, for a standard whose direction is ``at-most``: a waiting time); a
  value exactly at the threshold meets it. Without a value for the period, or
  without a threshold, it is *no data*. Its *trend* compares the period's value
  with the first value measured in the window (the period and the
  :data:`WINDOW` - 1 before it): *flat* within :data:`FLAT` of the threshold.
- **A KPI** starts from its baseline (the declared ``baseline``, else the value
  measured at ``baseline_period``, else its first measured value) at its start
  (``baseline_period``, else its first measured period) and aims at its
  ``target`` by its horizon (``Kpi.horizon``, else the ambition's; a year means
  its end). Its *progress* is the share of the way covered, (value - baseline) /
  (target - baseline), so a falling target (a delay to cut) reads like a rising
  one; its *expected* progress grows linearly with time from start to horizon.
  Verdict: *reached* once the value is at the target or beyond, else *on track*
  when progress >= expected, else *off track*; *no data* without a value for the
  period or without a target. Without any horizon, on track means moving the
  right way at all.
- **A pillar is off track** when one of its standards is missed or one of its
  KPIs is off track (a KPI of no pillar measures the ambition as a whole); on
  track when something of it was measured and nothing is; else *no data*.

A quarter's value is the quarter's own measurement, else the last month measured
within it (a KPI measured monthly on a quarterly scorecard).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cxkit.errors import NotFound
from cxkit.i18n import resolve_lang
from cxkit.measures import direction_of, meets
from cxkit.model import Engagement, Kpi, Measurement, Pillar, Standard
from cxkit.periods import end, horizon_end, is_period, ordered, previous, start
from cxkit.vocab import Direction

StandardVerdict = Literal["met", "missed", "no-data"]
KpiVerdict = Literal["reached", "on-track", "off-track", "no-data"]
Trend = Literal["up", "down", "flat"]

WINDOW = 4
"""Periods a trend looks at: the period and the three before it."""
FLAT = 0.01
"""A change smaller than this share of the threshold (or of the value) is no change."""


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def window(period: str, size: int = WINDOW) -> tuple[str, ...]:
    """``period`` and the ``size - 1`` periods of its kind before it, oldest first."""
    return tuple(previous(period, n) for n in reversed(range(size)))


# --- what was measured ------------------------------------------------------------------


def measured_periods(engagement: Engagement) -> list[str]:
    """Every period with a measurement, in time order."""
    return ordered({m.period for m in engagement.measurements})


def value_at(measurements: Sequence[Measurement], of: str, period: str) -> float | None:
    """The value of ``of`` for ``period``: its own measurement, else the last one within it."""
    first, last = start(period), end(period)
    inside = []
    for m in measurements:
        if m.of != of:
            continue
        if m.period == period:
            return float(m.value)
        if first <= start(m.period) and end(m.period) <= last:
            inside.append((end(m.period), float(m.value)))
    return max(inside)[1] if inside else None


def _history(
    measurements: Sequence[Measurement], of: str, period: str
) -> tuple[tuple[str, float | None], ...]:
    return tuple((p, value_at(measurements, of, p)) for p in window(period))


def _trend(history: Sequence[tuple[str, float | None]], scale: float | None) -> Trend | None:
    values = [v for _, v in history if v is not None]
    if len(values) < 2 or history[-1][1] is None:
        return None
    delta = values[-1] - values[0]
    tolerance = FLAT * abs(scale if scale else values[0])
    if abs(delta) <= tolerance:
        return "flat"
    return "up" if delta > 0 else "down"


# --- standards ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardStatus:
    standard: Standard
    direction: Direction
    value: float | None
    verdict: StandardVerdict
    history: tuple[tuple[str, float | None], ...]
    """The window's periods, oldest first, each with its value (None: not measured)."""
    trend: Trend | None

    @property
    def improving(self) -> bool | None:
        """Whether the trend goes the standard's way (a waiting time going down does)."""
        if self.trend is None or self.trend == "flat":
            return None
        return (self.trend == "up") == (self.direction == "at-least")


def standard_status(engagement: Engagement, standard: Standard, period: str) -> StandardStatus:
    direction: Direction = direction_of(standard)
    history = _history(engagement.measurements, standard.id, period)
    value = history[-1][1]
    threshold = standard.threshold
    verdict: StandardVerdict = "no-data"
    if value is not None and threshold is not None:
        verdict = "met" if meets(value, float(threshold), direction) else "missed"
    scale = float(threshold) if threshold else None
    return StandardStatus(standard, direction, value, verdict, history, _trend(history, scale))


# --- KPIs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiStatus:
    kpi: Kpi
    direction: Direction
    baseline: float | None
    start: str | None
    """The period the trajectory starts from."""
    horizon: int | str | None
    """By when the target is due (a year or a period), if known."""
    value: float | None
    progress: float | None
    """The share of the way from baseline to target covered (beyond 1: past the target)."""
    expected: float | None
    """The share a straight line from start to horizon would have covered by the period."""
    verdict: KpiVerdict
    history: tuple[tuple[str, float | None], ...]


def _first_measured(measurements: Sequence[Measurement], of: str) -> Measurement | None:
    mine = [m for m in measurements if m.of == of]
    return min(mine, key=lambda m: start(m.period)) if mine else None


def _horizon(engagement: Engagement, kpi: Kpi) -> int | str | None:
    """The KPI's horizon, else the ambition's when it is a year or a period."""
    if kpi.horizon is not None:
        return kpi.horizon
    ambition = engagement.strategy.ambition
    horizon = ambition.horizon if ambition else None
    if isinstance(horizon, int) or (isinstance(horizon, str) and is_period(horizon)):
        return horizon
    return None


def expected_progress(begin: str, horizon: int | str, period: str) -> float:
    """The share of the months from ``begin``'s end to ``horizon``'s end gone by ``period``'s
    end (0 before the start, 1 at and after the horizon)."""
    first, last, now = _month(end(begin)), _month(horizon_end(horizon)), _month(end(period))
    if last <= first:
        return 1.0
    return min(1.0, max(0.0, (now - first) / (last - first)))


def kpi_status(engagement: Engagement, kpi: Kpi, period: str) -> KpiStatus:
    measurements = engagement.measurements
    first = _first_measured(measurements, kpi.id)
    begin = kpi.baseline_period or (first.period if first else None)
    baseline: float | None = float(kpi.baseline) if kpi.baseline is not None else None
    if baseline is None and begin is not None:
        baseline = value_at(measurements, kpi.id, begin)
    history = _history(measurements, kpi.id, period)
    value = history[-1][1]
    horizon = _horizon(engagement, kpi)
    target = float(kpi.target) if kpi.target is not None else None
    direction: Direction = direction_of(kpi)
    if kpi.baseline is None and baseline is not None and target is not None and target != baseline:
        direction = "at-most" if target < baseline else "at-least"  # from the first measure
    progress = expected = None
    verdict: KpiVerdict = "no-data"
    if value is not None and target is not None and baseline is not None:
        span = target - baseline
        progress = (value - baseline) / span if span else (1.0 if value == target else 0.0)
        if begin is not None and horizon is not None:
            expected = expected_progress(begin, horizon, period)
        if meets(value, target, direction):
            verdict = "reached"
        elif expected is not None:
            verdict = "on-track" if progress >= expected else "off-track"
        else:
            verdict = "on-track" if progress > 0 else "off-track"
    return KpiStatus(
        kpi, direction, baseline, begin, horizon, value, progress, expected, verdict, history
    )


def kpi_off_track_running(
    engagement: Engagement, kpi: Kpi, runs: int = 2
) -> tuple[str, ...] | None:
    """The ``runs`` consecutive periods, up to the KPI's last measured one, in which it is off
    track each time (the health check "off track two periods running"), else None: a KPI
    measured fewer times, or with a gap among those periods, is not judged."""
    measured = ordered({m.period for m in engagement.measurements if m.of == kpi.id})
    if not measured:
        return None
    last = measured[-1]
    run = window(last, runs)
    if not set(run) <= set(measured):
        return None
    if all(kpi_status(engagement, kpi, p).verdict == "off-track" for p in run):
        return run
    return None


def kpis_off_track_running(engagement: Engagement, runs: int = 2) -> list[Kpi]:
    """The KPIs off track in each of their last ``runs`` periods (see :func:`kpi_off_track_running`)."""
    return [k for k in engagement.strategy.kpis if kpi_off_track_running(engagement, k, runs)]


# --- the whole card ------------------------------------------------------------------------


@dataclass(frozen=True)
class PillarStatus:
    pillar: Pillar
    missed: tuple[StandardStatus, ...]
    off_track: tuple[KpiStatus, ...]
    measured: bool = True
    """Whether any of its standards or KPIs has a verdict: "on track" needs evidence."""

    @property
    def verdict(self) -> Literal["off-track", "on-track", "no-data"]:
        if self.missed or self.off_track:
            return "off-track"
        return "on-track" if self.measured else "no-data"


@dataclass(frozen=True)
class Scorecard:
    period: str
    standards: tuple[StandardStatus, ...]
    kpis: tuple[KpiStatus, ...]
    pillars: tuple[PillarStatus, ...]
    """Every pillar with what puts it off track (nothing, for a pillar on track)."""

    @property
    def pillars_off_track(self) -> tuple[PillarStatus, ...]:
        return tuple(p for p in self.pillars if p.missed or p.off_track)

    def standards_with(self, *verdicts: StandardVerdict) -> list[StandardStatus]:
        return [s for s in self.standards if s.verdict in verdicts]

    def kpis_with(self, *verdicts: KpiVerdict) -> list[KpiStatus]:
        return [k for k in self.kpis if k.verdict in verdicts]


def scorecard(engagement: Engagement, period: str) -> Scorecard:
    """The scorecard of ``period`` (a valid period: see :func:`check_period`)."""
    standards = tuple(
        standard_status(engagement, s, period) for s in engagement.referential.standards
    )
    kpis = tuple(kpi_status(engagement, k, period) for k in engagement.strategy.kpis)
    pillars = []
    for p in engagement.strategy.pillars:
        mine = [s for s in standards if p.id in s.standard.pillars]
        theirs = [k for k in kpis if p.id in k.kpi.pillars]
        pillars.append(
            PillarStatus(
                p,
                tuple(s for s in mine if s.verdict == "missed"),
                tuple(k for k in theirs if k.verdict == "off-track"),
                any(s.verdict != "no-data" for s in mine)
                or any(k.verdict != "no-data" for k in theirs),
            )
        )
    return Scorecard(period, standards, kpis, tuple(pillars))


def measured_in(engagement: Engagement, period: str) -> bool:
    """Whether anything was measured for ``period`` (a month within a quarter counts)."""
    first, last = start(period), end(period)
    return any(first <= start(m.period) and end(m.period) <= last for m in engagement.measurements)


def check_period(engagement: Engagement, period: str | None, lang: str | None = None) -> str:
    """The canonical period a scorecard is asked for, else the latest one measured.

    Refused, in the user's language and naming the periods measured: an
    engagement without measurements, a text that is no period, a period
    without any measurement.
    """
    from cxkit.periods import label, parse_period

    measured = measured_periods(engagement)
    info = engagement.engagement
    if not measured:
        raise NotFound("scorecard.error.no_measurements", lang, client=info.client, id=info.id)
    if period is None:
        return measured[-1]
    named = ", ".join(label(p, resolve_lang(lang)) for p in measured)
    canonical = parse_period(period)
    if canonical is None:
        raise NotFound("scorecard.error.not_a_period", lang, period=period, periods=named)
    if not measured_in(engagement, canonical):
        shown = label(canonical, resolve_lang(lang))
        raise NotFound("scorecard.error.unmeasured", lang, period=shown, periods=named)
    return canonical
