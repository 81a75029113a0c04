"""End to end: real Voilà servers, a real headless Chromium, a real SQLite workspace.

The facilitator opens the room link on the live screen; a participant on a
phone scans it, joins, follows their personal link, proposes and spends dots; the live screen shows it without a reload; the
facilitator adopts it and the workspace holds a new revision with it. Then
what a hostile or careless page can do: a wrong link, markup as a
proposal, no facilitator token, forged clicks and values.
"""

from __future__ import annotations

import contextlib
import re
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, PROJECTOR, open_page, screenshot, widgets_ready

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
PROPOSAL = "Ils me répondent du premier coup"
XSS = "<img src=x onerror=alert(1)>"


# What a 375 px phone must never show: text running into what follows it, text cut by an
# ellipsis, anything wider than the screen. A text's extent is its rendered glyphs (a DOM
# Range), not its box: a label that does not wrap overflows a box that looks fine.
LAYOUT_PROBLEMS = """(selector) => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const say = (el) => JSON.stringify((el.innerText || el.value || '').trim().slice(0, 40));
  const extent = (el) => {
    const box = el.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    if (!text.height) return box;
    return {top: Math.min(box.top, text.top), bottom: Math.max(box.bottom, text.bottom),
            right: Math.max(box.right, text.right)};
  };
  for (const root of document.querySelectorAll(selector)) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || !el.getClientRects().length) continue;
      if (extent(el).right > width + 1) problems.push('wider than the screen: ' + say(el));
      if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
        problems.push('cut: ' + say(el));
      if (style.display.includes('flex') && style.flexDirection.startsWith('column')) {
        const shown = [...el.children].filter((k) => k.getClientRects().length);
        for (let i = 1; i < shown.length; i++) {
          if (extent(shown[i]).top < extent(shown[i - 1]).bottom - 1)
            problems.push('overlap: ' + say(shown[i - 1]) + ' / ' + say(shown[i]));
        }
      }
    }
  }
  return problems;
}"""
PHONE_PAGES = ".cxkit-participant, .cxkit-room-welcome, .cxkit-message"


def fits_the_phone(page: Any, name: str, width: int = PHONE["width"]) -> None:
    """Check that a phone's page wraps its texts and overlaps nothing, then screenshot all of it.

    Voilà's page scrolls inside a panel, so the screenshot is taken with the
    phone's width and a height that holds the whole page.
    """
    if page.viewport_size["width"] != width:
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        with contextlib.suppress(PlaywrightTimeout):  # the page reflows (a resize is async)
            page.wait_for_function(
                "([sel, w]) => [...document.querySelectorAll(sel)]"
                ".every((el) => el.getBoundingClientRect().right <= w + 1)",
                arg=[PHONE_PAGES, width],
                timeout=10_000,
            )
    problems = page.evaluate(LAYOUT_PROBLEMS, PHONE_PAGES)
    assert problems == [], f"{name}: {problems}"
    page.evaluate(  # back to the top: the page's height is measured from there
        "() => { window.scrollTo(0, 0); document.querySelectorAll('*')"
        ".forEach((el) => { if (el.scrollTop) el.scrollTop = 0; }); }"
    )
    tall = page.evaluate(
        f"() => Math.max(...[...document.querySelectorAll({PHONE_PAGES!r})]"
        ".map((el) => el.getBoundingClientRect().bottom + 40), 0)"
    )
    page.set_viewport_size({"width": width, "height": max(PHONE["height"], int(tall))})
    screenshot(page, name)
    page.set_viewport_size({"width": width, "height": PHONE["height"]})


def choose(page: Any, activity: str) -> None:
    """Tap an activity in the selector at the top of the participant's form."""
    exact = re.compile(rf"^\s*{re.escape(activity)}\s*$")  # "Proposer", not "Proposer à…"
    page.locator(".cxkit-selector button", has_text=exact).click()
    page.locator(".cxkit-selector button.mod-active", has_text=exact).wait_for()


