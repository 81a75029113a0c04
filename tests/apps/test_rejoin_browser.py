"""One phone, one participant: opening the room link again never gives fresh dots.

A real forms server, a real headless Chromium: a browser context is one
device (its cookies), another context another device.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from cxkit.apps.gate import DEVICE_COOKIE
from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import PAGE_TIMEOUT_MS, PHONE, screenshot, widgets_ready
from tests.apps.test_browser import ENGAGEMENT, choose, give_dots, workshop_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FORM = "Que voudriez-vous que nos clients disent de nous"


def token_of(url: str) -> str:
    query = parse_qs(urlsplit(url).query)
    assert "room" not in query, url
    return query["token"][0]


def device(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    return context


def join(context: Any, link: str) -> Any:
    """Open the room link in a new tab, join, and wait for the form below the welcome."""
    page = context.new_page()
    page.goto(link)
    widgets_ready(page, "Rejoindre l'atelier")
    page.evaluate("() => { window.cxkitSamePage = true; }")
    page.locator("button.cxkit-room-join").click()
    page.locator("a.cxkit-personal-link").wait_for()
    widgets_ready(page, FORM)
    return page


def budget(page: Any, text: str) -> None:
    choose(page, "Voter")
    page.locator(".cxkit-budget").get_by_text(text).wait_for()


def test_a_device_that_opens_the_room_link_again_is_the_same_participant(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    _, forms = servers
    ws = Workspace.open(url=workspace_url)
    room = ws.open_room(ENGAGEMENT, workshop_of(ws), dots=3)
    assert room.token
    link = forms.url(room=room.token)

    def joined() -> list[Any]:
        return [i for i in ws.invitations(ENGAGEMENT) if i.room == room.id]

    phone = device(browser)
    first = join(phone, link)
    # The address bar shows the personal link, without a reload (the same page, one kernel).
    first.wait_for_url(lambda url: "token=" in url)
    mine = token_of(first.url)
    assert first.locator("a.cxkit-personal-link").get_attribute("href") == f"?token={mine}"
    assert first.evaluate("() => window.cxkitSamePage === true")
    (cookie,) = [c for c in phone.cookies() if c["name"] == DEVICE_COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    budget(first, "Il vous reste 3 gommettes à donner sur 3")
    give_dots(first, 0, 2)
    first.locator("button.cxkit-vote-send").click()
    first.get_by_text("Merci, vos 2 gommettes sont enregistrées.").wait_for()
    assert ws.participant(mine).dots_left() == 1

    # The room link again, in a new tab: straight to the same participant, the same budget.
    second = phone.new_page()
    answer = second.goto(link)
    assert answer is not None and answer.request.redirected_from is not None  # by the gate
    assert token_of(second.url) == mine
    widgets_ready(second, FORM)
    budget(second, "Il vous reste 1 gommette à donner sur 3")
    screenshot(second, "phone-room-again")
    # A reload of the first tab (its address is the personal link), then the room's bookmark.
    first.reload()
    assert token_of(first.url) == mine
    first.goto(link)
    assert token_of(first.url) == mine
    widgets_ready(first, FORM)
    budget(first, "Il vous reste 1 gommette à donner sur 3")
    assert [i.token is None for i in joined()] == [True]  # one invitation for this device
    assert ws.room(room.token).joined == 1 and ws.participant(mine).dots_left() == 1

    # Another phone is another participant, with its own dots.
    other = device(browser)
    theirs = join(other, link)
    theirs.wait_for_url(lambda url: "token=" in url)
    assert token_of(theirs.url) != mine
    budget(theirs, "Il vous reste 3 gommettes à donner sur 3")
    assert len(joined()) == 2 and ws.room(room.token).joined == 2
    other.close()
    phone.close()
