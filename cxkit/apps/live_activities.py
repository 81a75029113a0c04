"""The controls of what the room does and sees: activities, timer, projection, moderation.

Everything set here is kept in the store (activity status, results shown,
the timer's end, the moderation mode and decisions) or in the consultant's
private file (what is projected), so a reloaded page, or the projection view
in its own kernel, finds it again.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.live_base import Controls, heading, row
from cxkit.apps.live_local import ROOM, LocalState
from cxkit.apps.live_projection import format_clock
from cxkit.apps.live_ranking import RankingOptions
from cxkit.apps.live_screen import timer_left
from cxkit.store.activities import LiveState
from cxkit.store.invitations import ALL_ACTIVITIES
from cxkit.store.records import ContributionRecord


class ActivityPanel:
    """Choose an activity; project it, pause or lock it, reveal its results, time it."""

    def __init__(self, c: Controls, local: LocalState) -> None:
        self.c = c
        self.local = local
        self.choice = widgets.Dropdown(
            options=[(c.kind(k), k) for k in ALL_ACTIVITIES],
            description=c.tr("activity"),
            layout=widgets.Layout(width="auto"),
        )
        self.choice.add_class("cxkit-activity-choice")
        _, showing = local.projected(c.engagement_id)
        if showing in ALL_ACTIVITIES:  # a reloaded page starts on the activity projected
            self.choice.value = showing
        self.choice.observe(lambda _: self._chosen(), names="value")
        self.minutes = widgets.BoundedIntText(
            value=10,
            min=1,
            max=180,
            description=c.tr("minutes"),
            layout=widgets.Layout(width="12em"),
        )
        self.state_line = paragraph("")
        self.state_line.add_class("cxkit-activity-state")
        self.clock = widgets.HTML("")
        self.clock.add_class("cxkit-clock")
        self.projected = paragraph("")
        self.projected.add_class("cxkit-projected")
        b = c.button
        self.reveal = b("reveal", lambda: self._results(True), "success")
        self.conceal = b("conceal", lambda: self._results(False))
        self.ranking = RankingOptions(c)
        folded = widgets.Accordion(
            children=[self.ranking.widget],
            titles=(c.tr("ranking.title"),),
            selected_index=None,
            layout=FULL,
        )
        folded.add_class("cxkit-folded")
        folded.add_class("cxkit-activity-options")
        self.widget = widgets.VBox(
            [
                heading(c.tr("activities.title")),
                self.projected,
                row(b("project.room", self.project_room, "primary")),
                self.choice,
                row(b("project", self.project_activity, "primary"), self.reveal, self.conceal),
                row(
                    b("status.open", lambda: self._status("open")),
                    b("status.paused", lambda: self._status("paused"), "warning"),
                    b("status.locked", lambda: self._status("locked"), "danger"),
                ),
                self.state_line,
                row(
                    self.minutes,
                    b("timer.start", self.start_timer),
                    b("timer.stop", self.stop_timer),
                ),
                self.clock,
                folded,
            ],
            layout=CARD,
        )

    def _chosen(self) -> None:
        try:
            with self.c.lock:
                self.show()
        except Exception as exc:  # a sentence on the page, never a traceback
            self.c.failed(exc)

    def follow(self, activity: str) -> None:
        """The agenda moved the room: its step's activity is the one these controls act on."""
        if activity in ALL_ACTIVITIES and self.choice.value != activity:
            self.choice.value = activity  # observed: redraws this panel
        self.show()

    @property
    def kind(self) -> str:
        return str(self.choice.value)

    def project_room(self) -> None:
        self.local.project(self.c.engagement_id, self.c.workshop, ROOM)
        self.show()

    def project_activity(self) -> None:
        self.local.project(self.c.engagement_id, self.c.workshop, self.kind)
        self.show()

    def _status(self, status: str) -> None:
        if self.c.workshop:
            self.c.ws.set_activity(self.c.engagement_id, self.c.workshop, self.kind, status=status)
        self.show()

    def _results(self, shown: bool) -> None:
        if self.c.workshop:
            self.c.ws.set_activity(
                self.c.engagement_id, self.c.workshop, self.kind, results_shown=shown
            )
        self.show()
        self.c.after_change()

    def start_timer(self) -> None:
        if self.c.workshop:
            seconds = int(self.minutes.value) * 60
            self.c.ws.start_timer(self.c.engagement_id, self.c.workshop, self.kind, seconds)
        self.show()

    def stop_timer(self) -> None:
        if self.c.workshop:
            self.c.ws.stop_timer(self.c.engagement_id, self.c.workshop, self.kind)
        self.show()

    def show(self, state: LiveState | None = None) -> None:
        """Redraw from the store: the chosen activity's state, the clock, what is projected."""
        c = self.c
        if not c.workshop:
            return
        state = state or c.ws.live_state(c.engagement_id, c.workshop)
        act = state.activity(self.kind)
        results = c.tr("results.shown" if act.results_shown else "results.hidden")
        self.reveal.layout.display = "none" if act.results_shown else None
        self.conceal.layout.display = None if act.results_shown else "none"
        paragraph(f"{c.tr(f'status.is.{act.status}')} · {results}", into=self.state_line)
        _, showing = self.local.projected(c.engagement_id)
        shown = c.tr("project.room_now") if showing == ROOM else c.kind(showing)
        paragraph(c.tr("projected", what=shown), into=self.projected)
        self.ranking.show(state)
        self.tick(state)

    def tick(self, state: LiveState) -> None:
        _, showing = self.local.projected(self.c.engagement_id)
        left = timer_left(state, showing if showing != ROOM else self.kind)
        shown = "--:--" if left is None else format_clock(left)
        self.clock.value = (
            f'<div style="font-size:40px;line-height:1.2;font-weight:bold">{shown}</div>'
        )


