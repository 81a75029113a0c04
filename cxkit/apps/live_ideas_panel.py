"""The facilitator's controls of private writing: the prompt, the reveal, and grouping.

Folded by default on the controls page. The prompt is the ``idea``
activity's option, checked by :func:`cxkit.store.ideas.idea_options` before
it is stored; it shows on every phone and on the projector. "Reveal" shows
every shown idea at once (the activity's results). Once revealed, the
ideas are listed here, each group's head first and its members beneath;
the facilitator ticks ideas and groups them under one head (stored as
decisions: each member merged into the head), or takes them out of their
group. Before the reveal no text is listed: the laptop may be seen by the
room too, and the moderation panel already shows what awaits approval.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import FULL, paragraph
from cxkit.apps.live_adoption import PillarAdoption
from cxkit.apps.live_base import Controls, row
from cxkit.apps.section_ideas import count_line
from cxkit.store.idea_board import KIND, IdeaBoard
from cxkit.store.ideas import idea_options

HEAD_LIMIT = 40
"""Characters of a head's text in the "group under" list."""


class IdeasPanel:
    """Prompt, reveal, group: one folded card, redrawn only when the board changed."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.adoption = PillarAdoption(c)
        self._shown: Any = None
        self.prompt = widgets.Text(
            placeholder=self.tr("prompt.placeholder"),
            description=self.tr("prompt"),
            layout=widgets.Layout(width="100%"),
        )
        self.prompt.add_class("cxkit-idea-prompt-field")
        self.state = paragraph("")
        self.state.add_class("cxkit-ideas-state")
        self.reveal = c.button("ideas.reveal", lambda: self._reveal(True), "success")
        self.conceal = c.button("ideas.conceal", lambda: self._reveal(False))
        self.items = widgets.VBox(layout=FULL)
        self.items.add_class("cxkit-ideas-list")
        self._boxes: list[tuple[str, widgets.Checkbox]] = []
        self.head = widgets.Dropdown(
            options=[("—", None)],
            description=self.tr("group.under"),
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        self.head.add_class("cxkit-ideas-head")
        body = widgets.VBox(
            [
                row(self.prompt, c.button("ideas.prompt.apply", self.apply_prompt, "primary")),
                self.state,
                row(self.reveal, self.conceal),
                self.items,
                row(
                    self.head,
                    c.button("ideas.group", self.group, "primary"),
                    c.button("ideas.ungroup", self.ungroup),
                ),
                row(c.button("ideas.adopt", self.adopt, "success")),
            ],
            layout=FULL,
        )
        self.widget = widgets.Accordion(
            children=[body], titles=(self.tr("title"),), selected_index=None, layout=FULL
        )
        self.widget.add_class("cxkit-folded")
        self.widget.add_class("cxkit-ideas-panel")

    def tr(self, key: str, /, **params: Any) -> str:
        return self.c.tr(f"ideas.{key}", **params)

    # --- actions --------------------------------------------------------------------------

    def apply_prompt(self) -> None:
        c = self.c
        if not c.workshop:
            return
        options = idea_options(self.prompt.value)
        c.ws.set_activity(c.engagement_id, c.workshop, KIND, options=options)
        c.say(self.tr("prompt.applied" if options else "prompt.cleared"))
        self.refresh(force=True)

    def _reveal(self, shown: bool) -> None:
        c = self.c
        if not c.workshop:
            return
        c.ws.set_activity(c.engagement_id, c.workshop, KIND, results_shown=shown)
        c.say(self.tr("revealed" if shown else "concealed"))
        c.after_change()
        self.refresh(force=True)

    def chosen(self) -> list[str]:
        return [ident for ident, box in self._boxes if box.value]

    def group(self) -> None:
        c = self.c
        head = self.head.value
        members = [i for i in self.chosen() if i != head]
        if not head or not members:
            c.say(self.tr("group.choose"))
            return
        c.ws.group_ideas(c.engagement_id, head, members, c.author)
        c.say(c.count("ideas.grouped", len(members)))
        self._untick()
        c.after_change()
        self.refresh(force=True)

    def ungroup(self) -> None:
        c = self.c
        chosen = self.chosen()
        if not chosen:
            c.say(self.tr("group.choose_ungroup"))
            return
        c.ws.ungroup_ideas(c.engagement_id, chosen, c.author)
        c.say(c.count("ideas.ungrouped", len(chosen)))
        self._untick()
        c.after_change()
        self.refresh(force=True)

    def adopt(self) -> None:
        """The ticked groups' first ideas become pillars (their quotes), one new revision."""
        c = self.c
        if not c.workshop:
            return
        ticked = set(self.chosen())
        board = c.ws.idea_board(c.engagement_id, c.workshop)
        groups = [
            [g.head.id, *(m.id for m in g.members)] for g in board.groups if g.head.id in ticked
        ]
        if not groups:
            c.say(self.tr("adopt.choose"))
            return
        if self.adoption.adopt(groups) is None:
            return  # the method's words on a fifth pillar first: a second click adopts
        c.say(c.count("ideas.adopted", len(groups)))
        self._untick()
        c.after_change()
        self.refresh(force=True)

    def _untick(self) -> None:
        for _, box in self._boxes:
            box.value = False

    # --- drawing --------------------------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Re-read the board (the page's loop calls this); redraw only what changed."""
        c = self.c
        if not c.workshop:
            return
        board = c.ws.idea_board(c.engagement_id, c.workshop)
        if not force and (c.workshop, board) == self._shown:
            return
        self._shown = (c.workshop, board)
        self.show(board)

    def show(self, board: IdeaBoard) -> None:
        c = self.c
        state = self.tr("state.revealed" if board.revealed else "state.private")
        paragraph(f"{count_line(board, c.lang)} {state}", into=self.state)
        self.reveal.layout.display = "none" if board.revealed else None
        self.conceal.layout.display = None if board.revealed else "none"
        if board.prompt and not self.prompt.value:
            self.prompt.value = board.prompt
        ticked = set(self.chosen())
        self._boxes, rows = [], []
        for group in board.groups if board.revealed else ():
            for n, idea in enumerate((group.head, *group.members)):
                box = widgets.Checkbox(
                    value=idea.id in ticked, indent=False, layout=widgets.Layout(width="2em")
                )
                self._boxes.append((idea.id, box))
                text = idea.text if n == 0 else f"↳ {idea.text}"
                line = paragraph(text)
                line.add_class("cxkit-idea-head" if n == 0 else "cxkit-idea-member")
                margin = "0" if n == 0 else "0 0 0 2em"
                rows.append(widgets.HBox([box, line], layout=widgets.Layout(margin=margin)))
        if not board.revealed:
            rows.append(paragraph(self.tr("private_list")))
        elif not rows:
            rows.append(paragraph(self.tr("none")))
        self.items.children = rows
        heads: list[tuple[str, str | None]] = [("—", None)]
        heads += [(_short(g.head.text), g.head.id) for g in board.groups]
        current = self.head.value
        self.head.options = heads
        if current in {v for _, v in heads}:
            self.head.value = current


def _short(text: str, limit: int = HEAD_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
