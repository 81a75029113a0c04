"""Locale typography, done once: numbers, percentages, units, dates, plurals, spacing.

The deck, the workbook and the apps all call this module; none of them
formats a number, a date or a counted noun by itself. Formatting comes from
Babel (CLDR data), with these choices on top of it, checked against Babel
2.18's actual output:

- **Locales.** ``fr`` is ``fr_FR``; ``en`` is ``en_GB`` (day-month-year dates,
  "12 March 2027", as the deck's ``en-GB`` language tag says).
- **Spaces that never break.** CLDR's French thousands separator is the narrow
  no-break space U+202F ("9 990 000", kept as Babel gives it); Babel puts a
  no-break space U+00A0 before ``%`` and ``€``. A number and its unit are
  joined by U+00A0 in both languages ("24 h", "5 €"); a unit that starts with
  ``/`` attaches ("24/h"); spaces inside a unit become U+00A0. A long date's
  spaces become U+00A0 ("12 mars 2027" never splits). An overlong number is
  thus shown whole and never breaks inside.
- **Minus.** Babel's minus for both locales is the hyphen-minus; a negative
  number is written with the true minus sign U+2212 ("−1 000"). A value that
  rounds to zero is shown without a sign.
- **Precision.** With ``decimals=None`` a whole value shows no decimals, any
  other shows at most one decimal from 1 up and at most two below 1, trailing
  zeros dropped ("33,3 %", "0,22", "1,234.5"); ``decimals=N`` fixes exactly N.
  Rounding is half up, as a reader expects (Babel's default is half even).
- **English units.** No space before ``%`` ("38%"); the currency symbols
  € $ £ go before the number ("€1,000", "−€5"); other units follow.
- **Plurals.** :func:`t_plural` reads catalog keys ``<key>.zero`` (used for 0
  when present: "aucun entretien"), then the CLDR category of ``n``
  (``<key>.one``, ``<key>.many``…), then ``<key>.other``. CLDR's French
  treats 0 and 1 as singular ("0 entretien", "1 entretien"), English only 1.
- **Free text.** :func:`nbsp` applies French spacing to text typed by people:
  U+00A0 before ``:`` and inside « », U+202F (the "fine") before ``; ! ?``,
  U+00A0 before ``%`` and between a number and a common unit, U+202F inside
  a number's groups of three ("9 990 000"). English: no space before ``% : ; ! ?``.
  It only replaces ordinary spaces or inserts one where none was (never
  touches a URL, an e-mail, a time such as "10:30" or a ratio such as
  "3:1"), and it is idempotent. Hyphens are left alone in free text: a
  "-5" may be a range or a code there. Apply it to plain text, before any
  HTML escaping.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from cxkit.i18n import catalog, resolve_lang, t, whole_plural

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "MINUS",
    "NBSP",
    "NNBSP",
    "DateStyle",
    "format_date",
    "format_number",
    "format_percent",
    "locale_of",
    "nbsp",
    "plural_category",
    "t_plural",
    "typeset",
]

NBSP = "\u00a0"
"""No-break space: before ``:``, inside « », between a number and its unit."""
NNBSP = "\u202f"
"""Narrow no-break space: French thousands separator and before ``; ! ?``."""
MINUS = "\u2212"
"""The true minus sign of a negative number."""

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_PREFIX_CURRENCIES = frozenset("€$£")
DateStyle = Literal["long", "short", "month"]

Number = int | float | Decimal


def locale_of(lang: str | None = None) -> Locale:
    """The Babel locale of a cxkit language (``fr`` → fr_FR, ``en`` → en_GB)."""
    return _locale(resolve_lang(lang))  # resolved first: CXKIT_LANG may change


@cache
def _locale(lang: str) -> Locale:
    # Babel and its locale data (about 7 MB) load on first need: a participant's
    # phone kernel, which only counts whole things, never needs them (see _whole).
    from babel import Locale

    return Locale.parse(_LOCALES[lang])


_GROUP = {"fr": NNBSP, "en": ","}
"""CLDR's grouping separator of each language (fr_FR: narrow no-break space; en_GB: comma)."""


def _whole(value: object) -> int | None:
    """``value`` as an int when it is a whole number of a usual size, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        whole = int(value)
    except (OverflowError, ValueError):
        return None
    return whole if whole == value and abs(whole) < 10**15 else None


def _whole_text(n: int, lang: str) -> str:
    """A whole number grouped by thousands, with U+2212 for a negative: what Babel writes
    for ``#,##0`` in fr_FR and en_GB (a test holds the two equal), without loading Babel."""
    grouped = f"{abs(n):,}".replace(",", _GROUP[lang])
    return (MINUS if n < 0 else "") + grouped


