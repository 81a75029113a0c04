"""A whole workshop run from its agenda, in real pages: issue 14's story end to end.

The agenda (prepared in the store, as the workshops page saves it: its editor
has its own browser test) runs: private writing, the reveal, a group, the
dots, the ideas adopted as pillars; then a lead proposed and adopted (its
phone and panel paths have their own browser test), a 2×2 matrix on the
adopted leads, and "apply to the leads". The facilitator's moves are clicks on
the controls page, the participants' are taps on phones at 375 px; a coverage
round shows the projector's heat map and the phone only the round's cells. At the end
the latest revision holds the new pillar with its provenance and the leads'
priorities, and the deck's appendix shows how the room voted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cxkit.apps.servers import VoilaServer
from cxkit.deck import plan_deck
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, widgets_ready
from tests.apps.test_accessibility import copy_engagement
from tests.apps.test_agenda_browser import tap_until_on
from tests.apps.test_browser import choose, fits_the_phone, give_dots
from tests.apps.test_ideas_browser import REVEAL_MS, write
from tests.apps.test_live_screen import HD, LAPTOP, fits_the_projector
from tests.apps.test_matrix_browser import tap

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-seance"
PROMPT = "Que voudriez-vous que nos adhérents disent de nous ?"
FIRST = "Ils me rappellent toujours dans l'heure"
SAME = "On me rappelle vite"
OTHER = "Je comprends mes remboursements"
LEAD = "Un conseiller attitré pour chaque famille"
NB = "\u00a0"


def steps() -> list[dict[str, Any]]:
    return [
        {"activity": "idea", "title": "Écrire seul", "options": {"prompt": PROMPT}},
        {"activity": "vote", "title": "Gommettes"},
        {"activity": "lead-proposal", "title": "Pistes d'actions"},
        {"activity": "placement", "title": "Impact et facilité"},
    ]


def status(controls: Any, words: str) -> None:
    controls.locator(".cxkit-live-status").get_by_text(words).wait_for()


def test_a_workshop_run_from_its_agenda_ends_in_the_revision_and_the_deck(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    ws = Workspace.open(url=workspace_url)
    workshop = copy_engagement(ws, ENGAGEMENT, "fr")
    title = ws.load(ENGAGEMENT).engagement.workshops[0].title
    ws.set_agenda(ENGAGEMENT, workshop, steps())
    kinds = ("idea", "vote", "lead-proposal", "placement")
    one, two = ws.invite(ENGAGEMENT, workshop, count=2, dots=3, activities=kinds)

    controls = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=LAPTOP
    )
    widgets_ready(controls, "Démarrer l'agenda")
    controls.locator("button.cxkit-agenda-start").click()
    status(controls, f"Étape 1{NB}: Écrire seul")

    # Step 1: everyone writes alone.
    phones = []
    for invitation in (one, two):
        phone = open_page(browser, forms.url(token=invitation.token or ""), viewport=PHONE)
        widgets_ready(phone, "Que voudriez-vous que nos adhérents disent de nous")
        phones.append(phone)
    write(phones[0], FIRST)
    write(phones[1], SAME)
    write(phones[1], OTHER)
    assert FIRST not in phones[1].locator("body").inner_text()  # private until the reveal

    # The reveal, then a group, in the folded ideas panel.
    controls.get_by_text("Idées écrites en privé").click()
    controls.locator("button.cxkit-ideas-reveal").click()
    status(controls, "Idées révélées")
    phones[0].locator(".cxkit-idea-room").get_by_text(OTHER).wait_for(timeout=REVEAL_MS)
    controls.locator(".cxkit-ideas-list > div", has_text=SAME).locator("input").check()
    controls.locator(".cxkit-ideas-head select").select_option(label=FIRST)
    controls.locator("button.cxkit-ideas-group").click()
    status(controls, "1 idée regroupée.")

    # Step 2: the dots, on the ideas.
    controls.locator("button.cxkit-agenda-next").click()
    status(controls, f"Étape 2{NB}: Gommettes")
    thanks = ("Merci, vos 2 gommettes sont enregistrées.", "Merci, votre gommette est enregistrée.")
    for phone, dots, said in zip(phones, (2, 1), thanks, strict=True):
        choose(phone, "Voter")
        phone.get_by_text("Donner vos gommettes aux idées").wait_for()
        give_dots(phone, 0, dots)
        phone.locator("button.cxkit-vote-send").click()
        phone.locator(".cxkit-status").get_by_text(said).wait_for()
    assert [(v.label, v.dots) for v in ws.aggregates(ENGAGEMENT, workshop).votes] == [(FIRST, 3)]

    # The group with the most dots becomes a pillar: its sentence, the customers' words.
    controls.locator(".cxkit-ideas-list > div", has_text=FIRST).first.locator("input").check()
    controls.locator("button.cxkit-ideas-adopt").click()
    status(controls, "Cliquez à nouveau sur le même bouton")  # a fifth pillar: the method first
    assert len(ws.load(ENGAGEMENT).engagement.strategy.pillars) == 4
    controls.locator("button.cxkit-ideas-adopt").click()
    status(controls, "Une idée adoptée comme pilier")
    adopted = ws.load(ENGAGEMENT)
    (pillar,) = [p for p in adopted.engagement.strategy.pillars if p.customers_say == FIRST]
    assert pillar.provenance is not None and pillar.provenance.workshop == workshop
    assert len(pillar.provenance.contributions) == 2 and pillar.provenance.dots == 3

    # Step 3: a coverage round on the empty cells of the pillars × devices matrix; the
    # projector shows the heat map, the phone offers the round's cells only.
    screen = controls.context.new_page()
    screen.set_viewport_size(HD)
    screen.goto(controls.locator("a.cxkit-screen-link").evaluate("(a) => a.href"))
    controls.locator("button.cxkit-agenda-next").click()
    status(controls, f"Étape 3{NB}: Pistes d'actions")
    controls.get_by_text("Couverture des piliers par les dispositifs relationnels").click()
    controls.locator("button.cxkit-coverage-open").click()
    status(controls, "Tour ouvert sur")
    empty = ws.coverage(ENGAGEMENT, workshop).empty()
    assert (pillar.id, "distribution") in empty
    screen.locator(".cxkit-heat td.cxkit-round").nth(len(empty) - 1).wait_for()
    assert screen.locator(".cxkit-heat td.cxkit-round").count() == len(empty)
    phone = phones[0]
    tap_until_on(phone, "Proposer à la stratégie")  # (or there already: the kernel follows)
    phone.locator(".cxkit-cell button").nth(len(empty) - 1).wait_for()  # the round's cells
    assert phone.locator(".cxkit-cell button").count() == len(empty)
    area = phone.locator(".cxkit-draft-lead-title textarea")
    area.fill(LEAD)
    area.blur()
    cell = phone.locator(".cxkit-cell button", has_text=f"{pillar.name} × Modèle de distribution")
    cell.click()
    phone.locator(".cxkit-cell button.mod-active").wait_for()
    fits_the_phone(phone, "workshop-run-phone-cells")
    phone.locator("button.cxkit-send-lead-proposal").click()
    phone.get_by_text("Merci, votre piste d'action est enregistrée.").wait_for()
    screen.locator(".cxkit-heat td", has_text="dont 1 proposée").wait_for()
    fits_the_projector(screen, "workshop-run-coverage")
    (proposal,) = [c for c in ws.participant(one.token or "").mine() if c.kind == "lead-proposal"]
    assert proposal.payload == {"pillar": pillar.id, "device": "distribution"}
    base = ws.load(ENGAGEMENT).revision.number
    ws.adopt_method_proposals(ENGAGEMENT, [[proposal.id]], "test", base)
    (lead,) = [
        a for d in ws.load(ENGAGEMENT).engagement.devices for a in d.actions if a.title == LEAD
    ]
    assert lead.provenance is not None and lead.provenance.contributions == [proposal.id]

    # Step 4: the 2×2 matrix on the adopted leads; "apply" writes their priorities.
    controls.locator("button.cxkit-agenda-next").click()
    status(controls, f"Étape 4{NB}: Impact et facilité")
    ws.place_leads(ENGAGEMENT, workshop, [lead.id, "act-suivi"])
    tap_until_on(phone, "Matrice")
    phone.locator(".cxkit-place-row").nth(1).wait_for()
    tap(phone, 0, "impact", 4)
    tap(phone, 0, "ease", 4)
    tap(phone, 1, "impact", 1)
    tap(phone, 1, "ease", 1)
    phone.locator("button.cxkit-place-send").click()
    phone.get_by_text("Merci, vos 2 placements sont enregistrés.").wait_for()
    fits_the_phone(phone, "workshop-run-phone-matrix")
    panel = controls.locator(".cxkit-matrix-panel")
    panel.get_by_text("Matrice impact × facilité").first.click()
    panel.locator(".cxkit-matrix-plan").get_by_text("priorité haute").wait_for()
    panel.locator("button.cxkit-matrix-apply").click()
    status(controls, "révision")

    final = ws.load(ENGAGEMENT)
    actions = {a.id: a for d in final.engagement.devices for a in d.actions}
    assert (actions[lead.id].priority, actions[lead.id].horizon) == ("high", "court terme")
    assert actions["act-suivi"].priority == "low"
    assert actions[lead.id].provenance == lead.provenance  # kept through the priorities
    assert any(p.customers_say == FIRST and p.provenance for p in final.engagement.strategy.pillars)
    for page in (*phones, screen, controls):
        assert page.get_by_text("Traceback").count() == 0
    for page in (*phones, controls):  # the screen is a page of the controls' context
        page.context.close()

    # The deck's appendix: how the room voted, by name.
    engagement = ws.with_contributions(final.engagement)
    appendix = plan_deck(engagement, today=dt.date(2026, 11, 20)).slides_of("appendix")
    results = [s for s in appendix if s.label.startswith(f"Atelier «{NB}{title}{NB}»")]
    texts = " ".join(t for s in results for t in s.texts())
    assert FIRST in texts and LEAD in texts
    assert "c-0" not in texts  # names, never ids
