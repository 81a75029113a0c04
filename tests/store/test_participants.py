"""Invitations and contributions: what a token allows, and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from cxkit.errors import AccessDenied, NotFound, RevisionConflict, StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace, participant_link
from cxkit.store.schema import contributions, invitations
from cxkit.store.tokens import hash_token


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def _count(ws: Workspace) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(contributions)).scalar_one())


def test_tokens_are_random_shown_once_and_stored_hashed(demo_ws: Workspace) -> None:
    created = demo_ws.invite("horizon-mutuelle", "atelier-1", count=3, team="marketing")
    tokens = [i.token for i in created]
    assert len(set(tokens)) == 3 and all(t and len(t) >= 32 for t in tokens)
    assert len({i.participant for i in created}) == 3
    assert all(i.participant.startswith("p-") and i.team == "marketing" for i in created)
    listed = demo_ws.invitations("horizon-mutuelle", "atelier-1")
    assert sorted(i.id for i in listed) == sorted(i.id for i in created)
    assert all(i.token is None and i.active for i in listed)
    with demo_ws.engine.connect() as conn:
        stored = conn.execute(select(invitations.c.token_hash)).scalars().all()
    assert sorted(stored) == sorted(hash_token(t) for t in tokens if t)
    assert not set(stored) & set(tokens)


def test_invitations_name_a_workshop_of_the_engagement(demo_ws: Workspace) -> None:
    with pytest.raises(NotFound, match="atelier-9"):
        demo_ws.invite("horizon-mutuelle", "atelier-9")
    with pytest.raises(NotFound):
        demo_ws.invite("nope", "atelier-1")
    with pytest.raises(StoreError, match="dance"):
        demo_ws.invite("horizon-mutuelle", "atelier-1", activities=("vote", "dance"))
    assert demo_ws.invitations("horizon-mutuelle") == []


def test_a_participant_appends_the_opened_kinds_and_reads_only_their_own(
    demo_ws: Workspace,
) -> None:
    mine, other = demo_ws.invite(
        "horizon-mutuelle", "atelier-1", count=2, activities=("pillar-proposal", "comment")
    )
    assert mine.token and other.token
    me = demo_ws.participant(mine.token, workshop="atelier-1")
    them = demo_ws.participant(other.token)
    proposal = me.submit("pillar-proposal", text="  Simple\x0b comme un coup de fil ")
    them.submit("comment", text="Les délais de remboursement")
    assert proposal.text == "Simple\n comme un coup de fil"
    assert proposal.participant == mine.participant and proposal.status == "new"
    assert [c.text for c in me.mine()] == ["Simple\n comme un coup de fil"]
    assert [c.text for c in them.mine()] == ["Les délais de remboursement"]
    for kind in ("vote", "rating", "answer"):
        with pytest.raises(AccessDenied):
            me.submit(kind, text="x", target="fiable", value=1)
    assert _count(demo_ws) == 2


def test_forged_expired_revoked_or_other_workshop_tokens_write_nothing(
    demo_ws: Workspace,
) -> None:
    valid, revoked, short = demo_ws.invite("horizon-mutuelle", "atelier-1", count=3)
    (elsewhere,) = demo_ws.invite("horizon-mutuelle", "atelier-2")
    assert valid.token and revoked.token and elsewhere.token and short.token
    with pytest.raises(AccessDenied, match="valide"):
        demo_ws.participant(valid.token[:-2] + "xx")
    with pytest.raises(AccessDenied):
        demo_ws.participant("")
    with pytest.raises(AccessDenied, match="autre atelier"):
        demo_ws.participant(elsewhere.token, workshop="atelier-1")
    session = demo_ws.participant(revoked.token)
    demo_ws.revoke(revoked.token)
    with pytest.raises(AccessDenied, match="révoqué"):
        session.submit("comment", text="après révocation")
    with pytest.raises(AccessDenied, match="révoqué"):
        demo_ws.participant(revoked.token)
    with pytest.raises(AccessDenied):
        session.mine()
    # An expiry in the past (as time would make it): the open session stops too.
    late = demo_ws.participant(short.token)
    with demo_ws.engine.begin() as conn:
        conn.execute(
            invitations.update()
            .where(invitations.c.id == short.id)
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    with pytest.raises(AccessDenied, match="expiré"):
        late.submit("comment", text="trop tard")
    with pytest.raises(AccessDenied, match="expiré"):
        demo_ws.participant(short.token)
    assert _count(demo_ws) == 0
    demo_ws.participant(valid.token).submit("comment", text="à l'heure")
    assert _count(demo_ws) == 1


def test_votes_keep_within_the_dot_budget(demo_ws: Workspace) -> None:
    (inv,) = demo_ws.invite("horizon-mutuelle", "atelier-1", dots=5)
    assert inv.token
    s = demo_ws.participant(inv.token)
    assert ("fiable", "Fiable") in s.candidates()
    s.submit("vote", target="fiable", value=3)
    s.submit("vote", target="proche")
    assert s.dots_left() == 1
    with pytest.raises(InvalidContribution, match="Gommettes restantes\u00a0: 1"):
        s.submit("vote", target="clair", value=2)
    with pytest.raises(InvalidContribution):
        s.submit("vote", target="inconnu")
    with pytest.raises(InvalidContribution):
        s.submit("vote", target="clair", value=0.5)
    proposal = s.submit("pillar-proposal", text="Accessible")
    assert (proposal.id, "Accessible") in s.candidates()
    s.submit("vote", target=proposal.id)
    assert s.dots_left() == 0
    assert [c.value for c in s.mine() if c.kind == "vote"] == [3, 1, 1]


def test_ratings_stay_in_the_scale_and_texts_within_their_limit(demo_ws: Workspace) -> None:
    (inv,) = demo_ws.invite("horizon-mutuelle", "atelier-1")
    assert inv.token
    s = demo_ws.participant(inv.token)
    assert s.scale == 5
    for bad in (0, 6, 2.5, None):
        with pytest.raises(InvalidContribution, match="1 à 5"):
            s.submit("rating", target="accueil", value=bad)
    s.submit("rating", target="accueil", value=5)
    with pytest.raises(InvalidContribution, match="120"):
        s.submit("pillar-proposal", text="x" * 121)
    with pytest.raises(InvalidContribution):
        s.submit("comment", text=" \n ")
    long_answer = "réponse " * 400
    assert s.submit("answer", target="q1", text=long_answer).text == long_answer.strip()
    assert _count(demo_ws) == 2


def test_anonymous_contributions_hide_who_wrote_them_from_the_facilitator(
    demo_ws: Workspace,
) -> None:
    (inv,) = demo_ws.invite("horizon-mutuelle", "atelier-1", team="sales")
    assert inv.token
    s = demo_ws.participant(inv.token)
    s.submit("comment", text="Signé", anonymous=False)
    s.submit("comment", text="Anonyme", anonymous=True)
    seen = {c.text: (c.participant, c.team) for c in demo_ws.contributions("horizon-mutuelle")}
    assert seen == {"Signé": (inv.participant, "sales"), "Anonyme": ("anonymous", None)}
    assert [c.participant for c in s.mine()] == [inv.participant, inv.participant]


def test_decisions_are_recorded_beside_the_contribution(demo_ws: Workspace) -> None:
    (inv,) = demo_ws.invite("horizon-mutuelle", "atelier-1")
    assert inv.token
    s = demo_ws.participant(inv.token)
    first = s.submit("pillar-proposal", text="Simple")
    second = s.submit("pillar-proposal", text="Simplissime")
    demo_ws.decide(second.id, "merged", "alice", into=first.id)
    demo_ws.decide(first.id, "rejected", "alice")
    demo_ws.decide(first.id, "new", "alice")  # the facilitator changes their mind
    statuses = {c.id: c.status for c in demo_ws.contributions("horizon-mutuelle", "atelier-1")}
    assert statuses == {first.id: "new", second.id: "merged"}
    assert [c.text for c in s.mine()] == ["Simple", "Simplissime"]
    assert [c for c in s.candidates() if c[0].startswith("c-")] == [(first.id, "Simple")]
    with pytest.raises(StoreError):
        demo_ws.decide(first.id, "maybe", "alice")
    with pytest.raises(NotFound):
        demo_ws.decide("c-9999", "adopted", "alice")


def test_adopted_proposals_become_pillars_of_a_new_revision(demo_ws: Workspace) -> None:
    (inv,) = demo_ws.invite("horizon-mutuelle", "atelier-1")
    assert inv.token
    s = demo_ws.participant(inv.token)
    a = s.submit("pillar-proposal", text="Simple comme un coup de fil")
    b = s.submit("pillar-proposal", text="Fiable")  # the name of an existing pillar
    s.submit("comment", text="pas une proposition")
    revision = demo_ws.adopt_proposals("horizon-mutuelle", [a.id, b.id], "alice", base_revision=1)
    assert revision.number == 2 and "simple-comme-un-coup-de-fil" in revision.summary
    pillars = demo_ws.load("horizon-mutuelle").engagement.strategy.pillars
    assert [(p.id, p.name) for p in pillars[-2:]] == [
        ("simple-comme-un-coup-de-fil", "Simple comme un coup de fil"),
        ("fiable-2", "Fiable"),
    ]
    statuses = {c.id: c.status for c in demo_ws.contributions("horizon-mutuelle")}
    assert statuses[a.id] == statuses[b.id] == "adopted"
    # On an old base: refused, kept, and the proposals stay as they were.
    c = s.submit("pillar-proposal", text="Transparent")
    with pytest.raises(RevisionConflict):
        demo_ws.adopt_proposals("horizon-mutuelle", [c.id], "bob", base_revision=1)
    assert {x.id: x.status for x in demo_ws.contributions("horizon-mutuelle")}[c.id] == "new"
    assert len(demo_ws.kept_drafts("horizon-mutuelle")) == 1


def test_aggregates_count_rank_and_find_the_frequent_words(demo_ws: Workspace) -> None:
    invs = demo_ws.invite("horizon-mutuelle", "atelier-1", count=3)
    sessions = [demo_ws.participant(i.token or "") for i in invs]
    for s, (dots_fiable, rating) in zip(sessions, [(3, 4), (1, 2), (2, 3)], strict=True):
        s.submit("vote", target="fiable", value=dots_fiable)
        s.submit("rating", target="accueil", value=rating)
    sessions[0].submit("vote", target="proche", value=2)
    sessions[1].submit("vote", target="proche", value=4)
    sessions[2].submit("comment", text="L'accueil est trop lent et l'accueil en agence aussi")
    sessions[1].submit("answer", target="q1", text="Un accueil chaleureux")
    (elsewhere,) = demo_ws.invite("horizon-mutuelle", "atelier-2")
    demo_ws.participant(elsewhere.token or "").submit("comment", text="accueil ailleurs")
    agg = demo_ws.aggregates("horizon-mutuelle", "atelier-1")
    assert agg.participants == 3
    assert agg.counts == {"vote": 12, "rating": 3, "comment": 1, "answer": 1}  # dots as dots
    assert agg.voters == 3
    assert [(v.target, v.label, v.dots, v.voters) for v in agg.votes] == [
        ("fiable", "Fiable", 6, 3),
        ("proche", "Proche", 6, 2),
    ]
    assert agg.ratings["accueil"].n == 3 and agg.ratings["accueil"].mean == pytest.approx(3.0)
    assert agg.words[0] == ("accueil", 2)  # twice in one comment counts once
    words = dict(agg.words)
    assert "est" not in words and "et" not in words and "ailleurs" not in words


def test_participant_links_carry_the_token_in_the_query_string() -> None:
    assert participant_link("http://127.0.0.1:8867/", "abc") == "http://127.0.0.1:8867/?token=abc"
    assert participant_link("https://ateliers.example/form?lang=en", "a+b/c") == (
        "https://ateliers.example/form?lang=en&token=a%2Bb%2Fc"
    )
    assert participant_link("http://host:8867", "t") == "http://host:8867/?token=t"
