"""A device that opens a room link it joined already is sent to its own link: nothing written."""

from __future__ import annotations

import secrets

import pytest

from cxkit.errors import AccessDenied
from cxkit.model import Engagement
from cxkit.store import Workspace

ENGAGEMENT = "horizon-mutuelle"


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def test_rejoin_finds_a_joined_device_and_writes_nothing(demo_ws: Workspace) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1", capacity=1)
    phone, stranger = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
    assert demo_ws.rejoin_room(room.token or "", phone) is None  # not joined yet
    assert demo_ws.invitations(ENGAGEMENT) == [] and demo_ws.rooms(ENGAGEMENT)[0].joined == 0
    mine = demo_ws.join_room(room.token or "", device=phone)
    again = demo_ws.rejoin_room(room.token or "", phone)
    assert again is not None and (again.id, again.token) == (mine.id, mine.token)
    assert demo_ws.rejoin_room(room.token or "", stranger) is None  # another device: nobody
    demo_ws.close_room(room.id)  # full, then closed: the device still finds its own link
    assert (demo_ws.rejoin_room(room.token or "", phone) or mine).id == mine.id
    assert len(demo_ws.invitations(ENGAGEMENT)) == 1 and demo_ws.rooms(ENGAGEMENT)[0].joined == 1
    demo_ws.revoke(mine.id)
    with pytest.raises(AccessDenied):  # a revoked participant stays out
        demo_ws.rejoin_room(room.token or "", phone)
    for forged_room, key in (("forged-room-link", phone), (room.token or "", "short")):
        with pytest.raises(AccessDenied):
            demo_ws.rejoin_room(forged_room, key)
