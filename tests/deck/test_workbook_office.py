"""A real office suite opens the workbook: LibreOffice Calc converts it to PDF, a page a sheet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cxkit.model import Engagement
from cxkit.workbook import build_workbook
from tests.conftest import ROOT, require, require_program

sys.path.insert(0, str(ROOT / "benchmarks"))
from render_slides import to_pdf

pytestmark = pytest.mark.office


def test_libreoffice_calc_opens_the_workbook_one_landscape_page_a_sheet(
    tmp_path: Path, demo_engagement: Engagement
) -> None:
    soffice = require_program("soffice")
    calc = Path(soffice).resolve().parent / "libsclo.so"
    require(calc.exists(), "LibreOffice Calc (Debian: libreoffice-calc-nogui)")
    pdf = to_pdf(build_workbook(demo_engagement, tmp_path / "demo.xlsx"), tmp_path)
    assert pdf.exists(), "LibreOffice could not load the workbook"
    info = subprocess.run(
        [require_program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           10" in info  # ten sheets, each one page wide and long; lists hidden
    width, height = (float(x) for x in info.split("Page size:")[1].split()[0:3:2])
    assert width > height
    text = subprocess.run(
        [require_program("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for shown in ("Orientation du référentiel", "Étapes du parcours", "14/09/2026", "Spécifique"):
        assert shown in text
    assert "specific" not in text and "2026-09-14" not in text
