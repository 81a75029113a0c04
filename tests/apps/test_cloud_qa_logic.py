"""The word cloud and the questions without a browser: the projector's HTML, the phone, the controls.

A real SQLite workspace and the real widgets (``Button.click()`` runs what a
tap runs). The browser test (test_cloud_qa_browser.py) shows the same in a
real page at phone and projector sizes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from cxkit.apps.live_cloud_qa import (
    BIG_CLOUD_AREA,
    MAX_QUESTIONS,
    SMALLEST_BIG,
    big_sizes,
    cloud_html,
    questions_body,
)
from cxkit.apps.live_local import LocalState
from cxkit.apps.live_projection import activity_body
from cxkit.store import Workspace
from cxkit.store.aggregates import Aggregates
from cxkit.store.questions import Question
from cxkit.store.word_cloud import CloudWord
from tests.apps.test_forms_logic import ENGAGEMENT, buttons, form_for, texts, workshop_of
from tests.apps.test_live_logic import FORMS, click, controls, plain, screen_of

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def local(tmp_path: Path) -> LocalState:
    return LocalState("test", tmp_path / "private" / "live.json")


def _agg(**fields: object) -> Aggregates:
    return dataclasses.replace(Aggregates(workshop="w", participants=3), **fields)  # type: ignore[arg-type]


def _question(n: int, upvotes: int, answered: bool = False, text: str = "") -> Question:
    return Question(f"c-{n:04d}", text or f"Question {n} ?", upvotes, answered, AT)


# --- the projector's HTML ------------------------------------------------------------------


def test_the_cloud_shows_the_prompt_and_sizes_words_by_people_escaped() -> None:
    agg = _agg(cloud=[CloudWord("Lent", 4), CloudWord("Cher", 2), CloudWord(XSS, 1)])
    body = activity_body("word", agg, 5, "fr")
    assert "Un mot pour dire comment nos clients nous voient aujourd'hui" in plain(body)
    assert XSS not in body and "&lt;img" in body
    assert 'font-size:15.0vh">Lent' in body  # the most given: the largest
    assert body.index(">Lent<") > body.index(">Cher<")  # ... in the middle, after the second
    custom = _agg(cloud=[], options={"word": {"prompt": f"Notre service en un mot {XSS}"}})
    shown = activity_body("word", custom, 5, "fr")
    assert "Notre service en un mot" in plain(shown) and XSS not in shown
    assert "Aucun mot pour le moment" in plain(shown)
    hidden = activity_body("word", _agg(cloud=agg.cloud, hidden=frozenset({"word"})), 5, "fr")
    assert "Lent" not in hidden and "s'afficheront bientôt" in plain(hidden)


def test_many_words_shrink_together_to_fit_and_stay_readable() -> None:
    words = [(f"réactif n°{n}", 30 - n) for n in range(40)]
    sizes = big_sizes(words[:30])
    area = sum(
        (0.62 * len(w) * s + 2.5) * 1.25 * s for (w, _), s in zip(words, sizes, strict=False)
    )
    # Shrunk just enough (the smallest words, kept readable, may add a little).
    assert BIG_CLOUD_AREA * 0.99 <= area <= BIG_CLOUD_AREA * 1.05
    assert sizes == sorted(sizes, reverse=True) and sizes[0] < 15  # still by frequency
    assert cloud_html(words, big=True).count("<span") == 30  # the top 30 only
    longest = big_sizes([("x" * 40, 30 - n) for n in range(30)])
    assert min(longest) == SMALLEST_BIG  # never smaller than what a room can read
    few = big_sizes([("Lent", 3), ("Cher", 1)])
    assert few[0] == 15.0 and few[1] > 7  # a small room's words stay large


def test_the_board_lists_by_upvotes_answered_last_and_counts_the_rest() -> None:
    board = [_question(n, 10 - n) for n in range(8)] + [_question(9, 12, answered=True)]
    body = questions_body(board, "fr")
    rows = re.findall(r'class="cxkit-question( cxkit-answered)?"', body)
    assert len(rows) == MAX_QUESTIONS and "et 3 autres" in plain(body)
    few = questions_body([_question(1, 1, text=XSS), _question(2, 0, answered=True)], "fr")
    assert XSS not in few and "1 soutien" in " ".join(plain(few).split())
    assert 'cxkit-question cxkit-answered"' in few and "Répondue ✓" in plain(few)
    assert few.index("Question 2") > few.index("&lt;img")
    assert "Aucune question pour le moment" in plain(questions_body([], "fr"))
    english = questions_body([_question(1, 0), _question(2, 2)], "en")
    assert "0 upvotes" in " ".join(plain(english).split())
    hidden = _agg(questions=board, hidden=frozenset({"question"}))
    assert "Question 1" not in activity_body("upvote", hidden, 5, "fr")


def test_the_projection_view_shows_the_room_s_words_and_questions(
    ws: Workspace, local: LocalState
) -> None:
    workshop = workshop_of(ws)
    people = ws.invite(ENGAGEMENT, workshop, count=3)
    a, b, c = (ws.participant(p.token or "") for p in people)
    for s in (a, b, c):
        s.submit("word", text="Réactifs")
    a.submit("word", text="Chers")
    q = a.submit("question", text="Quand aurons-nous la feuille de route ?")
    b.submit("upvote", target=q.id)
    ws.set_activity(ENGAGEMENT, workshop, "word", options={"prompt": "Nos clients en un mot"})
    local.project(ENGAGEMENT, workshop, "word")
    html = screen_of(ws, local).widget.value
    assert "Nos clients en un mot" in html and ">Réactifs<" in html and ">Chers<" in html
    local.project(ENGAGEMENT, workshop, "question")
    board = " ".join(plain(screen_of(ws, local).widget.value).split())
    assert "Quand aurons-nous la feuille de route ?" in board and "1 soutien" in board


# --- the phone -----------------------------------------------------------------------------


def test_the_phone_sends_three_words_and_says_why_not_a_fourth(ws: Workspace) -> None:
    form, _ = form_for(ws, activities=("word",))
    assert [o[1] for o in form.selector.options] == ["word"]
    page = " ".join(texts(form.widget))
    assert "comment nos clients nous voient aujourd'hui" in page
    assert "Il vous reste 3 mots à envoyer." in page
    for word in ("Lent", "Cher", "Distant"):
        form._word_area.value = word
        buttons(form.widget, "Envoyer mon mot")[0].click()
        assert "Merci, votre mot est envoyé." in form.status.value
    assert "Vous avez envoyé tous vos mots" in " ".join(texts(form.widget))
    ws.set_activity(ENGAGEMENT, workshop_of(ws), "word", options={"prompt": "Nous, en un mot"})
    form._word_area.value = "Humain"
    buttons(form.widget, "Envoyer mon mot")[0].click()
    assert "vos 3 mots" in " ".join(texts(form.status))
    assert "Nous, en un mot" in form._prompt.value  # the prompt as the facilitator changed it
    assert "Votre mot · Distant" in " ".join(texts(form.mine))


def test_the_phone_asks_lists_and_upvotes_once_never_its_own(ws: Workspace) -> None:
    asker, asking = form_for(ws, activities=("question",))
    fan, _ = form_for(ws, activities=("question",))
    asker._question_area.value = "Qui porte le projet ?"
    buttons(asker.widget, "Envoyer ma question")[0].click()
    assert "Merci, votre question est envoyée." in asker.status.value
    assert not buttons(asker.widget, "+1")  # one's own: no "+1"
    assert "Votre question" in " ".join(texts(asker._board))
    buttons(fan.widget, "Actualiser la liste")[0].click()
    (plus,) = buttons(fan.widget, "+1")
    plus.click()
    assert "Merci, votre +1 est enregistré." in fan.status.value
    assert "1 soutien" in " ".join(texts(fan._board))
    (again,) = buttons(fan.widget, "✓ +1")
    again.click()  # a second tap: the store refuses, the phone says why
    assert "déjà soutenu" in " ".join(texts(fan.status))
    assert sum(1 for c in ws.contributions(ENGAGEMENT) if c.kind == "upvote") == 1
    mine = " ".join(texts(fan.mine))
    assert "Votre +1 · Qui porte le projet ?" in mine and "c-0" not in mine
    ws.set_activity(ENGAGEMENT, workshop_of(ws), "question", results_shown=False)
    buttons(fan.widget, "Actualiser la liste")[0].click()
    assert "s'afficheront quand l'animateur" in " ".join(texts(fan._board))
    assert asking.questions()[0].mine


def test_approve_first_says_the_question_waits(ws: Workspace) -> None:
    ws.set_moderation(ENGAGEMENT, workshop_of(ws), "approve")
    form, _ = form_for(ws, activities=("question", "word"))
    form.show("question")
    form._question_area.value = "Une question à valider ?"
    buttons(form.widget, "Envoyer ma question")[0].click()
    assert "une fois validée par l'animateur" in " ".join(texts(form.status))
    assert "Aucune question pour le moment." in " ".join(texts(form._board))


# --- the facilitator's controls ------------------------------------------------------------


def test_the_controls_set_the_prompt_and_mark_a_question_answered(
    ws: Workspace, local: LocalState
) -> None:
    workshop = workshop_of(ws)
    a, b = (ws.participant(p.token or "") for p in ws.invite(ENGAGEMENT, workshop, count=2))
    first = a.submit("question", text="Première question ?")
    b.submit("question", text="Seconde question ?")
    b.submit("upvote", target=first.id)
    page = controls(ws, local)
    page.cloud_qa.prompt.value = "  Notre marque   en un mot "
    click(page, "Appliquer la question")
    options = ws.live_state(ENGAGEMENT, workshop).activity("word").options
    assert options == {"prompt": "Notre marque en un mot"}
    assert "enregistrée" in plain(page.status.value)
    rows = " ".join(texts(page.cloud_qa.rows))
    assert rows.index("Première question") < rows.index("Seconde question")
    click(page, "Marquer répondue")  # the first row: the most supported
    assert [q.answered for q in ws.questions(ENGAGEMENT, workshop)] == [False, True]
    assert ws.questions(ENGAGEMENT, workshop)[-1].id == first.id
    assert "Rouvrir" in {b.description for b in buttons(page.cloud_qa.rows, "Rouvrir")}
    click(page, "Rouvrir")
    assert not any(q.answered for q in ws.questions(ENGAGEMENT, workshop))
    page.stop()
    assert FORMS
