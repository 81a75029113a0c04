"""Typography done once: the deck's numbers, dates, plurals and spacing come from cxkit.typography."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cxkit.deck import plan_deck
from cxkit.deck.plan import DeckPlan
from cxkit.labels import Labels
from cxkit.model import Engagement
from cxkit.typography import MINUS, NBSP, NNBSP, typeset
from tests.deck.conftest import TODAY


def _texts(plan: DeckPlan) -> str:
    """Every string the plan holds, found by the same walk the planner spaces them with."""
    found: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, tuple | list):
            for v in value:
                collect(v)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                collect(getattr(value, name))

    collect(plan.slides)
    return "\n".join(found)


def test_labels_format_numbers_percentages_and_dates_by_locale(
    demo_engagement: Engagement,
) -> None:
    fr, en = Labels(demo_engagement, "fr"), Labels(demo_engagement, "en")
    assert fr.number(9990000000000000, "€") == NNBSP.join(
        ["9", "990", "000", "000", "000", "000"]
    ) + (NBSP + "€")
    assert fr.number(-1000000, "pts") == f"{MINUS}1{NNBSP}000{NNBSP}000{NBSP}pts"
    assert fr.number(24, "/h") == "24/h" and en.number(6.5, "days") == f"6.5{NBSP}days"
    assert fr.percent(1 / 3) == f"33,3{NBSP}%" and en.percent(0.38) == "38%"
    assert fr.date(dt.date(2027, 3, 12)) == f"12{NBSP}mars{NBSP}2027"
    assert en.date(dt.date(2027, 3, 12)) == f"12{NBSP}March{NBSP}2027"
    assert fr.date(None) == "" and fr.number(None) == ""


def test_counted_nouns_agree_with_their_number(demo_engagement: Engagement) -> None:
    one = demo_engagement.model_copy(deep=True)
    one.workshops = one.workshops[:1]
    one.collection.interviews = one.collection.interviews[:1]
    text = _texts(plan_deck(one, today=TODAY))
    assert "1 atelier" in text and "1 ateliers" not in text
    assert "1 entretien mené." in text and "1 entretiens" not in text
    english = _texts(plan_deck(one, "en", today=TODAY))
    assert "1 workshop" in english and "1 workshops" not in english
    assert "1 interview held." in english


def test_the_matrix_counts_the_other_leads_in_words(large: Engagement) -> None:
    text = _texts(plan_deck(large, today=TODAY))
    counts = re.findall(r"\+ (\d+) (autres? pistes?)", text)
    assert counts
    for n, words in counts:
        assert (words == "autres pistes") == (int(n) > 1)
    english = _texts(plan_deck(large, "en", today=TODAY))
    assert re.search(r"\+ \d+ other leads?", english) and "+ 1 other leads" not in english


def test_free_text_on_slides_gets_the_language_spacing(demo_engagement: Engagement) -> None:
    e = demo_engagement.model_copy(deep=True)
    e.strategy.pillars[0].customers_say = "Ils répondent : « tout de suite » !"
    e.environment.customer.segments[0].share = 0.41
    fr = _texts(plan_deck(e, today=TODAY))
    assert f"Ils répondent{NBSP}: «{NBSP}tout de suite{NBSP}»{NNBSP}!" in fr
    assert f"41{NBSP}%" in fr and " %" not in fr and " :" not in fr
    en = _texts(plan_deck(e, "en", today=TODAY))
    assert "41%" in en and " %" not in en


@dataclass(frozen=True)
class _Inner:
    text: str
    size: float


@dataclass(frozen=True)
class _Outer:
    title: str
    items: tuple[_Inner, ...]
    lines: list[str]


def test_typeset_walks_nested_plans_and_keeps_what_did_not_change() -> None:
    plain = _Inner("sans ponctuation", 12.0)
    outer = _Outer("Vision : client", (plain, _Inner("Prix ?", 9.0)), ["90 %"])
    spaced = typeset(outer, "fr")
    assert spaced.title == f"Vision{NBSP}: client"
    assert spaced.items[0] is plain and spaced.items[1].text == f"Prix{NNBSP}?"
    assert spaced.lines == [f"90{NBSP}%"] and spaced.items[1].size == 9.0
    assert typeset(outer, "en").title == "Vision: client"
