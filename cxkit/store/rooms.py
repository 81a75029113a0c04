"""Room links: one link (one QR code) for a whole room, each join a personal invitation.

A room pass is scoped to one engagement and one workshop and carries the
settings of the invitations it hands out (activities, dots, expiry). Its
token is random, shown once when the pass is opened and stored only as its
SHA-256 hash, like an invitation's. Joining checks the pass and takes one
of its places in a single ``UPDATE … WHERE joined < capacity`` inside the
transaction that inserts the new invitation: on PostgreSQL the row lock
serializes concurrent joins and the condition is re-evaluated on the
updated row; on SQLite the write transaction (``BEGIN IMMEDIATE``) holds
the database. So a room of capacity N never admits N + 1, and a join that
fails writes nothing.

A screen that lost the token (a reloaded page) renews it: a new token on
the same pass, so the count and the personal links stay, and the old room
link stops working.

Closing a pass stops new joins only: the personal links already handed out
keep working (revoke them one by one with :meth:`Workspace.revoke`).
Imports stay light: the participants' kernel joins rooms.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, RowMapping, or_, select, update

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.invitations import (
    ROOM_ACTIVITIES,
    Invitation,
    check_settings,
    hash_token,
    new_invitation,
)
from cxkit.store.schema import invitations, rooms

if TYPE_CHECKING:
    from cxkit.store.workspace import Workspace

DEFAULT_CAPACITY = 60
MAX_CAPACITY = 500
TOKEN_BYTES = 12
"""A room token is 16 URL-safe characters (96 random bits): short enough to read off a screen."""


@dataclass(frozen=True)
class RoomPass:
    """One room link. ``token`` is only set when the pass is opened."""

    id: str
    token: str | None
    engagement: str
    workshop: str
    expires_at: dt.datetime
    activities: tuple[str, ...]
    dots: int
    capacity: int
    joined: int
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None

    @property
    def problem(self) -> str | None:
        """Why a join would be refused now (a catalog key), or None if it is open."""
        if self.revoked_at is not None:
            return "error.room.closed"
        if self.expires_at <= dt.datetime.now(dt.UTC):
            return "error.room.expired"
        if self.joined >= self.capacity:
            return "error.room.full"
        return None

    @property
    def active(self) -> bool:
        """Still admitting people (not closed, not expired, not full)."""
        return self.problem is None


def _pass(row: RowMapping | dict[str, Any], token: str | None = None) -> RoomPass:
    from cxkit.store.workspace import aware

    revoked = row["revoked_at"]
    return RoomPass(
        id=row["id"],
        token=token,
        engagement=row["engagement_id"],
        workshop=row["workshop"],
        expires_at=aware(row["expires_at"]),
        activities=tuple(a for a in row["activities"].split(",") if a),
        dots=row["dots"],
        capacity=row["capacity"],
        joined=row["joined"],
        created_at=aware(row["created_at"]),
        revoked_at=aware(revoked) if revoked is not None else None,
    )


def open_room(
    ws: Workspace,
    engagement_id: str,
    workshop_id: str,
    *,
    expires: dt.timedelta = dt.timedelta(hours=8),
    activities: Iterable[str] = ROOM_ACTIVITIES,
    dots: int = 5,
    capacity: int = DEFAULT_CAPACITY,
) -> RoomPass:
    """A new room pass for one workshop of the engagement; its token is in the result only."""
    from cxkit.store.workspace import now

    opened = check_settings(activities, expires, dots)
    if isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        raise StoreError("error.room.capacity", capacity=capacity, max=MAX_CAPACITY)
    document = ws.document(engagement_id)  # plain data; NotFound for an unknown engagement
    known = [str(w["id"]) for w in document.get("workshops", [])]
    if workshop_id not in known:
        raise NotFound(
            "error.invite.no_workshop",
            id=engagement_id,
            workshop=workshop_id,
            known=", ".join(known) or "∅",
        )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    created = now()
    row = {
        "id": f"r-{secrets.token_hex(5)}",
        "token_hash": hash_token(token),
        "engagement_id": engagement_id,
        "workshop": workshop_id,
        "activities": ",".join(opened),
        "dots": dots,
        "capacity": capacity,
        "joined": 0,
        "created_at": created,
        "expires_at": created + expires,
        "revoked_at": None,
    }
    with ws._write() as conn:
        conn.execute(rooms.insert().values(**row))
    return _pass(row, token)


def list_rooms(ws: Workspace, engagement_id: str, workshop: str | None = None) -> list[RoomPass]:
    """The room passes of an engagement (of one workshop), oldest first, without tokens."""
    query = select(rooms).where(rooms.c.engagement_id == engagement_id)
    if workshop is not None:
        query = query.where(rooms.c.workshop == workshop)
    with ws._read() as conn:
        found = conn.execute(query.order_by(rooms.c.created_at, rooms.c.id)).mappings()
        return [_pass(r) for r in found]


def close_room(ws: Workspace, room_id_or_token: str) -> None:
    """Close a room pass, by its id or its token: nobody else can join through it."""
    from cxkit.store.workspace import now

    match = or_(rooms.c.id == room_id_or_token, rooms.c.token_hash == hash_token(room_id_or_token))
    with ws._write() as conn:
        if conn.execute(select(rooms.c.id).where(match)).first() is None:
            raise NotFound("error.room.unknown", id=room_id_or_token[:12])
        conn.execute(
            update(rooms).where(match & rooms.c.revoked_at.is_(None)).values(revoked_at=now())
        )


def renew_room(ws: Workspace, room_id: str) -> RoomPass:
    """A new token for an open room pass, returned once; the old room link stops working.

    For a screen that lost the token (a reloaded page starts a new kernel):
    the pass keeps its id, capacity, joined count, expiry and settings, and
    the personal links handed out through it keep working. NotFound for an
    unknown id; StoreError for a pass closed or expired (open a new one).
    """
    from cxkit.store.workspace import aware, now

    token = secrets.token_urlsafe(TOKEN_BYTES)
    at = now()
    with ws._write() as conn:
        row = conn.execute(select(rooms).where(rooms.c.id == room_id)).mappings().first()
        if row is None:
            raise NotFound("error.room.unknown", id=str(room_id)[:12])
        if row["revoked_at"] is not None:
            raise StoreError("error.room.renew_closed", id=room_id)
        if aware(row["expires_at"]) <= at:
            raise StoreError("error.room.renew_expired", id=room_id)
        conn.execute(
            update(rooms)
            .where(
                (rooms.c.id == room_id) & rooms.c.revoked_at.is_(None) & (rooms.c.expires_at > at)
            )
            .values(token_hash=hash_token(token))
        )
        row = conn.execute(select(rooms).where(rooms.c.id == room_id)).mappings().one()
    return _pass(row, token)


def _find(conn: Connection, room_token: object) -> RowMapping:
    """The pass of a token, whatever its state; AccessDenied if there is none (constant time)."""
    if not isinstance(room_token, str) or not 8 <= len(room_token) <= 200:
        raise AccessDenied("error.room.unknown_token")
    token_hash = hash_token(room_token)
    row = conn.execute(select(rooms).where(rooms.c.token_hash == token_hash)).mappings().first()
    if row is None or not hmac.compare_digest(row["token_hash"], token_hash):
        raise AccessDenied("error.room.unknown_token")
    return row


def find_room(ws: Workspace, room_token: str) -> RoomPass:
    """The pass behind a room link (open or not: see ``.problem``); AccessDenied if forged."""
    with ws._read() as conn:
        return _pass(_find(conn, room_token))


def join_room(ws: Workspace, room_token: str, *, workshop: str | None = None) -> Invitation:
    """A new personal invitation (new participant, plain token) through an open room pass.

    AccessDenied, with nothing written, if the pass is forged, closed,
    expired, full, or (``workshop`` given) of another workshop.
    """
    from cxkit.store.workspace import now

    at = now()
    with ws._write() as conn:
        row = _find(conn, room_token)
        if workshop is not None and row["workshop"] != workshop:
            raise AccessDenied("error.participant.other_workshop")
        problem = _pass(row).problem
        if problem is not None:
            raise AccessDenied(problem, capacity=row["capacity"])
        taken = conn.execute(
            update(rooms)
            .where(
                (rooms.c.id == row["id"])
                & rooms.c.revoked_at.is_(None)
                & (rooms.c.expires_at > at)
                & (rooms.c.joined < rooms.c.capacity)
            )
            .values(joined=rooms.c.joined + 1)
        ).rowcount
        if taken != 1:
            # Someone took the last place (or closed the room) since the row was read.
            fresh = _pass(_find(conn, room_token))
            raise AccessDenied(fresh.problem or "error.room.full", capacity=fresh.capacity)
        created, invitation = new_invitation(
            row["engagement_id"],
            row["workshop"],
            activities=_pass(row).activities,
            dots=row["dots"],
            created_at=at,
            expires_at=row["expires_at"],
        )
        conn.execute(invitations.insert().values(**created))
    return invitation


__all__ = [
    "DEFAULT_CAPACITY",
    "MAX_CAPACITY",
    "RoomPass",
    "close_room",
    "find_room",
    "join_room",
    "list_rooms",
    "open_room",
    "renew_room",
]
