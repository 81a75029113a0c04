"""What the measurements say: directions, values by period, a KPI's progress.

A standard's threshold means nothing without a direction: 90 % of refunds
in 2 days is to be reached (at least), 3 minutes of waiting is not to be
exceeded (at most). The file may state it (``Standard.direction``); when it
does not, the unit says it: a duration is a maximum, anything else
(a rate, a score, points) a minimum. A KPI has no direction field: its
target below its baseline says the value must fall.

A KPI's progress is the share of the way from its baseline to its target
covered by a value; the expected progress at a period grows linearly from
the baseline's period (else the KPI's first measurement) to the end of its
horizon. A KPI below that line is off track. The scorecard and the health
checks (CX5xx) read these; nothing here imports from them.
"""

from __future__ import annotations

import re

from cxkit import periods
from cxkit.model import Engagement, Kpi, Measurement, Standard
from cxkit.text import fold
from cxkit.vocab import Direction

# Units that are durations, folded (lower case, no accents): a standard on one is a maximum.
DURATION_UNITS = frozenset(
    {
        "seconde",
        "secondes",
        "second",
        "seconds",
        "sec",
        "s",
        "minute",
        "minutes",
        "min",
        "mn",
        "heure",
        "heures",
        "hour",
        "hours",
        "h",
        "jour",
        "jours",
        "day",
        "days",
        "j",
        "semaine",
        "semaines",
        "week",
        "weeks",
        "mois",
        "month",
        "months",
    }
)


def is_duration(unit: str | None) -> bool:
    """Whether a unit is a duration ("minutes", "jours ouvrés", "h", "min.")."""
    if not unit:
        return False
    words = re.findall(r"[a-z]+", fold(unit))
    return bool(words) and words[0] in DURATION_UNITS


def direction_of(item: Standard | Kpi) -> Direction:
    """Whether the measured value must reach (at-least) or stay under (at-most) the level.

    A standard: its ``direction``, else at-most for a duration unit and
    at-least otherwise. A KPI: at-most when its target is below its
    baseline, at-least when above; without both, as a standard of its unit.
    """
    if isinstance(item, Standard):
        if item.direction:
            return item.direction
    elif item.baseline is not None and item.target is not None and item.target != item.baseline:
        return "at-most" if item.target < item.baseline else "at-least"
    return "at-most" if is_duration(item.unit) else "at-least"


def meets(value: float, threshold: float, direction: Direction) -> bool:
    """Whether a value holds a threshold in its direction (exactly at it holds)."""
    return value <= threshold if direction == "at-most" else value >= threshold


def values_by_period(engagement: Engagement, of: str) -> dict[str, float]:
    """The measured values of one standard or KPI, by period, oldest first."""
    found = {m.period: float(m.value) for m in engagement.measurements if m.of == of}
    return {p: found[p] for p in periods.ordered(list(found))}


def measured_ids(engagement: Engagement) -> set[str]:
    """The ids of the standards and KPIs that have at least one measurement."""
    return {m.of for m in engagement.measurements}


def merge(old: list[Measurement], new: list[Measurement]) -> list[Measurement]:
    """``old`` with ``new`` added, a new value replacing the old one of the same (of, period).

    A replaced value keeps its place, so importing the same values again
    (from another export's order) changes nothing and stores no revision.
    """
    fresh = {(m.of, m.period): m for m in new}
    kept = [fresh.pop((m.of, m.period), m) for m in old]
    return kept + list(fresh.values())


# --- KPIs: progress from baseline towards target ------------------------------------


def progress(kpi: Kpi, value: float) -> float | None:
    """The share of the way from baseline to target a value covers (1.0: reached; may exceed)."""
    if kpi.baseline is None or kpi.target is None or kpi.target == kpi.baseline:
        return None
    return (value - float(kpi.baseline)) / (float(kpi.target) - float(kpi.baseline))


def expected_progress(kpi: Kpi, period: str, start: str | None = None) -> float | None:
    """The progress a straight line from the start to the horizon asks for at ``period``'s end.

    The line starts at the end of ``kpi.baseline_period``, else of ``start``
    (the KPI's first measured period); without a horizon there is no line.
    """
    origin = kpi.baseline_period or start
    if kpi.horizon is None or origin is None:
        return None
    begin = periods.end(origin)
    finish = periods.horizon_end(kpi.horizon)
    if finish <= begin:
        return 1.0
    elapsed = (periods.end(period) - begin).days / (finish - begin).days
    return min(1.0, max(0.0, elapsed))


def off_track(engagement: Engagement, kpi: Kpi, period: str) -> bool | None:
    """Whether the KPI's value at ``period`` is below the expected progress (None: cannot tell)."""
    values = values_by_period(engagement, kpi.id)
    if period not in values:
        return None
    done = progress(kpi, values[period])
    expected = expected_progress(kpi, period, next(iter(values)))
    if done is None or expected is None:
        return None
    return done < 1.0 and done < expected
