"""The ranking without a browser: the phone's section, the projected body, the facilitator's choice.

Widgets build without a kernel and ``Button.click()`` runs the callbacks a
tap would, on a real SQLite workspace; the projected screen is plain HTML.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as widgets

from cxkit.apps.live_ranking import ranking_body
from cxkit.apps.participant import ParticipantForm, open_form
from cxkit.store import Workspace
from cxkit.store.ranking import RankedCandidate, RankingResults
from tests.apps.test_forms_logic import shown, texts

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"
PILLARS = ["Fiable", "Proche", "Clair", "Engagé"]


def ranking_form(ws: Workspace) -> tuple[ParticipantForm, Any]:
    token = ws.invite(ENGAGEMENT, WORKSHOP, activities=("ranking", "vote"))[0].token
    assert token
    _, form = open_form(token, workspace=ws)
    assert form is not None
    form.show("ranking")
    return form, ws.participant(token)


def rows(form: ParticipantForm) -> list[tuple[str, str, bool, bool]]:
    """Each row as read: its position, the name, ↑ enabled, ↓ enabled."""
    found = []
    for line in form.ranks.rows.children:
        place, name, arrows = line.children
        up, down = arrows.children
        found.append(
            (
                re.sub(r"<[^>]*>", "", place.value),
                re.sub(r"<[^>]*>", "", name.value),
                not up.disabled,
                not down.disabled,
            )
        )
    return found


def tap(form: ParticipantForm, position: int, arrow: str) -> None:
    arrows = form.ranks.rows.children[position].children[2]
    button = arrows.children[0 if arrow == "↑" else 1]
    assert button.description == arrow
    button.click()


def test_the_phone_shows_names_moves_with_arrows_and_acknowledges_once_stored(
    ws: Workspace,
) -> None:
    form, session = ranking_form(ws)
    assert [(p, n) for p, n, _, _ in rows(form)] == [
        (str(i), name) for i, name in enumerate(PILLARS, 1)
    ]
    assert rows(form)[0][2:] == (False, True) and rows(form)[-1][2:] == (True, False)
    page = " ".join(texts(form.widget, markup=True))
    assert "fiable" not in page.replace("Fiable", "")  # a phone never shows an id
    tap(form, 3, "↑")  # Engagé up to 3
    tap(form, 2, "↑")  # and up to 2
    tap(form, 0, "↓")  # Fiable down to 2, Engagé first
    tap(form, 0, "↑")  # a forged tap on a disabled arrow moves nothing
    assert [n for _, n, _, _ in rows(form)] == ["Engagé", "Fiable", "Proche", "Clair"]
    assert session.mine() == []
    form.ranking_button.click()
    assert form.status.value.count("Votre classement est enregistré") == 1
    (sent,) = session.mine()
    assert sent.payload == {"order": ["engage", "fiable", "proche", "clair"]}
    mine = " ".join(texts(form.mine))
    assert "Classement · 1.\u00a0Engagé · 2.\u00a0Fiable · 3.\u00a0Proche · 4.\u00a0Clair" in mine
    assert "dernier classement envoyé" in " ".join(texts(form.widget))


def test_a_list_changed_by_the_facilitator_is_shown_again_before_anything_is_sent(
    ws: Workspace,
) -> None:
    form, session = ranking_form(ws)
    tap(form, 1, "↑")  # Proche first
    ws.set_ranking_candidates(ENGAGEMENT, WORKSHOP, "leads")
    form.ranking_button.click()
    assert "La liste à classer a changé" in form.status.value
    assert "enregistré" not in form.status.value and session.mine() == []
    names = [n for _, n, _, _ in rows(form)]
    assert names[0].startswith("Rappel garanti") and len(names) == 6
    form.ranking_button.click()
    assert "Votre classement est enregistré" in form.status.value
    assert len(session.mine()) == 1


def test_a_paused_ranking_says_so_and_writes_nothing(ws: Workspace) -> None:
    form, session = ranking_form(ws)
    ws.set_activity(ENGAGEMENT, WORKSHOP, "ranking", status="paused")
    form.ranking_button.click()
    assert "enregistré" not in form.status.value and "pause" in form.status.value
    assert session.mine() == []


def test_a_reopened_phone_starts_from_the_order_last_sent(ws: Workspace) -> None:
    token = ws.invite(ENGAGEMENT, WORKSHOP, activities=("ranking",))[0].token or ""
    ws.participant(token).submit(
        "ranking", payload={"order": ["clair", "engage", "proche", "fiable"]}
    )
    _, form = open_form(token, workspace=ws)
    assert isinstance(form, ParticipantForm) and form.current == "ranking"
    assert [n for _, n, _, _ in rows(form)] == ["Clair", "Engagé", "Proche", "Fiable"]


def results(hidden: bool = False) -> RankingResults:
    rows = [
        RankedCandidate("proche", "Proche", 10, 1.67, 3),
        RankedCandidate("fiable", "Fiable <b>", 9, 2.0, 3),
        RankedCandidate("engage", "Engagé", 0, None, 0),
    ]
    return RankingResults(WORKSHOP, "pillars", 3, [] if hidden else rows, hidden)


def test_the_projected_ranking_is_bars_best_first_with_the_count_and_the_method() -> None:
    body = ranking_body(results(), "fr")
    labels = re.findall(r'class="cxkit-bar-label">([^<]*)<', body)
    assert labels == ["Proche", "Fiable &lt;b&gt;", "Engagé"]
    widths = [float(w) for w in re.findall(r"width:([\d.]+)%", body)]
    assert widths == [100.0, 90.0, 0.0]
    assert "10\u00a0points" in body and "0\u00a0point" in body
    assert "3 classements reçus" in body and "Méthode de Borda" in body
    assert "proche" not in body.replace("Proche", "")  # names, never ids
    assert "3 rankings received" in ranking_body(results(), "en")


def test_hidden_results_show_only_how_many_rankings_came_in() -> None:
    body = ranking_body(results(hidden=True), "fr")
    assert "cxkit-bar-row" not in body and "Proche" not in body
    assert "3 classements reçus" in body and "afficheront bientôt" in body
    empty = RankingResults(WORKSHOP, "default", 0, [], False)
    assert "Rien à classer" in ranking_body(empty, "fr")


def test_the_facilitator_chooses_the_candidates_in_the_folded_activity_panel(
    ws: Workspace,
) -> None:
    from cxkit.apps.live import LiveScreen

    live = LiveScreen(ws, ENGAGEMENT, interval=3600)
    panel = live.activity.ranking
    assert isinstance(panel.choice, widgets.Dropdown)
    assert [label for label, _ in panel.choice.options][2] == "Pistes d'actions"
    panel.choice.value = "leads"
    panel.apply.click()
    options = ws.live_state(ENGAGEMENT, WORKSHOP).activity("ranking").options
    assert dict(options) == {"candidates": "leads"}
    assert "Pistes d'actions (6 choix)" in shown(live.c.status)
    assert "En cours\u00a0: Pistes d'actions" in shown(panel.current)
    assert LiveScreen(ws, ENGAGEMENT, interval=3600).activity.ranking.choice.value == "leads"
