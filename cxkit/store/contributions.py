"""Participants' contributions: appended, never edited; decisions recorded beside.

A contribution is appended by one ``INSERT … SELECT`` from its invitation's
row, only while the token is valid (:func:`append`): the scope (engagement,
workshop, participant, team) is copied from that row, never from what the
page says. What a participant may append is decided before, by the rules of
its kind (:mod:`cxkit.store.kinds`). A facilitator's adopt, merge or reject
is a new row of ``decisions``: the latest one is the contribution's status;
the contribution itself is never updated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args

from sqlalchemy import Connection, Insert, RowMapping, Subquery, bindparam, func, select

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.clock import aware, now
from cxkit.store.database import Database
from cxkit.store.invitations import check_access
from cxkit.store.records import ContributionRecord
from cxkit.store.schema import contributions, decisions, invitations
from cxkit.vocab import ContributionStatus

if TYPE_CHECKING:
    from cxkit.model import Contribution

ANONYMOUS = "anonymous"
_ID = re.compile(r"^c-(\d+)$")


def contribution_id(seq: int) -> str:
    return f"c-{seq:04d}"


def parse_id(ident: str) -> int:
    match = _ID.match(ident or "")
    if not match:
        raise NotFound("error.contribution.unknown", id=ident)
    return int(match.group(1))


def dots_used(conn: Connection, invitation_id: str) -> int:
    used = conn.execute(
        select(func.coalesce(func.sum(contributions.c.value), 0)).where(
            (contributions.c.invitation_id == invitation_id) & (contributions.c.kind == "vote")
        )
    ).scalar_one()
    return int(used)


def _latest_decisions() -> Subquery:
    """Subquery: the latest decision row of each decided contribution."""
    last = (
        select(decisions.c.contribution_seq, func.max(decisions.c.seq).label("seq"))
        .group_by(decisions.c.contribution_seq)
        .subquery()
    )
    return (
        select(decisions.c.contribution_seq, decisions.c.status, decisions.c.into)
        .join(last, last.c.seq == decisions.c.seq)
        .subquery()
    )


def open_proposals(conn: Connection, engagement_id: str, workshop: str) -> list[tuple[str, str]]:
    """(id, text) of the workshop's pillar proposals not merged nor rejected."""
    latest = _latest_decisions()
    rows = conn.execute(
        select(contributions.c.seq, contributions.c.text, latest.c.status)
        .outerjoin(latest, latest.c.contribution_seq == contributions.c.seq)
        .where(
            (contributions.c.engagement_id == engagement_id)
            & (contributions.c.workshop == workshop)
            & (contributions.c.kind == "pillar-proposal")
        )
        .order_by(contributions.c.seq)
    ).all()
    return [
        (contribution_id(seq), text)
        for seq, text, status in rows
        if status in (None, "new", "adopted")
    ]


@dataclass(frozen=True)
class Draft:
    """A contribution as its kind's rules leave it, before it is appended."""

    kind: str
    text: str | None
    target: str | None
    value: float | None


@dataclass(frozen=True)
class Author:
    """Whose contribution it is: an invitation, and the hash of the token that opened it."""

    invitation_id: str
    token_hash: str


_GIVEN = ("kind", "target", "text", "value", "anonymous", "at")


def _append_statement() -> Insert:
    """INSERT … SELECT from the invitation row, only while its token is valid (built once)."""
    c, i = contributions, invitations
    source = select(
        i.c.id,
        i.c.engagement_id,
        i.c.workshop,
        i.c.participant,
        i.c.team,
        *(bindparam(name, type_=c.c[name].type) for name in _GIVEN),
    ).where(
        (i.c.id == bindparam("invitation"))
        & (i.c.token_hash == bindparam("token_hash"))
        & i.c.revoked_at.is_(None)
        & (i.c.expires_at > bindparam("now", type_=i.c.expires_at.type))
    )
    columns = ["invitation_id", "engagement_id", "workshop", "participant", "team", *_GIVEN]
    return c.insert().from_select(columns, source).returning(c.c.seq)


