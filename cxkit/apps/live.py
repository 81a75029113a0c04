"""The facilitator's live workshop: a controls page on the laptop, a projection view for the room.

A consultant runs a workshop with one laptop and a projector. The laptop
shows this controls page (``live.ipynb``); the projector, as an extended
screen, shows the projection view (``live.ipynb?view=screen``,
:mod:`cxkit.apps.live_screen`), which has no control and follows what is
chosen here. The controls: the room link (opened once, shown again after a
reload, closed only after a confirmation), the activities (projected one at
a time, paused or locked, results revealed when the facilitator decides, a
timer kept in the store), moderation of the texts before they reach the
screen, and the proposals to adopt as pillars.

The panels live in small modules (``live_room``, ``live_activities``,
``live_adoption``); this one composes them and re-reads the workspace every
``interval`` seconds in a background thread, so the page follows the room
without a reload. Everything participants typed is shown escaped.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.live_activities import ActivityPanel, ModerationPanel
from cxkit.apps.live_adoption import ProposalsPanel
from cxkit.apps.live_agenda import AgendaPanel, agenda_activities
from cxkit.apps.live_base import Controls, heading, row
from cxkit.apps.live_cloud_qa_controls import CloudQAPanel
from cxkit.apps.live_coverage import CoveragePanel
from cxkit.apps.live_ideas_panel import IdeasPanel
from cxkit.apps.live_local import LocalState
from cxkit.apps.live_matrix_panel import MatrixPanel
from cxkit.apps.live_projection import format_clock, qr_svg
from cxkit.apps.live_proposals import MethodProposalsPanel
from cxkit.apps.live_room import current_room, room_token, room_url, room_warning
from cxkit.apps.live_screen import ProjectionScreen
from cxkit.apps.servers import ENV_FORMS_URL
from cxkit.i18n import resolve_lang, t
from cxkit.safety import esc, server_log
from cxkit.store.engine import display_url
from cxkit.store.invitations import ALL_ACTIVITIES, ROOM_ACTIVITIES, participant_link, room_link
from cxkit.store.rooms import DEFAULT_CAPACITY, MAX_CAPACITY, RoomPass
from cxkit.typography import format_number
from cxkit.vocab import METHOD_PROPOSALS

__all__ = ["LiveScreen", "format_clock", "live_page", "local_state", "qr_svg"]

# A loopback room link: said plainly above the QR code, where the facilitator looks.
WARNING_STYLE = (
    "font-size:18px;font-weight:bold;color:#7a2e0e;background:#fff4e5;"
    "border:2px solid #b54708;border-radius:6px;padding:10px;margin:8px 0"
)
MAX_ON_SCREEN_LISTED = 20
"""Texts already on the screen listed for hiding: the newest ones."""


def local_state(ws: Any) -> LocalState:
    """The consultant's private file for this workspace (room tokens, what is projected)."""
    return LocalState(display_url(ws.url))


def forms_url_default() -> str:
    return os.environ.get(ENV_FORMS_URL) or "http://127.0.0.1:8867/"


