"""Proposals to decide: adopt as pillars (the method's way), merge, or set aside.

A proposal answers "what would you like our customers to say about us?":
adopted, its text becomes the pillar's customer quote and the pillar gets a
short name, suggested from the quote and editable here before adopting.
Beyond four pillars the method's warning is shown and a second click is
needed. Duplicates (same text) form one group adopted together, so their
votes stay with the one pillar (the store's ranking follows adoption).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.live_base import Controls, heading, row
from cxkit.store.adoption import suggest_pillar_name
from cxkit.store.aggregates import group_proposals


class PillarAdoption:
    """Groups adopted as pillars (pillar proposals or ideas), the method's words first.

    Beyond the method's four pillars, the first click says so; a second click
    on the same groups and names adopts anyway.
    """

    def __init__(self, c: Controls) -> None:
        self.c = c
        self._confirm: tuple[Any, ...] | None = None

    def adopt(self, groups: list[list[str]], names: dict[str, str] | None = None) -> Any:
        """The new revision, or None when the method's warning was said first."""
        c, names = self.c, names or {}
        plan = c.ws.plan_adoption(c.engagement_id, groups, names=names)
        key = (tuple(map(tuple, groups)), tuple(sorted(names.items())))
        if plan.beyond_method and self._confirm != key:
            self._confirm = key
            c.say(f"{plan.warning(c.lang)} {c.tr('adopt.again')}")
            return None
        self._confirm = None
        latest = c.ws.load(c.engagement_id).revision.number
        return c.ws.adopt_groups(c.engagement_id, groups, c.author, latest, names=names)


def reject_groups(
    c: Controls,
    groups: list[list[str]],
    tr: Callable[..., str],
    count: Callable[..., str],
) -> None:
    """Set the ticked groups' proposals aside, one decision each; ``tr``/``count`` word it."""
    chosen = [ident for group in groups for ident in group]
    if not chosen:
        c.say(tr("choose_first"))
        return
    for ident in chosen:
        c.ws.decide(ident, "rejected", c.author)
    c.say(count("rejected", len(chosen)))
    c.after_change()


class ProposalsPanel:
    """The workshop's open proposals, one line per group, with its name field."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.rows = widgets.VBox(layout=FULL)
        self.rows.add_class("cxkit-proposals")
        self.boxes: list[tuple[str, widgets.Checkbox]] = []
        """(proposal id, its group's box): a group's members share one box, its first first."""
        self.names: dict[str, widgets.Text] = {}
        """First proposal's id -> the pillar name field of its group."""
        self.adoption = PillarAdoption(c)
        self.merge_into = widgets.Dropdown(
            options=[("—", None)],
            description=c.tr("merge_into"),
            layout=widgets.Layout(width="auto"),
        )
        self.widget = widgets.VBox(
            [
                heading(c.tr("proposals.title")),
                paragraph(c.tr("proposals.help")),
                self.rows,
                row(
                    c.button("adopt", self.adopt, "success"),
                    c.button("reject", self.reject, "danger"),
                ),
                row(self.merge_into, c.button("merge", self.merge)),
            ],
            layout=CARD,
        )

    def show(self, proposals: Sequence[Any]) -> None:
        """One line per group of identical proposals; ticks and typed names survive a redraw."""
        ticked = {ident for ident, box in self.boxes if box.value}
        typed = {ident: field.value for ident, field in self.names.items()}
        self.boxes, self.names, rows = [], {}, []
        groups = group_proposals(proposals)
        for members in groups:
            first = members[0]
            box = widgets.Checkbox(
                value=first.id in ticked, indent=False, layout=widgets.Layout(width="2em")
            )
            self.boxes += [(m.id, box) for m in members]
            quote = str(first.text or "")
            text = paragraph(f"« {quote} »" if self.c.lang == "fr" else f"“{quote}”")
            text.add_class("cxkit-proposal-text")
            name = widgets.Text(
                value=typed.get(first.id) or suggest_pillar_name(quote),
                description=self.c.tr("name"),
                layout=widgets.Layout(width="22em", max_width="100%"),
            )
            name.add_class("cxkit-pillar-name")
            self.names[first.id] = name
            more = self.c.count("duplicates", len(members)) if len(members) > 1 else ""
            line = widgets.HBox([box, text, widgets.Label(more)], layout=FULL)
            rows.append(widgets.VBox([line, name], layout=widgets.Layout(margin="0 0 8px 0")))
        if not rows:
            rows.append(paragraph(self.c.tr("no_proposals")))
        self.rows.children = rows
        options: list[tuple[str, str | None]] = [("—", None)]
        options += [(_short(str(m[0].text or "")), m[0].id) for m in groups]
        current = self.merge_into.value
        self.merge_into.options = options
        if current in {v for _, v in options}:
            self.merge_into.value = current

    def groups(self) -> list[list[str]]:
        return ticked_groups(self.boxes)

    def adopt(self) -> None:
        c = self.c
        groups = self.groups()
        if not groups:
            c.say(c.tr("choose_first"))
            return
        names = {g[0]: self.names[g[0]].value for g in groups if g[0] in self.names}
        revision = self.adoption.adopt(groups, names)
        if revision is not None:
            c.say(c.count("adopted", len(groups), revision=revision.number))
            c.after_change()

    def reject(self) -> None:
        reject_groups(self.c, self.groups(), self.c.tr, self.c.count)

    def merge(self) -> None:
        c = self.c
        into = self.merge_into.value
        chosen = [i for g in self.groups() for i in g if i != into]
        if not into or not chosen:
            c.say(c.tr("choose_merge"))
            return
        for ident in chosen:
            c.ws.decide(ident, "merged", c.author, into=into)
        c.say(c.count("merged", len(chosen)))
        c.after_change()


def ticked_groups(boxes: Sequence[tuple[str, widgets.Checkbox]]) -> list[list[str]]:
    """The ticked groups, each as its members' ids, its first (the one adopted) first.

    ``boxes``: (proposal id, its group's box), a group's members sharing one box.
    """
    found: dict[int, list[str]] = {}
    for ident, box in boxes:
        if box.value:
            found.setdefault(id(box), []).append(ident)
    return list(found.values())


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
