"""The store's clock: every time it writes is aware and in UTC.

A leaf module (it imports nothing of cxkit), so that every part of the store
can read the time without importing the workspace.
"""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: they were written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def aware_or_none(value: dt.datetime | None) -> dt.datetime | None:
    return aware(value) if value is not None else None
