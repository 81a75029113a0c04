"""Invitations: what a participant's token allows, and the session it opens.

A token is random (``secrets``), shown once when created and stored only as
its SHA-256 hash (:mod:`cxkit.store.tokens`); it is scoped to one engagement
and one workshop, expires, and can be revoked. Every call of a
:class:`~cxkit.store.session.ParticipantSession` re-checks the invitation in
the database (:func:`check_access`), so a revoked or expired token stops
working at once, even on a page already open. The rules for what a
participant may submit are in :mod:`cxkit.store.kinds`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, get_args
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Connection, RowMapping, select

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.clock import aware, aware_or_none, now
from cxkit.store.database import Database
from cxkit.store.revisions import document
from cxkit.store.schema import invitations
from cxkit.store.tokens import find_by_hash, hash_token, withdraw
from cxkit.vocab import ContributionKind, Team

ALL_ACTIVITIES: tuple[str, ...] = get_args(ContributionKind)
ROOM_ACTIVITIES: tuple[str, ...] = ("pillar-proposal", "vote", "rating", "comment")
"""What a live room opens by default: not the pre-interview questionnaire (11 questions),
nor the rounds the facilitator opens when the workshop gets there (the 2×2 matrix…)."""
DEFAULT_BASE_URL = "http://127.0.0.1:8867/"
"""Where the participants' server answers by default (``cxkit invite --base-url``)."""
MAX_INVITATIONS = 500


def participant_link(base_url: str, token: str) -> str:
    """The participant's form URL: ``base_url`` with ``token`` in its query string."""
    parts = urlsplit(base_url or DEFAULT_BASE_URL)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "token"]
    query.append(("token", token))
    return urlunsplit(parts._replace(path=parts.path or "/", query=urlencode(query)))


def room_link(base_url: str, room_token: str) -> str:
    """The room's URL, projected as one QR code: ``?room=``, never a personal ``?token=``."""
    parts = urlsplit(base_url or DEFAULT_BASE_URL)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in ("token", "room")
    ]
    query.append(("room", room_token))
    return urlunsplit(parts._replace(path=parts.path or "/", query=urlencode(query)))


@dataclass(frozen=True)
class Invitation:
    """One participant's access to one workshop. ``token`` is only set at creation."""

    id: str
    token: str | None
    participant: str
    workshop: str
    engagement: str
    expires_at: dt.datetime
    activities: tuple[str, ...]
    dots: int
    team: str | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    room: str | None = None
    """The room pass it was joined through, if it was."""

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > dt.datetime.now(dt.UTC)


def activities_of(row: RowMapping | Mapping[str, Any]) -> tuple[str, ...]:
    """The activities an invitation's or a room pass's row opens (stored comma-separated)."""
    return tuple(a for a in str(row["activities"]).split(",") if a)


def invitation_of(row: RowMapping | Mapping[str, Any], token: str | None = None) -> Invitation:
    return Invitation(
        id=row["id"],
        token=token,
        participant=row["participant"],
        workshop=row["workshop"],
        engagement=row["engagement_id"],
        expires_at=aware(row["expires_at"]),
        activities=activities_of(row),
        dots=row["dots"],
        team=row["team"],
        created_at=aware(row["created_at"]),
        revoked_at=aware_or_none(row["revoked_at"]),
        room=row.get("room_id"),
    )


def check_settings(activities: Iterable[str], expires: dt.timedelta, dots: int) -> tuple[str, ...]:
    """The activities to open, in order and without repeats, once the settings are valid.

    The one check of what an invitation or a room pass hands out, before
    anything is written: StoreError (a catalog message) for an unknown or
    empty activity list, an expiry not in the future, or fewer than one dot.
    """
    opened = tuple(dict.fromkeys(activities))
    unknown = [a for a in opened if a not in ALL_ACTIVITIES]
    if unknown or not opened:
        raise StoreError(
            "error.invite.activities", found=", ".join(unknown), allowed=", ".join(ALL_ACTIVITIES)
        )
    if expires <= dt.timedelta(0):
        raise StoreError("error.invite.expires")
    if dots < 1:
        raise StoreError("error.invite.dots", dots=dots)
    return opened


