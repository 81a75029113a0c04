"""Nothing overflows, proven from the PDF LibreOffice draws (issue 12, item 5).

The harness (``tests/deck/overflow.py``) is first shown to find each kind
of overflow on a deck made to have them, so a clean result means something.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from cxkit.deck import build_deck
from cxkit.deck.layouts import LAYOUTS, default_template
from cxkit.model import Engagement
from tests.conftest import require_program
from tests.deck.hostile import ANSI, hostile_engagement
from tests.deck.overflow import Problem, check_decks, footer_top, report

pytestmark = pytest.mark.office


def _office() -> None:
    require_program("soffice")
    require_program("pdftotext")


def _text(slide: Any, box: tuple[float, float, float, float], text: str) -> None:
    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = None
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(14)


def _faulty_deck(path: Path) -> Path:
    """Three slides on the default template: one clean, two with every kind of fault."""
    prs = Presentation(str(default_template()))
    layout = prs.slide_layouts.get_by_name(LAYOUTS["content"])
    for _ in range(3):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = "Titre"
        _text(slide, (1, 1.6, 5, 1), "Un texte qui tient dans sa boîte.")
        _text(slide, (0.6, 7.0, 4, 0.3), "Client · Sujet")  # the footer, on every slide
    second, third = prs.slides[1], prs.slides[2]
    _text(second, (7, 5.6, 3, 0.5), "\n".join(f"ligne{i} débordante" for i in range(12)))
    _text(third, (12.3, 3, 3, 0.5), "horsdelapage")
    _text(third, (6, 7.0, 3, 0.3), "intrus")
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def problems_of(
    decks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Problem]]:
    """The problems of each deck of this module, all converted in one LibreOffice run."""
    _office()
    folder = tmp_path_factory.mktemp("overflow")
    hostile: Engagement = hostile_engagement()
    built = {
        "faulty": _faulty_deck(folder / "faulty.pptx"),
        "demo-fr": decks["fr"],
        "demo-en": decks["en"],
        **{
            f"hostile-{lang}": build_deck(hostile, folder / f"hostile-{lang}.pptx", lang=lang)
            for lang in ("fr", "en")
        },
    }
    return dict(zip(built, check_decks(list(built.values()), folder), strict=True))


def test_the_footer_band_starts_at_the_templates_footer_rule() -> None:
    assert footer_top() == pytest.approx(6.9 * 72, abs=1)


def test_the_harness_finds_each_kind_of_overflow(problems_of: dict[str, list[Problem]]) -> None:
    problems = problems_of["faulty"]
    by_slide: dict[int, set[str]] = {}
    for problem in problems:
        by_slide.setdefault(problem.slide, set()).add(problem.kind)
    assert 1 not in by_slide, report(problems)
    assert {"outside-shape", "footer"} <= by_slide[2], report(problems)
    assert {"off-page", "footer"} <= by_slide[3], report(problems)
    assert Problem(3, "footer", "intrus", title="Titre") in problems
    assert not any(p.text == "Client" for p in problems)  # the footer itself is allowed


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_demo_deck_does_not_overflow(problems_of: dict[str, list[Problem]], lang: str) -> None:
    problems = problems_of[f"demo-{lang}"]
    assert problems == [], report(problems)


def test_the_hostile_engagement_is_valid_and_hostile() -> None:
    engagement = hostile_engagement()
    assert len(engagement.strategy.pillars) == 7
    texts = engagement.model_dump_json()
    assert "\\u001b" not in texts and "[31m" not in texts  # cleaned on the way in
    assert "rouge" in texts and ANSI not in texts
    assert "<script>" in texts and "שירות" in texts and "🚀" in texts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_hostile_deck_does_not_overflow(
    problems_of: dict[str, list[Problem]], lang: str
) -> None:
    problems = problems_of[f"hostile-{lang}"]
    assert problems == [], report(problems)
