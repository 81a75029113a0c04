"""Cards in a grid: the one place their geometry is computed.

Each card's rectangle, its caption's box at the card's foot and every font
size are decided here and carried by the :class:`~cxkit.deck.plan.Cards`
element, so the renderer draws exactly what was measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cxkit.deck import fitting
from cxkit.deck.context import Context, continued, notes, quoted
from cxkit.deck.plan import CAPTION_SIZE, Box, Card, Cards, SlidePlan

GAP = 0.3
"""Inches between two cards, across and down."""
PADDING = 0.2
"""A card's left and right text margins."""
TOP_MARGIN = 0.25
BAR_HEIGHT = 0.06
"""The accent bar along a card's top edge."""
HEADING_SIZE = 20.0
CAPTION_LINES = 4
MIN_CARD_HEIGHT = 2.2
CARDS_PER_SLIDE = 4
BODY_SPACE = 8.0
"""Points between a card's heading and its body."""
HEADING_LINES = 3
BOLD = 1.06
"""Bold text is this much wider than the average glyph."""
CAPITALS = 1.3
"""Text set in capitals (the tags) is this much wider."""
SAFETY = 0.1
"""Inches kept free under a card's body: a line holding a fallback font's glyphs
(emoji, Hebrew, Arabic) is drawn taller than the budget's line."""


