"""The consultant's pages as the facilitator app serves them: real Voilà, real headless Chromium.

Each page (home, collection, workshops, restitution) is opened on the demo at
1440 px and at 1280×720 and checked for what a consultant saw go wrong: an
input or a drop-down running past the page's column, a button whose text is
cut, table cells whose texts run together, grid headers over each other, an
id or a check code in the visible text (codes may only sit in a closed
"details" fold), "(s)" plurals, English on a French page, and French
punctuation that could wrap onto a line of its own. Screenshots go to
``tests/artifacts/forms/`` for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxkit.apps.servers import VoilaServer, start_server
from cxkit.document import new_engagement
from cxkit.i18n import t
from cxkit.store import Workspace
from cxkit.ui.widgets import all_ids
from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEMO = "horizon-mutuelle"
ENGLISH_CLIENT = "Northwind Insurance"  # an engagement in English, created by the fixture
SHOTS = ARTIFACTS / "forms"
WIDE = {"width": 1440, "height": 900}
PROJECTOR = {"width": 1280, "height": 720}
TIMEOUT_MS = 120_000
# The last section of each page: once its heading shows, every cell has run.
PAGES = {
    "home": "forms.section.home_list.title",
    "collection": "forms.section.benchmark.title",
    "workshops": "forms.section.sessions.title",
    "restitution": "forms.section.exports.title",
}
FRENCH = re.compile(r"\b(les|des|une|est|pour|dans|avec|aucun|enregistré|révision)\b", re.I)
ENGLISH = re.compile(r"\b(the|and|with|your|this|are|from|which|what|into|open|start)\b", re.I)
CODE = re.compile(r"\bCX\d{3}\b")
PATH = re.compile(r"\b(?:environment|strategy|referential|collection|validation)\.\w+")
UNSPACED = re.compile(r"\w\(s\)|[ ][?!;:»]|« ")

# What must never happen inside a form, measured in the page. A text's extent is its
# rendered glyphs (a DOM Range), not its box: a label that does not wrap overflows a box
# that looks fine.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const say = (el) => JSON.stringify((el.innerText || el.value || el.tagName).trim().slice(0, 40));
  const glyphs = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return r.width || r.height ? r : null;
  };
  const shown = (el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length;
  for (const form of document.querySelectorAll('.cxkit-form')) {
    if (form.parentElement.closest('.cxkit-form')) continue;  // measured from the outermost
    const column = form.getBoundingClientRect();
    for (const el of form.querySelectorAll('input, select, textarea, button, .widget-box, table')) {
      if (!shown(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.right > column.right + 1) problems.push('past the column: ' + say(el));
    }
    for (const el of form.querySelectorAll('button')) {
      if (shown(el) && el.scrollWidth > el.clientWidth + 1) problems.push('cut: ' + say(el));
    }
    for (const cell of form.querySelectorAll('table td, table th')) {
      const text = glyphs(cell);
      if (!text || !shown(cell)) continue;
      const box = cell.getBoundingClientRect();
      if (text.left < box.left + 2 || text.right > box.right - 2)
        problems.push('cell text touches its neighbour: ' + say(cell));
    }
    for (const head of form.querySelectorAll('.cxkit-grid-head .widget-html-content')) {
      const text = glyphs(head);
      const box = head.getBoundingClientRect();
      if (text && (text.right > box.right + 1 || text.top < box.top - 1))
        problems.push('grid header out of its column: ' + say(head));
    }
    for (const el of [form, ...form.querySelectorAll('.widget-vbox')]) {
      const kids = [...el.children].filter(shown);
      for (let i = 1; i < kids.length; i++) {
        if (kids[i].getBoundingClientRect().top < kids[i - 1].getBoundingClientRect().bottom - 1)
          problems.push('overlap: ' + say(kids[i - 1]) + ' / ' + say(kids[i]));
      }
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def facilitator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[VoilaServer, str]]:
    """The facilitator's Voilà server on a fresh SQLite workspace holding the demo."""
    base = tmp_path_factory.mktemp("forms-pages")
    url = f"sqlite:///{base / 'cxkit.db'}"
    ws = Workspace.open(url=url)
    ws.ensure_demo()
    ws.create(new_engagement(ENGLISH_CLIENT, None, "en"), "claire")
    env = {"CXKIT_DB_URL": url, "CXKIT_LANG": "fr"}
    for name in ("RUNTIME", "DATA", "CONFIG"):
        (base / name).mkdir()
        env[f"JUPYTER_{name}_DIR"] = str(base / name)
    server = start_server("facilitator", env=env, log_dir=base)
    yield server, url
    server.stop()


def opened(
    browser: Any, server: VoilaServer, name: str, engagement: str = DEMO, lang: str = "fr"
) -> Any:
    """The page ``name`` on ``engagement``, once its last section has been drawn."""
    context = browser.new_context(viewport=WIDE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server.notebook_url(f"{name}.ipynb", engagement=engagement))
    page.get_by_text(t(PAGES[name], lang), exact=True).first.wait_for()
    page.locator(".cxkit-form").last.wait_for()
    return page


