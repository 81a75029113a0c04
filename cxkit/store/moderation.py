"""Moderation before projection: which participants' texts the projected screen may show.

A text (a proposal, a comment, an answer) is written with its first state:
``shown``, or ``pending`` when its workshop asks to approve texts first
(:func:`cxkit.store.activities.set_moderation`). The facilitator's queue
lists the pending ones; approving (``shown``) or hiding (``hidden``) is a
new row of ``moderation`` beside the contribution, the latest one wins, so
a hidden text can be shown again. Only shown texts reach the projected
screen's results (:mod:`cxkit.store.aggregates`) and the vote's candidates.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from cxkit.errors import NotFound, StoreError
from cxkit.store.clock import now
from cxkit.store.contributions import parse_id, record_of, records_query
from cxkit.store.database import Database
from cxkit.store.kinds import KINDS
from cxkit.store.records import ContributionRecord
from cxkit.store.schema import contributions, moderation

DECISIONS = ("shown", "hidden")
"""What the facilitator may decide: show (approve) or hide a text."""


def moderate(
    db: Database, engagement_id: str, contribution_ids: Iterable[str], state: str, author: str
) -> None:
    """Show (approve) or hide texts of the engagement, all in one transaction.

    StoreError for another state; NotFound for an id that is not a text
    contribution of the engagement (nothing is written then).
    """
    if state not in DECISIONS:
        raise StoreError("error.moderation.state", state=str(state)[:20])
    idents = list(dict.fromkeys(contribution_ids))
    seqs = {ident: parse_id(ident) for ident in idents}
    texts = {name for name, kind in KINDS.items() if kind.has_text}
    at = now()
    with db.write() as conn:
        found = {
            seq: kind
            for seq, kind in conn.execute(
                select(contributions.c.seq, contributions.c.kind).where(
                    contributions.c.seq.in_(list(seqs.values()))
                    & (contributions.c.engagement_id == engagement_id)
                )
            )
        }
        for ident, seq in seqs.items():
            if found.get(seq) not in texts:
                raise NotFound("error.moderation.not_text", id=ident)
        if seqs:
            conn.execute(
                moderation.insert(),
                [
                    {"contribution_seq": seq, "state": state, "author": author, "at": at}
                    for seq in seqs.values()
                ],
            )


def queue(db: Database, engagement_id: str, workshop: str) -> list[ContributionRecord]:
    """The workshop's texts waiting for the facilitator's approval, oldest first."""
    query = records_query().where(
        (contributions.c.engagement_id == engagement_id) & (contributions.c.workshop == workshop)
    )
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    return [record_of(r) for r in rows if r["moderation"] == "pending"]
