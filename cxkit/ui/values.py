"""How a stored value shows in a widget, and how what was typed comes back, by locale.

A number reads "0,22" in French and "0.22" in English, a date "03/11/2026";
what a consultant types in either habit ("0,3", "12 000", "3/11/2026",
"2026-11-03") comes back in the model's notation. Anything that does not
parse is returned as typed, so that the model's refusal names it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from cxkit.typography import format_date, format_number

Kind = Literal[
    "text", "textarea", "choice", "ref", "refs", "lines", "tags", "number", "date", "horizon"
]


def to_widget(kind: Kind, value: Any, lang: str | None = None) -> Any:
    """The stored ``value`` as a widget of ``kind`` shows it to a reader of ``lang``."""
    if kind in ("choice", "ref"):
        return value
    if kind == "refs":
        return tuple(value or ())
    if kind == "tags":
        return list(value or [])
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, lang)
    if kind == "date" and isinstance(value, dt.date):
        return format_date(value, lang, style="short")
    if kind == "lines":
        return "\n".join(value or [])
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def number_text(text: str, lang: str | None) -> str:
    """A number as typed by a reader of ``lang`` ("0,22", "1 000", "1,000.5") in Python's notation.

    Anything else is returned as typed, so the model's refusal names it.
    """
    compact = "".join(ch for ch in text.strip() if not ch.isspace()).replace("\u2212", "-")
    candidate = compact.replace(",", "" if lang == "en" else ".")
    try:
        float(candidate)
    except ValueError:
        return text.strip()
    return candidate


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")


def date_text(text: str) -> str:
    """A date typed day first ("3/11/2026", as both languages show it) in ISO form.

    An ISO date, or anything else, is returned as typed: the model checks it.
    """
    found = _DAY_FIRST.match(text)
    if not found:
        return text.strip()
    day, month, year = (int(g) for g in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def from_widget(kind: Kind, value: Any, lang: str | None = None) -> Any:
    """What a widget of ``kind`` holds, in the model's notation (None for an empty text)."""
    if kind in ("choice", "ref"):
        return value
    if kind == "refs":
        return [str(v) for v in value]
    if kind == "tags":
        return [str(v).strip() for v in value if str(v).strip()]
    if kind == "lines":
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    text = str(value)
    if kind == "number":
        text = number_text(text, lang)
    if kind == "date":
        text = date_text(text)
    if kind in ("number", "date", "horizon"):
        text = text.strip()
        if kind == "horizon" and text.isdigit():
            return int(text)
    return text if text.strip() else None
