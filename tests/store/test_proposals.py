"""The method's proposals: what the store accepts, what it refuses and why, and adoption.

Every test runs on SQLite and on PostgreSQL (the ``ws`` fixture). The rules
check a proposal against the engagement as stored (the demo: four pillars;
a perimeter of offers, journey stages, channels and segments).
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from cxkit.errors import NotFound, RevisionConflict, StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store.session import ParticipantSession
from cxkit.validation import revalidate
from tests.conftest import ROOT

ENGAGEMENT = "horizon-mutuelle"
STANDARD = {"indicator": "Attente", "threshold": 3, "unit": "minutes", "scope": "common"}

ACCEPTED: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    # kind: (text, payload sent, payload stored)
    "kpi-proposal": (
        "Délai de réponse",
        {"pillar": "fiable", "unit": " jours ", "target": 2, "baseline": 5.5},
        {"pillar": "fiable", "unit": "jours", "target": 2.0, "baseline": 5.5},
    ),
    "lead-proposal": (
        "Suivi en temps réel",
        {"pillar": "proche", "device": "journeys", "description": "Un SMS à chaque étape"},
        {"pillar": "proche", "device": "journeys", "description": "Un SMS à chaque étape"},
    ),
    "standard-proposal": (
        "Décrocher en moins de 3 minutes",
        {
            **STANDARD,
            "scope": "specific",
            "channels": ["Téléphone", "Téléphone"],
            "segments": ["seniors"],
            "pillar": "proche",
        },
        {
            **STANDARD,
            "threshold": 3.0,
            "scope": "specific",
            "channels": ["Téléphone"],
            "segments": ["seniors"],
            "pillar": "proche",
        },
    ),
    "ritual-proposal": (
        "Appel de bienvenue",
        {"moment": "Souscription", "channels": ["Téléphone", "Agence"]},
        {"moment": "Souscription", "channels": ["Téléphone", "Agence"]},
    ),
    "posture-proposal": (
        "Rassurant",
        {"description": "Je donne un délai"},
        {"description": "Je donne un délai"},
    ),
}

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    # (kind, payload, words of the refusal): each a forgery a phone's form would never send
    ("kpi-proposal", {"unit": "jours", "target": 2}, "« pilier » manque"),
    ("kpi-proposal", {"pillar": "c-0001", "unit": "jours", "target": 2}, "pas un pilier"),
    (
        "kpi-proposal",
        {"pillar": "fiable", "unit": "jours", "target": "deux"},
        "un nombre est attendu",
    ),
    ("kpi-proposal", {"pillar": "fiable", "unit": "jours"}, "« cible » manque"),
    ("kpi-proposal", {"pillar": "fiable", "target": 2}, "« unité » manque"),
    ("kpi-proposal", {"pillar": "fiable", "unit": "x" * 21, "target": 2}, "trop long"),
    ("kpi-proposal", {"pillar": "fiable", "unit": "j", "target": 2, "baseline": "6"}, "valeur"),
    ("kpi-proposal", {"pillar": "fiable", "unit": "j", "target": 2, "owner": "moi"}, "owner"),
    ("lead-proposal", {"pillar": "fiable"}, "« dispositif relationnel » manque"),
    ("lead-proposal", {"pillar": "fiable", "device": "Parcours clients"}, "cinq dispositifs"),
    ("lead-proposal", {"pillar": "inconnu", "device": "offer"}, "pas un pilier"),
    ("standard-proposal", {**STANDARD, "threshold": "90 %"}, "un nombre est attendu"),
    ("standard-proposal", {**STANDARD, "scope": "partout"}, "commun"),
    ("standard-proposal", {**STANDARD, "channels": ["Téléphone"]}, "standard commun"),
    ("standard-proposal", {**STANDARD, "scope": "specific"}, "dit où il s'applique"),
    ("standard-proposal", {**STANDARD, "scope": "specific", "channels": ["Fax"]}, "« Fax »"),
    ("standard-proposal", {**STANDARD, "scope": "specific", "offers": ["Auto"]}, "« offres »"),
    (
        "standard-proposal",
        {**STANDARD, "scope": "specific", "journey_stages": ["Livraison"]},
        "périmètre du référentiel",
    ),
    (
        "standard-proposal",
        {**STANDARD, "scope": "specific", "segments": ["Seniors"]},
        "« segments »",
    ),
    ("standard-proposal", {**STANDARD, "indicator": ""}, "« indicateur » manque"),
    ("standard-proposal", {**STANDARD, "pillar": "rapide"}, "pas un pilier"),
    ("ritual-proposal", {"channels": ["Agence"]}, "« moment du parcours » manque"),
    ("ritual-proposal", {"moment": "souscription"}, "pas une étape du parcours"),
    ("ritual-proposal", {"moment": "Souscription", "channels": ["Pigeon"]}, "« canaux »"),
    ("ritual-proposal", {"moment": "Souscription", "channels": "Agence,Fax"}, "périmètre"),
    ("posture-proposal", {"description": ["a", "b"]}, "attend un texte"),
    ("posture-proposal", {"device": "offer"}, "ne peut pas avoir"),
]


def plain(message: str) -> str:
    """A message with its no-break spaces as plain ones, to look for words in it."""
    return message.replace("\u00a0", " ").replace("\u202f", " ")


def _session(ws: Workspace, demo: Engagement) -> ParticipantSession:
    ws.create(demo, "alice")
    (inv,) = ws.invite(ENGAGEMENT, "atelier-1", dots=5)
    return ws.participant(inv.token or "")


@pytest.mark.parametrize("kind", sorted(ACCEPTED))
def test_each_kind_keeps_its_fields_cleaned(kind: str, ws: Workspace, demo: Engagement) -> None:
    session = _session(ws, demo)
    text, sent, stored = ACCEPTED[kind]
    record = session.submit(kind, text=text, target="forged", value=3, payload=sent)
    assert (record.text, record.target, record.value, record.payload) == (text, None, None, stored)
    (kept,) = ws.contributions(ENGAGEMENT)
    assert (kept.kind, kept.details) == (kind, stored)


@pytest.mark.parametrize(("kind", "payload", "reason"), REFUSED)
def test_a_forged_proposal_is_refused_saying_what_and_where(
    kind: str, payload: dict[str, Any], reason: str, ws: Workspace, demo: Engagement
) -> None:
    session = _session(ws, demo)
    with pytest.raises(InvalidContribution) as refused:
        session.submit(kind, text="Une proposition", payload=payload)
    assert reason in plain(refused.value.message("fr"))
    assert session.mine() == []


def test_a_refusal_speaks_the_engagement_language(ws: Workspace, demo: Engagement) -> None:
    english = demo.model_copy(deep=True)
    english.engagement.language = "en"
    session = _session(ws, english)
    with pytest.raises(InvalidContribution) as refused:
        session.submit("ritual-proposal", text="Welcome", payload={"moment": "Delivery"})
    assert "“Delivery” is not a journey stage" in refused.value.message("en")
    payload = {"pillar": "fiable", "unit": "days", "target": "two"}
    with pytest.raises(InvalidContribution) as refused:
        session.submit("kpi-proposal", text="Delay", payload=payload)
    assert "The “target” field expects a number" in refused.value.message("en")


def test_a_ritual_needs_a_perimeter_with_journey_stages(ws: Workspace, demo: Engagement) -> None:
    bare = demo.model_copy(deep=True)
    bare.referential.perimeter.journey_stages = []
    bare.referential.standards = [
        s for s in bare.referential.standards if not (s.applies_to and s.applies_to.journey_stages)
    ]
    session = _session(ws, bare)
    with pytest.raises(InvalidContribution) as refused:
        session.submit("ritual-proposal", text="Accueil", payload={"moment": "Souscription"})
    assert "aucune étape du parcours" in plain(refused.value.message("fr"))


def test_a_pillar_adopted_since_the_phone_opened_counts(ws: Workspace, demo: Engagement) -> None:
    session = _session(ws, demo)
    proposal = session.submit("pillar-proposal", text="Simple comme un SMS")
    latest = ws.load(ENGAGEMENT).revision.number
    ws.adopt_groups(ENGAGEMENT, [[proposal.id]], "alice", latest, names={proposal.id: "Simple"})
    payload = {"pillar": "simple", "unit": "%", "target": 80}
    assert session.submit("kpi-proposal", text="Clients qui comprennent", payload=payload).payload


def test_checking_a_proposal_never_builds_the_model() -> None:
    """A participant's kernel sends each kind without importing pydantic or the model."""
    code = f"""
import sys, tempfile, os
from cxkit.store import Workspace
url = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "w.db")
ws = Workspace.open(url=url)
import subprocess
subprocess.run([sys.executable, "-c", "from cxkit.store import Workspace; Workspace.open(url={{u!r}}).ensure_demo()".format(u=url)], check=True)
inv, = ws.invite("{ENGAGEMENT}", "atelier-1")
s = ws.participant(inv.token)
s.submit("kpi-proposal", text="NPS", payload={{"pillar": "fiable", "unit": "pts", "target": 40}})
s.submit("lead-proposal", text="Suivi", payload={{"pillar": "fiable", "device": "offer"}})
s.submit("standard-proposal", text="Vite", payload={{"indicator": "x", "threshold": 1, "unit": "j", "scope": "specific", "channels": ["Agence"]}})
s.submit("ritual-proposal", text="Café", payload={{"moment": "Souscription"}})
s.submit("posture-proposal", text="Curieux")
print(sorted(m for m in ("cxkit.model", "cxkit.validation", "pydantic", "yaml") if m in sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


# --- adoption ----------------------------------------------------------------------------


def _propose_all(session: ParticipantSession) -> dict[str, str]:
    """One accepted proposal of each kind: kind -> contribution id."""
    return {
        kind: session.submit(kind, text=text, payload=sent).id
        for kind, (text, sent, _) in ACCEPTED.items()
    }


def test_adopting_makes_each_typed_object_with_its_provenance_in_one_revision(
    ws: Workspace, demo: Engagement
) -> None:
    session = _session(ws, demo)
    ids = _propose_all(session)
    twin = session.submit(
        "kpi-proposal", text="Délai de réponse", payload=ACCEPTED["kpi-proposal"][1]
    )
    (invitation,) = ws.invite(ENGAGEMENT, "atelier-1", activities=["vote"], dots=5)
    voter = ws.participant(invitation.token or "")
    assert (ids["kpi-proposal"], "Délai de réponse") in voter.candidates()  # by its name
    voter.submit("vote", target=ids["kpi-proposal"], value=2)  # the room weighs proposals
    before = ws.load(ENGAGEMENT).revision.number
    groups = [[ids["kpi-proposal"], twin.id], *([ids[k]] for k in ACCEPTED if k != "kpi-proposal")]
    revision = ws.adopt_method_proposals(
        ENGAGEMENT,
        groups,
        "alice",
        before,
        names={ids["lead-proposal"]: "Suivi des remboursements"},
    )
    assert revision.number == before + 1
    assert [r.number for r in ws.history(ENGAGEMENT)][-1] == before + 1
    e = ws.load(ENGAGEMENT).engagement
    kpi = e.strategy.kpis[-1]
    assert (kpi.id, kpi.name, kpi.pillars, kpi.unit, kpi.target, kpi.baseline) == (
        "kpi-delai-de-reponse",
        "Délai de réponse",
        ["fiable"],
        "jours",
        2,
        5.5,
    )
    assert kpi.provenance is not None
    assert kpi.provenance.model_dump() == {
        "workshop": "atelier-1",
        "contributions": [ids["kpi-proposal"], twin.id],
        "dots": 2,
    }
    with pytest.raises(InvalidContribution):  # adopted: no longer open to dots
        voter.submit("vote", target=ids["kpi-proposal"], value=1)
    device, action = next((d, a) for d, a in e.actions() if a.provenance is not None)
    assert (device.kind, action.id, action.title, action.pillars) == (
        "journeys",
        "act-suivi-des-remboursements",
        "Suivi des remboursements",
        ["proche"],
    )
    standard = e.referential.standards[-1]
    assert (standard.id, standard.scope, standard.threshold, standard.pillars) == (
        "std-decrocher-en-moins-de-3-minutes",
        "specific",
        3,
        ["proche"],
    )
    assert standard.applies_to is not None
    assert (standard.applies_to.channels, standard.applies_to.segments) == (
        ["Téléphone"],
        ["seniors"],
    )
    ritual, posture = e.referential.rituals[-1], e.referential.postures[-1]
    assert (ritual.id, ritual.moment, ritual.channels) == (
        "rit-appel-de-bienvenue",
        "Souscription",
        ["Téléphone", "Agence"],
    )
    assert (posture.name, posture.description) == ("Rassurant", "Je donne un délai")
    for adopted in (action, standard, ritual, posture):
        assert adopted.provenance is not None and adopted.provenance.workshop == "atelier-1"
    statuses = {c.id: c.status for c in ws.contributions(ENGAGEMENT)}
    assert statuses[twin.id] == "merged"
    assert {statuses[i] for i in ids.values()} == {"adopted"}
    assert revalidate(e).engagement == e  # the revision is a valid engagement


def test_the_dots_given_to_a_proposal_are_its_provenance(ws: Workspace, demo: Engagement) -> None:
    session = _session(ws, demo)
    kpi = _propose_all(session)["kpi-proposal"]
    from cxkit.store.contributions import parse_id
    from cxkit.store.schema import contributions

    # The votes on a method proposal, as a part that lets the room vote on them writes them.
    (row,) = [c for c in ws.contributions(ENGAGEMENT) if c.id == kpi]
    with ws.db.write() as conn:
        invitation = (
            conn.execute(contributions.select().where(contributions.c.seq == parse_id(kpi)))
            .mappings()
            .one()["invitation_id"]
        )
        for value in (2, 3):
            conn.execute(
                contributions.insert().values(
                    invitation_id=invitation,
                    engagement_id=ENGAGEMENT,
                    workshop="atelier-1",
                    participant=row.participant,
                    kind="vote",
                    target=kpi,
                    value=value,
                    anonymous=False,
                    at=row.at,
                )
            )
    latest = ws.load(ENGAGEMENT).revision.number
    ws.adopt_method_proposals(ENGAGEMENT, [[kpi]], "alice", latest)
    provenance = ws.load(ENGAGEMENT).engagement.strategy.kpis[-1].provenance
    assert provenance is not None and provenance.dots == 5


def test_adoption_is_all_or_nothing(ws: Workspace, demo: Engagement) -> None:
    session = _session(ws, demo)
    ids = _propose_all(session)
    comment = session.submit("comment", text="Bien").id
    latest = ws.load(ENGAGEMENT).revision.number
    with pytest.raises(NotFound, match=comment):
        ws.adopt_method_proposals(ENGAGEMENT, [[ids["kpi-proposal"]], [comment]], "alice", latest)
    with pytest.raises(StoreError) as mixed:
        ws.adopt_method_proposals(
            ENGAGEMENT, [[ids["kpi-proposal"], ids["ritual-proposal"]]], "alice", latest
        )
    assert "un seul type" in plain(mixed.value.message("fr"))
    with pytest.raises(StoreError):
        ws.adopt_method_proposals(
            ENGAGEMENT, [[ids["kpi-proposal"]], [ids["kpi-proposal"]]], "alice", latest
        )
    assert ws.load(ENGAGEMENT).revision.number == latest
    assert {c.status for c in ws.contributions(ENGAGEMENT)} == {"new"}
    ws.adopt_method_proposals(ENGAGEMENT, [[ids["posture-proposal"]]], "alice", latest)
    with pytest.raises(RevisionConflict):  # a stale base: nothing adopted
        ws.adopt_method_proposals(ENGAGEMENT, [[ids["kpi-proposal"]]], "alice", latest)
    assert {c.id: c.status for c in ws.contributions(ENGAGEMENT)}[ids["kpi-proposal"]] == "new"


def test_a_second_adoption_of_the_same_name_gets_a_fresh_id(
    ws: Workspace, demo: Engagement
) -> None:
    session = _session(ws, demo)
    sent = ACCEPTED["lead-proposal"][1]
    first = session.submit("lead-proposal", text="Suivi", payload=sent).id
    second = session.submit("lead-proposal", text="Suivi", payload=sent).id
    latest = ws.load(ENGAGEMENT).revision.number
    ws.adopt_method_proposals(ENGAGEMENT, [[first], [second]], "alice", latest)
    e = ws.load(ENGAGEMENT).engagement
    adopted = [a.id for _, a in e.actions() if a.provenance is not None]
    assert adopted == ["act-suivi-2", "act-suivi-3"]  # the demo has an act-suivi already
