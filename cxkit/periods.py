"""Measurement periods: quarters ("2027-Q1") and months ("2027-01").

The engagement file holds a period in one canonical spelling (see
:data:`cxkit.value_types.Period`); a client's BI export writes it in many
("T1 2027", "Q1-2027", "janv. 2027", "01/2027", an Excel date), so
:func:`parse_period` reads those into the canonical one. Periods are ordered
by when they start; :func:`previous` steps back within the same kind (a
quarter's previous is a quarter), which is what a trend over the last
periods needs. Labels follow the language: "T1 2027" / "Q1 2027",
"janvier 2027" / "January 2027".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

from cxkit.text import fold

PeriodKind = Literal["quarter", "month"]

_CANONICAL = re.compile(r"^(\d{4})-(?:[Qq]([1-4])|(0[1-9]|1[0-2]))$")

MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


# Month names and their usual abbreviations in both languages ("janv", "feb", "sept").
_MONTH_WORDS: dict[str, int] = {}
for _names in MONTHS.values():
    for _i, _name in enumerate(_names, start=1):
        _folded = fold(_name)
        _MONTH_WORDS[_folded] = _i
        _MONTH_WORDS[_folded[:3]] = _i
        _MONTH_WORDS[_folded[:4]] = _i
_MONTH_WORDS.update({"sept": 9, "juil": 7, "fevr": 2})

_QUARTER_FORMS = (
    re.compile(r"^(\d{4})\s*[-/ ]?\s*[QT]([1-4])$"),  # 2027-Q1, 2027 T1, 2027Q1
    re.compile(r"^[QT]([1-4])\s*[-/ ]?\s*(\d{4})$"),  # Q1 2027, T1-2027
)
_MONTH_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),  # 2027-01, 2027/1
    re.compile(r"^(\d{1,2})[-/.](\d{4})$"),  # 01/2027, 1-2027
)
_MONTH_NAME = re.compile(r"^([a-z]+)\.?\s*[-/ ]?\s*(\d{4})$")  # janvier 2027, janv. 2027, Jan-2027


def quarter(year: int, number: int) -> str:
    return f"{year:04d}-Q{number}"


def month(year: int, number: int) -> str:
    return f"{year:04d}-{number:02d}"


def is_period(value: object) -> bool:
    """Whether ``value`` is a period in the file's canonical spelling."""
    return isinstance(value, str) and bool(_CANONICAL.match(value))


def split(period: str) -> tuple[PeriodKind, int, int]:
    """``"2027-Q1"`` -> ``("quarter", 2027, 1)``; ``"2027-03"`` -> ``("month", 2027, 3)``."""
    found = _CANONICAL.match(period)
    if not found:
        raise ValueError(f"not a period: {period!r}")
    year, q, m = found.groups()
    return ("quarter", int(year), int(q)) if q else ("month", int(year), int(m))


def kind(period: str) -> PeriodKind:
    return split(period)[0]


def parse_period(value: object) -> str | None:
    """The canonical period a cell or a text names, or None when it names none.

    Reads the canonical forms and what exports write: "T1 2027", "Q1-2027",
    "2027 T1", "01/2027", "2027/1", "janvier 2027", "Jan 2027", and a date
    (a spreadsheet's month column), read as its month.
    """
    if isinstance(value, dt.datetime | dt.date):
        return month(value.year, value.month)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    upper = text.upper()
    for i, form in enumerate(_QUARTER_FORMS):
        found = form.match(upper)
        if found:
            year, number = found.groups() if i == 0 else reversed(found.groups())
            return quarter(int(year), int(number))
    for i, form in enumerate(_MONTH_FORMS):
        found = form.match(text)
        if found:
            year, number = found.groups() if i == 0 else reversed(found.groups())
            return month(int(year), int(number)) if 1 <= int(number) <= 12 else None
    found = _MONTH_NAME.match(fold(text))
    if found and found.group(1) in _MONTH_WORDS:
        return month(int(found.group(2)), _MONTH_WORDS[found.group(1)])
    return None


def ordinal(period: str) -> int:
    """The period's rank among periods of its kind (consecutive periods differ by 1)."""
    what, year, number = split(period)
    return year * (4 if what == "quarter" else 12) + number - 1


def _from_ordinal(what: PeriodKind, rank: int) -> str:
    per_year = 4 if what == "quarter" else 12
    year, index = divmod(rank, per_year)
    return quarter(year, index + 1) if what == "quarter" else month(year, index + 1)


def previous(period: str, n: int = 1) -> str:
    """The period ``n`` steps before, of the same kind (``previous("2027-Q1")`` is 2026-Q4)."""
    return _from_ordinal(kind(period), ordinal(period) - n)


def following(period: str, n: int = 1) -> str:
    """The period ``n`` steps after, of the same kind."""
    return previous(period, -n)


def start(period: str) -> dt.date:
    """The first day of the period."""
    what, year, number = split(period)
    return dt.date(year, 3 * number - 2 if what == "quarter" else number, 1)


def end(period: str) -> dt.date:
    """The last day of the period."""
    what, year, number = split(period)
    last_month = 3 * number if what == "quarter" else number
    return dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def sort_key(period: str) -> tuple[dt.date, dt.date]:
    """Orders periods by when they start, a quarter before the month it starts with."""
    return start(period), end(period)


def ordered(periods: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """The distinct periods, oldest first."""
    return sorted(set(periods), key=sort_key)


def horizon_end(horizon: int | str) -> dt.date:
    """The date a KPI horizon names: a year means its last day, a period its last day."""
    if isinstance(horizon, int):
        return dt.date(horizon, 12, 31)
    return end(horizon)


def label(period: str, lang: str = "fr") -> str:
    """The period as a reader says it: "T1 2027" / "Q1 2027", "janvier 2027" / "January 2027".

    A no-break space joins its two words: "T2" never ends a line with "2027" on the next
    (a slide's title, a phone's sentence). :func:`parse_period` reads it back.
    """
    what, year, number = split(period)
    if what == "quarter":
        return f"{'T' if lang == 'fr' else 'Q'}{number}\u00a0{year}"
    return f"{MONTHS['fr' if lang == 'fr' else 'en'][number - 1]}\u00a0{year}"
