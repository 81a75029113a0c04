"""The projection view (``live.ipynb?view=screen``): what the room sees, and nothing else.

A consultant has one laptop and a projector: the laptop shows the controls
page, the projector (an extended screen) this view, which has no control at
all. It follows what the controls chose (:class:`~cxkit.apps.live_local.
LocalState`) and the store, re-read every second by a thread of its kernel:
the QR code while people join, then one activity's results, the timer
always in the corner. Hidden texts and hidden results are left out by the
store's aggregates, so they cannot reach this view.
"""

from __future__ import annotations

import threading
from typing import Any

import ipywidgets as widgets

from cxkit.agenda_words import step_label
from cxkit.apps.live_coverage import coverage_body
from cxkit.apps.live_ideas import idea_body
from cxkit.apps.live_local import ROOM, LocalState
from cxkit.apps.live_matrix import matrix_body
from cxkit.apps.live_projection import activity_body, empty_body, frame, join_body
from cxkit.apps.live_ranking import ranking_body
from cxkit.apps.live_room import current_room, room_url, room_warning
from cxkit.i18n import t
from cxkit.safety import server_log
from cxkit.store.activities import LiveState
from cxkit.store.coverage import cells_for
from cxkit.typography import nbsp


def timer_left(state: LiveState, showing: str) -> float | None:
    """The projected activity's timer, else the running timer that ends first, else None."""
    own = state.activity(showing).seconds_left() if showing != ROOM else None
    if own is not None:
        return own
    running = [
        left
        for a in state.activities.values()
        if (left := a.seconds_left()) is not None and left > 0
    ]
    return min(running) if running else None


class ProjectionScreen:
    """One engagement's projected view; ``refresh()`` redraws it when anything changed."""

    def __init__(
        self, ws: Any, engagement_id: str, local: LocalState, forms_url: str, lang: str
    ) -> None:
        self.ws = ws
        self.engagement_id = engagement_id
        self.local = local
        self.forms_url = forms_url
        self.lang = lang
        stored = ws.load(engagement_id).engagement
        self.client = stored.engagement.client
        self.workshops = {w.id: w.title for w in stored.workshops}
        self.scale = int(stored.collection.benchmark.scale)
        self.widget = widgets.HTML("")
        self.widget.add_class("cxkit-projection")
        self._stop = threading.Event()
        self.refresh()

    def html(self) -> str:
        """The screen as it should be now."""
        workshop, showing = self.local.projected(self.engagement_id)
        if workshop not in self.workshops:
            workshop = next(iter(self.workshops), None)
        if workshop is None:
            return frame(
                self.client, None, empty_body(t("live.screen.no_workshop", self.lang)), self.lang
            )
        state = self.ws.live_state(self.engagement_id, workshop)
        left = timer_left(state, showing)
        if showing == ROOM:
            return frame(self.workshops[workshop], left, self._join(workshop), self.lang)
        title = self._title(workshop, showing)
        if showing == "lead-proposal":  # the pillars × devices heat map, the round outlined
            cells = cells_for(state.activity(showing).options, None) or frozenset()
            matrix = self.ws.coverage(self.engagement_id, workshop)
            body = coverage_body(matrix, self.lang, round_cells=cells)
        elif showing == "placement":  # its own aggregate, read only while it is projected
            body = matrix_body(self.ws.placements(self.engagement_id, workshop), self.lang)
        elif showing == "ranking":  # its own aggregate: each participant's latest ranking
            body = ranking_body(self.ws.ranking(self.engagement_id, workshop), self.lang)
        elif showing == "idea":  # the count while the room writes, the ideas once revealed
            body = idea_body(self.ws.idea_board(self.engagement_id, workshop), self.lang)
        else:
            agg = self.ws.aggregates(self.engagement_id, workshop)
            body = activity_body(showing, agg, self.scale, self.lang)
        return frame(title, left, body, self.lang)

    def _title(self, workshop: str, showing: str) -> str:
        """The activity's name; when it is the agenda's step, the step's title and place."""
        agenda = self.ws.agenda(self.engagement_id, workshop)
        step = agenda.step
        if step is None or step.activity != showing or agenda.current is None:
            return t(f"apps.kind.{showing}", self.lang)
        return nbsp(
            t(
                "agenda.screen.title",
                self.lang,
                n=agenda.current + 1,
                count=len(agenda.steps),
                title=step_label(step, self.lang),
            ),
            self.lang,
        )

    def _join(self, workshop: str) -> str:
        room = current_room(self.ws, self.engagement_id, workshop)
        link = room_url(self.ws, self.local, self.forms_url, room)
        if room is None or link is None:
            key = "live.screen.no_room" if room is None else "live.screen.room_elsewhere"
            return empty_body(nbsp(t(key, self.lang), self.lang))
        return join_body(link, room.joined, self.lang, room_warning(link, self.lang))

    def refresh(self) -> None:
        shown = self.html()
        if shown != self.widget.value:
            self.widget.value = shown

    def start(self) -> ProjectionScreen:
        threading.Thread(target=self._loop, name="cxkit-screen", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(1.0):
            try:
                self.refresh()
            except Exception:  # the screen keeps its last picture; the log says why
                server_log().exception("projection refresh failed")
