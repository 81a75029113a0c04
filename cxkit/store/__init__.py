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
        session.submit(kind, *, text=None, target=None, value=None, anonymous=False, payload=None)
            # -> ContributionRecord (.moderation: "shown", or "pending" approval: say so
            # on the phone); AccessDenied (token no longer valid, kind not opened) or
            # InvalidContribution (the kind's rule: empty, too long, out of scale, over
            # budget; or the activity paused or locked); one rule per kind in store.kinds
        session.mine(); session.candidates(); session.dots_left(); session.scale
        session.live_state() -> LiveState   # to show a paused or locked activity as such
        session.agenda_step() -> (position, kind) | None   # the agenda's step the room is on
        ws.contributions(engagement_id, workshop=None) -> list[cxkit.model.Contribution]
        ws.decide(contribution_id, status, author, into=None)
        ws.with_contributions(engagement) -> Engagement   # its shown contributions added,
            # with their decisions: what the deck's and the workbook's workshop results read
        ws.aggregates(engagement_id, workshop) -> Aggregates   # what may be projected
        ws.ranking(engagement_id, workshop) -> RankingResults  # Borda count, latest per person
        ws.ranking_candidates(engagement_id, workshop) -> list[(id, name)]   # what is ranked
        ws.set_ranking_candidates(engagement_id, workshop, "default" | "pillars" | "leads"
                                  | "proposals") -> ActivityState   # kept in its options
        session.ranking_candidates(); session.submit("ranking", payload={"order": [ids]})
        session.ideas() -> IdeaBoard   # own ideas; the others' only once revealed (ideas.py)
        ws.idea_board(engagement_id, workshop) -> IdeaBoard   # counts; groups once revealed
        ws.group_ideas(engagement_id, head, members, author); ws.ungroup_ideas(...)
    participant_link(base_url, token) -> str            # the participant's form URL

Room links, one link (one QR code) for a whole room (see :mod:`cxkit.store.rooms`)::

        ws.open_room(engagement_id, workshop_id, *, expires=timedelta(hours=8),
                     activities=ROOM_ACTIVITIES, dots=5, capacity=60) -> RoomPass  # .token once
        ws.rooms(engagement_id, workshop=None); ws.room(room_token); ws.close_room(id_or_token)
        ws.renew_room(room_id) -> RoomPass              # a new token, same pass and count
        ws.join_room(room_token, *, workshop=None, device=None) -> Invitation  # with .token
            # AccessDenied if forged, expired, closed, full (capacity) or of another workshop
        ws.rejoin_room(room_token, device) -> Invitation | None  # writes nothing: for the gate
    room_link(base_url, room_token) -> str              # the room's URL (?room=)

    How the room link and the personal link relate (no ballot stuffing): the page
    of a room link gives join_room the browser's device key (a random key in an
    HttpOnly cookie the participants' gate sets, cxkit.apps.gate) and then shows
    the personal link in the address bar; the gate sends a device that joined
    already straight to it (rejoin_room). The personal token is derived from the
    device key and the pass's own secret, so the same device joining again (a
    reload, a bookmark of the room link, a second tab) gets the same invitation,
    token and dots back, takes no place, and is let back in even once the room is
    closed or full; a revoked participant stays out. A forged key gives a token
    nobody holds; the same key in another room is another participant. Without
    a device key every join is a new participant. Aggregates.participants and
    RoomPass.joined count people.

Team cards' links, read by employees without an account (see :mod:`cxkit.store.card_links`)::

        ws.issue_card_link(engagement_id, {"channels": ["Téléphone"]}) -> CardLink  # .token once
        ws.card_link(token) -> CardLink       # AccessDenied if forged or revoked
        ws.card_links(engagement_id); ws.revoke_card_link(id_or_token)
    card_link_url(base_url, token) -> str   # the card's page: <base>card/<token>

The live room, set by the facilitator (see :mod:`cxkit.store.activities`,
:mod:`cxkit.store.moderation`)::

        ws.live_state(engagement_id, workshop) -> LiveState
            # .moderation ("show" | "approve"); .activity(kind) -> ActivityState
            # (.status "open" | "paused" | "locked", .accepting, .results_shown,
            #  .timer_ends_at, .seconds_left()); .hidden_results
        ws.set_moderation(engagement_id, workshop, "show" | "approve")
        ws.set_activity(engagement_id, workshop, kind, *, status=None, results_shown=None)
            -> ActivityState                # what is not given stays as it was
        ws.start_timer(engagement_id, workshop, kind, seconds) -> ActivityState
        ws.stop_timer(engagement_id, workshop, kind) -> ActivityState
            # the end is stored: a reloaded live screen reads it from live_state
        ws.moderation_queue(engagement_id, workshop) -> list[ContributionRecord]  # pending
        ws.approve(engagement_id, contribution_ids, author)   # shown on the screen
        ws.hide(engagement_id, contribution_ids, author)      # off the screen (undo: approve)

