"""The word cloud and the questions in a real Chromium: a 375 px phone, a 1280×720 projector.

The phone sends a word, asks a question and gives a "+1" (a second tap says
it was already given); other people contribute through the store, as their
phones would. The projector shows the cloud, then the questions by upvotes
(one marked answered goes last), then nothing once hidden: at 1280×720 and
1920×1080 nothing lies below the fold, even with thirty long expressions.
Screenshots go to tests/artifacts/apps/ for a person to look at.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from cxkit.apps.servers import VoilaServer
from cxkit.model import Workshop
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, screenshot
from tests.apps.test_browser import choose, fits_the_phone, selector_fits
from tests.apps.test_live_screen import HD, LAPTOP, fits_the_projector, project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = Workshop(id="atelier-nuage-questions", title="Nuage de mots et questions")
PROMPT = "Un mot pour dire comment nos clients nous voient"
POPULAR = "Quand saurons-nous quels piliers sont retenus ?"
LOADING_MS = 180_000
"""A Voilà page's first kernel on a loaded machine: generous, never a sleep."""
OTHER = "Qui portera le projet côté direction ?"


def own_workshop(ws: Workspace) -> str:
    """A workshop of this test's own (the other browser tests use the demo's)."""
    stored = ws.load(ENGAGEMENT)
    if all(w.id != WORKSHOP.id for w in stored.engagement.workshops):
        engagement = stored.engagement.model_copy(deep=True)
        engagement.workshops.append(WORKSHOP)
        ws.save(engagement, "test", stored.revision.number)
    return WORKSHOP.id


def the_room(ws: Workspace, workshop: str) -> tuple[str, str]:
    """Four people give words and ask two questions; one question gets three "+1"."""
    people = [
        ws.participant(i.token or "")
        for i in ws.invite(ENGAGEMENT, workshop, count=4, activities=("word", "question"))
    ]
    for n, s in enumerate(people):
        s.submit("word", text=("Réactifs", "réactifs ", "Chers", "Lents")[n])
        s.submit("word", text=("Humains", "Proches", "Réactifs!" if n == 2 else "Lointains")[n % 3])
    popular = people[0].submit("question", text=POPULAR).id
    other = people[1].submit("question", text=OTHER).id
    for s in people[1:]:
        s.submit("upvote", target=popular)
    return popular, other


