"""The deck as data: which slides, what is on each, what continues where.

A :class:`DeckPlan` is built from the engagement and the template's
:class:`Page` (read from the package, without python-pptx), so pagination and
fitting are tested cheaply. Every box the renderer draws is here: geometry in
inches from the top-left corner of the template's body frame, every font size
chosen; the renderer converts inches to EMU and writes shapes, nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

T = TypeVar("T")

SlideKind = Literal["cover", "section", "content"]
"""cover: the title slide; section: a divider; content: a title and drawn elements."""


@dataclass(frozen=True)
class Box:
    """A rectangle in inches, relative to the body frame's top-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Page:
    """A template's slide size and body frame (on the slide), in inches."""

    width: float
    height: float
    body: Box
    title: Box
    """The content layout's title placeholder, on the slide."""

    @property
    def frame(self) -> Box:
        """The body frame as the plan's boxes see it: from its own top-left corner."""
        return Box(0.0, 0.0, self.body.w, self.body.h)


FRAME = Box(0.0, 0.0, 12.13, 5.25)
"""The default template's body frame: a 13.33 x 7.5 in slide less margins, title and footer."""
TITLE_SIZES = {"cover": (44.0, 28.0), "section": (40.0, 28.0), "content": (26.0, 16.0)}
"""Largest (the template's) and smallest title size of each kind of slide."""
LABEL_SIZE = 11.0
"""The topic label set small above a content slide's message."""
FOOTER_SIZE = 9.0
FOOTER_FROM_BOTTOM = 0.5
"""Inches from the slide's bottom edge to the top of the footer line."""
NUMBER_WIDTH = 1.0
CAPTION_SIZE = 11.0
"""Card tags and captions."""
STATEMENT_CAPTION_SIZE = 16.0

TABLE_FONT = 11.0
TABLE_FLOOR = 9.0
TABLE_ROW_LIMIT = 14
"""No table slide holds more body rows than this, however short they are."""
CELL_PADDING = (0.2, 0.1)
"""Horizontal and vertical cell margins together (python-pptx's defaults), in inches."""
MAX_CELL_LINES = 6


@dataclass(frozen=True)
class Paragraph:
    text: str
    level: int = 0
    bold: bool = False
    lead: str = ""
    """Words set bold in the accent color before the text ("Rassurant — "), on its line."""
    size: float | None = None
    """The paragraph's own size, else its block's."""
    muted: bool = False
    """Set in the muted color, whatever its block's."""
    space: float | None = None
    """Points before the paragraph (not the first of its block), else 0.35 of its size."""

    @property
    def shown(self) -> str:
        return self.lead + self.text


@dataclass(frozen=True)
class TextBlock:
    box: Box
    paragraphs: tuple[Paragraph, ...]
    size: float
    muted: bool = False
    italic: bool = False
    align: Literal["left", "center", "right"] = "left"

    def texts(self) -> list[str]:
        return [p.shown for p in self.paragraphs]


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    """Share of the table's width (the shares of a table add up to 1)."""
    align: Literal["left", "center", "right"] = "left"


@dataclass(frozen=True)
class Table:
    box: Box
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    size: float
    row_limit: int
    row_heights: tuple[float, ...]
    """Estimated height of the header then of each row, in inches."""

    @property
    def height(self) -> float:
        return sum(self.row_heights)

    def texts(self) -> list[str]:
        return [c.header for c in self.columns] + [cell for row in self.rows for cell in row]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    emphasis: bool = False
    """The client's own series, drawn in the accent color."""


@dataclass(frozen=True)
class Chart:
    box: Box
    kind: Literal["bar", "radar", "stacked", "line"]
    """``stacked``: horizontal bars whose series add up (a distribution of scores);
    ``line``: values over time (categories are periods), a threshold as a flat series."""
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    maximum: float
    labels: bool = False
    """Each bar carries its value."""
    step: float = 1.0
    """The value axis's gridline step (1 for scores; larger for dozens of dots)."""
    minimum: float = 0.0
    """Where the value axis starts: above 0 when a trend's changes would look flat from 0."""

    def texts(self) -> list[str]:
        return [*self.categories, *(s.name for s in self.series)]


@dataclass(frozen=True)
class Card:
    heading: str
    body: str
    caption: str = ""
    tag: str = ""


