"""The restitution deck: a pure plan of the slides, then a python-pptx renderer.

from cxkit.deck import build_deck, check_template, plan_deck
plan = plan_deck(engagement)            # which slides, what is on each (no python-pptx)
build_deck(engagement, "deck.pptx")     # the plan drawn on the template, written atomically

template = check_template("firm.pptx")  # read once: layouts and body frame
plan = plan_deck(engagement, "en", template=template)
build_deck(engagement, "deck.pptx", template=template, plan=plan)  # nothing planned twice

The package, from the data down to the drawing:

- ``plan``: the plan's types (boxes, elements, slides, the page and the footer);
- ``fitting``: text budgets without a font file;
- ``context``, ``tables``, ``cards``, ``textflow``: the layout helpers the parts share;
- ``parts/``: one module per part of the method, registered in ``parts.DECK_PARTS``;
- ``layouts``: the template's contract (layout names) and its page, read once;
- ``planner``: :func:`plan_deck`, the whole deck in the method's order;
- ``render``: the only module that imports python-pptx;
- ``scorecard``: the scorecard deck of a period (:func:`cxkit.deck.scorecard.build_scorecard`),
  made of the same elements and drawn by the same renderer.

The team cards deck (``cxkit cards``) is planned by ``team_cards`` (what each
card says, from :mod:`cxkit.team_cards`) and laid out by ``cardflow``, on the
same elements and renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cxkit.deck.layouts import (
    LAYOUTS,
    REQUIRED_LAYOUTS,
    Template,
    check_template,
    default_template,
)
from cxkit.deck.plan import DeckPlan, Page, SlidePlan
from cxkit.deck.planner import draw, plan_deck
from cxkit.model import Engagement

__all__ = [
    "LAYOUTS",
    "REQUIRED_LAYOUTS",
    "DeckPlan",
    "Page",
    "SlidePlan",
    "Template",
    "build_deck",
    "check_template",
    "default_template",
    "plan_deck",
]


def build_deck(
    engagement: Engagement,
    output: str | Path,
    *,
    template: str | Path | Template | None = None,
    lang: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    plan: DeckPlan | None = None,
) -> Path:
    """Write the deck of ``engagement`` to ``output`` (atomically) and return its path.

    The template is checked first (once: a :class:`Template` already checked is
    taken as it is), so a template lacking a layout is refused before any work.
    A ``plan`` made by the caller on the same template is drawn as it is, so a
    caller that needs the plan too (to count slides) plans once. python-pptx is
    imported only here.
    """
    return draw(
        lambda checked: plan_deck(engagement, lang, template=checked),
        output,
        template,
        plan,
        progress,
    )
