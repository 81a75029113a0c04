"""The workspace: the one object the forms, the apps, the CLI and the tests call.

A façade: each method opens nothing itself but hands the workspace's
:class:`~cxkit.store.database.Database` (its transactions and prepared
statements) to the module that holds the rules: engagements and revisions
(:mod:`~cxkit.store.revisions`), invitations (:mod:`~cxkit.store.invitations`),
participants' sessions (:mod:`~cxkit.store.session`), contributions and
decisions (:mod:`~cxkit.store.contributions`), adoption
(:mod:`~cxkit.store.adoption`), room links (:mod:`~cxkit.store.rooms`),
team cards' links (:mod:`~cxkit.store.card_links`), workshops' agendas (:mod:`~cxkit.store.agenda`) and what the facilitator
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
from cxkit.store import moderation, revisions
from cxkit.store.activities import (
    ActivityState,
    LiveState,
    live_state,
    set_activity,
    set_moderation,
    start_timer,
)
from cxkit.store.adoption import AdoptionPlan, adopt_groups, plan_adoption
from cxkit.store.aggregates import Aggregates, aggregates
from cxkit.store.card_links import (
    CardLink,
    find_card_link,
    issue_card_link,
    list_card_links,
    revoke_card_link,
)
from cxkit.store.contributions import decide, list_contributions
from cxkit.store.database import Database
from cxkit.store.engine import BUSY_TIMEOUT_S, display_url, make_engine, resolve_url
from cxkit.store.exported import with_contributions
from cxkit.store.invitations import (
    ALL_ACTIVITIES,
    ROOM_ACTIVITIES,
    Invitation,
    invite,
    list_invitations,
    revoke,
)
from cxkit.store.proposal_adoption import adopt_method_proposals
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
from cxkit.store.workshop_activities import WorkshopActivities

if TYPE_CHECKING:
    from cxkit.model import Contribution, Engagement

_HOURS_8 = dt.timedelta(hours=8)


class Workspace(WorkshopActivities):
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

    # --- team cards' links (rules in card_links.py) ------------------------------------------

    def issue_card_link(self, engagement_id: str, scope: Mapping[str, Sequence[str]]) -> CardLink:
        """A link to one team's card (scope: dimension -> members); its token is in the result only."""
        return issue_card_link(self.db, engagement_id, scope)

    def card_link(self, token: str) -> CardLink:
        """The link behind a token if it still works; AccessDenied if forged or revoked."""
        return find_card_link(self.db, token)

    def card_links(self, engagement_id: str) -> list[CardLink]:
        return list_card_links(self.db, engagement_id)

    def revoke_card_link(self, id_or_token: str) -> None:
        """Stop a card link, by its id or its token; NotFound if there is none."""
        revoke_card_link(self.db, id_or_token)
