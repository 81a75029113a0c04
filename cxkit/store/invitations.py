"""Invitations: what a participant's token allows, and the session it opens.

A token is random (``secrets``), shown once when created and stored only as
its SHA-256 hash; it is scoped to one engagement and one workshop, expires,
and can be revoked. Every call of a :class:`ParticipantSession` re-checks the
invitation in the database, so a revoked or expired token stops working at
once, even on a page already open. The rules for what a participant may
submit are in :mod:`cxkit.store.contributions`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Connection, RowMapping, or_, select, update

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.schema import invitations
from cxkit.vocab import ContributionKind, Team

if TYPE_CHECKING:
    from cxkit.store.records import ContributionRecord
    from cxkit.store.workspace import Workspace

ALL_ACTIVITIES: tuple[str, ...] = get_args(ContributionKind)
ROOM_ACTIVITIES: tuple[str, ...] = tuple(a for a in ALL_ACTIVITIES if a != "answer")
"""What a live room opens by default: not the pre-interview questionnaire (11 questions)."""
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


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


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

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    from cxkit.store.workspace import aware

    return aware(value) if value is not None else None


def _invitation(row: Mapping[str, Any], token: str | None = None) -> Invitation:
    expires = _aware(row["expires_at"])
    created = _aware(row["created_at"])
    assert expires is not None and created is not None
    return Invitation(
        id=row["id"],
        token=token,
        participant=row["participant"],
        workshop=row["workshop"],
        engagement=row["engagement_id"],
        expires_at=expires,
        activities=tuple(a for a in row["activities"].split(",") if a),
        dots=row["dots"],
        team=row["team"],
        created_at=created,
        revoked_at=_aware(row["revoked_at"]),
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


def new_invitation(
    engagement_id: str,
    workshop_id: str,
    *,
    activities: Iterable[str],
    dots: int,
    created_at: dt.datetime,
    expires_at: dt.datetime,
    team: str | None = None,
) -> tuple[dict[str, Any], Invitation]:
    """A new participant's invitation: the row to insert and the invitation with its plain token.

    The one place where a personal token is drawn (only its hash is in the
    row): :func:`invite` inserts many at once, a room pass one per join
    (:func:`cxkit.store.rooms.join_room`). Settings are checked by the caller.
    """
    token = secrets.token_urlsafe(24)
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
    }
    return row, _invitation(row, token)


def invite(
    ws: Workspace,
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
    from cxkit.store.workspace import now

    opened = check_settings(activities, expires, dots)
    if not 1 <= count <= MAX_INVITATIONS:
        raise StoreError("error.invite.count", count=count, max=MAX_INVITATIONS)
    if team is not None and team not in get_args(Team):
        raise StoreError("error.invite.team", team=team, allowed=", ".join(get_args(Team)))
    engagement = ws.load(engagement_id).engagement
    if not any(w.id == workshop_id for w in engagement.workshops):
        known = ", ".join(w.id for w in engagement.workshops) or "∅"
        raise NotFound(
            "error.invite.no_workshop", id=engagement_id, workshop=workshop_id, known=known
        )
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
    with ws._write() as conn:
        conn.execute(invitations.insert(), [row for row, _ in made])
    return [invitation for _, invitation in made]


def revoke(ws: Workspace, invitation_id_or_token: str) -> None:
    """Revoke an invitation, by its id or its token; the token stops working at once."""
    from cxkit.store.workspace import now

    match = or_(
        invitations.c.id == invitation_id_or_token,
        invitations.c.token_hash == hash_token(invitation_id_or_token),
    )
    with ws._write() as conn:
        found = conn.execute(select(invitations.c.id).where(match)).first()
        if found is None:
            raise NotFound("error.invite.unknown", id=invitation_id_or_token[:12])
        conn.execute(
            update(invitations)
            .where(match & invitations.c.revoked_at.is_(None))
            .values(revoked_at=now())
        )


def list_invitations(
    ws: Workspace, engagement_id: str, workshop: str | None = None
) -> list[Invitation]:
    """The invitations of an engagement (of one workshop), oldest first, without tokens."""
    query = select(invitations).where(invitations.c.engagement_id == engagement_id)
    if workshop is not None:
        query = query.where(invitations.c.workshop == workshop)
    with ws._read() as conn:
        rows = conn.execute(query.order_by(invitations.c.created_at, invitations.c.id)).mappings()
        return [_invitation(r) for r in rows]


def check_access(conn: Connection, token_hash: str, *, lock: bool = False) -> RowMapping:
    """The invitation row of a token still valid now, or AccessDenied.

    The row is found by the hash's index, then compared in constant time, so
    neither the lookup's outcome nor its timing tells a forger how close a guess was.
    """
    from cxkit.store.workspace import aware, now

    query = select(invitations).where(invitations.c.token_hash == token_hash)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    if row is None or not hmac.compare_digest(row["token_hash"], token_hash):
        raise AccessDenied("error.participant.unknown_token")
    if row["revoked_at"] is not None:
        raise AccessDenied("error.participant.revoked")
    if aware(row["expires_at"]) <= now():
        raise AccessDenied("error.participant.expired")
    return row


class ParticipantSession:
    """What one token allows: append contributions of the opened kinds, read one's own.

    Built by :meth:`Workspace.participant`. Keep it in the kernel's Python
    state, never in a widget value the browser can set.
    """

    def __init__(self, ws: Workspace, token_hash: str, row: RowMapping, scale: int) -> None:
        self._ws = ws
        self._token_hash = token_hash
        self.invitation_id: str = row["id"]
        self.engagement_id: str = row["engagement_id"]
        self.workshop_id: str = row["workshop"]
        self.participant: str = row["participant"]
        self.team: str | None = row["team"]
        self.activities: tuple[str, ...] = tuple(a for a in row["activities"].split(",") if a)
        self.dots: int = row["dots"]
        self.scale: int = scale
        """Ratings go from 1 to ``scale`` (the engagement's benchmark scale)."""
        self._pillars: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"ParticipantSession({self.participant!r}, workshop={self.workshop_id!r})"

    def _pillar_names(self, refresh: bool = False) -> dict[str, str]:
        if refresh or not self._pillars:
            self._pillars = _pillar_names(self._ws.document(self.engagement_id))
        return self._pillars

    def candidates(self) -> list[tuple[str, str]]:
        """What one can vote on: (target id, label) of the pillars and the workshop's open proposals."""
        from cxkit.store.contributions import open_proposals

        with self._ws._read() as conn:
            check_access(conn, self._token_hash)
            proposals = open_proposals(conn, self.engagement_id, self.workshop_id)
        pillars = self._pillar_names(refresh=True)
        return [
            *pillars.items(),
            *((cid, text) for cid, text in proposals if text not in pillars.values()),
        ]

    def target_names(self) -> dict[str, str]:
        """The name of everything a vote of this workshop may point at, decided proposals included.

        A participant's list of what they sent names their votes even after a
        proposal was adopted, merged or rejected (a phone never shows an id).
        """
        from cxkit.store.contributions import open_proposals

        with self._ws._read() as conn:
            check_access(conn, self._token_hash)
            proposals = open_proposals(conn, self.engagement_id, self.workshop_id, decided=True)
        return {**dict(proposals), **self._pillar_names(refresh=True)}

    def dots_left(self) -> int:
        from cxkit.store.contributions import dots_used

        with self._ws._read() as conn:
            check_access(conn, self._token_hash)
            return self.dots - dots_used(conn, self.invitation_id)

    def submit(
        self,
        kind: str,
        *,
        text: str | None = None,
        target: str | None = None,
        value: float | None = None,
        anonymous: bool = False,
    ) -> ContributionRecord:
        """Append one contribution; AccessDenied or InvalidContribution if refused (nothing written)."""
        from cxkit.store.contributions import submit

        return submit(self, kind, text=text, target=target, value=value, anonymous=anonymous)

    def mine(self) -> list[ContributionRecord]:
        """This participant's own contributions, oldest first."""
        from cxkit.store.contributions import contribution_records

        with self._ws._read() as conn:
            check_access(conn, self._token_hash)
        return contribution_records(self._ws, self.engagement_id, invitation_id=self.invitation_id)


def open_session(
    ws: Workspace, token: str, *, engagement: str | None = None, workshop: str | None = None
) -> ParticipantSession:
    """The session of a valid token; AccessDenied if forged, expired, revoked or out of scope."""
    if not isinstance(token, str) or not 16 <= len(token) <= 200:
        raise AccessDenied("error.participant.unknown_token")
    token_hash = hash_token(token)
    with ws._read() as conn:
        row = check_access(conn, token_hash)
    if (engagement is not None and row["engagement_id"] != engagement) or (
        workshop is not None and row["workshop"] != workshop
    ):
        raise AccessDenied("error.participant.other_workshop")
    # The stored document, read as plain data: a participant's kernel never builds the model.
    document = ws.document(row["engagement_id"])
    scale = document.get("collection", {}).get("benchmark", {}).get("scale", 5)
    session = ParticipantSession(ws, token_hash, row, scale)
    session._pillars = _pillar_names(document)
    return session


def _pillar_names(document: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p["name"] for p in document.get("strategy", {}).get("pillars", [])}
