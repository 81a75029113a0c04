"""The workspace: engagements and their revisions, in SQLite or PostgreSQL.

Every save re-validates the engagement and stores it as a new numbered
revision; a save based on an older revision than the latest is refused and
its content kept as a draft (nothing typed is ever dropped). Participants'
invitations and contributions live in the same database; their rules are in
:mod:`cxkit.store.invitations` and :mod:`cxkit.store.contributions`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, RowMapping, func, select
from sqlalchemy import exc as sa_exc

from cxkit.errors import NotFound, StoreError
from cxkit.i18n import t
from cxkit.store import schema
from cxkit.store.engine import (
    BUSY_TIMEOUT_S,
    DriverStatement,
    display_url,
    make_engine,
    resolve_url,
    transaction,
)
from cxkit.store.records import Change, EngagementSummary, KeptDraft, Revision, SaveConflict, Stored
from cxkit.store.schema import engagements, kept_drafts, revisions

if TYPE_CHECKING:
    from cxkit.model import Contribution, Engagement
    from cxkit.store.aggregates import Aggregates
    from cxkit.store.invitations import Invitation, ParticipantSession
    from cxkit.validation import Revalidated


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: they were written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


SAVED_DOCUMENTS = 4
"""Documents of engagements this process saved last, kept to diff the next save against."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _revision(row: RowMapping) -> Revision:
    return Revision(row["number"], row["author"], aware(row["at"]), row["summary"])


_REVISION_COLUMNS = (
    revisions.c.number,
    revisions.c.author,
    revisions.c.at,
    revisions.c.summary,
    revisions.c.digest,
)


