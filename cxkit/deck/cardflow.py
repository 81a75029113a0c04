"""How a team card's texts are laid out on a page: sizes, two columns, a strip of KPIs.

A card's :class:`Section` items are poured down two columns (:class:`Flow`), the
KPIs side by side in a strip at the page's foot when they hold there
(:func:`strip`). :func:`lay_out` takes the largest size (:data:`LARGEST` down to
:data:`FLOOR`) at which the whole card holds on one page, the standards alone in
the left column when the rest holds in the right one; past the floor, the
columns continue on further pages, a section's title repeated "(suite)". Every
height is a :mod:`~cxkit.deck.fitting` budget, so what is planned is what an
office suite draws; a text is held to a few lines (:func:`cap`), its whole text
kept for the speaker notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from cxkit.deck import fitting
from cxkit.deck.cards import BOLD
from cxkit.deck.context import Context, continued
from cxkit.deck.plan import Box, Paragraph, TextBlock

LARGEST = 20.0
"""The size of an item's first line when the card has room: legible on a wall."""
FLOOR = 13.0
"""Below this a card continues on another page rather than shrink."""
BODY_DROP = 2.0
"""A description is this much smaller than its item's name."""
NOTE_DROP = 5.0
NOTE_FLOOR = 11.0
"""A measure or a figure line: smaller and muted, never below this."""
SECTION_DROP = 2.0
INSETS = (0.2, 0.1)
"""A text box's left and right, then top and bottom margins together (python-pptx's defaults)."""
ITEM_GAP = 0.06
"""Inches between two rows of the KPIs' strip."""
SECTION_GAP = 0.22
"""Inches between the columns and the strip."""
ITEM_SPACE, SECTION_SPACE = 0.75, 1.5
"""Space before an item, before a section's title, in a column: in items' name sizes."""
COLUMN_GAP = 0.5
LEFT_SHARE = 0.56
"""The left column's share of the width: the standards, the longest texts, start there."""
STRIP_COLUMNS = 5
"""KPIs side by side in the strip at the card's foot."""
STRIP_SHARE = 0.4
"""A strip taller than this share of the page gives its KPIs back to the columns."""
HEAD_LINES, BODY_LINES, NOTE_LINES = 4, 6, 2
"""At most this many lines of an item's name, text and note (the whole in the notes)."""


@dataclass(frozen=True)
class Item:
    """One thing on a card: its name (bold, in the accent), what it says, a muted line.

    ``inline``: the name leads its text on the same line ("Rassurant — Je reformule…").
    """

    head: str
    body: str = ""
    note: str = ""
    inline: bool = False
    joiner: str = ""
    """Between an inline name and its text (" — ")."""

    def text(self) -> str:
        return " · ".join(x for x in (self.head, self.body, self.note) if x)


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]
    strip: bool = False
    """Its items go side by side in a strip at the page's foot when they hold there (KPIs)."""


# --- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    """The sizes of a card's texts, all following its items' names."""

    head: float

    @property
    def body(self) -> float:
        return self.head - BODY_DROP

    @property
    def note(self) -> float:
        return max(NOTE_FLOOR, self.head - NOTE_DROP)

    @property
    def section(self) -> float:
        return max(NOTE_FLOOR, self.head - SECTION_DROP)


def paragraphs(item: Item, sizes: Sizes) -> list[Paragraph]:
    """An item's paragraphs as drawn: its name, its text, its muted line."""
    if item.inline:
        lead = item.head + (item.joiner if item.body else "")
        found = [Paragraph(item.body, lead=lead, size=sizes.head)]
    else:
        found = [Paragraph(item.head, bold=True, size=sizes.head)]
        if item.body:
            found.append(Paragraph(item.body, size=sizes.body))
    if item.note:
        found.append(Paragraph(item.note, size=sizes.note, muted=True))
    return found


def heading(title: str, sizes: Sizes) -> Paragraph:
    return Paragraph(title.upper(), bold=True, size=sizes.section, muted=True)


def block_height(paras: Sequence[Paragraph], width: float) -> float:
    """Inches a text box of ``paras`` needs: their lines and spaces, its top and bottom margins."""
    return INSETS[1] + paragraphs_height(paras, width, first=True)


def paragraphs_height(paras: Sequence[Paragraph], width: float, first: bool) -> float:
    """Inches ``paras`` take in a text box, the space before each counted (but before the
    box's first, when ``first``); a bold paragraph measured wider, the space budgeted a
    fifth above what the renderer puts."""
    h = 0.0
    for i, p in enumerate(paras):
        size = p.size or FLOOR
        wide = BOLD if p.bold else 1.0  # bold glyphs are wider (a lead's few words: in the margin)
        h += fitting.lines_height(fitting.line_count(p.shown, width - INSETS[0], size * wide), size)
        if i or not first:
            h += (size * 0.35 * fitting.LINE_SPACING if p.space is None else p.space) / 72
    return h


