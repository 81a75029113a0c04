"""The plan's fitting errs on the safe side (issue 12, item 5), tested without python-pptx:
what cannot fit at the font floor is cut with "…" and the whole text goes to the notes."""

from __future__ import annotations

from cxkit.deck import plan_deck
from cxkit.deck.cards import (
    CAPTION_LINES,
    HEADING_LINES,
    HEADING_SIZE,
    PADDING,
    body_room,
    fitted_cards,
)
from cxkit.deck.fitting import (
    FIRST_STRONG_ISOLATE,
    POP_ISOLATE,
    clip,
    isolate,
    line_count,
    lines_height,
    text_height,
    text_width,
)
from cxkit.deck.parts.opening import SUBTITLE_SIZE, SUBTITLE_WIDTH
from cxkit.deck.plan import CAPTION_SIZE, Box, Card, Cards
from cxkit.document import to_document
from cxkit.model import Engagement
from cxkit.validation import build_engagement
from tests.deck.conftest import TODAY
from tests.deck.hostile import CJK, EMOJI, RTL, hostile_engagement, long_text

CELL = Box(0, 0, 2.8, 2.6)


def plain(text: str) -> str:
    """``text`` with its non-breaking spaces (the typesetting's) as plain ones."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _edited(demo: Engagement, change: dict[str, object]) -> Engagement:
    doc = to_document(demo)
    doc["engagement"].update(change)
    return build_engagement(doc)


def test_scripts_the_template_font_lacks_count_wider() -> None:
    assert text_width("abc") == 3 and text_width("«\u00a0é\u00a0»") == 5
    assert text_width("漢字") == 4 and text_width("🚀") == 2
    assert text_width("שלום") > 4 and text_width("مرحبا") > 5  # drawn in a wider fallback
    assert text_width("👩\u200d👩") == 4  # the joiner takes no room
    assert text_width(RTL) > len(RTL)


def test_a_cut_keeps_the_texts_own_breaks_and_ends_with_an_ellipsis_then_the_tail() -> None:
    text = "premier paragraphe court\n" + "mot " * 200
    cut = clip(text, 2.0, 12, 4, " »")
    assert cut.startswith("premier paragraphe court\nmot mot") and cut.endswith("… »")
    assert line_count(cut, 2.0, 12) <= 4
    assert clip(text, 2.0, 12, 4).count("\n") == 1  # no break the office suite would not make


def test_a_card_whose_text_cannot_fit_is_cut_and_still_holds_in_its_cell() -> None:
    card = Card(long_text(40, EMOJI), long_text(300, RTL), long_text(60, CJK), "Fondamental")
    (fitted,), size = fitted_cards([card], CELL, 18, 12, " »")
    inner = CELL.w - 2 * PADDING
    assert size == 12
    assert fitted.body.endswith("… »") and fitted.body.startswith(card.body[:40])
    assert line_count(fitted.heading, inner, HEADING_SIZE * 1.06) <= HEADING_LINES
    assert fitted.heading.endswith("…") and fitted.caption.endswith("…")
    assert line_count(fitted.caption, inner, CAPTION_SIZE) <= CAPTION_LINES
    assert text_height(fitted.body, inner, size) <= body_room([fitted], CELL)


def test_a_card_that_fits_is_left_whole() -> None:
    card = Card("Fiable", "Je suis remboursé vite.", "Attente n°1", "Fondamental")
    (fitted,), size = fitted_cards([card], CELL, 18, 12)
    assert fitted == card and size == 18


def test_the_hostile_decks_cut_cards_carry_their_whole_text_in_the_notes() -> None:
    engagement = hostile_engagement()
    plan = plan_deck(engagement, today=TODAY)
    slide = next(s for s in plan.slides if s.key == "pillars")
    (cards,) = slide.elements
    assert isinstance(cards, Cards)
    for shown, pillar in zip(cards.cards, engagement.strategy.pillars, strict=False):
        assert shown.body.endswith("…\u00a0»")
        assert pillar.customers_say and pillar.customers_say in plain(slide.notes)
        assert pillar.name in plain(slide.notes)
    for s in plan.slides:  # every card's text holds in the text frame the renderer draws
        for e in s.elements:
            if isinstance(e, Cards) and e.heading_size == HEADING_SIZE:
                for card, box, caption in zip(e.cards, e.boxes, e.captions, strict=True):
                    assert _drawn_height(card, box.w, e) <= _frame_height(box, caption), s.title


def _frame_height(box: Box, caption: Box) -> float:
    """The card's text frame as the renderer sets it: 0.25 in from the top, down to 0.1 in
    above the caption placed at the card's foot."""
    return (caption.y - 0.1) - (box.y + 0.25)


def _drawn_height(card: Card, width: float, cards: Cards) -> float:
    inner = width - 2 * PADDING
    tag = lines_height(1, CAPTION_SIZE) if card.tag else 0.0
    heading = text_height(card.heading, inner, cards.heading_size * 1.06) if card.heading else 0
    body = 8 / 72 + text_height(card.body, inner, cards.body_size) if card.body else 0.0
    return tag + heading + body


def test_the_cover_holds_each_line_keeps_the_date_and_isolates_right_to_left_names(
    demo_engagement: Engagement,
) -> None:
    sector = long_text(40, RTL)
    engagement = _edited(
        demo_engagement, {"sector": sector, "consultants": [RTL, long_text(30, RTL)]}
    )
    cover = plan_deck(engagement, today=TODAY).slides[0]
    lines = cover.subtitle.split("\n")
    assert all(line_count(x, SUBTITLE_WIDTH, SUBTITLE_SIZE) == 1 for x in lines)
    assert plain(lines[-1]).endswith(" · 20 novembre 2026")  # the date is never cut away
    assert lines[-1].startswith(FIRST_STRONG_ISOLATE + RTL + POP_ISOLATE)
    assert all(x.count(FIRST_STRONG_ISOLATE) == x.count(POP_ISOLATE) for x in lines)
    assert sector in plain(cover.notes) and "…" in lines[1]
    assert isolate("Dupont") == "Dupont"


def test_a_long_client_name_is_cut_on_the_cover_title_and_the_footer(
    demo_engagement: Engagement,
) -> None:
    client = "Compagnie Générale " + long_text(60)
    plan = plan_deck(_edited(demo_engagement, {"client": client}), today=TODAY)
    cover = plan.slides[0]
    assert cover.title.endswith("…") and cover.title_size == 28
    assert line_count(cover.title, 10.6, 28) <= 2 and client in plain(cover.notes)
    assert plan.footer.text.endswith("…")
    assert line_count(plan.footer.text, plan.footer.box.w - 0.2, plan.footer.size) == 1


def test_the_demo_cover_and_footer_are_unchanged(demo_engagement: Engagement) -> None:
    plan = plan_deck(demo_engagement, today=TODAY)
    client = demo_engagement.engagement.client
    assert plan.slides[0].title == client and "…" not in plan.slides[0].subtitle
    assert plan.footer.text.startswith(client) and "…" not in plan.footer.text
