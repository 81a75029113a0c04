"""An agenda prepared, run and followed in real pages: the consultant's form, the controls,
the projector and a phone, in a real headless Chromium on real Voilà servers.

The engagement is a copy of the demo of this test's own, so that opening and
pausing its activities couples no other browser test. Screenshots go to
tests/artifacts/apps/ (agenda-*) for a person to look at.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, screenshot, widgets_ready
from tests.apps.test_accessibility import copy_engagement
from tests.apps.test_browser import fits_the_phone
from tests.apps.test_live_screen import HD, LAPTOP, fits_the_projector

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-agenda"
FIRST = "Vos réactions au cadre"
SECOND = "Ce que nos clients diront"
TYPED = "Un mot pas encore envoyé"


def add_step(form: Any, activity: str, title: str, minutes: int, steps: str) -> None:
    """The consultant adds a step in the workshops page; the store says it is saved."""
    form.locator(".cxkit-agenda-activity select").select_option(label=activity)
    form.locator(".cxkit-agenda-title input").fill(title)
    minutes_box = form.locator(".cxkit-agenda-minutes input")
    minutes_box.fill(str(minutes))
    minutes_box.press("Tab")  # an IntText syncs when it is left
    form.locator("button.cxkit-agenda-add").click()
    form.locator(".cxkit-agenda-message").get_by_text(steps).wait_for()


def selected_tab(phone: Any) -> str:
    return str(phone.locator(".cxkit-selector button.mod-active").inner_text()).strip()


def tap_until_on(phone: Any, tab: str) -> None:
    """Tap the phone's page (not a field) until it shows ``tab``: a tap asks where the room is;
    the page asks at most every 3 s, so a tap too soon after another is answered by the next."""
    for _ in range(8):
        phone.locator(".cxkit-intro").click()
        try:
            phone.locator(".cxkit-selector button.mod-active", has_text=tab).wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the phone still shows {selected_tab(phone)!r}, not {tab!r}")


def test_an_agenda_prepared_then_run_with_next_and_the_phone_follows(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    ws = Workspace.open(url=workspace_url)
    workshop = copy_engagement(ws, ENGAGEMENT, "fr")
    ws.set_agenda(ENGAGEMENT, workshop, [])

    # Before the day: the consultant prepares two steps in the workshops page.
    form = open_page(
        browser,
        facilitator.notebook_url("workshops.ipynb", engagement=ENGAGEMENT),
        viewport={"width": 1440, "height": 900},
    )
    widgets_ready(form, "L'agenda de chaque atelier")
    form.locator(".cxkit-agenda-steps").wait_for()
    add_step(form, "Commentaire", FIRST, 3, "1 étape")
    add_step(form, "Proposition de pilier", SECOND, 5, "2 étapes, 8")
    steps = ws.agenda(ENGAGEMENT, workshop).steps
    assert [(s.activity, s.title, s.seconds) for s in steps] == [
        ("comment", FIRST, 180),
        ("pillar-proposal", SECOND, 300),
    ]
    form.locator(".cxkit-agenda-steps").scroll_into_view_if_needed()
    form.locator(".cxkit-agenda-steps option").first.wait_for(state="attached")
    screenshot(form, "agenda-editor-1440")
    form.context.close()

    # On the day: the controls start the agenda; the projector shows step 1 and its timer.
    controls = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=LAPTOP
    )
    widgets_ready(controls, "Démarrer l'agenda")
    controls.locator(".cxkit-agenda").get_by_text(SECOND).wait_for()
    controls.locator("button.cxkit-agenda-start").click()
    controls.locator(".cxkit-live-status").get_by_text(f"Étape 1\u00a0: {FIRST}").wait_for()
    controls.locator(".cxkit-agenda-current", has_text=FIRST).wait_for()
    controls.locator(".cxkit-agenda-next").get_by_text(SECOND).wait_for()
    screen = controls.context.new_page()
    screen.set_viewport_size(HD)
    screen.goto(controls.locator("a.cxkit-screen-link").evaluate("(a) => a.href"))
    screen.locator(".cxkit-screen h1", has_text=f"1/2 · {FIRST}").wait_for()
    screen.locator(".cxkit-screen-timer", has_text="02:").wait_for()

    # A phone opens on step 1's activity (not the form's first one) and writes there.
    invitation = ws.invite(ENGAGEMENT, workshop, activities=("pillar-proposal", "comment"))[0]
    phone = open_page(browser, forms.url(token=invitation.token or ""), viewport=PHONE)
    widgets_ready(phone, "Commenter")
    phone.locator(".cxkit-selector button.mod-active", has_text="Commenter").wait_for()
    phone.locator(".cxkit-draft-comment textarea").fill(TYPED)
    fits_the_phone(phone, "agenda-phone-step-1")

    # "Suivant": the room moves on, the projector follows, the phone too once it is used.
    controls.locator("button.cxkit-agenda-next").click()
    controls.locator(".cxkit-live-status").get_by_text(f"Étape 2\u00a0: {SECOND}").wait_for()
    screen.locator(".cxkit-screen h1", has_text=f"2/2 · {SECOND}").wait_for()
    screen.locator(".cxkit-screen-timer", has_text="0").wait_for()
    fits_the_projector(screen, "agenda-screen")
    screenshot(controls, "agenda-controls-1440")
    state = ws.live_state(ENGAGEMENT, workshop)
    assert state.activity("comment").status == "paused"
    assert state.activity("pillar-proposal").accepting

    tap_until_on(phone, "Proposer")
    phone.get_by_text("Nouvelle étape de l'atelier").wait_for()
    phone.locator(".cxkit-proposal textarea").wait_for()
    fits_the_phone(phone, "agenda-phone-step-2")
    # What was typed in the step left is still there.
    phone.locator(".cxkit-selector button", has_text="Commenter").click()
    phone.locator(".cxkit-draft-comment textarea").wait_for()
    assert phone.locator(".cxkit-draft-comment textarea").input_value() == TYPED
    assert phone.get_by_text("Traceback").count() == 0
    phone.context.close()
    controls.context.close()
