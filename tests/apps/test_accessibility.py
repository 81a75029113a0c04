"""Forms everyone can use: WCAG 2.1 A and AA on every page a participant or a room sees.

axe-core (carried by ``axe-playwright-python``, nothing downloaded) runs in
real headless Chromium on each participant activity, the room's welcome page
and the joined form, the short refusal pages, the facilitator's login and
not-found pages and the projected live screen, at a phone's size and at
1280x720, in French and in English; any violation of a ``wcag2a``,
``wcag2aa``, ``wcag21a`` or ``wcag21aa`` rule fails. Then: the room joined, a
pillar proposed and dots given with the keyboard alone (focus seen at each
stop); and the form at 320 px with the text at 200 % shows nothing cut or
overlapping.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cxkit.apps.servers import ENV_FORMS_URL, VoilaServer, start_server
from cxkit.document import load_demo
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, resized, screenshot, stop_all
from tests.apps.test_browser import LAYOUT_PROBLEMS, PHONE_PAGES, fits_the_phone

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 720}
TEXTS = {
    "fr": {
        "ready": "Que voudriez-vous",
        "join": "Rejoindre",
        "open_room": "Ouvrir le lien de la salle",
    },
    "en": {"ready": "What would you like", "join": "Join", "open_room": "Open the room link"},
}
_AXE = Axe()


def copy_engagement(ws: Workspace, new_id: str, lang: str) -> str:
    """A copy of the demo engagement of its own (id, language): its rooms couple no other test.

    Copied from the demo file, not the workspace: other tests change the workspace's demo.
    """
    if not ws.exists(new_id):
        demo = load_demo()
        info = demo.engagement.model_copy(update={"id": new_id, "language": lang})
        ws.create(demo.model_copy(update={"engagement": info}), author="test")
    return ws.load(new_id).engagement.workshops[0].id


def violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is, one line each."""
    # Only the violations are read: axe then skips building the selectors and HTML of every
    # node that passes (each violation still lists all its nodes).
    options = {"runOnly": {"type": "tag", "values": WCAG21_AA}, "resultTypes": ["violations"]}
    result = _AXE.run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
    ]


def audit(page: Any, name: str, found: dict[str, list[str]], *, phone: bool = True) -> None:
    """axe at the phone's size and at 1280x720 (the page reflows in between)."""
    sizes = (("phone", PHONE), ("1280", DESKTOP)) if phone else (("1280", DESKTOP),)
    for label, size in sizes:
        resized(page, size)  # the widgets reflow after the resize: awaited, not guessed
        seen = violations(page)
        if seen:
            found[f"{name} @{label}"] = seen
            screenshot(page, f"a11y-{name}-{label}")
    page.set_viewport_size(sizes[0][1])


@pytest.fixture(scope="module")
def english_servers(
    jupyter_env: dict[str, str], workspace_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[VoilaServer, VoilaServer]]:
    """A facilitator and a forms server whose own pages (refusals, login) speak English."""
    env = {**jupyter_env, "CXKIT_DB_URL": workspace_url}
    logs = tmp_path_factory.mktemp("a11y-logs")
    forms = start_server("participant", env=env, log_dir=logs, lang="en")
    try:
        facilitator = start_server(
            "facilitator", env={**env, ENV_FORMS_URL: forms.base_url}, log_dir=logs, lang="en"
        )
    except BaseException:
        forms.stop()
        raise
    yield facilitator, forms
    stop_all([facilitator, forms])


def _contribute(ws: Workspace, room_token: str, engagement: str) -> None:
    """Three people join and send a little of everything, so the projected views have content."""
    people = [ws.join_room(room_token, device=f"a11y-device-key-{n:04d}") for n in range(3)]
    criteria = ws.load(engagement).engagement.collection.benchmark.criteria
    for n, person in enumerate(people):
        session = ws.participant(person.token or "")
        session.submit("pillar-proposal", text=f"Proposition {n + 1} : on me répond vite")
        session.submit("rating", target=criteria[n % len(criteria)], value=3 + n % 3)
        session.submit("comment", text=f"Commentaire {n + 1} : des délais tenus")