_APPEND = _append_statement()


def append(
    db: Database,
    conn: Connection | None,
    author: Author,
    draft: Draft,
    anonymous: bool,
    at: dt.datetime,
) -> int:
    """Append only if the token is still valid: one statement, one round trip; its number.

    The scope (engagement, workshop, participant, team) is copied from the
    invitation's row, not from the page. When no row qualifies, the token's
    state says why (AccessDenied). Without ``conn``, the statement is its own
    transaction, run on the driver (the hot path: most contributions).
    """
    params: dict[str, Any] = {
        "invitation": author.invitation_id,
        "token_hash": author.token_hash,
        "now": at,
        "kind": draft.kind,
        "target": draft.target,
        "text": draft.text,
        "value": draft.value,
        "anonymous": anonymous,
        "at": at,
    }
    if conn is not None:
        seq = conn.execute(_APPEND, params).scalar()
    else:
        row = db.statement(_APPEND).first(params)
        seq = None if row is None else row[0]
    if seq is None:
        if conn is not None:
            check_access(conn, author.token_hash)  # raises with the reason
        else:
            with db.read() as reading:
                check_access(reading, author.token_hash)
        raise AccessDenied("error.participant.unknown_token")
    return int(seq)


def record_of(row: RowMapping | Mapping[str, Any]) -> ContributionRecord:
    """A contribution's row (with its ``status``) as the record handed back."""
    value = row["value"]
    if value is not None and float(value).is_integer():
        value = int(value)
    anonymous = bool(row["anonymous"])
    return ContributionRecord(
        id=contribution_id(row["seq"]),
        workshop=row["workshop"],
        participant=ANONYMOUS if anonymous else row["participant"],
        team=None if anonymous else row["team"],
        kind=row["kind"],
        target=row["target"],
        text=row["text"],
        value=value,
        at=aware(row["at"]),
        status=row["status"] or "new",
    )


def list_contributions(
    db: Database, engagement_id: str, workshop: str | None = None
) -> list[Contribution]:
    """Every contribution (with its status) as the engagement model's Contribution."""
    return [r.to_model() for r in contribution_records(db, engagement_id, workshop)]


def contribution_records(
    db: Database,
    engagement_id: str,
    workshop: str | None = None,
    *,
    invitation_id: str | None = None,
) -> list[ContributionRecord]:
    """Contributions in the order they arrived, each with its current status.

    Anonymous ones show ``anonymous`` as participant, except to their author
    (``invitation_id``).
    """
    latest = _latest_decisions()
    query = (
        select(contributions, latest.c.status)
        .outerjoin(latest, latest.c.contribution_seq == contributions.c.seq)
        .where(contributions.c.engagement_id == engagement_id)
        .order_by(contributions.c.seq)
    )
    if workshop is not None:
        query = query.where(contributions.c.workshop == workshop)
    if invitation_id is not None:
        query = query.where(contributions.c.invitation_id == invitation_id)
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    if invitation_id is not None:
        return [record_of({**r, "anonymous": False}) for r in rows]
    return [record_of(r) for r in rows]


DECISIONS: tuple[str, ...] = tuple(s for s in get_args(ContributionStatus))


def record_decision(conn: Connection, seq: int, status: str, author: str, into: str | None) -> None:
    """One decision row (the contribution's new status), in the caller's transaction."""
    conn.execute(
        decisions.insert().values(
            contribution_seq=seq, status=status, author=author, at=now(), into=into
        )
    )


def decide(db: Database, contribution_id: str, status: str, author: str, into: str | None) -> None:
    """Record the facilitator's decision on a contribution (``new`` undoes one)."""
    if status not in DECISIONS:
        raise StoreError("error.contribution.status", status=status, allowed=", ".join(DECISIONS))
    seq = parse_id(contribution_id)
    with db.write() as conn:
        if (
            conn.execute(select(contributions.c.seq).where(contributions.c.seq == seq)).first()
            is None
        ):
            raise NotFound("error.contribution.unknown", id=contribution_id)
        record_decision(conn, seq, status, author, into)
