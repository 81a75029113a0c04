"""The phone's idea section: write alone, then read the room's ideas once the facilitator reveals them.

A mixin of :class:`cxkit.apps.participant.ParticipantForm`, like
:mod:`cxkit.apps.sections`. Before the reveal the section shows the
facilitator's prompt, the text area and how many ideas the room wrote, never
a text of anyone else (the store hands the phone nothing else: see
:meth:`cxkit.store.session.ParticipantSession.ideas`); one's own ideas are
in "what I sent". Once revealed, the room's ideas, grouped, replace the
count. A small thread of the phone's kernel reads a cheap stamp of the
board every few seconds while the section is on screen, and the board when
the stamp changed, so a reveal reaches a phone that waits without a tap; it
writes nothing and stops with the kernel (or a link no longer valid).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import FULL, paragraph
from cxkit.apps.form_host import FormHost
from cxkit.apps.phone import t_count
from cxkit.errors import AccessDenied
from cxkit.i18n import t
from cxkit.safety import esc, server_log
from cxkit.store.idea_board import IdeaBoard, IdeaGroup
from cxkit.typography import nbsp

POLL_SECONDS = 3.0
"""How often a phone on the idea section re-reads the board (one small read)."""


def count_line(board: IdeaBoard, lang: str) -> str:
    """ "5 idées écrites par 3 personnes": all that is said of the room before the reveal."""
    written = t_count("ideas.count", board.written, lang)
    if not board.written:
        return nbsp(written, lang)
    return nbsp(f"{written} {t_count('ideas.writers', board.writers, lang)}", lang)


def group_line(group: IdeaGroup, lang: str) -> str:
    """A group as a phone reads it: the head's text, and how many ideas it gathers."""
    if group.size == 1:
        return group.head.text
    return f"{group.head.text} ({t_count('ideas.group.size', group.size, lang)})"


class IdeaSection(FormHost):
    """The idea section's builder, its send and its watch; the form provides the members below."""

    def _open(self) -> Sequence[str]:
        raise NotImplementedError

    def _revealed_ideas(self) -> list[tuple[str, str]]:
        """(id, text) of the room's ideas to give dots to, each group's head: once revealed,
        and only for an invitation that writes ideas (else the usual candidates)."""
        if "idea" not in self._open():
            return []
        board: IdeaBoard = self._session.ideas()
        return [(g.head.id, g.head.text) for g in board.groups] if board.revealed else []

    def _idea_section(self) -> widgets.Widget:
        lang = self.lang
        self._idea_lock = threading.Lock()
        self._idea_shown: tuple[Any, ...] | None = None
        self.idea_prompt = paragraph("")
        self.idea_prompt.add_class("cxkit-idea-prompt")
        area, count = self._textarea("idea", "idea", t("ideas.phone.placeholder", lang))
        self.idea_text = area
        self.idea_text.add_class("cxkit-idea")
        button = self._button("send", self._send_idea)
        button.description = t("ideas.phone.send", lang)
        button.add_class("cxkit-idea-send")
        self.idea_count = paragraph("")
        self.idea_count.add_class("cxkit-idea-count")
        self.idea_room = widgets.VBox(layout=FULL)
        self.idea_room.add_class("cxkit-idea-room")
        private = paragraph(nbsp(t("ideas.phone.private", lang), lang))
        private.add_class("cxkit-idea-private")
        card = self._card(
            t("ideas.phone.title", lang),
            self.idea_prompt,
            private,
            self.idea_text,
            count,
            button,
            self.idea_count,
            self.idea_room,
        )
        card.add_class("cxkit-idea-card")
        self.refresh_ideas()
        self._idea_stop = threading.Event()
        threading.Thread(target=self._watch_ideas, name="cxkit-ideas", daemon=True).start()
        return card

    def _send_idea(self) -> None:
        if not self._still_open("idea"):
            return
        text = (self.idea_text.value or "").strip()
        if not text:
            self.say(self.tr("empty"))
            return
        if not self._fits("idea", text):
            return
        stored = self._submit("idea", text=text)
        self.idea_text.value = ""
        key = (
            "ideas.phone.thanks.pending" if stored.moderation == "pending" else "ideas.phone.thanks"
        )
        self.say(nbsp(t(key, self.lang), self.lang))
        self.refresh_ideas()

    def refresh_ideas(self) -> None:
        """Re-read the board; redraw only what changed (a reveal, a new idea, a group)."""
        board: IdeaBoard = self._session.ideas()
        key = (board.prompt, board.revealed, board.written, board.writers, board.groups)
        with self._idea_lock:
            if key == self._idea_shown:
                return
            self._idea_shown = key
            prompt = board.prompt or t("ideas.phone.prompt.default", self.lang)
            paragraph(nbsp(prompt, self.lang), into=self.idea_prompt)
            paragraph(count_line(board, self.lang), into=self.idea_count)
            self.idea_room.children = self._room_rows(board)

    def _room_rows(self, board: IdeaBoard) -> list[widgets.Widget]:
        lang = self.lang
        if not board.revealed:
            waiting = paragraph(nbsp(t("ideas.phone.until_reveal", lang), lang))
            waiting.add_class("cxkit-idea-waiting")
            return [waiting]
        title = widgets.HTML(f"<h4>{esc(t('ideas.phone.revealed', lang))}</h4>", layout=FULL)
        rows: list[widgets.Widget] = [title]
        for group in board.groups:
            line = paragraph(group_line(group, lang))
            line.add_class("cxkit-idea-shown")
            rows.append(line)
        if not board.groups:
            rows.append(paragraph(nbsp(t("ideas.phone.none", lang), lang)))
        elif "vote" in self._open():
            hint = paragraph(nbsp(t("ideas.phone.vote_hint", lang), lang))
            hint.add_class("cxkit-idea-vote-hint")
            rows.append(hint)
        return rows

    def _watch_ideas(self) -> None:
        """While the section is on screen, follow the board (a reveal needs no tap)."""
        last = None
        while not self._idea_stop.wait(POLL_SECONDS):
            if self.current != "idea":
                continue
            try:
                stamp = self._session.ideas_stamp()
                if stamp != last:  # the board is read only when it may have changed
                    self.refresh_ideas()
                    last = stamp
            except AccessDenied:
                return  # the link no longer opens anything: nothing more to follow
            except Exception:  # a revoked link, an outage: the next tap says why
                server_log().debug("re-reading the ideas failed", exc_info=True)
