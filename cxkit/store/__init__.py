"""The workspace store: engagement revisions and participants' contributions.

One database, SQLite by default (``<CXKIT_WORKSPACE or ./workspace>/cxkit.db``)
or any SQLAlchemy URL in ``CXKIT_DB_URL`` (PostgreSQL through psycopg 3)::

    from cxkit.store import Workspace
    with Workspace.open() as ws:                       # or open(url=...), open(folder=...)
        ws.list_engagements() -> list[EngagementSummary]
        ws.exists(engagement_id) -> bool
        ws.create(engagement, author, summary=None) -> Revision        # StoreError if the id exists
        ws.save(engagement, author, base_revision, summary=None, *, checkpoint=False) -> Revision
            # re-validates; RevisionConflict (a SaveConflict: .latest, .kept_id) if
            # base_revision is not the latest, the content kept as a draft;
            # a save that changes nothing returns the latest revision
        ws.load(engagement_id, revision=None) -> Stored   # .engagement, .revision; NotFound
        ws.document(engagement_id) -> dict                # the latest, as plain data (no model)
        ws.history(engagement_id) -> list[Revision]       # number, author, at, summary
        ws.diff(engagement_id, r1, r2) -> list[Change]    # path, kind, old, new
        ws.kept_drafts(engagement_id) -> list[KeptDraft]; ws.kept_draft(kept_id) -> KeptDraft
        ws.import_engagement(engagement_or_path, author) -> Revision
        ws.ensure_demo() -> bool

Participants (see :mod:`cxkit.store.invitations`, :mod:`cxkit.store.session`,
:mod:`cxkit.store.kinds`)::

        ws.invite(engagement_id, workshop_id, *, count=1, expires=timedelta(hours=8),
                  activities=ALL_ACTIVITIES, dots=5, team=None) -> list[Invitation]
        ws.revoke(invitation_id_or_token); ws.invitations(engagement_id, workshop=None)
        ws.participant(token, *, engagement=None, workshop=None) -> ParticipantSession
            # AccessDenied if forged, expired, revoked or of another engagement/workshop
        session.submit(kind, *, text=None, target=None, value=None, anonymous=False)
            # -> ContributionRecord; AccessDenied (token no longer valid, kind not
            # opened) or InvalidContribution (the kind's rule: empty, too long, out of
            # scale, over budget); the rules, one per kind, are in cxkit.store.kinds
        session.mine(); session.candidates(); session.dots_left(); session.scale
        ws.contributions(engagement_id, workshop=None) -> list[cxkit.model.Contribution]
        ws.decide(contribution_id, status, author, into=None)
        ws.adopt_groups(engagement_id, groups, author, base_revision) -> Revision
            # groups: [[first, duplicate, ...], ...]; each first a pillar, its group's
            # duplicates merged into it; revision and decisions in one transaction
        ws.adopt_proposals(engagement_id, contribution_ids, author, base_revision) -> Revision
            # each proposal its own group
        ws.aggregates(engagement_id, workshop) -> Aggregates
    participant_link(base_url, token) -> str            # the participant's form URL

Room links, one link (one QR code) for a whole room (see :mod:`cxkit.store.rooms`)::

        ws.open_room(engagement_id, workshop_id, *, expires=timedelta(hours=8),
                     activities=ROOM_ACTIVITIES, dots=5, capacity=60) -> RoomPass  # .token once
        ws.rooms(engagement_id, workshop=None); ws.room(room_token); ws.close_room(id_or_token)
        ws.renew_room(room_id) -> RoomPass              # a new token, same pass and count
        ws.join_room(room_token, *, workshop=None) -> Invitation   # new participant, with token
            # AccessDenied if forged, expired, closed, full (capacity) or of another workshop
    room_link(base_url, room_token) -> str              # the room's URL (?room=)

Database failures are :class:`~cxkit.errors.StoreError` with a readable
message (locked, read-only, full, corrupted, unreachable); a schema written
by a newer cxkit is refused with :class:`~cxkit.errors.SchemaVersionError`.

The layers, each importing only those below it (``tests/test_imports.py``
refuses a cycle)::

    workspace     the façade above: each method hands ws.db to the module with the rules
    session       ParticipantSession: what a personal token allows, re-checked per call
    kinds, adoption, aggregates    per-kind rules; adoption; what the facilitator sees
    contributions, rooms           appending and listing contributions, decisions; room passes
    invitations   personal invitations, their settings, the workshop check
    revisions     engagements, numbered revisions, kept drafts
    database      Database: read()/write() transactions, prepared statements (ws.db)
    engine, schema, records, tokens, clock, diff      the leaves
"""

from cxkit.store.aggregates import Aggregates, RatingSummary, VoteTotal
from cxkit.store.invitations import (
    ALL_ACTIVITIES,
    DEFAULT_BASE_URL,
    Invitation,
    participant_link,
    room_link,
)
from cxkit.store.records import (
    Change,
    ContributionRecord,
    EngagementSummary,
    InvalidContribution,
    KeptDraft,
    Revision,
    SaveConflict,
    Stored,
)
from cxkit.store.rooms import RoomPass
from cxkit.store.session import ParticipantSession
from cxkit.store.workspace import Workspace

__all__ = [
    "ALL_ACTIVITIES",
    "DEFAULT_BASE_URL",
    "Aggregates",
    "Change",
    "ContributionRecord",
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