def selector_fits(page: Any, selector: str = ".cxkit-selector button") -> None:
    """Buttons (the activity selector's by default) are tappable, inside the screen, apart."""
    width = page.viewport_size["width"]
    rects = [b.bounding_box() for b in page.locator(selector).all()]
    assert rects and all(r is not None for r in rects)
    for i, r in enumerate(rects):
        assert r is not None
        assert r["x"] >= 0 and r["x"] + r["width"] <= width + 1, rects
        assert r["height"] >= 40, rects  # a finger, not a mouse
        for other in rects[i + 1 :]:
            assert other is not None
            apart = (
                r["x"] + r["width"] <= other["x"] + 1
                or other["x"] + other["width"] <= r["x"] + 1
                or r["y"] + r["height"] <= other["y"] + 1
                or other["y"] + other["height"] <= r["y"] + 1
            )
            assert apart, f"selector buttons overlap: {r} / {other}"


def text_extent(locator: Any) -> dict[str, float]:
    """Where a block's text is drawn (its glyphs, which may overflow its box)."""
    return dict(
        locator.evaluate(
            """(el) => { const r = document.createRange(); r.selectNodeContents(el);
                const b = r.getBoundingClientRect(); return {top: b.top, bottom: b.bottom}; }"""
        )
    )


def workshop_of(ws: Workspace) -> str:
    return ws.load(ENGAGEMENT).engagement.workshops[0].id


def participant_form(browser: Any, link: str, dialogs: list[str] | None = None) -> Any:
    page = open_page(browser, link, viewport=PHONE, dialogs=dialogs)
    widgets_ready(page, "Que voudriez-vous que nos clients disent de nous")
    return page


def give_dots(page: Any, row: int, count: int) -> None:
    """Tap + ``count`` times on a candidate's row, each tap answered before the next."""
    given = page.locator(".cxkit-given").nth(row)
    for n in range(1, count + 1):
        page.locator("button.cxkit-step-plus").nth(row).click()
        given.get_by_text(f"{n} gommette").wait_for()


def propose(page: Any, text: str) -> None:
    page.locator(".cxkit-proposal textarea").fill(text)
    page.locator(".cxkit-proposal textarea").blur()  # continuous_update=False: sync on blur
    page.locator("button.cxkit-propose-send").click()
    page.get_by_text("Merci, c'est enregistré.").wait_for()


