"""The facilitator's 2×2 matrix controls, folded on the live page: which leads, and "apply".

Ticks choose the action leads the round places (every lead by default;
the store checks them, :meth:`Workspace.place_leads`). Below, what applying
would write, lead by lead, and the one click that writes it: each placed
lead's priority and horizon from its medians, as one new revision on the
revision just read (:meth:`Workspace.apply_priorities`). A revision saved
meanwhile by someone else is a conflict said in words; the would-be
revision is kept as a draft and the placements stay, so a second click
applies them on the newer revision.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import FULL, paragraph
from cxkit.apps.live_base import Controls, row
from cxkit.i18n import label
from cxkit.store.placement import KIND, chosen_ids, leads_of
from cxkit.typography import format_number, t_plural


class MatrixPanel:
    """The matrix round's leads (ticked) and its "apply to the leads", in a folded card."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.boxes: list[tuple[str, widgets.Checkbox]] = []
        self._listed: tuple[Any, ...] | None = None
        self._planned: tuple[str, ...] | None = None
        self.leads = widgets.VBox(layout=FULL)
        self.leads.add_class("cxkit-matrix-leads")
        self.plan = widgets.VBox(layout=FULL)
        self.plan.add_class("cxkit-matrix-plan")
        body = widgets.VBox(
            [
                paragraph(c.tr("matrix.help")),
                paragraph(c.tr("matrix.leads")),
                self.leads,
                row(c.button("matrix.set", self.set_leads)),
                self.plan,
                row(c.button("matrix.apply", self.apply, "success")),
            ],
            layout=FULL,
        )
        self.widget = widgets.Accordion(
            children=[body], titles=(c.tr("matrix.title"),), selected_index=None, layout=FULL
        )
        self.widget.add_class("cxkit-matrix-panel")
        self.widget.observe(lambda _: self._opened(), names="selected_index")

    @property
    def is_open(self) -> bool:
        return self.widget.selected_index is not None

    def _opened(self) -> None:
        try:
            with self.c.lock:
                self.show()
        except Exception as exc:  # a sentence on the page, never a traceback
            self.c.failed(exc)

    def show(self) -> None:
        """Redraw the leads (ticks kept) and the plan, from the store; nothing while folded."""
        c = self.c
        if not c.workshop or not self.is_open:
            return
        document = c.ws.document(c.engagement_id)
        options = c.ws.live_state(c.engagement_id, c.workshop).activity(KIND).options
        leads = leads_of(document)
        chosen = set(chosen_ids(options) or [lead.id for lead in leads])
        listed = (c.workshop, tuple((lead.id, lead.title) for lead in leads), tuple(sorted(chosen)))
        if listed != self._listed:
            self._listed = listed
            self.boxes, rows = [], []
            for lead in leads:
                box = widgets.Checkbox(
                    value=lead.id in chosen, indent=False, layout=widgets.Layout(width="2em")
                )
                self.boxes.append((lead.id, box))
                name = f"{lead.title} ({label('device', lead.device, c.lang)})"
                rows.append(widgets.HBox([box, paragraph(name)], layout=FULL))
            self.leads.children = rows or [paragraph(c.tr("matrix.plan.none"))]
        self._show_plan()

    def _show_plan(self) -> None:
        c = self.c
        lines = []
        for change in c.ws.plan_priorities(c.engagement_id, c.workshop):
            v = change.verdict
            line = c.tr(
                "matrix.plan",
                title=change.title,
                priority=label("priority", change.priority, c.lang),
                horizon=change.horizon,
                impact=format_number(v.impact, c.lang),
                ease=format_number(v.ease, c.lang),
                placements=t_plural("matrix.screen.placements", v.count, c.lang),
            )
            lines.append(line)
        if tuple(lines) == self._planned:
            return
        self._planned = tuple(lines)
        shown = [paragraph(line) for line in lines]
        for line in shown:
            line.add_class("cxkit-matrix-plan-line")
        self.plan.children = shown or [paragraph(c.tr("matrix.plan.none"))]

    def chosen(self) -> list[str]:
        return [ident for ident, box in self.boxes if box.value]

    def set_leads(self) -> None:
        """The ticked leads become the round's (the phones list them when they open the matrix)."""
        c = self.c
        if not c.workshop:
            return
        state = c.ws.place_leads(c.engagement_id, c.workshop, self.chosen())
        c.say(c.count("matrix.set.done", len(state.options.get("leads", []))))
        self.show()

    def apply(self) -> None:
        """Each placed lead's priority and horizon, as one new revision on the latest one."""
        c = self.c
        if not c.workshop:
            return
        latest = c.ws.load(c.engagement_id).revision.number
        revision = c.ws.apply_priorities(c.engagement_id, c.workshop, c.author, latest)
        if revision.number == latest:
            c.say(c.tr("matrix.unchanged", revision=revision.number))
        else:
            count = len(c.ws.plan_priorities(c.engagement_id, c.workshop))
            c.say(c.count("matrix.applied", count, revision=revision.number))
        c.after_change()
