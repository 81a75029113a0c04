"""The links and QR codes carry an address phones can reach, or the screen says they cannot.

No traffic is sent: finding the room-network address only asks the system
which source address its default route would use.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from cxkit.apps.live import LiveScreen
from cxkit.apps.live_local import LocalState
from cxkit.apps.network import (
    advertised_host,
    forms_base_url,
    is_loopback,
    listen_address,
    loopback_warning,
    room_address,
)
from cxkit.store import Workspace

ENGAGEMENT = "horizon-mutuelle"


def test_the_room_address_is_never_a_loopback_one() -> None:
    found = room_address()
    if found is not None:  # None on a machine with no network at all
        assert not ipaddress.ip_address(found).is_loopback
        assert listen_address(None) == "0.0.0.0" and advertised_host("0.0.0.0") == found
    else:
        assert listen_address(None) == "127.0.0.1" and advertised_host("0.0.0.0") == "127.0.0.1"
    assert listen_address("127.0.0.1") == "127.0.0.1"  # --ip wins


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("[::1]", True),
        ("192.168.1.20", False),
        ("forms.example.org", False),
    ],
)
def test_loopback_hosts_are_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_forms_url_follows_the_environment_then_the_listening_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CXKIT_FORMS_URL", raising=False)
    assert forms_base_url("192.168.1.20", 8867) == "http://192.168.1.20:8867/"
    assert forms_base_url("127.0.0.1", 8867) == "http://127.0.0.1:8867/"
    monkeypatch.setenv("CXKIT_FORMS_URL", "https://cx.example.org/forms")
    assert forms_base_url("127.0.0.1", 8867) == "https://cx.example.org/forms/"


def test_a_loopback_link_gets_a_plain_warning_in_both_languages() -> None:
    assert loopback_warning("http://192.168.1.20:8867/?room=abc", "fr") is None
    french = loopback_warning("http://127.0.0.1:8867/?room=abc", "fr")
    english = loopback_warning("http://localhost:8867/?room=abc", "en", area="cli")
    assert french is not None and "aucun téléphone" in french and "127.0.0.1" in french
    assert english is not None and "no phone can open" in english and "--ip" in english


@pytest.mark.parametrize(
    ("forms_url", "warned"), [("http://127.0.0.1:9/", True), ("http://192.168.1.20:9/", False)]
)
def test_the_live_screen_warns_when_it_would_project_a_loopback_link(
    tmp_path: Path, forms_url: str, warned: bool
) -> None:
    ws = Workspace.open(url=f"sqlite:///{tmp_path / 'cxkit.db'}")
    ws.ensure_demo()
    try:
        local = LocalState("test", tmp_path / "live.json")  # the consultant's file, here
        screen = LiveScreen(ws, ENGAGEMENT, forms_url=forms_url, interval=0.1, local=local)
        assert screen.open_room()
        assert ("cxkit-loopback-warning" in screen.room_view.value) is warned
        assert ("aucun téléphone de la salle" in screen.room_view.value) is warned
        assert screen.room_view.value.count("<svg") == 1  # the QR code is still there
    finally:
        ws.close()
