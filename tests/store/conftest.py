"""Every store test runs twice: on a SQLite file and on the real PostgreSQL server.

The PostgreSQL variant gets a schema of its own (a unique name, dropped
afterwards), reached through the URL's ``search_path`` option, so tests can
run in parallel and child processes (CLI, writers) see the same data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection

from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.store import schema as store_schema
from cxkit.validation import revalidate
from tests.conftest import pg_schema


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL on a fresh, empty PostgreSQL schema of this test's own."""
    with pg_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty workspace database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cxkit.db'}"
    url: str = request.getfixturevalue("pg_schema_url")
    return url


@pytest.fixture
def ws(db_url: str) -> Iterator[Workspace]:
    workspace = Workspace.open(url=db_url)
    yield workspace
    workspace.close()


def older_workspace(conn: Connection, version: int, demo: Engagement, summary: str) -> dt.datetime:
    """Tables and rows as a workspace of schema ``version`` left them: the demo at revision 1."""
    tables = list(store_schema.V1_TABLES) + (list(store_schema.V2_TABLES) if version >= 2 else [])
    store_schema.metadata.create_all(conn, tables=tables)
    conn.execute(store_schema.meta.insert().values(key="schema_version", value=str(version)))
    at = dt.datetime.now(dt.UTC)
    conn.execute(
        store_schema.engagements.insert().values(id=demo.id, created_at=at, created_by="alice")
    )
    text = revalidate(demo).text
    conn.execute(
        store_schema.revisions.insert().values(
            engagement_id=demo.id,
            number=1,
            author="alice",
            at=at,
            summary=summary,
            client=demo.engagement.client,
            phase=demo.engagement.phase,
            digest=hashlib.sha256(text.encode()).hexdigest(),
            document=text,
        )
    )
    return at
