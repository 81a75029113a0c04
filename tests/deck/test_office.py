"""A real office suite opens the deck: LibreOffice converts it to PDF, one page a slide."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cxkit.deck import plan_deck
from cxkit.model import Engagement
from tests.conftest import ROOT, require_program

sys.path.insert(0, str(ROOT / "benchmarks"))
from render_slides import to_pdf, to_png

pytestmark = pytest.mark.office


@pytest.fixture(scope="module")
def demo_pdf(decks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_program("soffice")
    folder = tmp_path_factory.mktemp("pdf")
    return to_pdf(decks["fr"], folder)


def test_libreoffice_converts_the_demo_deck_one_page_per_slide(
    demo_pdf: Path, demo_engagement: Engagement
) -> None:
    pdfinfo = require_program("pdfinfo")
    info = subprocess.run([pdfinfo, str(demo_pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )
    assert pages == len(plan_deck(demo_engagement).slides)
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))
    width, height = (float(x) for x in size.split()[2:5:2])
    assert abs(width / height - 16 / 9) < 0.01


def test_slides_render_to_png_for_a_person_to_look_at(demo_pdf: Path, tmp_path: Path) -> None:
    require_program("pdftoppm")
    pngs = to_png(demo_pdf, tmp_path, dpi=20, pages=[1, 2])
    assert len(pngs) == 2
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
