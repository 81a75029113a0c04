"""The facilitator's one click after a 2×2 round: the leads' priority and horizon, as a new revision.

Each lead the room placed gets the priority and the horizon its medians
say (:mod:`cxkit.prioritisation`), written in the engagement's language,
in ONE new revision through the store's save path
(:func:`cxkit.store.revisions.save`), on the revision the facilitator saw.
A newer revision saved meanwhile is a :class:`~cxkit.store.records.SaveConflict`:
the would-be revision is kept as a draft and the placements stay in the
store, so nothing is lost and the click can simply be made again.
Leads nobody placed are left as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxkit.errors import StoreError
from cxkit.prioritisation import Verdict
from cxkit.store import revisions
from cxkit.store.database import Database
from cxkit.store.placement import placements
from cxkit.store.records import Revision
from cxkit.typography import t_plural


@dataclass(frozen=True)
class LeadChange:
    """What applying the round does to one lead."""

    lead: str
    title: str
    verdict: Verdict
    priority: str
    horizon: str
    before: tuple[str | None, str | int | None]
    """Its priority and horizon until now."""


def plan_priorities(db: Database, engagement_id: str, workshop: str) -> list[LeadChange]:
    """What applying the round would write, lead by lead (nothing written); placed leads only."""
    document = revisions.document(db, engagement_id)
    lang = document["engagement"].get("language")
    current = {
        str(a["id"]): (a.get("priority"), a.get("horizon"))
        for d in document.get("devices", [])
        for a in d.get("actions", [])
    }
    found = placements(db, engagement_id, workshop, reveal=True)
    return [
        LeadChange(
            p.lead.id,
            p.lead.title,
            v,
            v.priority,
            v.horizon(lang),
            current.get(p.lead.id, (None, None)),
        )
        for p in found.leads
        if (v := p.verdict) is not None
    ]


def apply_priorities(
    db: Database, engagement_id: str, workshop: str, author: str, base_revision: int
) -> Revision:
    """Write each placed lead's priority and horizon as the revision after ``base_revision``.

    StoreError when no lead was placed; SaveConflict (the content kept as a
    draft) when ``base_revision`` is no longer the latest. Applying the same
    round twice writes nothing the second time (the save sees no change).
    """
    from cxkit.validation import revalidate  # heavy: not on a participant's path

    changes = {c.lead: c for c in plan_priorities(db, engagement_id, workshop)}
    if not changes:
        raise StoreError("error.placement.nothing")
    engagement = revisions.load(db, engagement_id, base_revision).engagement.model_copy(deep=True)
    applied = 0
    for device in engagement.devices:
        for action in device.actions:
            change = changes.get(action.id)
            if change is not None:
                action.priority = change.priority  # type: ignore[assignment]
                action.horizon = change.horizon
                applied += 1
    if not applied:
        raise StoreError("error.placement.nothing")
    lang = engagement.engagement.language
    title = next((w.title for w in engagement.workshops if w.id == workshop), workshop)
    summary = t_plural("store.summary.prioritised", applied, lang, workshop=title)
    return revisions.save(db, revalidate(engagement), author, base_revision, summary)
