"""Ranking: each participant orders the candidates, best first; the room's order by Borda count.

The facilitator chooses what is ranked (the activity's ``options``,
:func:`ranking_options`): the engagement's pillars, its action leads, the
workshop's open pillar proposals, or by default the pillars and the open
proposals as for the vote. A ranking's payload is ``{"order": [ids, best
first]}``; it is refused unless it is exactly a permutation of the
candidates at the moment it is appended: checked in the appending
transaction (:func:`_exact_permutation`, the kind's ``locked`` rule), so a
candidate set changed by the facilitator a second before cannot slip through.

A participant may rank again: every ranking is kept (contributions are
never edited) and the aggregate counts each participant's latest ranking
of the current candidates only (:func:`ranking_results`). Borda count: in a
ranking of ``n`` current candidates, the first gets ``n`` points, the last
1; a candidate added after someone ranked gets nothing from that ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from cxkit.errors import StoreError
from cxkit.store.activities import ActivityState, read_state, set_activity
from cxkit.store.aggregates import _adopted_as
from cxkit.store.contributions import Draft, open_proposals, payload_of, records_query
from cxkit.store.database import Database
from cxkit.store.kinds import PAYLOAD_ITEMS, Participant, contribution_kind
from cxkit.store.records import InvalidContribution
from cxkit.store.revisions import _document, latest, pillar_names
from cxkit.store.schema import contributions

KIND = "ranking"
OPTION = "candidates"
"""The option naming the candidate set."""
CANDIDATE_SETS: tuple[str, ...] = ("default", "pillars", "leads", "proposals")
"""``default``: pillars and open proposals (as for the vote); the others, one of them alone."""


def ranking_options(candidates: str) -> dict[str, str]:
    """The activity's options for a candidate set; StoreError if there is no such set."""
    if candidates not in CANDIDATE_SETS:
        raise StoreError(
            "error.ranking.candidates",
            found=str(candidates)[:40],
            allowed=", ".join(CANDIDATE_SETS),
        )
    return {OPTION: candidates}


def candidate_set(options: Mapping[str, Any]) -> str:
    """The set the options name; ``default`` for anything else (options are plain stored data)."""
    chosen = options.get(OPTION)
    return chosen if isinstance(chosen, str) and chosen in CANDIDATE_SETS else "default"


