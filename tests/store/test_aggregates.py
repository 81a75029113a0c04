"""What the projected screen is given: grouped proposals, words, dots, ratings, texts."""

from __future__ import annotations

from dataclasses import dataclass

from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.store.aggregates import PER_PARTICIPANT, frequent_words, group_proposals


@dataclass
class P:
    id: str
    text: str | None


def test_proposals_that_say_the_same_thing_group_in_order_of_arrival() -> None:
    proposals = [
        P("c-1", "Simple"),
        P("c-2", "Proche de moi"),
        P("c-3", "  SIMPLE "),
        P("c-4", "proche   de\nmoi"),
        P("c-5", "Simplement"),
        P("c-6", None),
    ]
    groups = group_proposals(proposals)
    assert [[p.id for p in g] for g in groups] == [["c-1", "c-3"], ["c-2", "c-4"], ["c-5"], ["c-6"]]


def test_no_proposal_no_group() -> None:
    assert group_proposals([]) == []


def test_one_long_text_or_one_talkative_participant_cannot_fill_the_word_cloud() -> None:
    long_text = "tarif " * 5000 + "accueil"
    texts = [
        ("p-1", long_text),
        ("p-1", "tarif encore"),
        ("p-1", "tarif toujours"),  # a third contribution of p-1: over the cap
        ("p-2", "accueil chaleureux"),
        ("p-3", "accueil rapide"),
    ]
    words = dict(frequent_words(texts))
    assert words["tarif"] == PER_PARTICIPANT == 2  # not 5002
    assert words["accueil"] == 3
    assert frequent_words(texts)[0] == ("accueil", 3)


def test_the_projected_results_count_dots_sort_ratings_and_carry_the_texts(
    ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "alice")
    a, b = (
        ws.participant(i.token or "") for i in ws.invite("horizon-mutuelle", "atelier-1", count=2)
    )
    a.submit("vote", target="fiable", value=4)
    b.submit("vote", target="proche", value=1)
    for who, (accueil, delais, site) in ((a, (2, 5, 4)), (b, (3, 4, 4))):
        who.submit("rating", target="accueil", value=accueil)
        who.submit("rating", target="délais", value=delais)
        who.submit("rating", target="site", value=site)
    a.submit("comment", text="Le site est clair")
    b.submit("answer", target="q1", text="Un conseiller dédié")
    agg = ws.aggregates("horizon-mutuelle", "atelier-1")
    assert agg.counts["vote"] == 5 and agg.voters == 2  # dots, and the people who gave them
    assert list(agg.ratings) == ["délais", "site", "accueil"]  # by score, not alphabetically
    assert [(t.kind, t.text, t.target) for t in agg.texts["comment"]] == [
        ("comment", "Le site est clair", None)
    ]
    assert [(t.text, t.target) for t in agg.texts["answer"]] == [("Un conseiller dédié", "q1")]
