"""Adopting participants' pillar proposals: a new revision and the decisions, in one transaction.

The facilitator ticks groups of proposals that say the same thing
(:func:`cxkit.store.aggregates.group_proposals`). Each group's first
proposal becomes a pillar; the group's other members are recorded as merged
into that first proposal, never into another group's. The revision, the
``adopted`` decisions and the ``merged`` ones are written in the one
transaction of the save: a conflict or a failure anywhere leaves the
engagement and every proposal as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from cxkit.errors import NotFound, StoreError
from cxkit.i18n import t
from cxkit.store import revisions
from cxkit.store.contributions import parse_id, record_decision
from cxkit.store.database import Database
from cxkit.store.records import Revision
from cxkit.store.schema import contributions
from cxkit.text import slugify


def _proposals(db: Database, engagement_id: str, idents: Sequence[str]) -> dict[str, str]:
    """id -> text of the named pillar proposals of the engagement; NotFound for any other id."""
    seqs = {ident: parse_id(ident) for ident in idents}
    with db.read() as conn:
        rows = {
            r["seq"]: r
            for r in conn.execute(
                select(contributions.c.seq, contributions.c.kind, contributions.c.text).where(
                    contributions.c.seq.in_(list(seqs.values()))
                    & (contributions.c.engagement_id == engagement_id)
                )
            ).mappings()
        }
    found: dict[str, str] = {}
    for ident, seq in seqs.items():
        row = rows.get(seq)
        if row is None or row["kind"] != "pillar-proposal":
            raise NotFound("error.contribution.not_proposal", id=ident)
        found[ident] = str(row["text"] or "")
    return found


def _pillar_id(text: str, taken: set[str]) -> str:
    base = slugify(text, fallback="pilier")[:40].strip("-") or "pilier"
    pillar_id, n = base, 2
    while pillar_id in taken:
        pillar_id, n = f"{base}-{n}", n + 1
    taken.add(pillar_id)
    return pillar_id


def adopt_groups(
    db: Database,
    engagement_id: str,
    groups: Sequence[Sequence[str]],
    author: str,
    base_revision: int,
) -> Revision:
    """Each group's first proposal a pillar of a new revision, its other members merged into it.

    All or nothing, in one transaction: RevisionConflict (a SaveConflict, the
    content kept as a draft) on a stale ``base_revision``; NotFound for an id
    that is not a pillar proposal of the engagement; StoreError for an empty
    group or a proposal named twice.
    """
    from cxkit.model import Pillar  # heavy: not on a participant's path
    from cxkit.validation import revalidate

    chosen = [list(g) for g in groups]
    named = [ident for group in chosen for ident in group]
    if not chosen or any(not g for g in chosen) or len(set(named)) != len(named):
        raise StoreError("error.adopt.groups")
    texts = _proposals(db, engagement_id, named)
    engagement = revisions.load(db, engagement_id, base_revision).engagement.model_copy(deep=True)
    taken = {p.id for p in engagement.strategy.pillars}
    pillars: dict[str, str] = {}  # first proposal of each group -> its new pillar's id
    for first, *_ in chosen:
        pillars[first] = _pillar_id(texts[first], taken)
        engagement.strategy.pillars.append(Pillar(id=pillars[first], name=texts[first]))
    checked = revalidate(engagement)
    summary = t(
        "store.summary.adopted",
        checked.engagement.language,
        count=len(chosen),
        pillars=", ".join(pillars.values()),
    )

    def decisions(conn: Connection, _number: int) -> None:
        for first, *others in chosen:
            record_decision(conn, parse_id(first), "adopted", author, pillars[first])
            for other in others:
                record_decision(conn, parse_id(other), "merged", author, first)

    return revisions.save(db, checked, author, base_revision, summary, also=decisions)
