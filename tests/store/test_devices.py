"""A device that joins a room again is the same participant: no ballot stuffing by reloading."""

from __future__ import annotations

import secrets

import pytest

from cxkit.errors import AccessDenied
from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.store.rooms import device_token

ENGAGEMENT = "horizon-mutuelle"


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def _device() -> str:
    return secrets.token_urlsafe(18)


def test_a_device_that_joins_twice_gets_its_own_participant_and_dots_back(
    demo_ws: Workspace,
) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1", dots=3)
    phone = _device()
    first = demo_ws.join_room(room.token or "", device=phone)
    demo_ws.participant(first.token or "").submit("vote", target="fiable", value=3)
    again = demo_ws.join_room(room.token or "", device=phone, workshop="atelier-1")
    assert (again.id, again.participant, again.token) == (first.id, first.participant, first.token)
    assert again.room == room.id
    session = demo_ws.participant(again.token or "")
    assert session.dots_left() == 0  # the same budget, not fresh dots
    other = demo_ws.join_room(room.token or "", device=_device())
    assert other.participant != first.participant
    (after,) = demo_ws.rooms(ENGAGEMENT)
    assert after.joined == 2  # people, not joins
    demo_ws.participant(other.token or "").submit("vote", target="fiable")
    demo_ws.participant(first.token or "").submit("comment", text="encore moi")
    assert demo_ws.aggregates(ENGAGEMENT, "atelier-1").participants == 2


def test_a_device_key_is_scoped_to_its_room_and_a_forged_one_gives_nobody_else(
    demo_ws: Workspace,
) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    other_room = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    phone = _device()
    mine = demo_ws.join_room(room.token or "", device=phone)
    elsewhere = demo_ws.join_room(other_room.token or "", device=phone)
    assert elsewhere.participant != mine.participant and elsewhere.token != mine.token
    forged = demo_ws.join_room(
        room.token or "", device=phone[:-1] + ("A" if phone[-1] != "A" else "B")
    )
    assert forged.participant not in (mine.participant, elsewhere.participant)
    for bad in ("", "short", "x" * 201):
        with pytest.raises(AccessDenied):
            demo_ws.join_room(room.token or "", device=bad)
    # The personal token is derived: it never equals the key, and the key is not stored.
    assert mine.token != phone and mine.token != device_token("00" * 32, phone)
    assert len(demo_ws.invitations(ENGAGEMENT)) == 3


def test_a_known_device_comes_back_into_a_closed_or_full_room_but_not_once_revoked(
    demo_ws: Workspace,
) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1", capacity=1)
    phone = _device()
    mine = demo_ws.join_room(room.token or "", device=phone)
    with pytest.raises(AccessDenied, match="complet"):
        demo_ws.join_room(room.token or "", device=_device())
    assert demo_ws.join_room(room.token or "", device=phone).id == mine.id  # full: still mine
    demo_ws.close_room(room.id)
    assert demo_ws.join_room(room.token or "", device=phone).id == mine.id  # closed: still mine
    with pytest.raises(AccessDenied, match="fermé"):
        demo_ws.join_room(room.token or "", device=_device())
    demo_ws.revoke(mine.id)
    with pytest.raises(AccessDenied, match="révoqué"):
        demo_ws.join_room(room.token or "", device=phone)
    assert len(demo_ws.invitations(ENGAGEMENT)) == 1


def test_without_a_device_key_each_join_is_a_new_participant(demo_ws: Workspace) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    a = demo_ws.join_room(room.token or "")
    b = demo_ws.join_room(room.token or "")
    assert a.participant != b.participant


def test_a_version_3_workspace_is_migrated_and_its_open_rooms_recognise_devices(
    db_url: str, demo: Engagement
) -> None:
    from sqlalchemy import create_engine, text

    from cxkit.store import schema as store_schema

    with Workspace.open(url=db_url) as ws:
        ws.create(demo, "alice")
        room = ws.open_room(ENGAGEMENT, "atelier-1")
        before = ws.join_room(room.token or "")
        ws.participant(before.token or "").submit("comment", text="avant migration")
    engine = create_engine(db_url)
    with engine.begin() as conn:  # back to the shape version 3 wrote
        for table in store_schema.V5_TABLES:
            conn.execute(text(f"DROP TABLE {table.name}"))
        for table, column, _ in store_schema.V5_COLUMNS:
            if table.name == store_schema.contributions.name:
                conn.execute(text(f"ALTER TABLE {table.name} DROP COLUMN {column}"))
        for table in store_schema.V4_TABLES:
            conn.execute(text(f"DROP TABLE {table.name}"))
        for table, column, _ in store_schema.V4_COLUMNS:
            conn.execute(text(f"ALTER TABLE {table.name} DROP COLUMN {column}"))
        conn.execute(store_schema.meta.update().values(value="3"))
    engine.dispose()
    with Workspace.open(url=db_url) as ws:
        with ws.engine.connect() as conn:
            assert store_schema.stored_version(conn) == store_schema.SCHEMA_VERSION
        phone = _device()
        mine = ws.join_room(room.token or "", device=phone)
        assert ws.join_room(room.token or "", device=phone).id == mine.id
        assert [c.text for c in ws.participant(before.token or "").mine()] == ["avant migration"]
        assert ws.aggregates(ENGAGEMENT, "atelier-1").counts == {"comment": 1}


def test_one_device_joining_from_two_tabs_at_once_is_one_participant(
    demo_ws: Workspace, db_url: str
) -> None:
    import threading

    room = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    phone = _device()
    barrier = threading.Barrier(4)
    found: list[str] = []
    failed: list[BaseException] = []

    def tab() -> None:
        with Workspace.open(url=db_url) as ws:
            barrier.wait()
            try:
                found.append(ws.join_room(room.token or "", device=phone).id)
            except BaseException as exc:  # reported below, with the others
                failed.append(exc)

    tabs = [threading.Thread(target=tab) for _ in range(4)]
    for t in tabs:
        t.start()
    for t in tabs:
        t.join(timeout=60)
    assert failed == [] and len(found) == 4 and len(set(found)) == 1
    (after,) = demo_ws.rooms(ENGAGEMENT)
    assert after.joined == 1
