"""The phone's "Propose to the strategy" section: a KPI, an action lead, a standard, a ritual, a posture.

One activity of the selector, with a chooser of what to propose among the
kinds the facilitator opened (five tabs more would not fit a phone's
selector, and "what do I propose?" is the participant's own question).
Each kind's form asks what the method asks, in the participant's words:
choices by name (pillars, devices, journey stages, channels, offers,
segments: toggle buttons, never an id), numbers typed where a number is the
content (a target, a threshold), each beside its own unit field, and a
counter under every limited text. The form re-checks what it can before
sending; the store's rules (:mod:`cxkit.store.proposals`) are the authority.

Everything is read from the stored document as plain data, through the
session: a participant's kernel never builds the model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import FULL, paragraph
from cxkit.apps.phone import counter, text_length
from cxkit.i18n import label, t
from cxkit.store.proposals import DESCRIPTION_LIMIT, SCOPE_LISTS, UNIT_LIMIT, perimeter, pillars
from cxkit.typography import nbsp
from cxkit.vocab import DEVICE_KINDS, METHOD_PROPOSALS

SECTION = "method"
"""The form's section of the five kinds."""

STYLE = """<style>
.cxkit-method .cxkit-names > div{display:flex;flex-wrap:wrap;gap:6px;width:100%}
.cxkit-participant .cxkit-names .widget-toggle-button,
.cxkit-participant .cxkit-member{flex:1 1 100%;min-height:44px;height:auto;margin:0;
 white-space:normal;overflow:visible;text-align:left;font-size:1rem;line-height:1.3;
 padding:8px 12px;border:1px solid #0969da;border-radius:8px;background:#fff;color:#0969da}
.cxkit-participant .cxkit-names .widget-toggle-button.mod-active,
.cxkit-participant .cxkit-member.mod-active{background:#0969da;color:#fff}
.cxkit-method .cxkit-members{display:flex;flex-wrap:wrap;gap:6px}
.cxkit-method .cxkit-member{flex:1 1 40%}
.cxkit-method .cxkit-field p{font-weight:600;margin:12px 0 4px 0}
.cxkit-method input[type=text]{font-size:1rem;min-height:44px;box-sizing:border-box}
.cxkit-participant .cxkit-kind .widget-toggle-button{flex:1 1 auto;white-space:normal;
 overflow:visible;height:auto;line-height:1.3;padding:8px 12px}
</style>"""
"""The section's own look: names wrap on full-width buttons a thumb can hit (44 px and more)."""

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def typed_number(text: str) -> float | None:
    """A number as typed on a phone ("90", "6,5", "1 000", "-2.5"); None if it is not one."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text or "")
    if not _NUMBER.match(cleaned):
        return None
    value = float(cleaned.replace(",", "."))
    return value if math.isfinite(value) else None


def _noun(field: str, lang: str) -> str:
    """A field as a sentence names it ("cible"): the words of the store's refusals."""
    return t(f"proposals.field.{field}", lang)


class Members:
    """Toggle buttons, one per member of a list (a channel, a stage, a segment), several chosen."""

    def __init__(self, options: list[tuple[str, str]], css: str) -> None:
        self.buttons: list[tuple[str, widgets.ToggleButton]] = []
        for value, name in options:
            button = widgets.ToggleButton(value=False, description=name, tooltip=name)
            button.add_class("cxkit-member")
            button.add_class(css)
            self.buttons.append((value, button))
        self.widget = widgets.HBox([b for _, b in self.buttons], layout=FULL)
        self.widget.add_class("cxkit-members")

    def chosen(self) -> list[str]:
        return [value for value, button in self.buttons if button.value]

    def clear(self) -> None:
        for _, button in self.buttons:
            button.value = False


