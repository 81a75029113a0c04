"""The facilitator's live workshop screen: invite the room, time it, watch it answer, decide.

Projected in front of the room: ONE room link with its QR code (segno,
inline SVG: nothing fetched from the network), which each person scans to
join and get a personal link, then a timer, and the
results, re-read from the workspace every ``interval`` seconds by a
background thread of the kernel and pushed to the widgets, so the screen
follows the room without a reload. Personal links (one per person, for a
questionnaire sent by e-mail) stay available in a collapsed part. Chosen proposals are adopted as pillars
(a new revision of the engagement), merged into another proposal, or rejected.

Everything participants typed is shown through ``Label`` widgets or
escaped HTML: never as markup.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
import segno

from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.network import loopback_warning
from cxkit.apps.servers import ENV_FORMS_URL
from cxkit.errors import AccessDenied, CxkitError
from cxkit.i18n import resolve_lang, t
from cxkit.safety import esc, guarded, server_log
from cxkit.store.aggregates import Aggregates, group_proposals
from cxkit.store.invitations import (
    ALL_ACTIVITIES,
    ROOM_ACTIVITIES,
    participant_link,
    room_link,
)
from cxkit.store.rooms import DEFAULT_CAPACITY, MAX_CAPACITY, RoomPass

# A loopback room link: said plainly above the QR code, where the facilitator looks.
WARNING_STYLE = (
    "font-size:18px;font-weight:bold;color:#7a2e0e;background:#fff4e5;"
    "border:2px solid #b54708;border-radius:6px;padding:10px;margin:8px 0"
)


def qr_svg(link: str, scale: int = 4) -> str:
    """A QR code of ``link`` as inline SVG markup (no XML declaration, safe to embed)."""
    return str(segno.make(link, error="m").svg_inline(scale=scale, border=2))


def format_clock(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class Timer:
    """A countdown: started for some minutes, read as remaining seconds; no thread of its own."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._ends: float | None = None

    def start(self, minutes: float) -> None:
        self._ends = self._clock() + max(0.0, minutes) * 60

    def stop(self) -> None:
        self._ends = None

    @property
    def running(self) -> bool:
        return self._ends is not None

    def remaining(self) -> float:
        return 0.0 if self._ends is None else max(0.0, self._ends - self._clock())


