"""The workbook, reopened with openpyxl as a client's team would open it in Excel."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any, get_args

import pytest
from openpyxl import load_workbook

from cxkit import vocab
from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.workbook import build_workbook, sheets
from cxkit.xlsx import unique_headers

SHEETS_FR = [
    "Promesse",
    "Périmètre",
    "Standards",
    "KPIs",
    "Pistes d'actions",
    "Rituels",
    "Postures",
    "Segments",
    "Benchmark",
    "Verbatims",
]
CODES = {
    str(code)
    for literal in (
        vocab.StandardScope,
        vocab.Priority,
        vocab.DeviceKind,
        vocab.ActorKind,
        vocab.Audience,
        vocab.Team,
        vocab.Vision,
        vocab.SegmentValue,
        vocab.SegmentPriority,
        vocab.Orientation,
    )
    for code in get_args(literal)
}
"""The format's codes, which a team must never have to read in a cell."""


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory, demo_engagement: Engagement) -> Path:
    return build_workbook(demo_engagement, tmp_path_factory.mktemp("wb") / "demo.xlsx")


def _rows(ws: Any) -> dict[Any, dict[str, Any]]:
    """The sheet's rows by their first cell, each as {header: value}."""
    headers = [c.value for c in ws[1]]
    return {
        r[0]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }


def _drop_down(book: Any, ws: Any, column: str) -> list[str]:
    """The labels offered in a column's drop-down, read from the sheet its list points to."""
    (dv,) = [d for d in ws.data_validations.dataValidation if column in str(d.sqref).split(":")[0]]
    assert dv.type == "list" and dv.showErrorMessage
    sheet, cells = dv.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    lists = book[sheet.strip("'")]
    return [c.value for (c,) in lists[f"{first}:{last}"]]


def test_the_workbook_has_its_sheets_each_an_excel_table(demo_book: Path) -> None:
    book = load_workbook(demo_book)
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == SHEETS_FR
    assert [ws.sheet_state for ws in book.worksheets[len(SHEETS_FR) :]] == ["hidden"]
    names = set()
    for title in SHEETS_FR:
        ws = book[title]
        assert ws.freeze_panes == "B2"
        assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F5C73")
        assert all(8 <= (ws.column_dimensions[c.column_letter].width or 0) <= 60 for c in ws[1])
        (table,) = ws.tables.values()
        names.add(table.displayName)
        assert table.ref == f"A1:{ws[1][-1].column_letter}{max(2, ws.max_row)}"
        assert table.tableStyleInfo.name and table.tableStyleInfo.showRowStripes
        headers = [c.value for c in ws[1]]
        assert all(isinstance(h, str) and h for h in headers)
        assert len({h.casefold() for h in headers}) == len(headers)
        assert [c.name for c in table.tableColumns] == headers
        assert not ws.auto_filter.ref  # the table's own filter, not a second one
    assert len(names) == len(SHEETS_FR)


def test_promise_perimeter_and_segments_have_their_sheets(demo_book: Path) -> None:
    book = load_workbook(demo_book)
    promise = list(book["Promesse"].iter_rows(values_only=True))
    assert promise[0] == ("Élément", "Texte")
    assert promise[1] == ("Promesse", "La santé simplifiée, à vos côtés.")
    assert [r[1] for r in promise if r[0] == "Composante"] == [
        "Simplicité",
        "Rapidité",
        "Proximité",
        "Solidarité",
    ]
    assert promise[-1] == ("Orientation du référentiel", "Stratégique et opérationnelle")
    perimeter = list(book["Périmètre"].iter_rows(min_row=2, values_only=True))
    assert ("Offres", "Prévoyance TNS") in perimeter
    assert ("Étapes du parcours", "Hospitalisation") in perimeter
    assert ("Segments", "Travailleurs indépendants") in perimeter  # a name, not its id
    segments = _rows(book["Segments"])
    familles = segments["familles"]
    assert familles["Poids"] == 0.41 and book["Segments"]["D3"].number_format == "0%"
    assert familles["Valeur"] == "Forte" and familles["Priorité"] == "Fidélisation"
    assert familles["Besoins"].startswith("Tiers payant étendu\n")