def cap(item: Item, width: float, sizes: Sizes, lines: int = BODY_LINES) -> Item:
    """``item`` held to a card's measure: its name to :data:`HEAD_LINES` lines (two when it
    leads its text), its note to :data:`NOTE_LINES`, its text to ``lines`` (none at 0); a
    cut ends with an ellipsis."""
    inner = width - INSETS[0]
    note = fitting.clip(item.note, inner, sizes.note, NOTE_LINES)
    if not item.inline:
        head = fitting.clip(item.head, inner, sizes.head * BOLD, HEAD_LINES)
        body = fitting.clip(item.body, inner, sizes.body, lines) if lines > 0 else ""
        return replace(item, head=head, body=body, note=note)
    head = fitting.clip(item.head, inner, sizes.head * BOLD, 2)
    lead = head + item.joiner
    whole = fitting.clip(lead + item.body, inner, sizes.head, lines) if lines > 0 else lead
    body = whole[len(lead) :] if whole.startswith(lead) else ""
    return replace(item, head=head, body=body, note=note)


# --- laying out --------------------------------------------------------------------------


@dataclass
class Flow:
    """Items poured down columns, page after page; ``single`` refuses a second page.

    A column is one text box: its items follow one another as paragraphs, the space
    between them set on each first paragraph, so the office suite spaces them evenly
    whatever the budget over-estimated (the slack falls at the column's foot).
    """

    columns: tuple[Box, ...]
    first_top: float
    first_bottom: float
    """The first page's room: below the promise, above the KPIs' strip."""
    bottom: float
    sizes: Sizes
    single: bool
    again: Callable[[str], str]
    """A section's title where it continues on a new page: "Nos standards (suite)"."""
    pages: list[list[TextBlock]] = field(default_factory=lambda: [[]])
    cut: list[str] = field(default_factory=list)
    """The whole text of each item that had to be cut."""
    column: int = 0
    y: float = 0.0
    held: list[Paragraph] = field(default_factory=list)
    """The current column's paragraphs, drawn as one text box when it is full."""

    def __post_init__(self) -> None:
        self.y = self.first_top

    @property
    def top(self) -> float:
        return self.first_top if len(self.pages) == 1 else 0.0

    @property
    def end(self) -> float:
        return self.first_bottom if len(self.pages) == 1 else self.bottom

    def close(self) -> None:
        """Draw the current column's paragraphs as its text box."""
        if self.held:
            box = self.columns[self.column]
            area = Box(box.x, self.top, box.w, self.y - self.top)
            self.pages[-1].append(TextBlock(area, tuple(self.held), self.sizes.head))
            self.held = []

    def next_column(self) -> bool:
        """Move to the next column, or the next page's first; False when ``single`` forbids it."""
        self.close()
        if self.column + 1 < len(self.columns):
            self.column += 1
        elif self.single:
            return False
        else:
            self.pages.append([])
            self.column = 0
        self.y = self.top
        return True

    def _shown(self, title: str, item: Item, first: bool, width: float) -> list[Paragraph]:
        """The paragraphs ``item`` adds to the column: its section's title when ``first`` (or
        "(suite)" atop a new page), then its own, spaced from what the column already holds."""
        again = not first and not self.held and self.column == 0 and len(self.pages) > 1
        lead = [heading(title if first else self.again(title), self.sizes)] if title else []
        paras = [*(lead if first or again else []), *paragraphs(item, self.sizes)]
        if self.held:
            space = self.sizes.head * (SECTION_SPACE if first else ITEM_SPACE)
            paras[0] = replace(paras[0], space=space)
        return paras

    def _height(self, paras: list[Paragraph], width: float) -> float:
        empty = not self.held
        return paragraphs_height(paras, width, first=empty) + (INSETS[1] if empty else 0.0)

    def place(self, title: str, item: Item, first: bool) -> bool:
        """Put ``item`` (under its section's title when ``first``) where it holds: here,
        in the next column, or on a new page under its title "(suite)"."""
        for _ in range(len(self.columns) + 1):
            width = self.columns[self.column].w
            room = self.end - self.y
            shown = cap(item, width, self.sizes)
            lines = BODY_LINES
            while not self.held and lines > 0:  # alone in its column: cut further if need be
                if self._height(self._shown(title, shown, first, width), width) <= room:
                    break
                lines -= 1
                shown = cap(item, width, self.sizes, lines)
            paras = self._shown(title, shown, first, width)
            h = self._height(paras, width)
            if h <= room:
                self.held += paras
                self.y += h
                if shown != item:
                    self.cut.append(item.text())
                return True
            if not self.next_column():
                return False
        return False


