"""The agenda editor of the workshops notebook: a workshop's activities in order, with their timers.

The consultant prepares, before the day, the sequence the room will run
with "next" on the live screen: a step is an activity chosen by its name,
an optional title the room reads, and minutes for its timer. Each change
(add, up, down, remove) is saved at once into the store for the chosen
workshop (:meth:`Workspace.set_agenda <cxkit.store.Workspace.set_agenda>`),
and said only once the store took it; a refused change leaves the agenda as
it was and says why. The rules are :class:`~cxkit.ui.agenda_draft.AgendaDraft`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from cxkit.agenda_words import activity_name, step_line, total_text
from cxkit.i18n import t
from cxkit.store.activities import HIDDEN_UNTIL_REVEALED
from cxkit.store.agenda import MAX_STEPS
from cxkit.store.invitations import ALL_ACTIVITIES
from cxkit.typography import nbsp
from cxkit.ui.agenda_draft import MAX_MINUTES, AgendaDraft
from cxkit.ui.form import Form
from cxkit.ui.texts import esc
from cxkit.ui.widgets import button, message_html

WIDE = widgets.Layout(width="auto", max_width="100%")


class AgendaForm(Form):
    """One workshop's agenda at a time: a line to add a step, the steps, and their buttons."""

    title_key = "form.agenda"

    def tr(self, key: str, **params: Any) -> str:
        return nbsp(t(f"agenda.{key}", self.lang, **params), self.lang)

    @property
    def ws(self) -> Any:
        return self.session.store

    def build(self) -> widgets.Widget:
        workshops: list[tuple[str, str | None]] = [
            (w.title, w.id) for w in self.session.engagement.workshops
        ]
        self.workshop = widgets.Dropdown(
            options=workshops or [("—", None)], description=self.tr("workshop"), layout=WIDE
        )
        self.workshop.add_class("cxkit-agenda-workshop")
        self.activity = widgets.Dropdown(
            options=[(activity_name(k, self.lang), k) for k in ALL_ACTIVITIES],
            description=self.tr("activity"),
            layout=WIDE,
        )
        self.activity.add_class("cxkit-agenda-activity")
        self.activity.observe(self._activity_chosen, "value")
        self.step_title = widgets.Text(
            placeholder=self.tr("title.placeholder"),
            description=self.tr("title"),
            layout=widgets.Layout(width="28em", max_width="100%"),
        )
        self.step_title.add_class("cxkit-agenda-title")
        self.minutes = widgets.BoundedIntText(
            value=5,
            min=0,
            max=MAX_MINUTES,
            description=self.tr("minutes"),
            layout=widgets.Layout(width="12em"),
        )
        self.minutes.add_class("cxkit-agenda-minutes")
        self.hidden = widgets.Checkbox(
            value=False, description=self.tr("hidden"), indent=False, layout=WIDE
        )
        self.hidden.add_class("cxkit-agenda-hidden")
        self.steps = widgets.Select(
            options=[], rows=8, layout=widgets.Layout(width="60%", min_width="16em")
        )
        self.steps.add_class("cxkit-agenda-steps")
        self.steps.observe(self._selected, "value")
        self.total = widgets.HTML()
        self.total.add_class("cxkit-agenda-total")
        self.message = widgets.HTML()
        self.message.add_class("cxkit-agenda-message")
        self.add_button = self._button("add", self.add, icon="plus", button_style="primary")
        self.update_button = self._button("update", self.update, icon="check")
        self.up_button = self._button("up", lambda: self.move(-1), icon="arrow-up")
        self.down_button = self._button("down", lambda: self.move(1), icon="arrow-down")
        self.remove_button = self._button(
            "remove", self.remove, icon="trash", button_style="warning"
        )
        self.draft = AgendaDraft()
        self.workshop.observe(lambda _c: self.load(), "value")
        adding = widgets.VBox(
            [
                widgets.HTML(f"<h4>{esc(self.tr('new'))}</h4>"),
                widgets.HBox([self.activity, self.step_title], layout=_wraps()),
                widgets.HBox([self.minutes, self.hidden], layout=_wraps()),
                widgets.HBox([self.add_button, self.update_button], layout=_wraps()),
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="6px", width="100%"),
        )
        moves = widgets.VBox([self.up_button, self.down_button, self.remove_button])
        return widgets.VBox(
            [
                widgets.HTML(f"<p>{esc(self.tr('help', limit=MAX_STEPS))}</p>"),
                self.workshop,
                widgets.HBox([self.steps, moves], layout=_wraps()),
                self.total,
                self.message,
                adding,
            ],
            layout=widgets.Layout(width="100%"),
        )

    def _button(self, key: str, action: Callable[[], object], **kw: Any) -> widgets.Button:
        made = button(self.tr(key), action, self.lang, self._say, **kw)
        made.add_class(f"cxkit-agenda-{key}")
        return made

    def _say(self, html: str) -> None:
        self.message.value = html

    def reload(self) -> None:
        super().reload()
        self.load()

    def load(self) -> None:
        """The chosen workshop's agenda as the store holds it."""
        workshop = self.workshop.value
        stored = self.ws.agenda(self.session.engagement.id, workshop) if workshop else None
        self.draft = AgendaDraft.of(stored.steps if stored is not None else ())
        self.message.value = ""
        self._draw()

    def _draw(self) -> None:
        lines = [(step_line(n, s, self.lang), n) for n, s in enumerate(self.draft.steps)]
        self._drawing = True
        try:
            self.steps.options = lines
            self.steps.value = self.draft.selected
        finally:
            self._drawing = False
        empty = not self.draft.steps
        self.total.value = (
            f"<p>{esc(self.tr('none') if empty else total_text(self.draft.steps, self.lang))}</p>"
        )
        for b in (self.up_button, self.down_button, self.remove_button, self.update_button):
            b.disabled = empty
        self.add_button.disabled = self.draft.full or not self.workshop.value
        self._fill()

    def _activity_chosen(self, change: dict[str, Any]) -> None:
        """Private writing starts hidden (the facilitator reveals it); the consultant may change
        it, and what they ticked for another activity stays."""
        if change["new"] in HIDDEN_UNTIL_REVEALED:
            self.hidden.value = True
        elif change["old"] in HIDDEN_UNTIL_REVEALED:
            self.hidden.value = False

    def _fill(self) -> None:
        """The fields show the chosen step: "Modifier" changes it, "Ajouter" adds one like it."""
        if self.draft.selected is None:
            return
        step = self.draft.steps[self.draft.selected]
        if step.activity in ALL_ACTIVITIES:
            self.activity.value = step.activity
        self.step_title.value = step.title or ""
        self.minutes.value = min(round((step.seconds or 0) / 60), MAX_MINUTES)
        self.hidden.value = not step.results_shown

    def _selected(self, change: dict[str, Any]) -> None:
        if not getattr(self, "_drawing", False) and isinstance(change["new"], int):
            self.draft.selected = change["new"]
            self._fill()

    def _change(self, action: Callable[[AgendaDraft], object]) -> None:
        """Try ``action`` on a copy of the agenda; keep it once the store saved it."""
        workshop = self.workshop.value
        if not workshop:
            return
        trial = AgendaDraft(list(self.draft.steps), self.draft.selected)
        action(trial)
        saved = self.ws.set_agenda(self.session.engagement.id, workshop, trial.as_data())
        self.draft = AgendaDraft(list(saved.steps), trial.selected)
        self._draw()
        self._say(message_html(self.tr("saved", total=total_text(saved.steps, self.lang)), ok=True))

    def add(self) -> None:
        if self.draft.full:
            self._say(message_html(self.tr("full", limit=MAX_STEPS)))
            return

        def add(draft: AgendaDraft) -> None:
            draft.add(str(self.activity.value), self.step_title.value, int(self.minutes.value))
            draft.edit(results_shown=not self.hidden.value)

        self._change(add)

    def update(self) -> None:
        """The chosen step as the fields say (its options kept if its activity stays)."""
        self._change(
            lambda draft: draft.edit(
                activity=str(self.activity.value),
                title=self.step_title.value,
                minutes=int(self.minutes.value),
                results_shown=not self.hidden.value,
            )
        )

    def move(self, delta: int) -> None:
        self._change(lambda draft: draft.move(delta))

    def remove(self) -> None:
        self._change(lambda draft: draft.remove())


def _wraps() -> widgets.Layout:
    return widgets.Layout(width="100%", flex_flow="row wrap", align_items="center")
