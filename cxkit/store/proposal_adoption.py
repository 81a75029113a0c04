"""Adopting the method's proposals: each one the typed object it proposes, with its provenance.

A KPI proposal becomes a :class:`~cxkit.model.Kpi` of its pillar, a lead
proposal an :class:`~cxkit.model.Action` of its device (the device is
added if the engagement had none of that kind), a standard proposal a
:class:`~cxkit.model.Standard` (scoped where the participant said, for a
specific one), a ritual proposal a :class:`~cxkit.model.Ritual`, a posture
proposal a :class:`~cxkit.model.Posture`. Each gets a fresh id (a slug of
its name, unique in the engagement) and its ``provenance``: the workshop,
the contributions (the one adopted first, then those merged into it) and
the dots the room gave them.

As for pillars (:mod:`cxkit.store.adoption`), the facilitator ticks groups
of proposals that say the same thing, of one kind each; the revision, the
``adopted`` decisions and the ``merged`` ones are written in the one
transaction of the save: a conflict or a failure leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from cxkit.errors import NotFound, StoreError
from cxkit.i18n import t
from cxkit.store import revisions
from cxkit.store.contributions import contribution_id, parse_id, payload_of, record_decision
from cxkit.store.database import Database
from cxkit.store.records import Revision
from cxkit.store.schema import contributions
from cxkit.text import slugify
from cxkit.vocab import METHOD_PROPOSALS

if TYPE_CHECKING:
    from cxkit.model import Engagement, Provenance

NAME_LIMIT = 200
ID_PREFIX = {
    "kpi-proposal": "kpi",
    "lead-proposal": "act",
    "standard-proposal": "std",
    "ritual-proposal": "rit",
}
"""Ids of adopted objects start as the demo's do (``act-suivi``, ``std-remb``)."""


@dataclass(frozen=True)
class Proposed:
    """One stored proposal, as adoption reads it."""

    id: str
    kind: str
    workshop: str
    text: str
    payload: dict[str, Any]


def _read(db: Database, engagement_id: str, idents: Sequence[str]) -> dict[str, Proposed]:
    """The named proposals of the engagement; NotFound for an id that is not one of the method's."""
    seqs = {ident: parse_id(ident) for ident in idents}
    c = contributions.c
    with db.read() as conn:
        rows = {
            r["seq"]: r
            for r in conn.execute(
                select(c.seq, c.kind, c.workshop, c.text, c.payload).where(
                    c.seq.in_(list(seqs.values())) & (c.engagement_id == engagement_id)
                )
            ).mappings()
        }
    found: dict[str, Proposed] = {}
    for ident, seq in seqs.items():
        row = rows.get(seq)
        if row is None or row["kind"] not in METHOD_PROPOSALS:
            raise NotFound("error.proposal.not_method", id=ident)
        payload = payload_of(row["payload"]) or {}
        found[ident] = Proposed(ident, row["kind"], row["workshop"], row["text"] or "", payload)
    return found


def dots_on(db: Database, engagement_id: str, idents: Sequence[str]) -> dict[str, int]:
    """The dots the room gave each of these contributions (votes whose target is its id)."""
    c = contributions.c
    with db.read() as conn:
        rows = conn.execute(
            select(c.target, func.coalesce(func.sum(c.value), 0))
            .where(
                (c.engagement_id == engagement_id)
                & (c.kind == "vote")
                & c.target.in_([contribution_id(parse_id(i)) for i in idents])
            )
            .group_by(c.target)
        ).all()
    given = {str(target): int(total) for target, total in rows}
    return {ident: given.get(ident, 0) for ident in idents}


def provenances(
    db: Database, engagement_id: str, groups: Sequence[Sequence[str]]
) -> dict[str, dict[str, Any]]:
    """First id -> the provenance fields of what its group becomes: workshop, contributions, dots.

    For any kind of proposal (a pillar proposal too): read from the store, never from the page.
    """
    idents = [i for g in groups for i in g]
    c = contributions.c
    with db.read() as conn:
        workshops = {
            contribution_id(seq): str(workshop)
            for seq, workshop in conn.execute(
                select(c.seq, c.workshop).where(
                    c.seq.in_([parse_id(i) for i in idents]) & (c.engagement_id == engagement_id)
                )
            ).all()
        }
    dots = dots_on(db, engagement_id, idents)
    return {
        g[0]: {
            "workshop": workshops.get(contribution_id(parse_id(g[0])), ""),
            "contributions": list(g),
            "dots": sum(dots[i] for i in g),
        }
        for g in groups
        if g
    }


def chosen_groups(groups: Sequence[Sequence[str]]) -> list[list[str]]:
    """The groups to adopt as lists; StoreError for none, an empty one or a proposal named twice."""
    chosen = [list(g) for g in groups]
    named = [ident for group in chosen for ident in group]
    if not chosen or any(not g for g in chosen) or len(set(named)) != len(named):
        raise StoreError("error.adopt.groups")
    return chosen


