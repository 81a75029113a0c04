"""The agenda on the facilitator's controls: the steps, the one the room is on, "Suivant".

The consultant prepared the workshop's agenda in the workshops notebook
(:mod:`cxkit.ui.agenda`); here it runs. Moving to a step is one store
transaction (:meth:`Workspace.move_agenda <cxkit.store.Workspace.move_agenda>`)
that opens the step's activity and pauses the one left, and the projection
is then set on the step's activity. The page passes the step it shows as
the one it moves from: a second tab that still shows an older step is told
where the room is, and moves nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from cxkit.agenda_words import activity_name, minutes_text, step_label
from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.live_base import Controls, heading, row
from cxkit.apps.live_local import LocalState
from cxkit.errors import StoreError
from cxkit.i18n import t
from cxkit.safety import esc
from cxkit.store.agenda import Agenda
from cxkit.store.rooms import RoomPass
from cxkit.typography import nbsp, t_plural

CURRENT_STYLE = "background:#ddf4ff;border-left:4px solid #0969da;font-weight:bold;padding:4px 8px"


def agenda_html(agenda: Agenda, lang: str) -> str:
    """The steps as an ordered list, the room's step marked (in words too, for a screen reader)."""
    if not agenda.steps:
        return f"<p>{esc(nbsp(t('agenda.live.none', lang), lang))}</p>"
    items = []
    for n, step in enumerate(agenda.steps):
        timer = minutes_text(step.seconds, lang)
        what = activity_name(step.activity, lang)
        detail = " · ".join(p for p in (what if step.title else "", timer) if p)
        current = n == agenda.current
        mark = f" ({t('agenda.live.now', lang)})" if current else ""
        css = "cxkit-agenda-step cxkit-agenda-current" if current else "cxkit-agenda-step"
        extra = f' aria-current="step" style="{CURRENT_STYLE}"' if current else ""
        aside = f' <span style="color:#57606a;font-weight:normal">{esc(detail)}</span>'
        items.append(
            f'<li class="{css}"{extra}>{esc(step_label(step, lang))}{esc(mark)}'
            f"{aside if detail else ''}</li>"
        )
    return (
        f'<ol class="cxkit-agenda-list" style="padding-left:2em;margin:4px 0">{"".join(items)}</ol>'
    )


def agenda_activities(agenda: Agenda) -> tuple[str, ...]:
    """The activities the agenda runs, each once, in the order of their first step."""
    return tuple(dict.fromkeys(s.activity for s in agenda.steps))


def unopened_line(agenda: Agenda, room: RoomPass | None, lang: str) -> str:
    """A warning when the open room link does not open a step's activity (phones cannot answer)."""
    if room is None:
        return ""
    missing = [a for a in agenda_activities(agenda) if a not in room.activities]
    if not missing:
        return ""
    names = ", ".join(activity_name(a, lang) for a in missing)
    return nbsp(t_plural("agenda.live.unopened", len(missing), lang, names=names), lang)


def next_line(agenda: Agenda, lang: str) -> str:
    """What "Suivant" leads to, in words: the next step, or that this is the last one."""
    if not agenda.steps:
        return ""
    following = agenda.following
    if following is None:
        return nbsp(t("agenda.live.last", lang), lang)
    return nbsp(t("agenda.live.next", lang, title=step_label(following, lang)), lang)


class AgendaPanel:
    """The agenda of the chosen workshop, and the buttons that move the room through it."""

    def __init__(self, c: Controls, local: LocalState, on_moved: Callable[[str], None]) -> None:
        self.c = c
        self.local = local
        self._on_moved = on_moved  # the page follows: the activity panel on the step's activity
        self.agenda: Agenda | None = None
        self.steps = widgets.HTML("", layout=FULL)
        self.steps.add_class("cxkit-agenda")
        self.following = paragraph("")
        self.following.add_class("cxkit-agenda-next")
        self.unopened = paragraph("")
        self.unopened.add_class("cxkit-agenda-unopened")
        b = c.button
        self.start_button = b("agenda.start", self.start, "primary")
        self.previous_button = b("agenda.previous", self.previous)
        self.next_button = b("agenda.next", self.next, "primary")
        self.stop_button = b("agenda.stop", self.stop)
        self.widget = widgets.VBox(
            [
                heading(c.tr("agenda.title")),
                self.steps,
                self.following,
                self.unopened,
                row(self.start_button, self.previous_button, self.next_button, self.stop_button),
            ],
            layout=CARD,
        )
        self.widget.add_class("cxkit-agenda-panel")

    @property
    def seen(self) -> int | None:
        """The step this page shows the room on: the one a move starts from."""
        return self.agenda.current if self.agenda is not None else None

    def start(self) -> None:
        self._move(0)

    def next(self) -> None:
        self._move(0 if self.seen is None else self.seen + 1)

    def previous(self) -> None:
        if self.seen:
            self._move(self.seen - 1)

    def stop(self) -> None:
        self._move(None)

    def _move(self, to: int | None) -> None:
        c = self.c
        if not c.workshop:
            return
        try:
            moved = c.ws.move_agenda(c.engagement_id, c.workshop, to, seen=self.seen)
        except StoreError as exc:
            c.failed(exc)  # another tab moved the room: say where it is, and show it
            self.show(c.ws.agenda(c.engagement_id, c.workshop))
            c.after_change()
            return
        self.show(moved)
        if moved.step is not None:
            self.local.project(c.engagement_id, c.workshop, moved.step.activity)
            self._on_moved(moved.step.activity)
            c.say(c.tr("agenda.moved", n=moved.current + 1, title=step_label(moved.step, c.lang)))
        else:
            c.say(c.tr("agenda.stopped"))
        c.after_change()

    def show(self, agenda: Agenda, room: RoomPass | None = None) -> None:
        """Redraw from the store's agenda; only the buttons that make sense are offered."""
        self.agenda = agenda
        lang = self.c.lang
        paragraph(unopened_line(agenda, room, lang), into=self.unopened)
        html = agenda_html(agenda, lang)
        if self.steps.value != html:
            self.steps.value = html
        paragraph(
            next_line(agenda, lang) if agenda.current is not None else "", into=self.following
        )
        running = agenda.current is not None
        has_steps = bool(agenda.steps)
        self.start_button.layout.display = None if has_steps and not running else "none"
        for button in (self.previous_button, self.next_button, self.stop_button):
            button.layout.display = None if running else "none"
        self.previous_button.disabled = not agenda.current
        self.next_button.disabled = agenda.following is None
