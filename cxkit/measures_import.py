"""Measurements from a client's BI export: a CSV or an Excel file, long or wide.

What a BI tool exports varies, so the reader is tolerant of the form and
strict on the content. The form: CSV separated by ``;`` or ``,`` (or tabs),
UTF-8 with or without a byte-order mark (else Windows-1252, which Excel's
French "CSV" writes), decimal commas, thousands spaces;
or the first sheet of an ``.xlsx``. Headers in French or English, accents
and case ignored. Two layouts:

* long: one row per value, columns indicator, period, value (and source);
* wide: one row per indicator, one column per period (``T1 2027``,
  ``2027-Q1``, ``janv. 2027``…), an optional source column.

An indicator is named by its id, by a standard's indicator text or by a
KPI's name. The content is checked whole before anything is kept: an
unknown indicator, a period that is not one, a value that is not a number,
a value given twice are each reported with their row and column, all at
once, in the user's language, and :class:`MeasuresRefused` is raised: the
engagement is not touched. Reading is separate from storing, so the
command line and the notebook store the result the way they store any
edit (:func:`import_into_workspace`: one revision, or nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cxkit import periods
from cxkit.document import decode, read_bytes
from cxkit.errors import FileFormatError, MeasuresRefused
from cxkit.i18n import t
from cxkit.measures import merge
from cxkit.model import Engagement, Measurement
from cxkit.text import fold

if TYPE_CHECKING:  # the store (and SQLAlchemy) only for the caller that stores
    from cxkit.store import Revision, Workspace

Layout = Literal["long", "wide"]

DEMO_MEASUREMENTS = "horizon-mutuelle-mesures"
Cell = Any

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")

# Folded header words of each column of the long layout (the wide one has an indicator and a source).
HEADERS: dict[str, frozenset[str]] = {
    "indicator": frozenset(
        {"indicateur", "indicator", "indicateurs", "indicators", "kpi", "standard", "id", "code"}
    ),
    "period": frozenset({"periode", "period", "trimestre", "quarter", "mois", "month", "date"}),
    "value": frozenset({"valeur", "value", "mesure", "measure", "resultat", "result"}),
    "source": frozenset({"source", "sources", "origine", "origin"}),
}


@dataclass(frozen=True)
class ImportProblem:
    """One reason a measurement file is refused: what, and where (row and column as the file shows them)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    column: str | None = None

    def message(self, lang: str | None = None) -> str:
        what = t(self.key, lang, **self.params)
        if self.row is not None and self.column is not None:
            return t("measures.at.cell", lang, row=self.row, column=self.column, problem=what)
        if self.row is not None:
            return t("measures.at.row", lang, row=self.row, problem=what)
        if self.column is not None:
            return t("measures.at.column", lang, column=self.column, problem=what)
        return what


def demo_measurements_path(kind: Literal["csv", "xlsx"] = "csv") -> Path:
    """The demo engagement's measurements, three quarters of 2027: a BI's long CSV or a wide workbook."""
    name = f"{DEMO_MEASUREMENTS}.{kind}"
    return Path(str(resources.files("cxkit").joinpath("data", name)))


# --- cells -----------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_PLAIN = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")


def read_number(cell: Cell) -> float | int | None:
    """The number a cell holds: 87.5, "87,5", "1 234,5", "87,5 %", "1,234.5"; None if none."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return cell if cell == cell and abs(cell) != float("inf") else None
    if not isinstance(cell, str):
        return None
    text = _SPACES.sub("", cell).removesuffix("%").replace("\u2212", "-")
    if "," in text and "." in text:  # the last one is the decimal mark
        thousands = "," if text.rindex(".") > text.rindex(",") else "."
        text = text.replace(thousands, "")
    if text.count(",") == 1:
        text = text.replace(",", ".")
    if not _PLAIN.match(text) or text.count(".") > 1:
        return None
    number = float(text)
    return int(number) if number.is_integer() and not re.search(r"[.eE]", text) else number


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    return " ".join(str(cell).split())


def _blank(row: Sequence[Cell]) -> bool:
    return all(_text(c) == "" for c in row)


def _filled(row: Sequence[Cell]) -> int:
    return sum(1 for c in row if _text(c) != "")


def _letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


# --- files -> rows ---------------------------------------------------------------------


def _csv_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Excel's French "CSV" writes."""
    try:
        return decode(data, name)
    except FileFormatError as exc:
        if exc.key != "error.file.encoding":
            raise
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise exc from None