def shot(page: Any, name: str, viewport: dict[str, int], *, whole: bool) -> Path:
    """A screenshot at ``viewport``'s width; ``whole`` stretches it to the page's height.

    Voilà's page scrolls inside a panel, so a full-page screenshot needs a
    viewport as tall as the content.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    if whole:
        tall = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('.cxkit-form')]"
            ".map((el) => el.getBoundingClientRect().bottom + 60), 0)"
        )
        page.set_viewport_size({"width": viewport["width"], "height": max(900, int(tall))})
    path = SHOTS / f"{name}-{viewport['width']}{'' if whole else 'x' + str(viewport['height'])}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path


def visible_text(page: Any) -> str:
    """What a reader sees: the rendered text (a closed details fold is not rendered).

    A list's and a drop-down's options are not in ``innerText``: they are added.
    """
    return str(
        page.evaluate(
            "() => [document.body.innerText,"
            " ...[...document.querySelectorAll('option')].map((o) => o.text)].join('\\n')"
        )
    )


def demo_ids(url: str) -> set[str]:
    """The demo's ids that cannot be words of a sentence (they hold a hyphen or a digit)."""
    doc = Workspace.open(url=url).load(DEMO).engagement.model_dump(mode="json")
    return {i for i in all_ids(doc) if re.search(r"[-\d]", i)}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_fits_its_column_and_names_things_in_french(
    browser: Any, facilitator: tuple[VoilaServer, str], name: str
) -> None:
    server, url = facilitator
    page = opened(browser, server, name)
    try:
        for viewport in (WIDE, PROJECTOR):
            page.set_viewport_size(viewport)
            problems = page.evaluate(LAYOUT_PROBLEMS)
            assert problems == [], f"{name} at {viewport['width']} px: {problems}"
        shot(page, name, WIDE, whole=True)
        shot(page, name, PROJECTOR, whole=False)

        text = visible_text(page)
        assert "Traceback" not in text
        assert not CODE.findall(text), f"{name}: check codes shown: {CODE.findall(text)}"
        assert not PATH.findall(text), f"{name}: paths shown: {PATH.findall(text)}"
        shown_ids = sorted(i for i in demo_ids(url) if re.search(rf"(?<![\w-]){i}(?![\w-])", text))
        assert shown_ids == [], f"{name}: ids shown: {shown_ids}"
        assert not ENGLISH.findall(text), (
            f"{name}: English on a French page: {ENGLISH.findall(text)}"
        )
        bad = sorted({text[max(0, m.start() - 25) : m.end() + 5] for m in UNSPACED.finditer(text)})
        assert bad == [], f"{name}: plural '(s)' or a breakable space before punctuation: {bad}"
    finally:
        page.context.close()


def test_check_codes_wait_in_a_fold_and_deliverables_download_from_buttons(
    browser: Any, facilitator: tuple[VoilaServer, str]
) -> None:
    server, _ = facilitator
    page = opened(browser, server, "restitution")
    try:
        folds = page.locator("details.cxkit-dev")
        assert folds.count() >= 1
        assert not CODE.search(visible_text(page))
        folds.first.locator("summary").click()  # a developer opens one: the code is there
        assert CODE.search(folds.first.inner_text())

        page.get_by_role("button", name=t("ui.exports.workbook", "fr")).click()
        link = page.locator("a.cxkit-download")
        link.wait_for()
        style = link.evaluate(
            "(a) => { const s = getComputedStyle(a);"
            " return {border: s.borderTopStyle, display: s.display, bg: s.backgroundColor}; }"
        )
        assert style["border"] != "none" and style["display"] == "inline-block", style
        assert style["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), style
        assert link.get_attribute("download", timeout=1000)
        assert page.evaluate(LAYOUT_PROBLEMS) == []
        shot(page, "restitution-deliverables", WIDE, whole=True)
    finally:
        page.context.close()


@pytest.mark.parametrize("name", ["collection", "workshops", "restitution"])
def test_an_english_engagement_reads_english_only(
    browser: Any, facilitator: tuple[VoilaServer, str], name: str
) -> None:
    server, url = facilitator
    ident = next(
        s.id for s in Workspace.open(url=url).list_engagements() if s.client == ENGLISH_CLIENT
    )
    page = opened(browser, server, name, ident, "en")
    try:
        assert page.evaluate(LAYOUT_PROBLEMS) == []
        text = visible_text(page)
        assert t(f"forms.intro.{name}.title", "en") in text
        assert not FRENCH.findall(text), (
            f"{name}: French on an English page: {FRENCH.findall(text)}"
        )
        assert not CODE.findall(text) and " :" not in text
        shot(page, f"{name}-en", WIDE, whole=True)
    finally:
        page.context.close()