def test_labels_not_codes_and_drop_downs_of_labels(demo_book: Path) -> None:
    book = load_workbook(demo_book)
    for title in SHEETS_FR:
        cells = {v for row in book[title].iter_rows(values_only=True) for v in row}
        assert not cells & CODES, title
    assert _rows(book["Standards"])["std-hospi"]["Portée"] == "Spécifique"
    assert _drop_down(book, book["Standards"], "G") == ["Commun", "Spécifique"]
    actions = book["Pistes d'actions"]
    assert _rows(actions)["act-suivi"]["Priorité"] == "Haute"
    assert _drop_down(book, actions, "C")[0] == "Modèle de distribution et relation client"
    assert _drop_down(book, actions, "E") == ["✓"]
    assert _drop_down(book, book["Segments"], "E") == ["Forte", "Moyenne", "Faible"]
    assert _drop_down(book, book["Verbatims"], "G") == [
        "Jeunes actifs",
        "Familles",
        "Seniors",
        "Travailleurs indépendants",
    ]
    assert _drop_down(book, book["Périmètre"], "A") == [
        "Offres",
        "Étapes du parcours",
        "Canaux",
        "Segments",
    ]
    scores = [d for d in book["Benchmark"].data_validations.dataValidation if d.type == "whole"]
    assert scores and all((d.formula1, d.formula2) == ("1", "5") for d in scores)


def test_dates_are_excel_dates(demo_book: Path) -> None:
    ws = load_workbook(demo_book)["Verbatims"]
    assert ws["C1"].value == "Date"
    dated = [c for (c,) in ws.iter_rows(min_row=2, min_col=3, max_col=3) if c.value]
    assert dated and all(isinstance(c.value, dt.datetime) for c in dated)
    assert all(c.is_date and c.number_format == "DD/MM/YYYY" for c in dated)
    assert dt.datetime(2026, 9, 14) in {c.value for c in dated}


def test_the_document_names_its_client_subject_and_consultants(
    demo_book: Path, tmp_path: Path, draft: Engagement
) -> None:
    props = load_workbook(demo_book).properties
    assert props.title == "Horizon Mutuelle · Référentiel expérience client et plan d'actions"
    assert props.subject == "Référentiel expérience client et plan d'actions"
    assert props.creator == props.lastModifiedBy == "Claire Martin, Hugo Petit"
    assert props.language == "fr-FR"
    empty = load_workbook(build_workbook(draft, tmp_path / "draft.xlsx")).properties
    assert empty.creator == "cxkit" and empty.title.startswith("ACME Énergie · ")


def test_standards_carry_their_perimeter_and_numbers_stay_numbers(demo_book: Path) -> None:
    rows = _rows(load_workbook(demo_book)["Standards"])
    hospi = rows["std-hospi"]
    assert hospi["Seuil"] == 95 and hospi["Étapes du parcours"] == "Hospitalisation"
    assert hospi["Segments"] == "Seniors, Familles"
    assert rows["std-remb"]["Piliers"] == "Fiable"


def test_action_leads_cross_pillars_and_devices(demo_book: Path) -> None:
    ws = load_workbook(demo_book)["Pistes d'actions"]
    headers = [c.value for c in ws[1]]
    for pillar in ("Fiable", "Proche", "Clair", "Engagé"):
        assert pillar in headers
    suivi = _rows(ws)["act-suivi"]
    assert suivi["Fiable"] == "✓" and suivi["Clair"] == "✓" and suivi["Proche"] is None
    assert suivi["Porteur"] == "Direction des opérations" and suivi["Horizon"] == 2027
    assert ws.max_row == 7


