"""The participant's form and the live screen, driven without a browser on a real SQLite workspace.

Widgets build without a kernel, and ``Button.click()`` runs the same
callbacks a browser's click would: these tests pin the rules (scope,
dots, escaping, no traceback) cheaply; the browser tests show they hold
in a real page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from cxkit.apps.live import LiveScreen, Timer, format_clock, qr_svg
from cxkit.apps.participant import ParticipantForm, denied_page, open_form, participant_page
from cxkit.store import Workspace

ENGAGEMENT = "horizon-mutuelle"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(url=f"sqlite:///{tmp_path / 'cxkit.db'}")
    workspace.ensure_demo()
    return workspace


def workshop_of(ws: Workspace) -> str:
    return ws.load(ENGAGEMENT).engagement.workshops[0].id


def texts(widget: Any) -> list[str]:
    """Every Label/HTML value under ``widget``."""
    found = []
    if isinstance(widget, widgets.Label | widgets.HTML):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found += texts(child)
    return found


def buttons(widget: Any, description: str) -> list[widgets.Button]:
    found = []
    if isinstance(widget, widgets.Button) and widget.description == description:
        found.append(widget)
    for child in getattr(widget, "children", ()):
        found += buttons(child, description)
    return found


def form_for(ws: Workspace, **invite: Any) -> tuple[ParticipantForm, Any]:
    token = ws.invite(ENGAGEMENT, workshop_of(ws), **invite)[0].token
    assert token
    _, form = open_form(token, workspace=ws)
    assert form is not None
    return form, ws.participant(token)


def test_a_forged_token_gets_the_friendly_page_only(ws: Workspace) -> None:
    for token in (None, "", "x" * 30, "<script>alert(1)</script>" * 2):
        page = participant_page(token, workspace=ws)
        shown = " ".join(texts(page))
        assert "Demandez un nouveau lien" in shown
        assert not buttons(page, "Envoyer")


def test_a_proposal_is_stored_acknowledged_and_listed_as_text(ws: Workspace) -> None:
    form, session = form_for(ws)
    form.proposal.value = "<img src=x onerror=alert(1)>"
    form.anonymous.value = True
    buttons(form.widget, "Envoyer")[0].click()
    mine = session.mine()
    assert [(c.kind, c.text) for c in mine] == [("pillar-proposal", "<img src=x onerror=alert(1)>")]
    assert form.status.value == "Merci, c'est enregistré."
    items = [w for w in form.mine_box.children if isinstance(w, widgets.Label)]
    assert any("<img src=x onerror=alert(1)>" in w.value for w in items)
    assert not any(isinstance(w, widgets.HTML) for w in form.mine_box.children)


def test_dots_beyond_the_budget_are_refused_even_from_a_forged_click(ws: Workspace) -> None:
    form, session = form_for(ws, dots=3)
    _ident, box = form._vote_inputs[0]
    box.value = 3
    form.vote_button.click()
    assert session.dots_left() == 0
    assert form.vote_button.disabled
    box.max = 100  # the page can set any trait it likes
    box.value = 50
    form.vote_button.click()  # a disabled button "clicked" anyway
    assert session.dots_left() == 0
    assert sum(int(c.value or 0) for c in session.mine() if c.kind == "vote") == 3


def test_an_activity_the_invitation_did_not_open_writes_nothing(ws: Workspace) -> None:
    form, session = form_for(ws, activities=("vote",))
    assert not hasattr(form, "proposal")  # no widget to forge
    assert not form._still_open("propose")
    assert form.status.value == "Cette activité n'est pas ouverte pour votre invitation."
    assert session.mine() == []


def test_the_live_screen_follows_submissions_and_adopts_a_proposal(ws: Workspace) -> None:
    screen = LiveScreen(ws, ENGAGEMENT, forms_url="http://127.0.0.1:9/", interval=0.1)
    links = screen.create_invitations()
    assert len(links) == 1 and links[0].startswith("http://127.0.0.1:9/?token=")
    assert "<svg" in screen.links.value
    token = links[0].split("token=")[1]
    session = ws.participant(token)
    session.submit("pillar-proposal", text="On me répond du premier coup")
    session.submit("pillar-proposal", text="<b>gras</b>")
    screen.refresh()
    shown = [
        w.value
        for row in screen.proposals.children
        for w in row.children
        if isinstance(w, widgets.Label)
    ]
    assert "On me répond du premier coup" in shown and "<b>gras</b>" in shown
    assert "<b>gras</b>" not in screen.words.value
    before = ws.load(ENGAGEMENT).revision.number
    ident, box = next((i, b) for i, b in screen._proposal_boxes if i)
    box.value = True
    buttons(screen.widget, "Adopter comme piliers")[0].click()
    stored = ws.load(ENGAGEMENT)
    assert stored.revision.number == before + 1
    adopted = next(c for c in ws.contributions(ENGAGEMENT) if c.id == ident)
    assert any(p.name == adopted.text for p in stored.engagement.strategy.pillars)


def test_the_refresh_thread_updates_without_being_asked(ws: Workspace) -> None:
    import time

    screen = LiveScreen(ws, ENGAGEMENT, forms_url="http://127.0.0.1:9/", interval=0.1)
    token = screen.create_invitations()[0].split("token=")[1]
    screen.start()
    try:
        ws.participant(token).submit("pillar-proposal", text="Toujours joignables")
        for _ in range(100):
            if "Toujours" in screen.words.value.lower() or "toujours" in screen.words.value:
                break
            time.sleep(0.05)
        assert "toujours" in screen.words.value
    finally:
        screen.stop()


def test_timer_and_qr() -> None:
    now = [100.0]
    timer = Timer(clock=lambda: now[0])
    timer.start(2)
    now[0] += 30
    assert format_clock(timer.remaining()) == "01:30"
    now[0] += 200
    assert timer.remaining() == 0
    assert qr_svg("http://x/?token=a&b=<c>").startswith("<svg")


def test_the_denied_page_follows_the_language() -> None:
    assert "Ask the workshop's facilitator" in " ".join(texts(denied_page("en")))
