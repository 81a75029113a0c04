"""The agenda editor of the workshops notebook: its rules alone, then the form on the demo."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pytest

from cxkit.agenda_words import step_line, total_text
from cxkit.store import Workspace
from cxkit.store.agenda import MAX_STEPS, AgendaStep
from cxkit.typography import NBSP
from cxkit.ui.agenda import AgendaForm
from cxkit.ui.agenda_draft import AgendaDraft, seconds_of
from cxkit.ui.session import EditSession

DEMO = "horizon-mutuelle"


def said(widget: widgets.HTML) -> str:
    """What a person reads of an HTML widget."""
    return html.unescape(re.sub(r"<[^>]*>", "", widget.value))


def test_a_new_step_goes_after_the_selected_one_and_stays_selected() -> None:
    draft = AgendaDraft()
    assert draft.add("pillar-proposal", "  Ce que diront nos clients ", 10) == 0
    assert draft.add("comment") == 1
    draft.selected = 0
    assert draft.add("vote", "Gommettes", 5) == 1
    assert [s.activity for s in draft.steps] == ["pillar-proposal", "vote", "comment"]
    assert draft.steps[0].title == "Ce que diront nos clients" and draft.steps[2].title is None
    assert [s.seconds for s in draft.steps] == [600, 300, None]
    draft.move(-1)
    assert draft.selected == 0 and draft.steps[0].activity == "vote"
    draft.move(-1)  # already first: nothing moves
    assert draft.selected == 0 and draft.steps[0].activity == "vote"
    draft.selected = 2
    draft.move(1)
    assert draft.selected == 2 and draft.steps[2].activity == "comment"
    draft.remove()
    assert draft.selected == 1 and len(draft.steps) == 2  # the last one is selected
    draft.selected = 0
    draft.remove()
    assert draft.selected == 0 and draft.steps[0].activity == "pillar-proposal"
    draft.remove()
    assert draft.selected is None and draft.steps == []
    draft.remove()
    draft.move(1)  # nothing to do, nothing broken
    assert draft.as_data() == []


def test_changing_a_steps_activity_drops_the_other_activitys_options() -> None:
    draft = AgendaDraft.of([AgendaStep("vote", "Tour 1", 60, {"round": 1})])
    draft.edit(title="Tour 2", minutes=0)
    assert draft.steps[0] == AgendaStep("vote", "Tour 2", None, {"round": 1})
    draft.edit(activity="comment")
    assert draft.steps[0].options == {}


@pytest.mark.parametrize(
    ("minutes", "seconds"),
    [(0, None), (None, None), (-3, None), (True, None), (1, 60), (480, 28_800), (900, 28_800)],
)
def test_minutes_typed_become_a_timer_within_the_stores_bounds(
    minutes: object, seconds: int | None
) -> None:
    assert seconds_of(minutes) == seconds


def test_an_agenda_holds_at_most_thirty_steps() -> None:
    draft = AgendaDraft()
    for _ in range(MAX_STEPS):
        draft.add("comment")
    assert draft.full and draft.add("vote") is None and len(draft.steps) == MAX_STEPS


def test_each_step_reads_in_the_engagements_language() -> None:
    step = AgendaStep("vote", "Vos gommettes", 90)
    assert step_line(1, step, "fr") == f"2. Vos gommettes — Gommettes · 1{NBSP}min 30{NBSP}s"
    assert step_line(0, AgendaStep("pillar-proposal"), "en").startswith("1. ")
    assert "—" not in step_line(0, AgendaStep("comment"), "fr")  # no title: the activity's name
    steps = [step, AgendaStep("comment", seconds=600), AgendaStep("rating")]
    assert total_text(steps, "fr") == f"3 étapes, 11{NBSP}min 30{NBSP}s au total"
    assert total_text([AgendaStep("rating")], "en") == "1 step"
    assert total_text([], "fr") == "aucune étape"


@pytest.fixture
def form(session: EditSession) -> AgendaForm:
    return AgendaForm(session)


def _add(form: AgendaForm, activity: str, title: str = "", minutes: int = 0) -> None:
    form.activity.value = activity
    form.step_title.value = title
    form.minutes.value = minutes
    form.add_button.click()


def test_the_editor_saves_each_change_for_the_chosen_workshop(
    form: AgendaForm, workspace: Workspace
) -> None:
    workshop = form.workshop.value
    assert workshop == "atelier-1"
    assert "Pas encore d'étape" in said(form.total)
    assert form.remove_button.disabled
    _add(form, "pillar-proposal", "Ce que diront nos clients", 10)
    form.hidden.value = True
    _add(form, "vote", "Vos gommettes", 5)
    form.hidden.value = False
    _add(form, "comment")
    stored = workspace.agenda(DEMO, workshop)
    assert [(s.activity, s.title, s.seconds) for s in stored.steps] == [
        ("pillar-proposal", "Ce que diront nos clients", 600),
        ("vote", "Vos gommettes", 300),
        ("comment", None, None),
    ]
    assert not stored.steps[1].results_shown and stored.steps[0].results_shown
    assert said(form.message) == f"Agenda enregistré{NBSP}: 3 étapes, 15{NBSP}min au total."
    assert form.step_title.value == "" and form.activity.value == "comment", "the new step"
    assert [label for label, _ in form.steps.options][1].startswith("2. Vos gommettes")

    # Options set by an activity's own part are kept through a reorder.
    steps = [s.as_dict() for s in stored.steps]
    steps[1]["options"] = {"candidates": ["fiable"]}
    workspace.set_agenda(DEMO, workshop, steps)
    form.load()
    form.steps.value = 1
    form.up_button.click()
    stored = workspace.agenda(DEMO, workshop)
    assert [s.activity for s in stored.steps] == ["vote", "pillar-proposal", "comment"]
    assert stored.steps[0].options == {"candidates": ["fiable"]}
    assert form.steps.value == 0
    # A step chosen shows in the fields; "Modifier" changes it, its options kept.
    form.steps.value = 1
    assert (form.activity.value, form.minutes.value) == ("pillar-proposal", 10)
    assert not form.hidden.value
    form.steps.value = 0
    assert (form.activity.value, form.step_title.value, form.minutes.value) == (
        "vote",
        "Vos gommettes",
        5,
    )
    assert form.hidden.value, "its results are hidden until revealed"
    form.minutes.value = 7
    form.hidden.value = False
    form.update_button.click()
    changed = workspace.agenda(DEMO, workshop).steps[0]
    assert (changed.activity, changed.title, changed.seconds) == ("vote", "Vos gommettes", 420)
    assert changed.results_shown and changed.options == {"candidates": ["fiable"]}

    form.down_button.click()
    form.down_button.click()
    assert [s.activity for s in workspace.agenda(DEMO, workshop).steps] == [
        "pillar-proposal",
        "comment",
        "vote",
    ]
    form.remove_button.click()
    assert [s.activity for s in workspace.agenda(DEMO, workshop).steps] == [
        "pillar-proposal",
        "comment",
    ]

    # Another workshop has its own agenda; coming back shows this one again.
    form.workshop.value = "atelier-2"
    assert form.steps.options == () and "Pas encore d'étape" in said(form.total)
    _add(form, "rating", "Benchmark", 8)
    assert len(workspace.agenda(DEMO, "atelier-2").steps) == 1
    form.workshop.value = "atelier-1"
    assert len(form.steps.options) == 2


def test_a_refused_step_is_said_and_the_agenda_is_left_as_it_was(
    form: AgendaForm, workspace: Workspace
) -> None:
    _add(form, "vote", "Gommettes", 5)
    before = workspace.agenda(DEMO, "atelier-1")
    _add(form, "comment", "x" * 200)
    assert "120 caractères au plus" in said(form.message)
    assert workspace.agenda(DEMO, "atelier-1") == before
    assert len(form.steps.options) == 1, "the editor shows what the store holds"
    assert form.step_title.value == "x" * 200, "what was typed stays in the field"