Word cloud and Q&A with upvotes (see :mod:`cxkit.store.word_cloud`,
:mod:`cxkit.store.questions`)::

        session.submit("word", text=...)        # 3 words / 40 characters; 3 per person, each once
        session.submit("question", text=...)    # moderated like every text
        session.submit("upvote", target=question_id)  # opened with "question"; once per
            # person and question, never one's own, only on a question the room sees
        session.questions() -> list[Question]   # the board, .mine and .upvoted marked
        ws.word_cloud(engagement_id, workshop) -> list[CloudWord]   # .text, .people
        ws.questions(engagement_id, workshop) -> list[Question]     # by upvotes, answered last
        ws.mark_answered(engagement_id, question_id, author, answered=True)  # a decision row
        ws.set_activity(engagement_id, workshop, "word", options={"prompt": ...})
The workshop's agenda, prepared in advance, run with "next" (see :mod:`cxkit.store.agenda`)::

        ws.set_agenda(engagement_id, workshop, steps) -> Agenda   # replaces it; all or nothing
            # a step: {"activity": kind, "title": str | None, "seconds": int | None,
            #          "options": {...}, "results": "shown" | "hidden"}; at most 30
        ws.agenda(engagement_id, workshop) -> Agenda   # .steps, .current (None: not running),
            # .step, .following
        ws.move_agenda(engagement_id, workshop, to, *, seen) -> Agenda   # to=None stops it
            # one transaction: the room must still be on step `seen` (else StoreError,
            # nothing changed); the step left is paused, the step reached opened with
            # its results, options and timer

    Aggregates leave out texts pending or hidden, and the results of activities
    whose results are hidden (their kinds in .hidden; still in .counts).
    .counts: per kind (votes in dots); .voters; .votes: VoteTotal(target, label,
    dots, voters), highest first, an adopted proposal's dots under its pillar;
    .ratings: {target: RatingSummary(mean, n)} highest first; .words: [(word, n)],
    each word once per text, twice per participant at most; .texts: {kind:
    [TextItem(id, kind, text, target, at)]}, oldest first, no author; .cloud and
    .questions: the word cloud and the question board; .options: {kind: options}.

Adoption, following the method (see :mod:`cxkit.store.adoption`)::

        ws.plan_adoption(engagement_id, groups, *, names=None) -> AdoptionPlan
            # nothing written: .pillars (PlannedPillar: proposal, pillar_id, name
            # suggested or given, customers_say, merged), .total, .beyond_method,
            # .warning(lang) -> the method's words beyond four pillars, or None
        ws.adopt_groups(engagement_id, groups, author, base_revision, *, names=None)
            -> Revision
            # groups: [[first, duplicate, ...], ...]: each first proposal becomes a
            # pillar whose customer quote (customers_say) is its text, named
            # names[first] or suggest_pillar_name(text); its group's duplicates are
            # merged into it; revision and decisions in one transaction
        ws.adopt_proposals(engagement_id, contribution_ids, author, base_revision)
            # each proposal its own group

The 2×2 matrix (impact × ease, see :mod:`cxkit.store.placement`,
:mod:`cxkit.store.prioritise` and the rule in :mod:`cxkit.prioritisation`)::

        session.submit("placement", target=action_id, payload={"impact": 1-4, "ease": 1-4})
            # refused: a lead outside the round (forged), a value off 1..4 or not whole
        ws.place_leads(engagement_id, workshop, action_ids) -> ActivityState
            # the round's options {"leads": [...]}; without them, every lead
        ws.placements(engagement_id, workshop, *, reveal=False) -> Placements
            # .leads: PlacedLead(lead, points, .verdict: medians, quadrant, priority,
            # term) — the latest placement per lead per participant; .count, .people,
            # .hidden (points left out while hidden, unless reveal)
        ws.plan_priorities(engagement_id, workshop) -> list[LeadChange]   # nothing written
        ws.apply_priorities(engagement_id, workshop, author, base_revision) -> Revision
            # each placed lead's priority and horizon, ONE new revision (SaveConflict
            # on a stale base: the content kept as a draft, the placements stay)

Database failures are :class:`~cxkit.errors.StoreError` with a readable
message (locked, read-only, full, corrupted, unreachable); a schema written
by a newer cxkit is refused with :class:`~cxkit.errors.SchemaVersionError`.

The layers, each importing only those below it (``tests/test_imports.py``
refuses a cycle)::

    workspace      the façade above: each method hands ws.db to the module with the rules
    session        ParticipantSession: what a personal token allows, re-checked per call
    moderation, aggregates, adoption   approving/hiding texts; what is projected; adoption
    word_cloud, questions   the kinds word, question and upvote, their cloud and board
    kinds          one rule per contribution kind (a registry, like the health checks)
    contributions, rooms   appending (one statement) and listing contributions, decisions;
                   room passes and device rejoin
    activities     a live workshop's moderation mode and its activities' states
    invitations    personal invitations, their settings, the workshop check
    revisions      engagements, numbered revisions, kept drafts
    database       Database: read()/write() transactions, prepared statements (ws.db)
    engine, schema, records, tokens, clock, diff      the leaves
"""

from cxkit.store.aggregates import Aggregates, RatingSummary, VoteTotal
from cxkit.store.card_links import CardLink, card_link_url
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
    "CardLink",
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
    "card_link_url",
    "participant_link",
    "room_link",
]
