"""Participants' contributions: appended, never edited; decisions recorded beside.

What a participant may append is checked here, inside the transaction that
appends it (the invitation row is re-read, and locked on PostgreSQL; SQLite
writers are serialized by ``BEGIN IMMEDIATE``), so a dot budget holds even
when the same participant submits from two tabs at once. A facilitator's
adopt, merge or reject is a new row of ``decisions``: the latest one is the
contribution's status; the contribution itself is never updated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, get_args

from sqlalchemy import Connection, RowMapping, and_, bindparam, func, select

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.invitations import check_access
from cxkit.store.records import ContributionRecord, InvalidContribution, Revision
from cxkit.store.schema import contributions, decisions, invitations
from cxkit.text import clean_text, slugify
from cxkit.vocab import ContributionStatus

if TYPE_CHECKING:
    from cxkit.model import Contribution
    from cxkit.store.invitations import ParticipantSession
    from cxkit.store.workspace import Workspace

TEXT_LIMITS: dict[str, int] = {"pillar-proposal": 120, "comment": 2000, "answer": 4000}
"""Longest text a participant may send, by kind (characters)."""
TARGET_LIMIT = 200
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


def _latest_decisions() -> Any:
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


def open_proposals(
    conn: Connection, engagement_id: str, workshop: str, *, decided: bool = False
) -> list[tuple[str, str]]:
    """(id, text) of the workshop's pillar proposals not merged nor rejected (all if ``decided``)."""
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
        if decided or status in (None, "new", "adopted")
    ]


def _clean(text: object, target: object) -> tuple[str | None, str | None]:
    """Text and target cleaned as the model cleans every text (cxkit.text), without building it."""
    if not all(v is None or isinstance(v, str) for v in (text, target)):
        raise InvalidContribution("error.contribution.text_type")
    return (
        clean_text(text) if isinstance(text, str) else None,
        clean_text(target) if isinstance(target, str) else None,
    )


def submit(
    session: ParticipantSession,
    kind: str,
    *,
    text: str | None,
    target: str | None,
    value: float | None,
    anonymous: bool,
) -> ContributionRecord:
    """Append one contribution of ``session``'s participant, if every rule allows it."""
    from cxkit.store.workspace import now

    if kind not in session.activities:
        raise AccessDenied("error.participant.kind_closed", kind=kind)
    clean, clean_target = _clean(text, target)
    text = clean.strip() if clean is not None else None
    target = clean_target.strip() if clean_target is not None else None
    if kind in TEXT_LIMITS:
        limit = TEXT_LIMITS[kind]
        if not text:
            raise InvalidContribution("error.contribution.empty")
        if len(text) > limit:
            raise InvalidContribution("error.contribution.too_long", limit=limit, length=len(text))
        value = None
    else:
        text = None  # votes and ratings carry a value, not a text
    if target is not None and len(target) > TARGET_LIMIT:
        raise InvalidContribution("error.contribution.target", target=target[:40])
    if kind == "vote":
        value = 1 if value is None else value
        if isinstance(value, bool) or value != int(value) or value < 1:
            raise InvalidContribution("error.contribution.dots_value", value=value)
        if not target:
            raise InvalidContribution("error.contribution.no_target")
    if kind == "rating":
        if not target:
            raise InvalidContribution("error.contribution.no_target")
        if value is None or isinstance(value, bool) or value != int(value):
            raise InvalidContribution("error.contribution.rating", value=value, scale=session.scale)
        if not 1 <= value <= session.scale:
            raise InvalidContribution("error.contribution.rating", value=value, scale=session.scale)
    if (
        kind == "vote"
        and target
        and not target.startswith("c-")
        and target not in session._pillar_names()
        and target not in session._pillar_names(refresh=True)
    ):
        raise InvalidContribution("error.contribution.unknown_target", target=target)
    at = now()
    if kind != "vote":
        seq = _append(None, session, kind, target or None, text, value, bool(anonymous), at)
    else:
        assert value is not None
        with session._ws._write() as conn:
            # The invitation row is locked (PostgreSQL) or the database is (SQLite,
            # BEGIN IMMEDIATE): two tabs of one participant cannot overspend.
            row = check_access(conn, session._token_hash, lock=True)
            if target and target.startswith("c-") and not _is_open_proposal(session, conn, target):
                raise InvalidContribution("error.contribution.unknown_target", target=target)
            left = row["dots"] - dots_used(conn, session.invitation_id)
            if value > left:
                raise InvalidContribution("error.contribution.budget", value=int(value), left=left)
            seq = _append(conn, session, kind, target or None, text, value, bool(anonymous), at)
    return _contribution(
        {
            "seq": seq,
            "workshop": session.workshop_id,
            "participant": session.participant,
            "team": session.team,
            "kind": kind,
            "target": target or None,
            "text": text,
            "value": value,
            "at": at,
            "anonymous": False,
            "status": None,
        }
    )


def _append_statement() -> Any:
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


_GIVEN = ("kind", "target", "text", "value", "anonymous", "at")
_APPEND = _append_statement()


