"""The 2×2 prioritisation matrix's rule: where a lead falls, and what priority and horizon follow.

Participants place each action lead on two whole scales from 1 to
:data:`SCALE` (4): its **impact** (vertical) and its **ease** (horizontal).
Four levels and no middle one: every placement falls clearly in one half of
each axis (1–2 low, 3–4 high), and four steps are few enough for a thumb.
The room's answer for a lead is the **median** of its placements on each
axis (one outlier does not move it). A median exactly on the middle line
(2.5, a room split in two) counts for the lower half: a lead is called
"high impact" or "easy" only when more than half the room says so.

The four quadrants, in the method's words:

============  ===============  ==================
              hard (ease ≤ 2.5)  easy (ease > 2.5)
============  ===============  ==================
high impact   major projects   quick wins
low impact    thankless tasks  fill-ins
============  ===============  ==================

The facilitator's "apply" turns each placed lead's medians into its
``priority`` and ``horizon`` (:func:`verdict`): impact first (a lead of
low impact is ``low`` whatever its ease), then, among those of high impact,
the easy ones first (quick wins ``high``, major projects ``medium``). The
horizon follows the ease alone: median ease 3 or more, short term; from 2
to below 3, medium term; below 2, long term. The horizon is written as words
in the engagement's language ("court terme", "short term"), not as a
period: what "short" means (6 months? a year?) is the client's to say.

Pure functions, no store and no widgets: tested on hand-checked cases.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from cxkit.i18n import t

SCALE = 4
"""Impact and ease are whole numbers from 1 to SCALE."""
MIDDLE = (1 + SCALE) / 2
"""The line between the low and the high half of an axis (2.5)."""
SHORT_FROM = 3.0
"""A median ease from here up: short term."""
MEDIUM_FROM = 2.0
"""A median ease from here (below SHORT_FROM): medium term; below: long term."""

Quadrant = Literal["quick-wins", "major-projects", "fill-ins", "thankless-tasks"]
Term = Literal["short", "medium", "long"]
QUADRANTS: tuple[str, ...] = get_args(Quadrant)
TERMS: tuple[str, ...] = get_args(Term)
PRIORITY: dict[str, str] = {
    "quick-wins": "high",
    "major-projects": "medium",
    "fill-ins": "low",
    "thankless-tasks": "low",
}
"""The priority (the model's high/medium/low) of a lead whose medians fall in a quadrant."""


def on_scale(value: object) -> bool:
    """A whole number from 1 to SCALE (3 or 3.0; not True, 2.5 or "3")."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value == value  # not NaN
        and float(value).is_integer()
        and 1 <= value <= SCALE
    )


def median(values: Iterable[float]) -> float | None:
    """The median of a lead's placements on one axis; None when there are none."""
    found = list(values)
    return float(statistics.median(found)) if found else None


def quadrant(impact: float, ease: float) -> Quadrant:
    """The quadrant of a point (medians included): the middle line counts for the lower half."""
    high, easy = impact > MIDDLE, ease > MIDDLE
    if high:
        return "quick-wins" if easy else "major-projects"
    return "fill-ins" if easy else "thankless-tasks"


def term(ease: float) -> Term:
    """The horizon's term from a median ease."""
    if ease >= SHORT_FROM:
        return "short"
    if ease >= MEDIUM_FROM:
        return "medium"
    return "long"


@dataclass(frozen=True)
class Verdict:
    """What the room's placements say of one lead."""

    impact: float
    """Median impact."""
    ease: float
    """Median ease."""
    count: int
    """Placements it rests on."""

    @property
    def quadrant(self) -> Quadrant:
        return quadrant(self.impact, self.ease)

    @property
    def priority(self) -> str:
        return PRIORITY[self.quadrant]

    @property
    def term(self) -> Term:
        return term(self.ease)

    def horizon(self, lang: str | None) -> str:
        """The horizon as written into the lead: the term's words in ``lang``."""
        return horizon_words(self.term, lang)


def verdict(placements: Iterable[tuple[float, float]]) -> Verdict | None:
    """The medians of a lead's ``(impact, ease)`` placements; None when it has none."""
    points = list(placements)
    impact, ease = median(p[0] for p in points), median(p[1] for p in points)
    if impact is None or ease is None:
        return None
    return Verdict(impact, ease, len(points))


def horizon_words(which: str, lang: str | None) -> str:
    """ "court terme", "medium term"…: the words a term is written with."""
    return t(f"matrix.term.{which}", lang)


def quadrant_name(which: str, lang: str | None) -> str:
    """ "Gains rapides", "Major projects"…: a quadrant in the method's words."""
    return t(f"matrix.quadrant.{which}", lang)
