"""Private writing, then reveal: what each reader sees of the ideas, before and after.

Before the reveal a participant reads only their own ideas and the projected
screen only how many were written; the reveal shows every idea moderation
lets through, and nothing else; dots go to revealed ideas only, and a
group's dots are its head's. On SQLite and PostgreSQL (the ``ws`` fixture).
"""

from __future__ import annotations

import pytest

from cxkit.errors import NotFound, StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, ParticipantSession, Workspace
from cxkit.store.idea_board import PROMPT_LIMIT, idea_votable, prompt_of, votable_ideas
from cxkit.store.ideas import idea_options

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"
A1 = "Un conseiller qui rappelle dans l'heure"
A2 = "Un suivi du dossier par SMS"
B1 = "Des remboursements en 48 heures"


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def _people(ws: Workspace, n: int = 2, dots: int = 5) -> list[ParticipantSession]:
    return [
        ws.participant(i.token or "") for i in ws.invite(ENGAGEMENT, WORKSHOP, count=n, dots=dots)
    ]


def _reveal(ws: Workspace, shown: bool = True) -> None:
    ws.set_activity(ENGAGEMENT, WORKSHOP, "idea", results_shown=shown)


def _texts(board: object) -> list[str]:
    return [g.head.text for g in board.groups] + [  # type: ignore[attr-defined]
        m.text
        for g in board.groups  # type: ignore[attr-defined]
        for m in g.members
    ]


def test_a_fresh_idea_activity_starts_hidden_the_others_shown(demo_ws: Workspace) -> None:
    state = demo_ws.live_state(ENGAGEMENT, WORKSHOP)
    assert state.activity("idea").results_shown is False
    assert state.hidden_results == {"idea"}
    assert state.activity("comment").results_shown is True
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "idea", status="paused")  # a row, still hidden
    assert demo_ws.live_state(ENGAGEMENT, WORKSHOP).activity("idea").results_shown is False
    _reveal(demo_ws)
    assert demo_ws.live_state(ENGAGEMENT, WORKSHOP).hidden_results == frozenset()


def test_before_the_reveal_each_phone_reads_its_own_ideas_and_the_screen_only_counts(
    demo_ws: Workspace,
) -> None:
    a, b = _people(demo_ws)
    a.submit("idea", text=A1)
    a.submit("idea", text=A2)
    b.submit("idea", text=B1)
    mine_a, mine_b = a.ideas(), b.ideas()
    assert [i.text for i in mine_a.mine] == [A1, A2] and mine_a.groups == ()
    assert [i.text for i in mine_b.mine] == [B1] and mine_b.groups == ()
    assert (mine_a.revealed, mine_a.written, mine_a.writers) == (False, 3, 2)
    assert [c.text for c in b.mine()] == [B1]
    board = demo_ws.idea_board(ENGAGEMENT, WORKSHOP)
    assert (board.written, board.writers, board.groups, board.mine) == (3, 2, (), ())
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert "idea" in agg.hidden and "idea" not in agg.texts
    shown = repr(agg) + repr(board)
    assert not any(word in shown for word in ("conseiller", "SMS", "remboursements"))
    assert agg.words == []  # no word of a private idea reaches the cloud either
    assert not any(cid.startswith("c-") for cid, _ in a.candidates())  # nothing to vote on


def test_the_reveal_shows_what_moderation_lets_through_and_nothing_else(
    demo_ws: Workspace,
) -> None:
    demo_ws.set_moderation(ENGAGEMENT, WORKSHOP, "approve")
    a, b = _people(demo_ws)
    approved = a.submit("idea", text=A1)
    waiting = a.submit("idea", text=A2)
    hidden = b.submit("idea", text=B1)
    assert approved.moderation == "pending"
    demo_ws.approve(ENGAGEMENT, [approved.id], "alice")
    demo_ws.hide(ENGAGEMENT, [hidden.id], "alice")
    _reveal(demo_ws)
    for board in (demo_ws.idea_board(ENGAGEMENT, WORKSHOP), b.ideas(), a.ideas()):
        assert _texts(board) == [A1]
        assert (board.revealed, board.written, board.writers) == (True, 2, 1)
    assert [i.text for i in b.ideas().mine] == [B1]  # its author still sees it, as hidden
    assert b.ideas().mine[0].moderation == "hidden"
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert [i.text for i in agg.texts["idea"]] == [A1]
    demo_ws.approve(ENGAGEMENT, [waiting.id], "alice")  # pending: shown once approved
    assert _texts(b.ideas()) == [A1, A2]
    _reveal(demo_ws, False)  # concealed again: private again
    assert b.ideas().groups == () and demo_ws.idea_board(ENGAGEMENT, WORKSHOP).groups == ()


