"""The employees' team card on the participants' server: ``card/<token>``, no kernel, no account.

The route's rules are checked on a real SQLite workspace; the answers on the
session's real participants' server (kernels counted from its process list);
the page in a real Chromium on a phone and a desk screen (and axe-core's
WCAG 2.1 AA rules, as for the forms).
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from cxkit.apps.card_route import CardPages
from cxkit.apps.gate import Refusal
from cxkit.apps.servers import VoilaServer
from cxkit.errors import StoreError
from cxkit.store import Workspace, card_link_url
from tests.apps.conftest import PHONE, SHOTS, open_page, screenshot
from tests.apps.test_accessibility import violations

ENGAGEMENT = "horizon-mutuelle"
PHONE_TEAM = {"channels": ["Téléphone"]}
DESK = {"width": 1440, "height": 900}
NOT_VALID_FR = "Ce lien n'est pas valable"


def _refusal(pages: CardPages, token: str) -> Refusal:
    with pytest.raises(Refusal) as caught:
        pages.page(token)
    return caught.value


def test_a_valid_link_gives_its_card_and_any_other_the_short_page(ws: Workspace) -> None:
    pages = CardPages(lang="fr", workspace=lambda: ws)
    link = ws.issue_card_link(ENGAGEMENT, PHONE_TEAM)
    page = pages.page(link.token or "")
    assert '<html lang="fr">' in page and "Appeler le membre hospitalisé" in page
    for forged in ("", "forged-token-forged", (link.token or "") + "x", "../../etc/passwd"):
        refusal = _refusal(pages, forged)
        assert (refusal.status_code, refusal.cxkit_title) == (404, NOT_VALID_FR)
        assert "responsable" in refusal.cxkit_body  # an employee's words, not a workshop's
    assert _refusal(CardPages(lang="en", workspace=lambda: ws), "forged-token").cxkit_lang == "en"
    ws.revoke_card_link(link.id)
    refusal = _refusal(CardPages(lang="en", workspace=lambda: ws), link.token or "")
    # A revoked link's engagement is known: its page speaks the engagement's language.
    assert (refusal.status_code, refusal.cxkit_lang, refusal.cxkit_title) == (
        404,
        "fr",
        NOT_VALID_FR,
    )


def test_a_link_whose_team_left_the_perimeter_shows_no_wrong_card(ws: Workspace) -> None:
    link = ws.issue_card_link(ENGAGEMENT, {"channels": ["Minitel"]})
    refusal = _refusal(CardPages(lang="fr", workspace=lambda: ws), link.token or "")
    assert refusal.status_code == 404 and refusal.cxkit_title == NOT_VALID_FR


def test_a_workspace_that_cannot_be_read_gives_the_unavailable_page() -> None:
    def broken() -> Workspace:
        raise StoreError("error.store.unreachable", url="postgresql://db")

    refusal = _refusal(CardPages(lang="fr", workspace=broken), "some-token-of-16")
    assert refusal.status_code == 503 and "Traceback" not in refusal.cxkit_body


# --- the real participants' server -------------------------------------------------------


def _get(server: VoilaServer, url: str) -> tuple[int, dict[str, str], str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        answer = connection.getresponse()
        body = answer.read().decode("utf-8", errors="replace")
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, body
    finally:
        connection.close()


@pytest.fixture
def links(workspace_url: str) -> Iterator[dict[str, str]]:
    """A valid link to the contact centre's card and a revoked one, in the servers' workspace."""
    with Workspace.open(url=workspace_url) as ws:
        valid = ws.issue_card_link(ENGAGEMENT, PHONE_TEAM)
        revoked = ws.issue_card_link(ENGAGEMENT, {"channels": ["Agence"]})
        ws.revoke_card_link(revoked.token or "")
        yield {"valid": valid.token or "", "revoked": revoked.token or ""}
        ws.revoke_card_link(valid.id)


@pytest.mark.slow
def test_the_forms_server_answers_card_links_without_starting_a_kernel(
    servers: tuple[VoilaServer, VoilaServer], links: dict[str, str]
) -> None:
    facilitator, forms = servers
    before = set(forms.kernel_pids())
    status, headers, page = _get(forms, card_link_url(forms.base_url, links["valid"]))
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page and "Appel de bienvenue" in page
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert headers["cache-control"] == "no-store"
    for token in (links["revoked"], "forged-token-forged", "<script>alert(1)</script>"):
        status, headers, page = _get(forms, card_link_url(forms.base_url, token))
        assert status == 404, token
        assert "Ce lien n&#39;est pas valable" in page and 'lang="fr"' in page
        assert "Traceback" not in page and "<script>alert" not in page
        assert "Appel de bienvenue" not in page
    assert set(forms.kernel_pids()) - before == set(), "a card link started a kernel"
    # The facilitator's server serves no card (its own pages are behind its token).
    status, _, page = _get(facilitator, card_link_url(facilitator.base_url, links["valid"]))
    assert status != 200 or "Appel de bienvenue" not in page


@pytest.mark.browser
@pytest.mark.slow
def test_the_card_reads_on_a_phone_and_a_desk_screen_and_shows_nothing_else(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], links: dict[str, str]
) -> None:
    _, forms = servers
    url = card_link_url(forms.base_url, links["valid"])
    before = set(forms.kernel_pids())
    for name, viewport in (("phone", PHONE), ("desk", DESK)):
        requested: list[str] = []
        context = browser.new_context(viewport=viewport)
        context.on("request", lambda request, seen=requested: seen.append(request.url))
        page = context.new_page()
        page.goto(url)
        page.get_by_role("heading", name="Nos standards").wait_for(state="visible")
        assert requested == [url]  # the page alone: no style sheet, font, script or image
        assert page.evaluate("document.documentElement.lang") == "fr"
        for standard in ("Rembourser 90", "Tout courrier tient", "Aucun membre n'attend"):
            assert page.get_by_text(standard).first.is_visible(), standard
        text = page.inner_text("body")
        assert "Bilan annuel des garanties" not in text  # the agencies' ritual
        assert "std-" not in text and "rit-" not in text and ENGAGEMENT not in text
        assert page.locator(".jupyter-widgets, .widget-box, button, a, input, nav").count() == 0
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: {width} px wide, wider than the screen"
        assert violations(page) == [], name  # WCAG 2.1 A and AA, as the forms
        screenshot(page, f"card-{name}")
        if name == "desk":  # on paper too: A4, black on white (the PDF is there to look at)
            page.pdf(path=str(SHOTS / "card-print.pdf"), format="A4")
            page.emulate_media(media="print")
            page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
            assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
                "rgb(255, 255, 255)"
            )
            screenshot(page, "card-print")
        context.close()
    assert set(forms.kernel_pids()) - before == set()
    page = open_page(browser, card_link_url(forms.base_url, links["revoked"]), viewport=PHONE)
    page.get_by_role("heading", name=NOT_VALID_FR).wait_for(state="visible")
    screenshot(page, "card-not-valid-phone")
    page.context.close()
