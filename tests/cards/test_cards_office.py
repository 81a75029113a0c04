"""The team cards deck as LibreOffice draws it: no text overflows (one conversion).

The deck converted holds the demo's cards in French, a combination in English
and a hostile engagement's card (texts far too long, scripts the font lacks),
so one conversion covers the large type, the "(suite)" pages and the cuts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cxkit.deck.render import build_pptx
from cxkit.deck.team_cards import plan_team_cards
from cxkit.document import load_demo
from cxkit.team_cards import TeamScope
from tests.conftest import require_program
from tests.deck.hostile import hostile_engagement
from tests.deck.overflow import Problem, check_deck, report

pytestmark = pytest.mark.office


@pytest.fixture(scope="module")
def cards_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    demo = load_demo()
    french = plan_team_cards(demo)
    english = plan_team_cards(
        demo, [TeamScope(channels=("Téléphone",), journey_stages=("Hospitalisation",))], "en"
    )
    hostile = plan_team_cards(hostile_engagement(), [TeamScope(channels=("Téléphone",))])
    slides = french.slides + english.slides + hostile.slides
    plan = dataclasses.replace(french, slides=slides)
    folder = tmp_path_factory.mktemp("cards")
    from cxkit.deck.layouts import default_template

    return build_pptx(plan, folder / "cards.pptx", default_template()), len(slides)


@pytest.fixture(scope="module")
def problems(
    cards_deck: tuple[Path, int], tmp_path_factory: pytest.TempPathFactory
) -> list[Problem]:
    require_program("soffice")
    require_program("pdftotext")
    return check_deck(cards_deck[0], tmp_path_factory.mktemp("cards-pdf"))


def test_no_card_overflows(problems: list[Problem], cards_deck: tuple[Path, int]) -> None:
    assert cards_deck[1] >= 7  # four channels, a combination, a hostile card and its "(suite)"
    assert problems == [], report(problems)
