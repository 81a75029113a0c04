"""What each reader may see of a workshop's ideas: counts before the reveal, groups after.

The read side of private writing (:mod:`cxkit.store.ideas` registers the
kind and writes the groups): a phone reads its own ideas and how many the
room wrote; the projector the same count; once the facilitator revealed
the ideas (the ``idea`` activity's results shown), every shown idea, in
groups (each member merged into its head). The dots' rule
(:func:`cxkit.store.kinds._within_budget`) asks :func:`votable_ideas`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, func, select

from cxkit.store.activities import read_state
from cxkit.store.clock import aware
from cxkit.store.contributions import contribution_id, parse_id, records_query
from cxkit.store.database import Database
from cxkit.store.schema import contributions, decisions, moderation
from cxkit.text import clean_text

KIND = "idea"
_ID = re.compile(r"^c-\d+$")
PROMPT_LIMIT = 200
"""Longest prompt the facilitator sets (shown on every phone and on the projector)."""


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


def board_stamp(conn: Connection, engagement_id: str, workshop: str) -> tuple[Any, ...]:
    """What changes whenever the board may have: the activity's state and the newest idea,
    moderation and decision rows. Three maxima on indexed columns: a phone's watch reads
    this every few seconds, and the board only when it changed."""
    c = contributions
    scope = (c.c.engagement_id == engagement_id) & (c.c.workshop == workshop) & (c.c.kind == KIND)
    state = read_state(conn, engagement_id, workshop).activity(KIND)
    return (
        state.results_shown,
        prompt_of(state.options),
        conn.execute(select(func.max(c.c.seq)).where(scope)).scalar(),
        conn.execute(select(func.max(moderation.c.seq))).scalar(),
        conn.execute(select(func.max(decisions.c.seq))).scalar(),
    )


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


def _one_idea(
    conn: Connection, engagement_id: str, workshop: str, ident: str
) -> tuple[str, str | None, str | None] | None:
    """(moderation, status, into) of one idea of the workshop, None if it is none: three
    indexed reads, not the whole workshop (a vote's path)."""
    c, m = contributions, moderation
    first = conn.execute(
        select(c.c.moderation).where(
            (c.c.seq == parse_id(ident))
            & (c.c.engagement_id == engagement_id)
            & (c.c.workshop == workshop)
            & (c.c.kind == KIND)
        )
    ).first()
    if first is None:
        return None
    state = conn.execute(
        select(m.c.state)
        .where(m.c.contribution_seq == parse_id(ident))
        .order_by(m.c.seq.desc())
        .limit(1)
    ).scalar()
    status, into = latest_decision(conn, ident)
    return str(state or first[0]), status, into


def latest_decision(conn: Connection, ident: str) -> tuple[str | None, str | None]:
    """(status, into) of a contribution's latest decision; (None, None) if never decided."""
    d = decisions
    decided = conn.execute(
        select(d.c.status, d.c.into)
        .where(d.c.contribution_seq == parse_id(ident))
        .order_by(d.c.seq.desc())
        .limit(1)
    ).first()
    return (None, None) if decided is None else (decided[0], decided[1])


def idea_votable(conn: Connection, engagement_id: str, workshop: str, target: str) -> bool | None:
    """Whether ``target`` may take dots, as :func:`votable_ideas` would list it; None when it is
    not an idea of the workshop. Reads that one idea (and the one it joined): a vote's path."""
    if not _ID.match(target):
        return None
    found = _one_idea(conn, engagement_id, workshop, target)
    if found is None:
        return None
    shown, status, into = found
    if shown != "shown" or status not in (None, "new", "merged"):
        return False
    if not read_state(conn, engagement_id, workshop).activity(KIND).results_shown:
        return False
    if status != "merged" or not _ID.match(str(into or "")):
        return True
    head = _one_idea(conn, engagement_id, workshop, str(into))
    return head is None or head[0] != "shown"  # merged into no shown idea: it stands alone
