"""What a measured value is held against: a standard's direction, and the measurements kept.

A standard's threshold means nothing without a direction: 90 % of refunds
in 2 days is to be reached (at least), 3 minutes of waiting is not to be
exceeded (at most). The file may state it (``Standard.direction``); when it
does not, the unit says it: a duration is a maximum, anything else
(a rate, a score, points) a minimum. A KPI has no direction field: its
target below its baseline says the value must fall.

A KPI's progress and trajectory are the scorecard's (:mod:`cxkit.scorecard`),
which builds on these; the health checks (CX5xx) read both.
"""

from __future__ import annotations

import re

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
