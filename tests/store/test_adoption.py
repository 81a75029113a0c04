"""Adopting groups of proposals: each group's duplicates merged into its own pillar, all at once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from cxkit.errors import NotFound, RevisionConflict, StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store.adoption import AdoptionPlan, suggest_pillar_name
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


def test_a_proposal_becomes_the_pillars_customer_quote_under_a_short_name(
    demo_ws: Workspace,
) -> None:
    long_quote = "On me répond du premier coup, même le samedi, sans attente ni transfert"
    a, b = _propose(demo_ws, long_quote, "Toujours joignables")
    plan = demo_ws.plan_adoption(ENGAGEMENT, [[a], [b]], names={b: "  Joignable  "})
    assert [(p.name, p.customers_say) for p in plan.pillars] == [
        ("On me répond du premier coup, même le", long_quote),
        ("Joignable", "Toujours joignables"),
    ]
    demo_ws.adopt_groups(ENGAGEMENT, [[a], [b]], "alice", 1, names={b: "Joignable"})
    pillars = demo_ws.load(ENGAGEMENT).engagement.strategy.pillars
    assert [(p.id, p.name, p.customers_say) for p in pillars[-2:]] == [
        (
            "on-me-repond-du-premier-coup-meme-le",
            "On me répond du premier coup, même le",
            long_quote,
        ),
        ("joignable", "Joignable", "Toujours joignables"),
    ]
    with pytest.raises(StoreError, match="trop long"):
        demo_ws.plan_adoption(ENGAGEMENT, [[a]], names={a: "x" * 81})
    assert suggest_pillar_name("« simple, clair. »") == "Simple, clair"
    assert suggest_pillar_name("   ") == "Pilier"


def test_adopting_beyond_four_pillars_warns_in_the_methods_words(demo_ws: Workspace) -> None:
    (a,) = _propose(demo_ws, "Toujours joignables")
    plan = demo_ws.plan_adoption(ENGAGEMENT, [[a]])  # the demo has four pillars already
    assert plan.total == 5 and plan.beyond_method
    assert "3 ou 4" in (plan.warning("fr") or "") and "3 or 4" in (plan.warning("en") or "")
    assert "\u00a0:" in (plan.warning("fr") or "")
    demo_ws.adopt_groups(ENGAGEMENT, [[a]], "alice", 1)  # allowed: the facilitator was warned
    assert len(demo_ws.load(ENGAGEMENT).engagement.strategy.pillars) == 5
    assert AdoptionPlan((), 4).warning() is None  # a fourth pillar is within the method


def test_votes_for_an_adopted_proposal_stay_with_its_pillar(demo_ws: Workspace) -> None:
    first, duplicate = _propose(demo_ws, "Toujours joignables", "toujours joignables")
    voters = demo_ws.invite(ENGAGEMENT, "atelier-1", count=3, dots=5)
    x, y, z = (demo_ws.participant(v.token or "") for v in voters)
    x.submit("vote", target=first, value=3)
    y.submit("vote", target=duplicate, value=1)
    demo_ws.adopt_groups(ENGAGEMENT, [[first, duplicate]], "alice", 1, names={first: "Joignable"})
    candidates = dict(z.candidates())
    assert candidates.get("joignable") == "Joignable" and first not in candidates
    z.submit("vote", target="joignable", value=2)
    with pytest.raises(InvalidContribution):
        z.submit("vote", target=first)  # adopted: voted for as its pillar now
    ranking = [
        (v.target, v.label, v.dots, v.voters)
        for v in demo_ws.aggregates(ENGAGEMENT, "atelier-1").votes
    ]
    assert ranking == [("joignable", "Joignable", 6, 3)]  # one line, not two
