"""Phase 2 forms: ambition, pillars and their iterations, KPIs, action leads, referential, sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, get_args

import ipywidgets as widgets

from cxkit.checks import REGISTRY
from cxkit.i18n import label, t
from cxkit.model import Engagement
from cxkit.typography import format_date, t_plural
from cxkit.ui.form import Form
from cxkit.ui.references import (
    Choice,
    perimeter_segment_choices,
    pillar_change_place,
    pillar_choices,
    segment_choices,
    source_choices,
)
from cxkit.ui.session import EditSession, Loc
from cxkit.ui.texts import colon, esc, tr
from cxkit.ui.widgets import ListEditor, Spec, button, message_html, new_id, show_choose
from cxkit.vocab import (
    DEVICE_KINDS,
    AmbitionType,
    Direction,
    Orientation,
    PillarRole,
    StandardScope,
)

PILLARS: Loc = ("strategy", "pillars")


def _pillars(engagement: Engagement, _lang: str) -> list[Choice]:
    return pillar_choices(engagement)


PILLARS_SPEC = Spec("pillars", "refs", "pillars", choices=_pillars)


class AmbitionForm(Form):
    """The ambition: the sense and medium-term vision the pillars embody."""

    title_key = "form.ambition"

    def build(self) -> widgets.Widget:
        examples = "".join(
            f"<li><b>{esc(label('ambition', kind, self.lang))}</b>{colon(self.lang)}"
            f"{esc(self.tr(f'ambition.example.{kind}'))}</li>"
            for kind in get_args(AmbitionType)
        )
        return widgets.VBox(
            [
                self.fields(
                    [
                        Spec("statement", "textarea", "statement", rows=3),
                        Spec(
                            "type", "choice", "ambition_type", ("ambition", get_args(AmbitionType))
                        ),
                        Spec("horizon", "horizon", "horizon"),
                    ],
                    ("strategy", "ambition"),
                ),
                widgets.HTML(
                    f"<div style='font-size:90%'>{esc(self.tr('ambition.examples'))}<ul>{examples}</ul></div>"
                ),
            ]
        )


class PillarsForm(Form):
    """Pillars: "what we want customers to say about us", 3 or 4, fundamental or differentiating."""

    title_key = "form.pillars"

    def build(self) -> widgets.Widget:
        s = self.session
        self.pillars = self.keep(
            ListEditor(
                s,
                PILLARS,
                [
                    Spec("name", "text", "name"),
                    Spec("customers_say", "textarea", "customers_say", rows=2),
                    Spec("role", "choice", "role", ("role", get_args(PillarRole))),
                    Spec("rationale", "textarea", "rationale"),
                    Spec("sources", "refs", "sources", choices=source_choices),
                ],
                title=lambda p: f"{p.get('name', '')} — {p.get('customers_say', '') or ''}"[:90],
                new_item=lambda doc: {"id": new_id(doc, "pilier"), "name": self.tr("new.pillar")},
            )
        )
        return self.pillars.box


def iteration_prefixes() -> tuple[str, ...]:
    return tuple(tr("iteration.prefix", lang) for lang in ("fr", "en"))


class IterationsForm(Form):
    """Named iterations of the pillars (store revisions) and what changed between two."""

    title_key = "form.iterations"

    def build(self) -> widgets.Widget:
        self.name = widgets.Text(
            placeholder=self.tr("placeholder.iteration"), layout=widgets.Layout(width="24em")
        )
        self.message = widgets.HTML()
        save = button(
            self.tr("iteration.save"), self.save_iteration, self.lang, self._say, icon="bookmark"
        )
        wide = widgets.Layout(width="24em", max_width="100%")
        self.first = widgets.Dropdown(options=[], layout=wide)
        self.second = widgets.Dropdown(options=[], layout=wide)
        compare = button(self.tr("iteration.compare"), self.compare, self.lang, self._say)
        self.diff = widgets.HTML()
        return widgets.VBox(
            [
                widgets.HBox([self.name, save]),
                widgets.HBox([self.first, self.second, compare]),
                self.message,
                self.diff,
            ]
        )

    def _say(self, html: str) -> None:
        self.message.value = html

    def reload(self) -> None:
        super().reload()
        self.refresh()

    def iterations(self) -> list[Any]:
        """Every revision, newest first; named iterations are marked."""
        history = self.session.store.history(self.session.engagement.id)  # type: ignore[attr-defined]
        return list(reversed(history))

    def refresh(self) -> None:
        prefixes = iteration_prefixes()
        revisions = self.iterations()
        options = [
            (
                ("★ " if (r.summary or "").startswith(prefixes) else "")
                + t("forms.revision", self.lang, n=r.number, summary=r.summary or "")[:90],
                r.number,
            )
            for r in revisions
        ]
        self.first.options = options
        self.second.options = options
        named = [r.number for r in revisions if (r.summary or "").startswith(prefixes)]
        if len(options) >= 2:
            pair = named[:2] if len(named) >= 2 else [options[0][1], options[1][1]]
            self.first.value, self.second.value = pair[1], pair[0]
        show_choose(self.first)  # never a blank box
        show_choose(self.second)

    def save_iteration(self) -> None:
        """Name the current state (with what is pending) as an iteration: a revision of its own."""
        name = self.name.value.strip()
        if not name:
            self._say(message_html(self.tr("iteration.name_needed")))
            return
        status = self.session.flush(summary=self.tr("iteration.summary", name=name))
        self._say(message_html(status.message, ok=status.state == "saved"))
        if status.state == "saved":
            self.name.value = ""
            self.refresh()

    def compare(self) -> None:
        r1, r2 = self.first.value, self.second.value
        if r1 is None or r2 is None:
            return
        store, ident = self.session.store, self.session.engagement.id
        changes = [
            c
            for c in store.diff(ident, r1, r2)  # type: ignore[attr-defined]
            if c.path.startswith("strategy.pillars")
        ]
        if not changes:
            self.diff.value = esc(self.tr("iteration.no_change"))
            return
        newer = store.load(ident, max(r1, r2)).engagement
        older = store.load(ident, min(r1, r2)).engagement
        pillars = [p.name for p in newer.strategy.pillars]
        known = {
            value: text
            for e in (older, newer)
            for text, value in (*source_choices(e, self.lang), *pillar_choices(e))
        }
        rows = "".join(
            f"<tr><td>{esc(pillar_change_place(c.path, pillars, self.lang))}</td>"
            f"<td>{esc(self.tr(f'change.{c.kind}'))}</td>"
            f"<td>{esc(_show(c.old, known))}</td><td>{esc(_show(c.new, known))}</td></tr>"
            for c in changes
        )
        head = "".join(
            f"<th>{esc(self.tr(k))}</th>"
            for k in ("diff.path", "diff.kind", "diff.old", "diff.new")
        )
        self.diff.value = (
            f"<table class='cxkit-table' style='font-size:90%'><tr>{head}</tr>{rows}</table>"
        )


def _show(value: Any, known: dict[str, str]) -> str:
    """A changed value as words: a referenced id by its name, an item by its name."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("statement") or "…")
    if isinstance(value, list):
        return ", ".join(_show(v, known) for v in value)
    return known.get(str(value), str(value))


