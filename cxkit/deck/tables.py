"""Tables over as many slides as they need: rows measured, never split, cells clipped.

The layout helper of every list in the deck (segments, standards, action
leads...): :func:`paginate_table` spreads rows over pages within a box and a
row limit, :func:`table_slides` turns the pages into slides titled
"(continued)" after the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from cxkit.deck import fitting
from cxkit.deck.context import Context, continued, notes
from cxkit.deck.plan import (
    CELL_PADDING,
    FRAME,
    MAX_CELL_LINES,
    TABLE_FONT,
    TABLE_ROW_LIMIT,
    Box,
    Column,
    Element,
    Paragraph,
    SlidePlan,
    Table,
    TextBlock,
)

LARGE_TABLE_FONTS = (16.0, 14.0, 12.0)
"""A short table reads better larger, if it still fits one slide."""
NOTE_HEIGHT = 0.45
"""Room kept under a table cut short in the body for the line that says where the rest is."""
NOTE_SIZE = 12.0
_BREAKS = re.compile(r"[ \t\n]+")
"""Where a line may break; str.split() would also split at no-break spaces."""
WORD_SHARE_CAP = 0.45
"""No column is widened past this share of the table for one long word (a URL, a hostile name)."""


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
    columns = balanced(columns, rows, box.w, size)
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


def balanced(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: float, size: float
) -> list[Column]:
    """The columns' shares, moved from columns with room to spare to those whose longest word
    would otherwise break ("Hebdomadair|e", "14 septem|bre"): a word is never cut in a cell."""
    total = sum(c.width for c in columns)
    widths = [width * c.width / total for c in columns]
    cap = width * WORD_SHARE_CAP
    need = [
        min(cap, _longest_word(c.header, [r[i] for r in rows], size) + CELL_PADDING[0])
        for i, c in enumerate(columns)
    ]
    short = [max(0.0, n - w) for n, w in zip(need, widths, strict=True)]
    slack = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    deficit, room = sum(short), sum(slack)
    if deficit <= 0 or room <= 0:
        return list(columns)
    moved = min(deficit, room)
    return [
        replace(c, width=(w + s * moved / deficit - r * moved / room) / width)
        for c, w, s, r in zip(columns, widths, short, slack, strict=True)
    ]


def _longest_word(header: str, cells: Sequence[str], size: float) -> float:
    """The widest unbreakable run: no-break spaces ("3\u00a0minutes") hold their words together."""
    words = [w for text in cells for w in _BREAKS.split(text)]
    body = max((fitting.inches(w, size) for w in words), default=0.0)
    head = max((fitting.inches(w, size) * 1.06 for w in _BREAKS.split(header)), default=0.0)
    return max(body, head) + 0.02


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


def drop_empty_columns(
    columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> tuple[list[Column], list[tuple[str, ...]]]:
    """The columns some row fills, and the rows without the others' cells."""
    kept = [i for i in range(len(columns)) if any(row[i] for row in rows)] or [0]
    return [columns[i] for i in kept], [tuple(row[i] for i in kept) for row in rows]


def table_slides(
    ctx: Context,
    section: str,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    note: str = "",
    box: Box | None = None,
    above: Sequence[Element] = (),
    row_notes: Sequence[str] | None = None,
    max_cell_lines: int = MAX_CELL_LINES,
    appendix: str = "",
    keep_empty: bool = False,
) -> list[SlidePlan]:
    """A table over as many slides as it needs (in ``box``, else the whole body frame),
    titled "(continued)" after the first, its empty columns dropped (unless ``keep_empty``:
    a grid whose gaps are the point).

    With ``appendix`` (a title), a table longer than one slide shows its first rows
    in the body, says how many more there are, and goes whole to the appendix.
    """
    if not rows:
        return []
    if not keep_empty:
        columns, rows = drop_empty_columns(columns, rows)
    box = box or ctx.frame
    if appendix:
        head = rows[: TABLE_ROW_LIMIT + 1]  # enough to know whether it takes two slides
        if len(paginate_table(columns, head, box, max_cell_lines=max_cell_lines)) > 1:
            return _cut_short(
                ctx,
                section,
                title,
                columns,
                rows,
                note,
                box,
                above,
                row_notes,
                max_cell_lines,
                appendix,
            )
    return _paged(ctx, section, title, columns, rows, note, box, above, row_notes, max_cell_lines)


def _cut_short(
    ctx: Context,
    section: str,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    note: str,
    box: Box,
    above: Sequence[Element],
    row_notes: Sequence[str] | None,
    max_cell_lines: int,
    appendix: str,
) -> list[SlidePlan]:
    """The first rows in the body with a line saying where the rest is; all in the appendix."""
    body = Box(box.x, box.y, box.w, box.h - NOTE_HEIGHT)
    first = paginate_table(columns, rows[:TABLE_ROW_LIMIT], body, max_cell_lines=max_cell_lines)[0]
    more = len(rows) - len(first.rows)
    said = TextBlock(
        Box(box.x, first.box.y + first.box.h + 0.1, box.w, NOTE_HEIGHT - 0.1),
        (Paragraph(ctx.plural("deck.more", more)),),
        NOTE_SIZE,
        muted=True,
    )
    shown = notes(row_notes[: len(first.rows)]) if row_notes is not None else ""
    ctx.appendix.extend(
        _paged(
            ctx, "appendix", appendix, columns, rows, note, ctx.frame, (), row_notes, max_cell_lines
        )
    )
    return [
        SlidePlan(
            "content", title, section, elements=(*above, first, said), notes=notes(note, shown)
        )
    ]


def _paged(
    ctx: Context,
    section: str,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    note: str,
    box: Box,
    above: Sequence[Element],
    row_notes: Sequence[str] | None,
    max_cell_lines: int,
) -> list[SlidePlan]:
    slides = []
    offset = 0
    pages = paginate_table(columns, rows, box, max_cell_lines=max_cell_lines)
    if len(rows) <= 8:
        for size in LARGE_TABLE_FONTS:
            larger = paginate_table(columns, rows, box, size=size, max_cell_lines=max_cell_lines)
            if len(larger) == 1:
                pages = larger
                break
    for i, table in enumerate(pages):
        extra = ""
        if row_notes is not None:
            extra = notes(row_notes[offset : offset + len(table.rows)])
        offset += len(table.rows)
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, title, i),
                section,
                elements=(*(above if i == 0 else ()), table),
                notes=notes(note, extra),
                continued=i > 0,
            )
        )
    return slides
