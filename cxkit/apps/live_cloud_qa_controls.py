"""The facilitator's controls of the word cloud and the questions: the prompt, "answered".

The word cloud's prompt is the ``word`` activity's ``prompt`` option, kept in
the store (phones and the projected screen read it there; empty: the
catalog's default). The room's questions are listed as the screen shows
them, most supported first, each with one button: mark it answered (a
decision row, :func:`cxkit.store.questions.mark_answered`), or reopen it.
Opening, pausing, hiding and timing both activities is the activity panel's
(:mod:`cxkit.apps.live_activities`), as for every activity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.live_base import Controls, heading, row
from cxkit.i18n import t
from cxkit.store.questions import Question
from cxkit.store.word_cloud import PROMPT_LIMIT, word_prompt

MAX_LISTED = 20


class CloudQAPanel:
    """The word cloud's prompt, and the room's questions to mark answered."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.prompt = widgets.Text(
            placeholder=t("cloud.prompt.default", c.lang),
            description=c.tr("cloud.prompt"),
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.prompt.add_class("cxkit-cloud-prompt")
        self.rows = widgets.VBox(layout=FULL)
        self.rows.add_class("cxkit-qa")
        self._shown: tuple[Any, ...] | None = None
        self._prompt_of: str | None = None
        self.widget = widgets.VBox(
            [
                heading(c.tr("cloud.title")),
                self.prompt,
                row(c.button("cloud.apply", self.apply_prompt, "primary")),
                paragraph(c.tr("qa.help")),
                self.rows,
            ],
            layout=CARD,
        )

    def apply_prompt(self) -> None:
        """Keep the prompt in the store (the phones and the screen read it there)."""
        c = self.c
        if not c.workshop:
            return
        prompt = word_prompt({"prompt": (self.prompt.value or "")[:PROMPT_LIMIT]})
        options = {"prompt": prompt} if prompt else {}
        c.ws.set_activity(c.engagement_id, c.workshop, "word", options=options)
        self.prompt.value = prompt or ""
        c.say(c.tr("cloud.applied"))
        c.after_change()

    def _mark(self, ident: str, answered: bool) -> None:
        c = self.c
        c.ws.mark_answered(c.engagement_id, ident, c.author, answered)
        c.say(c.tr("qa.marked" if answered else "qa.reopened"))
        c.after_change()

    def _marker(self, ident: str, answered: bool) -> Callable[[], None]:
        return lambda: self._mark(ident, answered)

    def show(self, workshop: str, options: dict[str, Any], questions: Sequence[Question]) -> None:
        """The stored prompt (when the workshop changed) and the questions, redrawn if changed."""
        if self._prompt_of != workshop:
            self._prompt_of = workshop
            self.prompt.value = word_prompt(options.get("word", {})) or ""
        key = tuple((q.id, q.upvotes, q.answered) for q in questions)
        if key == self._shown:
            return
        self._shown = key
        rows: list[widgets.Widget] = []
        for q in questions[:MAX_LISTED]:
            count = self.c.count("qa.upvotes", q.upvotes)
            said = f"{count} · {self.c.tr('qa.answered')}" if q.answered else count
            text = paragraph(f"{said} — {q.text}")
            text.add_class("cxkit-qa-answered" if q.answered else "cxkit-qa-open")
            button = self.c.button(
                "qa.reopen" if q.answered else "qa.answer",
                self._marker(q.id, not q.answered),
                "" if q.answered else "success",
            )
            rows.append(widgets.HBox([button, text], layout=FULL))
        self.rows.children = rows or [paragraph(self.c.tr("qa.none"))]
