"""Cells that a spreadsheet cannot run: the OWASP rule against formula ("CSV") injection.

A participant's text such as ``=HYPERLINK("http://…")`` or ``@SUM(1)`` becomes
a live formula when a CSV export or a workbook is opened in Excel or
LibreOffice. Every text cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a leading apostrophe, which both programs read
as "this is text". Only strings are touched: a number (a rating, a count, a
negative score) stays a number, so sums and sorting still work. Every CSV
or XLSX cell cxkit writes goes through :func:`neutralise`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

__all__ = ["FORMULA_TRIGGERS", "csv_text", "neutralise", "neutralise_row"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""

V = TypeVar("V")


def neutralise(value: V) -> V:
    """``value`` made inert for a spreadsheet: a string starting with a trigger gets ``'`` in front.

    Anything that is not a string (numbers, dates, None) is returned as it is.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return cast(V, "'" + value)
    return value


def neutralise_row(row: Mapping[str, V]) -> dict[str, V]:
    """Every cell of a row, neutralised."""
    return {key: neutralise(value) for key, value in row.items()}


def csv_text(rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str]) -> str:
    """A CSV document (header first) whose cells cannot run as formulas.

    Lines end with CRLF, as RFC 4180 and Excel have it; that also makes the
    writer quote a field holding a lone carriage return, which ``\\n`` line
    ends would leave bare (and so split the row when read back).
    """
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(neutralise_row(row) for row in rows)
    return buffer.getvalue()
