"""Every catalog message reads as professional typography in its language.

French: no-break spaces before ``: ; ! ?`` and ``%``, inside « » (what
:func:`cxkit.typography.nbsp` would set); English: no space before ``%``
or ``:``. The catalogs are checked as they are, so a message added with an
ordinary space before a colon fails here, naming its key.
"""

from __future__ import annotations

import re

from cxkit.i18n import catalog
from cxkit.typography import nbsp

CODE = ("cxkit: 1", "clé: valeur")
"""Fragments of YAML syntax quoted in messages: typed by the user as they are, never spaced."""


def _prose(text: str) -> str:
    for fragment in CODE:
        text = text.replace(fragment, "CODE")
    return text


def test_every_french_message_has_its_no_break_spaces() -> None:
    wrong = {k: v for k, v in catalog("fr").items() if nbsp(_prose(v), "fr") != _prose(v)}
    assert wrong == {}


def test_no_french_message_breaks_before_a_colon_or_inside_quotes() -> None:
    breakable = re.compile(r" [:;!?»%]|« ")
    wrong = {k: v for k, v in catalog("fr").items() if breakable.search(_prose(v))}
    assert wrong == {}
    verbatim = catalog("fr")["deck.notes.verbatim"]
    assert verbatim == "«\u00a0{text}\u00a0»\u00a0: {source}"


def test_no_english_message_has_a_space_before_percent_or_colon() -> None:
    en = catalog("en")
    wrong = {k: v for k, v in en.items() if re.search(r"[\s\u00a0\u202f][%:]", v)}
    assert wrong == {}
    assert all(nbsp(v, "en") == v for v in en.values())
