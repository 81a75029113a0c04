"""The live screen's adoption: two groups ticked at once, each group's duplicates kept together."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cxkit.apps.live import LiveScreen
from cxkit.apps.live_local import LocalState
from cxkit.store import Workspace
from cxkit.store.contributions import parse_id
from cxkit.store.schema import decisions
from tests.apps.test_forms_logic import ENGAGEMENT, buttons


def test_two_ticked_groups_are_adopted_in_one_revision_each_with_its_duplicates(
    ws: Workspace, tmp_path: Path
) -> None:
    local = LocalState("test", tmp_path / "live.json")
    screen = LiveScreen(ws, ENGAGEMENT, forms_url="http://127.0.0.1:9/", interval=0.1, local=local)
    token = screen.create_invitations()[0].split("token=")[1]
    session = ws.participant(token)
    ids = [
        session.submit("pillar-proposal", text=t).id
        for t in ("Simple", "Proche de moi", "simple", "proche de moi", "Autre chose")
    ]
    a1, b1, a2, b2, _other = ids
    screen.refresh()
    before = ws.load(ENGAGEMENT).revision.number
    ticked = {a1, b1}
    for ident, box in screen.proposals_panel.boxes:
        if ident in ticked:
            box.value = True
    adopt = buttons(screen.widget, "Adopter comme piliers")[0]
    adopt.click()
    if len(ws.load(ENGAGEMENT).engagement.strategy.pillars) + 2 > 4:
        assert [r.number for r in ws.history(ENGAGEMENT)][-1] == before  # the method's words first
        adopt.click()
    assert [r.number for r in ws.history(ENGAGEMENT)][-1] == before + 1
    with ws.db.read() as conn:
        into = dict(conn.execute(select(decisions.c.contribution_seq, decisions.c.into)).all())
    assert into[parse_id(a2)] == a1
    assert into[parse_id(b2)] == b1  # not into the first group's proposal
    statuses = {c.id: c.status for c in ws.contributions(ENGAGEMENT)}
    assert [statuses[i] for i in ids] == ["adopted", "adopted", "merged", "merged", "new"]
