"""French and English message catalogs.

Every user-facing string is a key in both languages' catalogs. A catalog
is split by area (``i18n/<area>.<lang>.json``: core, store, deck, ui,
apps), so each part of cxkit owns its strings; a test keeps the two
languages in step and refuses a key defined in two areas. French is the default: it is
the method's own language. Deliverables follow the engagement's language;
the tool's own messages follow the engagement's language when one is known,
else ``CXKIT_LANG``, else French.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Literal, cast

Lang = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"


def catalog_files(lang: Lang) -> list[Traversable]:
    """The catalog files of one language, one per area."""
    folder = resources.files("cxkit").joinpath("i18n")
    return sorted(
        (f for f in folder.iterdir() if f.name.endswith(f".{lang}.json")), key=lambda f: f.name
    )


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """The whole catalog of one language (all areas merged), read once."""
    merged: dict[str, str] = {}
    for file in catalog_files(lang):
        merged.update(cast(dict[str, str], json.loads(file.read_text(encoding="utf-8"))))
    return merged


def resolve_lang(lang: str | None = None) -> Lang:
    """The language to speak: the one asked for, else ``CXKIT_LANG``, else French."""
    for candidate in (lang, os.environ.get("CXKIT_LANG")):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANG


def whole_plural(n: int, lang: str) -> str:
    """CLDR's cardinal category of a whole number in fr and en (fr: 0 and 1 are 'one',
    a non-zero multiple of a million is 'many'; en: 1 is 'one'); a test compares with Babel."""
    n = abs(n)
    if lang == "fr":
        if n in (0, 1):
            return "one"
        return "many" if n % 1_000_000 == 0 else "other"
    return "one" if n == 1 else "other"


def _template(messages: dict[str, str], key: str, lang: str, count: object) -> str | None:
    """The message of ``key``, or, for a key written in plural forms, the form ``count`` asks."""
    if key in messages or isinstance(count, bool) or not isinstance(count, int):
        return messages.get(key)
    forms = (["zero"] if count == 0 else []) + [whole_plural(count, lang), "other"]
    return next((messages[f"{key}.{f}"] for f in forms if f"{key}.{f}" in messages), None)


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """Translate ``key`` and fill its ``{placeholders}``.

    A key the catalog writes in plural forms (``key.one``, ``key.other``…)
    is chosen by the whole number ``count`` (for other numbers, and to format
    the count for the locale, :func:`cxkit.typography.t_plural`). A missing
    key shows as the key itself rather than failing: a message must never
    be the thing that crashes a participant's screen.
    """
    lang = resolve_lang(lang)
    template = _template(catalog(lang), key, lang, params.get("count"))
    if template is None:
        return key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def label(vocabulary: str, value: str, lang: str | None = None) -> str:
    """The display label of a closed-vocabulary value (``label('market', 'B2C')``)."""
    key = f"vocab.{vocabulary}.{value}"
    text = t(key, lang)
    return value if text == key else text
