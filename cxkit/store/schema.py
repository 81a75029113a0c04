"""The workspace's tables, the schema version they carry, and the migrations.

Revisions hold the validated engagement document as JSON text: a revision is
what ``cxkit export`` writes, so nothing is lost between the store and a
file. Contributions and decisions are append-only: a facilitator's adopt,
merge or reject is a new ``decisions`` row beside the contribution, never an
update of it. Revision numbers are unique per engagement (primary key), which
makes two saves on the same base revision race-free on every backend: the
second insert fails and becomes a :class:`~cxkit.errors.RevisionConflict`.

The live room (version 4): a contribution's first moderation state is
written with it (``shown``, or ``pending`` when the workshop asks to approve
first); the facilitator's approvals and hidings are rows of ``moderation``
beside it, the latest one wins. ``workshop_live`` and ``activity_live`` hold
what the facilitator set for a workshop and each of its activities.

The method's activities (version 5): a contribution may carry a ``payload``,
a JSON object of the fields its kind defines (a KPI proposal's indicator,
unit and target; a placement's impact and ease; a ranking's order); an
activity may carry ``options``, a JSON object the facilitator sets (the
candidates ranked, the action leads placed, the cells of a coverage round);
``agenda`` holds a workshop's prepared sequence of activities and
``workshop_live.step`` the step the room is on.

Team cards' links (version 6): ``card_links`` holds the links employees open
to read their team's card (a token's hash, the engagement, the team's scope
as JSON, when it was issued and revoked); the card itself is derived from the
engagement's latest revision each time it is read.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

from cxkit.errors import SchemaVersionError

SCHEMA_VERSION = 6
"""1: engagements, revisions, kept drafts. 2: invitations, contributions, decisions.
3: room passes (one link for a whole room, each join a new invitation).
4: the live room: devices (a room pass's secret, an invitation's room), moderation
(a contribution's first state, then the facilitator's), workshop and activity states.
5: the method's activities: a contribution's payload, an activity's options, the agenda.
6: team cards' links (card_links)."""

metadata = MetaData()

