"""French and English typography: the rules a reader sees broken first."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cxkit.i18n import LANGUAGES, catalog
from cxkit.typography import (
    MINUS,
    NBSP,
    NNBSP,
    format_date,
    format_number,
    format_percent,
    nbsp,
    plural_category,
    t_plural,
)

BREAKABLE = re.compile(r"[ \t\n\-]")
"""Where a line may break: an ordinary space or a hyphen-minus."""


def plain(text: str) -> str:
    """The text with its no-break spaces shown as ordinary ones, for readable assertions."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


# --- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_huge_number_is_whole_and_cannot_break(lang: str) -> None:
    text = format_number(9990000000000000, lang, unit="€")
    assert re.sub(r"\D", "", text) == "9990000000000000"
    assert not BREAKABLE.search(text)
    assert "E" not in text and "e+" not in text
    assert format_number(1e20, lang).count("0") == 20


def test_french_numbers_group_with_narrow_no_break_spaces() -> None:
    assert format_number(9990000000000000, "fr", unit="€") == (
        f"9{NNBSP}990{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NBSP}€"
    )
    assert format_number(1234.5, "fr") == f"1{NNBSP}234,5"


def test_english_numbers_group_with_commas_and_put_the_currency_first() -> None:
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(9990000000000000, "en", unit="€") == "€9,990,000,000,000,000"
    assert format_number(-5, "en", unit="€") == f"{MINUS}€5"


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", f"{MINUS}1 000 000 pts"), ("en", f"{MINUS}1,000,000 pts")]
)
def test_negative_numbers_use_the_true_minus_sign(lang: str, expected: str) -> None:
    text = format_number(-1000000, lang, unit="pts")
    assert plain(text) == expected
    assert "-" not in text
    assert plain(format_percent(-0.05, lang)).startswith(MINUS + "5")
    assert format_number(-0.001, lang) == "0"  # rounds to zero: no sign


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (33.3333, "33,3", "33.3"),
        (3.25, "3,3", "3.3"),  # half up, as a reader rounds
        (0.2222, "0,22", "0.22"),
        (12.0, "12", "12"),
        (7, "7", "7"),
    ],
)
def test_sensible_precision(value: float, fr: str, en: str) -> None:
    assert format_number(value, "fr") == fr
    assert format_number(value, "en") == en


def test_fixed_decimals_when_asked() -> None:
    assert format_number(4, "fr", decimals=1) == "4,0"
    assert format_number(3.14159, "en", decimals=2) == "3.14"


def test_percentages_by_locale() -> None:
    assert format_percent(0.38, "fr") == f"38{NBSP}%"
    assert format_percent(0.38, "en") == "38%"
    assert format_percent(1 / 3, "fr") == f"33,3{NBSP}%"
    assert format_percent(1 / 3, "en") == "33.3%"
    assert format_percent(None, "fr") == ""


def test_units_attach_without_a_break() -> None:
    assert format_number(24, "fr", unit="/ h") == f"24/{NBSP}h"
    assert format_number(24, "fr", unit="/h") == "24/h"
    assert format_number(24, "en", unit="h") == f"24{NBSP}h"
    assert format_number(38, "fr", unit="%") == f"38{NBSP}%"
    assert format_number(38, "en", unit="%") == "38%"
    assert format_number(None, "fr", unit="€") == ""


# --- dates ----------------------------------------------------------------------------


def test_dates_by_locale() -> None:
    day = dt.date(2027, 3, 12)
    assert format_date(day, "fr") == f"12{NBSP}mars{NBSP}2027"
    assert format_date(day, "en") == f"12{NBSP}March{NBSP}2027"
    assert format_date(day, "fr", style="short") == "12/03/2027"
    assert format_date(day, "en", style="short") == "12/03/2027"
    assert plain(format_date(day, "fr", style="month")) == "mars 2027"
    assert plain(format_date(dt.datetime(2027, 3, 12, 23, 59), "en")) == "12 March 2027"
    assert format_date(None, "fr") == ""


# --- plurals --------------------------------------------------------------------------


def test_french_treats_zero_and_one_as_singular_and_english_only_one() -> None:
    assert [plural_category(n, "fr") for n in (0, 1, 2)] == ["one", "one", "other"]
    assert [plural_category(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", ["aucun atelier", "1 atelier", "3 ateliers", "1 000 ateliers"]),
        ("en", ["no workshops", "1 workshop", "3 workshops", "1,000 workshops"]),
    ],
)
def test_plurals_zero_one_many_from_the_catalogs(lang: str, expected: list[str]) -> None:
    assert [plain(t_plural("count.workshops", n, lang)) for n in (0, 1, 3, 1000)] == expected


def test_a_plural_without_a_zero_form_uses_the_language_rule() -> None:
    # count.interviews has a zero form; the rule applies for the others.
    assert t_plural("count.interviews", 1, "fr") == "1 entretien"
    assert t_plural("count.high_priority", 1, "fr") == "dont 1 prioritaire"
    assert t_plural("count.high_priority", 2, "fr") == "dont 2 prioritaires"
    assert t_plural("count.nothing.here", 2, "fr") == "count.nothing.here"