def _columns(frame: Box) -> tuple[Box, Box]:
    """Two columns across ``frame``, the left one (the standards) wider."""
    left = (frame.w - COLUMN_GAP) * LEFT_SHARE
    return (
        Box(0.0, 0.0, left, frame.h),
        Box(left + COLUMN_GAP, 0.0, frame.w - left - COLUMN_GAP, frame.h),
    )


def flow(
    ctx: Context,
    parts: Sequence[Section],
    room: tuple[float, float],
    sizes: Sizes,
    single: bool = True,
    split: bool = False,
) -> Flow | None:
    """The sections laid out at ``sizes`` in two columns, from the top to the bottom of
    ``room`` on the first page, the first section alone in the first column when
    ``split``: None when ``single`` and one page is not enough."""
    laid = Flow(
        _columns(ctx.frame),
        room[0],
        room[1],
        ctx.frame.h,
        sizes,
        single,
        lambda title: continued(ctx, title, 1),
    )
    for n, section in enumerate(parts):
        if split and n == 1 and not laid.next_column():
            return None
        for i, item in enumerate(section.items):
            if not laid.place(section.title, item, i == 0):
                return None
    laid.close()
    return laid


def strip(ctx: Context, section: Section | None, sizes: Sizes) -> tuple[list[TextBlock], list[str]]:
    """The KPIs side by side across the foot of the card (at most :data:`STRIP_COLUMNS`
    a row, the rows even, each held to a card's measure) under their section's title;
    none when the card has none. Also the whole text of each item cut."""
    if section is None:
        return [], []
    title = heading(section.title, sizes)
    rows_needed = -(-len(section.items) // STRIP_COLUMNS)
    count = -(-len(section.items) // rows_needed)  # rows as even as they can be
    width = (ctx.frame.w - COLUMN_GAP * (count - 1)) / count
    items = [cap(i, width, sizes) for i in section.items]
    rows = [items[i : i + count] for i in range(0, len(items), count)]
    heights = [max(block_height(paragraphs(i, sizes), width) for i in row) for row in rows]
    title_h = block_height([title], ctx.frame.w)
    y = ctx.frame.h - title_h - sum(heights) - ITEM_GAP * (len(rows) - 1)
    blocks = [TextBlock(Box(0.0, y, ctx.frame.w, title_h), (title,), sizes.section)]
    y += title_h
    for row, h in zip(rows, heights, strict=True):
        for n, item in enumerate(row):
            box = Box(n * (width + COLUMN_GAP), y, width, h)
            blocks.append(TextBlock(box, tuple(paragraphs(item, sizes)), sizes.head))
        y += h + ITEM_GAP
    cut = [i.text() for i, c in zip(section.items, items, strict=True) if i != c]
    return blocks, cut


@dataclass(frozen=True)
class Layout:
    """A card laid out: its pages' column blocks, its strip (first page), the texts cut."""

    pages: list[list[TextBlock]]
    strip: list[TextBlock]
    cut: list[str]


def lay_out(ctx: Context, parts: Sequence[Section], top: float) -> Layout:
    """The largest size at which the card holds on one page below ``top``, its strip
    section at the foot if it can (else in the columns): the first section alone in the
    left column if the rest holds in the right one, else the sections one after the other;
    past the floor, over as many pages as needed."""
    kpis = next((s for s in parts if s.strip), None)
    body = [s for s in parts if s is not kpis]
    size = LARGEST
    while size >= FLOOR:
        sizes = Sizes(size)
        foot = strip(ctx, kpis, sizes)
        for blocks, rest in ((foot[0], body), ([], list(parts))):
            if rest is body and not _fits(ctx, blocks):
                continue  # no strip, or too tall a one
            for split in (True, False):
                room = (top, _above(ctx, blocks))
                laid = flow(ctx, rest, room, sizes, split=split and len(rest) > 1)
                if laid is not None:
                    return Layout(laid.pages, blocks, laid.cut + (foot[1] if blocks else []))
        size -= 1.0
    foot = strip(ctx, kpis, Sizes(FLOOR))
    blocks, rest = (foot[0], body) if _fits(ctx, foot[0]) else ([], list(parts))
    found = flow(ctx, rest, (top, _above(ctx, blocks)), Sizes(FLOOR), single=False)
    assert found is not None  # pages are added as needed
    return Layout(found.pages, blocks, found.cut + (foot[1] if blocks else []))


def _fits(ctx: Context, foot: Sequence[TextBlock]) -> bool:
    return bool(foot) and foot[0].box.y >= ctx.frame.h * (1 - STRIP_SHARE)


def _above(ctx: Context, foot: Sequence[TextBlock]) -> float:
    """The bottom of the columns: above the strip, or the frame's foot."""
    return foot[0].box.y - SECTION_GAP if foot else ctx.frame.h
