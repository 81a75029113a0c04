"""The deck as data: which slides, what is on each, what continues where.

A :class:`DeckPlan` is built from the engagement alone (no python-pptx, no
template), so pagination and fitting are tested cheaply. Geometry is in
inches inside the nominal body frame of a 16:9 slide (:data:`FRAME`); the
renderer scales it to the template's own body area.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from cxkit.deck import fitting

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


FRAME = Box(0.0, 0.0, 12.13, 5.25)
TITLE_BOX = Box(0.0, 0.0, 12.13, 0.85)
TITLE_SIZES = {"cover": (44.0, 28.0), "section": (40.0, 28.0), "content": (26.0, 18.0)}
"""Largest (the template's) and smallest title size of each kind of slide."""
"""The nominal body frame: a 13.33 x 7.5 in slide less margins, title and footer."""

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


@dataclass(frozen=True)
class TextBlock:
    box: Box
    paragraphs: tuple[Paragraph, ...]
    size: float
    muted: bool = False
    italic: bool = False
    align: Literal["left", "center"] = "left"


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


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    emphasis: bool = False
    """The client's own series, drawn in the accent color."""


@dataclass(frozen=True)
class Chart:
    box: Box
    kind: Literal["bar", "radar"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    maximum: float


@dataclass(frozen=True)
class Card:
    heading: str
    body: str
    caption: str = ""
    tag: str = ""


@dataclass(frozen=True)
class Cards:
    box: Box
    cards: tuple[Card, ...]
    columns: int
    heading_size: float
    body_size: float
    quote: bool = False
    """Bodies are customer quotes (set in italics, between quotation marks)."""


@dataclass(frozen=True)
class Statement:
    """One large sentence (an ambition, a promise) with a caption above it."""

    box: Box
    text: str
    size: float
    caption: str = ""


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

    def tables(self) -> list[Table]:
        return [e for e in self.elements if isinstance(e, Table)]

    def charts(self) -> list[Chart]:
        return [e for e in self.elements if isinstance(e, Chart)]


@dataclass(frozen=True)
class DeckPlan:
    lang: str
    title: str
    author: str
    subject: str
    slides: tuple[SlidePlan, ...] = field(default_factory=tuple)

    def sections(self) -> list[str]:
        seen: list[str] = []
        for slide in self.slides:
            if slide.section not in seen:
                seen.append(slide.section)
        return seen

    def slides_of(self, section: str) -> list[SlidePlan]:
        return [s for s in self.slides if s.section == section]


# --- tables -------------------------------------------------------------------


def _row_height(
    cells: Sequence[str], widths: Sequence[float], size: float, bold: bool = False
) -> float:
    factor = 1.06 if bold else 1.0
    lines = max(
        fitting.line_count(text, max(0.3, w - CELL_PADDING[0]), size * factor)
        for text, w in zip(cells, widths, strict=True)
    )
    return fitting.lines_height(lines, size) + CELL_PADDING[1]


def paginate_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    box: Box = FRAME,
    size: float = TABLE_FONT,
    row_limit: int = TABLE_ROW_LIMIT,
    max_cell_lines: int = MAX_CELL_LINES,
) -> list[Table]:
    """``rows`` spread over as many tables as needed, each within ``box`` and ``row_limit``.

    A cell longer than ``max_cell_lines`` is clipped with an ellipsis (the
    workbook keeps the whole text); rows are never split between slides.
    """
    total = sum(c.width for c in columns)
    widths = [box.w * c.width / total for c in columns]
    header = tuple(c.header for c in columns)
    header_h = _row_height(header, widths, size, bold=True)
    pages: list[Table] = []
    current: list[tuple[str, ...]] = []
    heights: list[float] = []
    for row in rows:
        cells = tuple(
            fitting.clip(text, max(0.3, w - CELL_PADDING[0]), size, max_cell_lines)
            for text, w in zip(row, widths, strict=True)
        )
        h = _row_height(cells, widths, size)
        if current and (len(current) >= row_limit or header_h + sum(heights) + h > box.h):
            pages.append(_table(box, columns, current, size, row_limit, header_h, heights))
            current, heights = [], []
        current.append(cells)
        heights.append(h)
    if current:
        pages.append(_table(box, columns, current, size, row_limit, header_h, heights))
    return pages


def _table(
    box: Box,
    columns: Sequence[Column],
    rows: list[tuple[str, ...]],
    size: float,
    row_limit: int,
    header_h: float,
    heights: list[float],
) -> Table:
    h = min(box.h, header_h + sum(heights))
    return Table(
        Box(box.x, box.y, box.w, h),
        tuple(columns),
        tuple(rows),
        size,
        row_limit,
        (header_h, *heights),
    )


# --- text -----------------------------------------------------------------------


def fit_text(
    texts: Sequence[str], box: Box, largest: float, floor: float
) -> list[tuple[float, list[str]]]:
    """The size and paragraphs of each page a text needs: one page when it fits
    at a size between ``largest`` and ``floor``, more at ``floor`` otherwise."""
    width = box.w - 0.2
    size = fitting.best_size(texts, width, box.h - 0.1, largest, floor)
    if size is not None:
        return [(size, list(texts))]
    return [(floor, page) for page in fitting.split_paragraphs(texts, width, box.h - 0.1, floor)]


def fit_card(card: Card, width: float, height: float, largest: float, floor: float) -> float:
    """The body size at which a card's text fits, ``floor`` when it does not."""
    size = fitting.best_size([card.body], width - 0.3, height, largest, floor)
    return floor if size is None else size


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]
