"""The phone's "Propose to the strategy" section, without a browser: names shown, numbers typed.

The section lists only the kinds the invitation opened; every choice is a
name (a pillar, a device, a stage, a channel, a segment), never an id; a
number is typed as a phone types it ("6,5") and its unit has its own
field; what is missing is said before anything is sent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from cxkit.apps.live import LiveScreen
from cxkit.apps.live_local import LocalState
from cxkit.apps.section_proposals import MethodProposals, typed_number
from cxkit.store import Workspace
from tests.apps.test_forms_logic import (
    ENGAGEMENT,
    buttons,
    form_for,
    shown,
    texts,
    workshop_of,
)

METHOD = (
    "kpi-proposal",
    "lead-proposal",
    "standard-proposal",
    "ritual-proposal",
    "posture-proposal",
)


def _walk(widget: Any) -> list[Any]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _walk(child)
    return found


def _areas(widget: Any) -> list[widgets.Textarea]:
    return [w for w in _walk(widget) if isinstance(w, widgets.Textarea)]


def _with_class(widget: Any, css: str) -> list[Any]:
    return [w for w in _walk(widget) if css in getattr(w, "_dom_classes", ())]


def _section(
    ws: Workspace, activities: tuple[str, ...] = METHOD
) -> tuple[Any, MethodProposals, Any]:
    form, session = form_for(ws, activities=activities)
    assert form.show("method")
    assert "cxkit-method" in form._sections["method"]._dom_classes
    section: MethodProposals = form.method
    return form, section, session


@pytest.mark.parametrize(
    ("typed", "value"),
    [("90", 90.0), ("6,5", 6.5), (" 1 000 ", 1000.0), ("-2.5", -2.5), ("1\u202f000,5", 1000.5)],
)
def test_a_number_is_read_as_a_phone_types_it(typed: str, value: float) -> None:
    assert typed_number(typed) == value


@pytest.mark.parametrize("typed", ["", "90 %", "deux", "1e999", "nan", "6,5,1", "--1"])
def test_what_is_not_a_number_is_not_read_as_one(typed: str) -> None:
    assert typed_number(typed) is None


def test_the_chooser_lists_only_the_opened_kinds_by_name(ws: Workspace) -> None:
    form, section, _ = _section(ws, ("kpi-proposal", "posture-proposal", "vote"))
    assert [label for label, _ in section.chooser.options] == ["Indicateur (KPI)", "Posture"]
    assert not section.show("lead-proposal")  # a forged choice builds nothing
    assert section.current == "kpi-proposal"
    selector = [value for _, value in form.selector.options]
    assert selector == ["method", "vote"]


def test_a_kpi_is_sent_with_its_pillar_by_name_and_a_typed_target(ws: Workspace) -> None:
    form, section, session = _section(ws)
    body = section.body
    assert "Cible (un nombre)" in " ".join(texts(body))
    (name,) = [w for w in _walk(body) if isinstance(w, widgets.Textarea)]
    (pillar,) = _with_class(body, "cxkit-pillar")
    assert [label for label, _ in pillar.options] == ["Fiable", "Proche", "Clair", "Engagé"]
    (unit,) = _with_class(body, "cxkit-unit")
    (target,) = _with_class(body, "cxkit-target")
    send = buttons(body, "Envoyer")[0]
    name.value = "Délai de réponse aux réclamations"
    send.click()
    assert "pilier" in shown(form.status) and session.mine() == []
    pillar.value = "fiable"
    unit.value = "jours"
    target.value = "2 jours"
    send.click()
    assert "un nombre" in shown(form.status) and session.mine() == []
    target.value = "2,5"
    send.click()
    assert shown(form.status) == "Merci, votre indicateur est enregistré."
    (sent,) = session.mine()
    assert (sent.kind, sent.text, sent.payload) == (
        "kpi-proposal",
        "Délai de réponse aux réclamations",
        {"pillar": "fiable", "unit": "jours", "target": 2.5},
    )
    assert not any(w.value for w in _walk(section.body) if isinstance(w, widgets.Textarea))


def test_a_lead_names_the_five_devices_and_sends_the_chosen_cell(ws: Workspace) -> None:
    form, section, session = _section(ws)
    section.chooser.value = "lead-proposal"
    (device,) = _with_class(section.body, "cxkit-device")
    assert [label for label, _ in device.options][2] == "Parcours clients"
    (pillar,) = _with_class(section.body, "cxkit-pillar")
    title = _areas(section.body)[0]
    title.value = "Suivi en temps réel"
    pillar.value, device.value = "proche", "journeys"
    buttons(section.body, "Envoyer")[0].click()
    (sent,) = session.mine()
    assert sent.payload == {"pillar": "proche", "device": "journeys"}
    assert "Piste d'action" in form.describe(sent) or "piste" in form.describe(sent)


def test_a_specific_standard_is_scoped_with_members_of_the_perimeter(ws: Workspace) -> None:
    form, section, session = _section(ws)
    section.chooser.value = "standard-proposal"
    body = section.body
    (where,) = _with_class(body, "cxkit-where")
    assert where.layout.display == "none"
    (scope,) = _with_class(body, "cxkit-scope")
    scope.value = "specific"
    assert where.layout.display == ""
    segments = _with_class(body, "cxkit-member-segments")
    assert [b.description for b in segments] == [
        "Jeunes actifs",
        "Familles",
        "Seniors",
        "Travailleurs indépendants",
    ]
    statement = _areas(body)[0]
    statement.value = "Décrocher en moins de 3 minutes"
    _with_class(body, "cxkit-indicator")[0].value = "Temps d'attente"
    _with_class(body, "cxkit-threshold")[0].value = "3"
    _with_class(body, "cxkit-unit")[0].value = "minutes"
    send = buttons(body, "Envoyer")[0]
    send.click()
    assert "choisissez au moins un canal" in shown(form.status) and session.mine() == []
    next(
        b for b in _with_class(body, "cxkit-member-channels") if b.description == "Téléphone"
    ).value = True
    segments[2].value = True
    send.click()
    (sent,) = session.mine()
    assert sent.payload == {
        "indicator": "Temps d'attente",
        "threshold": 3.0,
        "unit": "minutes",
        "scope": "specific",
        "channels": ["Téléphone"],
        "segments": ["seniors"],
    }


def test_a_ritual_picks_its_moment_among_the_journey_stages(ws: Workspace) -> None:
    _, section, session = _section(ws)
    section.chooser.value = "ritual-proposal"
    (moment,) = _with_class(section.body, "cxkit-moment")
    assert moment.options[0][0] == "Découverte"
    _areas(section.body)[0].value = "Café offert"
    moment.value = "Souscription"
    buttons(section.body, "Envoyer")[0].click()
    (sent,) = session.mine()
    assert (sent.text, sent.payload) == ("Café offert", {"moment": "Souscription"})


def test_a_closed_kind_writes_nothing_even_from_its_button(ws: Workspace) -> None:
    form, section, session = _section(ws, ("posture-proposal",))
    assert section.chooser.layout.display == "none"  # one kind: no chooser
    _areas(section.body)[0].value = "Curieux"
    button = buttons(section.body, "Envoyer")[0]
    ws.revoke(session.invitation_id)
    button.click()
    assert "lien" in shown(form.status)  # the friendly sentence of a revoked link
    assert ws.contributions(ENGAGEMENT) == []


# --- the facilitator's panel ---------------------------------------------------------------


def test_the_live_panel_adopts_a_kpi_and_a_lead_with_their_provenance(
    ws: Workspace, tmp_path: Path
) -> None:
    local = LocalState("test", tmp_path / "live.json")
    screen = LiveScreen(ws, ENGAGEMENT, forms_url="http://127.0.0.1:9/", interval=0.1, local=local)
    session = ws.participant(
        ws.invite(ENGAGEMENT, workshop_of(ws), activities=METHOD)[0].token or ""
    )
    kpi_payload = {"pillar": "fiable", "unit": "jours", "target": 2}
    kpi = session.submit("kpi-proposal", text="Délai de réponse", payload=kpi_payload).id
    twin = session.submit("kpi-proposal", text="délai de  réponse", payload=kpi_payload).id
    lead = session.submit(
        "lead-proposal", text="Suivi", payload={"pillar": "proche", "device": "journeys"}
    ).id
    session.submit("posture-proposal", text="Curieux")
    screen.refresh()
    panel = screen.method_panel
    lines = " ".join(texts(panel.rows)).replace("\u00a0", " ")
    assert "Délai de réponse — Fiable · cible 2 jours" in lines
    assert "Suivi — Proche · Parcours clients" in lines
    assert "fiable" not in lines.split() and "c-0" not in lines  # names, never ids
    assert panel.folded.get_title(0).endswith("(3)")  # three groups: the twin joins its KPI
    before = ws.load(ENGAGEMENT).revision.number
    buttons(screen.widget, "Adopter")[-1].click()
    assert "Cochez" in shown(screen.status)
    for ident, box in panel.boxes:
        if ident in (kpi, lead):
            box.value = True
    panel.names[lead].value = "Suivi du remboursement en temps réel"
    next(b for b in _walk(screen.widget) if "cxkit-method-adopt" in b._dom_classes).click()
    assert [r.number for r in ws.history(ENGAGEMENT)][-1] == before + 1
    e = ws.load(ENGAGEMENT).engagement
    (new_kpi,) = [k for k in e.strategy.kpis if k.provenance]
    (new_lead,) = [a for _, a in e.actions() if a.provenance]
    assert new_kpi.provenance and new_kpi.provenance.contributions == [kpi, twin]
    assert new_lead.title == "Suivi du remboursement en temps réel"
    assert "révision" in shown(screen.status)
    assert panel.folded.get_title(0).endswith("(1)")  # the posture is still to decide


def test_the_leads_form_follows_a_coverage_round_opened_while_it_is_shown(ws: Workspace) -> None:
    """A round opened, then closed, after the phone drew the lead's form: it is drawn again."""
    form, section, _ = _section(ws, activities=("lead-proposal",))
    assert section.current == "lead-proposal"
    assert _with_class(section.body, "cxkit-pillar") and not _with_class(section.body, "cxkit-cell")
    workshop = workshop_of(ws)
    ws.open_coverage_round(ENGAGEMENT, workshop, cells=[["engage", "offer"]])
    form.on_watch()  # the kernel's look, every few seconds
    (cell,) = _with_class(section.body, "cxkit-cell")
    assert [label for label, _ in cell.options] == ["Engagé × Offre de produits et de services"]
    ws.close_coverage_round(ENGAGEMENT, workshop)
    form.on_watch()
    assert _with_class(section.body, "cxkit-pillar") and not _with_class(section.body, "cxkit-cell")
