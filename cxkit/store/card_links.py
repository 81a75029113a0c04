"""Team cards' links: what an employee opens, without an account, to read their team's card.

A link names one engagement and one team's scope (members of the referential's
perimeter per dimension, as :class:`cxkit.team_cards.TeamScope` holds them),
never a revision: the card is derived again from the engagement's latest
revision each time the page is read, so a poster's QR code follows the
referential as it changes. The token follows the rules of every secret link
(:mod:`cxkit.store.tokens`): random, shown once when issued, stored only as
its SHA-256 hash. A link does not expire (a poster stays on the wall for
months); it stops working when revoked, by its id or its token.

The scope is kept as plain data (a JSON object of dimension -> members): the
store knows nothing of the model, and the page checks the members against the
engagement's perimeter when it derives the card.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from sqlalchemy import RowMapping, select

from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.store.clock import aware, aware_or_none, now
from cxkit.store.database import Database
from cxkit.store.invitations import DEFAULT_BASE_URL
from cxkit.store.revisions import document
from cxkit.store.schema import card_links
from cxkit.store.tokens import find_by_hash, hash_token, plausible, withdraw

DIMENSIONS: tuple[str, ...] = ("channels", "journey_stages", "segments", "offers")
"""The perimeter's dimensions a scope may name (the fields of ``TeamScope``), in its order."""
TOKEN_BYTES = 12
"""16 URL-safe characters (96 random bits): a short address makes a QR code a poster can carry."""
CARD_PATH = "card/"
"""Where the participants' server answers a card link, under its base address."""

Scope = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class CardLink:
    """One card link. ``token`` is only set when the link is issued."""

    id: str
    token: str | None
    engagement: str
    scope: Scope
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None


def clean_scope(scope: Mapping[str, Sequence[str]]) -> Scope:
    """The scope as stored: known dimensions only, members stripped, in order, empty ones dropped.

    StoreError for a dimension that is not one or a member that is not a text.
    """
    unknown = sorted(set(scope) - set(DIMENSIONS))
    if unknown:
        raise StoreError("cardpage.error.dimension", name=unknown[0], known=", ".join(DIMENSIONS))
    cleaned: Scope = {}
    for dimension in DIMENSIONS:
        members = scope.get(dimension) or ()
        if isinstance(members, str) or not all(isinstance(m, str) and m.strip() for m in members):
            raise StoreError("cardpage.error.member", dimension=dimension)
        kept = tuple(dict.fromkeys(m.strip() for m in members))
        if kept:
            cleaned[dimension] = kept
    return cleaned


def _scope_of(text: str) -> Scope:
    loaded: Any = json.loads(text)
    return {k: tuple(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def _link(row: RowMapping | Mapping[str, Any], token: str | None = None) -> CardLink:
    return CardLink(
        id=row["id"],
        token=token,
        engagement=row["engagement_id"],
        scope=_scope_of(row["scope"]),
        created_at=aware(row["created_at"]),
        revoked_at=aware_or_none(row["revoked_at"]),
    )


def new_token() -> str:
    """A random token that never starts with "-": ``--revoke TOKEN`` must not read as an option."""
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if not token.startswith("-"):
            return token


def issue_card_link(
    db: Database, engagement_id: str, scope: Mapping[str, Sequence[str]]
) -> CardLink:
    """A new link to the card of ``scope`` in the engagement; its token is in the result only.

    NotFound for an unknown engagement; the members are checked against its
    perimeter by the caller (:func:`cxkit.team_cards.scope_problems`).
    """
    cleaned = clean_scope(scope)
    document(db, engagement_id)  # NotFound before anything is written
    token = new_token()
    row = {
        "id": f"c-{secrets.token_hex(5)}",
        "token_hash": hash_token(token),
        "engagement_id": engagement_id,
        "scope": json.dumps(cleaned, ensure_ascii=False, sort_keys=True),
        "created_at": now(),
        "revoked_at": None,
    }
    with db.write() as conn:
        conn.execute(card_links.insert().values(**row))
    return _link(row, token)


def find_card_link(db: Database, token: object) -> CardLink:
    """The link behind a token, if it still works; AccessDenied if forged or revoked.

    The revoked link's engagement is on the exception (``engagement``), so the
    refusal can speak its language.
    """
    if not plausible(token, 8):
        raise AccessDenied("cardpage.error.unknown_link")
    with db.read() as conn:
        row = find_by_hash(conn, card_links, hash_token(token))
    if row is None:
        raise AccessDenied("cardpage.error.unknown_link")
    if row["revoked_at"] is not None:
        raise AccessDenied("cardpage.error.revoked_link", engagement=row["engagement_id"])
    return _link(row)


def list_card_links(db: Database, engagement_id: str) -> list[CardLink]:
    """The engagement's card links, oldest first, without tokens (revoked ones included)."""
    query = select(card_links).where(card_links.c.engagement_id == engagement_id)
    with db.read() as conn:
        found = conn.execute(query.order_by(card_links.c.created_at, card_links.c.id)).mappings()
        return [_link(r) for r in found]


def revoke_card_link(db: Database, id_or_token: str) -> None:
    """Stop a card link, by its id or its token (a second revoke changes nothing)."""
    with db.write() as conn:
        if not withdraw(conn, card_links, id_or_token, now()):
            raise NotFound("cardpage.error.no_such_link", id=id_or_token[:12])


def card_link_url(base_url: str, token: str) -> str:
    """The card's address: ``card/<token>`` under the participants' server's base address."""
    parts = urlsplit(base_url or DEFAULT_BASE_URL)
    path = (parts.path or "/").rstrip("/") + "/" + CARD_PATH + quote(token, safe="")
    return urlunsplit(parts._replace(path=path, query="", fragment=""))


__all__ = [
    "CARD_PATH",
    "DIMENSIONS",
    "CardLink",
    "card_link_url",
    "clean_scope",
    "find_card_link",
    "issue_card_link",
    "list_card_links",
    "revoke_card_link",
]