def _taken_ids(engagement: Engagement) -> set[str]:
    """Every id of the engagement: ids are unique across the whole document."""
    e = engagement
    found = [
        *(s.id for s in e.environment.customer.segments),
        *(c.id for c in e.environment.market.competitors),
        *(i.id for i in e.collection.interviews),
        *(p.id for p in e.strategy.pillars),
        *(k.id for k in e.strategy.kpis),
        *(a.id for _, a in e.actions()),
        *(s.id for s in e.referential.standards),
        *(r.id for r in e.referential.rituals),
        *(w.id for w in e.workshops),
        *(c.id for c in e.contributions),
    ]
    return set(found)


def fresh_id(prefix: str, name: str, taken: set[str]) -> str:
    """``prefix-slug-of-name``, numbered if taken; added to ``taken``."""
    base = f"{prefix}-{slugify(name, fallback='item')[:40].strip('-')}".strip("-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _name(first: Proposed, names: Mapping[str, str]) -> str:
    given = " ".join(str(names.get(first.id) or "").split())
    if len(given) > NAME_LIMIT:
        raise StoreError("error.proposal.name", limit=NAME_LIMIT, length=len(given))
    return given or first.text


def _add(engagement: Engagement, p: Proposed, name: str, ident: str, prov: Provenance) -> None:
    """Put the object ``p`` proposes into ``engagement``, as the model types it."""
    from cxkit.model import Action, AppliesTo, Device, Kpi, Posture, Ritual, Standard

    f = p.payload
    pillars = [f["pillar"]] if f.get("pillar") else []
    if p.kind == "kpi-proposal":
        engagement.strategy.kpis.append(
            Kpi(
                id=ident,
                name=name,
                pillars=pillars,
                unit=f.get("unit"),
                target=f.get("target"),
                baseline=f.get("baseline"),
                provenance=prov,
            )
        )
    elif p.kind == "lead-proposal":
        device = next((d for d in engagement.devices if d.kind == f["device"]), None)
        if device is None:
            device = Device(kind=f["device"])
            engagement.devices.append(device)
        device.actions.append(
            Action(
                id=ident,
                title=name,
                pillars=pillars,
                description=f.get("description"),
                provenance=prov,
            )
        )
    elif p.kind == "standard-proposal":
        where = {k: f[k] for k in ("channels", "journey_stages", "offers", "segments") if f.get(k)}
        engagement.referential.standards.append(
            Standard(
                id=ident,
                statement=name,
                pillars=pillars,
                indicator=f.get("indicator"),
                threshold=f.get("threshold"),
                unit=f.get("unit"),
                scope=f.get("scope"),
                applies_to=AppliesTo(**where) if f.get("scope") == "specific" else None,
                provenance=prov,
            )
        )
    elif p.kind == "ritual-proposal":
        engagement.referential.rituals.append(
            Ritual(
                id=ident,
                name=name,
                moment=f.get("moment"),
                channels=list(f.get("channels") or []),
                pillars=pillars,
                provenance=prov,
            )
        )
    else:
        engagement.referential.postures.append(
            Posture(name=name, description=f.get("description"), provenance=prov)
        )


def adopt_method_proposals(
    db: Database,
    engagement_id: str,
    groups: Sequence[Sequence[str]],
    author: str,
    base_revision: int,
    names: Mapping[str, str] | None = None,
) -> Revision:
    """Each group's first proposal the object it proposes, in one new revision, with provenance.

    A group's members are proposals of one kind saying the same thing: the
    first is adopted (its name ``names[first id]`` if given, else its own
    text), the others recorded as merged into it; the provenance names them
    all with the dots they received. All or nothing, in one transaction:
    RevisionConflict on a stale ``base_revision``; NotFound for an id that
    is not a method proposal of the engagement; StoreError for an empty
    group, a proposal named twice, a group mixing kinds or a name too long.
    """
    from cxkit.model import Provenance  # heavy: not on a participant's path
    from cxkit.validation import revalidate

    chosen = chosen_groups(groups)
    found = _read(db, engagement_id, [i for g in chosen for i in g])
    if any(len({found[i].kind for i in group}) > 1 for group in chosen):
        raise StoreError("error.proposal.mixed_group")
    origins = provenances(db, engagement_id, chosen)
    engagement = revisions.load(db, engagement_id, base_revision).engagement.model_copy(deep=True)
    taken = _taken_ids(engagement)
    adopted: list[tuple[str, str, list[str]]] = []  # (first id, object id or name, merged ids)
    for first_id, *others in chosen:
        first = found[first_id]
        name = _name(first, names or {})
        prov = Provenance(**origins[first_id])
        prefix = ID_PREFIX.get(first.kind)
        ident = fresh_id(prefix, name, taken) if prefix else name
        _add(engagement, first, name, ident, prov)
        adopted.append((first_id, ident, others))
    checked = revalidate(engagement)
    summary = t(
        "proposals.summary.adopted",
        checked.engagement.language,
        count=len(adopted),
        objects=", ".join(ident for _, ident, _ in adopted),
    )

    def decisions(conn: Connection, _number: int) -> None:
        for first_id, ident, others in adopted:
            record_decision(conn, parse_id(first_id), "adopted", author, ident[:200])
            for other in others:
                record_decision(conn, parse_id(other), "merged", author, first_id)

    return revisions.save(db, checked, author, base_revision, summary, also=decisions)
