"""What the facilitator sets for a live workshop: moderation, and each activity's state.

Per workshop, ``moderation``: ``show`` (texts reach the projected screen at
once, the default) or ``approve`` (texts wait in the facilitator's queue
until approved; see :mod:`cxkit.store.moderation`). Per activity (a
contribution kind) of a workshop: its ``status`` (``open``; ``paused``, on
hold; ``locked``, closed for good), whether its results are shown on the
projected screen, the end of its timer, kept so that a reloaded live
screen finds it again, and its ``options`` (what the activity is about: the
candidates ranked, the action leads placed, the cells of a coverage round;
each activity's module defines its own). What was never set reads as the
defaults: open, results shown (hidden for the activities of
:data:`HIDDEN_UNTIL_REVEALED`), no timer, no options. A paused or locked activity refuses submissions in
the store itself (the append statement checks it, see
:mod:`cxkit.store.contributions`), with a message saying which.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, get_args

from sqlalchemy import Connection, RowMapping, select

from cxkit.errors import StoreError
from cxkit.store.clock import aware_or_none, now
from cxkit.store.database import Database
from cxkit.store.invitations import ALL_ACTIVITIES, require_workshop
from cxkit.store.schema import activity_live, workshop_live

Moderation = Literal["show", "approve"]
ActivityStatus = Literal["open", "paused", "locked"]
MODERATIONS: tuple[str, ...] = get_args(Moderation)
STATUSES: tuple[str, ...] = get_args(ActivityStatus)
MAX_TIMER = dt.timedelta(hours=8)
HIDDEN_UNTIL_REVEALED = frozenset({"idea"})
"""Activities whose results start hidden: private writing, shown when the facilitator reveals."""


@dataclass(frozen=True)
class ActivityState:
    """One activity of a live workshop, as the facilitator set it."""

    activity: str
    status: str = "open"
    results_shown: bool = True
    timer_ends_at: dt.datetime | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    """What the facilitator set the activity on (its module reads and checks it)."""

    @property
    def accepting(self) -> bool:
        """Participants may send contributions of this kind."""
        return self.status == "open"

    def seconds_left(self, at: dt.datetime | None = None) -> float | None:
        """Seconds until the timer ends (0 once it has), None without a timer."""
        if self.timer_ends_at is None:
            return None
        return max(0.0, (self.timer_ends_at - (at or now())).total_seconds())


@dataclass(frozen=True)
class LiveState:
    """A live workshop's settings: moderation mode and the state of each activity."""

    workshop: str
    moderation: str = "show"
    activities: Mapping[str, ActivityState] = field(default_factory=dict)
    step: int | None = None
    """The agenda's step the room is on (its position, from 0), None when no agenda runs."""

    def activity(self, kind: str) -> ActivityState:
        found = self.activities.get(kind)
        if found is not None:
            return found
        return ActivityState(kind, results_shown=kind not in HIDDEN_UNTIL_REVEALED)

    @property
    def hidden_results(self) -> frozenset[str]:
        never_set = HIDDEN_UNTIL_REVEALED - set(self.activities)
        return never_set | frozenset(k for k, a in self.activities.items() if not a.results_shown)


def _state(row: RowMapping) -> ActivityState:
    return ActivityState(
        row["activity"],
        row["status"],
        row["results"] == "shown",
        aware_or_none(row["timer_ends_at"]),
        json.loads(row["options"]) if row["options"] else {},
    )


def read_state(conn: Connection, engagement_id: str, workshop: str) -> LiveState:
    """The workshop's live settings, in the caller's transaction."""
    found = conn.execute(
        select(workshop_live.c.moderation, workshop_live.c.step).where(
            (workshop_live.c.engagement_id == engagement_id)
            & (workshop_live.c.workshop == workshop)
        )
    ).first()
    mode, step = found if found is not None else (None, None)
    rows = conn.execute(
        select(activity_live).where(
            (activity_live.c.engagement_id == engagement_id)
            & (activity_live.c.workshop == workshop)
        )
    ).mappings()
    return LiveState(workshop, mode or "show", {r["activity"]: _state(r) for r in rows}, step)


def live_state(db: Database, engagement_id: str, workshop: str) -> LiveState:
    with db.read() as conn:
        return read_state(conn, engagement_id, workshop)