def _pages_pass_axe(
    browser: Any, facilitator: VoilaServer, forms: VoilaServer, ws: Workspace, lang: str
) -> dict[str, list[str]]:
    texts = TEXTS[lang]
    engagement = f"a11y-{lang}"
    workshop = copy_engagement(ws, engagement, lang)
    found: dict[str, list[str]] = {}
    # The projected live screen, then its room link opened (the QR code and the link).
    live = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=engagement), viewport=DESKTOP
    )
    live.get_by_text(texts["open_room"]).first.wait_for()
    audit(live, f"{lang}-live", found)
    live.locator("button.cxkit-project-room").click()
    live.locator("button.cxkit-room-open").click()
    room_link = live.locator(".cxkit-room a").first
    room_link.wait_for()
    audit(live, f"{lang}-live-room", found)
    room_url = room_link.get_attribute("href")
    assert room_url
    # The projected view (the projector's 1280x720): the room's QR code, then each activity.
    screen = live.context.new_page()
    screen.set_viewport_size(DESKTOP)
    screen.goto(live.locator("a.cxkit-screen-link").evaluate("(a) => a.href"))
    screen.locator(".cxkit-screen svg").wait_for()
    audit(screen, f"{lang}-screen-room", found, phone=False)
    _contribute(ws, parse_qs(urlsplit(room_url).query)["room"][0], engagement)
    choices = live.locator(".cxkit-activity-choice select option")
    for n in range(choices.count()):
        live.locator(".cxkit-activity-choice select").select_option(index=n)
        live.locator("button.cxkit-project").click()
        # The screen follows within a poll: its title becomes the activity's name.
        title = " ".join(choices.nth(n).inner_text().split())  # the option's spaces are U+00A0
        exactly = re.compile(f"^{re.escape(title)}$")
        screen.locator(".cxkit-screen-head h1").filter(has_text=exactly).wait_for()
        audit(screen, f"{lang}-screen-activity-{n + 1}", found, phone=False)
    live.context.close()
    # The room's welcome page, then the joined form, each of its activities.
    phone = open_page(browser, room_url, viewport=PHONE)
    phone.locator("button.cxkit-room-join").wait_for()
    audit(phone, f"{lang}-room-welcome", found)
    phone.locator("button.cxkit-room-join").click()
    phone.locator("a.cxkit-personal-link").wait_for()
    phone.get_by_text(texts["ready"]).first.wait_for()
    audit(phone, f"{lang}-room-joined", found)
    phone.context.close()
    (invitation,) = ws.invite(
        engagement, workshop, count=1
    )  # every activity, the questionnaire too
    phone = open_page(browser, forms.url(token=invitation.token or ""), viewport=PHONE)
    phone.get_by_text(texts["ready"]).first.wait_for()
    activities = phone.locator(".cxkit-selector button")
    assert activities.count() >= 4
    for n in range(activities.count()):
        button = activities.nth(n)
        name = button.inner_text().strip()
        button.click()
        phone.locator(".cxkit-selector button.mod-active", has_text=name).wait_for()
        phone.wait_for_timeout(500)  # the section's widgets render
        audit(phone, f"{lang}-activity-{n + 1}", found)
    # The short pages: a forged link, a closed room, the login and an unknown address.
    for name, url in (
        ("refused-link", forms.url(token="forged-token-forged-token-0000")),
        ("login", facilitator.base_url + "login"),
        ("not-found", facilitator.base_url + "no-such-page"),
    ):
        phone.goto(url)
        phone.wait_for_load_state("load")
        audit(phone, f"{lang}-{name}", found)
    for room in ws.rooms(engagement, workshop):
        ws.close_room(room.id)
    phone.goto(room_url)
    phone.wait_for_load_state("load")
    audit(phone, f"{lang}-room-closed", found)
    phone.context.close()
    return found


def test_french_pages_pass_axe_wcag21_aa(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = servers
    with Workspace.open(url=workspace_url) as ws:
        found = _pages_pass_axe(browser, facilitator, forms, ws, "fr")
    assert found == {}


def test_english_pages_pass_axe_wcag21_aa(
    browser: Any, english_servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    facilitator, forms = english_servers
    with Workspace.open(url=workspace_url) as ws:
        found = _pages_pass_axe(browser, facilitator, forms, ws, "en")
    assert found == {}


FOCUS_SEEN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {visible: el.matches(':focus-visible'), outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth) || 0,
          tag: el.tagName, classes: el.className || '', text: (el.innerText || '').trim().slice(0, 40)};
}"""


def tab_to(page: Any, selector: str, *, limit: int = 80) -> dict[str, Any]:
    """Press Tab until the focus is on ``selector``; every stop must show where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_SEEN)
        if focus is None:
            continue
        assert focus["visible"] and focus["outline"] != "none" and focus["width"] >= 2, focus
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return dict(focus)
    raise AssertionError(f"{selector} not reached with Tab in {limit} presses")


