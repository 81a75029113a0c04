"""The phone in a real headless Chromium: a lost connection, thumbs, and a 320 px screen.

The forms server of the lost-connection test is this test's own: it is
killed under the open page and started again on the same port, as
``cxkit app``'s supervisor does, and the page must find its way back alone.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cxkit.apps.servers import VoilaServer, start_server
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, screenshot
from tests.apps.test_browser import (
    ENGAGEMENT,
    choose,
    fits_the_phone,
    give_dots,
    participant_form,
    propose,
    selector_fits,
    workshop_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RECONNECT_MS = 90_000  # Voilà's own retries, the server's start, a page: generous under load


@pytest.fixture
def own_forms(
    jupyter_env: dict[str, str], workspace_url: str, tmp_path: Path
) -> Iterator[list[VoilaServer]]:
    """A participants' server of this test's own (the list holds it, then its restart)."""
    env = {**jupyter_env, "CXKIT_DB_URL": workspace_url}
    servers = [start_server("participant", env=env, log_dir=tmp_path)]
    yield servers
    for server in servers:
        server.stop()


def crash(server: VoilaServer) -> None:
    """The server dies as in a crash (SIGKILL, no goodbye to its websockets), its kernels too."""
    kernels = server.kernel_pids()
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(30)
    for pid in kernels:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


def test_a_lost_connection_keeps_the_text_and_the_resend_is_stored_once(
    browser: Any, own_forms: list[VoilaServer], workspace_url: str, jupyter_env: dict[str, str]
) -> None:
    forms = own_forms[0]
    ws = Workspace.open(url=workspace_url)
    invitation = ws.invite(ENGAGEMENT, workshop_of(ws), activities=("pillar-proposal",))[0]
    assert invitation.token
    phone = participant_form(browser, forms.url(token=invitation.token))
    propose(phone, "Ils tiennent parole")
    typed = "Un conseiller qui me connaît"
    area = phone.locator(".cxkit-proposal textarea")
    area.fill(typed)  # typed, not yet sent (nor synced: the server never saw it)

    crash(forms)
    banner = phone.locator(".cxkit-banner[role=alert]")
    banner.wait_for()
    assert banner.inner_text().startswith("Connexion perdue\u00a0:")
    send = phone.locator("button.cxkit-propose-send")
    expect(send).to_be_disabled()
    assert phone.get_by_text("Merci, c'est enregistré.").count() == 0  # no stale thank-you
    assert area.input_value() == typed
    fits_the_phone(phone, "phone-offline")

    # The server comes back on the same port (cxkit app's supervisor does this by itself).
    back = start_server(
        "participant",
        port=forms.port,
        env={**jupyter_env, "CXKIT_DB_URL": workspace_url},
        log_dir=forms.log_path.parent,
    )
    own_forms.append(back)
    notice = phone.locator(".cxkit-banner[role=status]")
    notice.wait_for(timeout=RECONNECT_MS)
    assert "Reconnecté" in notice.inner_text()
    assert f"token={invitation.token}" in phone.url  # the personal link, by itself
    area = phone.locator(".cxkit-proposal textarea")
    assert area.input_value() == typed
    assert phone.locator(".cxkit-counter").inner_text() == f"{len(typed)} caractères sur 120"
    fits_the_phone(phone, "phone-reconnected")
    phone.locator("button.cxkit-propose-send").click()  # one tap
    phone.get_by_text("Merci, c'est enregistré.").wait_for()
    phone.locator(".cxkit-mine").get_by_text(typed).wait_for()
    texts = [c.text for c in ws.participant(invitation.token).mine()]
    assert texts == ["Ils tiennent parole", typed]  # stored, and exactly once
    assert phone.locator(".cxkit-banner").count() == 0  # the notice goes with the next send

    # A text stored just as the line dropped (its thank-you lost) is not put back to resend.
    phone.evaluate(
        "(text) => { window.cxkitPhone.leaving = true;"
        " sessionStorage.setItem('cxkit-draft:propose', text);"
        " sessionStorage.setItem('cxkit-draft:@back', '1'); location.reload(); }",
        typed,
    )
    phone.locator(".cxkit-banner[role=status]").wait_for(timeout=RECONNECT_MS)
    phone.locator(".cxkit-mine").get_by_text(typed).wait_for()
    assert phone.locator(".cxkit-proposal textarea").input_value() == ""
    assert phone.evaluate("() => sessionStorage.getItem('cxkit-draft:propose')") is None
    phone.context.close()


def test_thumbs_counters_and_ratings_fit_a_320_px_phone(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    _, forms = servers
    ws = Workspace.open(url=workspace_url)
    invitation = ws.invite(ENGAGEMENT, workshop_of(ws), dots=4)[0]
    assert invitation.token
    phone = participant_form(browser, forms.url(token=invitation.token))
    # A live count, in the browser, as one types; sending is disabled past the limit.
    area = phone.locator(".cxkit-proposal textarea")
    expect(area).to_have_attribute(  # named for a screen reader, in the page's language
        "aria-label", "Que voudriez-vous que nos clients disent de nous\u202f?"
    )
    expect(phone.locator(".cxkit-participant .cxkit-status")).to_have_attribute("role", "status")
    area.fill("é" * 125)
    counter = phone.locator(".cxkit-counter")
    counter.get_by_text("Trop long\u00a0: 125 caractères pour 120 au plus").wait_for()
    expect(phone.locator("button.cxkit-propose-send")).to_be_disabled()
    assert area.evaluate("(el) => getComputedStyle(el).fontFamily").find("monospace") < 0
    box = area.bounding_box()
    assert box and box["height"] >= 90  # four rows at least
    fits_the_phone(phone, "phone-counter-320", width=320)
    area.fill("Simple")
    counter.get_by_text("6 caractères sur 120").wait_for()
    expect(phone.locator("button.cxkit-propose-send")).to_be_enabled()
    for width in (375, 320):
        phone.set_viewport_size({"width": width, "height": PHONE["height"]})
        phone.locator(".cxkit-selector button", has_text="Voter").click()
        phone.locator(".cxkit-budget").get_by_text("Il vous reste 4 gommettes").wait_for()
        selector_fits(phone, "button.cxkit-step")  # + and −: a thumb each, inside the screen
        for step in phone.locator("button.cxkit-step").all():
            rect = step.bounding_box()
            assert rect and rect["width"] >= 44 and rect["height"] >= 44
        assert phone.locator("button.cxkit-step-plus").first.get_attribute("aria-label")
        fits_the_phone(phone, f"phone-vote-{width}", width=width)
        phone.locator(".cxkit-selector button", has_text="Noter").click()
        phone.get_by_text("Noter Horizon Mutuelle").wait_for()
        selector_fits(phone, ".cxkit-scale button")
        fits_the_phone(phone, f"phone-rate-{width}", width=width)
        phone.locator(".cxkit-selector button", has_text="Questionnaire").click()
        phone.locator(".cxkit-section textarea").first.wait_for()
        assert phone.locator(".cxkit-counter").first.is_hidden()  # a count of 4 000: quiet
        fits_the_phone(phone, f"phone-answer-{width}", width=width)
        choose(phone, "Proposer")
    phone.locator(".cxkit-selector button", has_text="Voter").click()
    give_dots(phone, 0, 2)
    phone.locator("button.cxkit-step-minus").first.focus()
    phone.keyboard.press("Enter")  # the keyboard alone does what a tap does
    phone.locator(".cxkit-given").first.get_by_text("1 gommette").wait_for()
    phone.locator("button.cxkit-vote-send").click()
    phone.get_by_text("Merci, votre gommette est enregistrée.").wait_for()
    phone.locator(".cxkit-mine").get_by_text("Gommettes · ").first.wait_for()
    mine = phone.locator(".cxkit-mine").inner_text()
    assert "c-0" not in mine and "1 gommette" in mine
    # The projector-sized view of the same page, for a person to look at.
    phone.set_viewport_size({"width": 1440, "height": 900})
    screenshot(phone, "phone-vote-1440")
    phone.context.close()


def test_the_room_page_is_french_and_fits_320_px(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    _, forms = servers
    ws = Workspace.open(url=workspace_url)
    room = ws.open_room(ENGAGEMENT, workshop_of(ws))
    assert room.token
    phone = open_page(browser, forms.url(room=room.token), viewport=PHONE)
    phone.get_by_text("Rejoindre l'atelier").wait_for()
    fits_the_phone(phone, "phone-room-320", width=320)
    phone.locator("button.cxkit-room-join").click()
    phone.locator("a.cxkit-personal-link").wait_for()
    assert phone.locator(".cxkit-anonymous").is_hidden()  # no team: nothing to be anonymous of
    labels = phone.locator(".cxkit-selector button").all_inner_texts()
    assert "Questionnaire" not in labels
    fits_the_phone(phone, "phone-room-joined-320", width=320)
    phone.context.close()
