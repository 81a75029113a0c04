"""The ranking activity in the store, on both backends: exact permutations, the latest counts.

A ranking is refused unless it orders exactly the current candidates (the
facilitator's choice, re-read in the appending transaction); every ranking
is kept, each participant's latest counts; the room's order is a Borda count
checked here by hand; hidden results show only how many rankings came in.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxkit.errors import StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store.ranking import borda, latest_orders
from cxkit.store.session import ParticipantSession

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"
PILLARS = ["fiable", "proche", "clair", "engage"]
LEADS = [
    "act-rappel",
    "act-garanties-1page",
    "act-teleconsult",
    "act-suivi",
    "act-vote",
    "act-ecoute",
]


def sessions(ws: Workspace, demo: Engagement, count: int) -> list[ParticipantSession]:
    ws.create(demo, "alice")
    invitations = ws.invite(ENGAGEMENT, WORKSHOP, count=count)
    return [ws.participant(inv.token or "") for inv in invitations]


def rank(session: ParticipantSession, *order: str) -> Any:
    return session.submit("ranking", payload={"order": list(order)})


def points(ws: Workspace) -> list[tuple[str, int]]:
    return [(r.id, r.points) for r in ws.ranking(ENGAGEMENT, WORKSHOP).rows]


def test_by_default_the_pillars_and_open_proposals_are_ranked_by_name(
    ws: Workspace, demo: Engagement
) -> None:
    (me,) = sessions(ws, demo, 1)
    proposal = me.submit("pillar-proposal", text="Ils me rappellent").id
    me.submit("pillar-proposal", text="  FIABLE ")  # reads as a pillar: ranked as the pillar
    expected = [*PILLARS, proposal]
    assert [i for i, _ in me.ranking_candidates()] == expected
    assert ws.ranking_candidates(ENGAGEMENT, WORKSHOP) == me.ranking_candidates()
    assert dict(me.ranking_candidates())["fiable"] == "Fiable"
    stored = rank(me, proposal, *reversed(PILLARS))
    assert stored.payload == {"order": [proposal, *reversed(PILLARS)]}
    assert (stored.target, stored.value, stored.text) == (None, None, None)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"order": ["fiable", "proche", "clair", "inconnu"]}, "a changé"),  # a forged id
        ({"order": ["fiable", "proche", "clair", "clair"]}, "une fois"),  # a repeat
        ({"order": ["fiable", "proche", "clair"]}, "a changé"),  # one missing
        ({"order": [*PILLARS, "act-rappel"]}, "a changé"),  # one too many (a lead)
        ({"order": []}, "liste ordonnée"),
        ({"order": "fiable"}, "liste ordonnée"),
        ({"rank": PILLARS}, "liste ordonnée"),
        (None, "liste ordonnée"),
    ],
)
def test_anything_but_a_permutation_of_the_candidates_is_refused(
    ws: Workspace, demo: Engagement, payload: Any, reason: str
) -> None:
    (me,) = sessions(ws, demo, 1)
    with pytest.raises(InvalidContribution, match=reason):
        me.submit("ranking", payload=payload)
    assert me.mine() == []
    assert "inconnu" not in InvalidContribution("error.ranking.not_current").message("fr")


def test_the_facilitator_chooses_what_is_ranked_and_the_store_follows_at_once(
    ws: Workspace, demo: Engagement
) -> None:
    (me,) = sessions(ws, demo, 1)
    proposal = me.submit("pillar-proposal", text="Ils me rappellent").id
    state = ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "leads")
    assert dict(state.options) == {"candidates": "leads"}
    names = dict(me.ranking_candidates())
    assert list(names) == LEADS and names["act-suivi"].startswith("Suivi du remboursement")
    with pytest.raises(InvalidContribution, match="a changé"):
        rank(me, *PILLARS)  # the page showed the pillars a second before
    rank(me, *reversed(LEADS))
    ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "proposals")
    assert me.ranking_candidates() == [(proposal, "Ils me rappellent")]
    ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "pillars")
    assert [i for i, _ in me.ranking_candidates()] == PILLARS
    with pytest.raises(StoreError, match="leads"):
        ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "everything")
    # Options are plain stored data: a value no one offered reads as the default set.
    ws.set_activity(ENGAGEMENT, WORKSHOP, "ranking", options={"candidates": ["x"]})
    assert [i for i, _ in me.ranking_candidates()] == [*PILLARS, proposal]


def test_nothing_to_rank_refuses_even_an_empty_order(ws: Workspace, demo: Engagement) -> None:
    (me,) = sessions(ws, demo, 1)
    ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "proposals")
    with pytest.raises(InvalidContribution, match="rien à classer"):
        rank(me, "c-0001")


def test_the_room_ranking_is_a_borda_count_of_each_participants_latest_ranking(
    ws: Workspace, demo: Engagement
) -> None:
    one, two, three = sessions(ws, demo, 3)
    rank(one, "fiable", "proche", "clair", "engage")  # 4 3 2 1
    rank(two, "proche", "fiable", "engage", "clair")
    rank(three, "clair", "proche", "fiable", "engage")
    # By hand: fiable 4+3+2, proche 3+4+3, clair 2+1+4, engage 1+2+1.
    assert points(ws) == [("proche", 10), ("fiable", 9), ("clair", 7), ("engage", 4)]
    results = ws.ranking(ENGAGEMENT, WORKSHOP)
    assert results.rankings == 3 and not results.hidden
    assert [(r.label, r.mean_rank, r.placed) for r in results.rows][:2] == [
        ("Proche", 1.67, 3),
        ("Fiable", 2.0, 3),
    ]
    rank(one, "engage", "clair", "proche", "fiable")  # one changes their mind: it replaces
    assert points(ws) == [("proche", 9), ("clair", 8), ("engage", 7), ("fiable", 6)]
    assert ws.ranking(ENGAGEMENT, WORKSHOP).rankings == 3
    assert len(one.mine()) == 2  # both kept: contributions are never edited


def test_a_ranking_of_another_set_waits_for_its_set_to_come_back(
    ws: Workspace, demo: Engagement
) -> None:
    one, two = sessions(ws, demo, 2)
    ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "leads")
    rank(one, *LEADS)
    ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "pillars")
    assert ws.ranking(ENGAGEMENT, WORKSHOP).rankings == 0
    assert {p for _, p in points(ws)} == {0}
    rank(one, *PILLARS)
    rank(two, *PILLARS)
    ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "leads")
    results = ws.ranking(ENGAGEMENT, WORKSHOP)
    assert results.rankings == 1 and results.candidate_set == "leads"
    assert results.rows[0].id == LEADS[0] and results.rows[0].points == len(LEADS)


def test_a_ranked_proposal_follows_its_adoption_into_the_pillar(
    ws: Workspace, demo: Engagement
) -> None:
    one, two = sessions(ws, demo, 2)
    proposal = one.submit("pillar-proposal", text="Ils me rappellent").id
    rank(one, proposal, *PILLARS)  # 5 points to the proposal
    revision = ws.adopt_proposals(ENGAGEMENT, [proposal], "alice", 1)
    stored = ws.load(ENGAGEMENT)
    assert stored.revision.number == revision.number
    pillar = next(p.id for p in stored.engagement.strategy.pillars if p.id not in PILLARS)
    assert [i for i, _ in two.ranking_candidates()] == [*PILLARS, pillar]
    rank(two, *PILLARS, pillar)
    assert dict(points(ws))[pillar] == 5 + 1


def test_a_paused_or_locked_ranking_refuses_and_hidden_results_show_only_the_count(
    ws: Workspace, demo: Engagement
) -> None:
    one, two = sessions(ws, demo, 2)
    rank(one, *PILLARS)
    for status in ("paused", "locked"):
        ws.set_activity(ENGAGEMENT, WORKSHOP, "ranking", status=status)
        with pytest.raises(InvalidContribution) as refused:
            rank(two, *PILLARS)
        assert refused.value.key == f"error.activity.{status}"
    assert two.mine() == []
    ws.set_activity(ENGAGEMENT, WORKSHOP, "ranking", status="open", results_shown=False)
    rank(two, *reversed(PILLARS))
    hidden = ws.ranking(ENGAGEMENT, WORKSHOP)
    assert (hidden.hidden, hidden.rankings, hidden.rows) == (True, 2, [])
    ws.set_activity(ENGAGEMENT, WORKSHOP, "ranking", results_shown=True)
    assert sorted(p for _, p in points(ws)) == [5, 5, 5, 5]


def test_borda_cuts_each_order_to_the_current_candidates() -> None:
    names = [("a", "A"), ("b", "B"), ("c", "C")]
    rows = borda([["x", "b", "a", "b"], ["c", "a", "b"]], names)
    # First order cut to [b, a]: b 2, a 1. Second: c 3, a 2, b 1.
    # Tied on points: the best mean position first, then by name.
    assert [(r.id, r.points, r.mean_rank, r.placed) for r in rows] == [
        ("c", 3, 1.0, 1),
        ("a", 3, 2.0, 2),
        ("b", 3, 2.0, 2),
    ]
    assert latest_orders(
        [("p1", {"order": ["a"]}), ("p1", {"order": ["z"]}), ("p2", {"order": ["m"]})],
        {"a", "b"},
        {"m": "b"},
    ) == [["a"], ["b"]]
