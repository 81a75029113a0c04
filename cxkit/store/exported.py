"""The engagement as the deliverables read it: its document plus its participants' contributions.

Contributions live beside the revisions (appended, decided, moderated), not in
the document; the deck's and the workbook's workshop results read them from
the engagement's ``contributions`` list. What the room never saw (a text held
for approval, or hidden by the facilitator) stays out of a client's deliverable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxkit.store.contributions import contribution_records
from cxkit.store.database import Database

if TYPE_CHECKING:
    from cxkit.model import Engagement


def with_contributions(db: Database, engagement: Engagement) -> Engagement:
    """``engagement`` with the store's shown contributions (with their decisions) in its list.

    Those the document already holds (an imported export) are kept unless the
    store has the same id, whose record is the current one.
    """
    records = [r for r in contribution_records(db, engagement.id) if r.moderation == "shown"]
    stored = {r.id for r in records}
    kept = [c for c in engagement.contributions if c.id not in stored]
    merged = [*kept, *(r.to_model() for r in records)]
    return engagement.model_copy(update={"contributions": merged})
