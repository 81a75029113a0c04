"""Shared widget pieces: a field bound to a location, a list editor, the status bar.

Every piece is thin: values go to :class:`~cxkit.ui.session.EditSession`,
which decides; problems come back and are shown next to the field, while
the widget keeps what was typed. Callbacks never let an exception reach a
cell's output: a :class:`~cxkit.errors.CxkitError` is shown in the
catalog's words, anything else as a generic message (detail in the log).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from cxkit.errors import CxkitError
from cxkit.i18n import t
from cxkit.model import Engagement
from cxkit.safety import guarded
from cxkit.typography import nbsp, t_plural
from cxkit.ui.references import Choice, with_unknown
from cxkit.ui.session import Doc, EditSession, Loc, Status, get_at, problems_at
from cxkit.ui.texts import esc, tr, vocab_options
from cxkit.ui.values import Kind, from_widget, to_widget
from cxkit.ui.wording import names_by_id, problem_lines
from cxkit.validation import Problem

FULL = widgets.Layout(width="100%")
# An input as wide as its column: ipywidgets adds a margin on each side of a 100 % input.
INPUT_FULL = widgets.Layout(width="calc(100% - 2 * var(--jp-widgets-margin))")
ERROR_STYLE = "color:#b00020;font-size:90%"


def problems_html(
    problems: Sequence[Problem],
    lang: str,
    limit: int = 5,
    here: Loc | None = None,
    engagement: Engagement | None = None,
) -> str:
    """Problems as short escaped sentences, for the space under a field.

    Never a path or an id: a problem elsewhere says where in words, a thing
    still cited is named (from ``engagement``), see :mod:`cxkit.ui.wording`.
    ``here`` (the field's location) is kept for the callers' sake.
    """
    del here  # a problem at the field itself reads the same as one elsewhere now
    if not problems:
        return ""
    sentences = problem_lines(problems, lang, names_by_id(engagement, lang))
    lines = [esc(s) for s in sentences[:limit]]
    if len(sentences) > limit:
        lines.append(esc(t_plural("forms.problems.more", len(sentences) - limit, lang)))
    return f"<div style='{ERROR_STYLE}'>⚠ " + "<br>⚠ ".join(lines) + "</div>"


def message_html(text: str, ok: bool = False) -> str:
    color = "#1b5e20" if ok else "#b00020"
    return f"<div style='color:{color};font-size:90%'>{esc(text)}</div>"


def shown_in(lang: str, show: Callable[[str], None]) -> Callable[[BaseException], None]:
    """The ``on_error`` of :func:`cxkit.safety.guarded` for a form: a sentence shown by ``show``.

    A :class:`CxkitError` reads in the catalog's words, anything else as a
    generic message; the detail is in the log file, never in the page.
    """

    def on_error(exc: BaseException) -> None:
        reason = exc.message(lang) if isinstance(exc, CxkitError) else tr("error.unexpected", lang)
        show(message_html(reason))

    return on_error


def button(
    text: str, on_click: Callable[[], object], lang: str, show: Callable[[str], None], **kw: Any
) -> widgets.Button:
    """A button whose handler runs guarded."""
    # As wide as its text: ipywidgets' fixed 148 px cut "Nommer cette ité…".
    kw.setdefault("layout", widgets.Layout(width="auto"))
    kw.setdefault("tooltip", text)
    b = widgets.Button(description=text, **kw)
    b.on_click(guarded(shown_in(lang, show))(lambda _b: on_click()))
    return b


# --- one field -------------------------------------------------------------------


class Field:
    """One input bound to a location of the engagement, with its problems underneath."""

    def __init__(
        self,
        session: EditSession,
        loc: Callable[[], Loc],
        kind: Kind,
        label: str,
        *,
        options: list[tuple[str, str | None]] | None = None,
        choices: Callable[[], list[Choice]] | None = None,
        hint: str | Callable[[], str] | None = None,
        after: Callable[[], None] | None = None,
        rows: int = 3,
    ) -> None:
        self.session = session
        self.loc = loc
        self.kind = kind
        self.after = after
        self._hint = hint
        self.choices = choices
        self._loading = False
        self.widget = self._make(kind, options or [], rows)
        self.label = widgets.HTML(f"<b>{esc(nbsp(label, session.lang))}</b>")
        self.hint = widgets.HTML()
        self.error = widgets.HTML()
        self.box = widgets.VBox([self.label, self.widget, self.hint, self.error], layout=FULL)
        self.widget.observe(self._changed, "value")

    def _make(self, kind: Kind, options: list[tuple[str, str | None]], rows: int) -> widgets.Widget:
        if kind == "choice":
            return widgets.Dropdown(options=options, value=None)
        if kind == "ref":
            return widgets.Dropdown(options=[(_choose(self.session.lang), None)], value=None)
        if kind == "refs":
            return widgets.SelectMultiple(options=[], rows=5, layout=INPUT_FULL)
        if kind == "tags":
            return widgets.TagsInput(value=[], allow_duplicates=False, layout=INPUT_FULL)
        if kind in ("textarea", "lines"):
            return widgets.Textarea(continuous_update=False, rows=rows, layout=INPUT_FULL)
        placeholder = tr("placeholder.date", self.session.lang) if kind == "date" else ""
        width = INPUT_FULL if kind == "text" else widgets.Layout(width="12em")
        return widgets.Text(continuous_update=False, placeholder=placeholder, layout=width)

    def reload(self) -> None:
        """Show the stored value (and forget a refused one)."""
        self._loading = True
        lang = self.session.lang
        try:
            stored = self.session.get(self.loc())
            if self.choices is not None:
                self._offer(stored)
            self.widget.value = to_widget(self.kind, stored, lang)
            show_choose(self.widget)
        finally:
            self._loading = False
        self.error.value = ""
        hint = self._hint() if callable(self._hint) else self._hint
        if self.kind == "refs" and hint is None:
            hint = t("forms.refs.hint", lang)
        shown = esc(nbsp(hint, lang)) if hint else ""
        self.hint.value = f"<div style='color:#666;font-size:85%'>{shown}</div>" if hint else ""

    def _offer(self, stored: Any) -> None:
        """Offer the engagement's things as they are now (names change on other pages)."""
        assert self.choices is not None
        lang = self.session.lang
        if self.kind == "refs":
            ids = [str(v) for v in stored or []]
            options: list[tuple[str, Any]] = list(with_unknown(self.choices(), ids, lang))
            self.widget.rows = max(2, min(8, len(options) + 1))  # the last row never cut
        else:
            ids = [str(stored)] if stored else []
            options = [(_choose(lang), None), *with_unknown(self.choices(), ids, lang)]
        if list(self.widget.options) != options:
            self.widget.options = options

    def _show(self, html: str) -> None:
        self.error.value = html

    def _changed(self, _change: dict[str, Any]) -> None:
        if self._loading:
            return
        guarded(shown_in(self.session.lang, self._show))(self._commit)()

    def _commit(self) -> None:
        loc = self.loc()
        value = from_widget(self.kind, self.widget.value, self.session.lang)
        problems = self.session.set(loc, value)
        mine = problems_at(problems, loc) or problems
        self.error.value = problems_html(
            mine, self.session.lang, here=loc, engagement=self.session.engagement
        )
        if not problems and self.after:
            self.after()


@dataclass(frozen=True)
class Spec:
    """A field of a list item: its location inside the item, its kind, its label key."""

    key: str | tuple[str, ...]
    kind: Kind
    label: str
    vocab: tuple[str, tuple[str, ...]] | None = None
    hint: Callable[[], str] | None = None
    choices: Callable[[Engagement, str], list[Choice]] | None = None
    """For a ``ref``/``refs`` field: the things it may name, by name (see ``references``)."""
    rows: int = 3

    @property
    def path(self) -> tuple[str, ...]:
        return (self.key,) if isinstance(self.key, str) else self.key


def field_for(
    session: EditSession,
    spec: Spec,
    base: Callable[[], Loc],
    after: Callable[[], None] | None = None,
) -> Field:
    lang = session.lang
    options = vocab_options(spec.vocab[0], spec.vocab[1], lang) if spec.vocab else None
    make = spec.choices
    choices = (lambda: make(session.engagement, lang)) if make is not None else None
    return Field(
        session,
        lambda: (*base(), *spec.path),
        spec.kind,
        tr(f"field.{spec.label}", lang),
        options=options,
        choices=choices,
        hint=spec.hint,
        after=after,
        rows=spec.rows,
    )


def _choose(lang: str | None) -> str:
    return t("forms.choose", lang)


def show_choose(widget: widgets.Widget) -> None:
    """Show "— choisir —" on an unset Dropdown: with value None ipywidgets shows a blank box."""
    unset = widget.value is None and widget.index is None
    if isinstance(widget, widgets.Dropdown) and unset and widget.options:
        widget.index = 0


# --- a list: select one item, edit it, add, reorder, remove ----------------------


def all_ids(doc: Any) -> set[str]:
    """Every ``id`` in the document (ids are unique engagement-wide)."""
    found: set[str] = set()
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.add(node["id"])
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, dict | list))
    return found


