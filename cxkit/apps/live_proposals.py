"""The facilitator's panel of the method's proposals: KPIs, action leads, standards, rituals, postures.

Folded under the pillar proposals on the controls page: one line per group
of identical proposals (same kind, same words, same fields), read in the
method's words (the pillar and device by name, the target with its unit,
the scope in members of the perimeter), a box to tick and the name the
object will have. "Adopt" makes each ticked group's typed object in one new
revision, with its provenance (:meth:`Workspace.adopt_method_proposals`);
"Set aside" rejects them. Everything participants typed is shown escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import CARD, FULL, paragraph
from cxkit.apps.live_adoption import reject_groups, ticked_groups
from cxkit.apps.live_base import Controls, row
from cxkit.i18n import label, t
from cxkit.store.proposals import SCOPE_LISTS, pillars
from cxkit.typography import format_number, nbsp, t_plural
from cxkit.vocab import METHOD_PROPOSALS


def method_groups(proposals: Sequence[Any]) -> list[list[Any]]:
    """Open proposals of the method's kinds that say the same thing, in the method's order.

    Same kind, same words (case and spacing aside) and same fields: two KPIs
    of one name for two pillars stay apart.
    """
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for p in proposals:
        if p.kind not in METHOD_PROPOSALS or p.status != "new":
            continue
        words = " ".join(str(p.text or "").casefold().split())
        fields = json.dumps(p.details or {}, sort_keys=True, ensure_ascii=False)
        groups.setdefault((p.kind, words, fields), []).append(p)
    order = {kind: n for n, kind in enumerate(METHOD_PROPOSALS)}
    return sorted(groups.values(), key=lambda g: order[g[0].kind])


def describe(p: Any, document: Mapping[str, Any], lang: str) -> str:
    """A proposal's fields in the method's words: names, numbers by locale, never an id."""
    f = p.details or {}
    names = pillars(document)
    segments = {
        str(s["id"]): str(s.get("name") or s["id"])
        for s in (document.get("environment") or {}).get("customer", {}).get("segments") or []
    }
    parts: list[str] = []
    if f.get("pillar"):
        parts.append(names.get(f["pillar"], f["pillar"]))
    if p.kind == "lead-proposal" and f.get("device"):
        parts.append(label("device", f["device"], lang))
    number = {"kpi-proposal": "target", "standard-proposal": "threshold"}.get(p.kind)
    if number and isinstance(f.get(number), int | float):
        value = format_number(f[number], lang)
        parts.append(t(f"proposals.live.{number}", lang, value=value, unit=f.get("unit", "")))
    if p.kind == "kpi-proposal" and isinstance(f.get("baseline"), int | float):
        parts.append(t("proposals.live.baseline", lang, value=format_number(f["baseline"], lang)))
    if f.get("indicator"):
        parts.append(str(f["indicator"]))
    if p.kind == "ritual-proposal" and f.get("moment"):
        parts.append(str(f["moment"]))
    members = [
        segments.get(m, m) if n == "segments" else m for n in SCOPE_LISTS for m in f.get(n) or []
    ]
    if f.get("scope") == "common":
        parts.append(t("proposals.live.common", lang))
    elif members:
        parts.append(", ".join(members))
    if f.get("description"):
        parts.append(str(f["description"]))
    return nbsp(" · ".join(x.strip() for x in parts if x and x.strip()), lang)


class MethodProposalsPanel:
    """The open proposals of the method's kinds, one line per group, folded until needed."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.rows = widgets.VBox(layout=FULL)
        self.rows.add_class("cxkit-method-proposals")
        self.boxes: list[tuple[str, widgets.Checkbox]] = []
        """(proposal id, its group's box): a group's members share one box, its first first."""
        self.names: dict[str, widgets.Text] = {}
        """First proposal's id -> the name field of the object its group becomes."""
        adopt = c.button("adopt", self.adopt, "success", css="cxkit-method-adopt")
        reject = c.button("reject", self.reject, "danger", css="cxkit-method-reject")
        for button, key in ((adopt, "adopt"), (reject, "reject")):
            button.description = button.tooltip = self.tr(key)  # this panel's words
        body = widgets.VBox(
            [paragraph(self.tr("help")), self.rows, row(adopt, reject)], layout=FULL
        )
        self.folded = widgets.Accordion(
            children=[body], titles=(self.tr("title"),), selected_index=None, layout=FULL
        )
        self.folded.add_class("cxkit-folded")
        self.widget = widgets.VBox([self.folded], layout=CARD)
        self.widget.add_class("cxkit-method-panel")

    def tr(self, key: str, /, **params: Any) -> str:
        return nbsp(t(f"proposals.live.{key}", self.c.lang, **params), self.c.lang)

    def count(self, key: str, n: int, /, **params: Any) -> str:
        lang = self.c.lang
        return nbsp(t_plural(f"proposals.live.{key}", n, lang, **params), lang)

    def show(self, proposals: Sequence[Any], document: Mapping[str, Any]) -> None:
        """One line per group; ticks and typed names survive a redraw; the title says how many."""
        ticked = {ident for ident, box in self.boxes if box.value}
        typed = {ident: field.value for ident, field in self.names.items()}
        self.boxes, self.names, rows = [], {}, []
        groups = method_groups(proposals)
        for members in groups:
            rows.append(self._line(members, ticked, typed, document))
        self.rows.children = rows or [paragraph(self.tr("none"))]
        title = f"{self.tr('title')} ({format_number(len(groups), self.c.lang)})"
        if self.folded.get_title(0) != title:
            self.folded.set_title(0, title)

    def _line(
        self,
        members: list[Any],
        ticked: set[str],
        typed: dict[str, str],
        document: Mapping[str, Any],
    ) -> widgets.Widget:
        first = members[0]
        box = widgets.Checkbox(
            value=first.id in ticked, indent=False, layout=widgets.Layout(width="2em")
        )
        self.boxes += [(m.id, box) for m in members]
        kind = paragraph(self.c.kind(first.kind))
        kind.add_class("cxkit-method-kind")
        details = describe(first, document, self.c.lang)
        text = paragraph(" — ".join(x for x in (str(first.text or ""), details) if x))
        text.add_class("cxkit-method-text")
        name = widgets.Text(
            value=typed.get(first.id) or str(first.text or ""),
            description=self.tr("name"),
            layout=widgets.Layout(width="28em", max_width="100%"),
        )
        name.add_class("cxkit-method-name")
        self.names[first.id] = name
        more = self.c.count("duplicates", len(members)) if len(members) > 1 else ""
        line = widgets.HBox(
            [box, widgets.VBox([kind, text], layout=FULL), widgets.Label(more)], layout=FULL
        )
        return widgets.VBox([line, name], layout=widgets.Layout(margin="0 0 8px 0"))

    def groups(self) -> list[list[str]]:
        return ticked_groups(self.boxes)

    def adopt(self) -> None:
        c = self.c
        groups = self.groups()
        if not groups:
            c.say(self.tr("choose_first"))
            return
        names = {g[0]: self.names[g[0]].value for g in groups if g[0] in self.names}
        latest = c.ws.load(c.engagement_id).revision.number
        revision = c.ws.adopt_method_proposals(
            c.engagement_id, groups, c.author, latest, names=names
        )
        c.say(self.count("adopted", len(groups), revision=revision.number))
        c.after_change()

    def reject(self) -> None:
        reject_groups(self.c, self.groups(), self.tr, self.count)
