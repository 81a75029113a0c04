"""Q&A with upvotes (kinds ``question`` and ``upvote``): the room asks, and says what matters most.

A ``question`` is a text like a comment: moderated the same way (in the
"approve first" mode it waits in the facilitator's queue). An ``upvote`` is
one "+1" of a participant (``target``: the question's id ``c-0012``), checked
in the appending transaction with the invitation's row locked
(:mod:`cxkit.store.kinds`), so two taps or two tabs count once:

- one upvote per participant per question (a second one is refused, saying so);
- only on a question of the same workshop that the room can see: shown by
  moderation (not pending, not hidden), with the ``question`` activity's
  results shown, and not yet answered; a forged id is refused the same way;
- never on one's own question: asking already says it matters to its
  author, and a "+1" counts the others who want it answered.

**How upvoting is opened.** ``upvote`` is registered ``opened_by="question"``:
an invitation or a room link that opens questions opens upvoting too, with no
activity of its own in the phone's selector (the questions' section holds the
"+1" buttons). Pausing or locking ``question`` stops the upvotes as well
(checked here, in the same transaction); ``upvote`` keeps its own activity
state too, so a facilitator may stop the upvotes alone and keep the questions.

**Answered.** The facilitator marks a question answered with a decision row
(:func:`mark_answered`): status ``adopted``, which for a question reads
"taken up in the room"; ``new`` undoes it. An answered question goes to the
bottom of the board, greyed, and takes no more upvotes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from sqlalchemy import Connection, RowMapping, func, select

from cxkit.errors import NotFound
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
from cxkit.store.records import InvalidContribution
from cxkit.store.schema import contributions

QUESTION_LIMIT = 280
"""Longest question, in characters: one read aloud in a breath."""
ANSWERED = "adopted"
"""The decision that marks a question answered (``new`` undoes it)."""
_ID = re.compile(r"^c-\d{1,12}$")


@contribution_kind("question", text_limit=QUESTION_LIMIT)
def question(draft: Draft, who: Participant) -> Draft:
    """A question to the room or the speakers; about nothing else (no target)."""
    return replace(draft, target=None)


def _upvotable(conn: Connection, invitation: RowMapping, draft: Draft) -> None:
    """The question is the room's to upvote, open, and this participant's first "+1" on it."""
    asked = (
        conn.execute(records_query().where(contributions.c.seq == parse_id(draft.target or "")))
        .mappings()
        .first()
    )
    if (
        asked is None
        or asked["kind"] != "question"
        or asked["engagement_id"] != invitation["engagement_id"]
        or asked["workshop"] != invitation["workshop"]
        or asked["moderation"] != "shown"
    ):
        raise InvalidContribution("error.upvote.unknown")
    state = read_state(conn, invitation["engagement_id"], invitation["workshop"])
    questions = state.activity("question")
    if not questions.accepting:
        raise InvalidContribution(f"error.activity.{questions.status}")
    if not questions.results_shown:
        raise InvalidContribution("error.upvote.hidden")
    if asked["status"] == ANSWERED:
        raise InvalidContribution("error.upvote.answered")
    if asked["invitation_id"] == invitation["id"]:
        raise InvalidContribution("error.upvote.own")
    again = conn.execute(
        select(contributions.c.seq).where(
            (contributions.c.invitation_id == invitation["id"])
            & (contributions.c.kind == "upvote")
            & (contributions.c.target == draft.target)
        )
    ).first()
    if again is not None:
        raise InvalidContribution("error.upvote.again")


@contribution_kind("upvote", locked=_upvotable, opened_by="question")
def upvote(draft: Draft, who: Participant) -> Draft:
    """One "+1" (value 1) on a question of the room, named by its id."""
    if not draft.target or not _ID.match(draft.target):
        raise InvalidContribution("error.upvote.unknown")
    if draft.value not in (None, 1):
        raise InvalidContribution("error.upvote.value")
    return replace(draft, value=1)


@dataclass(frozen=True)
class Question:
    """A question as the room sees it (never who asked), with its upvotes."""

    id: str
    text: str
    upvotes: int
    answered: bool
    at: dt.datetime
    mine: bool = False
    """Asked by the participant reading the board (no "+1" for it)."""
    upvoted: bool = False
    """Already upvoted by the participant reading the board."""


def question_board(
    conn: Connection, engagement_id: str, workshop: str, invitation_id: str | None = None
) -> list[Question]:
    """The workshop's shown questions: open ones by upvotes (then oldest), answered ones last.

    Upvotes are counted by the database (GROUP BY, one per person); with
    ``invitation_id``, the reader's own questions and upvotes are marked.
    """
    c = contributions
    scope = (c.c.engagement_id == engagement_id) & (c.c.workshop == workshop)
    asked = conn.execute(records_query().where(scope & (c.c.kind == "question"))).mappings()
    shown = [r for r in asked if r["moderation"] == "shown" and r["text"]]
    counted = conn.execute(
        select(c.c.target, func.count(func.distinct(c.c.invitation_id)))
        .where(scope & (c.c.kind == "upvote"))
        .group_by(c.c.target)
    )
    counts: dict[str, int] = {str(target): int(n) for target, n in counted}
    upvoted: set[str] = set()
    if invitation_id is not None:
        upvoted = set(
            conn.execute(
                select(c.c.target).where(
                    (c.c.invitation_id == invitation_id) & (c.c.kind == "upvote")
                )
            ).scalars()
        )
    board = [
        Question(
            id=(ident := contribution_id(r["seq"])),
            text=r["text"],
            upvotes=counts.get(ident, 0),
            answered=r["status"] == ANSWERED,
            at=aware(r["at"]),
            mine=invitation_id is not None and r["invitation_id"] == invitation_id,
            upvoted=ident in upvoted,
        )
        for r in shown
    ]
    return sorted(board, key=lambda q: (q.answered, -q.upvotes, q.at))


def list_questions(db: Database, engagement_id: str, workshop: str) -> list[Question]:
    """The board of :func:`question_board`, in a transaction of its own."""
    with db.read() as conn:
        return question_board(conn, engagement_id, workshop)


def mark_answered(
    db: Database, engagement_id: str, question_id: str, author: str, answered: bool = True
) -> None:
    """Mark a question of the engagement answered (or not any more); NotFound for anything else."""
    seq = parse_id(question_id)
    with db.write() as conn:
        kind = conn.execute(
            select(contributions.c.kind).where(
                (contributions.c.seq == seq) & (contributions.c.engagement_id == engagement_id)
            )
        ).scalar()
        if kind != "question":
            raise NotFound("error.question.unknown", id=question_id)
        record_decision(conn, seq, ANSWERED if answered else "new", author, None)