def test_benchmark_and_verbatims(demo_book: Path) -> None:
    book = load_workbook(demo_book)
    bench = list(book["Benchmark"].iter_rows(values_only=True))
    assert bench[0][:3] == ("Acteur", "Type", "Rapidité de remboursement")
    assert bench[1][:3] == ("Horizon Mutuelle", "Le client", 3)
    amazon = next(r for r in bench if r[0] == "Amazon")
    assert amazon[bench[0].index("Accessibilité du conseil")] is None
    verbatims = list(book["Verbatims"].iter_rows(values_only=True))
    assert len(verbatims) == 1 + 6
    assert any(r[0].startswith("Vos courriers") and r[6] == "Seniors" for r in verbatims[1:])


def test_english_labels_and_a_draft(
    tmp_path: Path, demo_engagement: Engagement, draft: Engagement
) -> None:
    book = load_workbook(build_workbook(demo_engagement, tmp_path / "en.xlsx", lang="en"))
    assert book.sheetnames[:2] == ["Promise", "Perimeter"] and book.sheetnames[4] == "Action leads"
    assert [c.value for c in book["KPIs"][1]][:3] == ["Id", "KPI", "Pillars"]
    assert _rows(book["Segments"])["familles"]["Value"] == "High"
    assert book.properties.subject == "Customer experience referential and action plan"
    empty = load_workbook(build_workbook(draft, tmp_path / "draft.xlsx"))
    assert [ws.title for ws in empty.worksheets if ws.sheet_state == "visible"] == SHEETS_FR
    for ws in empty.worksheets[: len(SHEETS_FR)]:
        assert ws.max_row <= 2 and not any(c.value for c in ws[2] if ws.max_row == 2)
        (table,) = ws.tables.values()  # a table needs one data row: a blank one
        assert table.ref.endswith("2")


def test_a_formula_adopted_as_a_pillar_lands_as_text(tmp_path: Path, demo: Engagement) -> None:
    ws = Workspace.open(url=f"sqlite:///{tmp_path / 'ws.db'}")
    try:
        ws.create(demo, "alice")
        (inv,) = ws.invite("horizon-mutuelle", "atelier-1")
        assert inv.token
        proposal = ws.participant(inv.token).submit(
            "pillar-proposal", text='=HYPERLINK("http://x")'
        )
        ws.adopt_proposals("horizon-mutuelle", [proposal.id], "alice", base_revision=1)
        engagement = ws.load("horizon-mutuelle").engagement
    finally:
        ws.close()
    engagement.strategy.kpis[0].pillars = [engagement.strategy.pillars[-1].id]
    book = load_workbook(build_workbook(engagement, tmp_path / "book.xlsx"))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert '\'=HYPERLINK("http://x")' in texts  # the actions' pillar column header
    assert all(t.startswith("'=") for t in texts)
    assert any(c.value == '\'=HYPERLINK("http://x")' for c in book["KPIs"]["C"])


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_the_workbook_is_written_with_the_umask_permissions(
    tmp_path: Path, draft: Engagement, umask: int
) -> None:
    previous = os.umask(umask)
    try:
        path = build_workbook(draft, tmp_path / "book.xlsx")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_the_large_workbook_holds_every_row(large: Engagement) -> None:
    parts = {s.title: s for s in sheets(large)}
    assert len(parts["Standards"].rows) == 120
    assert len(parts["Pistes d'actions"].rows) == 500
    assert len(parts["Benchmark"].rows) == 61 and len(parts["Benchmark"].headers) == 23


def test_headers_become_valid_table_column_names() -> None:
    headers = unique_headers(["Porteur", "porteur", "", "a\nb", "x" * 400, "x" * 400])
    assert headers[:4] == ("Porteur", "porteur (2)", "3", "a b")
    assert len(headers[4]) <= 255 and headers[5] == headers[4] + " (2)"