class KpisForm(Form):
    """KPIs: how the ambition and each pillar will be measured."""

    title_key = "form.kpis"

    def build(self) -> widgets.Widget:
        s = self.session
        self.kpis = self.keep(
            ListEditor(
                s,
                ("strategy", "kpis"),
                [
                    Spec("name", "text", "name"),
                    PILLARS_SPEC,
                    Spec("definition", "textarea", "definition", rows=2),
                    Spec("unit", "text", "unit"),
                    Spec("baseline", "number", "baseline"),
                    Spec("target", "number", "target"),
                    Spec("horizon", "horizon", "kpi_horizon"),
                    Spec("baseline_period", "horizon", "baseline_period"),
                    Spec("frequency", "text", "frequency"),
                    Spec("source", "text", "source"),
                ],
                title=lambda k: str(k.get("name", "")),
                new_item=lambda doc: {"id": new_id(doc, "kpi"), "name": self.tr("new.kpi")},
            )
        )
        return self.kpis.box


class DeviceActions(ListEditor):
    """The action leads of one relational device; adding the first creates the device."""

    def __init__(self, session: EditSession, kind: Callable[[], str], **kw: Any) -> None:
        self.kind = kind
        super().__init__(session, self.device_loc, **kw)

    def device_index(self) -> int | None:
        devices = self.session.get(("devices",), []) or []
        return next((i for i, d in enumerate(devices) if d.get("kind") == self.kind()), None)

    def device_loc(self) -> Loc:
        index = self.device_index()
        return ("devices", index if index is not None else 10**6, "actions")

    def add(self) -> None:
        if self.device_index() is not None:
            super().add()
            return
        item = self.new_item(self.session.doc())
        kind = self.kind()
        self._apply(
            lambda doc: doc.setdefault("devices", []).append({"kind": kind, "actions": [item]}), 0
        )


