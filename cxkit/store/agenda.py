"""A workshop's agenda: the sequence of activities prepared in advance, run step by step.

The consultant prepares it before the day (the workshops notebook): each
step names an activity (a contribution kind), optionally a title, a timer in
seconds and the activity's options (plain JSON data; each activity's module
defines and checks its own). On the day, the facilitator moves the room from
step to step; ``workshop_live.step`` holds the position the room is on.

Moving is one transaction: the step the room was on is checked (two
facilitator tabs pressing "next" at once move the room once, the second is
told where the room now is), the previous step's activity is paused and its
timer stopped, and the new step's activity is opened, its results shown or
hidden as the step says, its options set and its timer started. The phones
read the step when they are used (:meth:`ParticipantSession.agenda_step
<cxkit.store.session.ParticipantSession.agenda_step>`).

In the ``agenda`` table, ``options`` holds the activity's options and, under
the reserved key :data:`RESULTS_KEY`, whether the step hides its results
(only when it does): the activity never sees that key.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, select

from cxkit.errors import StoreError
from cxkit.store.activities import HIDDEN_UNTIL_REVEALED, MAX_TIMER, write_activity
from cxkit.store.clock import now
from cxkit.store.database import Database
from cxkit.store.invitations import ALL_ACTIVITIES, require_workshop
from cxkit.store.schema import agenda, workshop_live
from cxkit.text import clean_text

MAX_STEPS = 30
"""Steps of one agenda: a full day of activities, and some."""
TITLE_LIMIT = 120
OPTIONS_LIMIT = 20_000
"""Characters of one step's options as JSON (a list of fifty candidates fits many times)."""
RESULTS_KEY = "cxkit.results"
"""Stored among a step's options when the step hides its results; removed when read."""


@dataclass(frozen=True)
class AgendaStep:
    """One step: an activity, what the room reads as its title, its timer and options."""

    activity: str
    title: str | None = None
    seconds: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    results_shown: bool = True
    """Results on the projected screen from the start (hidden: revealed by the facilitator)."""

    def as_dict(self) -> dict[str, Any]:
        """The step as plain data, in the shape :func:`check_step` reads."""
        return {
            "activity": self.activity,
            "title": self.title,
            "seconds": self.seconds,
            "options": dict(self.options),
            "results": "shown" if self.results_shown else "hidden",
        }


@dataclass(frozen=True)
class Agenda:
    """A workshop's steps and the one the room is on (``current``, from 0; None: not running)."""

    workshop: str
    steps: tuple[AgendaStep, ...] = ()
    current: int | None = None

    @property
    def step(self) -> AgendaStep | None:
        """The step the room is on."""
        return self.steps[self.current] if self.current is not None else None

    @property
    def following(self) -> AgendaStep | None:
        """The step "next" leads to (the first one before the agenda starts)."""
        position = 0 if self.current is None else self.current + 1
        return self.steps[position] if position < len(self.steps) else None


def _step_error(key: str, position: int, **params: Any) -> StoreError:
    return StoreError(f"error.agenda.{key}", step=position + 1, **params)


