"""The live room's settings: activities paused or locked, results hidden, timers, moderation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from cxkit.errors import NotFound, StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, ParticipantSession, Workspace
from cxkit.store.activities import set_activity
from cxkit.store.schema import contributions, moderation

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def _session(ws: Workspace, dots: int = 5) -> ParticipantSession:
    (inv,) = ws.invite(ENGAGEMENT, WORKSHOP, dots=dots)
    return ws.participant(inv.token or "")


def _count(ws: Workspace, table: object = contributions) -> int:
    with ws.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_a_locked_or_paused_activity_refuses_submissions_with_a_message(
    demo_ws: Workspace,
) -> None:
    s = _session(demo_ws)
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "vote", status="locked")
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "comment", status="paused")
    with pytest.raises(InvalidContribution, match="close"):
        s.submit("vote", target="fiable")  # the locked transaction's path
    with pytest.raises(InvalidContribution, match="en pause"):
        s.submit("comment", text="pendant la pause")  # the one-statement hot path
    assert _count(demo_ws) == 0
    s.submit("pillar-proposal", text="Toujours ouvert")  # other activities stay open
    state = s.live_state()
    assert state.activity("vote").status == "locked" and not state.activity("vote").accepting
    assert state.activity("answer").accepting  # never set: open
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "comment", status="open")
    s.submit("comment", text="après la pause")
    assert _count(demo_ws) == 2
    with pytest.raises(StoreError):
        demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "vote", status="asleep")
    with pytest.raises(StoreError):
        demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "dance", status="open")
    with pytest.raises(NotFound):
        demo_ws.set_activity(ENGAGEMENT, "atelier-9", "vote", status="open")


def test_the_timer_end_survives_a_new_workspace(demo_ws: Workspace, db_url: str) -> None:
    started = demo_ws.start_timer(ENGAGEMENT, WORKSHOP, "vote", 300)
    assert started.timer_ends_at is not None
    with Workspace.open(url=db_url) as reloaded:
        vote = reloaded.live_state(ENGAGEMENT, WORKSHOP).activity("vote")
    assert vote.timer_ends_at == started.timer_ends_at
    assert 295 < (vote.seconds_left() or 0) <= 300
    assert vote.status == "open" and vote.results_shown  # the rest untouched
    assert demo_ws.stop_timer(ENGAGEMENT, WORKSHOP, "vote").timer_ends_at is None
    for bad in (0, -5, 9 * 3600):
        with pytest.raises(StoreError, match="minuteur"):
            demo_ws.start_timer(ENGAGEMENT, WORKSHOP, "vote", bad)
    late = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with pytest.raises(StoreError):
        set_activity(demo_ws.db, ENGAGEMENT, WORKSHOP, "vote", timer_ends_at=late)


def test_hidden_results_stay_off_the_projected_screen_until_revealed(demo_ws: Workspace) -> None:
    s = _session(demo_ws)
    s.submit("vote", target="fiable", value=2)
    s.submit("rating", target="accueil", value=4)
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "vote", results_shown=False)
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert agg.votes == [] and agg.hidden == frozenset(
        {"vote", "idea"}
    )  # ideas: private until revealed
    assert agg.counts["vote"] >= 1 and "accueil" in agg.ratings  # counted; others shown
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "vote", results_shown=True)
    assert [v.target for v in demo_ws.aggregates(ENGAGEMENT, WORKSHOP).votes] == ["fiable"]


def test_approve_first_holds_texts_back_until_the_facilitator_shows_them(
    demo_ws: Workspace,
) -> None:
    s = _session(demo_ws)
    before = s.submit("comment", text="Accueil chaleureux")  # sent while texts show at once
    demo_ws.set_moderation(ENGAGEMENT, WORKSHOP, "approve")
    proposal = s.submit("pillar-proposal", text="Toujours joignables")
    remark = s.submit("comment", text="Téléphone saturé")
    s.submit("vote", target="fiable")  # votes are not texts: never held back
    assert (proposal.moderation, remark.moderation, before.moderation) == (
        "pending",
        "pending",
        "shown",
    )
    assert [c.id for c in demo_ws.moderation_queue(ENGAGEMENT, WORKSHOP)] == [
        proposal.id,
        remark.id,
    ]
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    words = dict(agg.words)
    assert "accueil" in words and "joignables" not in words and "saturé" not in words
    assert agg.counts.get("pillar-proposal", 0) == 0
    assert proposal.id not in dict(s.candidates())  # nobody votes on what is not shown
    demo_ws.approve(ENGAGEMENT, [proposal.id], "alice")
    assert [c.id for c in demo_ws.moderation_queue(ENGAGEMENT, WORKSHOP)] == [remark.id]
    shown = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert [i.text for i in shown.texts["pillar-proposal"]] == ["Toujours joignables"]
    assert "joignables" not in dict(shown.words)  # the comments' words, not the proposals'
    assert proposal.id in dict(s.candidates())
    demo_ws.hide(ENGAGEMENT, [proposal.id, remark.id], "alice")
    assert demo_ws.moderation_queue(ENGAGEMENT, WORKSHOP) == []
    assert "pillar-proposal" not in demo_ws.aggregates(ENGAGEMENT, WORKSHOP).texts
    states = {c.id: c.moderation for c in s.mine()}
    assert states[proposal.id] == states[remark.id] == "hidden"


def test_moderation_names_texts_of_the_engagement_and_known_decisions(
    demo_ws: Workspace,
) -> None:
    s = _session(demo_ws)
    vote = s.submit("vote", target="fiable")
    text = s.submit("comment", text="Bien")
    with pytest.raises(NotFound):
        demo_ws.approve(ENGAGEMENT, [text.id, vote.id], "alice")
    with pytest.raises(NotFound):
        demo_ws.hide("another-engagement", [text.id], "alice")
    with pytest.raises(StoreError):
        demo_ws.set_moderation(ENGAGEMENT, WORKSHOP, "sometimes")
    assert _count(demo_ws, moderation) == 0  # nothing written by a refused call