def test_join_propose_and_give_dots_with_the_keyboard_alone(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    _, forms = servers
    ws = Workspace.open(url=workspace_url)
    engagement = "a11y-keyboard"
    workshop = copy_engagement(ws, engagement, "fr")
    room = ws.open_room(engagement, workshop)
    phone = open_page(browser, forms.url(room=room.token or ""), viewport=PHONE)
    phone.locator("button.cxkit-room-join").wait_for()
    tab_to(phone, "button.cxkit-room-join")
    phone.keyboard.press("Enter")
    phone.locator("a.cxkit-personal-link").wait_for()
    phone.get_by_text(TEXTS["fr"]["ready"]).first.wait_for()
    tab_to(phone, ".cxkit-proposal textarea")
    phone.keyboard.type("Ils me rappellent quand ils l'ont promis")
    tab_to(phone, "button.cxkit-propose-send")  # leaving the text area sends its text first
    phone.keyboard.press("Enter")
    phone.locator(".cxkit-status[aria-live='polite']").get_by_text(
        "Merci, c'est enregistré."
    ).wait_for()
    focus = tab_to(phone, ".cxkit-selector button:not(.mod-active)")
    while "Voter" not in focus["text"]:
        focus = tab_to(phone, ".cxkit-selector button:not(.mod-active)", limit=2)
    phone.keyboard.press("Space")
    phone.locator(".cxkit-selector button.mod-active", has_text="Voter").wait_for()
    tab_to(phone, "button.cxkit-step-plus")
    phone.keyboard.press("Space")
    phone.locator(".cxkit-given").first.get_by_text("1 gommette").wait_for()
    phone.keyboard.press("Space")  # the focus stayed on +: a second dot
    phone.locator(".cxkit-given").first.get_by_text("2 gommettes").wait_for()
    tab_to(phone, "button.cxkit-vote-send")
    phone.keyboard.press("Enter")
    # The result is announced: the thank-you lands in a polite live region.
    thanks = "Merci, vos 2 gommettes sont enregistrées."
    phone.locator(".cxkit-status[aria-live='polite']").get_by_text(thanks).wait_for()
    screenshot(phone, "a11y-keyboard-dots")
    phone.context.close()
    sent = ws.contributions(engagement, workshop)
    kinds = sorted(c.kind for c in sent)
    assert kinds.count("pillar-proposal") == 1 and kinds.count("vote") == 1, kinds
    assert any(c.text == "Ils me rappellent quand ils l'ont promis" for c in sent)


CLIPPED = r"""(selector) => {
  const problems = [];
  for (const root of document.querySelectorAll(selector)) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || !el.getClientRects().length || !el.innerText) continue;
      const hides = (v) => v === 'hidden' || v === 'clip';
      if (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 2)
        problems.push('cut at the bottom: ' + JSON.stringify(el.innerText.trim().slice(0, 40)));
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent);
      const words = /\p{L}{4,}/u.test(own.join(' '));
      if (words && el.getBoundingClientRect().width < 2.5 * parseFloat(style.fontSize))
        problems.push('squeezed to a few letters a line: ' + JSON.stringify(el.innerText.trim().slice(0, 40)));
      if (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 2)
        problems.push('cut at the side: ' + JSON.stringify(el.innerText.trim().slice(0, 40)));
    }
  }
  return problems;
}"""


def test_the_form_reflows_at_320_px_with_200_percent_text(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    """WCAG 1.4.4 and 1.4.10: the reader's larger text (the root's size, as a browser setting
    does) enlarges the form's text, and at 320 px nothing is cut, overlapped or off screen."""
    _, forms = servers
    ws = Workspace.open(url=workspace_url)
    workshop = copy_engagement(ws, "a11y-fr", "fr")
    (invitation,) = ws.invite("a11y-fr", workshop, count=1)
    phone = open_page(browser, forms.url(token=invitation.token or ""), viewport=PHONE)
    phone.get_by_text(TEXTS["fr"]["ready"]).first.wait_for()
    body_text = ".cxkit-participant p"
    before = phone.locator(body_text).first.evaluate(
        "(el) => parseFloat(getComputedStyle(el).fontSize)"
    )
    phone.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    after = phone.locator(body_text).first.evaluate(
        "(el) => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert after >= 1.9 * before, (before, after)
    activities = phone.locator(".cxkit-selector button")
    for n in range(activities.count()):
        button = activities.nth(n)
        name = button.inner_text().strip()
        button.click()
        phone.locator(".cxkit-selector button.mod-active", has_text=name).wait_for()
        phone.wait_for_timeout(500)
        phone.set_viewport_size({"width": 320, "height": PHONE["height"]})
        with contextlib.suppress(PlaywrightTimeout):  # a resize reflows asynchronously
            phone.wait_for_function(
                "([sel, w]) => [...document.querySelectorAll(sel)]"
                ".every((el) => el.getBoundingClientRect().right <= w + 1)",
                arg=[PHONE_PAGES, 320],
                timeout=20_000,
            )
        assert phone.evaluate(CLIPPED, PHONE_PAGES) == [], name
        fits_the_phone(phone, f"a11y-320-200pc-{n + 1}", width=320)
    assert phone.evaluate(LAYOUT_PROBLEMS, PHONE_PAGES) == []
    phone.context.close()