def require_workshop(db: Database, engagement_id: str, workshop_id: str) -> dict[str, Any]:
    """The engagement's stored document, once sure ``workshop_id`` is one of its workshops.

    Read as plain data (no model): the participants' kernel opens rooms too.
    NotFound for an unknown engagement or workshop.
    """
    found = document(db, engagement_id)
    known = [str(w.get("id")) for w in found.get("workshops", [])]
    if workshop_id not in known:
        raise NotFound(
            "error.invite.no_workshop",
            id=engagement_id,
            workshop=workshop_id,
            known=", ".join(known) or "∅",
        )
    return found


def new_invitation(
    engagement_id: str,
    workshop_id: str,
    *,
    activities: Iterable[str],
    dots: int,
    created_at: dt.datetime,
    expires_at: dt.datetime,
    team: str | None = None,
    token: str | None = None,
    room_id: str | None = None,
) -> tuple[dict[str, Any], Invitation]:
    """A new participant's invitation: the row to insert and the invitation with its plain token.

    The one place where a personal token is drawn (only its hash is in the
    row): :func:`invite` inserts many at once, a room pass one per join
    (:func:`cxkit.store.rooms.join_room`), which passes the token derived
    from the joining device's key. Settings are checked by the caller.
    """
    token = token or secrets.token_urlsafe(24)
    row: dict[str, Any] = {
        "id": f"i-{secrets.token_hex(5)}",
        "token_hash": hash_token(token),
        "engagement_id": engagement_id,
        "workshop": workshop_id,
        "participant": f"p-{secrets.token_hex(4)}",
        "team": team,
        "activities": ",".join(activities),
        "dots": dots,
        "created_at": created_at,
        "expires_at": expires_at,
        "revoked_at": None,
        "room_id": room_id,
    }
    return row, invitation_of(row, token)


def invite(
    db: Database,
    engagement_id: str,
    workshop_id: str,
    *,
    count: int = 1,
    expires: dt.timedelta = dt.timedelta(hours=8),
    activities: Iterable[str] = ALL_ACTIVITIES,
    dots: int = 5,
    team: str | None = None,
) -> list[Invitation]:
    """``count`` invitations to one workshop of the engagement, each with its own token."""
    opened = check_settings(activities, expires, dots)
    if not 1 <= count <= MAX_INVITATIONS:
        raise StoreError("error.invite.count", count=count, max=MAX_INVITATIONS)
    if team is not None and team not in get_args(Team):
        raise StoreError("error.invite.team", team=team, allowed=", ".join(get_args(Team)))
    require_workshop(db, engagement_id, workshop_id)
    created = now()
    made = [
        new_invitation(
            engagement_id,
            workshop_id,
            activities=opened,
            dots=dots,
            created_at=created,
            expires_at=created + expires,
            team=team,
        )
        for _ in range(count)
    ]
    with db.write() as conn:
        conn.execute(invitations.insert(), [row for row, _ in made])
    return [invitation for _, invitation in made]


def revoke(db: Database, invitation_id_or_token: str) -> None:
    """Revoke an invitation, by its id or its token; the token stops working at once."""
    with db.write() as conn:
        if not withdraw(conn, invitations, invitation_id_or_token, now()):
            raise NotFound("error.invite.unknown", id=invitation_id_or_token[:12])


def list_invitations(
    db: Database, engagement_id: str, workshop: str | None = None
) -> list[Invitation]:
    """The invitations of an engagement (of one workshop), oldest first, without tokens."""
    query = select(invitations).where(invitations.c.engagement_id == engagement_id)
    if workshop is not None:
        query = query.where(invitations.c.workshop == workshop)
    with db.read() as conn:
        rows = conn.execute(query.order_by(invitations.c.created_at, invitations.c.id)).mappings()
        return [invitation_of(r) for r in rows]


def check_access(conn: Connection, token_hash: str, *, lock: bool = False) -> RowMapping:
    """The invitation row of a token still valid now, or AccessDenied (why, in words).

    ``lock``: the row stays locked until the transaction ends (PostgreSQL).
    """
    row = find_by_hash(conn, invitations, token_hash, lock=lock)
    if row is None:
        raise AccessDenied("error.participant.unknown_token")
    return still_valid(row)


def still_valid(row: RowMapping) -> RowMapping:
    """The invitation's row if it is neither revoked nor expired, else AccessDenied."""
    if row["revoked_at"] is not None:
        raise AccessDenied("error.participant.revoked")
    if aware(row["expires_at"]) <= now():
        raise AccessDenied("error.participant.expired")
    return row