def _decimal(value: Number) -> Decimal:
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - str() of a number always parses
        return Decimal("NaN")


def _fraction_pattern(value: Decimal, decimals: int | None) -> str:
    if decimals is not None:
        return "0" * max(0, decimals)
    if value == value.to_integral_value():
        return ""
    return "#" if abs(value) >= 1 else "##"


def _formatted(formatter: Callable[[], str]) -> str:
    """Run a Babel formatter with half-up rounding; write its sign as U+2212."""
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        text = formatter()
    if text.startswith("-"):
        digits = re.sub(r"\D", "", text)
        text = text[1:] if not digits.strip("0") else MINUS + text[1:]
    return text


def format_number(
    value: Number | None,
    lang: str | None = None,
    *,
    decimals: int | None = None,
    unit: str | None = None,
) -> str:
    """A number for a reader of ``lang``: grouped, sensibly rounded, with its unit attached.

    ``None`` gives "" so a caller with an optional field needs no test of its own.
    """
    if value is None:
        return ""
    whole = _whole(value)
    if whole is not None and not decimals:
        return _with_unit(_whole_text(whole, resolve_lang(lang)), unit, resolve_lang(lang))
    from babel.numbers import format_decimal

    number = _decimal(value)
    if not number.is_finite():
        return "∞" if number.is_infinite() and number > 0 else (f"{MINUS}∞" if number < 0 else "")
    locale = locale_of(lang)
    fraction = _fraction_pattern(number, decimals)
    pattern = "#,##0" + (f".{fraction}" if fraction else "")
    text = _formatted(lambda: format_decimal(number, format=pattern, locale=locale))
    return _with_unit(text, unit, resolve_lang(lang))


def format_percent(
    ratio: Number | None, lang: str | None = None, *, decimals: int | None = None
) -> str:
    """A ratio (0.38) as a percentage: "38 %" in French, "38%" in English, "33,3 %" at most.

    The value is a ratio, as Babel and the model's shares (0 to 1) have it.
    """
    if ratio is None:
        return ""
    from babel.numbers import format_percent as _babel_percent

    number = _decimal(ratio)
    if not number.is_finite():
        return ""
    percent = number * 100
    fraction = _fraction_pattern(percent, decimals)
    if decimals is None and fraction:
        fraction = "#"  # a percentage reads with at most one decimal
    locale = locale_of(lang)
    base = locale.percent_formats[None].pattern
    pattern = base.replace("#,##0", "#,##0" + (f".{fraction}" if fraction else ""), 1)
    return _formatted(lambda: _babel_percent(number, format=pattern, locale=locale))


def _with_unit(text: str, unit: str | None, lang: str) -> str:
    unit = (unit or "").strip()
    if not unit:
        return text
    unit = re.sub(r"\s+", NBSP, unit)
    if unit.startswith("/"):
        return text + unit
    if unit == "%" and lang == "en":
        return text + unit
    if lang == "en" and unit in _PREFIX_CURRENCIES:
        return MINUS + unit + text[1:] if text.startswith(MINUS) else unit + text
    return text + NBSP + unit


def format_date(
    value: dt.date | dt.datetime | None, lang: str | None = None, *, style: DateStyle = "long"
) -> str:
    """A date by locale: long "12 mars 2027" / "12 March 2027", short "12/03/2027", month "mars 2027".

    Spaces of the long and month forms are no-break spaces: a date never splits.
    """
    if value is None:
        return ""
    from babel.dates import format_date as _babel_date
    from babel.dates import format_skeleton

    day = value.date() if isinstance(value, dt.datetime) else value
    locale = locale_of(lang)
    if style == "short":
        return _babel_date(day, "dd/MM/y", locale=locale)
    text = (
        format_skeleton("yMMMM", day, locale=locale)
        if style == "month"
        else _babel_date(day, "long", locale=locale)
    )
    return text.replace(" ", NBSP)


def plural_category(n: Number, lang: str | None = None) -> str:
    """CLDR's plural category of ``n`` in ``lang``: 'one', 'many' or 'other'."""
    whole = _whole(n)
    if whole is not None:
        return whole_plural(whole, resolve_lang(lang))
    return str(locale_of(lang).plural_form(abs(_decimal(n))))


def t_plural(key: str, n: Number, lang: str | None = None, /, **params: Any) -> str:
    """The catalog message for ``n`` things: ``key.zero`` (0, if present), ``key.<CLDR category>``, else ``key.other``.

    ``{n}`` and ``{count}`` in the message are ``n`` formatted for the locale
    (a caller's own ``n``/``count`` wins). A message missing in every form
    shows as its key, like :func:`cxkit.i18n.t`.
    """
    lang = resolve_lang(lang)
    messages = catalog(lang)
    forms = (["zero"] if n == 0 else []) + [plural_category(n, lang), "other"]
    chosen = next((f"{key}.{form}" for form in forms if f"{key}.{form}" in messages), key)
    shown = format_number(n, lang)
    return t(chosen, lang, **{"n": shown, "count": shown, **params})