def new_id(doc: Doc, prefix: str) -> str:
    """A fresh id ``prefix-N`` not yet used anywhere in the engagement."""
    taken = all_ids(doc)
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


class Reloadable:
    box: widgets.Widget

    def reload(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ListEditor(Reloadable):
    """A list of the engagement: a selector, one editor for the selected item, and buttons.

    One editor however long the list (300 interviews open as fast as 3).
    """

    def __init__(
        self,
        session: EditSession,
        loc: Loc | Callable[[], Loc],
        specs: Sequence[Spec],
        title: Callable[[dict[str, Any]], str],
        new_item: Callable[[Doc], dict[str, Any]],
        *,
        children: Iterable[Callable[[Callable[[], Loc]], Reloadable]] = (),
        rows: int = 8,
    ) -> None:
        self.session = session
        self._loc = loc if callable(loc) else (lambda: tuple(loc))
        self.title = title
        self.new_item = new_item
        lang = session.lang
        self.index: int | None = None
        self._loading = False
        self.select = widgets.Select(
            options=[], rows=rows, layout=widgets.Layout(width="60%", min_width="16em")
        )
        self.select.observe(self._selected, "value")
        self.error = widgets.HTML()
        show = self._show
        self.add_button = button(tr("list.add", lang), self.add, lang, show, icon="plus")
        self.up_button = button(
            tr("list.up", lang), lambda: self.move(-1), lang, show, icon="arrow-up"
        )
        self.down_button = button(
            tr("list.down", lang), lambda: self.move(1), lang, show, icon="arrow-down"
        )
        self.remove_button = button(
            tr("list.remove", lang), self.remove, lang, show, icon="trash", button_style="warning"
        )
        item = self.item_loc
        self.fields = [field_for(session, s, item, after=self._edited) for s in specs]
        self.children = [make(item) for make in children]
        self.detail = widgets.VBox(
            [f.box for f in self.fields] + [c.box for c in self.children],
            layout=widgets.Layout(border="1px solid #ddd", padding="6px", width="100%"),
        )
        buttons = widgets.VBox(
            [self.add_button, self.up_button, self.down_button, self.remove_button]
        )
        self.box = widgets.VBox(
            [widgets.HBox([self.select, buttons]), self.error, self.detail], layout=FULL
        )
        self.reload()

    def loc(self) -> Loc:
        return tuple(self._loc())

    def item_loc(self) -> Loc:
        return (*self.loc(), self.index if self.index is not None else 0)

    def items(self) -> list[dict[str, Any]]:
        found = self.session.get(self.loc())
        return found if isinstance(found, list) else []

    def _show(self, html: str) -> None:
        self.error.value = html

    def _options(self) -> list[tuple[str, int]]:
        return [(f"{i + 1}. {self.title(item)}", i) for i, item in enumerate(self.items())]

    def _edited(self) -> None:
        self.refresh_labels()
        for c in self.children:
            c.reload()

    def refresh_labels(self) -> None:
        self._loading = True
        try:
            self.select.options = self._options()
            self.select.value = self.index
        finally:
            self._loading = False

    def reload(self, index: int | None = None) -> None:
        items = self.items()
        if index is None:
            index = self.index if self.index is not None else 0
        self.index = min(index, len(items) - 1) if items else None
        self.refresh_labels()
        self.detail.layout.display = None if self.index is not None else "none"
        if self.index is not None:
            for f in self.fields:
                f.reload()
            for c in self.children:
                c.reload()
        self.error.value = ""

    def _selected(self, change: dict[str, Any]) -> None:
        if self._loading or change["new"] is None:
            return
        guarded(shown_in(self.session.lang, self._show))(lambda: self.reload(int(change["new"])))()

    def _apply(self, edit: Callable[[Doc], object], index: int | None) -> None:
        problems = self.session.apply(edit)
        if problems:
            self.error.value = problems_html(
                problems, self.session.lang, engagement=self.session.engagement
            )
            return
        self.reload(index)

    def add(self) -> None:
        loc = self.loc()
        item = self.new_item(self.session.doc())
        count = len(self.items())

        def edit(doc: Doc) -> None:
            target = get_at(doc, loc)
            if target is None:
                from cxkit.ui.session import set_at

                set_at(doc, loc, [])
                target = get_at(doc, loc)
            target.append(item)

        self._apply(edit, count)

    def move(self, step: int) -> None:
        i = self.index
        if i is None or not 0 <= i + step < len(self.items()):
            return
        loc = self.loc()

        def edit(doc: Doc) -> None:
            items = get_at(doc, loc)
            items[i], items[i + step] = items[i + step], items[i]

        self._apply(edit, i + step)

    def remove(self) -> None:
        i = self.index
        if i is None:
            return
        loc = self.loc()
        self._apply(lambda doc: get_at(doc, loc).pop(i), max(0, i - 1))


# --- status ---------------------------------------------------------------------


class StatusBar:
    """ "enregistré, révision 12" / "non enregistré : raison", and a way out of a conflict."""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        lang = session.lang
        self.html = widgets.HTML()
        self.message = widgets.HTML()
        self.reload_keep = button(
            tr("status.reload_keep", lang),
            lambda: self.reload(True),
            lang,
            self._say,
            button_style="primary",
        )
        self.reload_drop = button(
            tr("status.reload_drop", lang), lambda: self.reload(False), lang, self._say
        )
        self.actions = widgets.HBox([self.reload_keep, self.reload_drop])
        self.box = widgets.VBox([self.html, self.actions, self.message])
        session.on_change(self.update)
        self.update(session.status)

    def _say(self, html: str) -> None:
        self.message.value = html

    def update(self, status: Status) -> None:
        color = {"saved": "#1b5e20", "pending": "#555"}.get(status.state, "#b00020")
        icon = {"saved": "✔", "pending": "…"}.get(status.state, "⚠")
        self.html.value = f"<span style='color:{color}'>{icon} {esc(status.message)}</span>"
        self.actions.layout.display = None if status.state == "conflict" else "none"

    def reload(self, keep: bool) -> None:
        refused = self.session.reload(keep_edits=keep)
        self.message.value = problems_html(refused, self.session.lang) if refused else ""
