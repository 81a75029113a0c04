"""The phone made for thumbs, without a browser: dots, counters, names, plain words, French.

The form's widgets and callbacks run here on a real SQLite workspace
(``Button.click()`` runs what a tap runs); the browser tests
(``test_phone_browser.py``) show the same controls in a real page.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as widgets
import pytest

from cxkit.apps.live import LiveScreen
from cxkit.apps.participant import ParticipantForm
from cxkit.apps.phone import DotSteppers, counter_text, t_count, unique_candidates
from cxkit.i18n import catalog
from cxkit.store import Workspace
from tests.apps.test_forms_logic import (
    ENGAGEMENT,
    _walk,
    buttons,
    form_for,
    shown,
    texts,
    workshop_of,
)


def plus_minus(form: Any, row: int) -> tuple[widgets.Button, widgets.Button]:
    shown_row = form.dots.row(row)
    assert (shown_row.minus.description, shown_row.plus.description) == ("−", "+")
    return shown_row.plus, shown_row.minus


def mine_lines(form: Any) -> list[str]:
    """The lines of "what I sent", as read."""
    return [shown(widgets.HTML(p)) for p in re.findall(r"<p[^>]*>.*?</p>", form.mine.value)]


def test_dots_are_given_with_plus_and_minus_and_the_budget_is_always_in_view(
    ws: Workspace,
) -> None:
    form, session = form_for(ws, dots=3, activities=("vote",))
    assert "Il vous reste 3 gommettes à donner sur 3" in shown(form.dots.budget)
    assert form.vote_button.disabled  # nothing given yet
    plus, minus = plus_minus(form, 0)
    assert minus.disabled
    assert plus.tooltip.startswith("Ajouter une gommette à «\u00a0")  # its accessible name
    plus.click()
    assert "Il vous reste 2 gommettes" in shown(form.dots.budget)
    assert "1 gommette" in shown(form.dots._shown[form.dots.allocation()[0][0]])
    assert not form.vote_button.disabled and not minus.disabled
    minus.click()
    minus.click()  # below zero: nothing happens
    assert form.dots.allocation() == []
    other, _ = plus_minus(form, 1)
    for _ in range(5):
        other.click()  # past the budget: refused by the kernel, the button is disabled
    assert other.disabled and form.dots.given() == 3
    assert "Vous avez réparti toutes vos gommettes." in shown(form.dots.budget)
    form.vote_button.click()
    assert shown(form.status) == "Merci, vos 3 gommettes sont enregistrées."
    assert session.dots_left() == 0
    assert sum(int(c.value or 0) for c in session.mine() if c.kind == "vote") == 3


def test_a_vote_spent_elsewhere_meanwhile_is_refused_in_plain_words(ws: Workspace) -> None:
    form, session = form_for(ws, dots=2, activities=("vote",))
    plus, _ = plus_minus(form, 0)
    plus.click()
    plus.click()
    session.submit("vote", target=form.dots.allocation()[0][0], value=1)  # another tab
    form.vote_button.click()
    assert shown(form.status) == "Il ne vous reste qu'une gommette\u00a0: retirez-en quelques-unes."
    assert form.dots.given() == 1  # trimmed to what is left
    assert sum(int(c.value or 0) for c in session.mine() if c.kind == "vote") == 1


def test_candidates_are_listed_once_and_my_votes_are_named_never_by_id(ws: Workspace) -> None:
    author, _ = form_for(ws, activities=("pillar-proposal",))
    for text in ("Ils me rappellent", "ils me  RAPPELLENT", "Ils me rappellent"):
        author.proposal.value = text
        buttons(author.widget, "Envoyer")[0].click()
    voter, session = form_for(ws, activities=("vote",))
    names = [shown(w) for w in _walk(voter.dots.rows) if "cxkit-candidate" in w._dom_classes]
    same = [n for n in names if n.casefold().split() == ["ils", "me", "rappellent"]]
    assert same == ["Ils me rappellent"]
    plus, _ = plus_minus(voter, names.index("Ils me rappellent"))
    plus.click()
    voter.vote_button.click()
    (line,) = mine_lines(voter)
    assert line == "Gommettes · Ils me rappellent · 1 gommette"
    # The proposal is decided (no longer a candidate): a fresh page still names the vote.
    (target,) = [c.target for c in session.mine()]
    ws.decide(target, "rejected", "animateur")
    assert target not in dict(session.candidates())
    fresh = type(voter)(session, lang="fr", workshop_title="W")
    (named,) = mine_lines(fresh)
    assert named == "Gommettes · Ils me rappellent · 1 gommette"
    assert "c-0" not in " ".join(texts(fresh.widget))


def test_a_limited_text_shows_its_count_and_is_refused_past_the_limit(ws: Workspace) -> None:
    form, session = form_for(ws, activities=("pillar-proposal", "answer"))
    (count,) = [w for w in _walk(form.widget) if "cxkit-counter" in w._dom_classes]
    assert shown(count) == "0 caractère sur 120"
    assert "cxkit-limit-120" in form.proposal._dom_classes  # what the page's script counts
    assert form.proposal.rows >= 4 and form.proposal.layout.width == "100%"
    form.proposal.value = "x" * 121
    buttons(form.widget, "Envoyer")[0].click()
    assert shown(form.status) == (
        "Votre texte est trop long\u00a0: 121 caractères pour 120 au plus. "
        "Raccourcissez-le avant d'envoyer."
    )
    assert session.mine() == []
    assert form.proposal.value == "x" * 121  # kept, to be shortened
    form.show("answer")
    counts = [w for w in _walk(form.widget) if "cxkit-counter" in w._dom_classes]
    assert counts and all(shown(c) == "0 caractère sur 4\u202f000" for c in counts)
    assert all("cxkit-quiet" in c._dom_classes for c in counts)  # shown near the limit only
    questions = [shown(w) for w in _walk(form._sections["answer"]) if isinstance(w, widgets.HTML)]
    assert not any(re.search(r" [?:;!]", q) for q in questions)  # the guide's French, spaced


def test_the_send_clears_the_last_acknowledgement_before_the_store_answers(
    ws: Workspace,
) -> None:
    form, _ = form_for(ws, activities=("comment",))
    said: list[str] = []
    form.status.observe(lambda change: said.append(shown(form.status)), names="value")
    for text in ("Premier", "Second"):
        form.comment.value = text
        buttons(form.widget, "Envoyer")[0].click()
    # Each send blanks the line first: the same thank-you twice is two changes the page sees.
    assert said == ["Merci, c'est enregistré.", "", "Merci, c'est enregistré."]


def test_anonymous_means_something_or_is_not_offered(ws: Workspace) -> None:
    room = ws.open_room(ENGAGEMENT, workshop_of(ws))
    assert room.token
    joiner = ws.join_room(room.token)
    assert joiner.token
    from cxkit.apps.participant import open_form

    _, form = open_form(joiner.token, workspace=ws)
    assert form is not None
    assert form.anonymous is None  # no team: nothing to leave out, no box
    assert "Votre nom n'est ni demandé ni affiché" in shown(form.widget.children[2])
    team_form, session = form_for(ws, team="marketing", activities=("comment",))
    assert team_form.anonymous is not None and team_form.anonymous.layout.display != "none"
    assert team_form.anonymous.description == (
        "Ne pas indiquer mon équipe (marketing) avec mes contributions"
    )
    team_form.anonymous.value = True
    team_form.comment.value = "Sans mon équipe"
    buttons(team_form.widget, "Envoyer")[0].click()
    (record,) = [c for c in ws.contributions(ENGAGEMENT) if c.text == "Sans mon équipe"]
    assert record.team is None and session.mine()[0].team == "marketing"


def test_the_rating_names_the_company_rated_with_a_big_button_per_score(
    ws: Workspace,
) -> None:
    form, session = form_for(ws, activities=("rating",))
    card = form._sections["rate"]
    words = " ".join(texts(card))
    assert "Noter Horizon Mutuelle" in words and "Horizon Mutuelle aujourd'hui\u202f?" in words
    assert "Rapidité de remboursement" in words
    criterion, choice = form._ratings[0]
    assert [label for label, _ in choice.options] == ["1", "2", "3", "4", "5"]
    assert choice.value is None  # nothing chosen for them
    choice.value = 4
    buttons(card, "Envoyer")[0].click()
    assert shown(form.status) == "Merci, votre contribution est enregistrée."
    assert [(c.target, c.value) for c in session.mine()] == [(criterion, 4)]
    assert choice.value is None


def test_a_live_room_leaves_the_questionnaire_out_unless_asked(ws: Workspace) -> None:
    room = ws.open_room(ENGAGEMENT, workshop_of(ws))
    assert "answer" not in room.activities
    assert set(room.activities) == {"pillar-proposal", "vote", "rating", "comment"}
    screen = LiveScreen(ws, ENGAGEMENT, forms_url="http://127.0.0.1:9/", interval=0.1)
    assert "answer" not in screen.activities.value
    assert "answer" in ws.open_room(ENGAGEMENT, workshop_of(ws), activities=("answer",)).activities


def test_plurals_numbers_and_candidates_by_rule() -> None:
    assert t_count("phone.counter", 0, "fr", count=0, limit=120) == "0 caractère sur 120"
    assert t_count("phone.counter", 0, "en", count=0, limit=120) == "0 characters of 120"
    assert t_count("phone.counter", 1, "en", count=1, limit=120) == "1 character of 120"
    assert t_count("phone.counter", 4000, "fr", count=4000, limit=5000) == (
        "4\u202f000 caractères sur 5\u202f000"
    )
    assert t_count("phone.counter", 4000, "en", count=4000, limit=5000) == (
        "4,000 characters of 5,000"
    )
    assert counter_text(1, 120, "en") == "1 character of 120"
    assert counter_text(130, 120, "fr") == "Trop long\u00a0: 130 caractères pour 120 au plus"
    assert unique_candidates([("p-1", "Simple"), ("c-2", " simple "), ("c-3", "Rapide")]) == [
        ("p-1", "Simple"),
        ("c-3", "Rapide"),
    ]
    steppers = DotSteppers("en")
    steppers.fill([("a", "One"), ("b", "one")], "none")
    steppers.set_budget(1, 5)
    assert len(steppers.rows.children) == 4  # one row: its name, −, its count, +
    assert steppers.row(0).name == "One"
    assert "1 dot left to give, of 5" in steppers.budget.value


def models(widget: widgets.Widget) -> set[str]:
    """The ids of every widget model a browser receives to draw ``widget``: its own, its layout's,
    its style's, and its children's."""
    found = {widget.model_id}
    for name in ("layout", "style"):
        part = getattr(widget, name, None)
        if isinstance(part, widgets.Widget):
            found.add(part.model_id)
    for child in getattr(widget, "children", ()):
        found |= models(child)
    return found


def test_a_room_of_candidates_costs_a_phone_a_few_widgets_each_and_no_rebuild() -> None:
    """Each phone receives every widget model of its page, and a room's vote lists every proposal.

    Four models a candidate (its name, −, count, +: styles shared, no box per row); a new
    proposal adds its row and leaves the others as they are; a candidate gone closes its own.
    """
    steppers = DotSteppers("fr")
    steppers.set_budget(5, 5)
    room = [(f"c-{n}", f"Proposition {n}") for n in range(40)]
    steppers.fill(room, "aucune")
    assert len(models(steppers.rows)) <= 4 * 40 + 8  # + the list's box and the shared parts
    first = steppers.row(0)
    first.plus.click()
    steppers.fill([*room, ("c-40", "Une de plus")], "aucune")
    assert steppers.row(0) is first and len(models(steppers.rows)) <= 4 * 41 + 8
    assert steppers.allocation() == [("c-0", 1)]  # a dot given stays given
    steppers.fill(room[1:], "aucune")  # c-0 decided: its row is gone, here and in the browser
    assert first.plus.comm is None and first.label.comm is None
    assert steppers.allocation() == [] and "Il vous reste 5 gommettes" in steppers.budget.value


FRENCH_SPACING = re.compile(r"( [:;!?»])|(« )|([^\u00a0\u202f ][;!?»])|(«[^\u00a0\u202f])")


@pytest.mark.parametrize(
    "prefix", ["phone.", "apps.form.", "apps.room.", "apps.denied.", "apps.unavailable."]
)
def test_the_phone_speaks_french_with_its_no_break_spaces(prefix: str) -> None:
    """A lone "?" or "»" never wraps onto its own line: the spaces before them do not break."""
    fr, en = catalog("fr"), catalog("en")
    keys = [k for k in fr if k.startswith(prefix)]
    assert keys
    for key in keys:
        text = re.sub(r"\{[^}]*\}", "x", fr[key])
        assert not FRENCH_SPACING.search(text), (key, fr[key])
        assert re.search(r"[^\u00a0] :", text) is None, (key, fr[key])
        assert "(s)" not in fr[key] and "(s)" not in en[key], key


def test_an_english_phone_speaks_english_only(ws: Workspace) -> None:
    token = ws.invite(ENGAGEMENT, workshop_of(ws), dots=2)[0].token
    assert token
    session = ws.participant(token)
    form = ParticipantForm(
        session, lang="en", workshop_title="W", criteria=["Speed"], rated="Horizon Mutuelle"
    )
    for section in ("propose", "vote", "rate", "answer", "comment"):
        form.show(section)
    plus, _ = plus_minus(form, 0)
    plus.click()
    form.vote_button.click()
    form._ratings[0][1].value = 3
    form.show("rate")
    buttons(form.widget, "Send")[0].click()
    words = " ".join(texts(form.widget))
    assert "Rate Horizon Mutuelle" in words and "How do customers see Horizon Mutuelle" in words
    assert "Score · Speed: 3 of 5" in words and "Dots · Fiable · 1 dot" in words
    french = ("gommette", "Envoyer", "caractère", "Noter", "Merci", "\u202f", "\u00a0")
    assert not [w for w in french if w in words]


def test_the_page_script_reads_its_sentences_escaped_in_the_page_language() -> None:
    from cxkit.apps.phone import script_strings

    block = script_strings("fr")
    assert block.layout.display == "none"
    for name in ("offline", "back", "back-plain", "sending", "counter-one", "counter-over"):
        assert f'data-{name}="' in block.value
    assert 'data-offline="Connexion perdue\u00a0:' in block.value
    assert "d&#x27;elle-même" in block.value  # escaped: an apostrophe cannot end the attribute
    assert 'data-sending="Sending…"' in script_strings("en").value
