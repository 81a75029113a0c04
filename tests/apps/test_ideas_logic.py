"""Private writing, then reveal, as the phone, the projector and the controls page render it.

Real widgets on a real SQLite workspace (``Button.click()`` runs what a tap
runs): before the reveal, a phone shows its own ideas and a count, the
projector a count, never a text; after it, both show every idea moderation
let through, and nothing else. The browser test (test_ideas_browser.py)
shows the same in a real page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from cxkit.apps.live import LiveScreen
from cxkit.apps.live_ideas import MAX_CARDS, idea_body
from cxkit.apps.live_local import LocalState
from cxkit.apps.live_screen import ProjectionScreen
from cxkit.store import Workspace
from tests.apps.test_forms_logic import ENGAGEMENT, buttons, form_for, shown, texts, workshop_of

FORMS = "http://127.0.0.1:9/"
MINE = "Un conseiller qui rappelle dans l'heure"
THEIRS = "Des remboursements en 48 heures"
PENDING = "Une idée que l'animateur n'a pas encore vue"
HIDDEN = "Une idée retirée par l'animateur"


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def everything(form: Any) -> str:
    return " ".join(texts(form.widget))


@pytest.fixture
def local(tmp_path: Path) -> LocalState:
    return LocalState("test", tmp_path / "private" / "live.json")


def write(form: Any, text: str) -> None:
    form.idea_text.value = text
    buttons(form.widget, "Envoyer l'idée")[0].click()


def test_a_phone_shows_its_own_ideas_and_a_count_until_the_reveal_then_the_rooms(
    ws: Workspace, local: LocalState
) -> None:
    workshop = workshop_of(ws)
    me, _ = form_for(ws, activities=("idea", "vote"))
    them, their_session = form_for(ws, activities=("idea", "vote"))
    assert me.current == "idea"  # the first section of an idea round
    assert "Quelles idées proposez-vous" in shown(me.idea_prompt)  # the default prompt
    write(me, MINE)
    assert shown(me.status) == "Merci, votre idée est enregistrée."
    write(them, THEIRS)
    ws.set_moderation(ENGAGEMENT, workshop, "approve")
    write(them, PENDING)
    assert "l'animateur la validera" in shown(them.status)
    hidden = their_session.submit("idea", text=HIDDEN)
    ws.hide(ENGAGEMENT, [hidden.id], "alice")
    me.refresh_ideas()
    mine = everything(me)
    assert MINE in mine and THEIRS not in mine and PENDING not in mine
    assert "3 idées écrites par 2 personnes." in shown(me.idea_count)
    assert "s'afficheront ici quand l'animateur les révélera" in mine
    screen = ProjectionScreen(ws, ENGAGEMENT, local, FORMS, "fr")
    local.project(ENGAGEMENT, workshop, "idea")
    before = plain(screen.html())
    assert "3" in before and "idées écrites" in before and "par 2 personnes" in before
    assert not any(text in before for text in (MINE, THEIRS, PENDING, HIDDEN))

    # The facilitator reveals: what moderation let through, on the phones and the screen.
    ws.set_activity(ENGAGEMENT, workshop, "idea", results_shown=True)
    me.refresh_ideas()
    rooms = [shown(w) for w in me.idea_room.children]
    assert rooms[0] == "Les idées de la salle" and rooms[1:3] == [MINE, THEIRS]
    assert not any(text in everything(me) for text in (PENDING, HIDDEN))
    after = plain(screen.html())
    assert MINE in after and THEIRS in after
    assert PENDING not in after and HIDDEN not in after
    ws.approve(ENGAGEMENT, [c.id for c in their_session.mine() if c.text == PENDING], "alice")
    me.refresh_ideas()
    assert PENDING in everything(me) and PENDING in plain(screen.html())
    assert HIDDEN not in everything(me) and HIDDEN not in plain(screen.html())
    # Dots: the vote section lists the revealed ideas by their text.
    assert me.show("vote")
    candidates = [row.name for row in me.dots._rows.values()]
    assert candidates == [MINE, THEIRS, PENDING]  # the ideas alone, by their text
    assert "Donner vos gommettes aux idées" in shown(me.vote_heading)


def test_the_projector_counts_then_shows_groups_escaped_and_capped(ws: Workspace) -> None:
    workshop = workshop_of(ws)
    people = [ws.participant(i.token or "") for i in ws.invite(ENGAGEMENT, workshop, count=3)]
    ideas = [people[n % 3].submit("idea", text=f"Idée <b>{n}</b>") for n in range(MAX_CARDS + 4)]
    board = ws.idea_board(ENGAGEMENT, workshop)
    body = idea_body(board, "fr")
    assert "16" in plain(body) and "par 3 personnes" in plain(body) and "Idée" not in plain(body)
    ws.set_activity(ENGAGEMENT, workshop, "idea", results_shown=True)
    ws.group_ideas(ENGAGEMENT, ideas[5].id, [ideas[0].id, ideas[1].id], "alice")
    body = idea_body(ws.idea_board(ENGAGEMENT, workshop), "fr")
    assert "<b>" not in body and "Idée &lt;b&gt;5&lt;/b&gt;" in body
    cards = re.findall(r'<div class="cxkit-idea-card"><p>(.*?)</p>', body)
    assert len(cards) == MAX_CARDS and html.unescape(cards[0]) == "Idée <b>5</b>"  # largest first
    assert "×3" in body and "et 2 autres" in plain(body)  # 14 groups: 12 cards, 2 counted


def test_the_controls_page_sets_the_prompt_reveals_and_groups(
    ws: Workspace, local: LocalState
) -> None:
    workshop = workshop_of(ws)
    people = [ws.participant(i.token or "") for i in ws.invite(ENGAGEMENT, workshop, count=2)]
    first = people[0].submit("idea", text=MINE)
    same = people[1].submit("idea", text="Être rappelé dans l'heure")
    people[1].submit("idea", text=THEIRS)
    page = LiveScreen(ws, ENGAGEMENT, forms_url=FORMS, interval=0.1, local=local)
    panel = page.ideas
    assert "Révélez les idées pour les voir ici" in " ".join(texts(panel.items))
    assert MINE not in " ".join(texts(panel.widget))  # no text before the reveal, here neither
    panel.prompt.value = "x" * 300
    buttons(panel.widget, "Appliquer la consigne")[0].click()
    assert "Consigne trop longue" in shown(page.status)
    panel.prompt.value = "Que faudrait-il changer en premier ?"
    buttons(panel.widget, "Appliquer la consigne")[0].click()
    assert people[0].ideas().prompt == "Que faudrait-il changer en premier ?"
    buttons(panel.widget, "Révéler les idées")[0].click()
    assert ws.live_state(ENGAGEMENT, workshop).activity("idea").results_shown
    boxes = dict(panel._boxes)
    boxes[same.id].value = True
    panel.head.value = first.id
    buttons(panel.widget, "Regrouper")[0].click()
    assert shown(page.status) == "1 idée regroupée."
    groups = ws.idea_board(ENGAGEMENT, workshop).groups
    assert (groups[0].head.id, groups[0].size) == (first.id, 2)
    members = [shown(w.children[1]) for w in panel.items.children]
    assert members[:2] == [MINE, "↳ Être rappelé dans l'heure"]
    dict(panel._boxes)[same.id].value = True
    buttons(panel.widget, "Sortir du groupe")[0].click()
    assert all(g.size == 1 for g in ws.idea_board(ENGAGEMENT, workshop).groups)
    page.stop()
