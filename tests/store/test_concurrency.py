"""Eight processes submitting at the same moment: every contribution kept, none doubled."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from sqlalchemy import func, select

from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.store.schema import contributions

WRITERS = 8
EACH = 200


def _writer(url: str, token: str, barrier: Any, results: Any) -> None:
    with Workspace.open(url=url) as ws:
        session = ws.participant(token)
        barrier.wait()
        for i in range(EACH):
            if i % 4 == 3:
                session.submit("rating", target="accueil", value=1 + i % 5)
            else:
                session.submit("comment", text=f"{session.participant} n°{i}")
        results.put(session.participant)


def test_eight_writers_leave_exactly_every_contribution(db_url: str, demo: Engagement) -> None:
    with Workspace.open(url=db_url) as ws:
        ws.create(demo, "alice")
        invitations = ws.invite("horizon-mutuelle", "atelier-1", count=WRITERS)
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WRITERS)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(db_url, inv.token, barrier, results))
        for inv in invitations
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * WRITERS
    finished = sorted(results.get(timeout=5) for _ in range(WRITERS))
    assert finished == sorted(i.participant for i in invitations)

    with Workspace.open(url=db_url) as ws:
        stored = ws.contributions("horizon-mutuelle", "atelier-1")
        with ws.engine.connect() as conn:
            rows = conn.execute(select(func.count()).select_from(contributions)).scalar_one()
    assert rows == len(stored) == WRITERS * EACH
    assert len({c.id for c in stored}) == WRITERS * EACH
    for inv in invitations:
        texts = [c.text for c in stored if c.participant == inv.participant and c.text]
        assert sorted(texts) == sorted(
            f"{inv.participant} n°{i}" for i in range(EACH) if i % 4 != 3
        )