meta = Table(
    "cxkit_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

engagements = Table(
    "cxkit_engagements",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
)

revisions = Table(
    "cxkit_revisions",
    metadata,
    Column("engagement_id", String(200), ForeignKey(engagements.c.id), primary_key=True),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("author", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("summary", Text, nullable=False),
    Column("client", Text, nullable=False),
    Column("phase", String(40), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("document", Text, nullable=False),
)

kept_drafts = Table(
    "cxkit_kept_drafts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("engagement_id", String(200), nullable=False, index=True),
    Column("base_revision", Integer, nullable=False),
    Column("author", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("document", Text, nullable=False),
)

invitations = Table(
    "cxkit_invitations",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("engagement_id", String(200), ForeignKey(engagements.c.id), nullable=False),
    Column("workshop", String(200), nullable=False),
    Column("participant", String(40), nullable=False),
    Column("team", String(60)),
    Column("activities", String(200), nullable=False),
    Column("dots", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("room_id", String(40)),  # the room pass it was joined through (v4)
    Index("ix_cxkit_invitations_scope", "engagement_id", "workshop"),
)

contributions = Table(
    "cxkit_contributions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("invitation_id", String(40), ForeignKey(invitations.c.id), nullable=False),
    Column("engagement_id", String(200), nullable=False),
    Column("workshop", String(200), nullable=False),
    Column("participant", String(40), nullable=False),
    Column("team", String(60)),
    Column("kind", String(40), nullable=False),
    Column("target", Text),
    Column("text", Text),
    Column("value", Float),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("moderation", String(10), nullable=False, server_default="shown"),
    Column("payload", Text),  # JSON object of the kind's fields (v5)
    Index("ix_cxkit_contributions_scope", "engagement_id", "workshop"),
    Index("ix_cxkit_contributions_invitation", "invitation_id", "kind"),
)

decisions = Table(
    "cxkit_decisions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("contribution_seq", Integer, ForeignKey(contributions.c.seq), nullable=False),
    Column("status", String(20), nullable=False),
    Column("author", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("into", String(200)),
    Index("ix_cxkit_decisions_contribution", "contribution_seq"),
)

rooms = Table(
    "cxkit_rooms",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("engagement_id", String(200), ForeignKey(engagements.c.id), nullable=False),
    Column("workshop", String(200), nullable=False),
    Column("activities", String(200), nullable=False),
    Column("dots", Integer, nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("joined", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("device_secret", String(64)),
    Index("ix_cxkit_rooms_scope", "engagement_id", "workshop"),
)

moderation = Table(
    "cxkit_moderation",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("contribution_seq", Integer, ForeignKey(contributions.c.seq), nullable=False),
    Column("state", String(10), nullable=False),
    Column("author", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_cxkit_moderation_contribution", "contribution_seq"),
)

workshop_live = Table(
    "cxkit_workshop_live",
    metadata,
    Column("engagement_id", String(200), primary_key=True),
    Column("workshop", String(200), primary_key=True),
    Column("moderation", String(10), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("step", Integer),  # the agenda's step the room is on (v5)
)

activity_live = Table(
    "cxkit_activity_live",
    metadata,
    Column("engagement_id", String(200), primary_key=True),
    Column("workshop", String(200), primary_key=True),
    Column("activity", String(40), primary_key=True),
    Column("status", String(10), nullable=False),
    Column("results", String(10), nullable=False),
    Column("timer_ends_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("options", Text),  # JSON object the facilitator set for the activity (v5)
)

agenda = Table(
    "cxkit_agenda",
    metadata,
    Column("engagement_id", String(200), primary_key=True),
    Column("workshop", String(200), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("activity", String(40), nullable=False),
    Column("title", Text),
    Column("seconds", Integer),
    Column("options", Text),  # JSON object, as activity_live.options
)

card_links = Table(
    "cxkit_card_links",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("engagement_id", String(200), ForeignKey(engagements.c.id), nullable=False),
    Column("scope", Text, nullable=False),  # JSON object: dimension -> members
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Index("ix_cxkit_card_links_engagement", "engagement_id"),
)

V1_TABLES = (meta, engagements, revisions, kept_drafts)
V2_TABLES = (invitations, contributions, decisions)
V3_TABLES = (rooms,)
V4_TABLES = (moderation, workshop_live, activity_live)
V4_COLUMNS = (
    (rooms, "device_secret", "VARCHAR(64)"),
    (invitations, "room_id", "VARCHAR(40)"),
    (contributions, "moderation", "VARCHAR(10) NOT NULL DEFAULT 'shown'"),
)
V5_TABLES = (agenda,)
V5_COLUMNS = (
    (contributions, "payload", "TEXT"),
    (activity_live, "options", "TEXT"),
    (workshop_live, "step", "INTEGER"),
)
V6_TABLES = (card_links,)


def _add_columns(conn: Connection, columns: tuple[tuple[Table, str, str], ...]) -> None:
    """Add the columns a table lacks (a migration run twice adds nothing)."""
    for table, name, ddl in columns:
        if name not in {c["name"] for c in inspect(conn).get_columns(table.name)}:
            conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} {ddl}"))


def _to_v2(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(V2_TABLES))


def _to_v3(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(V3_TABLES))


def _to_v4(conn: Connection) -> None:
    _add_columns(conn, V4_COLUMNS)
    # Every room pass gets its secret, from which device keys derive personal tokens.
    for (room_id,) in conn.execute(select(rooms.c.id).where(rooms.c.device_secret.is_(None))):
        conn.execute(
            rooms.update().where(rooms.c.id == room_id).values(device_secret=secrets.token_hex(32))
        )
    metadata.create_all(conn, tables=list(V4_TABLES))


def _to_v5(conn: Connection) -> None:
    _add_columns(conn, V5_COLUMNS)
    metadata.create_all(conn, tables=list(V5_TABLES))


def _to_v6(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(V6_TABLES))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _to_v2,
    2: _to_v3,
    3: _to_v4,
    4: _to_v5,
    5: _to_v6,
}
"""``MIGRATIONS[n]`` brings a schema of version n to version n + 1."""


def stored_version(conn: Connection) -> int | None:
    """The schema version written in the database, or None for an empty database."""
    if not conn.dialect.has_table(conn, meta.name):
        return None
    value = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(value) if value is not None else None


def prepare(conn: Connection, url: str) -> None:
    """Create, or migrate, the schema inside the caller's (write) transaction.

    Refuses a schema newer than this cxkit: writing to it could drop what the
    newer version stores.
    """
    if conn.dialect.name == "postgresql":
        # One process at a time creates or migrates (DDL is transactional there).
        conn.execute(text("SELECT pg_advisory_xact_lock(7263001)"))
    version = stored_version(conn)
    if version == SCHEMA_VERSION:
        return
    if version is None:
        metadata.create_all(conn)
        conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        return
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            "error.store.schema_newer", found=version, supported=SCHEMA_VERSION, url=url
        )
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](conn)
        version += 1
    conn.execute(
        meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION))
    )
