"""The workspace: the one object the forms, the apps, the CLI and the tests call.

A façade: each method opens nothing itself but hands the workspace's
:class:`~cxkit.store.database.Database` (its transactions and prepared
statements) to the module that holds the rules: engagements and revisions
(:mod:`~cxkit.store.revisions`), invitations (:mod:`~cxkit.store.invitations`),
participants' sessions (:mod:`~cxkit.store.session`), contributions and
decisions (:mod:`~cxkit.store.contributions`), adoption
(:mod:`~cxkit.store.adoption`), room links (:mod:`~cxkit.store.rooms`),
workshops' agendas (:mod:`~cxkit.store.agenda`) and what the facilitator
sees (:mod:`~cxkit.store.aggregates`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from cxkit.errors import StoreError
from cxkit.i18n import t
from cxkit.store import ideas, moderation, placement, prioritise, revisions
from cxkit.store import ranking as ranking_rules
from cxkit.store.activities import (
    ActivityState,
    LiveState,
    live_state,
    set_activity,
    set_moderation,
    start_timer,
)
from cxkit.store.adoption import AdoptionPlan, adopt_groups, plan_adoption
from cxkit.store.agenda import Agenda, AgendaStep, get_agenda, move_agenda, set_agenda
from cxkit.store.aggregates import Aggregates, aggregates
from cxkit.store.contributions import contribution_records, decide, list_contributions
from cxkit.store.coverage import LEAD_PROPOSAL, CoverageMap, coverage_of, round_options
from cxkit.store.database import Database
from cxkit.store.engine import BUSY_TIMEOUT_S, display_url, make_engine, resolve_url
from cxkit.store.exported import with_contributions
from cxkit.store.idea_board import IdeaBoard, idea_board
from cxkit.store.invitations import (
    ALL_ACTIVITIES,
    ROOM_ACTIVITIES,
    Invitation,
    invite,
    list_invitations,
    revoke,
)
from cxkit.store.placement import Placements
from cxkit.store.prioritise import LeadChange
from cxkit.store.proposal_adoption import adopt_method_proposals
from cxkit.store.questions import Question, list_questions, mark_answered
from cxkit.store.ranking import RankingResults
from cxkit.store.records import (
    Change,
    ContributionRecord,
    EngagementSummary,
    KeptDraft,
    Revision,
    Stored,
)
from cxkit.store.rooms import (
    DEFAULT_CAPACITY,
    RoomPass,
    close_room,
    find_room,
    join_room,
    list_rooms,
    open_room,
    rejoin_room,
    renew_room,
)
from cxkit.store.schema import SCHEMA_VERSION, prepare, stored_version
from cxkit.store.session import ParticipantSession, open_session
from cxkit.store.word_cloud import CloudWord, read_cloud

if TYPE_CHECKING:
    from cxkit.model import Contribution, Engagement

_HOURS_8 = dt.timedelta(hours=8)


class Workspace:
    """One workspace database. Open with :meth:`open`; close, or use as a context manager."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.db = Database(engine, url)
        self.engine = engine
        self.url = url

    # --- opening ------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url: str | None = None,
        folder: str | os.PathLike[str] | None = None,
        *,
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> Workspace:
        """Open (creating or migrating its schema) the workspace at ``url``.

        Without ``url``: ``CXKIT_DB_URL`` if set, else ``cxkit.db`` in ``folder``
        (default ``CXKIT_WORKSPACE``, else ``./workspace``). ``busy_timeout``:
        how long a SQLite writer waits for another before saying "locked".
        """
        resolved = resolve_url(url, folder)
        ws = cls(make_engine(resolved, busy_timeout), resolved)
        try:
            ws._prepare()
        except BaseException:
            ws.close()
            raise
        return ws

    def _prepare(self) -> None:
        with self.db.read() as conn:
            if stored_version(conn) == SCHEMA_VERSION:
                return
        with self.db.write() as conn:
            prepare(conn, display_url(self.url))

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({display_url(self.url)!r})"

    # --- engagements and revisions (rules in revisions.py) ------------------------------

    def list_engagements(self) -> list[EngagementSummary]:
        """Every engagement with its latest revision, by client name."""
        return revisions.list_engagements(self.db)

    def exists(self, engagement_id: str) -> bool:
        return revisions.latest_number(self.db, engagement_id) is not None

    def create(self, engagement: Engagement, author: str, summary: str | None = None) -> Revision:
        """Store a new engagement as revision 1; StoreError if its id is taken."""
        from cxkit.validation import revalidate

        return revisions.create(self.db, revalidate(engagement), author, summary)

    def save(
        self,
        engagement: Engagement,
        author: str,
        base_revision: int,
        summary: str | None = None,
        *,
        checkpoint: bool = False,
    ) -> Revision:
        """Store ``engagement`` as the revision after ``base_revision``.

        Refused with :class:`SaveConflict` (a RevisionConflict) when someone saved
        since ``base_revision``: the content is kept as a draft. A save that
        changes nothing returns the latest revision and writes nothing, unless
        it is a ``checkpoint``: then it names the current state with ``summary``
        (an iteration of the pillars, "Itération 2"), as a revision of its own.
        """
        from cxkit.validation import revalidate

        checked = revalidate(engagement)
        return revisions.save(self.db, checked, author, base_revision, summary, force=checkpoint)

    def load(self, engagement_id: str, revision: int | None = None) -> Stored:
        """The latest revision of an engagement, or the one numbered ``revision``."""
        return revisions.load(self.db, engagement_id, revision)

    def document(self, engagement_id: str) -> dict[str, Any]:
        """The latest stored document as plain data, without building the model."""
        return revisions.document(self.db, engagement_id)

    def history(self, engagement_id: str) -> list[Revision]:
        """Every revision of an engagement, oldest first."""
        return revisions.history(self.db, engagement_id)

    def diff(self, engagement_id: str, r1: int, r2: int) -> list[Change]:
        """What changed from revision ``r1`` to revision ``r2``."""
        return revisions.diff(self.db, engagement_id, r1, r2)

    def kept_drafts(self, engagement_id: str) -> list[KeptDraft]:
        """Contents refused by save conflicts, newest first."""
        return revisions.kept_drafts_of(self.db, engagement_id)

    def kept_draft(self, kept_id: int) -> KeptDraft:
        return revisions.kept_draft(self.db, kept_id)

    # --- files and the demo ------------------------------------------------------------

    def import_engagement(
        self, engagement_or_path: Engagement | str | os.PathLike[str], author: str
    ) -> Revision:
        """A new engagement, or a new revision (on the latest) of the one with that id."""
        from cxkit.document import load_engagement
        from cxkit.model import Engagement

        if isinstance(engagement_or_path, Engagement):
            engagement = engagement_or_path
        else:
            engagement = load_engagement(Path(engagement_or_path))
        number = revisions.latest_number(self.db, engagement.id)
        if number is None:
            return self.create(engagement, author, t("store.summary.imported", engagement.language))
        return self.save(engagement, author, number)

    def ensure_demo(self, author: str = "cxkit") -> bool:
        """Load the demo engagement into an empty workspace; True if it did."""
        from cxkit.document import DEMO_ENGAGEMENT, load_demo

        if revisions.any_engagement(self.db):
            return False
        try:
            self.create(load_demo(), author)
        except StoreError as exc:
            if exc.key == "error.store.exists" and exc.params.get("id") == DEMO_ENGAGEMENT:
                return False  # another process loaded it meanwhile
            raise
        return True

    # --- participants (rules in invitations.py, session.py, kinds.py) --------------------

    def invite(
        self,
        engagement_id: str,
        workshop_id: str,
        *,
        count: int = 1,
        expires: dt.timedelta = _HOURS_8,
        activities: Iterable[str] = ALL_ACTIVITIES,
        dots: int = 5,
        team: str | None = None,
    ) -> list[Invitation]:
        """``count`` invitations to one workshop of the engagement, each with its own token."""
        return invite(
            self.db,
            engagement_id,
            workshop_id,
            count=count,
            expires=expires,
            activities=activities,
            dots=dots,
            team=team,
        )

    def revoke(self, invitation_id_or_token: str) -> None:
        revoke(self.db, invitation_id_or_token)

    def invitations(self, engagement_id: str, workshop: str | None = None) -> list[Invitation]:
        return list_invitations(self.db, engagement_id, workshop)

    def participant(
        self, token: str, *, engagement: str | None = None, workshop: str | None = None
    ) -> ParticipantSession:
        return open_session(self.db, token, engagement=engagement, workshop=workshop)

    # --- contributions and decisions (contributions.py, adoption.py, aggregates.py) -------

    def contributions(self, engagement_id: str, workshop: str | None = None) -> list[Contribution]:
        return list_contributions(self.db, engagement_id, workshop)

    def with_contributions(self, engagement: Engagement) -> Engagement:
        """The engagement with its shown contributions, as the deck and the workbook read it."""
        return with_contributions(self.db, engagement)

    def decide(
        self, contribution_id: str, status: str, author: str, into: str | None = None
    ) -> None:
        decide(self.db, contribution_id, status, author, into)

    def adopt_proposals(
        self,
        engagement_id: str,
        contribution_ids: Sequence[str] | Iterable[str],
        author: str,
        base_revision: int,
    ) -> Revision:
        """Each proposal a pillar of one new revision (see :meth:`adopt_groups`)."""
        groups = [[ident] for ident in contribution_ids]
        return adopt_groups(self.db, engagement_id, groups, author, base_revision)

    def adopt_groups(
        self,
        engagement_id: str,
        groups: Sequence[Sequence[str]],
        author: str,
        base_revision: int,
        *,
        names: Mapping[str, str] | None = None,
    ) -> Revision:
        """Each group's first proposal a pillar (its text the customer quote, its name
        ``names[first id]`` or suggested), its other members merged into it: one transaction."""
        return adopt_groups(self.db, engagement_id, groups, author, base_revision, names)

    def plan_adoption(
        self,
        engagement_id: str,
        groups: Sequence[Sequence[str]],
        *,
        names: Mapping[str, str] | None = None,
    ) -> AdoptionPlan:
        """What :meth:`adopt_groups` would add (suggested names, the method's warning), unwritten."""
        return plan_adoption(self.db, engagement_id, groups, names)

    def adopt_method_proposals(
        self,
        engagement_id: str,
        groups: Sequence[Sequence[str]],
        author: str,
        base_revision: int,
        *,
        names: Mapping[str, str] | None = None,
    ) -> Revision:
        """Each group's first KPI, lead, standard, ritual or posture proposal the typed object
        it proposes, with its provenance; the others merged into it: one revision, one transaction."""
        return adopt_method_proposals(self.db, engagement_id, groups, author, base_revision, names)

    def aggregates(self, engagement_id: str, workshop: str) -> Aggregates:
        return aggregates(self.db, engagement_id, workshop)

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

    # --- the live room: moderation and activity states (activities.py, moderation.py) ----

    def live_state(self, engagement_id: str, workshop: str) -> LiveState:
        """The workshop's moderation mode and each activity's state (defaults if never set)."""
        return live_state(self.db, engagement_id, workshop)

    def set_moderation(self, engagement_id: str, workshop: str, mode: str) -> None:
        """``show`` participants' texts at once, or ``approve`` them first."""
        set_moderation(self.db, engagement_id, workshop, mode)

    def set_activity(
        self,
        engagement_id: str,
        workshop: str,
        activity: str,
        *,
        status: str | None = None,
        results_shown: bool | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> ActivityState:
        """Open, pause or lock an activity; show or hide its results; set its options.

        What is not given stays as it was.
        """
        return set_activity(
            self.db,
            engagement_id,
            workshop,
            activity,
            status=status,
            results_shown=results_shown,
            options=options,
        )

    def start_timer(
        self, engagement_id: str, workshop: str, activity: str, seconds: float
    ) -> ActivityState:
        """A timer for the activity, its end kept in the store (a reloaded screen finds it)."""
        return start_timer(self.db, engagement_id, workshop, activity, seconds)

    def stop_timer(self, engagement_id: str, workshop: str, activity: str) -> ActivityState:
        return set_activity(self.db, engagement_id, workshop, activity, timer_ends_at=None)

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

    def moderation_queue(self, engagement_id: str, workshop: str) -> list[ContributionRecord]:
        """Texts waiting for approval before they can be projected, oldest first."""
        return moderation.queue(self.db, engagement_id, workshop)

    def approve(self, engagement_id: str, contribution_ids: Iterable[str], author: str) -> None:
        """Show these texts on the projected screen (one transaction)."""
        moderation.moderate(self.db, engagement_id, contribution_ids, "shown", author)

    def hide(self, engagement_id: str, contribution_ids: Iterable[str], author: str) -> None:
        """Keep these texts off the projected screen (one transaction; approve shows them again)."""
        moderation.moderate(self.db, engagement_id, contribution_ids, "hidden", author)

    # --- room links (rules in rooms.py) ---------------------------------------------------

    def open_room(
        self,
        engagement_id: str,
        workshop_id: str,
        *,
        expires: dt.timedelta = _HOURS_8,
        activities: Iterable[str] = ROOM_ACTIVITIES,
        dots: int = 5,
        capacity: int = DEFAULT_CAPACITY,
    ) -> RoomPass:
        """One link for the whole room; its token is in the result only."""
        return open_room(
            self.db,
            engagement_id,
            workshop_id,
            expires=expires,
            activities=activities,
            dots=dots,
            capacity=capacity,
        )

    def rooms(self, engagement_id: str, workshop: str | None = None) -> list[RoomPass]:
        return list_rooms(self.db, engagement_id, workshop)

    def room(self, room_token: str) -> RoomPass:
        """The pass behind a room link, open or not (``.problem``); AccessDenied if forged."""
        return find_room(self.db, room_token)

    def close_room(self, room_id_or_token: str) -> None:
        close_room(self.db, room_id_or_token)

    def renew_room(self, room_id: str) -> RoomPass:
        """A new token (shown once) for an open room pass; its count and personal links stay."""
        return renew_room(self.db, room_id)

    def join_room(
        self, room_token: str, *, workshop: str | None = None, device: str | None = None
    ) -> Invitation:
        """The personal invitation, with its token, of someone joining through a room pass.

        ``device``: the browser's own random key; a device that joined already
        gets its own invitation back (same token, same dots), never a new one.
        """
        return join_room(self.db, room_token, workshop=workshop, device=device)

    def rejoin_room(self, room_token: str, device: str) -> Invitation | None:
        """The invitation this device already holds through the pass, or None; writes nothing.

        AccessDenied if the pass is forged or the device's invitation revoked or expired.
        """
        return rejoin_room(self.db, room_token, device)

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
        options = placement.check_options(self.document(engagement_id), lead_ids)
        return self.set_activity(engagement_id, workshop, placement.KIND, options=options)

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