def grid(box: Box, count: int, columns: int) -> list[Box]:
    """The rectangles of ``count`` cards in ``columns`` columns filling ``box``."""
    cols = max(1, columns)
    rows = -(-count // cols)
    width = (box.w - GAP * (cols - 1)) / cols
    height = (box.h - GAP * (rows - 1)) / max(1, rows)
    return [
        Box(box.x + c * (width + GAP), box.y + r * (height + GAP), width, height)
        for r, c in (divmod(i, cols) for i in range(count))
    ]


def caption_box(card: Card, box: Box, size: float = CAPTION_SIZE) -> Box:
    """A card's caption at its foot, as tall as its wrapped lines (no height without one)."""
    h = fitting.text_height(card.caption, box.w - 2 * PADDING, size) + 0.1 if card.caption else 0.0
    return Box(box.x, box.y + box.h - h - 0.05, box.w, h)


def cards(
    box: Box,
    items: Sequence[Card],
    columns: int,
    heading_size: float,
    body_size: float,
    quote: bool = False,
) -> Cards:
    """The element drawing ``items`` in a grid filling ``box``."""
    boxes = grid(box, len(items), columns)
    return Cards(
        box,
        tuple(items),
        max(1, columns),
        heading_size,
        body_size,
        tuple(boxes),
        tuple(caption_box(c, b) for c, b in zip(items, boxes, strict=True)),
        quote,
    )


def card_height(card: Card, width: float, size: float) -> float:
    """Inches a card needs: margins, tag, heading, body and caption (as the renderer lays them)."""
    inner = width - 2 * PADDING
    h = TOP_MARGIN + 0.15
    if card.tag:
        h += fitting.lines_height(1, CAPTION_SIZE)
    if card.heading:
        h += fitting.text_height(card.heading, inner, HEADING_SIZE * BOLD)
    if card.body:
        h += BODY_SPACE / 72 + fitting.text_height(card.body, inner, size)
    if card.caption:
        h += 0.1 + fitting.text_height(card.caption, inner, CAPTION_SIZE)
    return h + 0.15


def body_room(group: Sequence[Card], cell: Box) -> float:
    """Inches left for the bodies of ``group``'s cards in ``cell``: the card less its top
    margin, the tallest tag, heading and caption, the space above the body, the renderer's
    bottom margin (0.15 in under the text, or the caption's box and its own margins) and
    :data:`SAFETY` for lines drawn taller in a fallback font."""
    inner = cell.w - 2 * PADDING
    tag = fitting.lines_height(1, CAPTION_SIZE) if any(c.tag for c in group) else 0.0
    heading = max(
        (fitting.text_height(c.heading, inner, HEADING_SIZE * BOLD) for c in group if c.heading),
        default=0.0,
    )
    caption = max(
        (fitting.text_height(c.caption, inner, CAPTION_SIZE) + 0.3 for c in group if c.caption),
        default=0.15,
    )
    return cell.h - TOP_MARGIN - tag - heading - BODY_SPACE / 72 - caption - SAFETY


def fit_card(card: Card, width: float, height: float, largest: float, floor: float) -> float:
    """The body size at which a card's text fits, ``floor`` when it does not."""
    size = fitting.best_size([card.body], width - 2 * PADDING, height, largest, floor)
    return floor if size is None else size


def fitted_cards(
    group: Sequence[Card], cell: Box, largest: float, floor: float, closing: str = ""
) -> tuple[list[Card], float]:
    """``group`` made to hold in ``cell``-sized cards, and the one body size they share.

    Tags hold on one line, headings on :data:`HEADING_LINES`, captions on
    :data:`CAPTION_LINES` (fewer when a body would get less than two lines); the bodies take the largest size down to ``floor`` at which
    all fit the room left, and a body too long even at ``floor`` is cut with an
    ellipsis, then ``closing`` (a quote's closing mark); the caller puts the whole text
    in the notes.
    """
    inner = cell.w - 2 * PADDING
    for caption_lines in range(CAPTION_LINES, 0, -1):  # captions yield to a body's two lines
        short = [
            Card(
                fitting.clip(c.heading, inner, HEADING_SIZE * BOLD, HEADING_LINES),
                c.body,
                fitting.clip(c.caption, inner, CAPTION_SIZE, caption_lines),
                fitting.clip(c.tag, inner, CAPTION_SIZE * CAPITALS, 1),
            )
            for c in group
        ]
        room = body_room(short, cell)
        if room >= fitting.lines_height(2, floor) or not any(c.body for c in group):
            break
    size = min(fit_card(c, cell.w, room, largest, floor) for c in short)
    lines = int(room / fitting.lines_height(1, size) + 1e-9)
    fitted = [
        replace(c, body=fitting.clip(c.body, inner, size, lines, closing) if lines > 0 else "")
        for c in short
    ]
    return fitted, size


def card_slides(
    ctx: Context,
    section: str,
    title: str,
    items: Sequence[Card],
    note: str | Sequence[str] = "",
    per_slide: int = CARDS_PER_SLIDE,
    columns: int | None = None,
    quote: bool = False,
    box: Box | None = None,
    largest: float = 18.0,
    floor: float = 12.0,
) -> list[SlidePlan]:
    """Cards in a grid, ``per_slide`` a slide; a text too long at ``floor`` is cut with an
    ellipsis (see :func:`fitted_cards`), the card's whole text in the speaker notes."""
    box = box or ctx.frame
    slides = []
    groups = [items[i : i + per_slide] for i in range(0, len(items), per_slide)]
    for i, group in enumerate(groups):
        cols = columns or len(group)
        rows = -(-len(group) // cols)
        cell = grid(box, len(group), cols)[0]
        closing = ""
        if quote:
            group = [replace(c, body=quoted(ctx, c.body)) for c in group]
            closing = quoted(ctx, "-").split("-", 1)[1]  # " »" or "”"
        fitted, size = fitted_cards(group, cell, largest, floor, closing)
        needed = max(card_height(c, cell.w, size) for c in fitted)
        card_h = min(cell.h, max(needed, MIN_CARD_HEIGHT))
        used = Box(box.x, box.y, box.w, card_h * rows + GAP * (rows - 1))
        clipped = [
            " · ".join(t for t in (c.tag, c.heading, c.body, c.caption) if t)
            for c, f in zip(group, fitted, strict=True)
            if c != f
        ]
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, title, i),
                section,
                elements=(cards(used, fitted, cols, HEADING_SIZE, size, quote),),
                notes=notes(note, clipped),
                continued=i > 0,
            )
        )
    return slides