def lead_names(found: Mapping[str, Any]) -> dict[str, str]:
    """The action leads of a stored document (plain data), id -> title, in the devices' order."""
    return {
        action["id"]: action["title"]
        for device in found.get("devices", [])
        for action in device.get("actions", [])
    }


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def _unique(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each candidate once: the first of those that read the same, case and spaces aside.

    A phone cannot show two lines that read alike, so the store does not ask
    for both: a proposal that repeats a pillar's name is ranked as the pillar.
    """
    seen: set[str] = set()
    out = []
    for ident, name in pairs:
        if (norm := _norm(name)) and norm not in seen:
            seen.add(norm)
            out.append((ident, name))
    return out


def _latest_document(conn: Connection, engagement_id: str) -> dict[str, Any]:
    newest = latest(conn, engagement_id)
    return {} if newest is None else dict(_document(conn, engagement_id, newest["number"]))


def read_candidates(
    conn: Connection, engagement_id: str, workshop: str, chosen: str | None = None
) -> list[tuple[str, str]]:
    """(id, name) of what is ranked now, in the caller's transaction, in the order shown.

    ``chosen``: a candidate set; by default the one the activity's options name.
    """
    if chosen is None:
        chosen = candidate_set(read_state(conn, engagement_id, workshop).activity(KIND).options)
    found = _latest_document(conn, engagement_id)
    pairs: list[tuple[str, str]] = []
    if chosen == "leads":
        pairs += lead_names(found).items()
    if chosen in ("default", "pillars"):
        pairs += pillar_names(found).items()
    if chosen in ("default", "proposals"):
        pairs += open_proposals(conn, engagement_id, workshop)
    return _unique(pairs)


def candidates(db: Database, engagement_id: str, workshop: str) -> list[tuple[str, str]]:
    with db.read() as conn:
        return read_candidates(conn, engagement_id, workshop)


def set_candidates(db: Database, engagement_id: str, workshop: str, chosen: str) -> ActivityState:
    """Rank ``chosen`` from now on (the activity's other options are kept)."""
    options = ranking_options(chosen)
    with db.read() as conn:
        old = read_state(conn, engagement_id, workshop).activity(KIND).options
    return set_activity(db, engagement_id, workshop, KIND, options={**old, **options})


# --- the kind --------------------------------------------------------------------------


def _exact_permutation(conn: Connection, invitation: RowMapping, draft: Draft) -> None:
    """Every current candidate once, nothing else: read in the appending transaction."""
    order = list((draft.payload or {}).get("order", []))
    current = read_candidates(conn, invitation["engagement_id"], invitation["workshop"])
    if not current:
        raise InvalidContribution("error.ranking.no_candidates")
    if sorted(order) != sorted(ident for ident, _ in current):
        raise InvalidContribution("error.ranking.not_current")


@contribution_kind(KIND, locked=_exact_permutation, structured=True)
def ranking(draft: Draft, who: Participant) -> Draft:
    """The candidates in the participant's order, best first (``{"order": [ids]}``)."""
    order = (draft.payload or {}).get("order")
    if not isinstance(order, list) or not order or not all(isinstance(i, str) for i in order):
        raise InvalidContribution("error.ranking.order")
    if len(set(order)) != len(order) or len(order) > PAYLOAD_ITEMS:
        raise InvalidContribution("error.ranking.repeat")
    return replace(draft, target=None, value=None, payload={"order": order})


# --- the room's ranking ------------------------------------------------------------------


@dataclass(frozen=True)
class RankedCandidate:
    """One candidate's place in the room's ranking."""

    id: str
    label: str
    points: int
    """Borda points: in a ranking of n candidates, n for the first down to 1 for the last."""
    mean_rank: float | None
    """Its mean position (1 = first) in the rankings that placed it; None if none did."""
    placed: int
    """How many of the counted rankings placed it."""


@dataclass(frozen=True)
class RankingResults:
    """The room's ranking of the current candidates, best first.

    ``rankings``: how many participants' latest rankings count (received,
    shown even while the results are hidden). ``hidden``: the facilitator
    has not revealed the results: ``rows`` is empty.
    """

    workshop: str
    candidate_set: str
    rankings: int
    rows: list[RankedCandidate]
    hidden: bool = False


def borda(
    orders: Iterable[Iterable[str]], candidates: Iterable[tuple[str, str]]
) -> list[RankedCandidate]:
    """Borda count of ``orders`` (each one participant's, best first) over ``candidates``.

    Only current candidates count: each order is cut to them (first mention
    kept), then its first gets as many points as the cut order is long, its
    last 1. Best first: most points, then the best mean position, then by name.
    """
    labels = dict(candidates)
    points = dict.fromkeys(labels, 0)
    ranks: dict[str, list[int]] = {ident: [] for ident in labels}
    for order in orders:
        kept = list(dict.fromkeys(i for i in order if i in labels))
        for position, ident in enumerate(kept):
            points[ident] += len(kept) - position
            ranks[ident].append(position + 1)
    rows = [
        RankedCandidate(
            ident,
            labels[ident],
            points[ident],
            round(sum(ranks[ident]) / len(ranks[ident]), 2) if ranks[ident] else None,
            len(ranks[ident]),
        )
        for ident in labels
    ]
    worst = float(len(labels) + 1)
    return sorted(
        rows,
        key=lambda r: (-r.points, r.mean_rank or worst, r.label.casefold()),
    )


def latest_orders(
    rows: Iterable[tuple[str, Mapping[str, Any] | None]],
    current: set[str],
    moved: Mapping[str, str],
) -> list[list[str]]:
    """Each participant's latest order that ranks a current candidate, oldest rows first.

    ``rows``: (participant's invitation, payload) in the order they arrived;
    ``moved``: a proposal's id -> what it became (adopted as a pillar, merged
    into another), so a ranking follows its candidates.
    """
    latest_of: dict[str, list[str]] = {}
    for invitation, payload in rows:
        order = [moved.get(i, i) for i in (payload or {}).get("order", []) if isinstance(i, str)]
        if any(i in current for i in order):
            latest_of[invitation] = order
    return list(latest_of.values())


def ranking_results(db: Database, engagement_id: str, workshop: str) -> RankingResults:
    """The room's ranking of the current candidates (empty rows while results are hidden).

    Every ranking row of the workshop is read: a participant's latest one
    depends on the current candidate set, which the facilitator may switch
    back and forth; the rows are few (one per participant, a few re-ranks).
    """
    c = contributions
    scope = (c.c.engagement_id == engagement_id) & (c.c.workshop == workshop)
    with db.read() as conn:
        state = read_state(conn, engagement_id, workshop).activity(KIND)
        chosen = candidate_set(state.options)
        current = read_candidates(conn, engagement_id, workshop, chosen)
        stored = conn.execute(
            select(c.c.invitation_id, c.c.payload)
            .where(scope & (c.c.kind == KIND))
            .order_by(c.c.seq)
        ).all()
        proposals = conn.execute(
            records_query().where(scope & (c.c.kind == "pillar-proposal"))
        ).mappings()
        moved = _adopted_as(proposals)
    orders = latest_orders(
        ((str(inv), payload_of(p)) for inv, p in stored), {i for i, _ in current}, moved
    )
    return RankingResults(
        workshop,
        chosen,
        len(orders),
        [] if not state.results_shown else borda(orders, current),
        hidden=not state.results_shown,
    )
