"""No kernel without a valid link: the participants' server answers forged links itself.

The rules are checked on a real SQLite workspace; the server's behaviour on
a real Voilà server (kernels counted from its process list).
"""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxkit.apps.gate import Limits, ParticipantGate, Refusal, TokenBuckets, check_link, link_params
from cxkit.apps.servers import VoilaServer, start_server
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, widgets_ready

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"


def _refused(ws: Workspace, query: str, lang: str = "fr") -> Refusal:
    with pytest.raises(Refusal) as caught:
        check_link(ws, link_params(query), lang)
    return caught.value


def test_valid_links_pass_and_every_other_link_is_refused(ws: Workspace) -> None:
    (invitation,) = ws.invite(ENGAGEMENT, WORKSHOP, count=1)
    room = ws.open_room(ENGAGEMENT, WORKSHOP, capacity=1)
    check_link(ws, link_params(f"token={invitation.token}"), "fr")
    check_link(ws, link_params(f"room={room.token}"), "fr")
    # The form's own rule: a personal token wins over a room link.
    check_link(ws, link_params(f"room=forged-room-link&token={invitation.token}"), "fr")
    assert _refused(ws, "").cxkit_title == "Formulaires de l'atelier"
    assert _refused(ws, "token=").cxkit_title == "Formulaires de l'atelier"
    for forged in ("token=forged-token-forged-token", "token=x", "room=forged-room-link"):
        refusal = _refused(ws, forged)
        assert refusal.status_code == 403 and refusal.cxkit_title == "Ce lien n'est pas valable"
    assert _refused(ws, f"token={invitation.token}x").status_code == 403
    ws.revoke(invitation.token or "")
    assert _refused(ws, f"token={invitation.token}").cxkit_title == "Ce lien n'est pas valable"
    ws.join_room(room.token or "")
    full = _refused(ws, f"room={room.token}")
    assert "complet" in full.cxkit_title.lower() or "complet" in full.cxkit_body.lower()
    ws.close_room(room.token or "")
    assert _refused(ws, f"room={room.token}").cxkit_lang == "fr"


def test_the_refusal_speaks_the_servers_language_when_the_engagement_is_unknown(
    ws: Workspace,
) -> None:
    refusal = _refused(ws, "token=forged-token-forged-token", "en")
    assert refusal.cxkit_lang == "en" and refusal.cxkit_title == "This link is not valid"


def test_an_address_that_opens_pages_too_fast_is_slowed_down() -> None:
    now = [0.0]
    buckets = TokenBuckets(burst=3, per_minute=6, clock=lambda: now[0])
    assert [buckets.take("10.0.0.7") for _ in range(4)] == [True, True, True, False]
    assert buckets.take("10.0.0.8")  # another phone is not slowed by the first
    now[0] += 10.0  # one page every 10 s
    assert buckets.take("10.0.0.7") and not buckets.take("10.0.0.7")


def test_the_gate_limits_strangers_but_not_this_computer(ws: Workspace) -> None:
    gate = ParticipantGate(lang="fr", limits=Limits(burst=2, per_minute=1), workspace=lambda: ws)
    for _ in range(2):
        with pytest.raises(Refusal) as caught:
            gate.check("192.168.1.50", "token=forged-token-forged-token", 0)
        assert caught.value.status_code == 403
    with pytest.raises(Refusal) as caught:
        gate.check("192.168.1.50", "token=forged-token-forged-token", 0)
    assert caught.value.status_code == 429 and caught.value.cxkit_title == "Trop de pages ouvertes"
    (invitation,) = ws.invite(ENGAGEMENT, WORKSHOP, count=1)
    for _ in range(5):  # a local proxy or the consultant's own browser is not limited
        gate.check("127.0.0.1", f"token={invitation.token}", 0)
    with pytest.raises(Refusal) as caught:
        gate.check("192.168.1.51", f"token={invitation.token}", 200)
    assert caught.value.status_code == 503


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXKIT_FORMS_LIMITS", "burst=5, per_minute=2,loopback=1,max_pages=9")
    assert Limits.from_env() == Limits(burst=5, per_minute=2.0, loopback=True, max_pages=9)


# --- a real server ------------------------------------------------------------------------


def _get(server: VoilaServer, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


@pytest.fixture
def gated(jupyter_env: dict[str, str], workspace_url: str, tmp_path: Path) -> Iterator[VoilaServer]:
    """A participants' server whose gate limits this computer too (as strangers are limited)."""
    env = {
        **jupyter_env,
        "CXKIT_DB_URL": workspace_url,
        "CXKIT_FORMS_LIMITS": "loopback=1,burst=52,per_minute=0.01",
    }
    server = start_server("participant", env=env, log_dir=tmp_path / "logs")
    yield server
    server.stop()


@pytest.mark.slow
def test_fifty_forged_links_start_no_kernel_and_a_valid_one_opens_the_form(
    gated: VoilaServer, workspace_url: str
) -> None:
    for n in range(50):
        query = f"token=forged-token-{n:02d}-forged" if n % 2 else f"room=forged-room-{n:02d}"
        status, page = _get(gated, f"/?{query}")
        assert status == 403
        assert "Ce lien n&#39;est pas valable" in page and 'lang="fr"' in page
        assert "Traceback" not in page and "Forbidden" not in page
    status, page = _get(gated, "/?token=%3Cscript%3Ealert(1)%3C/script%3E")
    assert status == 403 and "<script>alert" not in page
    assert gated.kernel_pids() == [], "a forged link started a kernel"
    with Workspace.open(url=workspace_url) as ws:
        (invitation,) = ws.invite(ENGAGEMENT, WORKSHOP, count=1)
    status, page = _get(gated, f"/?token={invitation.token}")
    assert status == 200 and re.search(r'<html lang="fr"', page)
    assert len(gated.kernel_pids()) == 1
    status, page = _get(gated, "/?token=forged-token-over-the-limit")
    assert status == 429 and "Trop de pages ouvertes" in page  # the 53rd page from one address
    assert len(gated.kernel_pids()) == 1


@pytest.mark.browser
@pytest.mark.slow
def test_a_closed_page_shuts_its_kernel_down_at_once(
    browser: Any, gated: VoilaServer, workspace_url: str
) -> None:
    with Workspace.open(url=workspace_url) as ws:
        (invitation,) = ws.invite(ENGAGEMENT, WORKSHOP, count=1)
    page = open_page(browser, gated.url(token=invitation.token or ""), viewport=PHONE)
    widgets_ready(page, "Que voudriez-vous que nos clients disent de nous")
    assert len(gated.kernel_pids()) == 1
    page.goto("about:blank")  # the participant leaves (or reloads): Voilà's closing beacon
    deadline = time.monotonic() + 30  # the cull would take minutes; the beacon seconds
    while gated.kernel_pids() and time.monotonic() < deadline:
        time.sleep(0.5)
    page.context.close()
    assert gated.kernel_pids() == [], gated.log_tail()