class ModerationPanel:
    """New texts first seen here; the facilitator shows or hides them (mode: at once or approve)."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.mode = widgets.ToggleButtons(
            options=[(c.tr("moderation.show"), "show"), (c.tr("moderation.approve"), "approve")],
            style={"button_width": "auto"},
        )
        self.mode.add_class("cxkit-moderation-mode")
        self.mode.observe(self._mode_changed, names="value")
        self.items = widgets.VBox(layout=FULL)
        self.items.add_class("cxkit-moderation")
        self._boxes: list[tuple[str, widgets.Checkbox]] = []
        self._shown: tuple[Any, ...] | None = None
        self._syncing = False
        self.widget = widgets.VBox(
            [
                heading(c.tr("moderation.title")),
                paragraph(c.tr("moderation.help")),
                self.mode,
                self.items,
                row(
                    c.button("approve", self.approve, "success"),
                    c.button("hide", self.hide, "danger"),
                ),
            ],
            layout=CARD,
        )

    def _mode_changed(self, change: dict[str, Any]) -> None:
        c = self.c
        if not c.workshop or self._syncing or change["new"] == change["old"]:
            return
        try:
            with c.lock:
                c.ws.set_moderation(c.engagement_id, c.workshop, change["new"])
                c.say(c.tr(f"moderation.set.{change['new']}"))
        except Exception as exc:
            c.failed(exc)

    def chosen(self) -> list[str]:
        return [ident for ident, box in self._boxes if box.value]

    def approve(self) -> None:
        self._decide(self.c.ws.approve, "approved")

    def hide(self) -> None:
        self._decide(self.c.ws.hide, "hidden")

    def _decide(self, decide: Any, said: str) -> None:
        c = self.c
        chosen = self.chosen()
        if not chosen:
            c.say(c.tr("moderation.choose"))
            return
        decide(c.engagement_id, chosen, c.author)
        for _, box in self._boxes:  # decided: the next ticks start afresh
            box.value = False
        c.say(c.count(f"moderation.{said}", len(chosen)))
        c.after_change()

    def show(self, state: LiveState, pending: list[ContributionRecord], shown: list[Any]) -> None:
        """Pending texts first (to approve), then those on the screen (to hide)."""
        key = (state.moderation, tuple(p.id for p in pending), tuple(s.id for s in shown))
        if key == self._shown:
            return
        self._shown = key
        self._syncing = True
        try:
            self.mode.value = state.moderation
        finally:
            self._syncing = False
        before = set(self.chosen())
        rows: list[widgets.Widget] = []
        self._boxes = []
        for item, tag in [*((p, "pending") for p in pending), *((s, "on_screen") for s in shown)]:
            box = widgets.Checkbox(
                value=item.id in before, indent=False, layout=widgets.Layout(width="2em")
            )
            self._boxes.append((item.id, box))
            label = f"{self.c.kind(item.kind)} · {self.c.tr(f'moderation.{tag}')}"
            text = paragraph(f"{label} — {item.text or ''}")
            text.add_class(f"cxkit-moderation-{tag}")
            rows.append(widgets.HBox([box, text], layout=FULL))
        if not rows:
            rows.append(paragraph(self.c.tr("moderation.none")))
        self.items.children = rows