def test_dots_go_to_revealed_shown_ideas_only(demo_ws: Workspace) -> None:
    a, b = _people(demo_ws, dots=5)
    mine = a.submit("idea", text=A1)
    hidden = a.submit("idea", text=A2)
    demo_ws.hide(ENGAGEMENT, [hidden.id], "alice")
    with pytest.raises(InvalidContribution, match="pas encore révélée"):
        b.submit("vote", target=mine.id, value=2)
    _reveal(demo_ws)
    with pytest.raises(InvalidContribution, match="pas encore révélée"):
        b.submit("vote", target=hidden.id)
    assert (mine.id, A1) in b.candidates()
    assert hidden.id not in dict(b.candidates())
    b.submit("vote", target=mine.id, value=2)
    a.submit("vote", target=mine.id, value=1)
    with pytest.raises(InvalidContribution, match="Gommettes restantes"):
        b.submit("vote", target=mine.id, value=4)  # 3 left: the budget holds for ideas too
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert [(v.label, v.dots, v.voters) for v in agg.votes] == [(A1, 3, 2)]
    _reveal(demo_ws, False)  # concealed: the dots of ideas leave the ranking too
    assert demo_ws.aggregates(ENGAGEMENT, WORKSHOP).votes == []
    with pytest.raises(InvalidContribution, match="pas encore révélée"):
        b.submit("vote", target=mine.id)
    assert b.target_names().get(mine.id) is None  # nor its text, to a phone


def test_grouping_under_a_head_totals_its_dots_and_members(demo_ws: Workspace) -> None:
    a, b, c = _people(demo_ws, 3, dots=5)
    head = a.submit("idea", text=A1)
    same = b.submit("idea", text="Être rappelé vite par un conseiller")
    also = c.submit("idea", text="Qu'on me rappelle dans l'heure")
    alone = c.submit("idea", text=B1)
    _reveal(demo_ws)
    b.submit("vote", target=same.id, value=2)  # given before the merge
    c.submit("vote", target=head.id, value=1)
    a.submit("vote", target=alone.id, value=1)
    demo_ws.group_ideas(ENGAGEMENT, head.id, [same.id, also.id], "alice")
    board = demo_ws.idea_board(ENGAGEMENT, WORKSHOP)
    assert [(g.head.id, g.size) for g in board.groups] == [(head.id, 3), (alone.id, 1)]
    assert {m.id for m in board.groups[0].members} == {same.id, also.id}
    assert board.shown == 4
    assert [(g.head.text, g.size) for g in c.ideas().groups] == [(A1, 3), (B1, 1)]
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert [(v.label, v.dots, v.voters) for v in agg.votes] == [(A1, 3, 2), (B1, 1, 1)]
    # A merged idea takes no more dots (its group's head does); its old dots keep its name.
    with pytest.raises(InvalidContribution, match="regroupée"):
        c.submit("vote", target=also.id)
    assert also.id not in dict(c.candidates())
    assert b.target_names()[same.id] == "Être rappelé vite par un conseiller"
    # A group grouped under another idea brings its members; the new head leaves its group.
    demo_ws.group_ideas(ENGAGEMENT, alone.id, [head.id], "alice")
    board = demo_ws.idea_board(ENGAGEMENT, WORKSHOP)
    assert [(g.head.id, g.size) for g in board.groups] == [(alone.id, 4)]
    demo_ws.group_ideas(ENGAGEMENT, same.id, [alone.id], "alice")  # no loop: `same` heads now
    board = demo_ws.idea_board(ENGAGEMENT, WORKSHOP)
    assert [(g.head.id, g.size) for g in board.groups] == [(same.id, 4)]
    demo_ws.ungroup_ideas(ENGAGEMENT, [alone.id, head.id, also.id], "alice")
    board = demo_ws.idea_board(ENGAGEMENT, WORKSHOP)
    assert sorted(g.size for g in board.groups) == [1, 1, 1, 1]


