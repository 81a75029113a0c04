"""Sheets as data written to an Excel file a team can own: tables, drop-downs, real dates.

:mod:`cxkit.workbook` says what each sheet holds; this module knows how
Excel wants it, so the rules below are kept in one place:

- **Tables.** Each sheet is one Excel table (a style, banded rows, its own
  filter buttons), so a row the team adds joins the table and its
  drop-downs. A table needs a data row: an empty sheet gets one blank row.
  Its column names must be unique strings (case-insensitively), so a
  repeated header gets " (2)".
- **Drop-downs.** A column with a closed vocabulary gets list validation.
  The lists live on a hidden sheet, not inline: Excel caps an inline list at
  255 characters and splits it at commas, which labels may hold.
- **Nothing runs.** Every text cell, header and list entry goes through
  :func:`cxkit.spreadsheet.neutralise` (a text starting with ``=`` is
  written as text, never as a formula).
- **Dates are dates,** with a day-month-year format; numbers stay numbers.
- **Printing.** Landscape A4, one page wide, the header row on every page.
- **Properties.** Title, subject, author and language are the engagement's
  (openpyxl would sign every file "openpyxl").

openpyxl is imported when a file is written, not when cxkit is.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cxkit.spreadsheet import neutralise

Cell = str | int | float | dt.date | None
ACCENT = "1F5C73"
MAX_WIDTH = 60
MIN_WIDTH = 8
TABLE_STYLE = "TableStyleMedium2"
DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0%"
LINE_HEIGHT = 15
"""Points per line of 11-point text, for the height of a row of wrapped text."""
MAX_HEADER = 250
"""Excel refuses a table column name over 255 characters; room is left for " (2)"."""
_LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}


@dataclass(frozen=True)
class Sheet:
    """One sheet as data: its title, headers and rows (testable without openpyxl)."""

    key: str
    """A stable ASCII name, the Excel table's ("T_<key>")."""
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    wrap: tuple[int, ...] = ()
    """Columns (0-based) holding long text, wrapped rather than widened."""
    choices: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    """Columns with a closed vocabulary: the labels offered in their drop-down."""
    whole: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    """Columns of whole numbers between two bounds (benchmark scores)."""
    formats: Mapping[int, str] = field(default_factory=dict)
    """Number formats by column; date cells get :data:`DATE_FORMAT` anyway."""


@dataclass(frozen=True)
class Properties:
    """The document's properties, as Excel shows them under File > Info."""

    title: str
    subject: str
    author: str
    lang: str
    lists_title: str
    """The hidden sheet holding the drop-downs' lists."""
    choose: str
    """The message Excel shows when a typed value is not in the list."""


def sheet_title(title: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\ ."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31].strip() or "-"


def unique_headers(headers: Sequence[str]) -> tuple[str, ...]:
    """Headers Excel accepts as a table's column names: one line, non-empty, not too long,
    unique whatever the case."""
    seen: set[str] = set()
    result = []
    for index, header in enumerate(headers):
        base = " ".join(str(header).split())[:MAX_HEADER] or str(index + 1)
        name, n = base, 1
        while name.casefold() in seen:
            n += 1
            name = f"{base} ({n})"
        seen.add(name.casefold())
        result.append(name)
    return tuple(result)


def _width(values: Sequence[Cell], header: str, wrapped: bool) -> float:
    longest = max([len(header), *(len(str(v)) for v in values if v is not None)])
    cap = 50 if wrapped else MAX_WIDTH
    return float(min(cap, max(MIN_WIDTH, longest + 2)))


def _row_lines(row: Sequence[Cell], wrapped: Sequence[int], ws: Any, headers: Sequence[str]) -> int:
    """How many lines the row's wrapped cells take at their column's width (an estimate)."""
    from openpyxl.utils import get_column_letter

    most = 1
    for col in wrapped:
        value = row[col]
        if not isinstance(value, str) or not value:
            continue
        width = max(1, int(ws.column_dimensions[get_column_letter(col + 1)].width or 10) - 2)
        lines = sum(max(1, math.ceil(len(line) / width)) for line in value.split("\n"))
        most = max(most, lines)
    return most


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


class _Lists:
    """The hidden sheet of drop-down lists: one column per distinct list."""

    def __init__(self, book: Any, title: str) -> None:
        self.book, self.title = book, sheet_title(title)
        self.sheet: Any = None
        self.refs: dict[tuple[str, ...], str] = {}

    def ref(self, header: str, values: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter

        if values not in self.refs:
            if self.sheet is None:
                self.sheet = self.book.create_sheet(self.title)
                self.sheet.sheet_state = "hidden"
            col = len(self.refs) + 1
            self.sheet.cell(1, col, neutralise(header))
            for row, value in enumerate(values, start=2):
                self.sheet.cell(row, col, neutralise(value))
            letter = get_column_letter(col)
            self.refs[values] = f"{_quoted(self.title)}!${letter}$2:${letter}${len(values) + 1}"
        return self.refs[values]


def _validations(ws: Any, part: Sheet, headers: tuple[str, ...], lists: _Lists, msg: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(2, len(part.rows) + 1)
    for col, values in part.choices.items():
        if not values:
            continue
        letter = get_column_letter(col + 1)
        dv = DataValidation(type="list", formula1=lists.ref(headers[col], values), allow_blank=True)
        dv.showErrorMessage, dv.error, dv.errorStyle = True, msg, "warning"
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    for col, (low, high) in part.whole.items():
        letter = get_column_letter(col + 1)
        dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high))
        dv.allow_blank = True
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)


