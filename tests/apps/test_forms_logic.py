"""The participant's form and the live screen, driven without a browser on a real SQLite workspace.

Widgets build without a kernel, and ``Button.click()`` runs the same
callbacks a browser's click would: these tests pin the rules (scope,
dots, escaping, no traceback) cheaply; the browser tests show they hold
in a real page.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
from traitlets import TraitError

from cxkit.apps.participant import (
    FORM_ACTIVITIES,
    ParticipantForm,
    denied_page,
    open_form,
    open_room_page,
    participant_page,
)
from cxkit.store import Workspace

ENGAGEMENT = "horizon-mutuelle"


def workshop_of(ws: Workspace) -> str:
    return ws.load(ENGAGEMENT).engagement.workshops[0].id


def shown(widget: Any) -> str:
    """What a person reads in a Label or HTML widget: tags dropped, entities decoded."""
    if isinstance(widget, widgets.HTML):
        return html.unescape(re.sub(r"<[^>]*>", "", widget.value))
    return str(widget.value)


def texts(widget: Any, *, markup: bool = False) -> list[str]:
    """Every Label/HTML text under ``widget`` as read (``markup``: HTML values as they are)."""
    found = []
    if isinstance(widget, widgets.Label | widgets.HTML):
        found.append(widget.value if markup else shown(widget))
    for child in getattr(widget, "children", ()):
        found += texts(child, markup=markup)
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
    form, session = form_for(ws, team="marketing")
    form.proposal.value = "<img src=x onerror=alert(1)>"
    assert form.anonymous is not None  # an invited team may be left out
    form.anonymous.value = True
    buttons(form.widget, "Envoyer")[0].click()
    mine = session.mine()
    assert [(c.kind, c.text) for c in mine] == [("pillar-proposal", "<img src=x onerror=alert(1)>")]
    assert shown(form.status) == "Merci, c'est enregistré."
    # What the participant typed is shown as its characters: escaped inside the paragraph.
    assert "<img src=x onerror=alert(1)>" in shown(form.mine)
    assert "<img" not in form.mine.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in form.mine.value


def test_every_text_of_the_form_wraps_and_what_others_typed_stays_escaped(
    ws: Workspace,
) -> None:
    author, _ = form_for(ws, activities=("pillar-proposal",))
    author.proposal.value = "<b onmouseover=alert(1)>Toujours là</b>"
    buttons(author.widget, "Envoyer")[0].click()
    voter, _ = form_for(ws, activities=("vote", "comment"))
    assert voter.current == "vote"  # the first open activity is shown
    voter.show("comment")
    voter.show("vote")
    blocks = [w for w in _walk(voter.widget) if isinstance(w, widgets.Label | widgets.HTML)]
    assert not any(isinstance(w, widgets.Label) for w in blocks)  # a Label does not wrap
    paragraphs = [w.value for w in blocks if w.value.startswith("<p ")]
    assert all("white-space:normal" in v for v in paragraphs)
    (row,) = [v for v in paragraphs if "Toujours" in v]  # another's proposal, to vote on
    assert "<b" not in row and "&lt;b onmouseover=alert(1)&gt;Toujours là&lt;/b&gt;" in row


def _walk(widget: Any) -> list[Any]:
    return [widget, *(w for child in getattr(widget, "children", ()) for w in _walk(child))]


def test_dots_beyond_the_budget_are_refused_even_from_a_forged_click(ws: Workspace) -> None:
    form, session = form_for(ws, dots=3)
    assert form.show("vote")
    plus = form.dots.row(0).plus
    assert plus.description == "+"
    for _ in range(3):
        plus.click()
    assert plus.disabled  # the budget is given out
    form.vote_button.click()
    assert session.dots_left() == 0
    assert form.vote_button.disabled
    for _ in range(50):
        plus.click()  # a disabled button "clicked" anyway, many times
    form.vote_button.click()  # and the send
    assert session.dots_left() == 0
    assert sum(int(c.value or 0) for c in session.mine() if c.kind == "vote") == 3


def test_an_activity_the_invitation_did_not_open_writes_nothing(ws: Workspace) -> None:
    form, session = form_for(ws, activities=("vote",))
    assert not hasattr(form, "proposal")  # no widget to forge
    assert not form._still_open("propose")
    assert shown(form.status) == "Cette activité n'est pas ouverte pour votre invitation."
    assert session.mine() == []


def sections_built(form: ParticipantForm) -> set[str]:
    """The sections whose widgets exist (built when first shown)."""
    return set(form._sections)


def test_one_activity_at_a_time_the_first_open_one_first(ws: Workspace) -> None:
    form, _ = form_for(ws, activities=("comment", "vote"))
    # The form's order, not the invitation's: vote comes before comment.
    assert form.current == "vote" and form.selector.value == "vote"
    assert [value for _, value in form.selector.options] == ["vote", "comment"]
    assert [label for label, _ in form.selector.options] == ["Voter", "Commenter"]
    assert sections_built(form) == {"vote"}
    assert not hasattr(form, "comment")  # built on first selection only
    assert form.section_box.children == (form._sections["vote"],)
    form.selector.value = "comment"  # what a tap on the selector does
    assert form.current == "comment" and sections_built(form) == {"vote", "comment"}
    assert form.section_box.children == (form._sections["comment"],)
    assert not buttons(form.widget, "Valider mes gommettes")  # the vote is not on the page now
    # The selector's labels follow the engagement's language.
    _, session = form_for(ws, activities=("pillar-proposal", "rating"))
    english = ParticipantForm(session, lang="en", workshop_title="W")
    assert [label for label, _ in english.selector.options] == ["Propose", "Rate"]
    alone, _ = form_for(ws, activities=("comment",))
    assert alone.selector.layout.display == "none"  # nothing to choose between
    assert alone.current == "comment"


def test_switching_activities_keeps_what_was_typed(ws: Workspace) -> None:
    form, session = form_for(ws)
    form.proposal.value = "Un conseiller qui me rappelle"
    assert form.show("comment")
    form.comment.value = "Merci pour l'atelier"
    proposal, comment = form.proposal, form.comment
    assert form.show("propose") and form.show("comment") and form.show("propose")
    assert form.proposal is proposal and form.comment is comment  # the same widgets, cached
    assert form.proposal.value == "Un conseiller qui me rappelle"
    assert form.comment.value == "Merci pour l'atelier"
    buttons(form.widget, "Envoyer")[0].click()
    assert [c.text for c in session.mine()] == ["Un conseiller qui me rappelle"]
    form.selector.value = "comment"
    buttons(form.widget, "Envoyer")[0].click()
    assert [c.text for c in session.mine()][-1] == "Merci pour l'atelier"


@pytest.mark.parametrize("forged", ["propose", "answer", "garbage", "", None, 3, "__init__"])
def test_a_forged_selector_value_builds_nothing_and_writes_nothing(
    ws: Workspace, forged: Any
) -> None:
    form, session = form_for(ws, activities=("vote", "comment"))
    before = sections_built(form)
    assert not form.show(forged)
    assert shown(form.status) == "Cette activité n'est pas ouverte pour votre invitation."
    # What the browser can send: the selector's value (ipywidgets refuses a value outside its
    # options; an index may still come as "nothing selected").
    with pytest.raises(TraitError):
        form.selector.value = "propose"
    form.selector.index = None
    assert form.current == "vote" and form.selector.value == "vote"
    assert sections_built(form) == before == {"vote"}
    assert not hasattr(form, "proposal") and not hasattr(form, "_answers")
    assert form.section_box.children == (form._sections["vote"],)
    for button in _walk(form.widget):
        if isinstance(button, widgets.Button) and button.description not in "+−":
            button.click()  # every send button (a + would be a real choice)
    assert session.mine() == []


def test_the_questionnaire_loads_its_questions_only_when_opened(tmp_path: Path) -> None:
    workspace = Workspace.open(url=f"sqlite:///{tmp_path / 'cxkit.db'}")
    workspace.ensure_demo()  # reads the demo's YAML in this process, not in the kernel's
    token = workspace.invite(ENGAGEMENT, workshop_of(workspace))[0].token
    script = """