def test_every_counted_noun_has_one_and_other_in_both_languages() -> None:
    for lang in LANGUAGES:
        bases = {k.rsplit(".", 1)[0] for k in catalog(lang) if k.startswith("count.")}
        for base in bases:
            assert f"{base}.one" in catalog(lang) and f"{base}.other" in catalog(lang), base


# --- free text ------------------------------------------------------------------------


def test_french_text_gets_no_break_spaces_before_high_punctuation() -> None:
    text = nbsp("Étapes du parcours : Rupture. Pourquoi ? « Vite » ! 38 % ; «net»", "fr")
    assert text == (
        f"Étapes du parcours{NBSP}: Rupture. Pourquoi{NNBSP}? «{NBSP}Vite{NBSP}»{NNBSP}! "
        f"38{NBSP}%{NNBSP}; «{NBSP}net{NBSP}»"
    )


def test_french_text_joins_numbers_and_units() -> None:
    assert nbsp("24 / h et 9 990 000 clients en 3 ans", "fr") == (
        f"24{NBSP}/{NBSP}h et 9{NNBSP}990{NNBSP}000 clients en 3{NBSP}ans"
    )


def test_english_text_has_no_space_before_percent_or_colon() -> None:
    assert nbsp("Journey stages : Disruption, 38 % of members ; why ?", "en") == (
        "Journey stages: Disruption, 38% of members; why?"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "text",
    [
        "Rendez-vous à 10:30, voir http://x.fr/a?b=1&c=2 ou https://y.org/:z",
        "Écrire à jean.dupont@example.fr ; ratio 3:1",
        "C:\\Users\\claire et www.example.com/?q=1",
        "&amp; &#233;",
    ],
)
def test_urls_times_and_addresses_are_not_damaged(lang: str, text: str) -> None:
    out = nbsp(text, lang)
    for kept in re.findall(r"\S*[:/?@&]\S*", text):
        kept = kept.rstrip(",")
        if kept not in (";",):
            assert kept in out, kept


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "text",
    [
        "Il a dit «bonjour» : « ça va ? » Oui! 38 % des 9 990 000 clients; 24 / h",
        "Quoi ?! Vraiment !! Note: fin ; prix : 5 €/mois (voir ?)",
        "a : b : c « » «» x ? y Ratio 3:1 à 18:00.",
    ],
)
def test_the_text_pass_is_idempotent(lang: str, text: str) -> None:
    once = nbsp(text, lang)
    assert nbsp(once, lang) == once
    assert plain(once).replace(" ", "") == plain(text).replace(" ", "")  # only spacing changes


def test_a_participant_kernel_can_use_it_without_the_model() -> None:
    """The apps' phone kernels import typography and spreadsheet, not pydantic's model."""
    import subprocess
    import sys

    code = (
        "import sys, cxkit.typography, cxkit.spreadsheet;"
        "print(sorted(m for m in ('cxkit.model', 'pydantic', 'yaml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_a_language_it_follows_cxkit_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    assert format_percent(0.38) == f"38{NBSP}%"
    monkeypatch.setenv("CXKIT_LANG", "en")
    assert format_percent(0.38) == "38%"
    assert nbsp("Note : 38 %") == "Note: 38%"


def test_whole_numbers_without_babel_read_as_babel_writes_them() -> None:
    """The fast path for whole numbers (a phone kernel never loads Babel) is Babel's own
    output: grouping, the minus sign and the plural category, in both languages."""
    from babel import Locale
    from babel.numbers import format_decimal

    from cxkit.typography import MINUS, format_number, plural_category

    samples = [*range(0, 2100), 9999, 10_000, 123_456, 1_000_000, 2_000_000, 2_500_000, 10**14]
    for lang, code in (("fr", "fr_FR"), ("en", "en_GB")):
        locale = Locale.parse(code)
        for n in samples + [-x for x in samples[1:50]]:
            expected = format_decimal(n, format="#,##0", locale=locale).replace("-", MINUS)
            assert format_number(n, lang) == expected, (lang, n)
            assert plural_category(n, lang) == str(locale.plural_form(abs(n))), (lang, n)


def test_a_phone_counting_things_does_not_load_babel() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from cxkit.typography import t_plural, format_number\n"
        "t_plural('phone.counter', 3, 'fr', count=3, limit=120); format_number(4000, 'en')\n"
        "print(any(m == 'babel' or m.startswith('babel.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_t_chooses_the_plural_form_a_catalog_writes_for_a_whole_count() -> None:
    from cxkit.i18n import t

    heads = [t("cli.diff.head", "fr", id="e", r1=1, r2=2, count=n) for n in (1, 3)]
    assert heads == [
        "e\u00a0: une modification de la révision 1 à la révision 2",
        "e\u00a0: 3 modifications de la révision 1 à la révision 2",
    ]
    assert t("check.CX202", "en", count=0, min=3).startswith("No pillar:")
    assert t("check.CX202", "en", count=2, min=3).startswith("Only 2 pillars:")
    assert t("check.CX202", "fr") == "check.CX202"  # no count: the key, never a crash