def test_invite_propose_vote_see_live_and_adopt(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, _ = servers
    ws = Workspace.open(url=workspace_url)
    live = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=PROJECTOR
    )
    widgets_ready(live, "Ouvrir le lien de la salle")
    live.locator("button.cxkit-room-open").click()
    link_el = live.locator(".cxkit-room a").first
    link_el.wait_for()
    link = link_el.get_attribute("href")
    assert link and "room=" in link and "token=" not in link
    assert live.locator(".cxkit-room svg").count() == 1  # the one QR code, inline
    screenshot(live, "live-room")

    # The participant scans the room's link, joins, and follows their personal link.
    phone = open_page(browser, link, viewport=PHONE)
    widgets_ready(phone, "Rejoindre l'atelier")
    fits_the_phone(phone, "participant-room-welcome")
    phone.locator("button.cxkit-room-join").click()
    personal = phone.locator("a.cxkit-personal-link")
    personal.wait_for()
    href = personal.get_attribute("href")
    assert href and href.startswith("?token=")
    session = ws.participant(parse_qs(href[1:])["token"][0])  # a working personal token
    assert session.workshop_id == workshop_of(ws)
    assert ws.room(parse_qs(urlsplit(link).query)["room"][0]).joined == 1
    fits_the_phone(phone, "participant-room-joined")
    live.locator(".cxkit-room-joined").get_by_text("1 personne inscrite").wait_for()
    personal.click()
    phone.wait_for_url(lambda url: "token=" in url and "room=" not in url)
    widgets_ready(phone, "Que voudriez-vous que nos clients disent de nous")
    fits_the_phone(phone, "participant-form")
    # The bug that was: the intro did not wrap and ran over what follows it (the "anonymous"
    # box then; the selector now: a room joiner has no team to leave out of their answers).
    assert phone.locator(".cxkit-anonymous").is_hidden()
    intro, below = phone.locator(".cxkit-intro"), phone.locator(".cxkit-selector")
    intro_box, box = intro.bounding_box(), below.bounding_box()
    assert intro_box and box and intro_box["y"] + intro_box["height"] <= box["y"] + 1
    assert text_extent(intro)["bottom"] <= box["y"] + 1
    assert box["x"] + box["width"] <= PHONE["width"]
    # One activity at a time: every open one in the selector, wrapping on two rows or more.
    labels = phone.locator(".cxkit-selector button").all_inner_texts()
    assert labels == ["Proposer", "Voter", "Noter", "Commenter"]  # no questionnaire in a room
    selector_fits(phone)
    assert (
        len(
            {
                b["y"]
                for b in phone.locator(".cxkit-selector button").evaluate_all(
                    "(els) => els.map((e) => e.getBoundingClientRect().toJSON())"
                )
            }
        )
        > 1
    )
    assert phone.locator(".cxkit-stepper").count() == 0  # the vote is not on the page yet
    # What was typed survives a trip to another activity (the same widgets, kept in the kernel).
    phone.locator(".cxkit-proposal textarea").fill(PROPOSAL)
    choose(phone, "Commenter")
    phone.locator(".cxkit-comment textarea").wait_for()
    assert phone.locator(".cxkit-proposal").count() == 0
    choose(phone, "Proposer")
    assert phone.locator(".cxkit-proposal textarea").input_value() == PROPOSAL
    propose(phone, PROPOSAL)
    choose(phone, "Voter")
    phone.get_by_text("Il vous reste 5 gommettes à donner sur 5").wait_for()
    assert phone.locator(".cxkit-proposal").count() == 0
    fits_the_phone(phone, "participant-vote")
    give_dots(phone, 0, 2)
    phone.locator("button.cxkit-vote-send").click()
    phone.get_by_text("Merci, vos 2 gommettes sont enregistrées.").wait_for()
    phone.get_by_text("Il vous reste 3 gommettes à donner sur 5").wait_for()
    fits_the_phone(phone, "participant-sent")
    # Every other activity's screen fits the phone as well.
    for activity, shows, name in (
        ("Noter", "Noter Horizon Mutuelle", "participant-rate"),
        ("Commenter", "Un commentaire\u202f?", "participant-comment"),
    ):
        choose(phone, activity)
        phone.locator(".cxkit-section").get_by_text(shows).wait_for()
        selector_fits(phone)
        fits_the_phone(phone, name)

    # The live screen follows without a reload: its kernel thread re-reads the workspace.
    live.locator(".cxkit-proposals").get_by_text(PROPOSAL).wait_for()
    live.locator(".cxkit-ranking td").first.wait_for()
    screenshot(live, "live-results")
    live.locator(".cxkit-proposals input[type=checkbox]").first.check()
    live.locator("button.cxkit-adopt").click()
    # The demo holds four pillars already: the method's words first, a second click adopts.
    live.locator(".cxkit-live-status").get_by_text("la méthode CX ID en retient").wait_for()
    live.locator("button.cxkit-adopt").click()
    live.locator(".cxkit-live-status").get_by_text("adoptée comme pilier").wait_for()
    screenshot(live, "live-adopted")
    quotes = [p.customers_say for p in ws.load(ENGAGEMENT).engagement.strategy.pillars]
    assert PROPOSAL in quotes  # the proposal is the customer quote, not the pillar's name

    # A reload of the participant's page shows what was stored.
    phone.reload()
    widgets_ready(phone, "Que voudriez-vous que nos clients disent de nous")
    phone.locator(".cxkit-mine").get_by_text(PROPOSAL).wait_for()

    # The laptop's page is reloaded (a new kernel): the SAME room link and QR code, so
    # someone who scanned it a moment ago still gets in; nothing was renewed.
    live.reload()
    widgets_ready(live, "Fermer le lien")
    live.locator(".cxkit-room svg").wait_for()
    assert live.locator(".cxkit-room a").first.get_attribute("href") == link
    live.locator(".cxkit-room-joined").get_by_text("1 personne inscrite").wait_for()
    screenshot(live, "live-room-reloaded")
    assert ws.room(parse_qs(urlsplit(link).query)["room"][0]).joined == 1
    assert ws.participant(parse_qs(href[1:])["token"][0]).mine()  # the personal link works
    phone.context.close()
    live.context.close()


def test_a_wrong_token_gets_the_friendly_page_and_nothing_else(
    browser: Any, servers: tuple[VoilaServer, VoilaServer]
) -> None:
    _, forms = servers
    page = open_page(browser, forms.url(token="forged-token-forged-token"), viewport=PHONE)
    widgets_ready(page, "Ce lien n'est pas valable")
    assert page.locator("textarea").count() == 0
    assert page.locator("button").count() == 0
    assert "Traceback" not in page.content()
    fits_the_phone(page, "participant-denied")
    page.context.close()


