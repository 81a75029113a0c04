"""A workshop's agenda in the store: prepared, checked, run step by step, on both backends."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from cxkit.errors import NotFound, StoreError
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store.agenda import MAX_STEPS

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"

STEPS: list[dict[str, Any]] = [
    {"activity": "pillar-proposal", "title": "Ce que nos clients diront", "seconds": 300},
    {
        "activity": "vote",
        "title": "  Vos gommettes\u0007 ",
        "seconds": None,
        "options": {"candidates": ["fiable", "proche"], "note": "é"},
        "results": "hidden",
    },
    {"activity": "comment", "seconds": 120.0},
]


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def test_an_agenda_is_stored_as_given_once_checked(demo_ws: Workspace, db_url: str) -> None:
    stored = demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, STEPS)
    with Workspace.open(url=db_url) as other:
        read = other.agenda(ENGAGEMENT, WORKSHOP)
    assert read == stored
    assert [s.activity for s in read.steps] == ["pillar-proposal", "vote", "comment"]
    assert read.steps[1].title == "Vos gommettes"  # cleaned: control character, spaces
    assert read.steps[1].options == {"candidates": ["fiable", "proche"], "note": "é"}
    assert not read.steps[1].results_shown and read.steps[0].results_shown
    assert [s.seconds for s in read.steps] == [300, None, 120]
    assert read.steps[2].title is None and read.steps[2].options == {}
    assert read.current is None and read.step is None
    assert read.following == read.steps[0]
    assert demo_ws.agenda(ENGAGEMENT, "atelier-2").steps == ()  # none prepared: empty
    # Replaced as a whole; the steps as plain data come back in the same shape.
    again = demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, [s.as_dict() for s in reversed(read.steps)])
    assert again.steps == tuple(reversed(read.steps))
    assert demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, []).steps == ()


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"activity": "dance"}, "Étape 2\u00a0: activité «\u00a0dance\u00a0» inconnue"),
        ({"title": "sans activité"}, "Étape 2\u00a0: activité"),
        ("vote", "Étape 2\u00a0: ce n'est pas une étape"),
        ({"activity": "vote", "seconds": 0}, "Étape 2\u00a0: la durée"),
        ({"activity": "vote", "seconds": -60}, "Étape 2\u00a0: la durée"),
        ({"activity": "vote", "seconds": 8 * 3600 + 1}, "au plus 8 heures"),
        ({"activity": "vote", "seconds": 90.5}, "nombre entier de secondes"),
        ({"activity": "vote", "seconds": True}, "la durée"),
        ({"activity": "vote", "seconds": "300"}, "la durée"),
        ({"activity": "vote", "seconds": float("nan")}, "la durée"),
        ({"activity": "vote", "title": "x" * 121}, "120 caractères au plus"),
        ({"activity": "vote", "title": 12}, "le titre"),
        ({"activity": "vote", "options": ["a"]}, "réglages de l'activité"),
        ({"activity": "vote", "options": {"x": {1, 2}}}, "réglages de l'activité"),
        ({"activity": "vote", "options": {"x": float("inf")}}, "réglages de l'activité"),
        ({"activity": "vote", "options": {"x": "y" * 20_001}}, "réglages de l'activité"),
        ({"activity": "vote", "results": "maybe"}, "affichés ou masqués"),
    ],
)
def test_a_bad_step_is_refused_naming_it_and_nothing_is_replaced(
    demo_ws: Workspace, step: Any, message: str
) -> None:
    before = demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, STEPS)
    with pytest.raises(StoreError) as info:
        demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, [STEPS[0], step, STEPS[2]])
    assert message in info.value.message("fr")
    assert info.value.message("en").startswith("Step 2:")
    assert demo_ws.agenda(ENGAGEMENT, WORKSHOP) == before


def test_at_most_thirty_steps_and_only_a_known_workshop(demo_ws: Workspace) -> None:
    thirty = [{"activity": "comment", "title": f"Tour {n}"} for n in range(MAX_STEPS)]
    assert len(demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, thirty).steps) == MAX_STEPS
    with pytest.raises(StoreError, match="au plus 30 étapes"):
        demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, [*thirty, {"activity": "vote"}])
    with pytest.raises(NotFound):
        demo_ws.set_agenda(ENGAGEMENT, "atelier-9", STEPS)
    with pytest.raises(StoreError, match="pas d'agenda"):
        demo_ws.move_agenda(ENGAGEMENT, "atelier-2", 0, seen=None)


def test_moving_opens_the_step_and_pauses_the_one_left(demo_ws: Workspace) -> None:
    (inv,) = demo_ws.invite(ENGAGEMENT, WORKSHOP)
    phone = demo_ws.participant(inv.token or "")
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "vote", status="locked")
    demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, STEPS)
    assert phone.agenda_step() is None  # prepared, not running

    started = demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=None)
    assert started.current == 0 and started.step == started.steps[0]
    state = demo_ws.live_state(ENGAGEMENT, WORKSHOP)
    assert state.step == 0
    proposal = state.activity("pillar-proposal")
    assert proposal.status == "open" and proposal.results_shown
    assert 295 < (proposal.seconds_left() or 0) <= 300
    assert phone.agenda_step() == (0, "pillar-proposal")
    phone.submit("pillar-proposal", text="Ils tiennent parole")

    moved = demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 1, seen=0)
    assert moved.current == 1 and moved.following == moved.steps[2]
    state = demo_ws.live_state(ENGAGEMENT, WORKSHOP)
    left = state.activity("pillar-proposal")
    assert left.status == "paused" and left.timer_ends_at is None  # paused, its timer stopped
    vote = state.activity("vote")
    assert vote.status == "open", "the step opens its activity, even one locked before"
    assert not vote.results_shown  # as the step says
    assert vote.timer_ends_at is None  # no duration: no timer
    assert vote.options == {"candidates": ["fiable", "proche"], "note": "é"}
    assert phone.agenda_step() == (1, "vote")
    with pytest.raises(InvalidContribution, match="en pause"):
        phone.submit("pillar-proposal", text="Trop tard")

    back = demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=1)  # "previous"
    assert back.current == 0
    state = demo_ws.live_state(ENGAGEMENT, WORKSHOP)
    assert state.activity("vote").status == "paused"
    assert state.activity("pillar-proposal").accepting
    assert state.activity("pillar-proposal").options == {}

    stopped = demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, None, seen=0)  # the agenda ends
    assert stopped.current is None and phone.agenda_step() is None
    assert demo_ws.live_state(ENGAGEMENT, WORKSHOP).activity("pillar-proposal").status == "paused"
    with pytest.raises(StoreError, match="pas d'étape 4"):
        demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 3, seen=None)


def test_two_steps_of_one_activity_keep_it_open_with_the_new_options(demo_ws: Workspace) -> None:
    demo_ws.set_agenda(
        ENGAGEMENT,
        WORKSHOP,
        [
            {"activity": "vote", "options": {"round": 1}, "seconds": 60},
            {"activity": "vote", "options": {"round": 2}},
        ],
    )
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=None)
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 1, seen=0)
    vote = demo_ws.live_state(ENGAGEMENT, WORKSHOP).activity("vote")
    assert vote.status == "open" and vote.options == {"round": 2} and vote.timer_ends_at is None


def test_a_move_from_a_step_the_room_left_changes_nothing(demo_ws: Workspace) -> None:
    demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, STEPS)
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=None)
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 1, seen=0)
    before = demo_ws.live_state(ENGAGEMENT, WORKSHOP)
    with pytest.raises(StoreError) as info:
        demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 1, seen=0)  # a tab that still shows step 1
    assert info.value.key == "error.agenda.moved"
    assert "la salle est à l'étape 2" in info.value.message("fr")
    with pytest.raises(StoreError, match="déjà changé d'étape"):
        demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=None)  # "start" from a stale tab
    assert demo_ws.live_state(ENGAGEMENT, WORKSHOP) == before
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, None, seen=1)
    with pytest.raises(StoreError, match="déjà arrêté"):
        demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 2, seen=1)


def test_replacing_the_agenda_of_a_running_room(demo_ws: Workspace) -> None:
    demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, STEPS)
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 2, seen=None)
    kept = demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, [*STEPS, {"activity": "rating"}])
    assert kept.current == 2, "later steps edited: the room stays where it is"
    shorter = demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, STEPS[:2])
    assert shorter.current is None, "its step gone: the agenda stops"
    assert demo_ws.live_state(ENGAGEMENT, WORKSHOP).step is None
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=None)


ROUNDS = 5


def _press_next(tab: Workspace, seen: int, gate: threading.Barrier, outcomes: list[object]) -> None:
    """A facilitator's tab that shows step ``seen`` and presses "next"."""
    gate.wait()
    try:
        outcomes.append(tab.move_agenda(ENGAGEMENT, WORKSHOP, seen + 1, seen=seen))
    except StoreError as exc:
        outcomes.append(exc.key)


