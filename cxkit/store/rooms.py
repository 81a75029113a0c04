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

import base64
import datetime as dt
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, select, update
from sqlalchemy import exc as sa_exc

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.clock import aware, aware_or_none, now
from cxkit.store.database import Database
from cxkit.store.invitations import (
    ROOM_ACTIVITIES,
    Invitation,
    activities_of,
    check_settings,
    invitation_of,
    new_invitation,
    require_workshop,
    still_valid,
)
from cxkit.store.schema import invitations, rooms
from cxkit.store.tokens import find_by_hash, hash_token, plausible, withdraw

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


def _pass(row: RowMapping | Mapping[str, Any], token: str | None = None) -> RoomPass:
    return RoomPass(
        id=row["id"],
        token=token,
        engagement=row["engagement_id"],
        workshop=row["workshop"],
        expires_at=aware(row["expires_at"]),
        activities=activities_of(row),
        dots=row["dots"],
        capacity=row["capacity"],
        joined=row["joined"],
        created_at=aware(row["created_at"]),
        revoked_at=aware_or_none(row["revoked_at"]),
    )


def open_room(
    db: Database,
    engagement_id: str,
    workshop_id: str,
    *,
    expires: dt.timedelta = dt.timedelta(hours=8),
    activities: Iterable[str] = ROOM_ACTIVITIES,
    dots: int = 5,
    capacity: int = DEFAULT_CAPACITY,
) -> RoomPass:
    """A new room pass for one workshop of the engagement; its token is in the result only."""
    opened = check_settings(activities, expires, dots)
    if isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        raise StoreError("error.room.capacity", capacity=capacity, max=MAX_CAPACITY)
    require_workshop(db, engagement_id, workshop_id)
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
        "device_secret": secrets.token_hex(32),
    }
    with db.write() as conn:
        conn.execute(rooms.insert().values(**row))
    return _pass(row, token)


def list_rooms(db: Database, engagement_id: str, workshop: str | None = None) -> list[RoomPass]:
    """The room passes of an engagement (of one workshop), oldest first, without tokens."""
    query = select(rooms).where(rooms.c.engagement_id == engagement_id)
    if workshop is not None:
        query = query.where(rooms.c.workshop == workshop)
    with db.read() as conn:
        found = conn.execute(query.order_by(rooms.c.created_at, rooms.c.id)).mappings()
        return [_pass(r) for r in found]


def close_room(db: Database, room_id_or_token: str) -> None:
    """Close a room pass, by its id or its token: nobody else can join through it."""
    with db.write() as conn:
        if not withdraw(conn, rooms, room_id_or_token, now()):
            raise NotFound("error.room.unknown", id=room_id_or_token[:12])


def renew_room(db: Database, room_id: str) -> RoomPass:
    """A new token for an open room pass, returned once; the old room link stops working.

    For a screen that lost the token (a reloaded page starts a new kernel):
    the pass keeps its id, capacity, joined count, expiry and settings, and
    the personal links handed out through it keep working. NotFound for an
    unknown id; StoreError for a pass closed or expired (open a new one).
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    at = now()
    with db.write() as conn:
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
    if not plausible(room_token, 8):
        raise AccessDenied("error.room.unknown_token")
    row = find_by_hash(conn, rooms, hash_token(room_token))
    if row is None:
        raise AccessDenied("error.room.unknown_token")
    return row


def find_room(db: Database, room_token: str) -> RoomPass:
    """The pass behind a room link (open or not: see ``.problem``); AccessDenied if forged."""
    with db.read() as conn:
        return _pass(_find(conn, room_token))


def device_token(secret: str, device: str) -> str:
    """The personal token of one device in one room pass, derived from the device's key.

    HMAC-SHA256 keyed by the pass's own secret: the same device finds the same
    token (so the same participant) again, another room gives another token,
    and a forged key gives a token nobody holds. Neither the key nor the token
    is stored; only the token's hash is, as for every personal token.
    """
    digest = hmac.new(bytes.fromhex(secret), device.encode("utf-8", "surrogatepass"), "sha256")
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode("ascii")


def join_room(
    db: Database, room_token: str, *, workshop: str | None = None, device: str | None = None
) -> Invitation:
    """The personal invitation (with its plain token) of someone joining through a room pass.

    With ``device`` (a random key the browser keeps, 16 to 200 characters), a
    device that already joined through this pass gets its own invitation back
    (same participant, same token, same dots, no place taken), even once the
    room is closed or full; a revoked one stays refused. Otherwise a new
    participant takes one place. AccessDenied, with nothing written, if the
    pass is forged, closed, expired, full, or (``workshop`` given) of another
    workshop, or the device key is not one.
    """
    if device is not None and not plausible(device, 16):
        raise AccessDenied("error.room.device")
    try:
        return _join(db, room_token, workshop, device)
    except sa_exc.IntegrityError:
        # The same device joined at the same instant from another tab: its invitation exists now.
        return _join(db, room_token, workshop, device)


def _known(
    conn: Connection, row: RowMapping, device: str | None
) -> tuple[str | None, RowMapping | None]:
    """The device's personal token in this pass (None without a key) and its invitation's row."""
    if device is None or not row["device_secret"]:
        return None, None
    token = device_token(row["device_secret"], device)
    known = find_by_hash(conn, invitations, hash_token(token))
    return token, known if known is not None and known["room_id"] == row["id"] else None


def rejoin_room(db: Database, room_token: str, device: str) -> Invitation | None:
    """The invitation (with its token) this device already holds through this pass, or None.

    Writes nothing: the participants' gate asks it before any kernel starts,
    to send a device that joined already straight to its personal link (a
    reloaded or bookmarked room link), even once the room is closed or full.
    AccessDenied if the pass is forged, the key is not one, or the device's
    invitation was revoked or has expired (it stays out, as with join_room).
    """
    if not plausible(device, 16):
        raise AccessDenied("error.room.device")
    with db.read() as conn:
        token, known = _known(conn, _find(conn, room_token), device)
        return invitation_of(still_valid(known), token) if known is not None else None


def _join(db: Database, room_token: str, workshop: str | None, device: str | None) -> Invitation:
    at = now()
    with db.write() as conn:
        row = _find(conn, room_token)
        if workshop is not None and row["workshop"] != workshop:
            raise AccessDenied("error.participant.other_workshop")
        token, known = _known(conn, row, device)
        if known is not None:
            return invitation_of(still_valid(known), token)
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
            token=token,
            room_id=row["id"],
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
    "rejoin_room",
    "renew_room",
]