class LiveScreen:
    """One engagement's workshop screen. ``refresh()`` re-reads the workspace; ``start()`` loops it."""

    def __init__(
        self,
        ws: Any,
        engagement_id: str,
        *,
        forms_url: str | None = None,
        author: str = "facilitator",
        lang: str | None = None,
        interval: float = 2.0,
    ) -> None:
        self.ws = ws
        self.engagement_id = engagement_id
        self.forms_url = forms_url or os.environ.get(ENV_FORMS_URL) or "http://127.0.0.1:8867/"
        self.author = author
        stored = ws.load(engagement_id)
        self.lang = resolve_lang(lang or stored.engagement.engagement.language)
        self.interval = interval
        self.timer = Timer()
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._proposal_boxes: list[tuple[str, widgets.Checkbox]] = []
        self._shown: tuple[Any, ...] | None = None
        self._room_tokens: dict[str, str] = {}
        """Room id -> token of the room passes opened by this screen (kernel state only)."""

        workshops = [(f"{w.title} ({w.id})", w.id) for w in stored.engagement.workshops]
        self.workshop = widgets.Dropdown(
            options=workshops or [("—", None)], description=self.tr("workshop"), layout=FULL
        )
        self.workshop.observe(lambda _: self._safe_refresh(force=True), names="value")
        self.status = widgets.Label(value="", layout=FULL)
        self.status.add_class("cxkit-live-status")

        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"<h2>{esc(self.tr('title', client=stored.engagement.engagement.client))}</h2>"
                ),
                self.workshop,
                self._room_card(),
                self._timer_card(),
                self._results_card(),
                self.status,
            ],
            layout=FULL,
        )
        self.widget.add_class("cxkit-live")
        self.refresh(force=True)

    def tr(self, key: str, /, **params: Any) -> str:
        return t(f"apps.live.{key}", self.lang, **params)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CxkitError):
            self.status.value = exc.message(self.lang)
        else:
            self.status.value = self.tr("error")

    def _button(
        self, key: str, action: Callable[[], object], style: str = "primary"
    ) -> widgets.Button:
        button = widgets.Button(description=self.tr(key), button_style=style)
        button.add_class(f"cxkit-{key.replace('.', '-')}")

        @guarded(self._failed)
        def clicked(_: Any) -> None:
            with self._lock:
                action()

        button.on_click(clicked)
        return button

    # --- the room link, and personal invitations ----------------------------------------

    def _room_card(self) -> widgets.Widget:
        """The projected part: one QR code for the room; settings and personal links folded."""
        self.room_view = widgets.HTML("")
        self.room_view.add_class("cxkit-room")
        self.room_joined = widgets.Label(value="")
        self.room_joined.add_class("cxkit-room-joined")
        self.open_room_button = self._button("room.open", self.open_room)
        self.close_room_button = self._button("room.close", self.close_room, style="danger")
        self.show_qr_button = self._button("room.show_qr", self.show_room_qr)
        self.count = widgets.BoundedIntText(value=1, min=1, max=200, description=self.tr("count"))
        self.dots = widgets.BoundedIntText(value=5, min=1, max=20, description=self.tr("dots"))
        self.capacity = widgets.BoundedIntText(
            value=DEFAULT_CAPACITY, min=1, max=MAX_CAPACITY, description=self.tr("capacity")
        )
        self.activities = widgets.SelectMultiple(
            options=[(t(f"apps.kind.{a}", self.lang), a) for a in ALL_ACTIVITIES],
            value=ROOM_ACTIVITIES,  # the questionnaire is for before an interview
            description=self.tr("activities"),
            rows=len(ALL_ACTIVITIES),
        )
        self.links = widgets.HTML("")
        self.links.add_class("cxkit-links")
        invite = self._button("invite", self.create_invitations)
        settings = widgets.VBox([widgets.HBox([self.dots, self.capacity]), self.activities])
        personal = widgets.VBox(
            [widgets.Label(value=self.tr("personal.help")), self.count, invite, self.links]
        )
        folded = widgets.Accordion(
            children=[settings, personal],
            titles=(self.tr("settings"), self.tr("personal")),
            selected_index=None,
        )
        folded.add_class("cxkit-folded")
        return widgets.VBox(
            [
                widgets.HTML(f"<h3>{esc(self.tr('room.title'))}</h3>"),
                self.room_view,
                self.room_joined,
                widgets.HBox([self.open_room_button, self.show_qr_button, self.close_room_button]),
                folded,
            ],
            layout=CARD,
        )

    def _chosen_activities(self) -> tuple[str, ...]:
        return tuple(a for a in self.activities.value if a in ALL_ACTIVITIES) or ROOM_ACTIVITIES

    def current_room(self) -> RoomPass | None:
        """The workshop's newest room pass still open (full counts as open: it can be closed)."""
        workshop = self.workshop.value
        if not workshop:
            return None
        at = dt.datetime.now(dt.UTC)
        passes = self.ws.rooms(self.engagement_id, workshop)
        live = [r for r in passes if r.revoked_at is None and r.expires_at > at]
        return live[-1] if live else None

    def _token_of(self, room: RoomPass | None) -> str | None:
        """The token of ``room`` if this kernel holds it and it still opens the room.

        Another screen may have renewed the pass since: its old QR code must
        not stay on the projector, so a token that no longer finds the room is
        forgotten and the screen offers to show a new one.
        """
        token = self._room_tokens.get(room.id) if room is not None else None
        if room is None or token is None:
            return None
        try:
            if self.ws.room(token).id == room.id:
                return token
        except AccessDenied:
            pass
        self._room_tokens.pop(room.id, None)
        return None

    def room_url(self) -> str | None:
        """The link of the room pass shown, if this screen holds its token (shown once)."""
        token = self._token_of(self.current_room())
        return room_link(self.forms_url, token) if token else None

    def open_room(self) -> str | None:
        """Open the workshop's room pass (unless one is open) and show its QR code."""
        workshop = self.workshop.value
        if not workshop:
            self.status.value = self.tr("no_workshop")
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
            self._room_tokens[room.id] = room.token
            expires = room.expires_at.astimezone().strftime("%H:%M")
            self.status.value = self.tr("room.opened", capacity=room.capacity, expires=expires)
        self._show_room()
        return self.room_url()

    def show_room_qr(self) -> str | None:
        """Show the open room's QR code on a screen that lost its token (a reloaded page).

        The pass gets a new token (:meth:`Workspace.renew_room`): who joined,
        the places and the personal links stay; the old room link stops working.
        """
        room = self.current_room()
        if room is not None and self._token_of(room) is None:
            renewed = self.ws.renew_room(room.id)
            assert renewed.token is not None
            self._room_tokens[renewed.id] = renewed.token
            self.status.value = self.tr("room.renewed")
        self._show_room()
        return self.room_url()

    def close_room(self) -> None:
        """Close the room pass shown: nobody else joins; those inside keep their links."""
        room = self.current_room()
        if room is None:
            self._show_room()
            return
        self.ws.close_room(room.id)
        self._room_tokens.pop(room.id, None)
        self.status.value = self.tr("room.closed")
        self._show_room()

    def _show_room(self) -> None:
        room = self.current_room()
        token = self._token_of(room)
        if room is None:
            view = f"<p>{esc(self.tr('room.none'))}</p>"
            joined = ""
        elif token is None:
            opened = self.tr("room.hidden", joined=room.joined, capacity=room.capacity)
            view = (
                f'<p style="font-size:24px;font-weight:bold">{esc(opened)}</p>'
                f"<p>{esc(self.tr('room.hidden_help'))}</p>"
            )
            joined = ""
        else:
            link = room_link(self.forms_url, token)
            warning = loopback_warning(
                link, self.lang
            )  # phones cannot open this computer's loopback
            view = (
                f'<p class="cxkit-loopback-warning" style="{WARNING_STYLE}">{esc(warning)}</p>'
                if warning
                else ""
            ) + (
                '<div class="cxkit-room-qr" style="text-align:center">'
                f"{qr_svg(link, scale=10)}<br>"
                f'<a href="{esc(link)}" target="_blank" '
                'style="font-size:24px;font-weight:bold;word-break:break-all">'
                f"{esc(link)}</a></div>"
            )
            key = "room.full" if room.joined >= room.capacity else "room.joined"
            joined = self.tr(key, joined=room.joined, capacity=room.capacity)
        self.room_view.value = view
        self.room_joined.value = joined
        self.open_room_button.disabled = room is not None
        self.close_room_button.disabled = room is None
        self.show_qr_button.layout.display = None if room is not None and token is None else "none"

    def create_invitations(self) -> list[str]:
        """Invitations for the chosen workshop; shows each link with its QR code. Returns the links."""
        workshop = self.workshop.value
        if not workshop:
            self.status.value = self.tr("no_workshop")
            return []
        invitations = self.ws.invite(
            self.engagement_id,
            workshop,
            count=int(self.count.value),
            dots=int(self.dots.value),
            activities=self._chosen_activities(),
        )
        links = [participant_link(self.forms_url, inv.token) for inv in invitations]
        cards = []
        for n, link in enumerate(links, 1):
            cards.append(
                '<div class="cxkit-qr" style="display:inline-block;margin:8px;text-align:center">'
                f"{qr_svg(link)}<br><b>#{n}</b><br>"
                f'<a href="{esc(link)}" target="_blank" style="font-size:11px;word-break:break-all">'
                f"{esc(link)}</a></div>"
            )
        self.links.value = "".join(cards)
        self.status.value = self.tr("invited", count=len(links))
        return links

    # --- timer --------------------------------------------------------------------------

    def _timer_card(self) -> widgets.Widget:
        self.minutes = widgets.BoundedIntText(
            value=10, min=1, max=180, description=self.tr("minutes")
        )
        self.clock = widgets.HTML(self._clock_html())
        self.clock.add_class("cxkit-clock")
        start = self._button("timer.start", lambda: self._timer(True))
        stop = self._button("timer.stop", lambda: self._timer(False), style="")
        return widgets.VBox(
            [
                widgets.HTML(f"<h3>{esc(self.tr('timer.title'))}</h3>"),
                widgets.HBox([self.minutes, start, stop]),
                self.clock,
            ],
            layout=CARD,
        )

    def _timer(self, run: bool) -> None:
        if run:
            self.timer.start(int(self.minutes.value))
        else:
            self.timer.stop()
        self.clock.value = self._clock_html()

    def _clock_html(self) -> str:
        shown = format_clock(self.timer.remaining()) if self.timer.running else "--:--"
        return f'<div style="font-size:48px;font-weight:bold;font-family:monospace">{shown}</div>'

    # --- results ------------------------------------------------------------------------

    def _results_card(self) -> widgets.Widget:
        self.counts = widgets.Label(value="")
        self.counts.add_class("cxkit-counts")
        self.proposals = widgets.VBox(layout=FULL)
        self.proposals.add_class("cxkit-proposals")
        self.ranking = widgets.HTML("")
        self.ranking.add_class("cxkit-ranking")
        self.ratings = widgets.HTML("")
        self.ratings.add_class("cxkit-ratings")
        self.words = widgets.HTML("")
        self.words.add_class("cxkit-words")
        self.merge_into = widgets.Dropdown(options=[("—", None)], description=self.tr("merge_into"))
        actions = widgets.HBox(
            [
                self._button("adopt", self.adopt_selected, style="success"),
                self._button("reject", self.reject_selected, style="danger"),
                self.merge_into,
                self._button("merge", self.merge_selected, style="warning"),
            ]
        )
        return widgets.VBox(
            [
                widgets.HTML(f"<h3>{esc(self.tr('results.title'))}</h3>"),
                self.counts,
                widgets.HTML(f"<h4>{esc(self.tr('proposals'))}</h4>"),
                self.proposals,
                actions,
                widgets.HTML(f"<h4>{esc(self.tr('ranking'))}</h4>"),
                self.ranking,
                widgets.HTML(f"<h4>{esc(self.tr('ratings'))}</h4>"),
                self.ratings,
                widgets.HTML(f"<h4>{esc(self.tr('words'))}</h4>"),
                self.words,
            ],
            layout=CARD,
        )

    def _proposals_now(self) -> list[Any]:
        """The workshop's pillar proposals still to decide (status new), oldest first."""
        workshop = self.workshop.value
        if not workshop:
            return []
        return [
            c
            for c in self.ws.contributions(self.engagement_id, workshop)
            if c.kind == "pillar-proposal" and c.status == "new"
        ]

    def refresh(self, force: bool = False) -> None:
        """Re-read the workshop's results; widgets change only when the results did."""
        with self._lock:
            workshop = self.workshop.value
            if self.timer.running:
                self.clock.value = self._clock_html()
            if not workshop:
                return
            self._show_room()  # the joined count follows the room
            agg = self.ws.aggregates(self.engagement_id, workshop)
            proposals = self._proposals_now()
            shown = (repr(agg), tuple((p.id, p.status) for p in proposals))
            if not force and shown == self._shown:
                return
            self._shown = shown
            self._show_proposals(proposals)
            self._show_aggregates(agg)

    def _show_proposals(self, proposals: Sequence[Any]) -> None:
        before = {ident for ident, box in self._proposal_boxes if box.value}
        rows = []
        self._proposal_boxes = []
        groups = group_proposals(proposals)
        for members in groups:
            first = members[0]
            box = widgets.Checkbox(
                value=first.id in before, indent=False, layout=widgets.Layout(width="2em")
            )
            self._proposal_boxes.append((first.id, box))
            for other in members[1:]:
                self._proposal_boxes.append((other.id, box))
            text = paragraph(str(first.text or ""))  # a long proposal wraps on the projector
            text.add_class("cxkit-proposal-text")
            count = widgets.Label(value=f"× {len(members)}" if len(members) > 1 else "")
            rows.append(widgets.HBox([box, text, count]))
        if not rows:
            rows.append(paragraph(self.tr("no_proposals")))
        self.proposals.children = rows
        options: list[tuple[str, str | None]] = [("—", None)]
        options += [(str(m[0].text or "")[:60], m[0].id) for m in groups]
        current = self.merge_into.value
        self.merge_into.options = options
        if current in {v for _, v in options}:
            self.merge_into.value = current

    def _show_aggregates(self, agg: Aggregates) -> None:
        parts = [f"{t(f'apps.kind.{k}', self.lang)}: {n}" for k, n in sorted(agg.counts.items())]
        head = self.tr("participants", count=agg.participants)
        self.counts.value = " · ".join([head, *parts]) if parts else self.tr("nothing_yet")
        self.ranking.value = _table(
            [self.tr("candidate"), self.tr("dots_col"), self.tr("voters")],
            [(v.label, v.dots, v.voters) for v in agg.votes],
        )
        self.ratings.value = _table(
            [self.tr("criterion"), self.tr("average"), self.tr("answers")],
            [(c, f"{r.mean:.1f}", r.n) for c, r in agg.ratings.items()],
        )
        self.words.value = " ".join(
            f'<span style="font-size:{min(14 + 3 * n, 40)}px;margin-right:10px">{esc(w)}</span>'
            for w, n in agg.words
        )

    # --- decisions ----------------------------------------------------------------------

    def selected(self) -> list[str]:
        """Ids of the proposals whose box is ticked (a group counts all its members)."""
        return [ident for ident, box in self._proposal_boxes if box.value]

    def adopt_selected(self) -> None:
        """Each ticked group adopted as one pillar, its duplicates merged into it (one transaction)."""
        groups = self._selected_groups()
        if not groups:
            self.status.value = self.tr("choose_first")
            return
        latest = self.ws.load(self.engagement_id).revision.number
        revision = self.ws.adopt_groups(self.engagement_id, groups, self.author, latest)
        self.status.value = self.tr("adopted", count=len(groups), revision=revision.number)
        self.refresh(force=True)

    def _selected_groups(self) -> list[list[str]]:
        """The ticked groups, each as its members' ids, its first (the one adopted) first."""
        groups: dict[int, list[str]] = {}
        for ident, box in self._proposal_boxes:
            if box.value:
                groups.setdefault(id(box), []).append(ident)
        return list(groups.values())

    def reject_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            self.status.value = self.tr("choose_first")
            return
        for ident in chosen:
            self.ws.decide(ident, "rejected", self.author)
        self.status.value = self.tr("rejected", count=len(chosen))
        self.refresh(force=True)

    def merge_selected(self) -> None:
        into = self.merge_into.value
        chosen = [i for i in self.selected() if i != into]
        if not into or not chosen:
            self.status.value = self.tr("choose_merge")
            return
        for ident in chosen:
            self.ws.decide(ident, "merged", self.author, into=into)
        self.status.value = self.tr("merged", count=len(chosen))
        self.refresh(force=True)

    # --- the live loop ------------------------------------------------------------------

    def _safe_refresh(self, force: bool = False) -> None:
        try:
            self.refresh(force=force)
        except Exception as exc:
            server_log().exception("live refresh failed")
            self._failed(exc)

    def start(self) -> LiveScreen:
        """Refresh every ``interval`` seconds in a daemon thread (the timer every second)."""
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
            if self.timer.running:
                with self._lock:
                    self.clock.value = self._clock_html()
            if time.monotonic() - last >= self.interval:
                last = time.monotonic()
                self._safe_refresh()


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    if not rows:
        return ""
    cells = "".join(f"<th style='text-align:left;padding:2px 8px'>{esc(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:2px 8px'>{esc(v)}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def live_page(
    engagement: str | None, *, workspace: Any = None, interval: float = 2.0
) -> widgets.Widget:
    """The live screen of an engagement (the only one in the workspace if not named), refreshing."""
    from cxkit.store import Workspace

    ws = workspace if workspace is not None else Workspace.open()
    if not engagement:
        known = ws.list_engagements()
        engagement = known[0].id if known else None
    if not engagement:
        return widgets.Label(value=t("apps.live.no_engagement", None))
    return LiveScreen(ws, engagement, interval=interval).start().widget
