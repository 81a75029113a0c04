"""A participant's session: what one personal token allows, re-checked at every call.

Built by :meth:`Workspace.participant <cxkit.store.workspace.Workspace.participant>`
from a valid token. Keep it in the kernel's Python state, never in a widget
value the browser can set. Every call re-reads the invitation (a revoked or
expired token stops at once, even on a page already open); what may be sent
is decided by the kinds' rules (:mod:`cxkit.store.kinds`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import RowMapping

from cxkit.errors import AccessDenied
from cxkit.store import ideas as _ideas  # noqa: F401  (registers the idea kind)
from cxkit.store import placement as _placement  # noqa: F401  (registers its kind)
from cxkit.store import word_cloud as _word_cloud  # noqa: F401  (registers the kind "word")
from cxkit.store.activities import LiveState, read_state
from cxkit.store.agenda import step_now
from cxkit.store.clock import now
from cxkit.store.contributions import (
    VOTABLE_PROPOSALS,
    Author,
    append,
    contribution_records,
    dots_used,
    open_proposals,
    payload_json,
    record_of,
)
from cxkit.store.coverage import LEAD_PROPOSAL, cells_for
from cxkit.store.database import Database
from cxkit.store.idea_board import IdeaBoard, board_stamp, read_board, votable_ideas
from cxkit.store.invitations import activities_of, check_access
from cxkit.store.kinds import KINDS, prepare
from cxkit.store.questions import Question, question_board
from cxkit.store.ranking import read_candidates  # registers the ranking kind too
from cxkit.store.records import ContributionRecord
from cxkit.store.revisions import document, pillar_names
from cxkit.store.tokens import hash_token, plausible


class ParticipantSession:
    """What one token allows: append contributions of the opened kinds, read one's own."""

    def __init__(self, db: Database, token_hash: str, row: RowMapping, found: dict[str, Any]):
        self._db = db
        self._author = Author(row["id"], token_hash)
        self.invitation_id: str = row["id"]
        self.engagement_id: str = row["engagement_id"]
        self.workshop_id: str = row["workshop"]
        self.participant: str = row["participant"]
        self.team: str | None = row["team"]
        self.activities: tuple[str, ...] = activities_of(row)
        self.dots: int = row["dots"]
        self.scale: int = found.get("collection", {}).get("benchmark", {}).get("scale", 5)
        """Ratings go from 1 to ``scale`` (the engagement's benchmark scale)."""
        self._pillars = pillar_names(found)

    def __repr__(self) -> str:
        return f"ParticipantSession({self.participant!r}, workshop={self.workshop_id!r})"

    def is_pillar(self, target: str) -> bool:
        """A pillar of the engagement (re-read once if unknown: one may have been adopted since)."""
        if target in self._pillars:
            return True
        self._pillars = pillar_names(document(self._db, self.engagement_id))
        return target in self._pillars

    def document(self) -> dict[str, Any]:
        """The engagement's latest stored document, as plain data: what a kind's rule checks
        a proposal against (a pillar adopted a minute ago counts), what a section lists by name."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
        found = document(self._db, self.engagement_id)
        self._pillars = pillar_names(found)
        return found

    def lead_cells(self) -> frozenset[tuple[str, str]] | None:
        """The (pillar, device) cells an open coverage round leaves this participant (their
        team's, else the round's), None when no round restricts lead proposals."""
        return cells_for(self.live_state().activity(LEAD_PROPOSAL).options, self.team)

    def candidates(self) -> list[tuple[str, str]]:
        """What one can vote on: (target id, label) of the pillars, the workshop's open
        proposals and its revealed ideas (each group's head)."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            proposals = open_proposals(
                conn, self.engagement_id, self.workshop_id, kinds=VOTABLE_PROPOSALS
            )
            ideas = votable_ideas(conn, self.engagement_id, self.workshop_id)
        self._pillars = pillars = pillar_names(document(self._db, self.engagement_id))
        return [
            *pillars.items(),
            *((cid, text) for cid, text in proposals if text not in pillars.values()),
            *ideas,
        ]

    def ranking_candidates(self) -> list[tuple[str, str]]:
        """(id, name) of what the ranking orders now (the facilitator's choice), in its order."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            return read_candidates(conn, self.engagement_id, self.workshop_id)

    def target_names(self) -> dict[str, str]:
        """The name of everything a vote of this workshop may point at, decided proposals included.

        A participant's list of what they sent names their votes even after a
        proposal was adopted, merged or rejected (a phone never shows an id).
        """
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            proposals = open_proposals(
                conn, self.engagement_id, self.workshop_id, decided=True, kinds=VOTABLE_PROPOSALS
            )
            ideas = votable_ideas(conn, self.engagement_id, self.workshop_id, merged=True)
        return {
            **dict(ideas),
            **dict(proposals),
            **pillar_names(document(self._db, self.engagement_id)),
        }

    def ideas_stamp(self) -> tuple[Any, ...]:
        """Changes whenever :meth:`ideas` may have (a cheap read, for a phone that watches)."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            return board_stamp(conn, self.engagement_id, self.workshop_id)

    def ideas(self) -> IdeaBoard:
        """The workshop's ideas as this participant may see them: their own always; the
        others' only once the facilitator revealed them (grouped), else only how many."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            return read_board(
                conn, self.engagement_id, self.workshop_id, invitation_id=self.invitation_id
            )

    def live_state(self) -> LiveState:
        """The workshop's activity states (a phone shows a paused or locked activity as such)."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            return read_state(conn, self.engagement_id, self.workshop_id)

    def questions(self) -> list[Question]:
        """The room's questions as the projector lists them, this participant's own and upvotes marked."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            return question_board(conn, self.engagement_id, self.workshop_id, self.invitation_id)

    def agenda_step(self) -> tuple[int, str] | None:
        """(position, activity) of the agenda's step the room is on; None when no agenda runs.

        One indexed read: a phone asks when it is used, never on a timer.
        """
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            return step_now(conn, self.engagement_id, self.workshop_id)

    def dots_left(self) -> int:
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
            return self.dots - dots_used(conn, self.invitation_id)

    def submit(
        self,
        kind: str,
        *,
        text: str | None = None,
        target: str | None = None,
        value: float | None = None,
        anonymous: bool = False,
        payload: Mapping[str, Any] | None = None,
    ) -> ContributionRecord:
        """Append one contribution; AccessDenied or InvalidContribution if refused (nothing written).

        ``payload``: the fields of a structured kind, as its rule in
        :mod:`cxkit.store.kinds` names them.
        """
        rules = KINDS.get(kind)
        if rules is None or not {kind, rules.opened_by} & set(self.activities):
            raise AccessDenied("error.participant.kind_closed", kind=str(kind)[:40])
        draft = prepare(rules, text, target, value, self, payload)
        at = now()
        if rules.locked is None:
            seq, state = append(self._db, None, self._author, draft, bool(anonymous), at)
        else:
            with self._db.write() as conn:
                row = check_access(conn, self._author.token_hash, lock=True)
                rules.locked(conn, row, draft)
                seq, state = append(self._db, conn, self._author, draft, bool(anonymous), at)
        return record_of(
            {
                "seq": seq,
                "workshop": self.workshop_id,
                "participant": self.participant,
                "team": self.team,
                "kind": draft.kind,
                "target": draft.target,
                "text": draft.text,
                "value": draft.value,
                "at": at,
                "anonymous": False,
                "status": None,
                "moderation": state,
                "payload": payload_json(draft.payload),
            }
        )

    def mine(self) -> list[ContributionRecord]:
        """This participant's own contributions, oldest first."""
        with self._db.read() as conn:
            check_access(conn, self._author.token_hash)
        return contribution_records(self._db, self.engagement_id, invitation_id=self.invitation_id)


def open_session(
    db: Database, token: str, *, engagement: str | None = None, workshop: str | None = None
) -> ParticipantSession:
    """The session of a valid token; AccessDenied if forged, expired, revoked or out of scope."""
    if not plausible(token, 16):
        raise AccessDenied("error.participant.unknown_token")
    token_hash = hash_token(token)
    with db.read() as conn:
        row = check_access(conn, token_hash)
    if (engagement is not None and row["engagement_id"] != engagement) or (
        workshop is not None and row["workshop"] != workshop
    ):
        raise AccessDenied("error.participant.other_workshop")
    # The stored document, read as plain data: a participant's kernel never builds the model.
    return ParticipantSession(db, token_hash, row, document(db, row["engagement_id"]))
