"""The hostile engagement with many workshops and teams, every activity run in each.

    .venv/bin/python -m tests.deck.hostile_results out.yaml   # writes it, to render

Six workshops with long titles, nine teams with long names (more than a slide
gives columns to), and in each workshop every kind of contribution, with the
hostile texts of :mod:`tests.deck.hostile`: forty proposals, dots on them and
on the seven pillars, ratings on every criterion, rankings, 2×2 placements on
every action lead, questions with upvotes, words, method proposals, comments,
and a kind the results do not know.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, get_args

from cxkit.document import save_engagement
from cxkit.model import Contribution, Engagement, Workshop
from cxkit.validation import build_engagement
from cxkit.vocab import ContributionKind
from tests.deck.hostile import CJK, EMOJI, HTML, LONG_WORD, RTL, hostile_document, long_text
from tests.workshop_run import contribution

WORKSHOPS = 6
TEAMS = [f"Équipe {i} {long_text(5, EMOJI if i % 2 else RTL)}" for i in range(1, 10)]
PEOPLE = 36


def _contributions(engagement: Engagement) -> list[Contribution]:
    pillars = [p.id for p in engagement.strategy.pillars]
    leads = [a.id for _, a in engagement.actions()]
    criteria = engagement.collection.benchmark.criteria
    out: list[Contribution] = []

    def add(workshop: str, who: int, kind: str, **fields: Any) -> str:
        ident = f"c-{len(out) + 1:05d}"
        team = TEAMS[who % len(TEAMS)]
        out.append(contribution(ident, workshop, f"p-{workshop}-{who}", team, kind, **fields))
        return ident

    for w in range(1, WORKSHOPS + 1):
        shop = f"atelier-h{w}"
        proposals = []
        for i in range(40):
            status = ("adopted", "merged", "rejected", "new")[i % 4]
            text = long_text(12 + i % 20, EMOJI, LONG_WORD if i % 3 else RTL, HTML)
            proposals.append(add(shop, i, "pillar-proposal", text=text, status=status))
        for who in range(PEOPLE):
            add(shop, who, "vote", target=proposals[who % 40], value=1 + who % 3)
            add(shop, who, "vote", target=pillars[who % len(pillars)], value=2)
            for k, criterion in enumerate(criteria):
                add(shop, who, "rating", target=criterion, value=1 + (who + k) % 5)
            order = pillars[who % 7 :] + pillars[: who % 7]
            add(shop, who, "ranking", details={"order": order})
            for j, lead in enumerate(leads):
                axes = {"impact": float(1 + (who + j) % 5), "ease": float(1 + (who * j) % 5)}
                add(shop, who, "placement", target=lead, details=axes)
            add(shop, who, "word", text=long_text(1 + who % 3, CJK if who % 2 else LONG_WORD))
            question = add(shop, who, "question", text=long_text(40, RTL, HTML))
            add(shop, (who + 1) % PEOPLE, "upvote", target=question)
            add(shop, who, "comment", text=long_text(80, HTML))
            add(shop, who, "mystery-kind", text="?")
            add(
                shop,
                who,
                "kpi-proposal",
                text=long_text(20, EMOJI),
                status="adopted" if who % 5 == 0 else "new",
                details={"pillar": pillars[who % 7], "unit": "€ / h", "target": 9.99e15},
            )
    return out


def hostile_results_engagement() -> Engagement:
    """The hostile engagement, six more workshops, and thousands of hostile contributions."""
    doc = hostile_document()
    doc["workshops"] += [
        {
            "id": f"atelier-h{w}",
            "title": f"Atelier {w} : {long_text(18, EMOJI, RTL)}",
            "participants": [long_text(8, CJK) for _ in range(12)],
            "decisions": [long_text(40, HTML, LONG_WORD) for _ in range(6)],
        }
        for w in range(1, WORKSHOPS + 1)
    ]
    engagement = build_engagement(doc)
    assert all(isinstance(w, Workshop) for w in engagement.workshops)
    return engagement.model_copy(update={"contributions": _contributions(engagement)})


if __name__ == "__main__":
    known = set(get_args(ContributionKind))  # a file holds only the format's kinds
    engagement = hostile_results_engagement()
    kept = [c for c in engagement.contributions if c.kind in known]
    print(save_engagement(engagement.model_copy(update={"contributions": kept}), Path(sys.argv[1])))
