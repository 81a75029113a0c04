"""The deck's outline: its parts in the method's order, each with its slides' builders.

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
    benchmark,
    collection,
    decisions,
    devices,
    environment,
    opening,
    referential,
    strategy,
    summary,
    workshops,
)
from cxkit.deck.plan import SlidePlan

SlideBuilder = Callable[[Context], list[SlidePlan]]


@dataclass(frozen=True)
class DeckPart:
    """One part of the deck: its key (the method's section name) and its builders."""

    key: str
    builders: tuple[SlideBuilder, ...]
    divider: bool = True
    """Whether the part is numbered in the agenda; it opens with a divider slide when it
    has enough slides to need one (else its slides carry its name)."""


DECK_PARTS: tuple[DeckPart, ...] = (
    DeckPart("cover", (opening.cover,), divider=False),
    DeckPart("summary", (summary.summary,), divider=False),
    DeckPart("method", (opening.method,), divider=False),
    DeckPart(
        "collection",
        (collection.interviews, collection.heard, collection.chosen_verbatims),
    ),
    DeckPart(
        "environment",
        (
            environment.customer_vision,
            environment.company_vision,
            environment.market_vision,
            benchmark.benchmark,
        ),
    ),
    DeckPart(
        "strategy",
        (strategy.ambition, strategy.house, strategy.pillars, strategy.kpi_dashboard),
    ),
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
    DeckPart("decisions", (decisions.validation, decisions.points_to_settle, decisions.next_steps)),
    DeckPart(
        "appendix",
        (
            appendix.overflow,
            appendix.appendix_interviews,
            appendix.appendix_workshops,
            workshops.workshop_slides,
        ),
    ),
)
"""The parts in the method's order: what we did (collection), what we found (the three
visions, the benchmark with the market), the strategy, the devices, the referential,
the decisions; then the appendix. The appendix part comes last, so it holds what the
body's builders sent it."""

__all__ = ["DECK_PARTS", "DeckPart", "SlideBuilder"]
