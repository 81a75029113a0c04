"""Engagements and their numbered revisions, and the drafts kept by refused saves.

Every save re-validates the engagement and stores it as a new numbered
revision; a save based on an older revision than the latest is refused and
its content kept as a draft (nothing typed is ever dropped). Revision numbers
are a primary key per engagement, so two saves racing on the same base
cannot both win: the loser's insert fails and becomes a conflict.

The pydantic model, the validation and the diff (which speaks the
validation's paths) are imported where they are used: a participant's kernel
reads documents as plain data and never pays for them (tests/test_imports.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, RowMapping, func, select
from sqlalchemy import exc as sa_exc

from cxkit.errors import NotFound, StoreError
from cxkit.i18n import t
from cxkit.store.clock import aware, now
from cxkit.store.database import Database, SavedDocument
from cxkit.store.engine import translate
from cxkit.store.records import Change, EngagementSummary, KeptDraft, Revision, SaveConflict, Stored
from cxkit.store.schema import engagements, kept_drafts, revisions

if TYPE_CHECKING:
    from cxkit.model import Engagement
    from cxkit.validation import Revalidated

AlsoWrite = Callable[[Connection, int], None]
"""More rows to write in the transaction of a save, given the new revision's number."""

_REVISION_COLUMNS = (
    revisions.c.number,
    revisions.c.author,
    revisions.c.at,
    revisions.c.summary,
    revisions.c.digest,
)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _revision(row: RowMapping) -> Revision:
    return Revision(row["number"], row["author"], aware(row["at"]), row["summary"])


def latest(conn: Connection, engagement_id: str) -> RowMapping | None:
    """The latest revision's row (number, author, at, summary, digest), or None."""
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


def latest_number(db: Database, engagement_id: str) -> int | None:
    with db.read() as conn:
        row = latest(conn, engagement_id)
    return None if row is None else int(row["number"])


def list_engagements(db: Database) -> list[EngagementSummary]:
    """Every engagement with its latest revision, by client name."""
    newest = (
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
        newest,
        (newest.c.engagement_id == revisions.c.engagement_id)
        & (newest.c.number == revisions.c.number),
    )
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    out = [
        EngagementSummary(
            r["engagement_id"], r["client"], r["number"], aware(r["at"]), r["author"], r["phase"]
        )
        for r in rows
    ]
    return sorted(out, key=lambda s: (s.client.casefold(), s.id))


def any_engagement(db: Database) -> bool:
    with db.read() as conn:
        return conn.execute(select(engagements.c.id).limit(1)).first() is not None


def create(db: Database, checked: Revalidated, author: str, summary: str | None) -> Revision:
    """Store a new (re-validated) engagement as revision 1; StoreError if its id is taken."""
    engagement = checked.engagement
    digest = _digest(checked.text)
    at = now()
    summary = summary or t("store.summary.created", engagement.language)
    try:
        with db.write() as conn:
            conn.execute(
                engagements.insert().values(id=engagement.id, created_at=at, created_by=author)
            )
            _insert_revision(conn, checked, 1, author, at, summary, digest)
    except sa_exc.IntegrityError:
        raise StoreError("error.store.exists", id=engagement.id) from None
    db.recent.put(engagement.id, SavedDocument(1, digest, checked.document))
    return Revision(1, author, at, summary)


def save(
    db: Database,
    checked: Revalidated,
    author: str,
    base_revision: int,
    summary: str | None,
    *,
    also: AlsoWrite | None = None,
    force: bool = False,
) -> Revision:
    """Store ``checked`` as the revision after ``base_revision``, with ``also``'s rows.

    :class:`SaveConflict` when someone saved since ``base_revision`` (the
    content kept as a draft, nothing of ``also`` written). A save that changes
    nothing returns the latest revision and writes nothing unless ``force``.
    """
    engagement, text = checked.engagement, checked.text
    digest = _digest(text)
    at = now()
    number = base_revision + 1
    inserted = False
    try:
        with db.write() as conn:
            newest = latest(conn, engagement.id)
            if newest is None:
                raise NotFound("error.store.no_engagement", id=engagement.id)
            conflict_with: RowMapping | None = newest
            if newest["number"] == base_revision:
                conflict_with = None
                if newest["digest"] == digest and not force:
                    return _revision(newest)
                if summary is None:
                    from cxkit.store.diff import diff_documents, summarize  # heavy: validation

                    previous = _previous(db, conn, engagement.id, newest)
                    summary = summarize(
                        diff_documents(previous, checked.document), engagement.language
                    )
                _insert_revision(conn, checked, number, author, at, summary, digest)
                inserted = True
                if also is not None:
                    also(conn, number)
    except sa_exc.IntegrityError as exc:
        if inserted:  # refused by the database in ``also``: not a conflict, and nothing written
            raise translate(exc, db.url) from exc
        conflict_with = None  # lost the race for the number: read who won, below
    else:
        if conflict_with is None:
            assert summary is not None
            db.recent.put(engagement.id, SavedDocument(number, digest, checked.document))
            return Revision(number, author, at, summary)
    raise _conflict(db, engagement, text, author, base_revision, at, conflict_with)


