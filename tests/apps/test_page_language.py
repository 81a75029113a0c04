"""Voilà's own pages speak the server's language: no English on a French page, ``lang`` set.

Voilà and jupyter_server ship English pages: the login page ("Setup a
Password", ``jupyter server list``), "Running ...", "Executing 2 of 2", an
English 404. The rendered text of the login page, the loading page and the
forms' refusal page is scanned for those strings, in French on the
session's servers and in English on a server started in English.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cxkit.apps.servers import VoilaServer, start_server
from cxkit.store import Workspace
from tests.apps.conftest import PAGE_TIMEOUT_MS, PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
READY = "Que voudriez-vous que nos clients disent de nous"
# What Voilà and jupyter_server's own pages say in English (case-insensitive).
VOILA_ENGLISH = (
    "running",
    "executing",
    "reading ",
    "setup a password",
    "jupyter server list",
    "token authentication",
    "password or token",
    "log in",
    "does not exist!",
    "forbidden",
    "requires javascript",
    "not found",
)
# The JavaScript that records every loading text the page shows, from the first paint on.
RECORD_LOADING_TEXTS = """
window.__loadingTexts = [];
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("loading_text");
  if (!el) return;
  window.__loadingTexts.push(el.innerText);
  new MutationObserver(() => window.__loadingTexts.push(el.innerText))
    .observe(el, {childList: true, characterData: true, subtree: true});
});
"""


class _Text(HTMLParser):
    """The text a page shows without JavaScript (no script, style or noscript), and its lang."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.lang: str | None = None
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("script", "style", "noscript"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def _get(server: VoilaServer, path: str) -> tuple[int, _Text]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        parsed = _Text()
        parsed.feed(answer.read().decode("utf-8"))
        return answer.status, parsed
    finally:
        connection.close()


def _english_in(text: str) -> list[str]:
    lowered = text.lower()
    return [s for s in VOILA_ENGLISH if s in lowered]


def test_french_pages_have_no_voila_english(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    with Workspace.open(url=workspace_url) as ws:
        (invitation,) = ws.invite(ENGAGEMENT, "atelier-1", count=1)
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script(RECORD_LOADING_TEXTS)
    page = context.new_page()
    try:
        seen: dict[str, str] = {}
        page.goto(facilitator.base_url + "login")
        seen["login"] = page.inner_text("body")
        screenshot(page, "login-fr")
        assert page.evaluate("document.documentElement.lang") == "fr"
        page.fill("#password_input", "not-the-key")
        page.click("#login_submit")
        page.get_by_text("Cette clé n'est pas la bonne").wait_for(state="visible")
        seen["login refused"] = page.inner_text("body")
        page.goto(forms.url(token="forged-token-forged-token"))
        seen["refusal"] = page.inner_text("body")
        screenshot(page, "refusal-fr")
        assert page.evaluate("document.documentElement.lang") == "fr"
        page.goto(forms.url())
        seen["forms without a link"] = page.inner_text("body")
        screenshot(page, "forms-without-a-link-fr")
        page.goto(facilitator.url("login"))  # the printed URL's token logs this browser in
        page.goto(facilitator.base_url + "no/such/page")
        seen["not found"] = page.inner_text("body")
        assert page.evaluate("document.documentElement.lang") == "fr"
        page.goto(forms.url(token=invitation.token or ""))
        page.get_by_text(READY).first.wait_for(state="visible")
        assert page.evaluate("document.documentElement.lang") == "fr"
        loading = page.evaluate("window.__loadingTexts")
        seen["loading"] = " ".join(loading)
        seen["form"] = page.inner_text("body")
    finally:
        context.close()
    assert "Chargement de la page" in seen["loading"]
    assert "Accès réservé à l'animateur" in seen["login"]
    assert "Ce lien n'est pas valable" in seen["refusal"]
    assert "scannez le QR code" in seen["forms without a link"]
    assert "Cette page n'existe pas" in seen["not found"]
    found = {name: _english_in(text) for name, text in seen.items()}
    assert all(not words for words in found.values()), found


@pytest.fixture
def english_forms(
    jupyter_env: dict[str, str], workspace_url: str, tmp_path: Path
) -> Iterator[VoilaServer]:
    env = {**jupyter_env, "CXKIT_DB_URL": workspace_url}
    server = start_server("participant", env=env, log_dir=tmp_path / "logs", lang="en")
    yield server
    server.stop()


def test_a_server_started_in_english_speaks_english(
    english_forms: VoilaServer, workspace_url: str
) -> None:
    status, refusal = _get(english_forms, "/?token=forged-token-forged-token")
    assert status == 403 and refusal.lang == "en"
    assert "This link is not valid" in " ".join(refusal.parts)
    with Workspace.open(url=workspace_url) as ws:
        (invitation,) = ws.invite(ENGAGEMENT, "atelier-1", count=1)
    status, loading = _get(english_forms, f"/?token={invitation.token}")
    text = " ".join(loading.parts)
    assert status == 200 and loading.lang == "en"
    assert "Loading the page…" in text
    assert not _english_in(text.replace("Loading the page…", "")), text
