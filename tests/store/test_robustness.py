"""A locked, read-only, full or corrupted database: a clear message, nothing stored lost."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, func, select, text, update

from cxkit.errors import SchemaVersionError, StoreError
from cxkit.model import Engagement
from cxkit.sample import large_engagement
from cxkit.store import Workspace
from cxkit.store import schema as store_schema
from cxkit.store.schema import meta
from tests.store.conftest import older_workspace


def _renamed(engagement: Engagement, name: str) -> Engagement:
    edited = engagement.model_copy(deep=True)
    edited.strategy.pillars[0].name = name
    return edited


@pytest.fixture
def sqlite_ws(tmp_path: Path, demo: Engagement) -> Workspace:
    ws = Workspace.open(folder=tmp_path, busy_timeout=0.2)
    ws.create(demo, "alice")
    return ws


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_ws: Workspace) -> None:
    with sqlite_ws.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 200


def test_a_locked_database_says_so_and_keeps_what_was_stored(
    sqlite_ws: Workspace, tmp_path: Path, demo: Engagement
) -> None:
    other = sqlite3.connect(tmp_path / "cxkit.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreError, match="verrouillée"):
            sqlite_ws.save(_renamed(demo, "Pendant le verrou"), "bob", base_revision=1)
        assert sqlite_ws.load(demo.id).engagement == demo  # readers are not blocked (WAL)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert sqlite_ws.save(_renamed(demo, "Après le verrou"), "bob", base_revision=1).number == 2


def test_a_contribution_while_the_database_is_locked_says_so_and_writes_nothing(
    sqlite_ws: Workspace, tmp_path: Path, demo: Engagement
) -> None:
    (inv,) = sqlite_ws.invite(demo.id, "atelier-1")
    session = sqlite_ws.participant(inv.token or "")
    other = sqlite3.connect(tmp_path / "cxkit.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="verrouillée"):
            session.submit("comment", text="pendant le verrou")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert sqlite_ws.contributions(demo.id) == []
    session.submit("comment", text="après le verrou")
    assert [c.text for c in sqlite_ws.contributions(demo.id)] == ["après le verrou"]


def test_a_read_only_database_refuses_writes_with_a_message(
    sqlite_ws: Workspace, tmp_path: Path, demo: Engagement
) -> None:
    (inv,) = sqlite_ws.invite(demo.id, "atelier-1")
    token = inv.token or ""
    sqlite_ws.close()
    url = f"sqlite:///file:{tmp_path / 'cxkit.db'}?mode=ro&uri=true"
    with Workspace.open(url=url) as ro:
        assert ro.load(demo.id).engagement == demo
        with pytest.raises(StoreError, match="lecture seule"):
            ro.save(_renamed(demo, "Refusé"), "bob", base_revision=1)
        with pytest.raises(StoreError, match="lecture seule"):
            ro.participant(token).submit("comment", text="refusé aussi")
    with Workspace.open(folder=tmp_path) as ws:
        assert [r.number for r in ws.history(demo.id)] == [1]
        assert ws.contributions(demo.id) == []


def test_a_full_disk_loses_nothing_already_stored(sqlite_ws: Workspace, demo: Engagement) -> None:
    @event.listens_for(sqlite_ws.engine, "connect")
    def _small_disk(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    sqlite_ws.engine.dispose()
    big = large_engagement(interviews=60, competitors=5, criteria=5, standards=20, actions=50)
    big.engagement.id = demo.id
    with pytest.raises(StoreError, match="plein"):
        sqlite_ws.save(big, "bob", base_revision=1)
    assert sqlite_ws.load(demo.id).engagement == demo
    assert [r.number for r in sqlite_ws.history(demo.id)] == [1]


def test_a_corrupted_file_is_named_and_left_untouched(tmp_path: Path) -> None:
    damaged = tmp_path / "cxkit.db"
    damaged.write_bytes(b"SQLite format 2\x00" + b"\x13" * 4000)
    before = damaged.read_bytes()
    with pytest.raises(StoreError, match="endommagée"):
        Workspace.open(folder=tmp_path)
    assert damaged.read_bytes() == before


def test_an_unreachable_server_is_named_without_its_password() -> None:
    with pytest.raises(StoreError, match="injoignable") as caught:
        Workspace.open(url="postgresql+psycopg://cxkit:secret@127.0.0.1:1/cxkit")
    assert "secret" not in str(caught.value)


def test_a_connection_the_server_dropped_is_named_then_replaced(
    pg_schema_url: str, demo: Engagement
) -> None:
    """A PostgreSQL restart between two submissions: one clear refusal, then it works again."""
    with Workspace.open(url=pg_schema_url) as ws:
        ws.create(demo, "alice")
        (inv,) = ws.invite(demo.id, "atelier-1")
        session = ws.participant(inv.token or "")
        session.submit("comment", text="avant la coupure")
        raw = ws.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
            cursor.close()
            raw.commit()
        finally:
            raw.close()  # back to the pool: the connection the next submission takes
        admin = create_engine(pg_schema_url)
        with admin.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        with pytest.raises(StoreError, match="injoignable"):
            session.submit("comment", text="pendant la coupure")
        session.submit("comment", text="après la coupure")
        assert [c.text for c in ws.contributions(demo.id)] == [
            "avant la coupure",
            "après la coupure",
        ]


def test_a_transaction_that_fails_midway_leaves_nothing(db_url: str, demo: Engagement) -> None:
    """Drivers run in autocommit and the store opens its transactions itself: they still hold."""
    with Workspace.open(url=db_url) as ws:
        with pytest.raises(RuntimeError), ws.db.write() as conn:
            conn.execute(
                store_schema.engagements.insert().values(
                    id=demo.id, created_at=dt.datetime.now(dt.UTC), created_by="alice"
                )
            )
            raise RuntimeError("the second statement of this transaction fails")
        assert ws.list_engagements() == []
        with ws.engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(store_schema.engagements))
            assert count.scalar_one() == 0
        ws.create(demo, "alice")
        assert [s.id for s in ws.list_engagements()] == [demo.id]


def test_a_folder_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="dossier"):
        Workspace.open(folder=blocker / "workspace")


def test_a_newer_schema_is_refused_and_left_as_it_is(db_url: str, demo: Engagement) -> None:
    with Workspace.open(url=db_url) as ws:
        ws.create(demo, "alice")
        with ws.engine.begin() as conn:
            conn.execute(update(meta).values(value="99"))
    with pytest.raises(SchemaVersionError, match="99"):
        Workspace.open(url=db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(select(meta.c.value)).scalar() == "99"
    engine.dispose()


def test_an_older_schema_is_migrated_keeping_its_revisions(db_url: str, demo: Engagement) -> None:
    # A version-1 workspace: revisions but no participants' tables yet.
    engine = create_engine(db_url)
    with engine.begin() as conn:
        older_workspace(conn, 1, demo, "v1")
    engine.dispose()
    with Workspace.open(url=db_url) as ws:
        assert ws.load(demo.id).engagement == demo
        assert [r.summary for r in ws.history(demo.id)] == ["v1"]
        (inv,) = ws.invite(demo.id, "atelier-1")
        ws.participant(inv.token or "").submit("comment", text="après migration")
        assert [c.text for c in ws.contributions(demo.id)] == ["après migration"]
        with ws.engine.connect() as conn:
            assert store_schema.stored_version(conn) == store_schema.SCHEMA_VERSION == 6