import sys
from cxkit.apps.participant import open_form
from cxkit.store import Workspace
page, form = open_form(sys.argv[2], workspace=Workspace.open(url=sys.argv[1]))
assert form is not None and form.current == "propose", page
assert "answer" in dict(form.selector.options).values()
print("before", "yaml" in sys.modules, "cxkit.ui.guides" in sys.modules)
form.show("answer")
print("after", "yaml" in sys.modules, len(form._answers))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, f"sqlite:///{tmp_path / 'cxkit.db'}", token or ""],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    before, after = done.stdout.splitlines()
    assert before == "before False False"
    assert after.startswith("after True ") and int(after.split()[-1]) > 0


def test_a_fresh_form_is_a_handful_of_widgets(ws: Workspace) -> None:
    form, _ = form_for(ws)  # every activity open
    assert len(form.selector.options) == len(FORM_ACTIVITIES)  # one tab per section
    assert len(_walk(form.widget)) < 30
    for section in ("idea", "vote", "ranking", "rate", "answer", "comment"):
        form.show(section)
    assert len(_walk(form.widget)) < 60  # one section on the page at a time


def test_the_denied_page_follows_the_language() -> None:
    assert "Ask the workshop's facilitator" in " ".join(texts(denied_page("en")))


# --- the room link ------------------------------------------------------------------------


