"""Secret tokens (personal links, room links): drawn, hashed, found, withdrawn.

A token is random (``secrets``), shown once and stored only as its SHA-256
hash. A row is found by the hash's index, then compared in constant time, so
neither the lookup's outcome nor its timing tells a forger how close a guess
was. Invitations and room passes share these rules: one place for each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import TypeGuard

from sqlalchemy import Connection, RowMapping, Table, or_, select, update


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def plausible(token: object, shortest: int) -> TypeGuard[str]:
    """A string of a length a real token can have (checked before any hashing or query)."""
    return isinstance(token, str) and shortest <= len(token) <= 200


def find_by_hash(
    conn: Connection, table: Table, token_hash: str, *, lock: bool = False
) -> RowMapping | None:
    """The row of ``table`` whose ``token_hash`` is ``token_hash``, or None (constant-time compare).

    ``lock``: on PostgreSQL the row stays locked until the transaction ends
    (SQLite's write transaction already holds the database).
    """
    query = select(table).where(table.c.token_hash == token_hash)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    if row is None or not hmac.compare_digest(row["token_hash"], token_hash):
        return None
    return row


def withdraw(conn: Connection, table: Table, id_or_token: str, at: dt.datetime) -> bool:
    """Set ``revoked_at`` on the row named by its id or its token (once); False if there is none."""
    match = or_(table.c.id == id_or_token, table.c.token_hash == hash_token(id_or_token))
    if conn.execute(select(table.c.id).where(match)).first() is None:
        return False
    conn.execute(update(table).where(match & table.c.revoked_at.is_(None)).values(revoked_at=at))
    return True