def set_moderation(db: Database, engagement_id: str, workshop: str, mode: str) -> None:
    """``show`` texts at once, or ``approve`` them first (what was sent before keeps its state)."""
    if mode not in MODERATIONS:
        raise StoreError(
            "error.live.moderation", mode=str(mode)[:20], allowed=", ".join(MODERATIONS)
        )
    require_workshop(db, engagement_id, workshop)
    key = (workshop_live.c.engagement_id == engagement_id) & (workshop_live.c.workshop == workshop)
    with db.write() as conn:
        values = {"moderation": mode, "updated_at": now()}
        if conn.execute(workshop_live.update().where(key).values(**values)).rowcount == 0:
            conn.execute(
                workshop_live.insert().values(
                    engagement_id=engagement_id, workshop=workshop, **values
                )
            )


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
"""Leave the timer as it is (the default of :func:`set_activity`)."""


def _timer_ok(ends: dt.datetime | None, at: dt.datetime) -> bool:
    """No timer, or one whose (aware) end is ahead, within eight hours."""
    return ends is None or (ends.tzinfo is not None and at < ends <= at + MAX_TIMER)


def set_activity(
    db: Database,
    engagement_id: str,
    workshop: str,
    activity: str,
    *,
    status: str | None = None,
    results_shown: bool | None = None,
    timer_ends_at: dt.datetime | _Keep | None = KEEP,
    options: Mapping[str, Any] | None = None,
) -> ActivityState:
    """Change what is given (the rest stays as it was); the activity's new state.

    StoreError for an unknown activity, status or workshop, or a timer ending
    in the past or more than eight hours ahead. ``options`` replace the
    activity's options as a whole (plain JSON data: the caller checked them).
    """
    check_activity(activity, status, timer_ends_at, now())
    require_workshop(db, engagement_id, workshop)
    with db.write() as conn:
        return write_activity(
            conn,
            engagement_id,
            workshop,
            activity,
            status=status,
            results_shown=results_shown,
            timer_ends_at=timer_ends_at,
            options=options,
        )


def check_activity(
    activity: str, status: str | None, timer_ends_at: dt.datetime | _Keep | None, at: dt.datetime
) -> None:
    """StoreError for an unknown activity or status, or a timer out of its bounds."""
    if activity not in ALL_ACTIVITIES:
        raise StoreError(
            "error.invite.activities", found=str(activity)[:40], allowed=", ".join(ALL_ACTIVITIES)
        )
    if status is not None and status not in STATUSES:
        raise StoreError("error.live.status", status=str(status)[:20], allowed=", ".join(STATUSES))
    if not isinstance(timer_ends_at, _Keep) and not _timer_ok(timer_ends_at, at):
        raise StoreError("error.live.timer")


def write_activity(
    conn: Connection,
    engagement_id: str,
    workshop: str,
    activity: str,
    *,
    status: str | None = None,
    results_shown: bool | None = None,
    timer_ends_at: dt.datetime | _Keep | None = KEEP,
    options: Mapping[str, Any] | None = None,
) -> ActivityState:
    """:func:`set_activity` in the caller's write transaction (an agenda's step moves several)."""
    at = now()
    check_activity(activity, status, timer_ends_at, at)
    key = (
        (activity_live.c.engagement_id == engagement_id)
        & (activity_live.c.workshop == workshop)
        & (activity_live.c.activity == activity)
    )
    old = read_state(conn, engagement_id, workshop).activity(activity)
    new = ActivityState(
        activity,
        status if status is not None else old.status,
        results_shown if results_shown is not None else old.results_shown,
        old.timer_ends_at if isinstance(timer_ends_at, _Keep) else timer_ends_at,
        dict(options) if options is not None else old.options,
    )
    values = {
        "status": new.status,
        "results": "shown" if new.results_shown else "hidden",
        "timer_ends_at": new.timer_ends_at,
        "updated_at": at,
        "options": json.dumps(dict(new.options), ensure_ascii=False) if new.options else None,
    }
    if conn.execute(activity_live.update().where(key).values(**values)).rowcount == 0:
        conn.execute(
            activity_live.insert().values(
                engagement_id=engagement_id, workshop=workshop, activity=activity, **values
            )
        )
    return new


def start_timer(
    db: Database, engagement_id: str, workshop: str, activity: str, seconds: float
) -> ActivityState:
    """A timer of ``seconds`` from now for the activity (its end is kept in the store)."""
    if not 0 < seconds <= MAX_TIMER.total_seconds():
        raise StoreError("error.live.timer")
    ends = now() + dt.timedelta(seconds=seconds)
    return set_activity(db, engagement_id, workshop, activity, timer_ends_at=ends)
