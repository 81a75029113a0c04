"""A workshop run through a real workspace: two teams propose, vote, rate and comment.

Shared by the store's tests of the export and the deck's tests of the results
slides: the numbers below are counted by hand from :func:`run_workshop`.
"""

from __future__ import annotations

from typing import Any

from cxkit.model import Contribution, Engagement
from cxkit.store import Workspace

ENGAGEMENT = "horizon-mutuelle"
NB = "\u00a0"
SIMPLE = f"Le pilier «{NB}Simple{NB}» retenu avec 9 gommettes sur 12"
FIABLE = f"Le pilier «{NB}Fiable{NB}» retenu avec 2 gommettes sur 12"


def run_workshop(ws: Workspace, demo: Engagement) -> None:
    """Two teams propose, vote before and after the adoption, rate and comment."""
    ws.create(demo, "alice")
    m1, m2 = (
        ws.participant(i.token or "")
        for i in ws.invite(ENGAGEMENT, "atelier-1", count=2, team="marketing", dots=10)
    )
    s1, s2 = (
        ws.participant(i.token or "")
        for i in ws.invite(ENGAGEMENT, "atelier-1", count=2, team="sales", dots=10)
    )
    simple = m1.submit("pillar-proposal", text="Simple").id
    same = s1.submit("pillar-proposal", text="simple").id
    formula = s2.submit("pillar-proposal", text="=1+2").id
    m2.submit("vote", target=same, value=3)  # follows the proposal into its pillar
    s2.submit("vote", target=formula, value=1)
    ws.adopt_groups(ENGAGEMENT, [[simple, same]], "alice", 1, names={simple: "Simple"})
    ws.decide(formula, "rejected", "alice")
    m1.submit("vote", target="simple", value=4)
    s1.submit("vote", target="fiable", value=2)
    s2.submit("vote", target="simple", value=2)
    m1.submit("rating", target="Accueil", value=4)
    s1.submit("rating", target="Accueil", value=2)
    hidden = m1.submit("comment", text="Hors sujet").id
    ws.hide(ENGAGEMENT, [hidden], "alice")
    m2.submit("comment", text="Bravo")
    ws.set_moderation(ENGAGEMENT, "atelier-1", "approve")
    assert s1.submit("comment", text="En attente").moderation == "pending"


def contribution(
    ident: str, workshop: str, who: str, team: str | None, kind: str, **fields: Any
) -> Contribution:
    """A contribution as the store exports it (built without the model's checks, as the
    store's records are: a kind of another part may not be in this branch's vocabulary)."""
    values: dict[str, Any] = {
        "id": ident,
        "workshop": workshop,
        "participant": who,
        "team": team,
        "kind": kind,
        "target": None,
        "text": None,
        "value": None,
        "details": {},
        "at": None,
        "status": "new",
        "into": None,
    }
    values.update(fields)
    return Contribution.model_construct(**values)