def _invitation_count(ws: Workspace) -> int:
    return len(ws.invitations(ENGAGEMENT))


def test_a_room_link_welcomes_then_joins_with_a_personal_link_and_the_form(
    ws: Workspace,
) -> None:
    room = ws.open_room(ENGAGEMENT, workshop_of(ws))
    assert room.token
    page, welcome = open_room_page(room.token, workspace=ws)
    assert welcome is not None
    title = ws.load(ENGAGEMENT).engagement.workshops[0].title
    assert any(title in text for text in texts(page))
    assert not buttons(page, "Envoyer")  # nothing to send before joining
    assert room.token not in " ".join(texts(page))  # the room token is in no widget

    buttons(page, "Rejoindre l'atelier")[0].click()
    assert welcome.invitation is not None and welcome.invitation.token
    shown = " ".join(texts(page))
    assert "Vous êtes inscrit·e" in shown and "favoris" in shown
    (link,) = [v for v in texts(page, markup=True) if "cxkit-personal-link" in v]
    assert f'href="?token={welcome.invitation.token}"' in link and 'target="_self"' in link
    assert "Continuer vers mon espace" in link
    # The form is right there: a proposal made on this page is the new participant's.
    assert welcome.form is not None
    welcome.form.proposal.value = "Un seul QR code pour tous"
    buttons(page, "Envoyer")[0].click()
    mine = ws.participant(welcome.invitation.token).mine()
    assert [c.text for c in mine] == ["Un seul QR code pour tous"]
    # A second tap on the (now gone) join button makes no second participant.
    welcome.join_button.click()
    assert _invitation_count(ws) == 1 and ws.room(room.token).joined == 1
    # A personal link wins over a room link in the same query string.
    both = participant_page(welcome.invitation.token, room=room.token, workspace=ws)
    assert buttons(both, "Envoyer") and not buttons(both, "Rejoindre l'atelier")


def test_a_full_or_forged_room_link_gets_the_friendly_page(ws: Workspace) -> None:
    full = ws.open_room(ENGAGEMENT, workshop_of(ws), capacity=1)
    assert full.token
    ws.join_room(full.token)
    shown = " ".join(texts(participant_page(None, room=full.token, workspace=ws)))
    assert "Toutes les places de cet atelier sont prises" in shown
    for forged in ("x" * 16, "<script>alert(1)</script>", "r" * 300):
        page = participant_page(None, room=forged, workspace=ws)
        shown = " ".join(texts(page))
        assert "Demandez le lien de la salle" in shown and "Traceback" not in shown
        assert not buttons(page, "Rejoindre l'atelier")
    closed = ws.open_room(ENGAGEMENT, workshop_of(ws))
    assert closed.token
    ws.close_room(closed.id)
    shown = " ".join(texts(participant_page(None, room=closed.token, workspace=ws)))
    assert "a été fermé" in shown
    assert _invitation_count(ws) == 1


def test_a_click_after_the_room_closed_or_filled_writes_nothing(ws: Workspace) -> None:
    room = ws.open_room(ENGAGEMENT, workshop_of(ws), capacity=1)
    assert room.token
    closing, late = (
        open_room_page(room.token, workspace=ws),
        open_room_page(room.token, workspace=ws),
    )
    assert closing[1] is not None and late[1] is not None
    # Another phone takes the last place while these pages are open.
    ws.join_room(room.token)
    late[1].join_button.click()
    assert "Toutes les places de cet atelier sont prises" in " ".join(texts(late[0]))
    ws.close_room(room.id)
    closing[1].join_button.click()
    assert "a été fermé" in " ".join(texts(closing[0]))
    assert _invitation_count(ws) == 1
    assert not buttons(closing[0], "Envoyer") and not buttons(late[0], "Envoyer")
