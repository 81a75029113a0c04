"""The contribution kinds' registry: every kind has its rule, and its example here.

Adding a kind is one registered rule in :mod:`cxkit.store.kinds` and one
line of ``EXAMPLES`` below (what it accepts, what it refuses and why);
the first test fails until both exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

import pytest

from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store.kinds import KINDS, contribution_kind
from cxkit.vocab import ContributionKind

STANDARD = {
    "indicator": "Attente",
    "threshold": 3,
    "unit": "minutes",
    "scope": "specific",
    "channels": ["Téléphone"],
}
EXAMPLES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    # kind: (accepted, refused, words of the refusal)
    "pillar-proposal": ({"text": "Simple"}, {"text": "x" * 121}, "120"),
    "comment": ({"text": "Les délais"}, {"text": "  \n "}, "vide"),
    "answer": ({"text": "Oui", "target": "q1"}, {"text": "x" * 4001}, "4000"),
    "rating": ({"target": "accueil", "value": 4}, {"target": "accueil", "value": 6}, "1 à 5"),
    "vote": ({"target": "fiable", "value": 2}, {"target": "fiable", "value": 9}, "Gommettes"),
    "ranking": (
        {"payload": {"order": ["engage", "clair", "proche", "fiable"]}},
        {"payload": {"order": ["engage", "clair", "proche", "inconnu"]}},
        "a changé",
    ),
    "idea": ({"text": "Un SMS à chaque étape"}, {"text": "x" * 281}, "280"),
    "word": ({"text": "Lent"}, {"text": "pas assez vite hélas"}, "3 mots"),
    "question": ({"text": "Quand ?"}, {"text": "x" * 281}, "280"),
    "upvote": ({}, {"target": "c-9999"}, "pas \\(ou plus\\) proposée"),
    "kpi-proposal": (
        {"text": "Délai", "payload": {"pillar": "fiable", "unit": "jours", "target": 2}},
        {"text": "Délai", "payload": {"pillar": "fiabel", "unit": "jours", "target": 2}},
        "pas un pilier",
    ),
    "lead-proposal": (
        {"text": "Suivi", "payload": {"pillar": "fiable", "device": "journeys"}},
        {"text": "Suivi", "payload": {"pillar": "fiable", "device": "boutique"}},
        "cinq dispositifs",
    ),
    "standard-proposal": (
        {"text": "Décrocher vite", "payload": STANDARD},
        {"text": "Décrocher vite", "payload": {**STANDARD, "channels": ["Fax"]}},
        "périmètre",
    ),
    "ritual-proposal": (
        {"text": "Appel de bienvenue", "payload": {"moment": "Souscription"}},
        {"text": "Appel de bienvenue", "payload": {"moment": "Livraison"}},
        "étape du parcours",
    ),
    "posture-proposal": (
        {"text": "Rassurant"},
        {"text": "Rassurant", "payload": {"pillar": "fiable"}},
        "ne peut pas avoir",
    ),
    "placement": (
        {"target": "act-suivi", "payload": {"impact": 4, "ease": 2}},
        {"target": "act-suivi", "payload": {"impact": 4, "ease": 7}},
        "1 à 4",
    ),
}


def _a_question_of_someone_else(ws: Workspace) -> dict[str, Any]:
    """An upvote needs a question of the room, asked by another participant."""
    (asker,) = ws.invite("horizon-mutuelle", "atelier-1")
    return {"target": ws.participant(asker.token or "").submit("question", text="Et ?").id}


PREPARE: dict[str, Callable[[Workspace], dict[str, Any]]] = {
    "upvote": _a_question_of_someone_else,
}
"""What a kind's accepted example needs in the store first (the fields it adds)."""


def test_every_kind_of_the_vocabulary_has_a_rule_and_an_example() -> None:
    assert set(KINDS) == set(get_args(ContributionKind)) == set(EXAMPLES)


def test_a_kind_is_registered_once() -> None:
    with pytest.raises(ValueError, match="twice"):
        contribution_kind("vote")(lambda draft, who: draft)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_each_kind_accepts_its_example_and_refuses_with_a_reason(
    kind: str, ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "alice")
    (inv,) = ws.invite("horizon-mutuelle", "atelier-1", dots=5)
    session = ws.participant(inv.token or "")
    accepted, refused, reason = EXAMPLES[kind]
    accepted = {**accepted, **PREPARE.get(kind, lambda _: {})(ws)}
    with pytest.raises(InvalidContribution, match=reason):
        session.submit(kind, **refused)
    stored = session.submit(kind, **accepted)
    assert (stored.kind, stored.text, stored.target) == (
        kind,
        accepted.get("text"),
        accepted.get("target"),
    )
    assert [c.id for c in session.mine()] == [stored.id]  # the refusal wrote nothing


def test_a_text_kind_drops_a_value_and_a_value_kind_drops_a_text(
    ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "alice")
    (inv,) = ws.invite("horizon-mutuelle", "atelier-1")
    session = ws.participant(inv.token or "")
    assert session.submit("comment", text="Bien", value=3).value is None
    assert session.submit("rating", target="accueil", value=3, text="caché").text is None
    for bad in (float("nan"), True, "3"):
        with pytest.raises(InvalidContribution):
            session.submit("vote", target="fiable", value=bad)  # type: ignore[arg-type]
