"""What every panel of the facilitator's controls page shares: the workspace, words, buttons.

The controls page is made of small panels (room, activities, moderation,
proposals); each gets one :class:`Controls` so that a click runs under the
page's lock, a failure shows a sentence in the consultant's language (never
a traceback), and every text is typeset for that language.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import FULL, paragraph
from cxkit.errors import CxkitError
from cxkit.i18n import t
from cxkit.safety import esc, guarded
from cxkit.typography import nbsp, t_plural


class Controls:
    """The shared state of one controls page (one kernel)."""

    def __init__(self, ws: Any, engagement_id: str, lang: str, author: str) -> None:
        self.ws = ws
        self.engagement_id = engagement_id
        self.lang = lang
        self.author = author
        self.lock = threading.RLock()
        self.status = paragraph("")
        self.status.add_class("cxkit-live-status")
        self.workshop: str | None = None
        self.after_change: Callable[[], None] = lambda: None
        """Called after a click changed the store (the page redraws what depends on it)."""

    def tr(self, key: str, /, **params: Any) -> str:
        """A message of the live area (``live.<key>``), typeset for the language."""
        return nbsp(t(f"live.{key}", self.lang, **params), self.lang)

    def count(self, key: str, n: int, /, **params: Any) -> str:
        return nbsp(t_plural(f"live.{key}", n, self.lang, **params), self.lang)

    def kind(self, kind: str) -> str:
        return t(f"apps.kind.{kind}", self.lang)

    def say(self, text: str) -> None:
        paragraph(text, into=self.status)

    def failed(self, exc: BaseException) -> None:
        self.say(exc.message(self.lang) if isinstance(exc, CxkitError) else self.tr("error"))

    def button(
        self, key: str, action: Callable[[], object], style: str = "", css: str | None = None
    ) -> widgets.Button:
        """A button labelled ``live.<key>``; its click runs under the lock, failures said."""
        button = widgets.Button(
            description=self.tr(key),
            button_style=style,
            layout=widgets.Layout(width="auto", height="auto", min_height="2.4em", flex="0 0 auto"),
            tooltip=self.tr(key),
        )
        button.add_class(css or f"cxkit-{key.replace('.', '-')}")

        @guarded(self.failed)
        def clicked(_: Any) -> None:
            with self.lock:
                action()

        button.on_click(clicked)
        return button


def heading(text: str, level: int = 3) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{esc(text)}</h{level}>", layout=FULL)


def row(*children: widgets.Widget) -> widgets.HBox:
    """A row of controls that wraps on a narrow screen instead of running past it.

    Each row gets its own Layout: a shared one would hide every row at once.
    """
    layout = widgets.Layout(width="100%", flex_flow="row wrap", align_items="center")
    return widgets.HBox(list(children), layout=layout)