def test_grouping_refuses_what_is_not_an_idea_or_not_a_group(demo_ws: Workspace) -> None:
    (a,) = _people(demo_ws, 1)
    one = a.submit("idea", text=A1)
    two = a.submit("idea", text=A2)
    proposal = a.submit("pillar-proposal", text="Simple")
    with pytest.raises(NotFound, match="pas une idée"):
        demo_ws.group_ideas(ENGAGEMENT, one.id, [proposal.id], "alice")
    with pytest.raises(StoreError):
        demo_ws.group_ideas(ENGAGEMENT, one.id, [one.id], "alice")
    with pytest.raises(NotFound):
        demo_ws.group_ideas("autre-engagement", one.id, [two.id], "alice")
    other = demo_ws.participant(demo_ws.invite(ENGAGEMENT, "atelier-2")[0].token or "")
    elsewhere = other.submit("idea", text=B1)
    with pytest.raises(StoreError):
        demo_ws.group_ideas(ENGAGEMENT, one.id, [elsewhere.id], "alice")
    assert all(g.size == 1 for g in demo_ws.idea_board(ENGAGEMENT, WORKSHOP).groups)


def test_the_prompt_is_checked_when_set_and_again_when_read(demo_ws: Workspace) -> None:
    options = idea_options("  Que faudrait-il\u000b changer en premier ?  ")
    assert options == {"prompt": "Que faudrait-il changer en premier ?"}
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "idea", options=options)
    (a,) = _people(demo_ws, 1)
    assert a.ideas().prompt == "Que faudrait-il changer en premier ?"
    with pytest.raises(StoreError, match=str(PROMPT_LIMIT)):
        idea_options("x" * (PROMPT_LIMIT + 1))
    assert idea_options("   ") == {}
    assert prompt_of({"prompt": ["forged"]}) is None  # what another app stored, re-checked
    assert prompt_of({"prompt": "y" * 900}) == "y" * PROMPT_LIMIT
    assert a.submit("idea", text=A1, target="forged").target is None


def test_the_votes_check_of_one_idea_agrees_with_the_board(demo_ws: Workspace) -> None:
    """A vote reads only its idea (:func:`idea_votable`); it says what the board lists."""
    demo_ws.set_moderation(ENGAGEMENT, WORKSHOP, "approve")
    (a,) = _people(demo_ws, 1)
    made = {
        name: a.submit("idea", text=name).id for name in "head member hidden orphan alone".split()
    }
    made["pending"] = a.submit("idea", text="pending").id
    demo_ws.approve(ENGAGEMENT, [made[n] for n in "head member orphan alone".split()], "alice")
    demo_ws.approve(ENGAGEMENT, [made["hidden"]], "alice")
    demo_ws.group_ideas(ENGAGEMENT, made["head"], [made["member"]], "alice")
    demo_ws.group_ideas(ENGAGEMENT, made["hidden"], [made["orphan"]], "alice")
    demo_ws.hide(ENGAGEMENT, [made["hidden"]], "alice")  # its member stands alone again
    demo_ws.decide(made["alone"], "rejected", "alice")
    for revealed in (False, True):
        _reveal(demo_ws, revealed)
        with demo_ws.db.read() as conn:
            listed = dict(votable_ideas(conn, ENGAGEMENT, WORKSHOP))
            checked = {n: idea_votable(conn, ENGAGEMENT, WORKSHOP, i) for n, i in made.items()}
            assert idea_votable(conn, ENGAGEMENT, WORKSHOP, "c-9999") is None
            assert idea_votable(conn, ENGAGEMENT, "atelier-2", made["head"]) is None
        assert checked == {n: made[n] in listed for n in made}
        assert sorted(n for n, ok in checked.items() if ok) == (
            ["head", "orphan"] if revealed else []
        )
    a.submit("vote", target=made["orphan"], value=2)  # its dots stay its own, shown
    a.submit("vote", target=made["head"], value=1)
    votes = demo_ws.aggregates(ENGAGEMENT, WORKSHOP).votes
    assert [(v.label, v.dots) for v in votes] == [("orphan", 2), ("head", 1)]


def test_the_stamp_a_phone_watches_changes_with_the_board(demo_ws: Workspace) -> None:
    a, b = _people(demo_ws)
    seen = [a.ideas_stamp()]

    def changed() -> bool:
        seen.append(a.ideas_stamp())
        return seen[-1] != seen[-2]

    idea = b.submit("idea", text=B1)
    assert changed()
    assert not changed()  # nothing happened: nothing to re-read
    _reveal(demo_ws)
    assert changed()
    demo_ws.hide(ENGAGEMENT, [idea.id], "alice")
    assert changed()
    other = b.submit("idea", text=A1)
    assert changed()
    demo_ws.group_ideas(ENGAGEMENT, other.id, [idea.id], "alice")
    assert changed()
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "idea", options=idea_options("Une question ?"))
    assert changed()