@dataclass(frozen=True)
class Cards:
    """Cards in a grid; ``boxes`` and ``captions`` place each card and its caption."""

    box: Box
    cards: tuple[Card, ...]
    columns: int
    heading_size: float
    body_size: float
    boxes: tuple[Box, ...]
    captions: tuple[Box, ...]
    """Each card's caption at its foot (no height when it has none); the body stops above."""
    quote: bool = False
    """Bodies are customer quotes (set in italics, between quotation marks)."""
    caption_size: float = CAPTION_SIZE
    """The size of the captions and of the tags above the headings."""

    def texts(self) -> list[str]:
        return [t for c in self.cards for t in (c.tag, c.heading, c.body, c.caption) if t]


@dataclass(frozen=True)
class Statement:
    """One large sentence (an ambition, a promise) with a caption above it."""

    box: Box
    text: str
    size: float
    caption: str = ""
    caption_size: float = STATEMENT_CAPTION_SIZE

    def texts(self) -> list[str]:
        return [t for t in (self.caption, self.text) if t]

    @property
    def caption_box(self) -> Box:
        return Box(self.box.x, self.box.y - 0.55, self.box.w, 0.45)

    @property
    def bar_box(self) -> Box:
        """The accent bar to the statement's left."""
        return Box(self.box.x - 0.3, self.box.y + 0.1, 0.08, self.box.h - 0.2)


@dataclass(frozen=True)
class Footer:
    """The line under every content slide: its text, and the slide number's box."""

    text: str
    box: Box
    number_box: Box
    size: float = FOOTER_SIZE

    @classmethod
    def on(cls, page: Page, text: str) -> Footer:
        top = page.height - FOOTER_FROM_BOTTOM - page.body.y
        w = page.body.w
        return cls(
            text,
            Box(0.0, top, w - NUMBER_WIDTH, 0.3),
            Box(w - NUMBER_WIDTH, top, NUMBER_WIDTH, 0.3),
        )


Element = TextBlock | Table | Chart | Cards | Statement


@dataclass(frozen=True)
class SlidePlan:
    kind: SlideKind
    title: str
    section: str
    """The key of the method's section the slide belongs to (``cover``, ``strategy``...)."""
    elements: tuple[Element, ...] = ()
    subtitle: str = ""
    notes: str = ""
    continued: bool = False
    title_size: float | None = None
    """Set when the template's title size would not fit the title in its box."""
    label: str = ""
    """The slide's topic ("Customer vision"), shown small above its message, the title."""
    marker: str = ""
    """The part's name, shown before the label when the part has no divider slide."""
    key: str = ""
    """Which message rule titles the slide (:data:`cxkit.vocab.SLIDE_MESSAGES`), if any."""

    @property
    def topic(self) -> str:
        """What the slide is about: its label, else its title."""
        return self.label or self.title

    @property
    def kicker(self) -> str:
        """The small line above the title: the part's name if marked, then the label."""
        return " · ".join(x for x in (self.marker, self.label) if x)

    def texts(self) -> list[str]:
        """Every text shown on the slide (not its notes): what a client reads."""
        shown = [self.marker, self.label, self.title, self.subtitle]
        return [*shown, *(t for e in self.elements for t in e.texts())]

    def tables(self) -> list[Table]:
        return [e for e in self.elements if isinstance(e, Table)]

    def charts(self) -> list[Chart]:
        return [e for e in self.elements if isinstance(e, Chart)]


@dataclass(frozen=True)
class DeckPlan:
    lang: str
    client: str
    title: str
    author: str
    subject: str
    page: Page
    footer: Footer
    slides: tuple[SlidePlan, ...] = field(default_factory=tuple)

    @property
    def label_box(self) -> Box:
        """Where a content slide's topic label goes: just above its title, from the body's
        corner (beside our template's accent dash)."""
        title, body = self.page.title, self.page.body
        top = max(0.02, title.y - 0.22)
        return Box(title.x - body.x + 0.7, top - body.y, title.w - 0.7, 0.28)

    def sections(self) -> list[str]:
        seen: list[str] = []
        for slide in self.slides:
            if slide.section not in seen:
                seen.append(slide.section)
        return seen

    def slides_of(self, section: str) -> list[SlidePlan]:
        return [s for s in self.slides if s.section == section]


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]