# --- free text ------------------------------------------------------------------------

_SPACES = f" {NBSP}{NNBSP}\u2009"
_URLISH = re.compile(
    r"(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|www\.|mailto:)\S+|[\w.+\-]+@[\w\-]+\.[\w.\-]+|&#?\w+;"
)
_UNITS = (
    r"%|‰|€|\$|£|k€|K€|M€|Md€|Mds€|[kKM]\$|pts?|points?|h|min|s|ms|j|jours?|days?|"
    r"mois|months?|ans?|years?|semaines?|weeks?|heures?|hours?|minutes?|°C|°|km|m|cm|mm|kg|g|"
    r"Go|Mo|Ko|GB|MB|KB|ETP|FTE"
)
_NUMBER_UNIT = re.compile(rf"(\d)[{_SPACES}]+(?=(?:{_UNITS})(?![\w]))")
_NUMBER_SLASH_UNIT = re.compile(rf"(?<=\d)[{_SPACES}]*/[{_SPACES}]*(?=[^\W\d])")
_GROUPS = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d])")
_FR_COLON = re.compile(rf"(?<=[^\s:;!?])[{_SPACES}]*:(?=[\s\"'»)\]]|$)")
_FR_HIGH = re.compile(rf"(?<=[^\s:;!?(\[«])[{_SPACES}]*([;!?])(?=[\s\"'»)\].,;:!?]|$)")
_FR_OPEN_QUOTE = re.compile(rf"«[{_SPACES}]*")
_FR_CLOSE_QUOTE = re.compile(rf"(?<=\S)[{_SPACES}]*»")
_EN_BEFORE = re.compile(rf"(?<=\w)[{_SPACES}]+([:;!?])(?=[\s\"'»)\].,;:!?]|$)")
_TRIGGERS = re.compile(r"[\d:;!?%«»]")
"""A character one of the rules below starts from: without one, a text is left as it is."""
_EN_PERCENT = re.compile(rf"(\d)[{_SPACES}]+%")


def _keep_together(match: re.Match[str]) -> str:
    """The author's spacing of "24 / h", made unbreakable."""
    return re.sub(f"[{_SPACES}]", NBSP, match.group(0))


def _french(text: str) -> str:
    text = _GROUPS.sub(lambda m: re.sub(f"[{_SPACES}]", NNBSP, m.group(0)), text)
    text = _FR_OPEN_QUOTE.sub("«" + NBSP, text)
    text = _FR_CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _FR_COLON.sub(NBSP + ":", text)
    text = _FR_HIGH.sub(lambda m: NNBSP + m.group(1), text)
    text = _NUMBER_SLASH_UNIT.sub(_keep_together, text)
    return _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP, text)


def _english(text: str) -> str:
    text = _EN_PERCENT.sub(r"\1%", text)
    text = _EN_BEFORE.sub(r"\1", text)
    text = _NUMBER_SLASH_UNIT.sub(_keep_together, text)
    return _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP, text)


def nbsp(text: str, lang: str | None = None) -> str:
    """``text`` with the spacing of ``lang``'s typography; URLs, e-mails and times untouched.

    Idempotent: ``nbsp(nbsp(x)) == nbsp(x)``.
    """
    if not text or not _TRIGGERS.search(text):
        return text  # most labels: nothing any rule would touch
    rule = _french if resolve_lang(lang) == "fr" else _english
    parts: list[str] = []
    last = 0
    for match in _URLISH.finditer(text):
        parts.append(rule(text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(rule(text[last:]))
    return "".join(parts)


T = TypeVar("T")


def typeset(value: T, lang: str | None = None) -> T:
    """``value`` with :func:`nbsp` applied to every string it holds, however deeply.

    Walks frozen dataclasses, tuples and lists (a deck's slide plan, say) and
    rebuilds only what changed, so the renderer draws text as typed by people
    with the language's spacing without each drawer remembering to.
    """
    lang = resolve_lang(lang)
    return _typeset(value, lang)


@lru_cache(maxsize=16384)
def _nbsp_cached(text: str, lang: str) -> str:
    """A deck repeats its labels in every table: each is spaced once."""
    return nbsp(text, lang)


def _typeset(value: Any, lang: str) -> Any:
    if isinstance(value, str):
        new = _nbsp_cached(value, lang)
        return value if new == value else new
    if type(value) in (tuple, list):
        items = [_typeset(v, lang) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.init:
                old = getattr(value, f.name)
                new = _typeset(old, lang)
                if new is not old:
                    changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
