"""Room links: one link for the room, each join a new participant with a personal token."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, update

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.model import Engagement
from cxkit.store import Workspace, participant_link, room_link
from cxkit.store import schema as store_schema
from cxkit.store.schema import contributions, invitations, rooms
from cxkit.store.tokens import hash_token
from tests.store.conftest import older_workspace

ENGAGEMENT = "horizon-mutuelle"


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def _count(ws: Workspace, table: Any = invitations) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_each_join_is_a_new_participant_with_a_working_personal_token(demo_ws: Workspace) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1", dots=3, activities=("vote", "comment"))
    assert room.token and room.capacity == 60 and room.joined == 0 and room.active
    with demo_ws.engine.connect() as conn:
        stored = conn.execute(select(rooms.c.token_hash)).scalar_one()
    assert stored == hash_token(room.token) and room.token not in stored

    first = demo_ws.join_room(room.token)
    second = demo_ws.join_room(room.token, workshop="atelier-1")
    assert first.token and second.token and first.token != second.token != room.token
    assert first.participant != second.participant
    for joined in (first, second):
        assert (joined.workshop, joined.engagement) == ("atelier-1", ENGAGEMENT)
        assert joined.activities == ("vote", "comment") and joined.dots == 3
        assert joined.expires_at == room.expires_at and joined.team is None
    session = demo_ws.participant(first.token)
    session.submit("comment", text="Par le lien de la salle")
    assert [c.text for c in session.mine()] == ["Par le lien de la salle"]
    assert demo_ws.participant(second.token).mine() == []
    with pytest.raises(AccessDenied):
        demo_ws.participant(room.token)  # a room link is not a personal link

    (listed,) = demo_ws.rooms(ENGAGEMENT, "atelier-1")
    assert listed.id == room.id and listed.token is None and listed.joined == 2
    assert demo_ws.room(room.token).joined == 2
    assert demo_ws.rooms(ENGAGEMENT, "atelier-2") == []


def test_forged_expired_closed_and_other_workshop_links_are_refused_writing_nothing(
    demo_ws: Workspace,
) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    short = demo_ws.open_room(ENGAGEMENT, "atelier-1", expires=dt.timedelta(minutes=1))
    closed = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    assert room.token and short.token and closed.token
    with demo_ws.db.write() as conn:
        conn.execute(
            update(rooms)
            .where(rooms.c.id == short.id)
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    demo_ws.close_room(closed.id)
    before = _count(demo_ws)
    refusals = {
        "forged": (room.token[:-2] + "xx", None),
        "empty": ("", None),
        "expired": (short.token, None),
        "closed": (closed.token, None),
        "other": (room.token, "atelier-2"),
    }
    keys = {}
    for name, (token, workshop) in refusals.items():
        with pytest.raises(AccessDenied) as refused:
            demo_ws.join_room(token, workshop=workshop)
        keys[name] = refused.value.key
    assert keys == {
        "forged": "error.room.unknown_token",
        "empty": "error.room.unknown_token",
        "expired": "error.room.expired",
        "closed": "error.room.closed",
        "other": "error.participant.other_workshop",
    }
    assert "animateur" in AccessDenied("error.room.closed").message("fr")
    assert _count(demo_ws) == before == 0
    assert [r.joined for r in demo_ws.rooms(ENGAGEMENT)] == [0, 0, 0]
    assert demo_ws.room(closed.token).problem == "error.room.closed"
    with pytest.raises(AccessDenied):
        demo_ws.room("not-a-room-token-at-all")


def test_closing_stops_joins_but_not_the_personal_links_already_given(
    demo_ws: Workspace,
) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    assert room.token
    inside = demo_ws.join_room(room.token)
    demo_ws.close_room(room.token)  # by token, as well as by id
    demo_ws.close_room(room.id)  # twice changes nothing
    with pytest.raises(AccessDenied):
        demo_ws.join_room(room.token)
    assert inside.token
    demo_ws.participant(inside.token).submit("comment", text="toujours là")
    with pytest.raises(NotFound):
        demo_ws.close_room("r-unknown")


def test_renewing_gives_a_new_room_link_keeping_the_count_and_the_personal_links(
    demo_ws: Workspace,
) -> None:
    room = demo_ws.open_room(ENGAGEMENT, "atelier-1", dots=2, activities=("comment",), capacity=4)
    assert room.token
    inside = demo_ws.join_room(room.token)
    assert inside.token
    renewed = demo_ws.renew_room(room.id)  # what a reloaded live screen does
    assert renewed.token and renewed.token != room.token
    assert (renewed.id, renewed.joined, renewed.capacity) == (room.id, 1, 4)
    assert (renewed.expires_at, renewed.activities, renewed.dots) == (
        room.expires_at,
        ("comment",),
        2,
    )
    with demo_ws.engine.connect() as conn:
        stored = conn.execute(select(rooms.c.token_hash)).scalar_one()
    assert stored == hash_token(renewed.token)
    # The old room link stops working; the new one joins; the personal link given before stays.
    before = _count(demo_ws)
    with pytest.raises(AccessDenied) as refused:
        demo_ws.join_room(room.token)
    assert refused.value.key == "error.room.unknown_token" and _count(demo_ws) == before
    later = demo_ws.join_room(renewed.token)
    assert later.dots == 2 and later.activities == ("comment",)
    demo_ws.participant(inside.token).submit("comment", text="avant le rechargement")
    (listed,) = demo_ws.rooms(ENGAGEMENT)
    assert listed.id == room.id and listed.joined == 2

    # A closed (or expired) pass is not renewed: the message says to open a new one.
    demo_ws.close_room(room.id)
    with pytest.raises(StoreError) as closed:
        demo_ws.renew_room(room.id)
    assert closed.value.key == "error.room.renew_closed"
    assert "Ouvrez un nouveau lien" in closed.value.message("fr")
    short = demo_ws.open_room(ENGAGEMENT, "atelier-1")
    assert short.token
    with demo_ws.db.write() as conn:
        conn.execute(
            update(rooms)
            .where(rooms.c.id == short.id)
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    with pytest.raises(StoreError) as expired:
        demo_ws.renew_room(short.id)
    assert expired.value.key == "error.room.renew_expired"
    assert demo_ws.room(short.token).id == short.id  # refused, nothing changed
    with pytest.raises(NotFound):
        demo_ws.renew_room("r-unknown")


def test_settings_are_checked_before_anything_is_written(demo_ws: Workspace) -> None:
    bad: list[dict[str, Any]] = [
        {"capacity": 0},
        {"capacity": 501},
        {"dots": 0},
        {"expires": dt.timedelta(0)},
        {"activities": ("vote", "dance")},
    ]
    for options in bad:
        with pytest.raises(StoreError):
            demo_ws.open_room(ENGAGEMENT, "atelier-1", **options)
    with pytest.raises(NotFound):
        demo_ws.open_room(ENGAGEMENT, "atelier-9")
    with pytest.raises(NotFound):
        demo_ws.open_room("nope", "atelier-1")
    assert _count(demo_ws, rooms) == 0


def test_room_and_personal_links_use_different_keys() -> None:
    assert room_link("http://h:1/f?x=1&token=old", "ROOM") == "http://h:1/f?x=1&room=ROOM"
    assert participant_link("http://h:1/", "TOK") == "http://h:1/?token=TOK"
    assert room_link("", "R").endswith("/?room=R")


JOINERS = 8
CAPACITY = 5


def test_concurrent_joins_never_exceed_the_capacity(db_url: str, demo: Engagement) -> None:
    with Workspace.open(url=db_url) as ws:
        ws.create(demo, "alice")
        room = ws.open_room(ENGAGEMENT, "atelier-1", capacity=CAPACITY)
    assert room.token
    barrier = threading.Barrier(JOINERS)
    joined: list[str] = []
    refused: list[str] = []
    failed: list[BaseException] = []

    def join() -> None:
        # One workspace (engine, connection) per joiner, like one per participant's kernel.
        with Workspace.open(url=db_url) as mine:
            barrier.wait()
            try:
                joined.append(mine.join_room(room.token or "").participant)
            except AccessDenied as exc:
                refused.append(exc.key)
            except BaseException as exc:
                failed.append(exc)

    threads = [threading.Thread(target=join) for _ in range(JOINERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failed == []
    assert len(joined) == len(set(joined)) == CAPACITY
    assert refused == ["error.room.full"] * (JOINERS - CAPACITY)
    with Workspace.open(url=db_url) as ws:
        assert _count(ws) == CAPACITY
        assert sorted(i.participant for i in ws.invitations(ENGAGEMENT)) == sorted(joined)
        (after,) = ws.rooms(ENGAGEMENT)
        assert after.joined == CAPACITY and after.problem == "error.room.full"


def test_a_version_2_workspace_is_migrated_keeping_its_participants(
    db_url: str, demo: Engagement
) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        at = older_workspace(conn, 2, demo, "v2")
        conn.execute(
            invitations.insert().values(
                id="i-old",
                token_hash=hash_token("an-old-personal-token-0123"),
                engagement_id=demo.id,
                workshop="atelier-1",
                participant="p-old",
                activities="comment",
                dots=5,
                created_at=at,
                expires_at=at + dt.timedelta(hours=1),
            )
        )
        conn.execute(
            contributions.insert().values(
                invitation_id="i-old",
                engagement_id=demo.id,
                workshop="atelier-1",
                participant="p-old",
                kind="comment",
                text="avant migration",
                anonymous=False,
                at=at,
            )
        )
    engine.dispose()
    with Workspace.open(url=db_url) as ws:
        assert [r.summary for r in ws.history(demo.id)] == ["v2"]
        old = ws.participant("an-old-personal-token-0123")
        assert [c.text for c in old.mine()] == ["avant migration"]
        room = ws.open_room(demo.id, "atelier-1")
        assert ws.join_room(room.token or "").participant != "p-old"
        with ws.engine.connect() as conn:
            assert store_schema.stored_version(conn) == store_schema.SCHEMA_VERSION == 6
