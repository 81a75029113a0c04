"""Private writing, then reveal, in a real Chromium: two phones, the controls page, the projector.

Two phones write alone; the projector shows only how many ideas were
written, and neither phone reads the other's; the facilitator reveals them
from the controls page's folded panel: both phones and the projector show
every idea at once. The facilitator groups two ideas under one; a phone gives
its dots to the ideas, named by their text on the phone and on the projector's
bars. Screenshots (375 px phone, 1280×720 projector) go to tests/artifacts/apps/.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cxkit.apps.servers import VoilaServer
from cxkit.model import Workshop
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, screenshot, widgets_ready
from tests.apps.test_browser import choose, fits_the_phone, give_dots
from tests.apps.test_live_screen import HD, LAPTOP, fits_the_projector, project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-idees"  # a workshop of its own: the other browser tests use the demo's
PROMPT = "Que faudrait-il changer en premier pour nos adhérents ?"
FIRST = "Rappeler chaque adhérent dans l'heure"
SECOND = "Suivre son dossier par SMS"
SAME = "Être rappelé vite par un conseiller"
REVEAL_MS = 30_000  # a phone's kernel re-reads the board every 3 s; generous under load


def own_workshop(ws: Workspace) -> None:
    """The demo engagement with one more workshop, for this test's ideas alone."""
    stored = ws.load(ENGAGEMENT)
    if any(w.id == WORKSHOP for w in stored.engagement.workshops):
        return
    engagement = stored.engagement.model_copy(deep=True)
    engagement.workshops.append(
        Workshop(id=WORKSHOP, title="Idées pour les adhérents", date=dt.date(2026, 11, 3))
    )
    ws.save(engagement, "test", stored.revision.number)


def write(phone: Any, text: str) -> None:
    area = phone.locator(".cxkit-idea textarea")
    area.fill(text)
    area.blur()  # continuous_update=False: synced on blur
    phone.locator("button.cxkit-idea-send").click()
    phone.locator(".cxkit-status").get_by_text("Merci, votre idée est enregistrée.").wait_for()
    phone.locator(".cxkit-mine").get_by_text(text).wait_for()


def test_two_phones_write_alone_the_facilitator_reveals_groups_and_a_phone_gives_dots(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    ws = Workspace.open(url=workspace_url)
    own_workshop(ws)
    first, second = ws.invite(ENGAGEMENT, WORKSHOP, count=2, dots=3, activities=("idea", "vote"))

    controls = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=LAPTOP
    )
    widgets_ready(controls, "Ouvrir le lien de la salle")
    controls.locator(".cxkit-workshop select").select_option(label="Idées pour les adhérents")
    controls.get_by_text("Idées écrites en privé").click()  # the folded panel
    controls.locator(".cxkit-idea-prompt-field input").fill(PROMPT)
    controls.locator(".cxkit-idea-prompt-field input").blur()
    controls.locator("button.cxkit-ideas-prompt-apply").click()
    controls.locator(".cxkit-live-status").get_by_text("Consigne enregistrée").wait_for()
    project(controls, "Idée")
    screen = controls.context.new_page()
    screen.set_viewport_size(HD)
    screen.goto(controls.locator("a.cxkit-screen-link").evaluate("(a) => a.href"))
    screen.locator(".cxkit-idea-number").get_by_text("0", exact=True).wait_for()

    phones = []
    for invitation in (first, second):
        phone = open_page(browser, forms.url(token=invitation.token or ""), viewport=PHONE)
        widgets_ready(phone, "Que faudrait-il changer en premier")
        phones.append(phone)
    one, two = phones
    assert one.locator(".cxkit-selector button").all_inner_texts() == ["Idées", "Voter"]
    write(one, FIRST)
    write(two, SECOND)
    write(two, SAME)

    # Before the reveal: the screen counts, each phone reads only its own ideas.
    screen.locator(".cxkit-idea-number").get_by_text("3", exact=True).wait_for()
    assert "idées écrites par 2 personnes" in screen.locator(".cxkit-idea-words").inner_text()
    shown = screen.locator(".cxkit-screen").inner_text()
    assert not any(text in shown for text in (FIRST, SECOND, SAME))
    assert PROMPT.split(" ?")[0] in shown  # the facilitator's prompt is the room's
    one.locator(".cxkit-idea-count").get_by_text("3 idées écrites par 2 personnes").wait_for()
    assert SECOND not in one.locator("body").inner_text()
    assert FIRST not in two.locator("body").inner_text()
    fits_the_phone(one, "ideas-phone-private")
    fits_the_projector(screen, "ideas-screen-private")

    # The facilitator reveals: all at once, on the projector and on both phones.
    controls.locator("button.cxkit-ideas-reveal").click()
    controls.locator(".cxkit-live-status").get_by_text("Idées révélées").wait_for()
    for text in (FIRST, SECOND, SAME):
        screen.locator(".cxkit-idea-card", has_text=text).wait_for()
        for phone in phones:
            phone.locator(".cxkit-idea-room").get_by_text(text).wait_for(timeout=REVEAL_MS)
    fits_the_phone(two, "ideas-phone-revealed")
    fits_the_projector(screen, "ideas-screen-revealed")

    # Grouping: the facilitator ticks one idea and groups it under another.
    controls.locator(".cxkit-ideas-list > div", has_text=SAME).locator("input").check()
    controls.locator(".cxkit-ideas-head select").select_option(label=FIRST)
    controls.locator("button.cxkit-ideas-group").click()
    controls.locator(".cxkit-live-status").get_by_text("1 idée regroupée.").wait_for()
    screen.locator(".cxkit-idea-card", has_text=FIRST).get_by_text("×2").wait_for()
    assert screen.locator(".cxkit-idea-card").count() == 2
    one.locator(".cxkit-idea-room").get_by_text(f"{FIRST} (2 idées)").wait_for(timeout=REVEAL_MS)
    fits_the_projector(screen, "ideas-screen-grouped")

    # Dots: the phone lists the revealed ideas (each group's head) by their text.
    choose(one, "Voter")
    one.get_by_text("Il vous reste 3 gommettes à donner sur 3").wait_for()
    one.get_by_text("Donner vos gommettes aux idées").wait_for()
    assert one.locator(".cxkit-candidate").all_inner_texts() == [FIRST, SECOND]
    give_dots(one, 0, 2)
    one.locator("button.cxkit-vote-send").click()
    one.get_by_text("Merci, vos 2 gommettes sont enregistrées.").wait_for()
    fits_the_phone(one, "ideas-phone-dots")
    project(controls, "Gommettes")
    bar = screen.locator(".cxkit-bar-row", has_text=FIRST)
    bar.get_by_text("2 gommettes").wait_for()
    fits_the_projector(screen, "ideas-screen-dots")
    votes = ws.aggregates(ENGAGEMENT, WORKSHOP).votes
    assert [(v.label, v.dots) for v in votes] == [(FIRST, 2)]
    screenshot(controls, "ideas-controls")
    for page in (*phones, controls):
        page.context.close()
