"""Works with no Internet at all: every asset comes from cxkit's own servers.

A real Chromium whose every request to another host than this computer
hangs, as on a filtered Wi-Fi or behind a captive portal (the worst case:
a refused connection fails fast, an unanswered one makes a page wait).
The facilitator's live screen and the participant's form still paint in
their usual time, and nothing even tries to leave the machine.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import PAGE_TIMEOUT_MS, PHONE, PROJECTOR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
PAINT_LIMIT_S = 30.0  # the hang this prevents took 31.6 s a page; a usual page takes 2-5 s here


def _offline_page(browser: Any, viewport: dict[str, int], outside: list[str]) -> Any:
    """A page whose requests to any other host never get an answer (recorded in ``outside``)."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(PAGE_TIMEOUT_MS)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith("data:"):
            request_route.continue_()
        else:
            outside.append(url)  # left unanswered, like a captive portal

    context.route("**/*", route)
    return context.new_page()


def _paint(page: Any, url: str, text: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.get_by_text(text, exact=False).first.wait_for(state="visible")
    return time.perf_counter() - start


def _icon_font_loaded(page: Any) -> bool:
    return bool(
        page.evaluate(
            """async () => {
                await document.fonts.load('900 16px "Font Awesome 5 Free"');
                return document.fonts.check('900 16px "Font Awesome 5 Free"');
            }"""
        )
    )


def test_pages_paint_with_every_outside_request_unanswered(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    with Workspace.open(url=workspace_url) as ws:
        (invitation,) = ws.invite(ENGAGEMENT, "atelier-1", count=1)
    outside: list[str] = []
    live = _offline_page(browser, PROJECTOR, outside)
    phone = _offline_page(browser, PHONE, outside)
    try:
        live_s = _paint(
            live,
            facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT),
            "Ouvrir le lien de la salle",
        )
        phone_s = _paint(
            phone,
            forms.url(token=invitation.token or ""),
            "Que voudriez-vous que nos clients disent de nous",
        )
        refusal_s = _paint(phone, forms.url(token="forged-token-forged-token"), "pas valable")
        assert _icon_font_loaded(live), "Font Awesome did not load from cxkit's server"
        stranger = _offline_page(browser, PHONE, outside)  # no token, no cookie: the login page
        login_s = _paint(stranger, facilitator.base_url + "login", "Accès réservé à l'animateur")
        stranger.context.close()
    finally:
        live.context.close()
        phone.context.close()
    assert outside == [], f"requests left the machine: {outside}"
    for name, seconds in (
        ("live screen", live_s),
        ("phone form", phone_s),
        ("refusal", refusal_s),
        ("login", login_s),
    ):
        assert seconds < PAINT_LIMIT_S, f"{name} took {seconds:.1f} s offline"
