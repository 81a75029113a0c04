"""The phone's 2×2 matrix: each action lead placed on impact and ease with + and −, then sent.

One card per lead (its title, never its id; under its device's name), two
steppers from 1 to :data:`~cxkit.prioritisation.SCALE` (a thumb's + and −,
like the dots', see :mod:`cxkit.apps.phone`), and a line that says where
the lead now falls, with a small drawing of the four quadrants. The values
live in the kernel; the store checks them again when they are sent (the
lead one of the round's, each value whole and on the scale), and the thanks
come only once every placement sent is stored. Placing a lead again
replaces the previous placement (the store counts the latest); a page
opened again starts from the latest placements sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import BUTTON, FULL, WRAPS, lazy_layout, paragraph
from cxkit.apps.phone import DOT, STEP, t_count
from cxkit.i18n import label, t
from cxkit.prioritisation import SCALE, on_scale, quadrant, quadrant_name
from cxkit.safety import esc
from cxkit.store.placement import AXES, KIND, Lead, leads_of, offered

SHOWN = lazy_layout(width="11em", min_width="7em", flex="0 1 auto")
"""An axis's value between its − and +."""


def placed_line(impact: int, ease: int, lang: str) -> str:
    """ "impact 3 sur 4, facilité 2 sur 4 : Projets majeurs"."""
    where = quadrant_name(quadrant(impact, ease), lang)
    return t("matrix.phone.placed", lang, impact=impact, ease=ease, scale=SCALE, quadrant=where)


def mini_matrix(impact: int | None, ease: int | None) -> str:
    """The four quadrants, 44 px wide, with a dot where the lead stands (none until placed)."""
    dot = ""
    if impact is not None and ease is not None:
        x, y = (ease - 0.5) / SCALE * 44, 44 - (impact - 0.5) / SCALE * 44
        dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#0969da"/>'
    return (
        '<svg width="44" height="44" viewBox="0 0 44 44" aria-hidden="true" '
        'style="flex:none;margin-right:8px;vertical-align:middle">'
        '<rect x="0.5" y="0.5" width="43" height="43" fill="#f6f8fa" stroke="#8c959f"/>'
        '<path d="M22 0V44M0 22H44" stroke="#8c959f"/>'
        '<rect x="22" y="0.5" width="21.5" height="21.5" fill="#dafbe1"/>'
        f"{dot}</svg>"
    )


