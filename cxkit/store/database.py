"""One workspace database as the store's modules see it: transactions and prepared statements.

:class:`Database` is the unit of work the store's modules receive (the
revisions, invitations, contributions, rooms, aggregates and adoption
modules), instead of the :class:`~cxkit.store.workspace.Workspace` façade:
``read()`` and ``write()`` open one transaction and hand back a typed
SQLAlchemy ``Connection``; ``statement()`` compiles a Core statement once for
the participants' hot path (see :class:`~cxkit.store.engine.DriverStatement`).
It also keeps the documents this process saved last, so the next save of an
engagement diffs against them without re-reading the previous revision.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.sql.elements import ClauseElement

from cxkit.store.engine import DriverStatement, display_url, transaction

SAVED_DOCUMENTS = 4
"""Documents of engagements this process saved last, kept to diff the next save against."""


@dataclass(frozen=True)
class SavedDocument:
    number: int
    digest: str
    document: Any  # the engagement as plain JSON data


class RecentDocuments:
    """The documents this process saved last, by engagement (a small LRU, thread-safe)."""

    def __init__(self, size: int = SAVED_DOCUMENTS) -> None:
        self._size = size
        self._kept: dict[str, SavedDocument] = {}
        self._lock = threading.Lock()  # one workspace may serve several threads

    def get(self, engagement_id: str) -> SavedDocument | None:
        return self._kept.get(engagement_id)

    def put(self, engagement_id: str, saved: SavedDocument) -> None:
        with self._lock:
            self._kept.pop(engagement_id, None)
            self._kept[engagement_id] = saved
            while len(self._kept) > self._size:
                del self._kept[next(iter(self._kept))]  # the least recently saved


class Database:
    """The engine of one workspace database, its transactions and its prepared statements."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.recent = RecentDocuments()
        self._prepared: dict[ClauseElement, DriverStatement] = {}

    def __repr__(self) -> str:
        return f"Database({display_url(self.url)!r})"

    def read(self) -> AbstractContextManager[Connection]:
        """One read transaction; database failures come out as StoreError."""
        return transaction(self.engine, self.url)

    def write(self) -> AbstractContextManager[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite): all of it or nothing."""
        return transaction(self.engine, self.url, write=True)

    def statement(self, statement: ClauseElement) -> DriverStatement:
        """``statement`` compiled once for this database (the participants' hot path)."""
        prepared = self._prepared.get(statement)
        if prepared is None:
            prepared = self._prepared[statement] = DriverStatement(self.engine, self.url, statement)
        return prepared

    def dispose(self) -> None:
        self.engine.dispose()
