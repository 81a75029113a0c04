"""The agenda run from the facilitator's controls, and a phone that follows it, without a browser.

Real widgets on a real SQLite workspace (``Button.click()`` runs what a
click runs); the browser test (test_agenda_browser.py) shows the same in
real pages.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from cxkit.apps import section_agenda
from cxkit.apps.live_agenda import agenda_html, next_line
from cxkit.apps.live_local import ROOM, LocalState
from cxkit.apps.live_screen import ProjectionScreen
from cxkit.store import Workspace
from tests.apps.test_forms_logic import ENGAGEMENT, form_for, shown, workshop_of
from tests.apps.test_live_logic import FORMS, controls

STEPS = [
    {"activity": "pillar-proposal", "title": "Ce que diront nos clients", "seconds": 300},
    {"activity": "comment", "title": "Vos réactions", "seconds": 120},
]


@pytest.fixture
def local(tmp_path: Path) -> LocalState:
    return LocalState("test", tmp_path / "private" / "live.json")


def test_next_runs_the_agenda_and_the_projection_follows(ws: Workspace, local: LocalState) -> None:
    workshop = workshop_of(ws)
    page = controls(ws, local)
    panel = page.agenda
    assert "Pas d'agenda pour cet atelier" in shown(panel.steps)
    assert panel.start_button.layout.display == "none"
    ws.set_agenda(ENGAGEMENT, workshop, STEPS)
    page.refresh()
    assert panel.start_button.layout.display is None
    assert panel.next_button.layout.display == "none"

    panel.start_button.click()
    assert ws.agenda(ENGAGEMENT, workshop).current == 0
    assert local.projected(ENGAGEMENT) == (workshop, "pillar-proposal")
    assert page.activity.kind == "pillar-proposal", "the activity controls act on the step's"
    assert "Étape 1\u00a0: Ce que diront nos clients" in shown(page.status)
    assert panel.steps.value.count('aria-current="step"') == 1
    assert "(en cours)" in shown(panel.steps)
    assert shown(panel.following) == "À suivre\u00a0: Vos réactions"
    assert panel.previous_button.disabled and not panel.next_button.disabled
    screen = ProjectionScreen(ws, ENGAGEMENT, local, FORMS, "fr")
    assert "1/2 · Ce que diront nos clients" in screen.widget.value
    assert re.search(r'cxkit-screen-timer">0(5:00|4:5\d)<', screen.widget.value), "its timer"

    panel.next_button.click()
    state = ws.live_state(ENGAGEMENT, workshop)
    assert state.step == 1 and state.activity("pillar-proposal").status == "paused"
    assert local.projected(ENGAGEMENT) == (workshop, "comment")
    assert shown(panel.following) == "C'est la dernière étape."
    assert panel.next_button.disabled and not panel.previous_button.disabled
    screen.refresh()
    assert "2/2 · Vos réactions" in screen.widget.value

    # The facilitator projects the room's QR code meanwhile: the screen says the room, no step.
    local.project(ENGAGEMENT, workshop, ROOM)
    screen.refresh()
    assert "2/2" not in screen.widget.value

    panel.previous_button.click()
    assert ws.agenda(ENGAGEMENT, workshop).current == 0
    panel.stop_button.click()
    assert ws.agenda(ENGAGEMENT, workshop).current is None
    assert ws.live_state(ENGAGEMENT, workshop).activity("pillar-proposal").status == "paused"
    assert panel.start_button.layout.display is None


def test_a_second_tab_that_still_shows_an_older_step_moves_nothing(
    ws: Workspace, local: LocalState
) -> None:
    workshop = workshop_of(ws)
    ws.set_agenda(ENGAGEMENT, workshop, [*STEPS, {"activity": "vote"}])
    first, second = controls(ws, local), controls(ws, local)
    first.agenda.start_button.click()
    second.refresh()
    first.agenda.next_button.click()  # the room is on step 2; the second tab still shows 1
    second.agenda.next_button.click()
    assert ws.agenda(ENGAGEMENT, workshop).current == 1, "no step skipped"
    assert "la salle est à l'étape 2" in shown(second.status)
    assert second.agenda.seen == 1, "the tab now shows where the room is"
    second.agenda.next_button.click()
    assert ws.agenda(ENGAGEMENT, workshop).current == 2


def test_the_steps_are_listed_with_their_activity_and_timer() -> None:
    from cxkit.store.agenda import Agenda, AgendaStep

    agenda = Agenda("atelier-1", (AgendaStep("vote", "<b>Tour</b>", 90), AgendaStep("comment")), 1)
    listed = agenda_html(agenda, "en")
    assert "&lt;b&gt;Tour&lt;/b&gt;" in listed and "<b>Tour" not in listed  # escaped
    assert "Dots" in listed  # the activity's name, beside the step's own title
    assert "1\u00a0min 30\u00a0s" in listed
    assert listed.count("cxkit-agenda-current") == 1
    assert next_line(agenda, "en") == "This is the last step."


def test_a_phone_opens_on_the_step_and_follows_the_room_keeping_what_was_typed(
    ws: Workspace,
) -> None:
    workshop = workshop_of(ws)
    ws.set_agenda(ENGAGEMENT, workshop, [STEPS[1], STEPS[0], {"activity": "rating"}])
    form, _ = form_for(ws)
    assert form.current == "propose", "no agenda running: the form's first activity"
    ws.move_agenda(ENGAGEMENT, workshop, 0, seen=None)
    form, session = form_for(ws, activities=("pillar-proposal", "comment", "vote"))
    assert form.current == "comment" and form.selector.value == "comment"
    form.show("propose")  # the participant chooses another activity and writes there
    form.proposal.value = "Ils me rappellent"
    form._followed_at -= 10
    assert not form.follow_step(), "the room did not move: the participant's choice stays"
    assert form.current == "propose"

    ws.move_agenda(ENGAGEMENT, workshop, 1, seen=0)  # the step is "propose": already there
    form._followed_at -= 10
    assert not form.follow_step() and form.current == "propose"
    ws.move_agenda(ENGAGEMENT, workshop, 0, seen=1)
    form.follow_step()  # asked again too soon: the store is not read, nothing moves
    assert form.current == "propose"
    form._followed_at -= 10
    assert form.follow_step()
    assert form.current == "comment" and form.selector.value == "comment"
    assert "Nouvelle étape de l'atelier" in shown(form.status)
    form.show("propose")
    assert form.proposal.value == "Ils me rappellent", "what was typed is still there"

    ws.move_agenda(ENGAGEMENT, workshop, 2, seen=0)  # "rating": not opened to this phone
    form._followed_at -= 10
    assert not form.follow_step() and form.current == "propose"
    assert session.agenda_step() == (2, "rating")


def test_the_room_link_opens_the_agendas_activities_or_the_panel_says_it_does_not(
    ws: Workspace, local: LocalState
) -> None:
    workshop = workshop_of(ws)
    page = controls(ws, local)
    page.activities.value = ("pillar-proposal", "vote")  # the settings' choice
    ws.open_room(ENGAGEMENT, workshop, activities=("pillar-proposal",))  # opened elsewhere
    ws.set_agenda(ENGAGEMENT, workshop, [*STEPS, {"activity": "answer"}])
    page.refresh(force=True)
    warning = shown(page.agenda.unopened)
    assert "n'ouvre pas les activités Commentaire, Réponse de l'agenda" in warning
    room = page.current_room()
    assert room is not None
    ws.close_room(room.id)
    page.open_room()
    reopened = page.current_room()
    assert reopened is not None
    assert reopened.activities == ("pillar-proposal", "vote", "comment", "answer")
    page.refresh(force=True)
    assert shown(page.agenda.unopened) == ""


def test_an_untouched_phone_follows_the_room_by_itself(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel looks where the room is every few seconds: no tap needed."""
    monkeypatch.setattr(section_agenda, "WATCH_EVERY_S", 0.2)
    workshop = workshop_of(ws)
    ws.set_agenda(ENGAGEMENT, workshop, [STEPS[1], STEPS[0]])
    ws.move_agenda(ENGAGEMENT, workshop, 0, seen=None)
    form, _ = form_for(ws, activities=("pillar-proposal", "comment"))
    assert form.current == "comment"
    ws.move_agenda(ENGAGEMENT, workshop, 1, seen=0)
    deadline = time.monotonic() + 10
    while form.current != "propose" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert form.current == "propose" and form.selector.value == "propose"
    assert "Nouvelle étape de l'atelier" in shown(form.status)
    form._follow_stop.set()
