"""Private writing, then reveal: ideas written alone, shown all at once, grouped, given dots.

Writing alone first avoids groupthink: while the ``idea`` activity's
results are hidden (the default of a fresh one, see
:data:`cxkit.store.activities.HIDDEN_UNTIL_REVEALED`), a phone reads only
its own ideas and the projected screen only how many were written and by
how many people, never a text. The facilitator's reveal (results shown)
shows every idea the moderation lets through (shown: approved, or never
held back) at once, on the projector and on the phones; a hidden one never,
a pending one once approved.

After the reveal the facilitator groups ideas that say the same thing: each
member is recorded as ``merged`` into the group's head (a decision row, as
pillar proposals merge, :mod:`cxkit.store.adoption`); ``new`` takes it out
again. Participants give dots (the ``vote`` kind) to a revealed, shown idea
that heads its group (:func:`votable_ideas`, checked by
:func:`cxkit.store.kinds._within_budget`); a dot given before a merge
counts for the head (:mod:`cxkit.store.aggregates`).

The facilitator's prompt (the question the room writes about) is the
activity's option ``prompt``: :func:`idea_options` checks it before it is
stored, :func:`prompt_of` re-checks what was stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from cxkit.errors import NotFound, StoreError
from cxkit.store.activities import read_state
from cxkit.store.clock import aware
from cxkit.store.contributions import (
    Draft,
    contribution_id,
    parse_id,
    record_decision,
    records_query,
)
from cxkit.store.database import Database
from cxkit.store.kinds import Participant, contribution_kind
from cxkit.store.schema import contributions, decisions
from cxkit.text import clean_text

KIND = "idea"
IDEA_LIMIT = 280
"""Longest idea: a sentence or two, read on a projector."""
PROMPT_LIMIT = 200
"""Longest prompt the facilitator sets (shown on every phone and on the projector)."""


@contribution_kind(KIND, text_limit=IDEA_LIMIT)
def idea(draft: Draft, who: Participant) -> Draft:
    """One idea, in the participant's words, answering the activity's prompt (no target)."""
    return replace(draft, target=None)


# --- the facilitator's prompt ------------------------------------------------------


def idea_options(prompt: object) -> dict[str, Any]:
    """The activity's options for this prompt, checked; StoreError for a prompt too long."""
    if prompt is not None and not isinstance(prompt, str):
        raise StoreError("error.idea.prompt", limit=PROMPT_LIMIT, length=0)
    cleaned = " ".join(clean_text(prompt or "").split())
    if len(cleaned) > PROMPT_LIMIT:
        raise StoreError("error.idea.prompt", limit=PROMPT_LIMIT, length=len(cleaned))
    return {"prompt": cleaned} if cleaned else {}


def prompt_of(options: Mapping[str, Any]) -> str | None:
    """The prompt kept in the activity's options, re-checked (the store holds plain data)."""
    given = options.get("prompt")
    if not isinstance(given, str):
        return None
    cleaned = " ".join(clean_text(given).split())[:PROMPT_LIMIT]
    return cleaned or None


# --- what may be read -------------------------------------------------------------


@dataclass(frozen=True)
class Idea:
    """An idea as a screen may show it: its text, never who wrote it."""

    id: str
    text: str
    at: dt.datetime
    moderation: str = "shown"


@dataclass(frozen=True)
class IdeaGroup:
    """Ideas that say the same thing: the head (voted for) and those merged into it."""

    head: Idea
    members: tuple[Idea, ...] = ()

    @property
    def size(self) -> int:
        return 1 + len(self.members)


@dataclass(frozen=True)
class IdeaBoard:
    """A workshop's ideas as one reader may see them.

    ``written``/``writers``: ideas written (moderation's hidden ones aside) and
    by how many people: what the projector shows before the reveal.
    ``groups``: empty until revealed, then every shown idea, in groups, oldest
    head first. ``mine``: the reader's own ideas (a phone's), in any state.
    """

    workshop: str
    prompt: str | None
    revealed: bool
    written: int
    writers: int
    groups: tuple[IdeaGroup, ...] = ()
    mine: tuple[Idea, ...] = ()

    @property
    def shown(self) -> int:
        """How many ideas the groups hold."""
        return sum(g.size for g in self.groups)


def _rows(conn: Connection, engagement_id: str, workshop: str) -> list[RowMapping]:
    c = contributions
    return list(
        conn.execute(
            records_query().where(
                (c.c.engagement_id == engagement_id)
                & (c.c.workshop == workshop)
                & (c.c.kind == KIND)
            )
        ).mappings()
    )


def _heads(rows: Iterable[RowMapping]) -> dict[str, str]:
    """Shown idea id -> the head of its group (itself when it heads one or stands alone).

    A merge counts only into a shown idea of the same workshop; a chain of
    merges ends at the first idea not merged (a loop ends where it started).
    """
    shown = {contribution_id(r["seq"]): r for r in rows if r["moderation"] == "shown"}
    into = {
        ident: str(r["into"])
        for ident, r in shown.items()
        if r["status"] == "merged" and r["into"] in shown
    }
    heads: dict[str, str] = {}
    for start in shown:
        if shown[start]["status"] not in (None, "new", "merged"):
            continue  # rejected or adopted: not on the board
        head, seen = start, {start}
        while head in into and into[head] not in seen:
            head = into[head]
            seen.add(head)
        if head in into:  # a loop: it stands alone
            head = start
        heads[start] = head
    return heads


