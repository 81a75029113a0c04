"""The base of every form: a title, a body of bound fields and lists, a status bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from cxkit.ui.session import EditSession, Loc
from cxkit.ui.style import styled
from cxkit.ui.texts import esc, tr
from cxkit.ui.widgets import Field, ListEditor, Spec, StatusBar, field_for


class Form:
    """A form is built once; ``reload()`` shows the session's engagement again."""

    title_key = ""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        self.lang = session.lang
        self.parts: list[Any] = []
        self.status = StatusBar(session)
        body = self.build()
        self.title = widgets.HTML(f"<h3>{esc(tr(self.title_key, self.lang))}</h3>")
        self.widget = styled(
            widgets.VBox([self.title, body, self.status.box], layout=widgets.Layout(width="100%"))
        )
        session.on_reload(self.reload)
        self.reload()

    def build(self) -> widgets.Widget:
        raise NotImplementedError

    def tr(self, key: str, **params: Any) -> str:
        return tr(key, self.lang, **params)

    def reload(self) -> None:
        for part in self.parts:
            part.reload()

    def draw(self) -> None:
        """Views computed from the whole engagement redraw here (checks, matrix, thread)."""

    def _redraw_if_changed(self) -> None:
        """Redraw once per accepted edit, not again when the same content is saved."""
        if getattr(self, "_drawn", None) is not self.session.engagement:
            self._drawn = self.session.engagement
            self.draw()

    def field(self, spec: Spec, base: Loc = (), after: Callable[[], None] | None = None) -> Field:
        """A field at ``base + spec.key``, kept for reloads."""
        made = field_for(self.session, spec, lambda: base, after)
        self.parts.append(made)
        return made

    def fields(self, specs: Sequence[Spec], base: Loc = ()) -> widgets.VBox:
        return widgets.VBox(
            [self.field(s, base).box for s in specs], layout=widgets.Layout(width="100%")
        )

    def keep(self, part: ListEditor) -> ListEditor:
        self.parts.append(part)
        return part