def _seconds(value: object, position: int) -> int | None:
    if value is None:
        return None
    limit = int(MAX_TIMER.total_seconds())
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value != int(value)
        or not 0 < value <= limit
    ):
        raise _step_error("seconds", position, hours=limit // 3600)
    return int(value)


def _options(value: object, position: int) -> dict[str, Any]:
    """Plain JSON data under text keys, not too long: the activity's module checks the rest."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise _step_error("options", position)
    try:
        text = json.dumps(dict(value), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        raise _step_error("options", position) from None
    if len(text) > OPTIONS_LIMIT:
        raise _step_error("options", position)
    options: dict[str, Any] = json.loads(text)  # a copy that holds nothing but JSON
    options.pop(RESULTS_KEY, None)
    return options


def check_step(raw: Mapping[str, Any] | AgendaStep, position: int) -> AgendaStep:
    """One step as the store keeps it; StoreError saying which step and what is wrong."""
    if isinstance(raw, AgendaStep):
        raw = raw.as_dict()
    if not isinstance(raw, Mapping):
        raise _step_error("not_a_step", position)
    activity = raw.get("activity")
    if activity not in ALL_ACTIVITIES:
        raise _step_error("activity", position, found=str(activity)[:40])
    title = raw.get("title")
    if title is not None and not isinstance(title, str):
        raise _step_error("title", position, limit=TITLE_LIMIT)
    title = clean_text(title or "").strip() or None
    if title is not None and len(title) > TITLE_LIMIT:
        raise _step_error("title", position, limit=TITLE_LIMIT)
    hidden_first = activity in HIDDEN_UNTIL_REVEALED  # private writing stays private
    results = raw.get("results", "hidden" if hidden_first else "shown")
    if results not in ("shown", "hidden"):
        raise _step_error("results", position)
    return AgendaStep(
        str(activity),
        title,
        _seconds(raw.get("seconds"), position),
        _options(raw.get("options"), position),
        results == "shown",
    )


def check_steps(steps: Iterable[Mapping[str, Any] | AgendaStep]) -> tuple[AgendaStep, ...]:
    """Every step checked, at most :data:`MAX_STEPS`; the first problem found is raised."""
    listed = list(steps)
    if len(listed) > MAX_STEPS:
        raise StoreError("error.agenda.too_many", limit=MAX_STEPS, count=len(listed))
    return tuple(check_step(raw, n) for n, raw in enumerate(listed))


def _step_of(row: RowMapping) -> AgendaStep:
    options = json.loads(row["options"]) if row["options"] else {}
    hidden = options.pop(RESULTS_KEY, None) == "hidden"
    return AgendaStep(row["activity"], row["title"], row["seconds"], options, not hidden)


def _scope(table: Any, engagement_id: str, workshop: str) -> Any:
    return and_(table.c.engagement_id == engagement_id, table.c.workshop == workshop)


def _current(conn: Connection, engagement_id: str, workshop: str) -> tuple[bool, int | None]:
    """(the workshop has its live row, the step the room is on)."""
    found = conn.execute(
        select(workshop_live.c.step).where(_scope(workshop_live, engagement_id, workshop))
    ).first()
    return (found is not None, found[0] if found is not None else None)


def read_agenda(conn: Connection, engagement_id: str, workshop: str) -> Agenda:
    rows = conn.execute(
        select(agenda).where(_scope(agenda, engagement_id, workshop)).order_by(agenda.c.position)
    ).mappings()
    steps = tuple(_step_of(r) for r in rows)
    _, current = _current(conn, engagement_id, workshop)
    return Agenda(
        workshop, steps, current if current is not None and current < len(steps) else None
    )


def get_agenda(db: Database, engagement_id: str, workshop: str) -> Agenda:
    """The workshop's agenda (no steps if none was prepared) and the step the room is on."""
    with db.read() as conn:
        return read_agenda(conn, engagement_id, workshop)


def _stored_options(step: AgendaStep) -> str | None:
    options = dict(step.options)
    if not step.results_shown:
        options[RESULTS_KEY] = "hidden"
    return json.dumps(options, ensure_ascii=False) if options else None


def set_agenda(
    db: Database,
    engagement_id: str,
    workshop: str,
    steps: Iterable[Mapping[str, Any] | AgendaStep],
) -> Agenda:
    """Replace the workshop's agenda by ``steps`` (checked first: all of them or nothing).

    A room already running keeps its position if the new agenda still has it
    (the consultant edited later steps); otherwise the agenda stops.
    """
    checked = check_steps(steps)
    require_workshop(db, engagement_id, workshop)
    with db.write() as conn:
        conn.execute(agenda.delete().where(_scope(agenda, engagement_id, workshop)))
        if checked:
            conn.execute(
                agenda.insert(),
                [
                    {
                        "engagement_id": engagement_id,
                        "workshop": workshop,
                        "position": n,
                        "activity": s.activity,
                        "title": s.title,
                        "seconds": s.seconds,
                        "options": _stored_options(s),
                    }
                    for n, s in enumerate(checked)
                ],
            )
        exists, current = _current(conn, engagement_id, workshop)
        if not exists:  # the live row the moves update (made here: nobody moves yet)
            conn.execute(
                workshop_live.insert().values(
                    engagement_id=engagement_id,
                    workshop=workshop,
                    moderation="show",
                    updated_at=now(),
                    step=None,
                )
            )
        elif current is not None and current >= len(checked):
            conn.execute(
                workshop_live.update()
                .where(_scope(workshop_live, engagement_id, workshop))
                .values(step=None, updated_at=now())
            )
        return read_agenda(conn, engagement_id, workshop)


def _moved(conn: Connection, engagement_id: str, workshop: str) -> StoreError:
    """The refusal of a move from a step the room is no longer on: where it is now."""
    now_on = read_agenda(conn, engagement_id, workshop)
    if now_on.step is None:
        return StoreError("error.agenda.moved_off")
    assert now_on.current is not None
    return StoreError("error.agenda.moved", step=now_on.current + 1)


def move_agenda(
    db: Database, engagement_id: str, workshop: str, to: int | None, *, seen: int | None
) -> Agenda:
    """Move the room from step ``seen`` (the caller's view) to step ``to`` (None: stop).

    Refused, with nothing changed, when the room is no longer on ``seen``
    (another screen moved it) or ``to`` is not a step of the agenda.
    """
    with db.write() as conn:
        plan = read_agenda(conn, engagement_id, workshop)
        if not plan.steps:
            raise StoreError("error.agenda.empty")
        if to is not None and not (isinstance(to, int) and 0 <= to < len(plan.steps)):
            shown = to + 1 if isinstance(to, int) else str(to)[:10]  # steps are told from 1
            raise StoreError("error.agenda.no_step", step=shown, count=len(plan.steps))
        # The check and the move in one statement: a concurrent mover waits on the row,
        # then finds it moved (PostgreSQL re-reads the row; SQLite writes one at a time).
        moved = conn.execute(
            workshop_live.update()
            .where(
                _scope(workshop_live, engagement_id, workshop)
                & workshop_live.c.step.is_not_distinct_from(seen)
            )
            .values(step=to, updated_at=now())
        ).rowcount
        if moved != 1:
            raise _moved(conn, engagement_id, workshop)
        left = plan.steps[seen] if seen is not None and 0 <= seen < len(plan.steps) else None
        _switch(conn, engagement_id, workshop, left, plan.steps[to] if to is not None else None)
        return read_agenda(conn, engagement_id, workshop)


def _switch(
    conn: Connection,
    engagement_id: str,
    workshop: str,
    before: AgendaStep | None,
    after: AgendaStep | None,
) -> None:
    """Pause the activity of the step left (its timer stopped), open the one of the step reached."""
    if before is not None and (after is None or after.activity != before.activity):
        write_activity(
            conn, engagement_id, workshop, before.activity, status="paused", timer_ends_at=None
        )
    if after is None:
        return
    ends = now() + dt.timedelta(seconds=after.seconds) if after.seconds else None
    write_activity(
        conn,
        engagement_id,
        workshop,
        after.activity,
        status="open",
        results_shown=after.results_shown,
        timer_ends_at=ends,
        options=after.options,
    )


def step_now(conn: Connection, engagement_id: str, workshop: str) -> tuple[int, str] | None:
    """(position, activity) of the step the room is on, in one indexed read: a phone's question."""
    found = conn.execute(
        select(agenda.c.position, agenda.c.activity)
        .select_from(
            workshop_live.join(
                agenda,
                and_(
                    agenda.c.engagement_id == workshop_live.c.engagement_id,
                    agenda.c.workshop == workshop_live.c.workshop,
                    agenda.c.position == workshop_live.c.step,
                ),
            )
        )
        .where(_scope(workshop_live, engagement_id, workshop))
    ).first()
    return (int(found[0]), str(found[1])) if found is not None else None
