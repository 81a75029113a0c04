"""The forms' strings: keys of the ``ui`` catalog area, in the engagement's language."""

from __future__ import annotations

from typing import Any

from cxkit.i18n import label, resolve_lang, t
from cxkit.safety import esc as esc  # the one escape, re-exported for the forms
from cxkit.typography import NBSP, nbsp


def tr(key: str, lang: str | None, /, **params: Any) -> str:
    """``ui.<key>`` from the catalog, in ``lang``, with the language's spacing.

    French spacing is applied here (idempotent) so that no "?" or "»" of a
    form's text can wrap onto a line of its own, whatever a catalog holds.
    """
    return nbsp(t(f"ui.{key}", lang, **params), lang)


def colon(lang: str | None) -> str:
    """What joins a label to what follows it: "\u00a0: " in French, ": " in English."""
    return f"{NBSP}: " if resolve_lang(lang) == "fr" else ": "


def quoted(text: str, lang: str | None) -> str:
    """``text`` between the language's quotation marks, which never part from it."""
    return f"«{NBSP}{text}{NBSP}»" if resolve_lang(lang) == "fr" else f"“{text}”"


def vocab_options(
    vocabulary: str, values: tuple[str, ...], lang: str | None
) -> list[tuple[str, str | None]]:
    """Dropdown options of a closed vocabulary, with an explicit "choose" first.

    A Dropdown cannot start empty (STACK-NOTES), so an unset field shows
    "— choisir —", which also says what to do.
    """
    return [(t("forms.choose", lang), None), *((label(vocabulary, v, lang), v) for v in values)]
