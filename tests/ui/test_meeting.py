"""The meeting form: a consultant names the meeting and replaces a slide's message."""

from __future__ import annotations

from html import unescape

from cxkit.deck import plan_deck
from cxkit.store import Workspace
from cxkit.ui.meeting import MeetingForm
from cxkit.ui.session import EditSession

DEMO = "horizon-mutuelle"


def test_a_typed_message_replaces_the_computed_one_in_the_deck(
    workspace: Workspace, session: EditSession
) -> None:
    form = MeetingForm(session)
    fields = {f.loc(): f for f in form.parts if hasattr(f, "loc")}
    kpis = fields[("restitution", "messages", "kpis")]
    assert "Net Promoter Score relationnel de 9 à 25\u00a0points" in unescape(kpis.hint.value)
    kpis.widget.value = "Quatre indicateurs suffisent"
    fields[("restitution", "meeting")].widget.value = "Comité de direction"
    fields[("restitution", "date")].widget.value = "2026-12-01"
    form.steps.add_button.click()
    step = next(f for f in form.steps.fields if f.loc()[-1] == "owner")
    step.widget.value = "DRH"

    saved = workspace.load(DEMO).engagement
    assert saved.restitution.messages == {"kpis": "Quatre indicateurs suffisent"}
    assert saved.restitution.meeting == "Comité de direction"
    assert saved.restitution.next_steps[0].owner == "DRH"
    plan = plan_deck(saved)
    assert "Comité de direction · 1\u00a0décembre\u00a02026" in plan.slides[0].subtitle
    board = next(s for s in plan.slides if s.topic.startswith("Les indicateurs, pilier"))
    assert board.title == "Quatre indicateurs suffisent"

    kpis.widget.value = ""  # emptied: the computed message comes back
    saved = workspace.load(DEMO).engagement
    assert "kpis" not in saved.restitution.messages
