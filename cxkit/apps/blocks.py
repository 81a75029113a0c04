"""Small widgets both apps' pages share: layouts, and text that wraps and is never markup.

``Label`` widgets keep one line's height and run over what follows when a
text is longer than the screen is wide (a phone, or a long proposal on the
projector), so every text of the apps' pages is a :func:`paragraph`.
"""

from __future__ import annotations

import ipywidgets as widgets

from cxkit.safety import esc

FULL = widgets.Layout(width="100%")
CARD = widgets.Layout(width="100%", border="1px solid #d0d7de", padding="8px", margin="0 0 12px 0")
TEXT = widgets.Layout(flex="1 1 auto", min_width="0")
"""A text block takes the room left in its row and may shrink below its text's width (it wraps)."""


WRAPS = "white-space:normal;overflow-wrap:anywhere;line-height:1.4;margin:4px 0"
"""The style of every paragraph: it wraps, even a long word, and overlaps nothing."""


def paragraph(text: str, into: widgets.HTML | None = None) -> widgets.HTML:
    """A block of text that wraps; escaped, never parsed as markup (what participants typed included).

    ``into`` rewrites a block already shown (a status line).
    """
    markup = f'<p style="{WRAPS}">{esc(text)}</p>'
    if into is None:
        return widgets.HTML(markup, layout=TEXT)
    into.value = markup
    return into
