"""The deck's parts, one module per part of the method, registered in the method's order.

Each part lists its builders; a builder returns no slide when its part is
empty in a draft, and a part with no slide gets no divider either. Adding a
slide is one builder in its part's module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cxkit.deck.context import Context
from cxkit.deck.parts import (
    appendix,
    collection,
    decisions,
    devices,
    environment,
    opening,
    referential,
    strategy,
)
from cxkit.deck.plan import SlidePlan

SlideBuilder = Callable[[Context], list[SlidePlan]]


@dataclass(frozen=True)
class DeckPart:
    """One part of the deck: its key (the method's section name) and its builders."""

    key: str
    builders: tuple[SlideBuilder, ...]
    divider: bool = True
    """Whether the part opens with a divider slide (in the agenda too)."""


DECK_PARTS: tuple[DeckPart, ...] = (
    DeckPart("cover", (opening.cover,), divider=False),
    DeckPart("method", (opening.method,), divider=False),
    DeckPart(
        "environment",
        (environment.customer_vision, environment.company_vision, environment.market_vision),
    ),
    DeckPart(
        "collection",
        (
            collection.interviews,
            collection.themes,
            collection.chosen_verbatims,
            collection.benchmark,
        ),
    ),
    DeckPart("strategy", (strategy.ambition, strategy.pillars, strategy.kpis)),
    DeckPart("devices", (devices.matrix, devices.roadmap)),
    DeckPart(
        "referential",
        (
            referential.promise,
            referential.standards,
            referential.postures,
            referential.rituals,
            referential.perimeter,
        ),
    ),
    DeckPart("validation", (decisions.validation, decisions.points_to_settle)),
    DeckPart("appendix", (appendix.appendix_interviews, appendix.appendix_workshops)),
)
"""The parts of the deck in the method's order; each builder adds its slides."""

__all__ = ["DECK_PARTS", "DeckPart", "SlideBuilder"]
