"""Small widgets both apps' pages share: layouts, and text that wraps and is never markup.

``Label`` widgets keep one line's height and run over what follows when a
text is longer than the screen is wide (a phone, or a long proposal on the
projector), so every text of the apps' pages is a :func:`paragraph`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from cxkit.safety import esc

FULL = widgets.Layout(width="100%")
CARD = widgets.Layout(width="100%", border="1px solid #d0d7de", padding="8px", margin="0 0 12px 0")
TEXT = widgets.Layout(flex="1 1 auto", min_width="0")
"""A text block takes the room left in its row and may shrink below its text's width (it wraps)."""
PLAIN = HTMLStyle()
"""The one style of every text block: left at its defaults, shared, so that a page of many
texts opens one style model in the browser instead of one per text (a room of phones
receives every model its page holds)."""
HIDDEN = widgets.Layout(display="none")
"""What a page holds and never draws (its script's strings, a button only its script taps)."""
BUTTON = widgets.ButtonStyle()
"""The one style model of buttons left at their defaults (the page's CSS draws them)."""
TEXT_STYLE = TextStyle()
"""The one style model of text areas, left at its defaults."""
# Shared models are never changed after import: a change would reach every widget holding them.


def lazy_layout(**traits: str) -> Callable[[], widgets.Layout]:
    """A shared layout made the first time a page shows a widget that holds it.

    A kernel sends its page every model it holds, shown or not (and one
    request each when the page's first request timed out): a section's
    layouts wait until that section is built.
    """
    return cache(lambda: widgets.Layout(**traits))


WRAPS = "white-space:normal;overflow-wrap:anywhere;line-height:1.4;margin:4px 0"
"""The style of every paragraph: it wraps, even a long word, and overlaps nothing."""


def paragraph_markup(text: str, css_class: str = "") -> str:
    """The markup of one wrapping paragraph, ``text`` escaped (several can share one HTML widget)."""
    attribute = f' class="{css_class}"' if css_class else ""
    return f'<p{attribute} style="{WRAPS}">{esc(text)}</p>'


def paragraph(
    text: str,
    into: widgets.HTML | None = None,
    *,
    layout: widgets.Layout = TEXT,
    classes: tuple[str, ...] = (),
) -> widgets.HTML:
    """A block of text that wraps; escaped, never parsed as markup (what participants typed included).

    ``into`` rewrites a block already shown (a status line). ``classes`` are given at
    creation: an ``add_class`` afterwards is one more message to the browser.
    """
    markup = paragraph_markup(text)
    if into is None:
        return widgets.HTML(markup, layout=layout, style=PLAIN, _dom_classes=classes)
    into.value = markup
    return into