def test_markup_in_a_proposal_is_text_everywhere(
    browser: Any,
    servers: tuple[VoilaServer, VoilaServer],
    workspace_url: str,
    dialogs: list[str],
) -> None:
    facilitator, forms = servers
    ws = Workspace.open(url=workspace_url)
    token = ws.invite(ENGAGEMENT, workshop_of(ws))[0].token
    assert token
    phone = participant_form(browser, forms.url(token=token), dialogs)
    propose(phone, XSS)
    phone.locator(".cxkit-mine").get_by_text(XSS).wait_for()  # shown as its characters
    assert phone.locator(".cxkit-mine img").count() == 0
    live = open_page(
        browser,
        facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT),
        viewport=PROJECTOR,
        dialogs=dialogs,
    )
    live.locator(".cxkit-proposals").get_by_text(XSS).wait_for()
    assert live.locator(".cxkit-live img").count() == 0
    screenshot(live, "live-markup-as-text")
    assert dialogs == []
    phone.context.close()
    live.context.close()


def test_the_facilitator_app_refuses_a_visitor_without_its_token(
    browser: Any, servers: tuple[VoilaServer, VoilaServer]
) -> None:
    facilitator, forms = servers
    page = open_page(browser, facilitator.base_url + "voila/render/live.ipynb", viewport=PROJECTOR)
    page.wait_for_load_state()
    assert "/login" in page.url
    assert page.locator(".cxkit-live").count() == 0
    screenshot(page, "facilitator-no-token")
    page.context.close()
    # The participants' server serves its one notebook and nothing else.
    for path in ("voila/render/live.ipynb", "voila/tree", "voila/files/live.ipynb", "api/contents"):
        try:
            with urllib.request.urlopen(forms.base_url + path, timeout=10) as answer:
                body = answer.read().decode("utf-8", "replace")
            assert "cxkit-live" not in body and "home.ipynb" not in body
        except urllib.error.HTTPError as exc:
            assert exc.code in (403, 404, 405)


def test_forged_clicks_and_values_write_nothing_outside_the_invitation(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    _, forms = servers
    ws = Workspace.open(url=workspace_url)
    workshop = workshop_of(ws)
    invitation = ws.invite(ENGAGEMENT, workshop, dots=2, activities=("vote", "comment"))[0]
    assert invitation.token
    # A link that also names another workshop: the form only reads its token.
    link = forms.url(token=invitation.token, workshop="atelier-autre", engagement="autre")
    phone = open_page(browser, link, viewport=PHONE)
    widgets_ready(phone, "Voter pour les piliers candidats")
    assert phone.locator(".cxkit-proposal").count() == 0  # proposals are not open to this link
    labels = phone.locator(".cxkit-selector button").all_inner_texts()
    assert labels == ["Voter", "Commenter"]  # only what the invitation opened
    choose(phone, "Commenter")
    choose(phone, "Voter")
    give_dots(phone, 0, 2)
    phone.locator("button.cxkit-vote-send").click()
    phone.get_by_text("Vous avez réparti toutes vos gommettes.").wait_for()
    button = phone.locator("button.cxkit-vote-send")
    expect(button).to_be_disabled()
    expect(phone.locator("button.cxkit-step-plus").nth(1)).to_be_disabled()
    # The page removes `disabled` from every button, taps + past the budget, and sends.
    phone.evaluate(
        """() => document.querySelectorAll('button').forEach((b) => {
            b.disabled = false; b.removeAttribute('disabled'); })"""
    )
    for _ in range(5):
        phone.locator("button.cxkit-step-plus").nth(1).click(force=True)
    button.click(force=True)
    phone.get_by_text("Donnez au moins une gommette avant de valider.").wait_for()
    fits_the_phone(phone, "participant-forged")
    mine = ws.participant(invitation.token).mine()
    assert sum(int(c.value or 0) for c in mine if c.kind == "vote") == 2
    assert {c.workshop for c in mine} == {workshop}
    assert all(c.kind == "vote" for c in mine)
    phone.context.close()
