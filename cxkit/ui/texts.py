"""The forms' strings: keys of the ``ui`` catalog area, in the engagement's language."""

from __future__ import annotations

import html
from typing import Any

from cxkit.i18n import label, t


def tr(key: str, lang: str | None, /, **params: Any) -> str:
    """``ui.<key>`` from the catalog, in ``lang``."""
    return t(f"ui.{key}", lang, **params)


def esc(value: Any) -> str:
    """Anything a person typed, made safe to put in a widget's HTML."""
    return html.escape("" if value is None else str(value), quote=True)


def vocab_options(
    vocabulary: str, values: tuple[str, ...], lang: str | None
) -> list[tuple[str, str | None]]:
    """Dropdown options of a closed vocabulary, with an explicit "choose" first.

    A Dropdown cannot start empty (STACK-NOTES), so an unset field shows "—".
    """
    return [("—", None), *((label(vocabulary, v, lang), v) for v in values)]