def _write_sheet(book: Any, part: Sheet, lists: _Lists, props: Properties) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws = book.create_sheet(sheet_title(part.title))
    headers = unique_headers([neutralise(h) for h in part.headers])
    ws.append(list(headers))
    for row in part.rows:
        ws.append([None if v == "" else neutralise(v) for v in row])
    header_style = (PatternFill("solid", fgColor=ACCENT), Font(bold=True, color="FFFFFF"))
    for cell in ws[1]:
        cell.fill, cell.font = header_style
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    last_row = max(2, len(part.rows) + 1)  # a table needs a data row, even a blank one
    ref = f"A1:{get_column_letter(len(headers))}{last_row}"
    table = Table(displayName=f"T_{part.key}", ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "B2"
    _print_setup(ws)
    ws.row_dimensions[1].height = 30
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    for col, header in enumerate(headers):
        values = [row[col] for row in part.rows]
        wrapped = col in part.wrap
        ws.column_dimensions[get_column_letter(col + 1)].width = _width(values, header, wrapped)
        fmt = part.formats.get(col)
        for (cell,) in ws.iter_rows(2, len(part.rows) + 1, col + 1, col + 1):
            cell.alignment = wrap if wrapped else top
            if isinstance(cell.value, dt.date | dt.datetime):
                cell.number_format = fmt or DATE_FORMAT
            elif fmt and isinstance(cell.value, int | float):
                cell.number_format = fmt
    for index, row in enumerate(part.rows, start=2):
        lines = _row_lines(row, part.wrap, ws, headers)
        if lines > 1:  # Excel would fit the row on opening; LibreOffice keeps one line
            ws.row_dimensions[index].height = LINE_HEIGHT * lines + 2
    _validations(ws, part, headers, lists, props.choose)


def _print_setup(ws: Any) -> None:
    """Printed, a sheet runs across the page (landscape, one page wide), its header on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"


def render_workbook(parts: Sequence[Sheet], props: Properties) -> bytes:
    """The ``.xlsx`` bytes of ``parts``: one table per sheet, then the hidden lists."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    lists = _Lists(book, props.lists_title)
    for part in parts:
        _write_sheet(book, part, lists, props)
    if lists.sheet is not None:  # the lists go last, after the sheets people read
        book.move_sheet(lists.sheet, len(book.sheetnames) - 1 - book.index(lists.sheet))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    info = book.properties
    info.title, info.subject = props.title, props.subject
    info.creator = info.lastModifiedBy = props.author
    info.language = _LANG_TAGS.get(props.lang, props.lang)
    info.created = info.modified = now
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["Cell", "Properties", "Sheet", "render_workbook", "sheet_title", "unique_headers"]
