"""The restitution meeting: its name and date, the decisions asked, the next steps, and
each slide's message, which the consultant may replace.

Every message field shows, under it, the sentence cxkit computes from the data: an
empty field keeps it, a typed one replaces it in the deck.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from cxkit.ui.form import Form
from cxkit.ui.widgets import ListEditor, Spec
from cxkit.vocab import SLIDE_MESSAGES


class MeetingForm(Form):
    """The meeting the deck is for, and the deck's messages."""

    title_key = "form.meeting"

    def build(self) -> widgets.Widget:
        base = ("restitution",)
        meeting = self.fields(
            [
                Spec("meeting", "text", "meeting"),
                Spec("date", "date", "meeting_date"),
                Spec("decisions", "lines", "committee_decisions"),
            ],
            base,
        )
        self.steps = self.keep(
            ListEditor(
                self.session,
                ("restitution", "next_steps"),
                [
                    Spec("action", "text", "next_step"),
                    Spec("owner", "text", "owner"),
                    Spec("due", "date", "due"),
                ],
                title=lambda step: str(step.get("action", "")),
                new_item=lambda _doc: {"action": self.tr("new.next_step")},
                rows=4,
            )
        )
        messages = self.fields(
            [
                Spec(("messages", key), "text", f"message.{key}", hint=self._default(key))
                for key in SLIDE_MESSAGES
            ],
            base,
        )
        return widgets.VBox(
            [
                meeting,
                widgets.HTML(f"<h4>{self.tr('meeting.next_steps')}</h4>"),
                self.steps.box,
                widgets.HTML(f"<h4>{self.tr('meeting.messages')}</h4>"),
                widgets.HTML(f"<p>{self.tr('meeting.messages.help')}</p>"),
                messages,
            ]
        )

    def _default(self, key: str) -> Callable[[], str]:
        def computed() -> str:
            from cxkit.deck.context import Context  # the deck's rules, not python-pptx
            from cxkit.deck.messages import MESSAGE_RULES

            rule = MESSAGE_RULES.get(key)
            said = rule(Context(self.session.engagement, self.lang)) if rule else None
            return self.tr("meeting.default", message=said) if said else ""

        return computed
