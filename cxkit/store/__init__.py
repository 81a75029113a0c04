"""The workspace store: engagement revisions and participants' contributions.

One database, SQLite by default (``<CXKIT_WORKSPACE or ./workspace>/cxkit.db``)
or any SQLAlchemy URL in ``CXKIT_DB_URL`` (PostgreSQL through psycopg 3)::

    from cxkit.store import Workspace
    with Workspace.open() as ws:                       # or open(url=...), open(folder=...)
        ws.list_engagements() -> list[EngagementSummary]
        ws.create(engagement, author, summary=None) -> Revision        # StoreError if the id exists
        ws.save(engagement, author, base_revision, summary=None) -> Revision
            # re-validates; RevisionConflict (a SaveConflict: .latest, .kept_id) if
            # base_revision is not the latest, the content kept as a draft;
            # a save that changes nothing returns the latest revision
        ws.load(engagement_id, revision=None) -> Stored   # .engagement, .revision; NotFound
        ws.history(engagement_id) -> list[Revision]       # number, author, at, summary
        ws.diff(engagement_id, r1, r2) -> list[Change]    # path, kind, old, new
        ws.kept_drafts(engagement_id) -> list[KeptDraft]; ws.kept_draft(kept_id) -> KeptDraft
        ws.import_engagement(engagement_or_path, author) -> Revision
        ws.ensure_demo() -> bool

Participants (see :mod:`cxkit.store.invitations`, :mod:`cxkit.store.contributions`)::

        ws.invite(engagement_id, workshop_id, *, count=1, expires=timedelta(hours=8),
                  activities=ALL_ACTIVITIES, dots=5, team=None) -> list[Invitation]
        ws.revoke(invitation_id_or_token); ws.invitations(engagement_id, workshop=None)
        ws.participant(token, *, engagement=None, workshop=None) -> ParticipantSession
            # AccessDenied if forged, expired, revoked or of another engagement/workshop
        session.submit(kind, *, text=None, target=None, value=None, anonymous=False)
            # -> cxkit.model.Contribution; AccessDenied (token no longer valid, kind not
            # opened) or InvalidContribution (empty, too long, out of scale, over budget)
        session.mine(); session.candidates(); session.dots_left(); session.scale
        ws.contributions(engagement_id, workshop=None) -> list[cxkit.model.Contribution]
        ws.decide(contribution_id, status, author, into=None)
        ws.adopt_proposals(engagement_id, contribution_ids, author, base_revision) -> Revision
        ws.aggregates(engagement_id, workshop) -> Aggregates
    participant_link(base_url, token) -> str            # the participant's form URL

Room links, one link (one QR code) for a whole room (see :mod:`cxkit.store.rooms`)::

        ws.open_room(engagement_id, workshop_id, *, expires=timedelta(hours=8),
                     activities=ALL_ACTIVITIES, dots=5, capacity=60) -> RoomPass  # .token once
        ws.rooms(engagement_id, workshop=None); ws.room(room_token); ws.close_room(id_or_token)
        ws.join_room(room_token, *, workshop=None) -> Invitation   # new participant, with token
            # AccessDenied if forged, expired, closed, full (capacity) or of another workshop
    room_link(base_url, room_token) -> str              # the room's URL (?room=)

Database failures are :class:`~cxkit.errors.StoreError` with a readable
message (locked, read-only, full, corrupted, unreachable); a schema written
by a newer cxkit is refused with :class:`~cxkit.errors.SchemaVersionError`.
"""

from cxkit.store.aggregates import Aggregates, RatingSummary, VoteTotal
from cxkit.store.invitations import (
    ALL_ACTIVITIES,
    DEFAULT_BASE_URL,
    Invitation,
    ParticipantSession,
    participant_link,
    room_link,
)
from cxkit.store.records import (
    Change,
    EngagementSummary,
    InvalidContribution,
    KeptDraft,
    Revision,
    SaveConflict,
    Stored,
)
from cxkit.store.rooms import RoomPass
from cxkit.store.workspace import Workspace

__all__ = [
    "ALL_ACTIVITIES",
    "DEFAULT_BASE_URL",
    "Aggregates",
    "Change",
    "EngagementSummary",
    "InvalidContribution",
    "Invitation",
    "KeptDraft",
    "ParticipantSession",
    "RatingSummary",
    "Revision",
    "RoomPass",
    "SaveConflict",
    "Stored",
    "VoteTotal",
    "Workspace",
    "participant_link",
    "room_link",
]
