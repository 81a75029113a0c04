"""The contribution kinds' registry: every kind has its rule, and its example here.

Adding a kind is one registered rule in :mod:`cxkit.store.kinds` and one
line of ``EXAMPLES`` below (what it accepts, what it refuses and why);
the first test fails until both exist.
"""

from __future__ import annotations

from typing import Any, get_args

import pytest

from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store.kinds import KINDS, contribution_kind
from cxkit.vocab import ContributionKind

EXAMPLES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    # kind: (accepted, refused, words of the refusal)
    "pillar-proposal": ({"text": "Simple"}, {"text": "x" * 121}, "120"),
    "comment": ({"text": "Les délais"}, {"text": "  \n "}, "vide"),
    "answer": ({"text": "Oui", "target": "q1"}, {"text": "x" * 4001}, "4000"),
    "rating": ({"target": "accueil", "value": 4}, {"target": "accueil", "value": 6}, "1 à 5"),
    "vote": ({"target": "fiable", "value": 2}, {"target": "fiable", "value": 9}, "gommette"),
    "placement": (
        {"target": "act-suivi", "payload": {"impact": 4, "ease": 2}},
        {"target": "act-suivi", "payload": {"impact": 4, "ease": 7}},
        "1 à 4",
    ),
}


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
