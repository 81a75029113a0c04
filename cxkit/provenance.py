"""Where an adopted object came from, told in words: the workshop by its title, proposals, dots.

Shared by the consultant's thread view (:mod:`cxkit.ui.thread`) and the
deck's speaker notes (:mod:`cxkit.deck.parts`): an object adopted from
participants' proposals (its ``provenance``, see docs/format.md) says which
workshop it came from, how many proposals it gathers and the dots the room
gave them. Contribution ids are the consultant's business, never shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cxkit.i18n import t
from cxkit.typography import nbsp, t_plural

if TYPE_CHECKING:
    from cxkit.model import Engagement, Provenance


def provenance_text(engagement: Engagement, provenance: Provenance, lang: str | None = None) -> str:
    """ "Provenance : atelier « Atelier 1 », 2 propositions, 5 gommettes"."""
    lang = lang or engagement.language
    titles = {w.id: w.title for w in engagement.workshops}
    text = t(
        "proposals.provenance",
        lang,
        workshop=titles.get(provenance.workshop, provenance.workshop),
        contributions=t_plural(
            "proposals.provenance.contributions", len(provenance.contributions), lang
        ),
        dots=t_plural("proposals.provenance.dots", provenance.dots or 0, lang),
    )
    return nbsp(text, lang)


def provenance_notes(
    engagement: Engagement,
    adopted: Iterable[tuple[str, Provenance | None]],
    lang: str | None = None,
) -> list[str]:
    """ "Name: Provenance: …" for each (name, provenance) that has one; the others left out."""
    lang = lang or engagement.language
    return [
        nbsp(
            t(
                "proposals.provenance.named",
                lang,
                name=name,
                provenance=provenance_text(engagement, p, lang),
            ),
            lang,
        )
        for name, p in adopted
        if p is not None
    ]