def _csv_rows(data: bytes, name: str) -> list[list[Cell]]:
    text = _csv_text(data, name)
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", "\t", ",")}
    delimiter = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ";"
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _excel_rows(data: bytes, name: str) -> list[list[Cell]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileFormatError("measures.error.excel", path=name, detail=str(exc)) from None
    try:
        sheet = book.worksheets[0]
        return [[_excel_value(cell) for cell in row] for row in sheet.iter_rows()]
    finally:
        book.close()


def _excel_value(cell: Any) -> Cell:
    """A cell's value as its reader sees it: 0.875 shown as "87,5 %" is 87.5 (percentage points)."""
    value = cell.value
    shown_as_percent = "%" in (getattr(cell, "number_format", None) or "")
    if shown_as_percent and isinstance(value, int | float) and not isinstance(value, bool):
        return round(value * 100, 9)
    return value


def read_rows(data: bytes, name: str) -> list[list[Cell]]:
    """The rows of a CSV or Excel file's first sheet, by the name's extension."""
    suffix = Path(name).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _csv_rows(data, name)
    if suffix in EXCEL_SUFFIXES:
        return _excel_rows(data, name)
    allowed = ", ".join(CSV_SUFFIXES + EXCEL_SUFFIXES)
    raise FileFormatError("measures.error.extension", path=name, allowed=allowed)


# --- rows -> measurements --------------------------------------------------------------


class _Reader:
    """Reads the rows of one file against one engagement, collecting every problem."""

    def __init__(self, engagement: Engagement, source: str | None) -> None:
        self.source = source
        self.problems: list[ImportProblem] = []
        self.found: list[Measurement] = []
        self.first_at: dict[tuple[str, str], int] = {}
        self.names: dict[str, set[str]] = {}
        for std in engagement.referential.standards:
            self._name(std.id, std.id)
            if std.indicator:
                self._name(std.indicator, std.id)
        for kpi in engagement.strategy.kpis:
            self._name(kpi.id, kpi.id)
            self._name(kpi.name, kpi.id)

    def _name(self, name: str, ident: str) -> None:
        self.names.setdefault(fold(name), set()).add(ident)

    def problem(self, key: str, row: int | None, column: str | None, **params: Any) -> None:
        self.problems.append(ImportProblem(key, params, row, column))

    def indicator(self, cell: Cell, row: int, column: str) -> str | None:
        name = _text(cell)
        ids = self.names.get(fold(name), set())
        if not name:
            self.problem("measures.error.no_indicator", row, column)
        elif not ids:
            self.problem("measures.error.unknown_indicator", row, column, value=name)
        elif len(ids) > 1:
            both = ", ".join(sorted(ids))
            self.problem("measures.error.ambiguous", row, column, value=name, ids=both)
        else:
            return next(iter(ids))
        return None

    def period(self, cell: Cell, row: int | None, column: str) -> str | None:
        found = periods.parse_period(cell) if not isinstance(cell, str) else None
        found = found or periods.parse_period(_text(cell))
        if found is None:
            key = "measures.error.no_period" if _text(cell) == "" else "measures.error.period"
            self.problem(key, row, column, value=_text(cell))
        return found

    def value(self, cell: Cell, row: int, column: str) -> float | int | None:
        number = read_number(cell)
        if number is None:
            key = "measures.error.no_value" if _text(cell) == "" else "measures.error.number"
            self.problem(key, row, column, value=_text(cell))
        return number

    def keep(
        self, of: str, period: str, value: float | int, source: str, row: int, column: str
    ) -> None:
        first = self.first_at.setdefault((of, period), row)
        if first != row:
            self.problem("measures.error.twice", row, column, of=of, period=period, first=first)
            return
        self.found.append(
            Measurement(of=of, period=period, value=value, source=source or self.source)
        )


def _columns(header: Sequence[Cell]) -> dict[str, int]:
    """Which column holds what, by its folded header."""
    where: dict[str, int] = {}
    for index, cell in enumerate(header):
        folded = fold(_text(cell))
        for role, words in HEADERS.items():
            if folded in words and role not in where:
                where[role] = index
    return where


def _label(header: Sequence[Cell], index: int) -> str:
    return _text(header[index]) if index < len(header) and _text(header[index]) else _letter(index)


def _cell(row: Sequence[Cell], index: int | None) -> Cell:
    return row[index] if index is not None and index < len(row) else None


def _read_long(reader: _Reader, rows: list[tuple[int, list[Cell]]], header: list[Cell]) -> None:
    cols = _columns(header)
    ind, per, val, src = cols["indicator"], cols["period"], cols["value"], cols.get("source")
    for number, row in rows:
        of = reader.indicator(_cell(row, ind), number, _label(header, ind))
        period = reader.period(_cell(row, per), number, _label(header, per))
        value = reader.value(_cell(row, val), number, _label(header, val))
        if of and period and value is not None:
            source = _text(_cell(row, src))
            reader.keep(of, period, value, source, number, _label(header, val))


def _wide_columns(reader: _Reader, header: list[Cell], skip: set[int], row: int) -> dict[int, str]:
    """The period of each column of a wide header; a header with a digit that is no period is refused."""
    found: dict[int, str] = {}
    for index, cell in enumerate(header):
        if index in skip or _text(cell) == "":
            continue
        period = periods.parse_period(cell) or periods.parse_period(_text(cell))
        if period:
            found[index] = period
        elif re.search(r"\d", _text(cell)):
            reader.problem("measures.error.period", row, _label(header, index), value=_text(cell))
    return found


def _read_wide(
    reader: _Reader, rows: list[tuple[int, list[Cell]]], header: list[Cell], header_row: int
) -> None:
    cols = _columns(header)
    ind, src = cols.get("indicator", 0), cols.get("source")
    skip = {ind} | ({src} if src is not None else set())
    by_column = _wide_columns(reader, header, skip, header_row)
    for number, row in rows:
        of = reader.indicator(_cell(row, ind), number, _label(header, ind))
        source = _text(_cell(row, src))
        for index, period in by_column.items():
            cell = _cell(row, index)
            if _text(cell) == "":
                continue  # not measured that period
            value = reader.value(cell, number, _label(header, index))
            if of and value is not None:
                reader.keep(of, period, value, source, number, _label(header, index))


def layout_of(header: Sequence[Cell]) -> Layout | None:
    """long when indicator, period and value columns are named; wide when columns are periods."""
    cols = _columns(header)
    if {"indicator", "period", "value"} <= set(cols):
        return "long"
    if any(periods.parse_period(c) or periods.parse_period(_text(c)) for c in header):
        return "wide"
    return None


def measurements_from_rows(
    rows: list[list[Cell]], engagement: Engagement, name: str, source: str | None = None
) -> list[Measurement]:
    """The measurements of a file's rows, or :class:`MeasuresRefused` listing every problem."""
    numbered = [(i, row) for i, row in enumerate(rows, start=1) if not _blank(row)]
    reader = _Reader(engagement, source)
    if not numbered:
        reader.problem("measures.error.empty", None, None)
    else:
        # The header is the first row of two cells or more: a report's title comes before it.
        at = next((i for i, (_, row) in enumerate(numbered) if _filled(row) > 1), 0)
        (header_row, header), body = numbered[at], numbered[at + 1 :]
        layout = layout_of(header)
        if layout is None:
            reader.problem("measures.error.layout", header_row, None)
        elif not body:
            reader.problem("measures.error.no_rows", None, None)
        elif layout == "long":
            _read_long(reader, body, header)
        else:
            _read_wide(reader, body, header, header_row)
    if reader.problems:
        raise MeasuresRefused(name, reader.problems, engagement.language)
    return reader.found


def read_measurements(
    data: bytes, name: str, engagement: Engagement, source: str | None = None
) -> list[Measurement]:
    """The measurements a file's bytes hold (its ``name`` says CSV or Excel); nothing is stored."""
    return measurements_from_rows(read_rows(data, name), engagement, name, source)


def read_measurements_file(
    path: str | os.PathLike[str], engagement: Engagement, source: str | None = None
) -> list[Measurement]:
    """The measurements a CSV or Excel file holds, checked against the engagement."""
    return read_measurements(read_bytes(path), Path(path).name, engagement, source)


def import_measurements(
    engagement: Engagement, path: str | os.PathLike[str], source: str | None = None
) -> list[Measurement]:
    """The engagement's measurements with the file's added (a value of the same period replaced)."""
    return merge(engagement.measurements, read_measurements_file(path, engagement, source))


@dataclass(frozen=True)
class Imported:
    """What an import into the workspace did: the values read, the revision that holds them."""

    found: int
    revision: Revision
    changed: bool
    """False when the workspace already held exactly these values: no revision was added."""


def import_into_workspace(
    ws: Workspace,
    engagement_id: str,
    path: str | os.PathLike[str],
    author: str,
    source: str | None = None,
) -> Imported:
    """Store a file's measurements as a new revision of the engagement, or refuse it whole.

    The file is checked against the latest revision, and the save is based on
    that revision, so a concurrent edit is refused (and kept) by the store
    rather than overwritten. :class:`MeasuresRefused` or
    :class:`FileFormatError` leave the workspace as it was.
    """
    stored = ws.load(engagement_id)
    found = read_measurements_file(path, stored.engagement, source)
    merged = merge(stored.engagement.measurements, found)
    engagement = stored.engagement.model_copy(update={"measurements": merged})
    summary = t("measures.summary", stored.engagement.language, file=Path(path).name)
    revision = ws.save(engagement, author, stored.revision.number, summary)
    return Imported(len(found), revision, revision.number != stored.revision.number)
