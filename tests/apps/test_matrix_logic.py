"""The 2×2 matrix's phone section, projection and facilitator panel, driven without a browser.

On a real SQLite workspace: ``Button.click()`` runs the callbacks a tap would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from cxkit.apps.live import LiveScreen
from cxkit.apps.live_local import LocalState
from cxkit.apps.live_matrix import matrix_body
from cxkit.apps.live_screen import ProjectionScreen
from cxkit.apps.participant import open_form
from cxkit.store import Workspace
from tests.apps.test_forms_logic import ENGAGEMENT, shown, texts, workshop_of

FORMS = "http://127.0.0.1:9/"


def with_class(widget: Any, css: str) -> list[Any]:
    found = [widget] if css in getattr(widget, "_dom_classes", ()) else []
    for child in getattr(widget, "children", ()):
        found += with_class(child, css)
    return found


def tap(row: Any, axis: str, times: int) -> None:
    plus = [
        b for b in with_class(row, "cxkit-place-plus") if f"cxkit-place-{axis}" in b._dom_classes
    ]
    for _ in range(times):
        plus[0].click()


def phone(ws: Workspace) -> Any:
    (inv,) = ws.invite(ENGAGEMENT, workshop_of(ws), activities=["placement"])
    page, form = open_form(inv.token, workspace=ws)
    assert form is not None and form.current == "placement"
    form.token = inv.token  # the test's own note, to open the page again
    return page, form


def test_a_phone_places_two_leads_by_title_and_is_thanked_once_stored(ws: Workspace) -> None:
    page, form = phone(ws)
    rows = with_class(page, "cxkit-place-row")
    assert len(rows) == 6
    read = " ".join(texts(page))
    assert "Rappel garanti sous 2 h" in read and "act-rappel" not in read
    tap(rows[0], "impact", 3)
    tap(rows[0], "ease", 2)
    tap(rows[3], "impact", 4)
    tap(rows[3], "ease", 5)  # one past the scale: stays at 4
    assert "Projets majeurs" in " ".join(texts(rows[0]))
    (send,) = with_class(page, "cxkit-place-send")
    send.click()
    assert shown(form.status) == "Merci, vos 2 placements sont enregistrés."
    found = {p.lead.id: p.points for p in ws.placements(ENGAGEMENT, workshop_of(ws)).leads}
    assert found["act-rappel"] == ((3, 2),) and found["act-suivi"] == ((4, 4),)
    mine = " ".join(texts(form.mine))
    assert "Suivi du remboursement" in mine and "Gains rapides" in mine and "act-" not in mine
    again, _ = open_form(form.token, workspace=ws)  # the page opened again, or reloaded
    values = [shown(v) for v in with_class(again, "cxkit-given")]
    assert values[:4] == [
        "Impact●●●○ 3 sur 4",
        "Facilité●●○○ 2 sur 4",
        "Impact○○○○ à placer",
        "Facilité○○○○ à placer",
    ]
    assert values[6:8] == ["Impact●●●● 4 sur 4", "Facilité●●●● 4 sur 4"]


def test_a_lead_placed_on_one_axis_only_is_not_sent(ws: Workspace) -> None:
    page, form = phone(ws)
    rows = with_class(page, "cxkit-place-row")
    tap(rows[1], "impact", 2)
    with_class(page, "cxkit-place-send")[0].click()
    assert "sur les deux axes" in shown(form.status)
    assert ws.placements(ENGAGEMENT, workshop_of(ws)).count == 0


def test_the_projection_hides_the_points_until_revealed(ws: Workspace, tmp_path: Path) -> None:
    workshop = workshop_of(ws)
    (inv,) = ws.invite(ENGAGEMENT, workshop, activities=["placement"])
    session = ws.participant(inv.token or "")
    session.submit("placement", target="act-vote", payload={"impact": 4, "ease": 4})
    ws.set_activity(ENGAGEMENT, workshop, "placement", results_shown=False)
    hidden = matrix_body(ws.placements(ENGAGEMENT, workshop), "fr")
    assert "1 placement" in hidden and "<circle" not in hidden and "Les membres" not in hidden
    ws.set_activity(ENGAGEMENT, workshop, "placement", results_shown=True)
    local = LocalState("test", tmp_path / "live.json")
    local.project(ENGAGEMENT, workshop, "placement")
    screen = ProjectionScreen(ws, ENGAGEMENT, local, FORMS, "en").html()
    assert "Quick wins" in screen and "Major projects" in screen and "Thankless tasks" in screen
    assert "cxkit-matrix-median" in screen and "Les membres votent" in screen
    assert "1 placement · 1 person" in screen


def test_apply_in_the_folded_panel_makes_one_new_revision(ws: Workspace, tmp_path: Path) -> None:
    workshop = workshop_of(ws)
    (inv,) = ws.invite(ENGAGEMENT, workshop, activities=["placement"])
    ws.participant(inv.token or "").submit(
        "placement", target="act-vote", payload={"impact": 4, "ease": 4}
    )
    local = LocalState("test", tmp_path / "live.json")
    live = LiveScreen(ws, ENGAGEMENT, forms_url=FORMS, local=local)
    panel = live.matrix_panel
    assert isinstance(panel.widget, widgets.Accordion) and panel.widget.selected_index is None
    panel.widget.selected_index = 0
    plan = " ".join(texts(panel.plan))
    assert "Les membres votent" in plan and "haute" in plan and "court terme" in plan
    (apply,) = with_class(panel.widget, "cxkit-matrix-apply")
    apply.click()
    assert "révision 2" in shown(live.status)
    action = ws.load(ENGAGEMENT).engagement.devices[3].actions[0]
    assert (action.id, action.priority, action.horizon) == ("act-vote", "high", "court terme")
    apply.click()
    assert "reste la dernière" in shown(live.status)
    assert ws.load(ENGAGEMENT).revision.number == 2


def test_the_panel_sets_the_round_on_the_ticked_leads(ws: Workspace, tmp_path: Path) -> None:
    live = LiveScreen(ws, ENGAGEMENT, forms_url=FORMS, local=LocalState("t", tmp_path / "l.json"))
    panel = live.matrix_panel
    panel.widget.selected_index = 0
    for ident, box in panel.boxes:
        box.value = ident in ("act-suivi", "act-vote")
    panel.set_leads()
    assert shown(live.status) == "La matrice place 2 pistes d'action."
    options = ws.live_state(ENGAGEMENT, workshop_of(ws)).activity("placement").options
    assert options == {"leads": ["act-suivi", "act-vote"]}
    for _, box in panel.boxes:
        box.value = False
    with_class(panel.widget, "cxkit-matrix-set")[0].click()  # a failure is said, not raised
    assert "au moins une piste" in shown(live.status)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_titles_are_escaped_on_the_projection(ws: Workspace, lang: str) -> None:
    stored = ws.load(ENGAGEMENT)
    engagement = stored.engagement.model_copy(deep=True)
    engagement.devices[0].actions[0].title = "<script>alert(1)</script> Rappel"
    ws.save(engagement, "alice", stored.revision.number)
    body = matrix_body(ws.placements(ENGAGEMENT, workshop_of(ws)), lang)
    assert "<script>" not in body and "&lt;script&gt;" in body
