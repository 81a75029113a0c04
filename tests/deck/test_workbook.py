"""The workbook, reopened with openpyxl as a client's team would open it in Excel."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from cxkit.model import Engagement
from cxkit.workbook import build_workbook, sheets

SHEETS_FR = [
    "Standards",
    "KPIs",
    "Pistes d'actions",
    "Rituels",
    "Postures",
    "Benchmark",
    "Verbatims",
]


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory, demo_engagement: Engagement) -> Path:
    return build_workbook(demo_engagement, tmp_path_factory.mktemp("wb") / "demo.xlsx")


def test_the_workbook_has_its_sheets_filters_and_frozen_panes(demo_book: Path) -> None:
    book = load_workbook(demo_book)
    assert book.sheetnames == SHEETS_FR
    for ws in book.worksheets:
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F5C73")
        assert all(8 <= (ws.column_dimensions[c.column_letter].width or 0) <= 60 for c in ws[1])


def test_standards_carry_their_perimeter_and_numbers_stay_numbers(demo_book: Path) -> None:
    ws = load_workbook(demo_book)["Standards"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["Identifiant", "Standard", "Piliers", "Indicateur", "Seuil"]
    rows = {
        r[0]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }
    hospi = rows["std-hospi"]
    assert hospi["Seuil"] == 95 and hospi["Étapes du parcours"] == "Hospitalisation"
    assert hospi["Segments"] == "Seniors, Familles" and hospi["Portée"] == "spécifique"
    assert rows["std-remb"]["Piliers"] == "Fiable"


def test_action_leads_cross_pillars_and_devices(demo_book: Path) -> None:
    ws = load_workbook(demo_book)["Pistes d'actions"]
    headers = [c.value for c in ws[1]]
    for pillar in ("Fiable", "Proche", "Clair", "Engagé"):
        assert pillar in headers
    rows = {
        r[0]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }
    suivi = rows["act-suivi"]
    assert suivi["Fiable"] == "✓" and suivi["Clair"] == "✓" and suivi["Proche"] is None
    assert suivi["Porteur"] == "Direction des opérations" and suivi["Horizon"] == 2027
    assert suivi["Priorité"] == "haute"
    assert ws.max_row == 7


def test_benchmark_and_verbatims(demo_book: Path) -> None:
    book = load_workbook(demo_book)
    bench = list(book["Benchmark"].iter_rows(values_only=True))
    assert bench[0][:3] == ("Acteur", "Type", "Rapidité de remboursement")
    assert bench[1][:3] == ("Horizon Mutuelle", "le client", 3)
    amazon = next(r for r in bench if r[0] == "Amazon")
    assert amazon[bench[0].index("Accessibilité du conseil")] is None
    verbatims = list(book["Verbatims"].iter_rows(values_only=True))
    assert len(verbatims) == 1 + 6
    assert any(r[0].startswith("Vos courriers") and r[6] == "Seniors" for r in verbatims[1:])


def test_english_headers_and_a_draft(
    tmp_path: Path, demo_engagement: Engagement, draft: Engagement
) -> None:
    book = load_workbook(build_workbook(demo_engagement, tmp_path / "en.xlsx", lang="en"))
    assert book.sheetnames[2] == "Action leads"
    assert [c.value for c in book["KPIs"][1]][:3] == ["Id", "KPI", "Pillars"]
    empty = load_workbook(build_workbook(draft, tmp_path / "draft.xlsx"))
    assert empty.sheetnames == SHEETS_FR
    assert all(ws.max_row == 1 for ws in empty.worksheets)


def test_the_large_workbook_holds_every_row(large: Engagement) -> None:
    parts = {s.title: s for s in sheets(large)}
    assert len(parts["Standards"].rows) == 120
    assert len(parts["Pistes d'actions"].rows) == 500
    assert len(parts["Benchmark"].rows) == 61 and len(parts["Benchmark"].headers) == 23
