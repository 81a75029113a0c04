"""The phone's word cloud and questions: a word to send, a question to ask, "+1" to give.

A mixin of :class:`cxkit.apps.participant.ParticipantForm`, like
:mod:`cxkit.apps.sections`. The store holds the rules (three words per
person, each once; one "+1" per question, never on one's own, only on a
question the room can see: :mod:`cxkit.store.word_cloud`,
:mod:`cxkit.store.questions`); this section shows what they leave to do and
says the store's refusal in the participant's words when a tap breaks one.
A question's "+1" button holds its id in the kernel only: the phone shows
texts and counts, never an id. Upvoting has no tab of its own: it is the
questions' tab (``upvote`` is opened with ``question``).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import BUTTON, FULL, WRAPS, lazy_layout, paragraph
from cxkit.apps.form_host import FormHost
from cxkit.apps.phone import t_count
from cxkit.i18n import t
from cxkit.safety import esc, guarded

CLOUD_QA_KINDS = ("word", "question", "upvote")
"""The kinds this section describes in "what I sent"."""
MAX_LISTED = 30
"""Questions listed on a phone (the most supported first)."""
PLUS = lazy_layout(width="5.5rem", min_width="5.5rem", height="3rem", margin="0")
"""A "+1" button: a thumb's size, beside its question."""
ROW = lazy_layout(width="100%", border_bottom="1px solid #d0d7de", padding="4px 0 8px 0")
"""One question of the list, set apart from the next."""


