"""Adopting participants' pillar proposals: a new revision and the decisions, in one transaction.

A pillar proposal answers "what would you like our customers to say about
us?": adopted, it becomes the pillar's customer quote (``customers_say``),
under a short name the facilitator gives (or one suggested from the quote).

The facilitator ticks groups of proposals that say the same thing
(:func:`cxkit.store.aggregates.group_proposals`). Each group's first
proposal becomes a pillar; the group's other members are recorded as merged
into that first proposal, never into another group's. The revision, the
``adopted`` decisions and the ``merged`` ones are written in the one
transaction of the save: a conflict or a failure anywhere leaves the
engagement and every proposal as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from cxkit.errors import NotFound, StoreError
from cxkit.i18n import t
from cxkit.store import revisions
from cxkit.store.contributions import parse_id, record_decision
from cxkit.store.database import Database
from cxkit.store.proposal_adoption import chosen_groups, provenances
from cxkit.store.records import Revision
from cxkit.store.schema import contributions
from cxkit.text import slugify
from cxkit.vocab import MAX_PILLARS

if TYPE_CHECKING:
    from cxkit.model import Engagement

NAME_HINT = 40
NAME_LIMIT = 80
_QUOTES = "«»\"“”‘’'    "
_TRAILING = " ,;:.!?…  "


ADOPTABLE_AS_PILLAR = ("pillar-proposal", "idea")
"""What can become a pillar: a pillar proposal, or an idea written in private then revealed."""


def _proposals(db: Database, engagement_id: str, idents: Sequence[str]) -> dict[str, str]:
    """id -> text of the named pillar proposals (or ideas) of the engagement; NotFound for any
    other id."""
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
        if row is None or row["kind"] not in ADOPTABLE_AS_PILLAR:
            raise NotFound("error.contribution.not_proposal", id=ident)
        found[ident] = str(row["text"] or "")
    return found


def _pillar_id(name: str, taken: set[str]) -> str:
    base = slugify(name, fallback="pilier")[:40].strip("-") or "pilier"
    pillar_id, n = base, 2
    while pillar_id in taken:
        pillar_id, n = f"{base}-{n}", n + 1
    taken.add(pillar_id)
    return pillar_id


def suggest_pillar_name(quote: str, limit: int = NAME_HINT) -> str:
    """A short name for the pillar a customer quote becomes: its first words, within ``limit``.

    What the facilitator sees first in the name field, to edit before adopting.
    """
    words = quote.strip().strip(_QUOTES).split()
    name = ""
    for word in words:
        if name and len(name) + 1 + len(word) > limit:
            break
        name = f"{name} {word}" if name else word[:limit]
    name = name.rstrip(_TRAILING) or quote.strip()[:limit] or "Pilier"
    return name[0].upper() + name[1:]


@dataclass(frozen=True)
class PlannedPillar:
    proposal: str
    """The group's first proposal, whose text becomes the customer quote."""
    pillar_id: str
    name: str
    customers_say: str
    merged: tuple[str, ...]
    """The group's other proposals, merged into the first."""


@dataclass(frozen=True)
class AdoptionPlan:
    """What adopting these groups would do, for the facilitator to check before adopting."""

    pillars: tuple[PlannedPillar, ...]
    total: int
    """How many pillars the strategy would have."""

    @property
    def beyond_method(self) -> bool:
        """More pillars than the method keeps (3 or 4)."""
        return self.total > MAX_PILLARS

    def warning(self, lang: str | None = None) -> str | None:
        """The method's words when the strategy would go beyond four pillars, else None."""
        if not self.beyond_method:
            return None
        return t("store.adopt.beyond_four", lang, count=self.total, max=MAX_PILLARS)


def _plan(
    engagement: Engagement,
    chosen: list[list[str]],
    texts: Mapping[str, str],
    names: Mapping[str, str],
) -> AdoptionPlan:
    taken = {p.id for p in engagement.strategy.pillars}
    planned = []
    for first, *others in chosen:
        given = " ".join(str(names.get(first) or "").split())
        if len(given) > NAME_LIMIT:
            raise StoreError("error.adopt.name", limit=NAME_LIMIT, length=len(given))
        name = given or suggest_pillar_name(texts[first])
        pillar_id = _pillar_id(name, taken)
        planned.append(PlannedPillar(first, pillar_id, name, texts[first], tuple(others)))
    return AdoptionPlan(tuple(planned), len(engagement.strategy.pillars) + len(planned))


def plan_adoption(
    db: Database,
    engagement_id: str,
    groups: Sequence[Sequence[str]],
    names: Mapping[str, str] | None = None,
) -> AdoptionPlan:
    """The pillars adopting ``groups`` would add (names suggested unless given), nothing written."""
    chosen = chosen_groups(groups)
    texts = _proposals(db, engagement_id, [i for g in chosen for i in g])
    return _plan(revisions.load(db, engagement_id).engagement, chosen, texts, names or {})


def adopt_groups(
    db: Database,
    engagement_id: str,
    groups: Sequence[Sequence[str]],
    author: str,
    base_revision: int,
    names: Mapping[str, str] | None = None,
) -> Revision:
    """Each group's first proposal a pillar of a new revision, its other members merged into it.

    The proposal (what customers would say of us) becomes the pillar's
    customer quote; its name is ``names[first id]`` if given, else a short
    one drawn from the quote. All or nothing, in one transaction:
    RevisionConflict (a SaveConflict, the content kept as a draft) on a stale
    ``base_revision``; NotFound for an id that is not a pillar proposal of
    the engagement; StoreError for an empty group, a proposal named twice or
    a name too long. Going beyond four pillars is allowed (the method's
    warning is :meth:`AdoptionPlan.warning`; CX201 flags it too).
    """
    from cxkit.model import Pillar, Provenance  # heavy: not on a participant's path
    from cxkit.validation import revalidate

    chosen = chosen_groups(groups)
    texts = _proposals(db, engagement_id, [i for g in chosen for i in g])
    engagement = revisions.load(db, engagement_id, base_revision).engagement.model_copy(deep=True)
    plan = _plan(engagement, chosen, texts, names or {})
    origins = provenances(db, engagement_id, chosen)
    for p in plan.pillars:
        engagement.strategy.pillars.append(
            Pillar(
                id=p.pillar_id,
                name=p.name,
                customers_say=p.customers_say,
                provenance=Provenance(**origins[p.proposal]),
            )
        )
    checked = revalidate(engagement)
    summary = t(
        "store.summary.adopted",
        checked.engagement.language,
        count=len(plan.pillars),
        pillars=", ".join(p.pillar_id for p in plan.pillars),
    )

    def decisions(conn: Connection, _number: int) -> None:
        for p in plan.pillars:
            record_decision(conn, parse_id(p.proposal), "adopted", author, p.pillar_id)
            for other in p.merged:
                record_decision(conn, parse_id(other), "merged", author, p.proposal)

    return revisions.save(db, checked, author, base_revision, summary, also=decisions)