def _idea(row: RowMapping) -> Idea:
    return Idea(
        contribution_id(row["seq"]), str(row["text"] or ""), aware(row["at"]), row["moderation"]
    )


def _groups(rows: Sequence[RowMapping]) -> tuple[IdeaGroup, ...]:
    heads = _heads(rows)
    by_id = {contribution_id(r["seq"]): r for r in rows}
    members: dict[str, list[Idea]] = {}
    for ident, head in heads.items():
        if ident != head and head in heads:
            members.setdefault(head, []).append(_idea(by_id[ident]))
    return tuple(
        IdeaGroup(_idea(by_id[ident]), tuple(members.get(ident, ())))
        for ident in sorted(heads, key=parse_id)
        if heads[ident] == ident
    )


def read_board(
    conn: Connection, engagement_id: str, workshop: str, *, invitation_id: str | None = None
) -> IdeaBoard:
    """The board in the caller's transaction; with ``invitation_id``, that reader's own ideas too."""
    state = read_state(conn, engagement_id, workshop).activity(KIND)
    rows = _rows(conn, engagement_id, workshop)
    written = [r for r in rows if r["moderation"] != "hidden"]
    mine = tuple(_idea(r) for r in rows if invitation_id and r["invitation_id"] == invitation_id)
    return IdeaBoard(
        workshop=workshop,
        prompt=prompt_of(state.options),
        revealed=state.results_shown,
        written=len(written),
        writers=len({r["invitation_id"] for r in written}),
        groups=_groups(rows) if state.results_shown else (),
        mine=mine,
    )


def idea_board(db: Database, engagement_id: str, workshop: str) -> IdeaBoard:
    """What the projector and the facilitator may see: counts, and the groups once revealed."""
    with db.read() as conn:
        return read_board(conn, engagement_id, workshop)


def votable_ideas(
    conn: Connection, engagement_id: str, workshop: str, *, merged: bool = False
) -> list[tuple[str, str]]:
    """(id, text) of the ideas one may give dots to: revealed, shown, heading their group.

    With ``merged``, the merged ones too (to name a dot given before the
    merge). Nothing before the reveal.
    """
    if not read_state(conn, engagement_id, workshop).activity(KIND).results_shown:
        return []
    rows = _rows(conn, engagement_id, workshop)
    heads = _heads(rows)
    texts = {contribution_id(r["seq"]): str(r["text"] or "") for r in rows}
    return [(i, texts[i]) for i, head in heads.items() if merged or i == head]


def idea_ids(conn: Connection, engagement_id: str, workshop: str) -> set[str]:
    """Every idea of the workshop, in any state (to tell an idea from a proposal)."""
    c = contributions
    seqs = conn.execute(
        select(c.c.seq).where(
            (c.c.engagement_id == engagement_id) & (c.c.workshop == workshop) & (c.c.kind == KIND)
        )
    ).scalars()
    return {contribution_id(seq) for seq in seqs}


# --- grouping ------------------------------------------------------------------------


def _workshop_ideas(
    conn: Connection, engagement_id: str, idents: Sequence[str]
) -> dict[str, RowMapping]:
    """The named ideas of the engagement by id; NotFound for any other id."""
    seqs = {ident: parse_id(ident) for ident in idents}
    c = contributions
    found = {
        r["seq"]: r
        for r in conn.execute(
            select(c.c.seq, c.c.kind, c.c.workshop).where(
                c.c.seq.in_(list(seqs.values())) & (c.c.engagement_id == engagement_id)
            )
        ).mappings()
    }
    out = {}
    for ident, seq in seqs.items():
        row = found.get(seq)
        if row is None or row["kind"] != KIND:
            raise NotFound("error.idea.unknown", id=ident)
        out[ident] = row
    return out


def group_ideas(
    db: Database, engagement_id: str, head: str, members: Sequence[str], author: str
) -> None:
    """Group ``members`` under ``head`` (each recorded as merged into it), in one transaction.

    NotFound for an id that is not an idea of the engagement; StoreError when
    the head is among the members, the ideas are of different workshops, or
    there is nothing to group. A member heading a group takes its group along.
    """
    others = [m for m in dict.fromkeys(members) if m != head]
    if not others or head in others:
        raise StoreError("error.idea.group")
    with db.write() as conn:
        rows = _workshop_ideas(conn, engagement_id, [head, *others])
        if len({r["workshop"] for r in rows.values()}) != 1:
            raise StoreError("error.idea.group")
        for ident in others:
            record_decision(conn, parse_id(ident), "merged", author, head)
        if _status(conn, head) == "merged":  # the head leaves the group it was in
            record_decision(conn, parse_id(head), "new", author, None)


def ungroup_ideas(db: Database, engagement_id: str, idents: Sequence[str], author: str) -> None:
    """Take these ideas out of their groups (each stands alone again), in one transaction."""
    chosen = list(dict.fromkeys(idents))
    if not chosen:
        raise StoreError("error.idea.group")
    with db.write() as conn:
        _workshop_ideas(conn, engagement_id, chosen)
        for ident in chosen:
            if _status(conn, ident) == "merged":
                record_decision(conn, parse_id(ident), "new", author, None)


def _status(conn: Connection, ident: str) -> str | None:
    d = decisions
    latest = conn.execute(
        select(d.c.status)
        .where(d.c.contribution_seq == parse_id(ident))
        .order_by(d.c.seq.desc())
        .limit(1)
    ).scalar()
    return None if latest is None else str(latest)
