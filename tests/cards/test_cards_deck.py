"""The team cards deck: one printable page per team, large type, nothing overflowing.

The plan is checked without python-pptx (what is on each card, at which size,
inside the frame); the written deck is read back with python-pptx.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pptx import Presentation

from cxkit.deck import DeckPlan, SlidePlan
from cxkit.deck.cardflow import FLOOR, NOTE_FLOOR
from cxkit.deck.plan import TextBlock
from cxkit.deck.team_cards import build_team_cards, plan_team_cards
from cxkit.document import load_demo
from cxkit.model import Engagement
from cxkit.team_cards import TeamScope
from cxkit.typography import nbsp
from tests.deck.conftest import slide_texts
from tests.deck.hostile import hostile_engagement

IDS = ("std-", "rit-", "jeunes-actifs", "delai-remb", "ces-courriers", "horizon-mutuelle")


@pytest.fixture(scope="module")
def demo() -> Engagement:
    return load_demo()


@pytest.fixture(scope="module")
def plan(demo: Engagement) -> DeckPlan:
    return plan_team_cards(demo)


def _text(slide: SlidePlan) -> str:
    return "\n".join(slide.texts())


def _blocks(slide: SlidePlan) -> list[TextBlock]:
    return [e for e in slide.elements if isinstance(e, TextBlock)]


def test_one_card_per_channel_each_on_one_page(plan: DeckPlan) -> None:
    assert [s.title for s in plan.slides] == [
        "Agence",
        "Téléphone",
        "Espace en ligne",
        "Application mobile",
    ]
    assert not any(s.continued for s in plan.slides)
    assert plan.title == "Horizon Mutuelle · Cartes d'équipe"


def test_the_contact_centre_card_says_what_applies_to_it(demo: Engagement, plan: DeckPlan) -> None:
    phone = _text(plan.slides[1])
    for standard in demo.referential.standards:
        assert standard.statement.replace(" ", "") in phone.replace(" ", "").replace("\u00a0", "")
    for words in (
        "Nos standards",
        "Nos postures",
        "Nos rituels",
        "Ce que nous suivons",
        "Rassurant",
        "Appel de bienvenue",
        "Net Promoter Score relationnel",
        "Seniors, Familles",
        "La santé simplifiée, à vos côtés.",
    ):
        assert words.casefold() in phone.casefold(), words
    assert "seuil\u00a0: 3\u00a0minutes" in phone
    assert "Bilan annuel des garanties" not in phone
    agency = _text(plan.slides[0])
    assert "téléphone" not in agency.casefold().split("nos postures")[0].split("nos standards")[1]
    assert "Bilan annuel des garanties" in agency


def test_no_id_on_any_card(plan: DeckPlan) -> None:
    for slide in plan.slides:
        text = _text(slide)
        assert not [i for i in IDS if i in text], slide.title


def test_large_type_inside_the_frame(plan: DeckPlan) -> None:
    frame = plan.page.frame
    for slide in plan.slides:
        blocks = _blocks(slide)
        heads = [p.size or b.size for b in blocks for p in b.paragraphs if p.lead or p.bold]
        assert min(heads) >= NOTE_FLOOR
        assert max(heads) >= FLOOR  # the items' names
        assert all(p.size is None or p.size >= NOTE_FLOOR for b in blocks for p in b.paragraphs)
        for block in blocks:
            box = block.box
            if box.y >= 0:  # the promise may sit on the title's row, above the frame
                assert box.x >= 0 and box.x + box.w <= frame.w + 1e-6
                assert box.y + box.h <= frame.h + 1e-6, (slide.title, block.texts())
        columns: dict[float, list[TextBlock]] = {}
        for block in blocks:
            columns.setdefault(block.box.x, []).append(block)
        for column in columns.values():
            column.sort(key=lambda b: b.box.y)
            for upper, lower in itertools.pairwise(column):
                assert upper.box.y + upper.box.h <= lower.box.y + 1e-6, slide.title


def test_a_combination_and_english(demo: Engagement) -> None:
    scope = TeamScope(channels=("Téléphone",), journey_stages=("Hospitalisation",))
    plan = plan_team_cards(demo, [scope], "en")
    assert [s.title for s in plan.slides] == ["Téléphone · Hospitalisation"]
    text = _text(plan.slides[0])
    assert "For: Seniors, Familles" in text and "OUR STANDARDS" in text
    assert "OUR RITUALS" not in text  # the welcome call is at subscription


def test_a_long_referential_continues_rather_than_overflows() -> None:
    hostile = hostile_engagement()
    plan = plan_team_cards(hostile, [TeamScope(channels=("Téléphone",))])
    assert len(plan.slides) >= 2
    assert [s.continued for s in plan.slides] == [False] + [True] * (len(plan.slides) - 1)
    assert all(s.title.endswith("(suite)") for s in plan.slides[1:])
    first = plan.slides[0]
    assert first.notes  # a text cut on the card is whole in the notes
    statement = nbsp(hostile.referential.standards[0].statement, "fr")
    assert statement in first.notes
    for slide in plan.slides:
        for block in _blocks(slide):
            if block.box.y >= 0:
                assert block.box.y + block.box.h <= plan.page.frame.h + 1e-6


def test_the_written_deck(demo: Engagement, plan: DeckPlan, tmp_path: Path) -> None:
    path = build_team_cards(demo, tmp_path / "cards.pptx", plan=plan)
    prs = Presentation(str(path))
    assert len(prs.slides) == 4
    phone = slide_texts(prs.slides[1])
    assert "Téléphone" in phone and "Aucun membre n'attend plus de 3" in phone
    assert "Appel de bienvenue" in phone and "Pédagogue" in phone
    for slide in prs.slides:
        text = slide_texts(slide)
        assert not [i for i in IDS if i in text]
    assert prs.core_properties.language == "fr-FR"
