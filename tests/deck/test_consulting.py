"""The deck as a consulting deliverable: client-facing words, messages, length (no python-pptx)."""

from __future__ import annotations

import re

from cxkit.checks import run_checks
from cxkit.deck import plan_deck
from cxkit.model import Engagement
from tests.deck.conftest import TODAY

CODE = re.compile(r"\bCX\d{3}\b")


def test_no_check_code_nor_internal_review_on_any_slide(demo_engagement: Engagement) -> None:
    for lang in ("fr", "en"):
        plan = plan_deck(demo_engagement, lang, today=TODAY)
        shown = "\n".join(t for s in plan.slides for t in s.texts())
        assert not CODE.search(shown)
        for internal in ("revue de cohérence", "consistency review", "Terminé", "Done"):
            assert internal not in shown


def test_open_points_are_a_slide_for_the_committee_codes_in_the_notes(
    demo_engagement: Engagement,
) -> None:
    warnings = [f for f in run_checks(demo_engagement) if f.severity == "warning"]
    assert warnings, "the demo has open points"
    plan = plan_deck(demo_engagement, "en", today=TODAY)
    (slide,) = [s for s in plan.slides if s.title == "Points to settle"]
    (table,) = slide.tables()
    assert [c.header for c in table.columns] == ["Part", "Point to settle", "Concerns"]
    assert len(table.rows) == len({f.code for f in warnings})
    for f in warnings:
        assert f.code in slide.notes
    cells = [cell for row in table.rows for cell in row]
    assert any("Jeunes actifs" in cell for cell in cells)
    assert any("CX strategy" in cell for cell in cells[2::3])  # a part by its name, not its key


def test_with_nothing_open_there_is_no_points_slide(draft: Engagement) -> None:
    assert not [f for f in run_checks(draft) if f.severity == "warning"]
    plan = plan_deck(draft, "en", today=TODAY)
    assert not any(s.title == "Points to settle" for s in plan.slides)
