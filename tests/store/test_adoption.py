"""Adopting groups of proposals: each group's duplicates merged into its own pillar, all at once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from cxkit.errors import NotFound, RevisionConflict, StoreError
from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.store.contributions import parse_id
from cxkit.store.schema import decisions

ENGAGEMENT = "horizon-mutuelle"


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def _propose(ws: Workspace, *texts: str) -> list[str]:
    (inv,) = ws.invite(ENGAGEMENT, "atelier-1")
    session = ws.participant(inv.token or "")
    return [session.submit("pillar-proposal", text=t).id for t in texts]


def _into(ws: Workspace) -> dict[int, str | None]:
    with ws.db.read() as conn:
        rows = conn.execute(select(decisions.c.contribution_seq, decisions.c.into)).all()
    return {seq: into for seq, into in rows}


def test_two_groups_ticked_at_once_merge_into_their_own_pillar(demo_ws: Workspace) -> None:
    a1, b1, a2, b2, b3 = _propose(
        demo_ws, "Simple", "Proche de moi", "simple ", "PROCHE de moi", "proche  de moi"
    )
    before = demo_ws.load(ENGAGEMENT)
    revision = demo_ws.adopt_groups(
        ENGAGEMENT, [[a1, a2], [b1, b2, b3]], "alice", before.revision.number
    )
    assert revision.number == before.revision.number + 1
    assert len(demo_ws.history(ENGAGEMENT)) == 2  # one revision for both groups
    pillars = demo_ws.load(ENGAGEMENT).engagement.strategy.pillars
    assert [(p.id, p.name) for p in pillars[-2:]] == [
        ("simple", "Simple"),
        ("proche-de-moi", "Proche de moi"),
    ]
    statuses = {c.id: c.status for c in demo_ws.contributions(ENGAGEMENT)}
    assert statuses == {a1: "adopted", b1: "adopted", a2: "merged", b2: "merged", b3: "merged"}
    into = _into(demo_ws)
    assert into[parse_id(a1)] == "simple" and into[parse_id(b1)] == "proche-de-moi"
    assert into[parse_id(a2)] == a1  # the first group's duplicate into the first group
    assert into[parse_id(b2)] == into[parse_id(b3)] == b1  # the second's into the second


def test_a_failure_midway_leaves_the_engagement_and_every_proposal_as_they_were(
    demo_ws: Workspace,
) -> None:
    a1, a2, b1, b2 = _propose(demo_ws, "Simple", "simple", "Proche", "proche")
    # The database itself refuses the second group's merge, after the revision and
    # the first group's decisions were written in the same transaction.
    seq = parse_id(b2)
    with demo_ws.db.write() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON cxkit_decisions"
                    f" WHEN NEW.contribution_seq = {seq} BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN"
                    f" IF NEW.contribution_seq = {seq} THEN RAISE EXCEPTION 'refused'; END IF;"
                    " RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON cxkit_decisions"
                    " FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
    with pytest.raises(StoreError) as raised:
        demo_ws.adopt_groups(ENGAGEMENT, [[a1, a2], [b1, b2]], "alice", 1)
    assert not isinstance(raised.value, RevisionConflict)  # a refusal, not a conflict
    assert "refused" in str(raised.value)
    assert [r.number for r in demo_ws.history(ENGAGEMENT)] == [1]
    assert {c.status for c in demo_ws.contributions(ENGAGEMENT)} == {"new"}
    with demo_ws.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(decisions)).scalar_one() == 0
    assert demo_ws.kept_drafts(ENGAGEMENT) == []


def test_a_stale_base_adopts_nothing_and_keeps_the_draft(demo_ws: Workspace) -> None:
    a1, a2 = _propose(demo_ws, "Simple", "simple")
    demo_ws.save(demo_ws.load(ENGAGEMENT).engagement, "bob", 1, "Itération", checkpoint=True)
    with pytest.raises(RevisionConflict):
        demo_ws.adopt_groups(ENGAGEMENT, [[a1, a2]], "alice", 1)
    assert {c.status for c in demo_ws.contributions(ENGAGEMENT)} == {"new"}
    assert len(demo_ws.kept_drafts(ENGAGEMENT)) == 1


def test_groups_name_each_proposal_once_and_only_proposals(demo_ws: Workspace) -> None:
    a1, a2 = _propose(demo_ws, "Simple", "simple")
    (inv,) = demo_ws.invite(ENGAGEMENT, "atelier-1")
    remark = demo_ws.participant(inv.token or "").submit("comment", text="une remarque").id
    for groups in ([], [[]], [[a1], [a1, a2]]):
        with pytest.raises(StoreError, match="une seule fois"):
            demo_ws.adopt_groups(ENGAGEMENT, groups, "alice", 1)
    with pytest.raises(NotFound):
        demo_ws.adopt_groups(ENGAGEMENT, [[a1, remark]], "alice", 1)
    with pytest.raises(NotFound):
        demo_ws.adopt_groups(ENGAGEMENT, [["c-9999"]], "alice", 1)
    assert [r.number for r in demo_ws.history(ENGAGEMENT)] == [1]
    assert {c.status for c in demo_ws.contributions(ENGAGEMENT)} == {"new"}