class PlacementSection:
    """The leads of the round, each with its two steppers; ``send`` appends the placed ones."""

    def __init__(self, form: Any) -> None:
        self.form = form  # the ParticipantForm: session, status line, send button
        self.lang: str = form.lang
        session = form._session
        options = session.live_state().activity(KIND).options
        self.leads: list[Lead] = offered(session.document(), options)
        self.values: dict[str, dict[str, int | None]] = {
            lead.id: dict.fromkeys(AXES) for lead in self.leads
        }
        for sent in session.mine():  # oldest first: a page opened again shows the latest
            fields = sent.payload or {}
            placed = all(on_scale(fields.get(a)) for a in AXES)
            if sent.kind == KIND and sent.target in self.values and placed:
                self.values[sent.target] = {a: int(fields[a]) for a in AXES}
        self._shown: dict[tuple[str, str], widgets.HTML] = {}
        self._heads: dict[str, widgets.HTML] = {}
        self._buttons: dict[tuple[str, str], tuple[widgets.Button, widgets.Button]] = {}
        self.widget = self._build()

    def _build(self) -> widgets.Widget:
        title = t("matrix.phone.title", self.lang)
        if not self.leads:
            return form_card(self.form, title, paragraph(t("matrix.phone.none", self.lang)))
        rows: list[widgets.Widget] = []
        device = None
        for lead in self.leads:
            if lead.device != device:
                device = lead.device
                heading = widgets.HTML(f"<h4>{esc(label('device', device, self.lang))}</h4>")
                heading.add_class("cxkit-place-device")
                rows.append(heading)
            rows.append(self._lead_row(lead))
        button = self.form._button("placement.send", self.send)
        button.add_class("cxkit-place-send")
        help_text = paragraph(t("matrix.phone.help", self.lang, scale=SCALE))
        return form_card(self.form, title, help_text, *rows, button)

    def _lead_row(self, lead: Lead) -> widgets.Widget:
        head = widgets.HTML("", layout=FULL)
        head.add_class("cxkit-place-head")
        self._heads[lead.id] = head
        steppers = [self._stepper(lead, axis) for axis in AXES]
        row = widgets.VBox([head, *steppers], layout=FULL)
        row.add_class("cxkit-dot-row")
        row.add_class("cxkit-place-row")
        self._refresh(lead.id)
        return row

    def _stepper(self, lead: Lead, axis: str) -> widgets.Widget:
        name = t(f"matrix.axis.{axis}", self.lang)
        buttons = []
        for text, step, key in (("−", -1, "less"), ("+", 1, "more")):
            tip = t(f"matrix.phone.{key}", self.lang, axis=name.lower(), title=lead.title)
            button = widgets.Button(description=text, tooltip=tip, layout=STEP(), style=BUTTON)
            button.add_class("cxkit-step")
            button.add_class(f"cxkit-place-{'minus' if step < 0 else 'plus'}")
            button.add_class(f"cxkit-place-{axis}")
            button.on_click(self._stepped(lead.id, axis, step))
            buttons.append(button)
        shown = widgets.HTML("", layout=SHOWN())
        shown.add_class("cxkit-given")
        shown.add_class(f"cxkit-place-value-{axis}")
        self._shown[lead.id, axis] = shown
        self._buttons[lead.id, axis] = (buttons[0], buttons[1])
        controls = widgets.HBox([buttons[0], shown, buttons[1]], layout=FULL)
        controls.add_class("cxkit-stepper")
        return controls

    def _stepped(self, ident: str, axis: str, step: int) -> Callable[[Any], None]:
        return lambda _: self.step(ident, axis, step)

    def step(self, ident: str, axis: str, step: int) -> None:
        """One step up or down an axis: from "to place" up to 1, never past the scale's ends."""
        if ident not in self.values or axis not in AXES or step not in (-1, 1):
            return
        now = self.values[ident][axis]
        wanted = (0 if now is None else now) + step
        if wanted > SCALE or (now is None and step < 0):
            return
        self.values[ident][axis] = wanted if wanted >= 1 else None
        self.form.say("")  # a new choice: the last acknowledgement is history
        self._refresh(ident)

    def _refresh(self, ident: str) -> None:
        lead = next(lead for lead in self.leads if lead.id == ident)
        impact, ease = (self.values[ident][a] for a in AXES)
        where = (
            placed_line(impact, ease, self.lang)
            if impact is not None and ease is not None
            else t("matrix.phone.unset", self.lang)
        )
        self._heads[ident].value = (
            f'<p class="cxkit-place-title" style="{WRAPS};font-weight:600;font-size:1.0625rem">'
            f"{esc(lead.title)}</p>"
            f'<p class="cxkit-place-where" style="{WRAPS};display:flex;align-items:center">'
            f"{mini_matrix(impact, ease)}<span>{esc(where)}</span></p>"
        )
        for axis in AXES:
            value = self.values[ident][axis]
            name = t(f"matrix.axis.{axis}", self.lang)
            if value is None:
                text, glyphs = t("matrix.phone.unset", self.lang), "○" * SCALE
            else:
                text = t("matrix.phone.value", self.lang, value=value, scale=SCALE)
                glyphs = DOT * value + "○" * (SCALE - value)
            self._shown[ident, axis].value = (
                f'<p class="cxkit-given-count" style="{WRAPS}"><b>{esc(name)}</b><br>'
                f'<span aria-hidden="true">{glyphs}</span> {esc(text)}</p>'
            )
            minus, plus = self._buttons[ident, axis]
            minus.disabled, plus.disabled = value is None, value == SCALE

    def placed(self) -> list[tuple[str, int, int]]:
        """(lead id, impact, ease) of the leads placed on both axes."""
        found = []
        for lead in self.leads:
            impact, ease = (self.values[lead.id][a] for a in AXES)
            if impact is not None and ease is not None:
                found.append((lead.id, impact, ease))
        return found

    def send(self) -> None:
        """Append each lead placed on both axes; thanks only once the store kept them all."""
        form = self.form
        if not form._still_open("placement"):
            return
        half = [
            lead.title
            for lead in self.leads
            if sum(self.values[lead.id][a] is None for a in AXES) == 1
        ]
        if half:
            form.say(t("matrix.phone.incomplete", self.lang, title=half[0]))
            return
        chosen = self.placed()
        if not chosen:
            form.say(t("matrix.phone.nothing", self.lang))
            return
        for ident, impact, ease in chosen:
            form._submit(KIND, target=ident, payload={"impact": impact, "ease": ease})
        form.say(t_count("matrix.phone.thanks", len(chosen), self.lang, count=len(chosen)))


def form_card(form: Any, title: str, *children: widgets.Widget) -> widgets.Widget:
    card: widgets.Widget = form._card(title, *children)
    card.add_class("cxkit-placement")
    return card


def placement_section(form: Any) -> widgets.Widget:
    """The section's widget, built the first time the participant opens the matrix."""
    return PlacementSection(form).widget


def describe_placement(contribution: Any, session: Any, names: dict[str, str], lang: str) -> str:
    """One of my placements in "what I sent": the lead's title and where I placed it."""
    key = f"lead:{contribution.target}"
    if key not in names:
        names.update({f"lead:{lead.id}": lead.title for lead in leads_of(session.document())})
    fields = contribution.payload or {}
    parts = [t(f"apps.kind.{KIND}", lang), names.get(key) or t("phone.vote.gone", lang)]
    if all(isinstance(fields.get(a), int | float) for a in AXES):
        parts.append(placed_line(int(fields["impact"]), int(fields["ease"]), lang))
    return " · ".join(parts)