class ActionsForm(Form):
    """Action leads across the five relational devices, shown as a pillars x devices matrix."""

    title_key = "form.actions"

    def build(self) -> widgets.Widget:
        s = self.session
        options = [(label("device", k, self.lang), k) for k in DEVICE_KINDS]
        self.device = widgets.Dropdown(options=options, value=DEVICE_KINDS[0])
        self.actions = self.keep(
            DeviceActions(
                s,
                lambda: str(self.device.value),
                specs=[
                    Spec("title", "text", "action_title"),
                    PILLARS_SPEC,
                    Spec(
                        "priority",
                        "choice",
                        "action_priority",
                        ("priority", ("high", "medium", "low")),
                    ),
                    Spec("horizon", "horizon", "horizon"),
                    Spec("owner", "text", "owner"),
                    Spec("description", "textarea", "description", rows=2),
                ],
                title=lambda a: str(a.get("title", "")),
                new_item=lambda doc: {"id": new_id(doc, "action"), "title": self.tr("new.action")},
            )
        )
        self.device.observe(lambda _c: self.actions.reload(0), "value")
        self.matrix = widgets.HTML()
        s.on_change(lambda _status: self._redraw_if_changed())
        return widgets.VBox(
            [
                self.matrix,
                widgets.HBox([widgets.Label(self.tr("field.device")), self.device]),
                self.actions.box,
            ]
        )

    def reload(self) -> None:
        super().reload()
        self.draw()

    def draw(self) -> None:
        """The matrix: a row per pillar, a column per device, the leads' titles in the cells."""
        e = self.session.engagement
        cells: dict[tuple[str, str], list[str]] = {}
        for device, action in e.actions():
            for pillar in action.pillars or ["—"]:
                cells.setdefault((pillar, device.kind), []).append(action.title)
        head = "".join(
            f"<th style='padding:3px'>{esc(label('device', k, self.lang))}</th>"
            for k in DEVICE_KINDS
        )
        rows = []
        for pillar_id, name in [(p.id, p.name) for p in e.strategy.pillars] + [
            ("—", self.tr("matrix.no_pillar"))
        ]:
            tds = []
            for kind in DEVICE_KINDS:
                titles = cells.get((pillar_id, kind), [])
                shown = "<br>".join(f"• {esc(t)}" for t in titles[:4])
                if len(titles) > 4:
                    more = t_plural("forms.more", len(titles) - 4, self.lang)
                    shown += f"<br><i>{esc(more)}</i>"
                color = "#f3f8ee" if titles else "#fdf0f0"
                tds.append(
                    f"<td style='vertical-align:top;padding:3px;background:{color}'>{shown}</td>"
                )
            if pillar_id == "—" and not any(cells.get(("—", k)) for k in DEVICE_KINDS):
                continue
            rows.append(
                f"<tr><th style='text-align:left;padding:3px'>{esc(name)}</th>{''.join(tds)}</tr>"
            )
        self.matrix.value = f"<table style='border-collapse:collapse;font-size:85%'><tr><th></th>{head}</tr>{''.join(rows)}</table>"


