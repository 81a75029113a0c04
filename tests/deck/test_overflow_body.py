"""Nothing overflows, proven on what LibreOffice draws: every word of every slide, read back
from the PDF with its position (poppler's ``pdftotext -bbox``), lies on the slide, and no
word but the footer's sits below the body frame. On the demo and on a hostile engagement:
very long quotes and names, emoji, right-to-left text, HTML, control characters, 7 pillars."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from cxkit.deck import DeckPlan, build_deck, plan_deck
from cxkit.model import Engagement
from tests.conftest import ROOT, require_program
from tests.deck.conftest import TODAY
from tests.deck.hostile import hostile_engagement

sys.path.insert(0, str(ROOT / "benchmarks"))
from render_slides import to_pdfs

pytestmark = pytest.mark.office

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
TOLERANCE = 2.0
"""Points: a glyph's ink may pass its line's box by a hair."""


def words_out_of_place(pdf: Path, plan: DeckPlan) -> list[str]:
    pdftotext = require_program("pdftotext")
    out = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")
    page = plan.page
    scale = 72.0  # points per inch
    body_bottom = (page.body.y + page.body.h) * scale
    footer_top = (page.height - 0.5) * scale
    footer = set(plan.footer.text.split())
    wrong = []
    for number, (w, h, body) in enumerate(_PAGE.findall(out), start=1):
        width, height = float(w), float(h)
        kind = plan.slides[number - 1].kind
        for x0, y0, x1, y1, text in _WORD.findall(body):
            x0, y0, x1, y1 = float(x0), float(y0), float(x1), float(y1)
            word = html.unescape(text)
            if all(unicodedata.category(c)[0] in "CZ" for c in word):
                continue  # joiners and marks alone (an emoji's, its glyphs missing) draw nothing
            where = f"slide {number}: {word!r} at ({x0:.0f}, {y0:.0f}, {x1:.0f}, {y1:.0f})"
            if (
                x0 < -TOLERANCE
                or y0 < -TOLERANCE
                or x1 > width + TOLERANCE
                or y1 > height + TOLERANCE
            ):
                wrong.append(f"{where} off the slide")
            elif kind == "content" and y0 >= footer_top - TOLERANCE:
                if word not in footer and not word.isdigit():
                    wrong.append(f"{where} on the footer")
            elif kind == "content" and y1 > body_bottom + TOLERANCE:
                wrong.append(f"{where} below the body frame")
    return wrong


@pytest.fixture(scope="module")
def wrong_words(
    demo_engagement: Engagement, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """The words out of place in the demo's deck and the hostile one's, both converted in one
    LibreOffice run."""
    require_program("soffice")
    folder = tmp_path_factory.mktemp("body")
    engagements = {"demo": demo_engagement, "hostile": hostile_engagement()}
    plans = {which: plan_deck(e, today=TODAY) for which, e in engagements.items()}
    decks = [
        build_deck(engagements[which], folder / f"{which}.pptx", plan=plan)
        for which, plan in plans.items()
    ]
    pdfs = to_pdfs(decks, folder)
    return {
        which: words_out_of_place(pdf, plan)
        for (which, plan), pdf in zip(plans.items(), pdfs, strict=True)
    }


@pytest.mark.parametrize("which", ["demo", "hostile"])
def test_no_word_lies_off_the_slide_or_on_the_footer(
    which: str, wrong_words: dict[str, list[str]]
) -> None:
    wrong = wrong_words[which]
    assert not wrong, "\n".join(wrong[:30])
