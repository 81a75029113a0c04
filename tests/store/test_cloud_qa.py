"""The word cloud and the Q&A with upvotes, in the store, on SQLite and PostgreSQL.

Budgets and one-per-participant rules are checked in the appending
transaction: a refusal writes nothing, two tabs of one phone cannot
overspend, a forged target is refused like a hidden one, and moderation and
hide/reveal decide what reaches the projector.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from cxkit.errors import AccessDenied, NotFound
from cxkit.model import Engagement
from cxkit.store import InvalidContribution, ParticipantSession, Workspace
from cxkit.store.schema import contributions
from cxkit.store.word_cloud import word_key, word_prompt

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "atelier-1"
OTHER = "atelier-2"


@pytest.fixture
def demo_ws(ws: Workspace, demo: Engagement) -> Workspace:
    ws.create(demo, "alice")
    return ws


def _people(
    ws: Workspace, n: int, workshop: str = WORKSHOP, **kw: object
) -> list[ParticipantSession]:
    invitations = ws.invite(ENGAGEMENT, workshop, count=n, **kw)  # type: ignore[arg-type]
    return [ws.participant(i.token or "") for i in invitations]


def _stored(ws: Workspace, kind: str) -> int:
    with ws.db.read() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(contributions).where(contributions.c.kind == kind)
            ).scalar_one()
        )


# --- the word cloud ----------------------------------------------------------------------


def test_words_read_the_same_whatever_the_case_accents_spaces_and_punctuation() -> None:
    assert word_key("Lent") == word_key(" lent ") == word_key("LENT !") == "lent"
    assert word_key("Réactif") == word_key("reactif")
    assert word_key("pas  assez   à l’écoute") == "pas assez a l'ecoute"
    assert word_key("?!") == ""
    assert word_prompt({"prompt": "  Un mot\n pour  nous "}) == "Un mot pour nous"
    assert word_prompt({"prompt": 42}) is None and word_prompt({}) is None
    assert word_prompt({"prompt": "x" * 500}) == "x" * 200


def test_three_words_per_participant_each_once_and_short(demo_ws: Workspace) -> None:
    (s,) = _people(demo_ws, 1)
    assert s.submit("word", text="  Lent  ").text == "Lent"
    with pytest.raises(InvalidContribution, match="déjà envoyé «\u00a0lent!\u00a0»"):
        s.submit("word", text="lent!")  # the same word, another spelling
    s.submit("word", text="pas  assez réactifs")
    with pytest.raises(InvalidContribution, match="3 mots au plus"):
        s.submit("word", text="vraiment pas assez réactifs")
    with pytest.raises(InvalidContribution, match="40"):
        s.submit("word", text="x" * 41)
    with pytest.raises(InvalidContribution, match="vide"):
        s.submit("word", text=" ... ")
    s.submit("word", text="Cher")
    with pytest.raises(InvalidContribution, match="vos 3 mots"):
        s.submit("word", text="Compliqué")
    assert _stored(demo_ws, "word") == 3  # refusals wrote nothing
    (other,) = _people(demo_ws, 1, workshop=OTHER)
    other.submit("word", text="Compliqué")  # the budget is per workshop's invitation


def test_two_tabs_of_one_phone_cannot_send_a_fourth_word(demo_ws: Workspace) -> None:
    (inv,) = demo_ws.invite(ENGAGEMENT, WORKSHOP)
    tabs = [demo_ws.participant(inv.token or "") for _ in range(6)]
    outcomes: list[str] = []
    start = threading.Barrier(len(tabs))

    def send(n: int) -> None:
        start.wait()
        try:
            tabs[n].submit("word", text=f"mot{n}")
            outcomes.append("stored")
        except InvalidContribution as exc:
            outcomes.append(exc.key)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(tabs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["error.word.budget"] * 3 + ["stored"] * 3
    assert _stored(demo_ws, "word") == 3


def test_the_cloud_counts_people_once_per_word_and_shows_the_common_spelling(
    demo_ws: Workspace,
) -> None:
    a, b, c, d = _people(demo_ws, 4)
    a.submit("word", text="lent")
    b.submit("word", text="Lent")
    c.submit("word", text="Lent ")
    d.submit("word", text="LENT")
    for s in (a, b):
        s.submit("word", text="Cher")
    a.submit("word", text="Humain")
    cloud = demo_ws.word_cloud(ENGAGEMENT, WORKSHOP)
    assert [(w.text, w.people) for w in cloud] == [("Lent", 4), ("Cher", 2), ("Humain", 1)]
    assert demo_ws.aggregates(ENGAGEMENT, WORKSHOP).cloud == cloud
    # A word of the cloud never reaches the frequent words of the comments' screen.
    assert demo_ws.aggregates(ENGAGEMENT, WORKSHOP).words == []


def test_approve_first_hides_pending_words_and_hide_results_hides_the_cloud(
    demo_ws: Workspace,
) -> None:
    demo_ws.set_moderation(ENGAGEMENT, WORKSHOP, "approve")
    a, b = _people(demo_ws, 2)
    first = a.submit("word", text="Fiable")
    assert first.moderation == "pending"
    b.submit("word", text="Fiable")
    assert demo_ws.word_cloud(ENGAGEMENT, WORKSHOP) == []
    assert [r.id for r in demo_ws.moderation_queue(ENGAGEMENT, WORKSHOP)] == [
        first.id,
        b.mine()[0].id,
    ]
    demo_ws.approve(ENGAGEMENT, [first.id], "alice")
    assert [(w.text, w.people) for w in demo_ws.word_cloud(ENGAGEMENT, WORKSHOP)] == [("Fiable", 1)]
    demo_ws.hide(ENGAGEMENT, [first.id], "alice")
    assert demo_ws.word_cloud(ENGAGEMENT, WORKSHOP) == []
    demo_ws.approve(ENGAGEMENT, [first.id], "alice")
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "word", results_shown=False)
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert "word" in agg.hidden and agg.cloud == [] and agg.counts["word"] == 1
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "word", results_shown=True)
    assert [w.text for w in demo_ws.aggregates(ENGAGEMENT, WORKSHOP).cloud] == ["Fiable"]


def test_a_paused_or_locked_word_cloud_refuses_words(demo_ws: Workspace) -> None:
    (s,) = _people(demo_ws, 1)
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "word", status="paused")
    with pytest.raises(InvalidContribution, match="en pause"):
        s.submit("word", text="Lent")
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "word", status="locked")
    with pytest.raises(InvalidContribution, match="close"):
        s.submit("word", text="Lent")
    assert _stored(demo_ws, "word") == 0
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "word", status="open")
    s.submit("word", text="Lent")
    assert _stored(demo_ws, "word") == 1


# --- questions and upvotes -----------------------------------------------------------------


def test_one_upvote_per_participant_per_question_and_never_ones_own(demo_ws: Workspace) -> None:
    asker, fan, other = _people(demo_ws, 3)
    q = asker.submit("question", text="  Quand aurons-nous les résultats ?  ", target="x")
    assert (q.text, q.target) == ("Quand aurons-nous les résultats ?", None)
    vote = fan.submit("upvote", target=q.id)
    assert vote.value == 1
    with pytest.raises(InvalidContribution, match="déjà soutenu"):
        fan.submit("upvote", target=q.id)
    with pytest.raises(InvalidContribution, match="votre question"):
        asker.submit("upvote", target=q.id)
    with pytest.raises(InvalidContribution, match="vaut un"):
        other.submit("upvote", target=q.id, value=5)
    other.submit("upvote", target=q.id)
    assert _stored(demo_ws, "upvote") == 2
    (board,) = demo_ws.questions(ENGAGEMENT, WORKSHOP)
    assert (board.id, board.upvotes, board.answered) == (q.id, 2, False)
    mine = {b.id: (b.mine, b.upvoted) for b in asker.questions()}
    assert mine == {q.id: (True, False)}
    assert [(b.mine, b.upvoted) for b in fan.questions()] == [(False, True)]


def test_upvotes_on_forged_pending_hidden_or_foreign_questions_are_refused(
    demo_ws: Workspace,
) -> None:
    asker, fan = _people(demo_ws, 2)
    (elsewhere,) = _people(demo_ws, 1, workshop=OTHER)
    comment = asker.submit("comment", text="Un commentaire, pas une question")
    foreign = elsewhere.submit("question", text="Une question d'un autre atelier ?")
    demo_ws.set_moderation(ENGAGEMENT, WORKSHOP, "approve")
    pending = asker.submit("question", text="En attente ?")
    hidden = asker.submit("question", text="Masquée ?")
    demo_ws.hide(ENGAGEMENT, [hidden.id], "alice")
    for target in ("c-9999", comment.id, foreign.id, pending.id, hidden.id, "x", "c-1 or 1=1"):
        with pytest.raises(InvalidContribution, match="pas \\(ou plus\\) proposée"):
            fan.submit("upvote", target=target)
    with pytest.raises(InvalidContribution):
        fan.submit("upvote")
    assert _stored(demo_ws, "upvote") == 0
    assert demo_ws.questions(ENGAGEMENT, WORKSHOP) == []  # pending and hidden are not listed
    demo_ws.approve(ENGAGEMENT, [pending.id], "alice")
    fan.submit("upvote", target=pending.id)
    assert [(q.id, q.upvotes) for q in fan.questions()] == [(pending.id, 1)]


def test_questions_open_upvoting_with_them_and_their_state_applies(demo_ws: Workspace) -> None:
    (asker,) = _people(demo_ws, 1, activities=("question",))
    (fan,) = _people(demo_ws, 1, activities=("question",))
    (outsider,) = _people(demo_ws, 1, activities=("comment",))
    q = asker.submit("question", text="Qui pilote le projet ?")
    fan.submit("upvote", target=q.id)  # opened by "question", no activity of its own
    with pytest.raises(AccessDenied):
        outsider.submit("upvote", target=q.id)
    with pytest.raises(AccessDenied):
        outsider.submit("question", text="Et moi ?")
    (late,) = _people(demo_ws, 1)
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "question", status="paused")
    with pytest.raises(InvalidContribution, match="en pause"):
        late.submit("upvote", target=q.id)
    with pytest.raises(InvalidContribution, match="en pause"):
        late.submit("question", text="Pendant la pause ?")
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "question", status="open", results_shown=False)
    with pytest.raises(InvalidContribution, match="pas affichées"):
        late.submit("upvote", target=q.id)
    agg = demo_ws.aggregates(ENGAGEMENT, WORKSHOP)
    assert "question" in agg.hidden and agg.questions == []
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "question", results_shown=True)
    demo_ws.set_activity(ENGAGEMENT, WORKSHOP, "upvote", status="locked")  # upvotes alone
    with pytest.raises(InvalidContribution, match="close"):
        late.submit("upvote", target=q.id)
    late.submit("question", text="Les questions restent ouvertes ?")
    assert _stored(demo_ws, "upvote") == 1


def test_the_board_sorts_by_upvotes_and_answered_questions_go_last(demo_ws: Workspace) -> None:
    a, b, c, d = _people(demo_ws, 4)
    first = a.submit("question", text="Première ?")
    second = a.submit("question", text="Deuxième ?")
    third = b.submit("question", text="Troisième ?")
    for s in (b, c, d):
        s.submit("upvote", target=second.id)
    for s in (c, d):
        s.submit("upvote", target=third.id)
    order = [(q.text, q.upvotes) for q in demo_ws.questions(ENGAGEMENT, WORKSHOP)]
    assert order == [("Deuxième ?", 3), ("Troisième ?", 2), ("Première ?", 0)]
    demo_ws.mark_answered(ENGAGEMENT, second.id, "alice")
    board = demo_ws.questions(ENGAGEMENT, WORKSHOP)
    assert [(q.text, q.answered) for q in board][-1] == ("Deuxième ?", True)
    assert demo_ws.aggregates(ENGAGEMENT, WORKSHOP).questions == board
    with pytest.raises(InvalidContribution, match="déjà répondu"):
        a.submit("upvote", target=second.id)
    demo_ws.mark_answered(ENGAGEMENT, second.id, "alice", answered=False)
    assert demo_ws.questions(ENGAGEMENT, WORKSHOP)[0].text == "Deuxième ?"
    comment = a.submit("comment", text="Pas une question")
    for wrong in (comment.id, "c-9999"):
        with pytest.raises(NotFound):
            demo_ws.mark_answered(ENGAGEMENT, wrong, "alice")
    assert first.id in {q.id for q in demo_ws.questions(ENGAGEMENT, WORKSHOP)}