class ReferentialForm(Form):
    """The CX referential: promise, perimeter, measurable standards, postures, rituals."""

    title_key = "form.referential"

    def build(self) -> widgets.Widget:
        s = self.session
        base = ("referential",)
        self.standards = self.keep(
            ListEditor(
                s,
                (*base, "standards"),
                [
                    Spec("statement", "textarea", "standard", rows=2),
                    PILLARS_SPEC,
                    Spec("indicator", "text", "indicator"),
                    Spec("threshold", "number", "threshold"),
                    Spec("unit", "text", "unit"),
                    Spec("direction", "choice", "direction", ("direction", get_args(Direction))),
                    Spec("scope", "choice", "scope", ("scope", get_args(StandardScope))),
                    Spec(("applies_to", "offers"), "lines", "applies_offers", rows=2),
                    Spec(("applies_to", "journey_stages"), "lines", "applies_stages", rows=2),
                    Spec(("applies_to", "channels"), "lines", "applies_channels", rows=2),
                    Spec(
                        ("applies_to", "segments"),
                        "refs",
                        "applies_segments",
                        choices=lambda e, _lang: perimeter_segment_choices(e),
                    ),
                ],
                title=self._standard_title,
                new_item=lambda doc: {
                    "id": new_id(doc, "standard"),
                    "statement": self.tr("new.standard"),
                },
            )
        )
        self.postures = self.keep(
            ListEditor(
                s,
                (*base, "postures"),
                [
                    Spec("name", "text", "name"),
                    Spec("description", "textarea", "description", rows=2),
                ],
                title=lambda p: str(p.get("name", "")),
                new_item=lambda doc: {"name": self.tr("new.posture")},
                rows=5,
            )
        )
        self.rituals = self.keep(
            ListEditor(
                s,
                (*base, "rituals"),
                [
                    Spec("name", "text", "name"),
                    Spec("description", "textarea", "description", rows=2),
                    Spec("moment", "text", "moment"),
                    Spec("channels", "tags", "channels"),
                    PILLARS_SPEC,
                ],
                title=lambda r: str(r.get("name", "")),
                new_item=lambda doc: {"id": new_id(doc, "rituel"), "name": self.tr("new.ritual")},
                rows=5,
            )
        )

        def h(key: str) -> widgets.HTML:
            return widgets.HTML(f"<h4>{esc(self.tr(key))}</h4>")

        return widgets.VBox(
            [
                self.fields(
                    [
                        Spec(
                            "orientation",
                            "choice",
                            "orientation",
                            ("orientation", get_args(Orientation)),
                        )
                    ],
                    base,
                ),
                h("part.promise"),
                self.fields(
                    [
                        Spec("statement", "textarea", "promise", rows=2),
                        Spec("components", "lines", "components"),
                    ],
                    (*base, "promise"),
                ),
                h("part.perimeter"),
                self.fields(
                    [
                        Spec("offers", "lines", "offers"),
                        Spec("journey_stages", "lines", "journey_stages"),
                        Spec("channels", "lines", "channels"),
                        Spec(
                            "segments",
                            "refs",
                            "segments",
                            choices=lambda e, _lang: segment_choices(e),
                        ),
                    ],
                    (*base, "perimeter"),
                ),
                h("part.standards"),
                self.standards.box,
                h("part.postures"),
                self.postures.box,
                h("part.rituals"),
                self.rituals.box,
            ]
        )

    def _standard_title(self, item: dict[str, Any]) -> str:
        """The standard and whether it is measurable (the CX401 health check says)."""
        statement = str(item.get("statement", ""))
        engagement = self.session.engagement
        if getattr(self, "_measured", (None,))[0] is not engagement:
            self._measured = (engagement, {path for path, _ in REGISTRY["CX401"].run(engagement)})
        unmeasurable = self._measured[1]
        index = next(
            (
                i
                for i, s in enumerate(self.session.engagement.referential.standards)
                if s.id == item.get("id")
            ),
            None,
        )
        mark = "⚠" if f"referential.standards[{index}]" in unmeasurable else "✓"
        return f"{mark} {statement}"[:90]


class SessionsForm(Form):
    """Workshop sessions: who came, what was decided."""

    title_key = "form.sessions"

    def build(self) -> widgets.Widget:
        self.sessions = self.keep(
            ListEditor(
                self.session,
                ("workshops",),
                [
                    Spec("title", "text", "workshop_title"),
                    Spec("date", "date", "date"),
                    Spec("participants", "lines", "participants", rows=4),
                    Spec("decisions", "lines", "decisions", rows=4),
                ],
                title=self._title,
                new_item=lambda doc: {
                    "id": new_id(doc, "atelier"),
                    "title": self.tr("new.workshop"),
                },
                rows=5,
            )
        )
        return self.sessions.box

    def _title(self, item: dict[str, Any]) -> str:
        """A workshop by its date as the page's language writes it, then its title."""
        when = item.get("date")
        try:
            day = format_date(dt.date.fromisoformat(str(when)), self.lang, style="short")
        except ValueError:
            day = str(when or "")
        return f"{day} {item.get('title', '')}".strip()
