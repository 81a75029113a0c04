"""The projected screen in a real browser, at projector sizes, with real Voilà servers.

The consultant's laptop shows the controls page; the projector shows
``live.ipynb?view=screen``. People join by the QR code (one real phone, the
others through the store, as their phones would), contribute; the facilitator
approves texts, projects each activity in turn, times it, adopts a proposal.
At 1280×720 and 1920×1080 every visible element of the projected screen lies
inside the window: nothing below the fold, no scrolling. Screenshots go to
tests/artifacts/apps/ for a person to look at.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, resized, screenshot, widgets_ready
from tests.apps.test_browser import LAYOUT_PROBLEMS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
HD = {"width": 1280, "height": 720}
FULL_HD = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1440, "height": 900}
APPROVED = "Ils me rappellent avant que je m'inquiète"
HELD = "Proposition que l'animateur n'a pas encore vue"
PILLAR_NAME = "Rappel proactif"

# Every element of the page that is drawn (a box, visible, not transparent) and lies
# even partly outside the window: what a projector would not show.
BELOW_THE_FOLD = """() => {
  const w = window.innerWidth, h = window.innerHeight, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const say = el.tagName + '.' + el.className + ' ' + JSON.stringify(r.toJSON()) + ' '
                + JSON.stringify((el.innerText || '').slice(0, 30));
    if (r.top < -1 || r.left < -1 || r.bottom > h + 1 || r.right > w + 1) out.push(say);
    // Cut by a box of the screen that hides what overflows it: not shown either.
    for (let up = el.parentElement; up && el.closest('.cxkit-screen'); up = up.parentElement) {
      if (getComputedStyle(up).overflow === 'visible') { if (up.matches('.cxkit-screen')) break; continue; }
      const b = up.getBoundingClientRect();
      if (r.top < b.top - 1 || r.left < b.left - 1 || r.bottom > b.bottom + 1 || r.right > b.right + 1)
        out.push('cut: ' + say);
      if (up.matches('.cxkit-screen')) break;
    }
  }
  const root = document.scrollingElement;
  if (root.scrollHeight > h + 1) out.push('page scrolls: ' + root.scrollHeight);
  return out;
}"""


def fits_the_projector(page: Any, name: str) -> None:
    """Nothing of the projected screen outside 1280×720, then 1920×1080; a screenshot of each."""
    for size in (HD, FULL_HD):
        resized(page, size)  # the layout after the resize; nothing else is awaited
        problems = page.evaluate(BELOW_THE_FOLD)
        assert problems == [], f"{name} at {size}: {problems}"
        assert page.locator(".cxkit-screen-timer").is_visible()
        screenshot(page, f"{name}-{size['width']}")
    page.set_viewport_size(HD)


def project(controls: Any, activity: str) -> None:
    controls.locator(".cxkit-activity-choice select").select_option(label=activity)
    controls.locator("button.cxkit-project").click()
    controls.locator(".cxkit-projected").get_by_text(activity).wait_for()


def contribute(ws: Workspace, room_token: str, workshop: str) -> tuple[list[Any], str]:
    """Five more people join by the room link and answer, as their phones would; five more
    answer the questionnaire (not opened to the room) through personal links."""
    people = [ws.join_room(room_token, device=f"test-device-key-{n:04d}") for n in range(5)]
    sessions = [ws.participant(p.token or "") for p in people]
    askers = ws.invite(ENGAGEMENT, workshop, count=5, activities=("answer",))
    for n, invitation in enumerate(askers):
        ws.participant(invitation.token or "").submit(
            "answer", target="q1", text=f"Réponse {n} : plus de conseil au téléphone"
        )
    approved = sessions[0].submit("pillar-proposal", text=APPROVED).id
    sessions[1].submit("pillar-proposal", text=HELD)
    criteria = ws.load(ENGAGEMENT).engagement.collection.benchmark.criteria
    for n, s in enumerate(sessions):
        s.submit("rating", target=criteria[n % len(criteria)], value=2 + n % 4)
        s.submit("rating", target=criteria[(n + 2) % len(criteria)], value=5 - n % 3)
        s.submit("comment", text=f"Commentaire numéro {n} : les délais de remboursement")
    # One participant floods: a very long comment must not take over the screen.
    sessions[4].submit("comment", text=("remboursement rapide " * 90).strip())
    return sessions, approved


def test_the_projected_screen_fits_the_projector_and_follows_the_controls(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, _ = servers
    ws = Workspace.open(url=workspace_url)
    workshop = ws.load(ENGAGEMENT).engagement.workshops[1]  # the other browser tests use [0]
    controls = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=LAPTOP
    )
    widgets_ready(controls, "Ouvrir le lien de la salle")
    controls.locator(".cxkit-workshop select").select_option(label=workshop.title)
    controls.locator(".cxkit-moderation-mode button", has_text="Approuver d'abord").click()
    controls.locator(".cxkit-live-status").get_by_text("attendront votre approbation").wait_for()
    controls.locator("button.cxkit-project-room").click()
    controls.locator("button.cxkit-room-open").click()
    controls.locator(".cxkit-room svg").wait_for()
    link = controls.locator(".cxkit-room a").first.get_attribute("href")
    assert link and "room=" in link
    room_token = parse_qs(urlsplit(link).query)["room"][0]

    # The projection view opens from the controls' own link (same browser, its login kept).
    screen_link = controls.locator("a.cxkit-screen-link").evaluate("(a) => a.href")
    assert "view=screen" in screen_link and "token=" not in screen_link
    screen = controls.context.new_page()
    screen.set_viewport_size(HD)
    screen.goto(screen_link)
    screen.locator(".cxkit-screen svg").wait_for()
    assert screen.locator(".cxkit-join-link").inner_text() == link.split("://")[1]
    screen.get_by_text("Personne n'a encore rejoint l'atelier").wait_for()
    fits_the_projector(screen, "live-screen-join")

    # A phone scans the code and joins: the screen counts a person (twice the same phone: one).
    phone = open_page(browser, link, viewport=PHONE)
    widgets_ready(phone, "Rejoindre l'atelier")
    phone.locator("button.cxkit-room-join").click()
    phone.locator("a.cxkit-personal-link").wait_for()
    screen.get_by_text("1 personne a rejoint l'atelier").wait_for()
    phone.context.close()

    sessions, approved = contribute(ws, room_token, workshop.id)
    screen.get_by_text("6 personnes ont rejoint l'atelier").wait_for()
    fits_the_projector(screen, "live-screen-joined")

    # Moderation: approve one proposal; the other stays off the projected screen.
    held_row = controls.locator(".cxkit-moderation > div", has_text=HELD)
    held_row.wait_for()
    row = controls.locator(".cxkit-moderation > div", has_text=APPROVED)
    row.locator("input[type=checkbox]").check()
    controls.locator("button.cxkit-approve").click()
    controls.locator(".cxkit-live-status").get_by_text("1 texte affiché").wait_for()
    for n, s in enumerate(sessions):  # an approved proposal can be voted for
        s.submit("vote", target=approved, value=1 + n % 2)
    project(controls, "Proposition de pilier")
    screen.locator(".cxkit-text", has_text=APPROVED).wait_for()
    assert screen.get_by_text(HELD).count() == 0
    fits_the_projector(screen, "live-screen-proposals")

    # Comments: approved all at once; the flood is clamped; the word cloud beside them.
    for box in controls.locator(".cxkit-moderation input[type=checkbox]").all():
        box.check()
    held_row.locator("input[type=checkbox]").uncheck()
    controls.locator("button.cxkit-approve").click()
    controls.locator(".cxkit-live-status").get_by_text("textes affichés").wait_for()
    project(controls, "Commentaire")
    screen.locator(".cxkit-cloud span").first.wait_for()
    assert screen.get_by_text(HELD).count() == 0
    fits_the_projector(screen, "live-screen-comments")
    project(controls, "Réponse")
    screen.locator(".cxkit-text", has_text="plus de conseil").first.wait_for()
    fits_the_projector(screen, "live-screen-answers")

    # Ratings, sorted by score; results hidden until revealed; the timer survives a reload.
    project(controls, "Note")
    controls.locator("button.cxkit-conceal").click()
    screen.get_by_text("Les résultats s'afficheront bientôt.").wait_for()
    controls.locator("button.cxkit-timer-start").click()
    screen.locator(".cxkit-screen-timer", has_text="09:5").wait_for()
    screen.reload()
    screen.locator(".cxkit-screen-timer", has_text="09:").wait_for()
    controls.locator("button.cxkit-reveal").click()
    screen.locator(".cxkit-bar-row").first.wait_for()
    scores = screen.locator(".cxkit-bar-value").all_inner_texts()
    means = [float(s.split("/")[0].strip().replace(",", ".")) for s in scores]
    assert means == sorted(means, reverse=True) and all("/ 5" in s for s in scores)
    fits_the_projector(screen, "live-screen-ratings")

    # Adoption: the proposal becomes the customer quote under the edited short name; its
    # dots follow it into the pillar: one line in the ranking.
    proposal = controls.locator(".cxkit-proposals > div", has_text=APPROVED)
    proposal.locator("input[type=checkbox]").check()
    proposal.locator(".cxkit-pillar-name input").fill(PILLAR_NAME)
    proposal.locator(".cxkit-pillar-name input").blur()
    controls.locator("button.cxkit-adopt").click()
    controls.locator(".cxkit-live-status").get_by_text("la méthode CX ID en retient").wait_for()
    controls.locator("button.cxkit-adopt").click()
    controls.locator(".cxkit-live-status").get_by_text("adoptée comme pilier").wait_for()
    pillar = next(
        p for p in ws.load(ENGAGEMENT).engagement.strategy.pillars if p.customers_say == APPROVED
    )
    assert pillar.name == PILLAR_NAME
    voter = ws.join_room(room_token, device="test-device-key-late")
    ws.participant(voter.token or "").submit("vote", target=pillar.id, value=2)
    project(controls, "Gommettes")
    row_of_pillar = screen.locator(".cxkit-bar-row", has_text=PILLAR_NAME)
    row_of_pillar.get_by_text("9 gommettes").wait_for()  # 7 before adoption + 2 after
    assert screen.locator(".cxkit-bar-row", has_text=APPROVED).count() == 0
    assert approved not in screen.content() and pillar.id not in screen.inner_text("body")
    fits_the_projector(screen, "live-screen-votes")
    screenshot(controls, "live-controls-1440")

    # The laptop's page reloaded: the same link, the timer still running.
    controls.reload()
    widgets_ready(controls, "Fermer le lien")
    controls.locator(".cxkit-workshop select").select_option(label=workshop.title)
    controls.locator(f'.cxkit-room a[href="{link}"]').wait_for()  # nothing renewed
    assert controls.locator(".cxkit-room svg").count() == 1
    controls.locator(".cxkit-clock", has_text="09:").wait_for()  # the timer kept its end
    # The controls on a 375 px screen: everything wraps inside it.
    controls.set_viewport_size(PHONE)
    controls.locator(".cxkit-clock").scroll_into_view_if_needed()
    screenshot(controls, "live-controls-375")
    problems = controls.evaluate(LAYOUT_PROBLEMS, ".cxkit-live")
    assert problems == [], problems
    controls.set_viewport_size(LAPTOP)

    # Closing the room asks first.
    controls.locator("button.cxkit-room-close").click()
    controls.locator("button.cxkit-room-close-yes").click()
    controls.get_by_text("Lien de la salle fermé").wait_for()
    controls.locator("button.cxkit-project-room").click()
    screen.get_by_text("Aucun lien de salle ouvert pour le moment.").wait_for()
    controls.context.close()  # and the projection's page with it
