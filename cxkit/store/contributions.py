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
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    Insert,
    RowMapping,
    Select,
    String,
    Subquery,
    Table,
    bindparam,
    case,
    func,
    literal_column,
    select,
)

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.activities import read_state
from cxkit.store.clock import aware, now
from cxkit.store.database import Database
from cxkit.store.invitations import check_access
from cxkit.store.records import ContributionRecord, InvalidContribution
from cxkit.store.schema import (
    activity_live,
    contributions,
    decisions,
    invitations,
    moderation,
    workshop_live,
)
from cxkit.vocab import METHOD_PROPOSALS, ContributionStatus

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


def _latest(table: Table, *columns: str) -> Subquery:
    """Subquery: the latest row of ``table`` (decisions, moderation) for each contribution."""
    last = (
        select(table.c.contribution_seq, func.max(table.c.seq).label("seq"))
        .group_by(table.c.contribution_seq)
        .subquery()
    )
    return (
        select(table.c.contribution_seq, *(table.c[name] for name in columns))
        .join(last, last.c.seq == table.c.seq)
        .subquery()
    )


def records_query() -> Select[Any]:
    """Contributions with their status (latest decision) and moderation state (latest, or first)."""
    decided = _latest(decisions, "status", "into")
    moderated = _latest(moderation, "state")
    return (
        select(
            *(col for col in contributions.c if col.name != "moderation"),
            decided.c.status,
            decided.c.into,
            func.coalesce(moderated.c.state, contributions.c.moderation).label("moderation"),
        )
        .outerjoin(decided, decided.c.contribution_seq == contributions.c.seq)
        .outerjoin(moderated, moderated.c.contribution_seq == contributions.c.seq)
        .order_by(contributions.c.seq)
    )


VOTABLE_PROPOSALS: tuple[str, ...] = ("pillar-proposal", *METHOD_PROPOSALS)
"""Proposals the room may give its dots to: pillars, and the method's (a KPI, a lead…)."""


def open_proposals(
    conn: Connection,
    engagement_id: str,
    workshop: str,
    *,
    decided: bool = False,
    kinds: tuple[str, ...] = ("pillar-proposal",),
) -> list[tuple[str, str]]:
    """(id, text) of the workshop's proposals (of ``kinds``) one may vote on (all if ``decided``).

    Shown (approved, or never held back) and still to decide: an adopted one
    is voted for as its pillar, a merged one as the proposal it joined. With
    ``decided``, every proposal, so a vote cast before a decision keeps its name.
    """
    rows = conn.execute(
        records_query().where(
            (contributions.c.engagement_id == engagement_id)
            & (contributions.c.workshop == workshop)
            & contributions.c.kind.in_(kinds)
        )
    ).mappings()
    return [
        (contribution_id(r["seq"]), r["text"])
        for r in rows
        if decided or (r["status"] in (None, "new") and r["moderation"] == "shown")
    ]


Payload = Mapping[str, Any]
"""A structured contribution's fields: short texts, numbers, lists of short texts."""


def payload_json(payload: Payload | None) -> str | None:
    return None if payload is None else json.dumps(dict(payload), ensure_ascii=False)


def payload_of(stored: str | None) -> dict[str, Any] | None:
    return None if not stored else dict(json.loads(stored))


@dataclass(frozen=True)
class Draft:
    """A contribution as its kind's rules leave it, before it is appended."""

    kind: str
    text: str | None
    target: str | None
    value: float | None
    moderated: bool = False
    """A text the facilitator may have to approve before it is projected."""
    payload: Payload | None = None
    """The fields of a structured kind (a KPI proposal's indicator, a placement's axes)."""


@dataclass(frozen=True)
class Author:
    """Whose contribution it is: an invitation, and the hash of the token that opened it."""

    invitation_id: str
    token_hash: str


_GIVEN = ("kind", "target", "text", "value", "anonymous", "at", "payload")


def _sql(word: str) -> ColumnElement[str]:
    """A constant written into the SQL itself: the driver path binds only the named parameters."""
    return literal_column(f"'{word}'", String())


def _append_statement() -> Insert:
    """INSERT … SELECT from the invitation row, only while it may append (built once).

    The row qualifies while the token is valid and the activity (the kind) is
    neither paused nor locked; a text's first moderation state is ``pending``
    when its workshop asks to approve texts first. All in one statement: the
    participants' hot path stays one round trip.
    """
    c, i, a, w = contributions, invitations, activity_live, workshop_live
    closed = (
        select(a.c.activity)
        .where(
            (a.c.engagement_id == i.c.engagement_id)
            & (a.c.workshop == i.c.workshop)
            & (a.c.activity == bindparam("kind", type_=c.c.kind.type))
            & (a.c.status != _sql("open"))
        )
        .exists()
    )
    approve_first = (
        select(w.c.moderation)
        .where(
            (w.c.engagement_id == i.c.engagement_id)
            & (w.c.workshop == i.c.workshop)
            & (w.c.moderation == _sql("approve"))
        )
        .exists()
    )
    first_state = case(
        (bindparam("moderated", type_=Boolean()) & approve_first, _sql("pending")),
        else_=_sql("shown"),
    )
    source = select(
        i.c.id,
        i.c.engagement_id,
        i.c.workshop,
        i.c.participant,
        i.c.team,
        *(bindparam(name, type_=c.c[name].type) for name in _GIVEN),
        first_state,
    ).where(
        (i.c.id == bindparam("invitation"))
        & (i.c.token_hash == bindparam("token_hash"))
        & i.c.revoked_at.is_(None)
        & (i.c.expires_at > bindparam("now", type_=i.c.expires_at.type))
        & ~closed
    )
    columns = [
        "invitation_id",
        "engagement_id",
        "workshop",
        "participant",
        "team",
        *_GIVEN,
        "moderation",
    ]
    return c.insert().from_select(columns, source).returning(c.c.seq, c.c.moderation)


_APPEND = _append_statement()


def append(
    db: Database,
    conn: Connection | None,
    author: Author,
    draft: Draft,
    anonymous: bool,
    at: dt.datetime,
) -> tuple[int, str]:
    """Append in one statement, one round trip: the new number and first moderation state.

    The scope (engagement, workshop, participant, team) is copied from the
    invitation's row, not from the page. When no row qualifies, the token's
    state (AccessDenied) or the activity's (InvalidContribution: paused,
    locked) says why. Without ``conn``, the statement is its own transaction,
    run on the driver (the hot path: most contributions).
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
        "moderated": draft.moderated,
        "payload": payload_json(draft.payload),
    }
    row: tuple[Any, ...] | None
    if conn is not None:
        found = conn.execute(_APPEND, params).first()
        row = None if found is None else tuple(found)
    else:
        row = db.statement(_APPEND).first(params)
    if row is None:
        if conn is not None:
            _refusal(conn, author, draft.kind)
        else:
            with db.read() as reading:
                _refusal(reading, author, draft.kind)
        raise AccessDenied("error.participant.unknown_token")
    return int(row[0]), str(row[1])


def _refusal(conn: Connection, author: Author, kind: str) -> None:
    """Raise why an append found no row: the token, or the activity paused or locked."""
    invitation = check_access(conn, author.token_hash)
    state = read_state(conn, invitation["engagement_id"], invitation["workshop"]).activity(kind)
    if not state.accepting:
        raise InvalidContribution(f"error.activity.{state.status}")


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
        moderation=row.get("moderation") or "shown",
        payload=payload_of(row.get("payload")),
        into=row.get("into"),
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
    query = records_query().where(contributions.c.engagement_id == engagement_id)
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
