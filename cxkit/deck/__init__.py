"""The restitution deck: a pure plan of the slides, then a python-pptx renderer.

from cxkit.deck import build_deck, plan_deck
plan = plan_deck(engagement)            # which slides, what is on each (no python-pptx)
build_deck(engagement, "deck.pptx")     # the plan drawn on the template, written atomically
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cxkit.deck.layouts import LAYOUTS, REQUIRED_LAYOUTS, check_template, default_template
from cxkit.deck.plan import DeckPlan, SlidePlan
from cxkit.deck.planner import plan_deck
from cxkit.model import Engagement

__all__ = [
    "LAYOUTS",
    "REQUIRED_LAYOUTS",
    "DeckPlan",
    "SlidePlan",
    "build_deck",
    "check_template",
    "default_template",
    "plan_deck",
]


def build_deck(
    engagement: Engagement,
    output: str | Path,
    *,
    template: str | Path | None = None,
    lang: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write the deck of ``engagement`` to ``output`` (atomically) and return its path.

    The template is checked first, so a template lacking a layout is refused
    before any work; python-pptx is imported only here.
    """
    check_template(template or default_template())
    from cxkit.deck.render import build_pptx

    return build_pptx(plan_deck(engagement, lang), output, template, progress)
