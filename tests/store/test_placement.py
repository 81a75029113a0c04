"""The 2×2 matrix in the store, on both backends: placements, their rules, and the apply.

A placement names an action lead of the round and two whole numbers from 1
to 4; the latest of each (participant, lead) is the one that counts; the
facilitator's apply writes the medians' priority and horizon as one new
revision, and a newer revision meanwhile loses nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxkit.errors import StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store.records import SaveConflict
from cxkit.store.session import ParticipantSession

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"
LEADS = [
    "act-rappel",
    "act-garanties-1page",
    "act-teleconsult",
    "act-suivi",
    "act-vote",
    "act-ecoute",
]


def _phones(ws: Workspace, demo: Engagement, n: int) -> list[ParticipantSession]:
    ws.create(demo, "alice")
    invitations = ws.invite(ENGAGEMENT, WORKSHOP, count=n, activities=["placement"])
    return [ws.participant(inv.token or "") for inv in invitations]


def place(phone: ParticipantSession, lead: str, impact: Any, ease: Any) -> Any:
    return phone.submit("placement", target=lead, payload={"impact": impact, "ease": ease})


def test_the_demo_leads_are_the_ones_placed_by_default(ws: Workspace, demo: Engagement) -> None:
    (phone,) = _phones(ws, demo, 1)
    stored = place(phone, "act-suivi", 4, 3.0)
    assert (stored.target, stored.payload, stored.value) == (
        "act-suivi",
        {"impact": 4, "ease": 3},
        None,
    )
    found = ws.placements(ENGAGEMENT, WORKSHOP)
    assert [p.lead.id for p in found.leads] == LEADS
    assert found.leads[0].lead.title.startswith("Rappel garanti")
    assert (found.count, found.people) == (1, 1)


@pytest.mark.parametrize(
    "payload",
    [
        {"impact": 0, "ease": 2},
        {"impact": 5, "ease": 2},
        {"impact": 2.5, "ease": 2},
        {"impact": 2},
        {"impact": 2, "ease": 2, "weight": 3},
        {"impact": "2", "ease": 2},
        {"impact": True, "ease": 2},
        None,
    ],
)
def test_values_off_the_scale_or_not_whole_are_refused(
    ws: Workspace, demo: Engagement, payload: Any
) -> None:
    (phone,) = _phones(ws, demo, 1)
    with pytest.raises(InvalidContribution, match=r"1 à 4|impact"):
        phone.submit("placement", target="act-suivi", payload=payload)
    assert phone.mine() == []


def test_a_lead_outside_the_round_is_refused_as_forged(ws: Workspace, demo: Engagement) -> None:
    (phone,) = _phones(ws, demo, 1)
    for forged in ("act-inconnue", "fiable", "c-0001"):
        with pytest.raises(InvalidContribution, match="pas à placer"):
            place(phone, forged, 2, 2)
    with pytest.raises(InvalidContribution):
        phone.submit("placement", payload={"impact": 2, "ease": 2})  # no lead at all
    ws.place_leads(ENGAGEMENT, WORKSHOP, ["act-suivi", "act-vote"])
    with pytest.raises(InvalidContribution, match="pas à placer"):
        place(phone, "act-rappel", 2, 2)  # a lead of the engagement, not of this round
    place(phone, "act-vote", 1, 4)
    assert [c.target for c in phone.mine()] == ["act-vote"]
    found = ws.placements(ENGAGEMENT, WORKSHOP)
    assert [p.lead.id for p in found.leads] == ["act-suivi", "act-vote"]


def test_the_round_names_leads_of_the_engagement_only_once(ws: Workspace, demo: Engagement) -> None:
    ws.create(demo, "alice")
    for bad in ([], ["act-suivi", "act-suivi"], ["act-suivi", "nope"]):
        with pytest.raises(StoreError):
            ws.place_leads(ENGAGEMENT, WORKSHOP, bad)
    assert ws.live_state(ENGAGEMENT, WORKSHOP).activity("placement").options == {}


def test_one_placement_per_lead_per_participant_the_latest_counts(
    ws: Workspace, demo: Engagement
) -> None:
    first, second = _phones(ws, demo, 2)
    place(first, "act-suivi", 1, 1)
    place(first, "act-suivi", 4, 4)  # changed their mind: replaces the first
    place(first, "act-vote", 2, 3)
    place(second, "act-suivi", 2, 2)
    found = ws.placements(ENGAGEMENT, WORKSHOP)
    by_id = {p.lead.id: p for p in found.leads}
    assert sorted(by_id["act-suivi"].points) == [(2, 2), (4, 4)]
    assert by_id["act-vote"].points == ((2, 3),)
    assert (found.count, found.people) == (3, 2)
    verdict = by_id["act-suivi"].verdict
    assert verdict is not None and (verdict.impact, verdict.ease, verdict.count) == (3.0, 3.0, 2)
    assert len(first.mine()) == 3  # the history stays in the store


def test_hidden_results_keep_the_count_and_drop_the_points(ws: Workspace, demo: Engagement) -> None:
    (phone,) = _phones(ws, demo, 1)
    ws.set_activity(ENGAGEMENT, WORKSHOP, "placement", results_shown=False)
    place(phone, "act-suivi", 4, 4)
    hidden = ws.placements(ENGAGEMENT, WORKSHOP)
    assert hidden.hidden and hidden.count == 1
    assert all(p.points == () for p in hidden.leads)
    assert ws.placements(ENGAGEMENT, WORKSHOP, reveal=True).leads[3].points == ((4, 4),)
    ws.set_activity(ENGAGEMENT, WORKSHOP, "placement", results_shown=True)
    assert ws.placements(ENGAGEMENT, WORKSHOP).leads[3].points == ((4, 4),)


def test_a_locked_round_refuses_placements(ws: Workspace, demo: Engagement) -> None:
    (phone,) = _phones(ws, demo, 1)
    ws.set_activity(ENGAGEMENT, WORKSHOP, "placement", status="locked")
    with pytest.raises(InvalidContribution, match="close"):
        place(phone, "act-suivi", 2, 2)


def _actions(ws: Workspace) -> dict[str, tuple[Any, Any]]:
    stored = ws.load(ENGAGEMENT).engagement
    return {a.id: (a.priority, a.horizon) for d in stored.devices for a in d.actions}


def test_apply_writes_priorities_and_horizons_as_one_new_revision(
    ws: Workspace, demo: Engagement
) -> None:
    a, b, c = _phones(ws, demo, 3)
    for phone, (impact, ease) in zip((a, b, c), [(4, 4), (3, 3), (1, 1)], strict=True):
        place(phone, "act-vote", impact, ease)  # median (3, 3): quick win, short term
    for phone, (impact, ease) in zip((a, b), [(4, 1), (3, 2)], strict=True):
        place(phone, "act-rappel", impact, ease)  # median (3.5, 1.5): major project, long term
    place(a, "act-ecoute", 2, 3)  # (2, 3): fill-in, short term
    before = _actions(ws)
    plan = {p.lead: (p.priority, p.horizon) for p in ws.plan_priorities(ENGAGEMENT, WORKSHOP)}
    assert plan == {
        "act-rappel": ("medium", "long terme"),
        "act-vote": ("high", "court terme"),
        "act-ecoute": ("low", "court terme"),
    }
    revision = ws.apply_priorities(ENGAGEMENT, WORKSHOP, "bob", 1)
    assert revision.number == 2 and "3 pistes" in revision.summary
    after = _actions(ws)
    assert {k: after[k] for k in plan} == plan
    assert {k: v for k, v in after.items() if k not in plan} == {
        k: v for k, v in before.items() if k not in plan
    }
    again = ws.apply_priorities(ENGAGEMENT, WORKSHOP, "bob", 2)
    assert again.number == 2  # nothing new: no third revision


def test_apply_on_a_stale_revision_keeps_everything(ws: Workspace, demo: Engagement) -> None:
    (phone,) = _phones(ws, demo, 1)
    place(phone, "act-vote", 4, 4)
    newer = ws.load(ENGAGEMENT).engagement.model_copy(deep=True)
    newer.devices[0].actions[0].owner = "Direction générale"
    ws.save(newer, "carol", 1)
    with pytest.raises(SaveConflict) as refused:
        ws.apply_priorities(ENGAGEMENT, WORKSHOP, "bob", 1)
    assert ws.load(ENGAGEMENT).revision.number == 2  # carol's revision stays the latest
    (kept,) = ws.kept_drafts(ENGAGEMENT)
    assert kept.id == refused.value.kept_id
    kept_horizons = {a.id: a.horizon for d in kept.engagement.devices for a in d.actions}
    assert kept_horizons["act-vote"] == "court terme"  # the would-be revision, kept as a draft
    assert ws.placements(ENGAGEMENT, WORKSHOP).count == 1  # the placements are still there
    applied = ws.apply_priorities(ENGAGEMENT, WORKSHOP, "bob", 2)
    assert applied.number == 3
    assert _actions(ws)["act-vote"] == ("high", "court terme")
    assert ws.load(ENGAGEMENT).engagement.devices[0].actions[0].owner == "Direction générale"


def test_apply_with_nothing_placed_says_so(ws: Workspace, demo: Engagement) -> None:
    ws.create(demo, "alice")
    with pytest.raises(StoreError, match="rien à appliquer"):
        ws.apply_priorities(ENGAGEMENT, WORKSHOP, "bob", 1)
    assert ws.load(ENGAGEMENT).revision.number == 1
