"""The 2×2 matrix activity: participants place action leads on impact × ease.

A ``placement`` targets an action lead by its ``Action.id`` and carries
``{"impact": n, "ease": n}``, whole numbers from 1 to
:data:`cxkit.prioritisation.SCALE`. The leads placed are the activity's
options, ``{"leads": [action ids]}`` (:func:`check_options`), set by the
facilitator; without options, every action lead of the engagement's devices.

What a phone can forge is re-checked in the store: a lead outside the
options (or, without options, not a lead of the latest revision) is
refused in the appending transaction itself (the ``locked`` rule reads the
options there), as are values off the scale or not whole.

One placement per lead per participant, **in the aggregate**: contributions
are append-only, so a participant who places a lead again appends a new
row, and :func:`placements` counts only the latest (highest ``seq``) of each
(invitation, lead). Nothing is lost (the history stays in the store), no
lock is needed for it, and two tabs of one phone cannot count twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, RowMapping, func, select

from cxkit.errors import StoreError
from cxkit.prioritisation import SCALE, Verdict, on_scale, verdict
from cxkit.store.activities import read_state
from cxkit.store.contributions import Draft, payload_of
from cxkit.store.database import Database
from cxkit.store.kinds import Participant, contribution_kind
from cxkit.store.records import InvalidContribution
from cxkit.store.schema import activity_live, contributions, revisions

KIND = "placement"
AXES = ("impact", "ease")
MAX_LEADS = 30
"""Most leads one matrix round places (a phone's page stays short)."""


@dataclass(frozen=True)
class Lead:
    """An action lead as the matrix shows it: by its title, under its device."""

    id: str
    title: str
    device: str
    """The device's kind (distribution, offer…)."""


def leads_of(document: Mapping[str, Any]) -> list[Lead]:
    """Every action lead of a stored document (plain data), in the devices' order."""
    return [
        Lead(str(a["id"]), str(a.get("title") or a["id"]), str(d.get("kind") or ""))
        for d in document.get("devices", [])
        for a in d.get("actions", [])
    ]


def chosen_ids(options: Mapping[str, Any]) -> list[str] | None:
    """The lead ids the options name, or None when they name none (every lead then)."""
    leads = options.get("leads")
    if not isinstance(leads, list) or not leads:
        return None
    return [str(x) for x in leads if isinstance(x, str)]


def offered(document: Mapping[str, Any], options: Mapping[str, Any]) -> list[Lead]:
    """The leads this round places: those the options name (in their order), else every lead."""
    known = {lead.id: lead for lead in leads_of(document)}
    ids = chosen_ids(options)
    if ids is None:
        return list(known.values())
    return [known[i] for i in ids if i in known]


def check_options(document: Mapping[str, Any], lead_ids: Sequence[str]) -> dict[str, Any]:
    """The options of a round on ``lead_ids``: StoreError unless each is a lead, once.

    What the facilitator's app stores with ``ws.set_activity(..., options=...)``.
    """
    known = {lead.id for lead in leads_of(document)}
    ids = [str(i) for i in lead_ids]
    unknown = [i for i in ids if i not in known]
    if not ids:
        raise StoreError("error.placement.choose")
    if unknown or len(set(ids)) != len(ids) or len(ids) > MAX_LEADS:
        raise StoreError("error.placement.options", max=MAX_LEADS)
    return {"leads": ids}


def _latest_document(conn: Connection, engagement_id: str) -> dict[str, Any]:
    text = conn.execute(
        select(revisions.c.document)
        .where(revisions.c.engagement_id == engagement_id)
        .order_by(revisions.c.number.desc())
        .limit(1)
    ).scalar()
    return dict(json.loads(text)) if text else {}


def _options(conn: Connection, engagement_id: str, workshop: str) -> dict[str, Any]:
    text = conn.execute(
        select(activity_live.c.options).where(
            (activity_live.c.engagement_id == engagement_id)
            & (activity_live.c.workshop == workshop)
            & (activity_live.c.activity == KIND)
        )
    ).scalar()
    found = json.loads(text) if text else {}
    return found if isinstance(found, dict) else {}


def _is_offered(conn: Connection, invitation: RowMapping, draft: Draft) -> None:
    """The lead is one this round places (read in the appending transaction)."""
    engagement, workshop = invitation["engagement_id"], invitation["workshop"]
    ids = chosen_ids(_options(conn, engagement, workshop))
    if ids is None:
        ids = [lead.id for lead in leads_of(_latest_document(conn, engagement))]
    if draft.target not in ids:
        raise InvalidContribution("error.placement.unknown_lead")


@contribution_kind(KIND, structured=True, locked=_is_offered)
def placement(draft: Draft, who: Participant) -> Draft:
    """An action lead (``target``) placed on impact and ease, each a whole number from 1 to 4."""
    if not draft.target:
        raise InvalidContribution("error.contribution.no_target")
    fields = dict(draft.payload or {})
    if set(fields) != set(AXES) or not all(on_scale(fields[a]) for a in AXES):
        raise InvalidContribution("error.placement.value", scale=SCALE)
    return replace(draft, value=None, payload={a: int(fields[a]) for a in AXES})


# --- what the room placed ---------------------------------------------------------------


@dataclass(frozen=True)
class PlacedLead:
    """One lead of the round: the room's latest placements of it, and their medians."""

    lead: Lead
    points: tuple[tuple[int, int], ...]
    """(impact, ease) of each participant's latest placement."""

    @property
    def verdict(self) -> Verdict | None:
        return verdict(self.points)


@dataclass(frozen=True)
class Placements:
    """A workshop's matrix round, for the projector and the facilitator's apply.

    ``count``: the placements that count (one per lead per participant);
    ``people``: who placed at least one lead. When the results are hidden
    (``hidden``) and not asked for anyway, the points are left out (the
    count stays: the room sees that it is moving).
    """

    workshop: str
    leads: tuple[PlacedLead, ...]
    count: int
    people: int
    hidden: bool = False


def _latest_rows(conn: Connection, engagement_id: str, workshop: str) -> list[RowMapping]:
    """The latest placement of each (participant, lead): one GROUP BY, then its rows."""
    c = contributions
    scope = (c.c.engagement_id == engagement_id) & (c.c.workshop == workshop) & (c.c.kind == KIND)
    last = (
        select(func.max(c.c.seq).label("seq"))
        .where(scope)
        .group_by(c.c.invitation_id, c.c.target)
        .subquery()
    )
    query = select(c.c.invitation_id, c.c.target, c.c.payload).join(last, last.c.seq == c.c.seq)
    return list(conn.execute(query).mappings())


def _points(rows: Iterable[RowMapping]) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for r in rows:
        fields = payload_of(r["payload"]) or {}
        if r["target"] and all(on_scale(fields.get(a)) for a in AXES):
            found.setdefault(r["target"], []).append((int(fields["impact"]), int(fields["ease"])))
    return found


def placements(
    db: Database, engagement_id: str, workshop: str, *, reveal: bool = False
) -> Placements:
    """The round's leads with their latest placements; points left out while hidden unless ``reveal``."""
    with db.read() as conn:
        state = read_state(conn, engagement_id, workshop).activity(KIND)
        rows = _latest_rows(conn, engagement_id, workshop)
        document = _latest_document(conn, engagement_id)
    leads = offered(document, state.options)
    by_lead = _points(rows)
    counted = [r for r in rows if r["target"] in {lead.id for lead in leads}]
    hidden = not state.results_shown
    show = reveal or not hidden
    return Placements(
        workshop=workshop,
        leads=tuple(
            PlacedLead(lead, tuple(by_lead.get(lead.id, ())) if show else ()) for lead in leads
        ),
        count=sum(len(by_lead.get(lead.id, ())) for lead in leads),
        people=len({r["invitation_id"] for r in counted}),
        hidden=hidden,
    )
