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
that heads its group (:func:`cxkit.store.idea_board.votable_ideas`, checked by
:func:`cxkit.store.kinds._within_budget`); a dot given before a merge
counts for the head (:mod:`cxkit.store.aggregates`).

The facilitator's prompt (the question the room writes about) is the
activity's option ``prompt``: :func:`idea_options` checks it before it is
stored, :func:`cxkit.store.idea_board.prompt_of` re-checks what was stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from cxkit.errors import NotFound, StoreError
from cxkit.store.contributions import Draft, parse_id, record_decision
from cxkit.store.database import Database
from cxkit.store.idea_board import KIND, PROMPT_LIMIT, latest_decision
from cxkit.store.kinds import Participant, contribution_kind
from cxkit.store.schema import contributions
from cxkit.text import clean_text

IDEA_LIMIT = 280
"""Longest idea: a sentence or two, read on a projector."""


@contribution_kind(KIND, text_limit=IDEA_LIMIT)
def idea(draft: Draft, who: Participant) -> Draft:
    """One idea, in the participant's words, answering the activity's prompt (no target)."""
    return replace(draft, target=None)


# --- the facilitator's prompt ------------------------------------------------------


def idea_options(prompt: object) -> dict[str, Any]:
    """The activity's options for this prompt, checked; StoreError for a prompt too long."""
    given = "" if prompt is None else prompt if isinstance(prompt, str) else str(prompt)
    cleaned = " ".join(clean_text(given).split())
    if len(cleaned) > PROMPT_LIMIT:
        raise StoreError("error.idea.prompt", limit=PROMPT_LIMIT, length=len(cleaned))
    return {"prompt": cleaned} if cleaned else {}


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
    the ideas are of different workshops, or there is nothing to group (no
    member but the head). A member heading a group takes its group along.
    """
    others = [m for m in dict.fromkeys(members) if m != head]
    if not others:
        raise StoreError("error.idea.group")
    with db.write() as conn:
        rows = _workshop_ideas(conn, engagement_id, [head, *others])
        if len({r["workshop"] for r in rows.values()}) != 1:
            raise StoreError("error.idea.group")
        for ident in others:
            record_decision(conn, parse_id(ident), "merged", author, head)
        if latest_decision(conn, head)[0] == "merged":  # the head leaves the group it was in
            record_decision(conn, parse_id(head), "new", author, None)


def ungroup_ideas(db: Database, engagement_id: str, idents: Sequence[str], author: str) -> None:
    """Take these ideas out of their groups (each stands alone again), in one transaction."""
    chosen = list(dict.fromkeys(idents))
    if not chosen:
        raise StoreError("error.idea.group")
    with db.write() as conn:
        _workshop_ideas(conn, engagement_id, chosen)
        for ident in chosen:
            if latest_decision(conn, ident)[0] == "merged":
                record_decision(conn, parse_id(ident), "new", author, None)
