"""The forms' strings: keys of the ``ui`` catalog area, in the engagement's language."""

from __future__ import annotations

from typing import Any

from cxkit.i18n import label, t
from cxkit.safety import esc as esc  # the one escape, re-exported for the forms


def tr(key: str, lang: str | None, /, **params: Any) -> str:
    """``ui.<key>`` from the catalog, in ``lang``."""
    return t(f"ui.{key}", lang, **params)


def vocab_options(
    vocabulary: str, values: tuple[str, ...], lang: str | None
) -> list[tuple[str, str | None]]:
    """Dropdown options of a closed vocabulary, with an explicit "choose" first.

    A Dropdown cannot start empty (STACK-NOTES), so an unset field shows
    "— choisir —", which also says what to do.
    """
    return [(t("forms.choose", lang), None), *((label(vocabulary, v, lang), v) for v in values)]