class MethodProposals:
    """The section: a chooser of what to propose, and the chosen kind's form below it."""

    def __init__(self, form: Any) -> None:
        self.form = form
        form.method = self  # the form keeps its section: the kinds' forms are built as chosen
        self.lang: str = form.lang
        document = form._session.document()  # plain data, re-read: pillars adopted since count
        self.pillars = list(pillars(document).items())
        self.perimeter = perimeter(document)
        segments = (document.get("environment") or {}).get("customer", {}).get("segments") or []
        self.segment_names = {str(s["id"]): str(s.get("name") or s["id"]) for s in segments}
        self.kinds = self.opened()
        self._built: dict[str, widgets.Widget] = {}
        self.chooser = widgets.ToggleButtons(
            options=[(self.tr(f"choose.{k}"), k) for k in self.kinds],
            value=self.kinds[0] if self.kinds else None,
            style={"button_width": "auto"},
            layout=widgets.Layout(width="100%", display="" if len(self.kinds) > 1 else "none"),
        )
        self.chooser.add_class("cxkit-scale")
        self.chooser.add_class("cxkit-kind")
        self.body = widgets.VBox(layout=FULL)
        if self.kinds:
            self.show(self.kinds[0])
        self.chooser.observe(self._chosen, names="value")
        self.widget = form._card(
            self.tr("title"),
            widgets.HTML(STYLE, layout=widgets.Layout(display="none")),  # applies, takes no room
            paragraph(self.tr("help")),
            self.chooser,
            self.body,
        )
        self.widget.add_class("cxkit-method")

    def tr(self, key: str, /, **params: Any) -> str:
        return nbsp(t(f"proposals.phone.{key}", self.lang, **params), self.lang)

    def opened(self) -> list[str]:
        """The method's kinds the invitation opened, in the method's order."""
        return [k for k in METHOD_PROPOSALS if k in self.form._session.activities]

    def _chosen(self, change: dict[str, Any]) -> None:
        self.form.say("")  # a message belongs to the kind it was said about
        if not self.show(change["new"]):
            self.chooser.value = self.current  # a forged value: back to what is shown

    def show(self, kind: object) -> bool:
        """Show ``kind``'s form (built once); False for a kind the invitation did not open."""
        if not isinstance(kind, str) or kind not in self.opened():
            self.form.say(self.form.tr("closed"))
            return False
        built = self._built.get(kind)
        if built is None:
            built = self._built[kind] = self._builders()[kind]()
        self.current = kind
        self.body.children = [built]
        return True

    def refresh(self) -> None:
        """A coverage round opened, changed or closed since the lead's form was drawn: draw it
        again with the cells it now offers (what was typed in the other kinds' forms stays)."""
        if "lead-proposal" not in self._built:
            return
        if self.form._session.lead_cells() == self._lead_cells:
            return
        del self._built["lead-proposal"]
        if self.current == "lead-proposal":
            self.show("lead-proposal")

    def _builders(self) -> dict[str, Callable[[], widgets.Widget]]:
        return {
            "kpi-proposal": self._kpi,
            "lead-proposal": self._lead,
            "standard-proposal": self._standard,
            "ritual-proposal": self._ritual,
            "posture-proposal": self._posture,
        }

    # --- controls ---------------------------------------------------------------------

    def _field(self, key: str, control: widgets.Widget) -> list[widgets.Widget]:
        """A control under its name (a wrapping paragraph, so a long name stays readable)."""
        name = paragraph(self.tr(f"field.{key}"))
        name.add_class("cxkit-field")
        return [name, control]

    def _names(self, options: list[tuple[str, str]], css: str) -> widgets.ToggleButtons:
        """One choice among names (a pillar, a device, a stage): none chosen at first."""
        choice = widgets.ToggleButtons(
            options=[(name, value) for value, name in options],
            value=None,
            tooltips=[name for _, name in options],
            style={"button_width": "auto"},
            layout=FULL,
        )
        choice.add_class("cxkit-names")
        choice.add_class(css)
        return choice

    def _some_pillar(self) -> widgets.Dropdown:
        """The pillar a standard or a ritual serves, if the participant names one."""
        none = (self.tr("pillar.none"), None)
        dropdown = widgets.Dropdown(
            options=[none, *((name, ident) for ident, name in self.pillars)], layout=FULL
        )
        dropdown.add_class("cxkit-some-pillar")
        return dropdown

    def _line(self, css: str, placeholder: str = "") -> widgets.Text:
        line = widgets.Text(placeholder=placeholder, continuous_update=False, layout=FULL)
        line.add_class(css)
        return line

    def _area(self, draft: str, limit: int, placeholder: str = "") -> list[widgets.Widget]:
        """A limited text with its counter (the page's script counts as one types)."""
        area = widgets.Textarea(
            placeholder=placeholder, continuous_update=False, rows=3, layout=FULL
        )
        area.add_class("cxkit-text")
        area.add_class(f"cxkit-draft-{draft}")
        area.add_class(f"cxkit-limit-{limit}")
        return [area, counter(limit, self.lang)]

    def _send(self, kind: str, collect: Callable[[], dict[str, Any] | None]) -> widgets.Button:
        """The kind's send button: ``collect`` says what is missing (and returns None) or the fields."""

        def send() -> None:
            if not self.form._still_open(SECTION) or kind not in self.opened():
                self.form.say(self.form.tr("closed"))
                return
            fields = collect()
            if fields is None:
                return
            self.form._submit(kind, **fields)
            self._reset(kind)
            self.form.say(self.tr(f"thanks.{kind}"))

        button = self.form._button("send", send)
        button.add_class(f"cxkit-send-{kind}")
        return button

    def _reset(self, kind: str) -> None:
        """Empty the kind's form once the store took it (rebuilt on the next showing)."""
        del self._built[kind]
        self.show(kind)

    def _name_of(self, area: widgets.Textarea, kind: str) -> str | None:
        text = (area.value or "").strip()
        if not text:
            self.form.say(self.tr("missing", field=_noun("name", self.lang)))
            return None
        return text if self.form._fits(kind, text) else None

    def _required(self, value: object, field: str) -> bool:
        if value in (None, "", []):
            self.form.say(self.tr("missing", field=_noun(field, self.lang)))
            return False
        return True

    def _number(self, line: widgets.Text, field: str, required: bool = True) -> float | bool | None:
        """The typed number; False (said why) when missing and required, or not a number."""
        text = (line.value or "").strip()
        if not text:
            if required:
                self.form.say(self.tr("missing", field=_noun(field, self.lang)))
                return False
            return None
        value = typed_number(text)
        if value is None:
            self.form.say(self.tr("not_number", field=_noun(field, self.lang), value=text[:20]))
            return False
        return value

    def _unit(self, line: widgets.Text) -> str | None:
        unit = " ".join((line.value or "").split())
        if not self._required(unit, "unit"):
            return None
        if text_length(unit) > UNIT_LIMIT:
            self.form.say(t("phone.too_long", self.lang, count=len(unit), limit=UNIT_LIMIT))
            return None
        return unit

    def _description(self, area: widgets.Textarea) -> str | None:
        """The optional description ("" if none); None (said why) when past its limit."""
        said = (area.value or "").strip()
        if text_length(said) <= DESCRIPTION_LIMIT:
            return said
        self.form.say(t("phone.too_long", self.lang, count=len(said), limit=DESCRIPTION_LIMIT))
        return None

    def _no_pillars(self) -> widgets.Widget | None:
        return None if self.pillars else paragraph(self.tr("no_pillars"))

    # --- the five forms ---------------------------------------------------------------

    def _kpi(self) -> widgets.Widget:
        kind = "kpi-proposal"
        name, name_count = self.form._textarea("kpi-name", kind, self.tr("kpi.placeholder"))
        pillar = self._names(self.pillars, "cxkit-pillar")
        unit = self._line("cxkit-unit", self.tr("unit.placeholder"))
        target = self._line("cxkit-number", self.tr("number.placeholder"))
        target.add_class("cxkit-target")
        baseline = self._line("cxkit-number", self.tr("number.placeholder"))
        baseline.add_class("cxkit-baseline")

        def collect() -> dict[str, Any] | None:
            text = self._name_of(name, kind)
            if text is None or not self._required(pillar.value, "pillar"):
                return None
            the_unit = self._unit(unit)
            if the_unit is None:
                return None
            aim = self._number(target, "target")
            today = self._number(baseline, "baseline", required=False)
            if aim is False or today is False:
                return None
            payload = {"pillar": pillar.value, "unit": the_unit, "target": aim}
            if today is not None:
                payload["baseline"] = today
            return {"text": text, "payload": payload}

        return widgets.VBox(
            [
                paragraph(self.tr("kpi.question")),
                *self._field("name", name),
                name_count,
                *self._field("pillar", self._no_pillars() or pillar),
                *self._field("unit", unit),
                *self._field("target", target),
                *self._field("baseline", baseline),
                self._send(kind, collect),
            ],
            layout=FULL,
        )

    def _cells(self) -> tuple[list[widgets.Widget], Callable[[], tuple[str, str] | None]]:
        """Where the lead goes: a pillar and a device, or, in a coverage round, one of its cells.

        The fields, and what reads the (pillar, device) chosen (None, said, if not chosen).
        """
        cells = self._lead_cells = self.form._session.lead_cells()
        if cells is not None:
            names = dict(self.pillars)
            offered = sorted(
                cells,
                key=lambda c: (
                    list(names).index(c[0]) if c[0] in names else 99,
                    DEVICE_KINDS.index(c[1]) if c[1] in DEVICE_KINDS else 9,
                ),
            )
            cell = self._names(
                [
                    (f"{p}|{d}", f"{names.get(p, p)} × {label('device', d, self.lang)}")
                    for p, d in offered
                ],
                "cxkit-cell",
            )

            def chosen_cell() -> tuple[str, str] | None:
                if not self._required(cell.value, "cell"):
                    return None
                p, d = str(cell.value).split("|", 1)
                return p, d

            intro = paragraph(nbsp(t("coverage.phone.your_cells", self.lang), self.lang))
            return [intro, *self._field("cell", cell)], chosen_cell
        pillar = self._names(self.pillars, "cxkit-pillar")
        devices = [(k, label("device", k, self.lang)) for k in DEVICE_KINDS]
        device = self._names(devices, "cxkit-device")

        def chosen() -> tuple[str, str] | None:
            if not self._required(pillar.value, "pillar"):
                return None
            if not self._required(device.value, "device"):
                return None
            return str(pillar.value), str(device.value)

        fields = [
            *self._field("pillar", self._no_pillars() or pillar),
            *self._field("device", device),
        ]
        return fields, chosen

    def _lead(self) -> widgets.Widget:
        kind = "lead-proposal"
        title, title_count = self.form._textarea("lead-title", kind, self.tr("lead.placeholder"))
        where, chosen = self._cells()
        description = self._area("lead-description", DESCRIPTION_LIMIT)

        def collect() -> dict[str, Any] | None:
            text = self._name_of(title, kind)
            if text is None:
                return None
            if self.form._session.lead_cells() != self._lead_cells:  # the round changed
                self.refresh()
                self.form.say(nbsp(t("coverage.phone.changed", self.lang), self.lang))
                return None
            cell = chosen()
            if cell is None:
                return None
            said = self._description(description[0])
            if said is None:
                return None
            payload = {"pillar": cell[0], "device": cell[1]}
            if said:
                payload["description"] = said
            return {"text": text, "payload": payload}

        return widgets.VBox(
            [
                paragraph(self.tr("lead.question")),
                *self._field("title", title),
                title_count,
                *where,
                *self._field("description", description[0]),
                description[1],
                self._send(kind, collect),
            ],
            layout=FULL,
        )

    def _standard(self) -> widgets.Widget:
        kind = "standard-proposal"
        statement, count = self.form._textarea("std-statement", kind, self.tr("std.placeholder"))
        indicator = self._line("cxkit-indicator", self.tr("indicator.placeholder"))
        threshold = self._line("cxkit-number", self.tr("number.placeholder"))
        threshold.add_class("cxkit-threshold")
        unit = self._line("cxkit-unit", self.tr("unit.placeholder"))
        scope = self._names(
            [("common", self.tr("scope.common")), ("specific", self.tr("scope.specific"))],
            "cxkit-scope",
        )
        lists = {
            name: Members(self._members_of(name), f"cxkit-member-{name}")
            for name in SCOPE_LISTS
            if self.perimeter[name]
        }
        where = widgets.VBox(
            [w for name, m in lists.items() for w in self._field(name, m.widget)],
            layout=widgets.Layout(width="100%", display="none"),
        )
        where.add_class("cxkit-where")

        def scoped(change: dict[str, Any]) -> None:
            where.layout.display = "" if change["new"] == "specific" else "none"

        scope.observe(scoped, names="value")
        pillar = self._some_pillar()

        def collect() -> dict[str, Any] | None:
            text = self._name_of(statement, kind)
            indicated = " ".join((indicator.value or "").split())
            if text is None or not self._required(indicated, "indicator"):
                return None
            level = self._number(threshold, "threshold")
            if level is False:
                return None
            the_unit = self._unit(unit)
            if the_unit is None or not self._required(scope.value, "scope"):
                return None
            payload: dict[str, Any] = {
                "indicator": indicated,
                "threshold": level,
                "unit": the_unit,
                "scope": scope.value,
            }
            if scope.value == "specific":
                chosen = {name: m.chosen() for name, m in lists.items() if m.chosen()}
                if not chosen:
                    self.form.say(self.tr("where.none"))
                    return None
                payload.update(chosen)
            if pillar.value:
                payload["pillar"] = pillar.value
            return {"text": text, "payload": payload}

        return widgets.VBox(
            [
                paragraph(self.tr("std.question")),
                *self._field("statement", statement),
                count,
                *self._field("indicator", indicator),
                *self._field("threshold", threshold),
                *self._field("unit", unit),
                *self._field("scope", scope),
                where,
                *self._field("some_pillar", pillar),
                self._send(kind, collect),
            ],
            layout=FULL,
        )

    def _members_of(self, name: str) -> list[tuple[str, str]]:
        """(value, name shown) of a perimeter list: a segment by its name, never its id."""
        if name == "segments":
            return [(s, self.segment_names.get(s, s)) for s in self.perimeter[name]]
        return [(m, m) for m in self.perimeter[name]]

    def _ritual(self) -> widgets.Widget:
        kind = "ritual-proposal"
        name, name_count = self.form._textarea("ritual-name", kind, self.tr("ritual.placeholder"))
        stages = self.perimeter["journey_stages"]
        moment = self._names([(s, s) for s in stages], "cxkit-moment")
        channels = Members(self._members_of("channels"), "cxkit-member-channels")
        pillar = self._some_pillar()

        def collect() -> dict[str, Any] | None:
            text = self._name_of(name, kind)
            if text is None or not self._required(moment.value, "moment"):
                return None
            payload: dict[str, Any] = {"moment": moment.value}
            if channels.chosen():
                payload["channels"] = channels.chosen()
            if pillar.value:
                payload["pillar"] = pillar.value
            return {"text": text, "payload": payload}

        if not stages:
            return widgets.VBox([paragraph(self.tr("no_stages"))], layout=FULL)
        shown_channels = self._field("channels", channels.widget) if channels.buttons else []
        return widgets.VBox(
            [
                paragraph(self.tr("ritual.question")),
                *self._field("ritual_name", name),
                name_count,
                *self._field("moment", moment),
                *shown_channels,
                *self._field("some_pillar", pillar),
                self._send(kind, collect),
            ],
            layout=FULL,
        )

    def _posture(self) -> widgets.Widget:
        kind = "posture-proposal"
        name, name_count = self.form._textarea("posture-name", kind, self.tr("posture.placeholder"))
        description = self._area("posture-description", DESCRIPTION_LIMIT)

        def collect() -> dict[str, Any] | None:
            text = self._name_of(name, kind)
            if text is None:
                return None
            said = self._description(description[0])
            if said is None:
                return None
            return {"text": text, "payload": {"description": said} if said else {}}

        return widgets.VBox(
            [
                paragraph(self.tr("posture.question")),
                *self._field("posture_name", name),
                name_count,
                *self._field("posture_description", description[0]),
                description[1],
                self._send(kind, collect),
            ],
            layout=FULL,
        )
