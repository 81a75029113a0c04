"""Where the workspace lives, how to connect to it, and what its failures mean.

SQLite (the default, one file in the workspace folder) runs in WAL mode, so
readers never wait for a writer, with a busy timeout so that writers queue
instead of failing, and foreign keys on. Write transactions start with
``BEGIN IMMEDIATE`` there: a transaction that reads then writes takes the
write lock first, so two of them cannot deadlock on the lock upgrade.

On every backend the driver is left in autocommit and the store emits
``BEGIN`` itself when a transaction starts: a statement run alone (a
participant's contribution, see :class:`DriverStatement`) is its own
transaction in one round trip, with no mode to switch on and off.

Database failures become :class:`~cxkit.errors.StoreError` with a message a
consultant can act on (locked, read-only, full, corrupted, unreachable);
the failed transaction is rolled back, so what was stored before is intact.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

from cxkit.errors import CxkitError, StoreError
from cxkit.paths import workspace_dir

DB_FILE = "cxkit.db"
BUSY_TIMEOUT_S = 30.0
"""How long a SQLite writer waits for another one before the store says "locked"."""


def workspace_folder() -> Path:
    """``CXKIT_WORKSPACE`` if set, else ``./workspace`` (one definition: :mod:`cxkit.paths`)."""
    return workspace_dir()


def resolve_url(url: str | None = None, folder: str | os.PathLike[str] | None = None) -> str:
    """The database URL: the one given, else ``CXKIT_DB_URL``, else the workspace's SQLite file."""
    if url:
        return url
    if folder is None and os.environ.get("CXKIT_DB_URL"):
        return os.environ["CXKIT_DB_URL"]
    base = Path(folder) if folder is not None else workspace_folder()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            "error.store.folder", path=str(base), detail=exc.strerror or str(exc)
        ) from None
    return f"sqlite:///{(base / DB_FILE).resolve()}"


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return url


def _sqlite_settings(busy_timeout: float) -> Any:
    def connect(dbapi_conn: Any, _record: Any) -> None:
        _sqlite_connect(dbapi_conn, busy_timeout)

    return connect


def _sqlite_connect(dbapi_conn: Any, busy_timeout: float) -> None:
    # The driver's own transaction handling is off: we emit BEGIN ourselves.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            # A read-only file keeps its journal mode; reading it still works.
            with contextlib.suppress(sqlite3.OperationalError):
                cur.execute("PRAGMA journal_mode = WAL")
        # FULL: a contribution is on disk when submit() returns, even across a power cut.
        cur.execute("PRAGMA synchronous = FULL")
    finally:
        cur.close()


def _begin(conn: Connection) -> None:
    """Open the transaction the driver, in autocommit, does not."""
    write = conn.get_execution_options().get("cxkit_write")
    immediate = write and conn.dialect.name == "sqlite"
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT_S) -> Engine:
    """An engine for ``url`` with the workspace's settings for its backend."""
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        raise StoreError("error.store.url", url=url) from None
    # Every transaction() ends in a commit or a rollback: the pool's extra
    # rollback on return would only add a round trip per operation.
    kwargs: dict[str, Any] = {"pool_reset_on_return": None}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": busy_timeout, "check_same_thread": False}
    else:
        kwargs["isolation_level"] = "AUTOCOMMIT"  # SQLite's is set on connect, below
    try:
        engine = create_engine(url, **kwargs)
    except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ImportError) as exc:
        raise StoreError("error.store.url", url=display_url(url), detail=str(exc)) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_settings(busy_timeout))
    event.listen(engine, "begin", _begin)
    return engine


_SQLITE_MESSAGES = (
    ("database is locked", "error.store.locked"),
    ("database table is locked", "error.store.locked"),
    ("readonly database", "error.store.readonly"),
    ("read-only", "error.store.readonly"),
    ("disk is full", "error.store.full"),
    ("database or disk is full", "error.store.full"),
    ("malformed", "error.store.corrupted"),
    ("file is not a database", "error.store.corrupted"),
    ("unable to open database", "error.store.unopenable"),
    ("disk i/o error", "error.store.io"),
)


def translate(exc: sa_exc.StatementError, url: str) -> StoreError:
    """The catalog error that says what went wrong with the database."""
    detail = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = detail.lower()
    where = display_url(url)
    for needle, key in _SQLITE_MESSAGES:
        if needle in lowered:
            return StoreError(key, url=where, detail=detail)
    if isinstance(exc, sa_exc.OperationalError) and (
        "connection" in lowered or "could not" in lowered
    ):
        return StoreError("error.store.unreachable", url=where, detail=detail.splitlines()[0])
    return StoreError("error.store.failed", url=where, detail=detail.splitlines()[0])


@contextmanager
def transaction(engine: Engine, url: str, *, write: bool = False) -> Iterator[Connection]:
    """One transaction; database failures come out as StoreError, after rollback.

    An IntegrityError is passed through unchanged: the callers that can meet
    one (two saves racing for the same revision number) turn it into a
    conflict themselves.
    """
    try:
        with engine.connect() as conn:
            if write:
                conn = conn.execution_options(cxkit_write=True)
            with conn.begin():
                yield conn
    except (CxkitError, sa_exc.IntegrityError):
        raise
    except sa_exc.DBAPIError as exc:
        raise translate(exc, url) from exc


class DriverStatement:
    """One Core statement, compiled once for an engine, run on the driver's connection.

    For the participants' hot path (twenty phones submitting at once): SQLAlchemy's
    per-call work (connection events, compiled-cache lookup, result wrapping) costs
    as much as the statement itself. The statement is still built with Core, its
    parameters still go through the dialect's bind processors (a datetime is
    written exactly as Core writes it), and, the driver being in autocommit, it is
    its own transaction: one round trip, and SQLite's write lock held for that
    statement only. Failures are translated like :func:`transaction`'s.
    """

    def __init__(self, engine: Engine, url: str, statement: ClauseElement) -> None:
        dialect = engine.dialect
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
        self.engine = engine
        self.url = url
        self.sql = str(compiled)
        self.order: tuple[str, ...] | None = (
            tuple(compiled.positiontup or ()) if dialect.positional else None
        )
        self.processors = {
            name: processor
            for name, bind in compiled.binds.items()
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }

    def first(self, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """Run the statement with ``params``; its first row (RETURNING), or None."""
        for name, processor in self.processors.items():
            params[name] = processor(params[name])
        args: Any = [params[name] for name in self.order] if self.order is not None else params
        dialect = self.engine.dialect
        raw = self.engine.raw_connection()
        cursor = None
        try:
            cursor = raw.cursor()
            try:
                cursor.execute(self.sql, args)
                row = cursor.fetchone()
            finally:
                cursor.close()  # SQLite commits the statement when it is reset
        except dialect.loaded_dbapi.Error as exc:
            wrapped = sa_exc.DBAPIError.instance(
                self.sql, args, exc, dialect.loaded_dbapi.Error, dialect=dialect
            )
            if dialect.is_disconnect(exc, raw.dbapi_connection, cursor):
                raw.invalidate(exc)
            if isinstance(wrapped, sa_exc.IntegrityError):
                raise wrapped from exc
            raise translate(wrapped, self.url) from exc
        finally:
            raw.close()
        return None if row is None else tuple(row)