def test_two_facilitator_tabs_pressing_next_at_once_skip_no_step(
    demo_ws: Workspace, db_url: str
) -> None:
    """Each round, two tabs (two connections) see the same step and press "next" together."""
    steps = [{"activity": "comment", "title": f"Tour {n}"} for n in range(ROUNDS + 1)]
    demo_ws.set_agenda(ENGAGEMENT, WORKSHOP, steps)
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=None)
    tabs = [Workspace.open(url=db_url) for _ in range(2)]
    try:
        for round_ in range(ROUNDS):
            gate = threading.Barrier(2)
            outcomes: list[object] = []
            threads = [
                threading.Thread(target=_press_next, args=(tab, round_, gate, outcomes))
                for tab in tabs
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            moved = [o for o in outcomes if not isinstance(o, str)]
            assert len(moved) == 1, outcomes
            assert [o for o in outcomes if isinstance(o, str)] == ["error.agenda.moved"]
            assert demo_ws.agenda(ENGAGEMENT, WORKSHOP).current == round_ + 1
    finally:
        for tab in tabs:
            tab.close()


def test_private_writing_stays_private_when_the_agenda_opens_it(demo_ws: Workspace) -> None:
    """An idea step says nothing of its results: hidden until the facilitator reveals."""
    agenda = demo_ws.set_agenda(
        ENGAGEMENT, WORKSHOP, [{"activity": "idea"}, {"activity": "idea", "results": "shown"}]
    )
    assert [s.results_shown for s in agenda.steps] == [False, True]
    demo_ws.move_agenda(ENGAGEMENT, WORKSHOP, 0, seen=None)
    assert not demo_ws.live_state(ENGAGEMENT, WORKSHOP).activity("idea").results_shown