class CloudQASections(FormHost):
    """The word cloud's and the questions' sections; the form provides the members declared here."""

    def refresh_mine(self) -> None:
        raise NotImplementedError

    def _c(self, key: str, /, **params: Any) -> str:
        return t(f"cloud.phone.{key}", self.lang, **params)

    # --- the word cloud ------------------------------------------------------------------

    def _word_section(self) -> widgets.Widget:
        area, count = self._textarea("word", "word", self._c("word.placeholder"))
        area.rows = 2
        area.add_class("cxkit-word")
        self._word_area = area
        self._words_left = paragraph("")
        self._words_left.add_class("cxkit-words-left")
        self._word_button = self._button("send", self._send_word)
        self._word_button.description = self._c("word.send")
        self._word_button.add_class("cxkit-word-send")
        self._prompt = widgets.HTML("", layout=FULL)
        self._prompt.add_class("cxkit-prompt")
        self._update_words_left()
        return self._card(
            self._c("word.title"),
            self._prompt,
            paragraph(self._c("word.help")),
            area,
            count,
            self._words_left,
            self._word_button,
        )

    def _update_words_left(self) -> None:
        """The facilitator's prompt (it may have changed) and the words one may still send."""
        from cxkit.store.word_cloud import WORDS_PER_PARTICIPANT, word_prompt

        options = self._session.live_state().activity("word").options
        prompt = word_prompt(options) or t("cloud.prompt.default", self.lang)
        self._prompt.value = (
            f'<p style="{WRAPS};font-weight:bold;font-size:1.2rem">{esc(prompt)}</p>'
        )
        sent = sum(1 for c in self._session.mine() if c.kind == "word")
        left = max(WORDS_PER_PARTICIPANT - sent, 0)
        paragraph(
            t_count("cloud.phone.word.left", left, self.lang, left=left), into=self._words_left
        )

    def _send_word(self) -> None:
        if not self._still_open("word"):
            return
        text = (self._word_area.value or "").strip()
        if not text:
            self.say(self.tr("empty"))
            return
        if not self._fits("word", text):
            return
        try:
            sent = self._submit("word", text=text)
        finally:
            self._update_words_left()
        self._word_area.value = ""
        self.say(self._c("word.pending" if sent.moderation == "pending" else "word.thanks"))

    # --- questions and their "+1" --------------------------------------------------------

    def _question_section(self) -> widgets.Widget:
        area, count = self._textarea("question", "question", self._c("question.placeholder"))
        area.add_class("cxkit-ask")
        self._question_area = area
        send = self._button("send", self._send_question)
        send.description = self._c("question.send")
        send.add_class("cxkit-question-send")
        self._board = widgets.VBox(layout=FULL)
        self._board.add_class("cxkit-board")
        refresh = widgets.Button(description=self._c("board.refresh"), layout=FULL, style=BUTTON)
        refresh.add_class("cxkit-board-refresh")
        refresh.on_click(guarded(self._failed)(lambda _: self._refresh_questions()))
        self._refresh_questions()
        ask = self._card(self._c("question.title"), area, count, send)
        board = self._card(
            self._c("board.title"), paragraph(self._c("board.help")), self._board, refresh
        )
        return widgets.VBox([ask, board], layout=FULL)

    def _send_question(self) -> None:
        if not self._still_open("question"):
            return
        text = (self._question_area.value or "").strip()
        if not text:
            self.say(self.tr("empty"))
            return
        if not self._fits("question", text):
            return
        sent = self._submit("question", text=text)
        self._question_area.value = ""
        self.say(self._c("question.pending" if sent.moderation == "pending" else "question.thanks"))
        self._refresh_questions()

    def _refresh_questions(self) -> None:
        """Re-read the room's questions from the store: texts, counts, what I can still "+1"."""
        if not self._session.live_state().activity("question").results_shown:
            self._board.children = [paragraph(self._c("board.hidden"))]
            return
        board = self._session.questions()
        self._names.update((q.id, q.text) for q in board)
        rows = [self._question_row(q) for q in board[:MAX_LISTED]]
        if len(board) > MAX_LISTED:
            more = len(board) - MAX_LISTED
            rows.append(paragraph(t_count("live.more", more, self.lang)))
        self._board.children = rows or [paragraph(self._c("board.none"))]

    def _question_row(self, q: Any) -> widgets.Widget:
        text = paragraph(q.text)
        text.add_class("cxkit-board-text")
        count = t_count("cloud.phone.board.upvotes", q.upvotes, self.lang, count=q.upvotes)
        if q.answered:
            count = f"{count} · {self._c('board.answered')}"
        elif q.mine:
            count = f"{count} · {self._c('board.mine')}"
        status = paragraph(count)
        status.add_class("cxkit-board-count")
        parts: list[widgets.Widget] = [status]
        if not (q.mine or q.answered):
            plus = widgets.Button(
                description=self._c("board.upvoted" if q.upvoted else "board.upvote"),
                tooltip=self._c("board.upvote.tip"),
                button_style="success" if q.upvoted else "primary",
                layout=PLUS(),
                style=BUTTON,
            )
            plus.add_class("cxkit-upvote")
            plus.add_class("cxkit-send")  # disabled by the page's script when offline
            ident = q.id  # kernel state: the button carries no id to the browser
            plus.on_click(guarded(self._failed)(lambda _: self._upvote(ident)))
            parts.insert(0, plus)
        line = widgets.HBox(parts, layout=widgets.Layout(width="100%", align_items="center"))
        row = widgets.VBox([text, line], layout=ROW())
        row.add_class("cxkit-board-row")
        return row

    def _upvote(self, ident: str) -> None:
        """One "+1"; the store refuses a second one (the form says why) and a hidden question."""
        self.say("")
        try:
            self._submit("upvote", target=ident)
        finally:
            self._refresh_questions()
        self.say(self._c("upvote.thanks"))
        self.refresh_mine()

    # --- what I sent ---------------------------------------------------------------------

    def _describe_cloud_qa(self, contribution: Any) -> str:
        """A word, a question or a "+1" in "what I sent": its text, or the question it supports."""
        label = self._c(f"mine.{contribution.kind}")
        if contribution.kind != "upvote":
            return f"{label} · {contribution.text or ''}"
        if contribution.target not in self._names:
            self._names.update((q.id, q.text) for q in self._session.questions())
        return f"{label} · {self._names.get(contribution.target) or self._c('mine.gone')}"
