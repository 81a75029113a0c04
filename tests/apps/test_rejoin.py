"""One device, one participant per room: the gate's device key, checked without a browser.

On a real SQLite workspace; the browser's side is tests/apps/test_rejoin_browser.py.
"""

from __future__ import annotations

import nbformat
import pytest

from cxkit import paths
from cxkit.apps.gate import (
    Refusal,
    check_link,
    device_key,
    link_params,
    new_device_key,
    with_device,
)
from cxkit.store import Workspace

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"


def test_a_device_that_joined_is_sent_to_its_personal_link(ws: Workspace) -> None:
    room = ws.open_room(ENGAGEMENT, WORKSHOP, capacity=1)
    query = link_params(f"room={room.token}")
    phone = new_device_key()
    assert check_link(ws, query, "fr", phone) is None  # not joined yet: the welcome page
    mine = ws.join_room(room.token or "", device=phone)
    assert check_link(ws, query, "fr", phone) == mine.token
    # The room is full, then closed: another device, or none, is refused; this one finds its link.
    for other in (new_device_key(), None):
        with pytest.raises(Refusal, match="full"):
            check_link(ws, query, "fr", other)
    ws.close_room(room.id)
    assert check_link(ws, query, "fr", phone) == mine.token
    # A personal link wins over the room's, as before; a revoked participant stays out.
    assert check_link(ws, link_params(f"room={room.token}&token={mine.token}"), "fr", phone) is None
    ws.revoke(mine.id)
    with pytest.raises(Refusal) as refused:
        check_link(ws, query, "fr", phone)
    assert refused.value.cxkit_title == "Ce lien n'est pas valable"
    assert ws.rooms(ENGAGEMENT)[0].joined == 1


def test_only_keys_the_server_could_have_drawn_are_taken() -> None:
    key = new_device_key()
    assert device_key(key) == key and len(key) == 24 and new_device_key() != key
    for bad in (None, "", "short", "x" * 65, key[:-1] + "'", key + "\n", "é" * 30, 42):
        assert device_key(bad) is None


def test_the_key_reaches_the_kernel_in_a_cell_after_the_parameters() -> None:
    notebook = nbformat.read(paths.notebook("participant.ipynb"), as_version=4)
    before = nbformat.writes(notebook)
    key = new_device_key()
    given = with_device(notebook, key)
    assert given is not None and nbformat.writes(notebook) == before  # the server's copy intact
    assert "parameters" in given.cells[0].metadata["tags"]
    injected = given.cells[1]
    assert injected.source == f"device = {key!r}"
    scope: dict[str, object] = {}
    for cell in given.cells[:2]:
        exec(cell.source, scope)  # the parameter cell, then the gate's: what the kernel runs first
    assert scope["device"] == key and scope["room"] is None
    assert "device=device" in given.cells[2].source  # and the page is given it
    assert with_device(notebook, "x'; import os; '") is None  # never a forged key's code
    no_parameters = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("room = None")])
    assert with_device(no_parameters, key) is None