def _append(
    conn: Connection | None,
    session: ParticipantSession,
    kind: str,
    target: str | None,
    text: str | None,
    value: float | None,
    anonymous: bool,
    at: dt.datetime,
) -> int:
    """Append only if the token is still valid: one statement, one round trip.

    The scope (engagement, workshop, participant, team) is copied from the
    invitation's row, not from the session. When no row qualifies, the
    token's state says why. Without ``conn``, the statement is its own
    transaction, run on the driver (the hot path: most contributions).
    """
    params = {
        "invitation": session.invitation_id,
        "token_hash": session._token_hash,
        "now": at,
        "kind": kind,
        "target": target,
        "text": text,
        "value": value,
        "anonymous": anonymous,
        "at": at,
    }
    if conn is not None:
        seq = conn.execute(_APPEND, params).scalar()
    else:
        row = session._ws._driver_statement(_APPEND).first(params)
        seq = None if row is None else row[0]
    if seq is None:
        if conn is not None:
            check_access(conn, session._token_hash)  # raises with the reason
        else:
            with session._ws._read() as reading:
                check_access(reading, session._token_hash)
        raise AccessDenied("error.participant.unknown_token")
    return int(seq)


def _is_open_proposal(session: ParticipantSession, conn: Connection, target: str) -> bool:
    ids = {cid for cid, _ in open_proposals(conn, session.engagement_id, session.workshop_id)}
    return target in ids


def _contribution(row: RowMapping | dict[str, Any]) -> ContributionRecord:
    from cxkit.store.workspace import aware

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
    ws: Workspace, engagement_id: str, workshop: str | None = None
) -> list[Contribution]:
    """Every contribution (with its status) as the engagement model's Contribution."""
    return [r.to_model() for r in contribution_records(ws, engagement_id, workshop)]


def contribution_records(
    ws: Workspace,
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
    with ws._read() as conn:
        rows = conn.execute(query).mappings().all()
    if invitation_id is not None:
        return [_contribution({**r, "anonymous": False}) for r in rows]
    return [_contribution(r) for r in rows]


DECISIONS: tuple[str, ...] = tuple(s for s in get_args(ContributionStatus))


def _record(conn: Connection, seq: int, status: str, author: str, into: str | None) -> None:
    from cxkit.store.workspace import now

    conn.execute(
        decisions.insert().values(
            contribution_seq=seq, status=status, author=author, at=now(), into=into
        )
    )


def decide(ws: Workspace, contribution_id: str, status: str, author: str, into: str | None) -> None:
    """Record the facilitator's decision on a contribution (``new`` undoes one)."""
    if status not in DECISIONS:
        raise StoreError("error.contribution.status", status=status, allowed=", ".join(DECISIONS))
    seq = parse_id(contribution_id)
    with ws._write() as conn:
        if (
            conn.execute(select(contributions.c.seq).where(contributions.c.seq == seq)).first()
            is None
        ):
            raise NotFound("error.contribution.unknown", id=contribution_id)
        _record(conn, seq, status, author, into)


def adopt_proposals(
    ws: Workspace,
    engagement_id: str,
    contribution_ids: Sequence[str],
    author: str,
    base_revision: int,
) -> Revision:
    """Turn pillar proposals into pillars of a new revision, and mark them adopted.

    The revision and the decisions are written in one transaction: a save
    conflict leaves every proposal as it was.
    """
    stored = ws.load(engagement_id, base_revision)
    engagement = stored.engagement.model_copy(deep=True)
    seqs = [parse_id(c) for c in contribution_ids]
    with ws._read() as conn:
        rows = {
            r["seq"]: r
            for r in conn.execute(
                select(contributions).where(
                    and_(
                        contributions.c.seq.in_(seqs),
                        contributions.c.engagement_id == engagement_id,
                    )
                )
            ).mappings()
        }
    from cxkit.model import Pillar

    taken = {p.id for p in engagement.strategy.pillars}
    adopted: list[tuple[int, str]] = []
    for ident, seq in zip(contribution_ids, seqs, strict=True):
        row = rows.get(seq)
        if row is None or row["kind"] != "pillar-proposal":
            raise NotFound("error.contribution.not_proposal", id=ident)
        base = slugify(row["text"], fallback="pilier")[:40].strip("-") or "pilier"
        pillar_id, n = base, 2
        while pillar_id in taken:
            pillar_id, n = f"{base}-{n}", n + 1
        taken.add(pillar_id)
        engagement.strategy.pillars.append(Pillar(id=pillar_id, name=row["text"]))
        adopted.append((seq, pillar_id))
    from cxkit.i18n import t
    from cxkit.validation import revalidate

    checked = revalidate(engagement)
    summary = t(
        "store.summary.adopted",
        checked.engagement.language,
        count=len(adopted),
        pillars=", ".join(p for _, p in adopted),
    )

    def record(conn: Connection, _number: int) -> None:
        for seq, pillar_id in adopted:
            _record(conn, seq, "adopted", author, pillar_id)

    return ws._save(checked, author, base_revision, summary, also=record)
