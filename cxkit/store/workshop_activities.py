"""The workshop activities of issue 14, as :class:`~cxkit.store.workspace.Workspace` offers them.

A mixin of the façade, one short delegating method each, grouped by
activity; the rules live in each activity's module (ranking, ideas, word
cloud and questions, agenda, coverage rounds, the 2×2 matrix).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cxkit.store import ideas, placement, prioritise, revisions
from cxkit.store import ranking as ranking_rules
from cxkit.store.activities import ActivityState, set_activity
from cxkit.store.agenda import Agenda, AgendaStep, get_agenda, move_agenda, set_agenda
from cxkit.store.contributions import contribution_records
from cxkit.store.coverage import LEAD_PROPOSAL, CoverageMap, coverage_of, round_options
from cxkit.store.database import Database
from cxkit.store.idea_board import IdeaBoard, idea_board
from cxkit.store.placement import Placements
from cxkit.store.prioritise import LeadChange
from cxkit.store.questions import Question, list_questions, mark_answered
from cxkit.store.ranking import RankingResults
from cxkit.store.records import Revision
from cxkit.store.word_cloud import CloudWord, read_cloud


class WorkshopActivities:
    """Ranking, ideas, word cloud and questions, the agenda, coverage rounds, the 2×2 matrix."""

    db: Database

    # --- ranking (ranking.py) ---------------------------------------------------------

    def ranking(self, engagement_id: str, workshop: str) -> RankingResults:
        """The room's ranking of the current candidates by Borda count (see ranking.py)."""
        return ranking_rules.ranking_results(self.db, engagement_id, workshop)

    def ranking_candidates(self, engagement_id: str, workshop: str) -> list[tuple[str, str]]:
        """(id, name) of what the ranking activity orders now."""
        return ranking_rules.candidates(self.db, engagement_id, workshop)

    def set_ranking_candidates(
        self, engagement_id: str, workshop: str, candidates: str
    ) -> ActivityState:
        """Rank ``pillars``, ``leads``, ``proposals`` or the ``default`` (pillars and proposals)."""
        return ranking_rules.set_candidates(self.db, engagement_id, workshop, candidates)

    # --- private writing, then reveal (ideas.py) -------------------------------------------

    def idea_board(self, engagement_id: str, workshop: str) -> IdeaBoard:
        """The ideas as the projector may show them: counts; the groups once revealed."""
        return idea_board(self.db, engagement_id, workshop)

    def group_ideas(
        self, engagement_id: str, head: str, members: Iterable[str], author: str
    ) -> None:
        """Group ``members`` under ``head`` (each merged into it): one transaction."""
        ideas.group_ideas(self.db, engagement_id, head, list(members), author)

    def ungroup_ideas(self, engagement_id: str, idents: Iterable[str], author: str) -> None:
        """These ideas stand alone again: one transaction."""
        ideas.ungroup_ideas(self.db, engagement_id, list(idents), author)

    # --- word cloud, questions and upvotes (word_cloud.py, questions.py) -----------------

    def word_cloud(self, engagement_id: str, workshop: str) -> list[CloudWord]:
        """The workshop's shown words, each counting the people who gave it, most given first."""
        return read_cloud(self.db, engagement_id, workshop)

    def questions(self, engagement_id: str, workshop: str) -> list[Question]:
        """The workshop's shown questions, open ones by upvotes, answered ones last."""
        return list_questions(self.db, engagement_id, workshop)

    def mark_answered(
        self, engagement_id: str, question_id: str, author: str, answered: bool = True
    ) -> None:
        """Mark a question answered (``answered=False`` undoes it): a decision row."""
        mark_answered(self.db, engagement_id, question_id, author, answered)

    # --- the workshop's agenda (rules in agenda.py) -----------------------------------

    def set_agenda(
        self,
        engagement_id: str,
        workshop: str,
        steps: Iterable[Mapping[str, Any] | AgendaStep],
    ) -> Agenda:
        """Replace the workshop's agenda (steps ``{"activity", "title", "seconds", "options",
        "results"}``, checked first: all or nothing)."""
        return set_agenda(self.db, engagement_id, workshop, steps)

    def agenda(self, engagement_id: str, workshop: str) -> Agenda:
        """The workshop's agenda and the step the room is on (``.current``, None if not running)."""
        return get_agenda(self.db, engagement_id, workshop)

    def move_agenda(
        self, engagement_id: str, workshop: str, to: int | None, *, seen: int | None
    ) -> Agenda:
        """Move the room from step ``seen`` to step ``to`` (None stops the agenda), one transaction.

        StoreError if the room is no longer on ``seen`` (another screen moved it): nothing changed.
        """
        return move_agenda(self.db, engagement_id, workshop, to, seen=seen)

    def coverage(self, engagement_id: str, workshop: str) -> CoverageMap:
        """The pillars × devices heat map: the engagement's leads and the workshop's proposals."""
        return coverage_of(
            revisions.document(self.db, engagement_id),
            contribution_records(self.db, engagement_id, workshop),
        )

    def open_coverage_round(
        self,
        engagement_id: str,
        workshop: str,
        *,
        cells: Iterable[Iterable[str]] | None = None,
        teams: Mapping[str, Iterable[Iterable[str]]] | None = None,
    ) -> ActivityState:
        """Open lead proposals on ``cells`` only (default: the empty ones), some dealt to teams."""
        options = round_options(self.coverage(engagement_id, workshop), cells, teams)
        return set_activity(
            self.db, engagement_id, workshop, LEAD_PROPOSAL, status="open", options=options
        )

    def close_coverage_round(self, engagement_id: str, workshop: str) -> ActivityState:
        """Lead proposals on any cell again (the activity stays as it was otherwise)."""
        return set_activity(self.db, engagement_id, workshop, LEAD_PROPOSAL, options={})

    # --- the 2×2 matrix: placements, and the leads' priorities (placement.py, prioritise.py) --

    def placements(self, engagement_id: str, workshop: str, *, reveal: bool = False) -> Placements:
        """The matrix round: each lead's latest placements (one per participant) and medians.

        Points left out while the round's results are hidden, unless ``reveal``.
        """
        return placement.placements(self.db, engagement_id, workshop, reveal=reveal)

    def place_leads(
        self, engagement_id: str, workshop: str, lead_ids: Sequence[str]
    ) -> ActivityState:
        """The leads the matrix round places (each an action id of the engagement, once)."""
        options = placement.check_options(revisions.document(self.db, engagement_id), lead_ids)
        return set_activity(self.db, engagement_id, workshop, placement.KIND, options=options)

    def plan_priorities(self, engagement_id: str, workshop: str) -> list[LeadChange]:
        """What applying the round would write to each placed lead (nothing written)."""
        return prioritise.plan_priorities(self.db, engagement_id, workshop)

    def apply_priorities(
        self, engagement_id: str, workshop: str, author: str, base_revision: int
    ) -> Revision:
        """Each placed lead's priority and horizon from its medians, as ONE new revision.

        SaveConflict (the content kept as a draft) on a stale ``base_revision``.
        """
        return prioritise.apply_priorities(self.db, engagement_id, workshop, author, base_revision)