class LiveScreen:
    """One engagement's controls page. ``refresh()`` re-reads the workspace; ``start()`` loops it."""

    def __init__(
        self,
        ws: Any,
        engagement_id: str,
        *,
        forms_url: str | None = None,
        author: str = "facilitator",
        lang: str | None = None,
        interval: float = 2.0,
        local: LocalState | None = None,
    ) -> None:
        stored = ws.load(engagement_id).engagement
        self.lang = resolve_lang(lang or stored.engagement.language)
        self.c = c = Controls(ws, engagement_id, self.lang, author)
        self.ws, self.engagement_id = ws, engagement_id
        self.forms_url = forms_url or forms_url_default()
        self.local = local if local is not None else local_state(ws)
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._shown: tuple[Any, ...] | None = None
        self.status = c.status

        self.workshop = widgets.Dropdown(
            options=[(w.title, w.id) for w in stored.workshops] or [("—", None)],
            description=c.tr("workshop"),
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        self.workshop.add_class("cxkit-workshop")
        projected, _ = self.local.projected(engagement_id)
        if projected in {w.id for w in stored.workshops}:  # a reload lands on the workshop running
            self.workshop.value = projected
        self.workshop.observe(lambda _: self._safe_refresh(force=True), names="value")
        c.workshop = self.workshop.value
        c.after_change = lambda: self.refresh(force=True)
        self.activity = ActivityPanel(c, self.local)
        self.agenda = AgendaPanel(c, self.local, on_moved=self.activity.follow)
        self.moderation = ModerationPanel(c)
        self.ideas = IdeasPanel(c)
        self.proposals_panel = ProposalsPanel(c)
        self.cloud_qa = CloudQAPanel(c)
        self.method_panel = MethodProposalsPanel(c)
        self.matrix_panel = MatrixPanel(c)
        self.coverage_panel = CoveragePanel(c)
        self.summary = widgets.HTML("", layout=FULL)
        self.summary.add_class("cxkit-summary")
        screen_link = f"?engagement={esc(engagement_id)}&amp;view=screen"
        self.widget = widgets.VBox(
            [
                heading(c.tr("title", client=stored.engagement.client), 2),
                widgets.HTML(
                    f'<p><a class="cxkit-screen-link" href="{screen_link}" target="_blank" '
                    f'style="font-weight:bold">{esc(c.tr("screen.open"))}</a> · '
                    f"{esc(c.tr('screen.help'))}</p>",
                    layout=FULL,
                ),
                self.workshop,
                c.status,
                self._room_card(),
                self.agenda.widget,
                self.activity.widget,
                self.ideas.widget,
                self.moderation.widget,
                self.proposals_panel.widget,
                self.cloud_qa.widget,
                self.method_panel.widget,
                self.matrix_panel.widget,
                self.coverage_panel.widget,
                widgets.VBox([heading(c.tr("summary.title")), self.summary], layout=CARD),
            ],
            layout=widgets.Layout(width="100%", max_width="60em"),
        )
        self.widget.add_class("cxkit-live")
        self.refresh(force=True)

    def tr(self, key: str, /, **params: Any) -> str:
        return self.c.tr(key, **params)

    # --- the room link, and personal invitations ----------------------------------------

    def _room_card(self) -> widgets.Widget:
        """The room link with its QR code; closing asks first; settings and personal links folded."""
        c = self.c
        self.room_view = widgets.HTML("", layout=FULL)
        self.room_view.add_class("cxkit-room")
        self.room_joined = paragraph("")
        self.room_joined.add_class("cxkit-room-joined")
        self.open_room_button = c.button("room.open", self.open_room, "primary")
        self.close_room_button = c.button("room.close", self.ask_close_room, "danger")
        self.show_qr_button = c.button("room.show_qr", self.show_room_qr)
        self.confirm_close = row(
            paragraph(c.tr("room.close.confirm")),
            c.button("room.close.yes", self.close_room, "danger"),
            c.button("room.close.no", self._hide_confirm),
        )
        self.confirm_close.add_class("cxkit-room-confirm")
        self.confirm_close.layout.display = "none"
        self.count = widgets.BoundedIntText(value=1, min=1, max=200, description=c.tr("count"))
        self.dots = widgets.BoundedIntText(value=5, min=1, max=20, description=c.tr("dots"))
        self.capacity = widgets.BoundedIntText(
            value=DEFAULT_CAPACITY, min=1, max=MAX_CAPACITY, description=c.tr("capacity")
        )
        self.activities = widgets.SelectMultiple(
            options=[(c.kind(a), a) for a in ALL_ACTIVITIES],
            value=ROOM_ACTIVITIES,  # the questionnaire is for before an interview
            description=c.tr("activities"),
            rows=len(ALL_ACTIVITIES),
        )
        self.links = widgets.HTML("", layout=FULL)
        self.links.add_class("cxkit-links")
        settings = widgets.VBox([row(self.dots, self.capacity), self.activities])
        personal = widgets.VBox(
            [
                paragraph(c.tr("personal.help")),
                self.count,
                c.button("invite", self.create_invitations),
                self.links,
            ]
        )
        folded = widgets.Accordion(
            children=[settings, personal],
            titles=(c.tr("settings"), c.tr("personal")),
            selected_index=None,
            layout=FULL,
        )
        folded.add_class("cxkit-folded")
        buttons = [self.open_room_button, self.show_qr_button, self.close_room_button]
        return widgets.VBox(
            [
                heading(c.tr("room.title")),
                self.room_view,
                self.room_joined,
                row(*buttons),
                self.confirm_close,
                folded,
            ],
            layout=CARD,
        )

    def _chosen_activities(self) -> tuple[str, ...]:
        """The activities ticked in the settings, and those the workshop's agenda runs."""
        chosen = tuple(a for a in self.activities.value if a in ALL_ACTIVITIES) or ROOM_ACTIVITIES
        workshop = self.workshop.value
        planned = (
            agenda_activities(self.ws.agenda(self.engagement_id, workshop)) if workshop else ()
        )
        return chosen + tuple(a for a in planned if a not in chosen)

    def current_room(self) -> RoomPass | None:
        return current_room(self.ws, self.engagement_id, self.workshop.value)

    def room_url(self) -> str | None:
        """The link of the open room, found again in the consultant's file (same link after a reload)."""
        return room_url(self.ws, self.local, self.forms_url, self.current_room())

    def open_room(self) -> str | None:
        """Open the workshop's room pass (unless one is open) and show its QR code."""
        workshop = self.workshop.value
        if not workshop:
            self.c.say(self.tr("no_workshop"))
            return None
        if self.current_room() is None:
            room = self.ws.open_room(
                self.engagement_id,
                workshop,
                dots=int(self.dots.value),
                activities=self._chosen_activities(),
                capacity=int(self.capacity.value),
            )
            assert room.token is not None
            self.local.keep_room_token(room.id, room.token)
            expires = room.expires_at.astimezone().strftime("%H:%M")
            self.c.say(self.c.count("room.opened", room.capacity, expires=expires))
        self._show_room()
        return self.room_url()

    def show_room_qr(self) -> str | None:
        """A new link for a room opened elsewhere (the command line, another computer).

        Only then is the token unknown here; renewing is the facilitator's
        explicit choice (the old link stops working, who joined stays).
        """
        room = self.current_room()
        if room is not None and room_token(self.ws, self.local, room) is None:
            renewed = self.ws.renew_room(room.id)
            assert renewed.token is not None
            self.local.keep_room_token(renewed.id, renewed.token)
            self.c.say(self.tr("room.renewed"))
        self._show_room()
        return self.room_url()

    def ask_close_room(self) -> None:
        self.confirm_close.layout.display = None if self.current_room() is not None else "none"

    def _hide_confirm(self) -> None:
        self.confirm_close.layout.display = "none"

    def close_room(self) -> None:
        """Close the room pass (after the confirmation): nobody else joins; those inside stay."""
        self._hide_confirm()
        room = self.current_room()
        if room is not None:
            self.ws.close_room(room.id)
            self.local.keep_room_token(room.id, None)
            self.c.say(self.tr("room.closed"))
        self._show_room()

    def _show_room(self) -> None:
        room = self.current_room()
        token = room_token(self.ws, self.local, room)
        joined = ""
        if room is None:
            view = f"<p>{esc(self.tr('room.none'))}</p>"
        elif token is None:
            view = (
                f"<p><b>{esc(self.c.count('room.hidden', room.joined, capacity=format_number(room.capacity, self.lang)))}</b>"
                f"</p><p>{esc(self.tr('room.hidden_help'))}</p>"
            )
        else:
            link = room_link(self.forms_url, token)
            warning = room_warning(link, self.lang)
            view = (
                (
                    f'<p class="cxkit-loopback-warning" style="{WARNING_STYLE}">{esc(warning)}</p>'
                    if warning
                    else ""
                )
                + '<div class="cxkit-room-qr" style="text-align:center">'
                f'{qr_svg(link, scale=5)}<br><a href="{esc(link)}" target="_blank" '
                f'style="font-weight:bold;overflow-wrap:anywhere">{esc(link)}</a></div>'
            )
            full = room.joined >= room.capacity
            key = "room.full" if full else "room.joined"
            joined = self.c.count(
                key, room.joined, capacity=format_number(room.capacity, self.lang)
            )
        if self.room_view.value != view:
            self.room_view.value = view
        paragraph(joined, into=self.room_joined)
        self.open_room_button.disabled = room is not None
        self.close_room_button.disabled = room is None
        self.show_qr_button.layout.display = None if room is not None and token is None else "none"

    def create_invitations(self) -> list[str]:
        """Personal invitations for the chosen workshop, each link with its QR code."""
        workshop = self.workshop.value
        if not workshop:
            self.c.say(self.tr("no_workshop"))
            return []
        invitations = self.ws.invite(
            self.engagement_id,
            workshop,
            count=int(self.count.value),
            dots=int(self.dots.value),
            activities=self._chosen_activities(),
        )
        links = [participant_link(self.forms_url, inv.token) for inv in invitations]
        self.links.value = "".join(
            '<div class="cxkit-qr" style="display:inline-block;margin:8px;text-align:center">'
            f"{qr_svg(link)}<br><b>{n}</b><br>"
            f'<a href="{esc(link)}" target="_blank" style="font-size:11px;overflow-wrap:anywhere">'
            f"{esc(link)}</a></div>"
            for n, link in enumerate(links, 1)
        )
        self.c.say(self.c.count("invited", len(links)))
        return links

    # --- reading the room -----------------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Re-read the workshop; the panels change only when what they show did."""
        with self.c.lock:
            workshop = self.workshop.value
            self.c.workshop = workshop
            if not workshop:
                return
            self._show_room()
            state = self.ws.live_state(self.engagement_id, workshop)
            self.activity.tick(state)
            self.ideas.refresh(force=force)
            agenda = self.ws.agenda(self.engagement_id, workshop)
            agg = self.ws.aggregates(self.engagement_id, workshop)
            pending = self.ws.moderation_queue(self.engagement_id, workshop)
            given = self.ws.contributions(self.engagement_id, workshop)
            proposals = [p for p in given if p.kind == "pillar-proposal" and p.status == "new"]
            method = [p for p in given if p.kind in METHOD_PROPOSALS and p.status == "new"]
            questions = self.ws.questions(self.engagement_id, workshop)  # hidden ones too
            self.cloud_qa.show(workshop, dict(agg.options), questions)  # redrawn if changed
            self.matrix_panel.show()  # only while unfolded; redraws only what changed
            key = (
                repr(agg),
                repr(state),
                repr(agenda),
                tuple((p.id, p.text) for p in proposals),
                tuple(p.id for p in method),
                len(pending),
            )
            if not force and key == self._shown:
                return
            self._shown = key
            on_screen = sorted(
                (i for items in agg.texts.values() for i in items), key=lambda i: i.at
            )[-MAX_ON_SCREEN_LISTED:]
            self.agenda.show(agenda, self.current_room())
            self.moderation.show(state, pending, on_screen)
            self.activity.show(state)
            self.proposals_panel.show(proposals)
            self.method_panel.show(method, self.ws.document(self.engagement_id))
            self.summary.value = summary_html(self.c, agg)

    def _safe_refresh(self, force: bool = False) -> None:
        try:
            self.refresh(force=force)
        except Exception as exc:
            server_log().exception("live refresh failed")
            self.c.failed(exc)

    def start(self) -> LiveScreen:
        """Refresh every ``interval`` seconds in a daemon thread (the clock every second)."""
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="cxkit-live", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        last = 0.0
        while not self._stop.wait(1.0):
            workshop = self.workshop.value
            if workshop and time.monotonic() - last < self.interval:
                try:
                    with self.c.lock:
                        self.activity.tick(self.ws.live_state(self.engagement_id, workshop))
                except Exception:
                    server_log().exception("live clock failed")
                continue
            last = time.monotonic()
            self._safe_refresh()


def summary_html(c: Controls, agg: Any) -> str:
    """What the room gave so far, in words and numbers of the consultant's language."""
    parts = [c.count("people", agg.participants)]
    parts += [
        c.tr("kind_count", kind=c.kind(k), n=format_number(n, c.lang))
        for k, n in sorted(agg.counts.items())
    ]
    rows = "".join(
        f"<tr><td>{esc(v.label)}</td><td style='text-align:right'>"
        f"{esc(c.count('dots.count', v.dots))}</td></tr>"
        for v in agg.votes
    )
    ranking = f"<table class='cxkit-ranking'>{rows}</table>" if rows else ""
    return f"<p class='cxkit-counts'>{esc(' · '.join(parts))}</p>{ranking}"


def live_page(
    engagement: str | None,
    *,
    view: str | None = None,
    workspace: Any = None,
    interval: float = 2.0,
) -> widgets.Widget:
    """The controls page of an engagement (the only one if not named); ``view="screen"``: the projection."""
    from cxkit.store import Workspace

    ws = workspace if workspace is not None else Workspace.open()
    if not engagement:
        known = ws.list_engagements()
        engagement = known[0].id if known else None
    if not engagement:
        return widgets.Label(value=t("live.no_engagement", None))
    if view == "screen":
        lang = resolve_lang(ws.load(engagement).engagement.engagement.language)
        screen = ProjectionScreen(ws, engagement, local_state(ws), forms_url_default(), lang)
        return screen.start().widget
    return LiveScreen(ws, engagement, interval=interval).start().widget
