"""In a real Chromium: a phone proposes a KPI and an action lead; the facilitator adopts both.

The phone (375 px) chooses everything by name and types the target as a
number beside its unit; the facilitator's live page lists the proposals in
its folded panel, in the method's words, and one click adopts them: the new
revision holds the KPI and the lead (in its device), each with its provenance.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import PROJECTOR, open_page, screenshot, widgets_ready
from tests.apps.test_accessibility import copy_engagement
from tests.apps.test_browser import (
    choose,
    fits_the_phone,
    participant_form,
    selector_fits,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-propositions"
KPI = "Réclamations traitées en moins de 5 jours"
LEAD = "Un SMS à chaque étape du remboursement"
ADOPT_MS = 60_000  # the live page re-reads the workspace every 2 s; generous under load


def _fill(page: Any, selector: str, text: str) -> None:
    """Type into a field and leave it: continuous_update=False syncs on blur."""
    field = page.locator(selector)
    field.fill(text)
    field.blur()


def _pick(page: Any, css: str, name: str) -> None:
    page.locator(f".{css} button", has_text=name).click()
    page.locator(f".{css} button.mod-active", has_text=name).wait_for()


def test_a_phone_proposes_a_kpi_and_a_lead_and_the_facilitator_adopts_both(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    ws = Workspace.open(url=workspace_url)
    # An engagement of its own: another test's projection on the shared server cannot
    # change the workshop the live page opens on.
    workshop = copy_engagement(ws, ENGAGEMENT, "fr")
    kinds = ("pillar-proposal", "kpi-proposal", "lead-proposal", "standard-proposal")
    invitation = ws.invite(ENGAGEMENT, workshop, activities=kinds)[0]
    assert invitation.token
    phone = participant_form(browser, forms.url(token=invitation.token))
    choose(phone, "Proposer à la stratégie")
    phone.get_by_text("Quel indicateur dirait que le pilier est tenu").wait_for()
    selector_fits(phone, ".cxkit-kind button")
    selector_fits(phone, ".cxkit-pillar button")

    # A KPI: its name, its pillar by name, its unit, its target typed as a phone types it.
    _fill(phone, ".cxkit-draft-kpi-name textarea", KPI)
    phone.locator(".cxkit-counter").get_by_text(f"{len(KPI)} caractères sur 120").wait_for()
    _pick(phone, "cxkit-pillar", "Fiable")
    _fill(phone, ".cxkit-unit input", "%")
    _fill(phone, ".cxkit-target input", "90 %")
    phone.locator("button.cxkit-send-kpi-proposal").click()
    phone.locator(".cxkit-status").get_by_text("un nombre est attendu").wait_for()
    assert phone.locator(".cxkit-target input").get_attribute("inputmode") == "decimal"
    assert ws.participant(invitation.token).mine() == []  # said on the phone, nothing sent
    _fill(phone, ".cxkit-target input", "92,5")
    fits_the_phone(phone, "proposals-kpi")
    phone.locator("button.cxkit-send-kpi-proposal").click()
    phone.get_by_text("Merci, votre indicateur est enregistré.").wait_for()
    phone.locator(".cxkit-mine").get_by_text(KPI).wait_for()

    # An action lead in one cell of the matrix: a pillar and a relational device, by name.
    _pick(phone, "cxkit-kind", "Piste d'action")
    _fill(phone, ".cxkit-draft-lead-title textarea", LEAD)
    _pick(phone, "cxkit-pillar", "Proche")
    _pick(phone, "cxkit-device", "Parcours clients")
    fits_the_phone(phone, "proposals-lead")
    phone.locator("button.cxkit-send-lead-proposal").click()
    phone.get_by_text("Merci, votre piste d'action est enregistrée.").wait_for()
    phone.locator(".cxkit-mine").get_by_text(LEAD).wait_for()

    # The standard's form, scoped: the perimeter's members by name (a screenshot to look at).
    _pick(phone, "cxkit-kind", "Standard de service")
    _pick(phone, "cxkit-scope", "Là où je le précise")
    phone.locator(".cxkit-member-segments", has_text="Travailleurs indépendants").wait_for()
    fits_the_phone(phone, "proposals-standard")
    shown = phone.locator(".cxkit-participant").inner_text()
    for ident in ("fiable", "journeys", "independants", "kpi-proposal", "c-0"):
        assert ident not in shown.split(), ident  # a phone never shows an id
    mine = ws.participant(invitation.token).mine()
    assert [(c.kind, c.payload) for c in mine] == [
        ("kpi-proposal", {"pillar": "fiable", "unit": "%", "target": 92.5}),
        ("lead-proposal", {"pillar": "proche", "device": "journeys"}),
    ]

    # The facilitator unfolds the panel, ticks both and adopts them in one click.
    live = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=PROJECTOR
    )
    widgets_ready(live, "Propositions pour la stratégie")
    live.locator(".cxkit-method-panel").get_by_text("Propositions pour la stratégie").click()
    lines = live.locator(".cxkit-method-proposals .widget-hbox")
    for text in (KPI, LEAD):
        lines.filter(has_text=text).first.wait_for(timeout=ADOPT_MS)
    kpi_line = lines.filter(has_text=KPI).first
    assert "Fiable · cible 92,5" in kpi_line.inner_text().replace("\u00a0", " ")
    assert "Proche · Parcours clients" in lines.filter(has_text=LEAD).first.inner_text()
    before = ws.load(ENGAGEMENT).revision.number
    for text in (KPI, LEAD):
        lines.filter(has_text=text).first.locator("input[type=checkbox]").check()
    screenshot(live, "proposals-live-panel")
    live.locator("button.cxkit-method-adopt").click()
    live.locator(".cxkit-live-status").get_by_text("propositions adoptées").wait_for(
        timeout=ADOPT_MS
    )
    screenshot(live, "proposals-live-adopted")

    stored = ws.load(ENGAGEMENT)
    assert stored.revision.number == before + 1  # both in one new revision
    e = stored.engagement
    (kpi,) = [k for k in e.strategy.kpis if k.name == KPI]
    assert (kpi.pillars, kpi.unit, kpi.target) == (["fiable"], "%", 92.5)
    (device, lead) = next((d, a) for d, a in e.actions() if a.title == LEAD)
    assert (device.kind, lead.pillars) == ("journeys", ["proche"])
    for adopted, sent in ((kpi, mine[0]), (lead, mine[1])):
        assert adopted.provenance is not None
        assert adopted.provenance.workshop == workshop
        assert adopted.provenance.contributions == [sent.id]
    statuses = {c.id: c.status for c in ws.contributions(ENGAGEMENT)}
    assert [statuses[c.id] for c in mine] == ["adopted", "adopted"]
    phone.context.close()
    live.context.close()