def test_a_phone_sends_a_word_a_question_and_a_plus_one_the_projector_shows_them(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    ws = Workspace.open(url=workspace_url)
    workshop = own_workshop(ws)
    ws.set_activity(ENGAGEMENT, workshop, "word", options={"prompt": PROMPT})
    popular, _ = the_room(ws, workshop)

    # The phone: a word, then a question, then a "+1" (twice: the second says so).
    (invitation,) = ws.invite(ENGAGEMENT, workshop, activities=("word", "question"))
    phone = open_page(browser, forms.url(token=invitation.token or ""), viewport=PHONE)
    phone.get_by_text(PROMPT).first.wait_for(timeout=LOADING_MS)
    selector_fits(phone)
    assert phone.locator(".cxkit-selector button").count() == 2  # no tab for "+1"
    phone.locator(".cxkit-word textarea").fill("Réactifs")
    phone.locator("button.cxkit-word-send").click()
    phone.locator(".cxkit-status").get_by_text("Merci, votre mot est envoyé.").wait_for()
    phone.get_by_text("Il vous reste 2 mots à envoyer.").wait_for()
    fits_the_phone(phone, "cloud-qa-phone-word")
    choose(phone, "Questions")
    phone.locator(".cxkit-ask textarea").fill("Combien de temps durera le déploiement ?")
    phone.locator("button.cxkit-question-send").click()
    phone.locator(".cxkit-status").get_by_text("Merci, votre question est envoyée.").wait_for()
    row = phone.locator(".cxkit-board-row", has_text=POPULAR)
    row.get_by_text("3 soutiens").wait_for()
    mine = phone.locator(".cxkit-board-row", has_text="Combien de temps")
    mine.get_by_text("Votre question").wait_for()
    assert mine.locator("button.cxkit-upvote").count() == 0  # never one's own
    row.locator("button.cxkit-upvote").click()
    phone.locator(".cxkit-status").get_by_text("Merci, votre +1 est enregistré.").wait_for()
    row.get_by_text("4 soutiens").wait_for()
    row.locator("button.cxkit-upvote", has_text="✓ +1").click()
    phone.locator(".cxkit-status").get_by_text("déjà soutenu cette question").wait_for()
    assert popular not in phone.inner_text("body")  # texts and counts, never an id
    fits_the_phone(phone, "cloud-qa-phone-questions")
    phone.context.close()
    upvotes = [c for c in ws.contributions(ENGAGEMENT, workshop) if c.kind == "upvote"]
    assert len(upvotes) == 4  # the second tap wrote nothing

    # The projector: the cloud (each person once per word), then the questions.
    controls = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=LAPTOP
    )
    controls.get_by_text("Ouvrir le lien de la salle").first.wait_for(timeout=LOADING_MS)
    controls.locator(".cxkit-workshop select").select_option(label=WORKSHOP.title)
    expect(controls.locator(".cxkit-cloud-prompt input")).to_have_value(PROMPT)  # the stored one
    screen_link = controls.locator("a.cxkit-screen-link").evaluate("(a) => a.href")
    screen = controls.context.new_page()
    screen.set_viewport_size(HD)
    screen.goto(screen_link)
    screen.locator(".cxkit-screen").wait_for(timeout=LOADING_MS)  # a kernel of its own
    project(controls, "Nuage de mots")
    screen.locator(".cxkit-screen-prompt", has_text=PROMPT).wait_for()
    cloud = screen.locator(".cxkit-cloud-big span")
    cloud.first.wait_for()
    words = cloud.all_inner_texts()
    assert sorted(words) == sorted(["Réactifs", "Chers", "Lents", "Humains", "Proches"]), words
    sizes = {
        w: float(s.get_attribute("style").split(":")[1].rstrip("vh"))
        for w, s in zip(words, cloud.all(), strict=True)
    }
    assert sizes["Réactifs"] == max(sizes.values()) > sizes["Chers"]  # 4 people, then 1
    fits_the_projector(screen, "cloud-qa-screen-words")

    # Thirty long expressions: smaller, all of them on the screen, nothing cut.
    crowd = ws.invite(ENGAGEMENT, workshop, count=10, activities=("word",))
    for n, invitation_ in enumerate(crowd):
        s = ws.participant(invitation_.token or "")
        for k in range(3):
            s.submit("word", text=f"désespérément lents-et-compliqués n°{n * 3 + k:02d}")
    expect(screen.locator(".cxkit-cloud-big span")).to_have_count(30)  # the top 30 of 35
    assert screen.locator(".cxkit-cloud-big span", has_text="Réactifs").count() == 1
    fits_the_projector(screen, "cloud-qa-screen-words-many")

    project(controls, "Questions de la salle")
    first = screen.locator(".cxkit-question").first
    first.get_by_text(POPULAR).wait_for()
    assert first.locator(".cxkit-question-count b").inner_text() == "4"
    fits_the_projector(screen, "cloud-qa-screen-questions")
    controls.locator(".cxkit-qa > div", has_text=POPULAR).locator("button").click()
    screen.locator(".cxkit-question.cxkit-answered", has_text=POPULAR).wait_for()
    assert POPULAR in screen.locator(".cxkit-question").last.inner_text()
    fits_the_projector(screen, "cloud-qa-screen-answered")
    controls.locator("button.cxkit-conceal").click()
    screen.get_by_text("Les résultats s'afficheront bientôt.").wait_for()
    assert screen.get_by_text(POPULAR).count() == 0  # hidden: nothing of it on the screen
    controls.locator(".cxkit-qa").scroll_into_view_if_needed()
    screenshot(controls, "cloud-qa-controls-1440")
    controls.locator("button.cxkit-reveal").click()
    screen.get_by_text(POPULAR).wait_for()

    # Eight long questions: six shown, clamped, the rest counted; nothing below the fold.
    asker = ws.participant(ws.invite(ENGAGEMENT, workshop, activities=("question",))[0].token or "")
    for n in range(8):
        asker.submit("question", text=f"Question longue n°{n} : " + "pourquoi " * 28 + "?")
    screen.get_by_text("et 5 autres").wait_for()
    fits_the_projector(screen, "cloud-qa-screen-questions-many")
    controls.context.close()