class Workspace:
    """One workspace database. Open with :meth:`open`; close, or use as a context manager."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._prepared: dict[Any, DriverStatement] = {}
        self._saved: dict[str, tuple[int, str, Any]] = {}
        self._saved_lock = threading.Lock()

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
        with self._read() as conn:
            if schema.stored_version(conn) == schema.SCHEMA_VERSION:
                return
        with self._write() as conn:
            schema.prepare(conn, display_url(self.url))

    def close(self) -> None:
        self.engine.dispose()

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

    def _read(self) -> Any:
        return transaction(self.engine, self.url)

    def _write(self) -> Any:
        return transaction(self.engine, self.url, write=True)

    def _driver_statement(self, statement: Any) -> DriverStatement:
        """``statement`` compiled once for this workspace's engine (see DriverStatement)."""
        prepared = self._prepared.get(statement)
        if prepared is None:
            prepared = self._prepared[statement] = DriverStatement(self.engine, self.url, statement)
        return prepared

    # --- engagements ----------------------------------------------------------------

    def list_engagements(self) -> list[EngagementSummary]:
        """Every engagement with its latest revision, by client name."""
        latest = (
            select(revisions.c.engagement_id, func.max(revisions.c.number).label("number"))
            .group_by(revisions.c.engagement_id)
            .subquery()
        )
        query = select(
            revisions.c.engagement_id,
            revisions.c.client,
            revisions.c.number,
            revisions.c.at,
            revisions.c.author,
            revisions.c.phase,
        ).join(
            latest,
            (latest.c.engagement_id == revisions.c.engagement_id)
            & (latest.c.number == revisions.c.number),
        )
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        out = [
            EngagementSummary(
                r["engagement_id"],
                r["client"],
                r["number"],
                aware(r["at"]),
                r["author"],
                r["phase"],
            )
            for r in rows
        ]
        return sorted(out, key=lambda s: (s.client.casefold(), s.id))

    def exists(self, engagement_id: str) -> bool:
        with self._read() as conn:
            return self._latest(conn, engagement_id) is not None

    def create(self, engagement: Engagement, author: str, summary: str | None = None) -> Revision:
        """Store a new engagement as revision 1; StoreError if its id is taken."""
        from cxkit.validation import revalidate

        checked = revalidate(engagement)
        engagement = checked.engagement
        digest = _digest(checked.text)
        at = now()
        summary = summary or t("store.summary.created", engagement.language)
        try:
            with self._write() as conn:
                conn.execute(
                    engagements.insert().values(id=engagement.id, created_at=at, created_by=author)
                )
                self._insert_revision(conn, checked, 1, author, at, summary, digest)
        except sa_exc.IntegrityError:
            raise StoreError("error.store.exists", id=engagement.id) from None
        self._remember(engagement.id, 1, digest, checked.document)
        return Revision(1, author, at, summary)

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

        return self._save(revalidate(engagement), author, base_revision, summary, force=checkpoint)

    def _save(
        self,
        checked: Revalidated,
        author: str,
        base_revision: int,
        summary: str | None,
        also: Any = None,
        force: bool = False,
    ) -> Revision:
        engagement, text = checked.engagement, checked.text
        digest = _digest(text)
        at = now()
        try:
            with self._write() as conn:
                latest = self._latest(conn, engagement.id)
                if latest is None:
                    raise NotFound("error.store.no_engagement", id=engagement.id)
                if latest["number"] != base_revision:
                    conflict_with: RowMapping | None = latest
                else:
                    conflict_with = None
                    if latest["digest"] == digest and not force:
                        return _revision(latest)
                    if summary is None:
                        previous = self._previous(conn, engagement.id, latest)
                        from cxkit.store.diff import diff_documents, summarize

                        changes = diff_documents(previous, checked.document)
                        summary = summarize(changes, engagement.language)
                    self._insert_revision(
                        conn, checked, base_revision + 1, author, at, summary, digest
                    )
                    if also is not None:
                        also(conn, base_revision + 1)
        except sa_exc.IntegrityError:
            conflict_with = None  # lost the race for the number: read who won, below
        else:
            if conflict_with is None:
                assert summary is not None
                self._remember(engagement.id, base_revision + 1, digest, checked.document)
                return Revision(base_revision + 1, author, at, summary)
        raise self._conflict(engagement, text, author, base_revision, at, conflict_with)

    def _conflict(
        self,
        engagement: Engagement,
        text: str,
        author: str,
        base_revision: int,
        at: dt.datetime,
        latest: RowMapping | None,
    ) -> SaveConflict:
        with self._write() as conn:
            if latest is None:
                latest = self._latest(conn, engagement.id)
                assert latest is not None
            kept_id = conn.execute(
                kept_drafts.insert()
                .values(
                    engagement_id=engagement.id,
                    base_revision=base_revision,
                    author=author,
                    at=at,
                    document=text,
                )
                .returning(kept_drafts.c.id)
            ).scalar_one()
        newer = _revision(latest)
        return SaveConflict(
            newer,
            kept_id,
            id=engagement.id,
            base=base_revision,
            latest=newer.number,
            author=newer.author,
            at=newer.at.astimezone().strftime("%Y-%m-%d %H:%M"),
            kept=kept_id,
        )

    def _insert_revision(
        self,
        conn: Connection,
        checked: Revalidated,
        number: int,
        author: str,
        at: dt.datetime,
        summary: str,
        digest: str,
    ) -> None:
        card = checked.engagement.engagement
        conn.execute(
            revisions.insert().values(
                engagement_id=card.id,
                number=number,
                author=author,
                at=at,
                summary=summary,
                client=card.client,
                phase=card.phase,
                digest=digest,
                document=checked.text,
            )
        )

    def _latest(self, conn: Connection, engagement_id: str) -> RowMapping | None:
        return (
            conn.execute(
                select(*_REVISION_COLUMNS)
                .where(revisions.c.engagement_id == engagement_id)
                .order_by(revisions.c.number.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )

    def _remember(self, engagement_id: str, number: int, digest: str, document: Any) -> None:
        """Keep the document this process just stored: the next save diffs against it."""
        with self._saved_lock:  # one workspace may serve several threads
            self._saved.pop(engagement_id, None)
            self._saved[engagement_id] = (number, digest, document)
            while len(self._saved) > SAVED_DOCUMENTS:
                del self._saved[next(iter(self._saved))]  # the least recently saved

    def _previous(self, conn: Connection, engagement_id: str, latest: RowMapping) -> Any:
        """The latest revision's document: the one this process saved, if it is still that one.

        An autosave runs on every edit; re-reading and parsing the previous
        document would cost more than storing the new one. The number and the
        digest read in this transaction tell whether the kept copy is current.
        """
        kept = self._saved.get(engagement_id)
        if kept is not None and kept[:2] == (latest["number"], latest["digest"]):
            return kept[2]
        return self._document(conn, engagement_id, latest["number"])

    def _document(self, conn: Connection, engagement_id: str, number: int) -> Any:
        text = conn.execute(
            select(revisions.c.document).where(
                (revisions.c.engagement_id == engagement_id) & (revisions.c.number == number)
            )
        ).scalar()
        if text is None:
            raise NotFound("error.store.no_revision", id=engagement_id, revision=number)
        return json.loads(text)

    def load(self, engagement_id: str, revision: int | None = None) -> Stored:
        """The latest revision of an engagement, or the one numbered ``revision``."""
        query = select(*_REVISION_COLUMNS, revisions.c.document).where(
            revisions.c.engagement_id == engagement_id
        )
        if revision is None:
            query = query.order_by(revisions.c.number.desc()).limit(1)
        else:
            query = query.where(revisions.c.number == revision)
        with self._read() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            if revision is not None and self.exists(engagement_id):
                raise NotFound("error.store.no_revision", id=engagement_id, revision=revision)
            raise NotFound("error.store.no_engagement", id=engagement_id)
        from cxkit.model import Engagement

        # Stored documents were validated when saved: the model's own checks suffice.
        return Stored(Engagement.model_validate_json(row["document"]), _revision(row))

    def document(self, engagement_id: str) -> dict[str, Any]:
        """The latest stored document as plain data, without building the model.

        For light readers (a participant's form needs the scale and the pillars'
        names): what is stored was validated when it was saved.
        """
        with self._read() as conn:
            latest = self._latest(conn, engagement_id)
            if latest is None:
                raise NotFound("error.store.no_engagement", id=engagement_id)
            document: dict[str, Any] = self._document(conn, engagement_id, latest["number"])
        return document

    def history(self, engagement_id: str) -> list[Revision]:
        """Every revision of an engagement, oldest first."""
        with self._read() as conn:
            rows = (
                conn.execute(
                    select(*_REVISION_COLUMNS)
                    .where(revisions.c.engagement_id == engagement_id)
                    .order_by(revisions.c.number)
                )
                .mappings()
                .all()
            )
        if not rows:
            raise NotFound("error.store.no_engagement", id=engagement_id)
        return [_revision(r) for r in rows]

    def diff(self, engagement_id: str, r1: int, r2: int) -> list[Change]:
        """What changed from revision ``r1`` to revision ``r2``."""
        with self._read() as conn:
            if self._latest(conn, engagement_id) is None:
                raise NotFound("error.store.no_engagement", id=engagement_id)
            from cxkit.store.diff import diff_documents

            return diff_documents(
                self._document(conn, engagement_id, r1), self._document(conn, engagement_id, r2)
            )

    # --- kept drafts ------------------------------------------------------------------

    def kept_drafts(self, engagement_id: str) -> list[KeptDraft]:
        """Contents refused by save conflicts, newest first."""
        with self._read() as conn:
            rows = (
                conn.execute(
                    select(kept_drafts)
                    .where(kept_drafts.c.engagement_id == engagement_id)
                    .order_by(kept_drafts.c.id.desc())
                )
                .mappings()
                .all()
            )
        return [_kept(r) for r in rows]

    def kept_draft(self, kept_id: int) -> KeptDraft:
        with self._read() as conn:
            row = (
                conn.execute(select(kept_drafts).where(kept_drafts.c.id == kept_id))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound("error.store.no_kept_draft", kept=kept_id)
        return _kept(row)

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
        with self._read() as conn:
            latest = self._latest(conn, engagement.id)
        if latest is None:
            return self.create(engagement, author, t("store.summary.imported", engagement.language))
        return self.save(engagement, author, latest["number"])

    def ensure_demo(self, author: str = "cxkit") -> bool:
        """Load the demo engagement into an empty workspace; True if it did."""
        from cxkit.document import DEMO_ENGAGEMENT, load_demo

        with self._read() as conn:
            if conn.execute(select(engagements.c.id).limit(1)).first() is not None:
                return False
        try:
            self.create(load_demo(), author)
        except StoreError as exc:
            if exc.key == "error.store.exists" and exc.params.get("id") == DEMO_ENGAGEMENT:
                return False  # another process loaded it meanwhile
            raise
        return True

    # --- participants (rules in invitations.py and contributions.py) --------------------

    def invite(self, engagement_id: str, workshop_id: str, **options: Any) -> list[Invitation]:
        from cxkit.store.invitations import invite

        return invite(self, engagement_id, workshop_id, **options)

    def revoke(self, invitation_id_or_token: str) -> None:
        from cxkit.store.invitations import revoke

        revoke(self, invitation_id_or_token)

    def invitations(self, engagement_id: str, workshop: str | None = None) -> list[Invitation]:
        from cxkit.store.invitations import list_invitations

        return list_invitations(self, engagement_id, workshop)

    def participant(
        self, token: str, *, engagement: str | None = None, workshop: str | None = None
    ) -> ParticipantSession:
        from cxkit.store.invitations import open_session

        return open_session(self, token, engagement=engagement, workshop=workshop)

    def contributions(self, engagement_id: str, workshop: str | None = None) -> list[Contribution]:
        from cxkit.store.contributions import list_contributions

        return list_contributions(self, engagement_id, workshop)

    def decide(
        self, contribution_id: str, status: str, author: str, into: str | None = None
    ) -> None:
        from cxkit.store.contributions import decide

        decide(self, contribution_id, status, author, into)

    def adopt_proposals(
        self,
        engagement_id: str,
        contribution_ids: Sequence[str] | Iterable[str],
        author: str,
        base_revision: int,
    ) -> Revision:
        from cxkit.store.contributions import adopt_proposals

        return adopt_proposals(self, engagement_id, list(contribution_ids), author, base_revision)

    def aggregates(self, engagement_id: str, workshop: str) -> Aggregates:
        from cxkit.store.aggregates import aggregates

        return aggregates(self, engagement_id, workshop)

    # --- room links (rules in rooms.py) ---------------------------------------------------

    if TYPE_CHECKING:
        from cxkit.store.rooms import RoomPass

    def open_room(self, engagement_id: str, workshop_id: str, **options: Any) -> RoomPass:
        """One link for the whole room: ``expires``, ``activities``, ``dots``, ``capacity``."""
        from cxkit.store.rooms import open_room

        return open_room(self, engagement_id, workshop_id, **options)

    def rooms(self, engagement_id: str, workshop: str | None = None) -> list[RoomPass]:
        from cxkit.store.rooms import list_rooms

        return list_rooms(self, engagement_id, workshop)

    def room(self, room_token: str) -> RoomPass:
        """The pass behind a room link, open or not (``.problem``); AccessDenied if forged."""
        from cxkit.store.rooms import find_room

        return find_room(self, room_token)

    def close_room(self, room_id_or_token: str) -> None:
        from cxkit.store.rooms import close_room

        close_room(self, room_id_or_token)

    def renew_room(self, room_id: str) -> RoomPass:
        """A new token (shown once) for an open room pass; its count and personal links stay."""
        from cxkit.store.rooms import renew_room

        return renew_room(self, room_id)

    def join_room(self, room_token: str, *, workshop: str | None = None) -> Invitation:
        """A new personal invitation, with its token, through an open room pass."""
        from cxkit.store.rooms import join_room

        return join_room(self, room_token, workshop=workshop)


def _kept(row: RowMapping) -> KeptDraft:
    from cxkit.model import Engagement

    return KeptDraft(
        row["id"],
        row["engagement_id"],
        row["base_revision"],
        row["author"],
        aware(row["at"]),
        Engagement.model_validate_json(row["document"]),
    )