def _conflict(
    db: Database,
    engagement: Engagement,
    text: str,
    author: str,
    base_revision: int,
    at: dt.datetime,
    newest: RowMapping | None,
) -> SaveConflict:
    with db.write() as conn:
        if newest is None:
            newest = latest(conn, engagement.id)
            assert newest is not None
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
    newer = _revision(newest)
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


def _previous(db: Database, conn: Connection, engagement_id: str, newest: RowMapping) -> Any:
    """The latest revision's document: the one this process saved, if it is still that one.

    An autosave runs on every edit; re-reading and parsing the previous
    document would cost more than storing the new one. The number and the
    digest read in this transaction tell whether the kept copy is current.
    """
    kept = db.recent.get(engagement_id)
    if kept is not None and (kept.number, kept.digest) == (newest["number"], newest["digest"]):
        return kept.document
    return _document(conn, engagement_id, newest["number"])


def _document(conn: Connection, engagement_id: str, number: int) -> Any:
    text = conn.execute(
        select(revisions.c.document).where(
            (revisions.c.engagement_id == engagement_id) & (revisions.c.number == number)
        )
    ).scalar()
    if text is None:
        raise NotFound("error.store.no_revision", id=engagement_id, revision=number)
    return json.loads(text)


def load(db: Database, engagement_id: str, revision: int | None = None) -> Stored:
    """The latest revision of an engagement, or the one numbered ``revision``."""
    from cxkit.model import Engagement  # heavy: not on a participant's path

    query = select(*_REVISION_COLUMNS, revisions.c.document).where(
        revisions.c.engagement_id == engagement_id
    )
    if revision is None:
        query = query.order_by(revisions.c.number.desc()).limit(1)
    else:
        query = query.where(revisions.c.number == revision)
    with db.read() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        if revision is not None and latest_number(db, engagement_id) is not None:
            raise NotFound("error.store.no_revision", id=engagement_id, revision=revision)
        raise NotFound("error.store.no_engagement", id=engagement_id)
    # Stored documents were validated when saved: the model's own checks suffice.
    return Stored(Engagement.model_validate_json(row["document"]), _revision(row))


def document(db: Database, engagement_id: str) -> dict[str, Any]:
    """The latest stored document as plain data, without building the model.

    For light readers (a participant's form needs the scale and the pillars'
    names): what is stored was validated when it was saved.
    """
    with db.read() as conn:
        newest = latest(conn, engagement_id)
        if newest is None:
            raise NotFound("error.store.no_engagement", id=engagement_id)
        found: dict[str, Any] = _document(conn, engagement_id, newest["number"])
    return found


def pillar_names(found: dict[str, Any]) -> dict[str, str]:
    """The pillars of a stored document (plain data), id -> name."""
    return {p["id"]: p["name"] for p in found.get("strategy", {}).get("pillars", [])}


def history(db: Database, engagement_id: str) -> list[Revision]:
    """Every revision of an engagement, oldest first."""
    with db.read() as conn:
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


def diff(db: Database, engagement_id: str, r1: int, r2: int) -> list[Change]:
    """What changed from revision ``r1`` to revision ``r2``."""
    from cxkit.store.diff import diff_documents  # heavy: the validation's paths

    with db.read() as conn:
        if latest(conn, engagement_id) is None:
            raise NotFound("error.store.no_engagement", id=engagement_id)
        return diff_documents(
            _document(conn, engagement_id, r1), _document(conn, engagement_id, r2)
        )


def kept_drafts_of(db: Database, engagement_id: str) -> list[KeptDraft]:
    """Contents refused by save conflicts, newest first."""
    with db.read() as conn:
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


def kept_draft(db: Database, kept_id: int) -> KeptDraft:
    with db.read() as conn:
        row = (
            conn.execute(select(kept_drafts).where(kept_drafts.c.id == kept_id)).mappings().first()
        )
    if row is None:
        raise NotFound("error.store.no_kept_draft", kept=kept_id)
    return _kept(row)


def _kept(row: RowMapping) -> KeptDraft:
    from cxkit.model import Engagement  # heavy: not on a participant's path

    return KeptDraft(
        row["id"],
        row["engagement_id"],
        row["base_revision"],
        row["author"],
        aware(row["at"]),
        Engagement.model_validate_json(row["document"]),
    )
