"""Importing a BI export: both layouts, both file types, the forms exports take, every refusal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cxkit.errors import FileFormatError, MeasuresRefused
from cxkit.measures_import import (
    demo_measurements_path,
    import_measurements,
    layout_of,
    read_measurements,
    read_measurements_file,
    read_number,
)
from cxkit.model import Engagement, Measurement


def _csv(tmp_path: Path, text: str, name: str = "mesures.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def _xlsx(tmp_path: Path, rows: list[list[Any]], name: str = "mesures.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / name)
    return tmp_path / name


def _triples(found: list[Measurement]) -> list[tuple[str, str, float]]:
    return sorted((m.of, m.period, m.value) for m in found)


def _refusal(path: Path, engagement: Engagement, lang: str = "fr") -> list[str]:
    with pytest.raises(MeasuresRefused) as caught:
        read_measurements_file(path, engagement)
    return [p.message(lang) for p in caught.value.problems]


# --- the demo files: one long CSV as a BI writes it, one wide workbook --------------------


def test_the_demo_files_hold_the_same_three_quarters(demo: Engagement) -> None:
    raw = demo_measurements_path("csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw and b"4,2" in raw  # BOM, ;, comma
    long = read_measurements_file(demo_measurements_path("csv"), demo)
    wide = read_measurements_file(demo_measurements_path("xlsx"), demo)
    assert len(long) == 21
    assert [(m.of, m.period, m.value, m.source) for m in sorted(long, key=_key)] == [
        (m.of, m.period, m.value, m.source) for m in sorted(wide, key=_key)
    ]
    assert {m.period for m in long} == {"2027-Q1", "2027-Q2", "2027-Q3"}
    assert {m.of for m in long} == {
        "std-remb",
        "std-tel",
        "std-courrier",
        "nps",
        "delai-remb",
        "joignabilite",
        "ces-courriers",
    }  # std-hospi is never measured, nor the KPI without baseline
    tel = {m.period: m.value for m in long if m.of == "std-tel"}
    assert tel == {"2027-Q1": 4.2, "2027-Q2": 3.4, "2027-Q3": 2.8}
    assert next(m.source for m in long if m.of == "std-tel") == "Téléphonie"


def _key(m: Measurement) -> tuple[str, str]:
    return m.of, m.period


def test_layouts_are_told_by_their_header() -> None:
    assert layout_of(["Indicateur", "Période", "Valeur", "Source"]) == "long"
    assert layout_of(["indicator", "period", "value"]) == "long"
    assert layout_of(["Indicateur", "T1 2027", "T2 2027"]) == "wide"
    assert layout_of(["KPI", dt.datetime(2027, 1, 1)]) == "wide"
    assert layout_of(["Nom", "Chiffre"]) is None


# --- the forms exports take ---------------------------------------------------------------


def test_a_long_csv_with_commas_english_headers_and_ids(tmp_path: Path, demo: Engagement) -> None:
    path = _csv(
        tmp_path,
        "Indicator,Period,Value,Source\n"
        "std-tel,2027-Q1,3.5,Telephony\n"
        'nps,2027-02,"12,5",Survey\n'
        "\n"
        "joignabilite,Q2 2027,66,\n",
    )
    found = read_measurements_file(path, demo, source="BI export")
    assert _triples(found) == [
        ("joignabilite", "2027-Q2", 66),
        ("nps", "2027-02", 12.5),
        ("std-tel", "2027-Q1", 3.5),
    ]
    assert [m.source for m in found] == ["Telephony", "Survey", "BI export"]


def test_a_wide_csv_with_semicolons_bom_and_names(tmp_path: Path, demo: Engagement) -> None:
    path = _csv(
        tmp_path,
        "Indicateur;T1 2027;T2 2027;janv. 2027\r\n"
        "TEMPS D'ATTENTE MAXIMAL;4,2;3,4;\r\n"
        "délai moyen de remboursement;5,3;;5\r\n"
        "Taux de decroche en moins de 3 minutes;61 %;66;\r\n",
        bom=True,
    )
    assert _triples(read_measurements_file(path, demo)) == [
        ("delai-remb", "2027-01", 5),
        ("delai-remb", "2027-Q1", 5.3),
        ("joignabilite", "2027-Q1", 61),
        ("joignabilite", "2027-Q2", 66),
        ("std-tel", "2027-Q1", 4.2),
        ("std-tel", "2027-Q2", 3.4),
    ]


def test_excels_french_csv_in_windows_1252(tmp_path: Path, demo: Engagement) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "Indicateur;Période;Valeur\nDélai moyen de remboursement;T1 2027;5,3\n".encode("cp1252")
    )
    assert _triples(read_measurements_file(path, demo)) == [("delai-remb", "2027-Q1", 5.3)]


def test_a_tab_separated_export(tmp_path: Path, demo: Engagement) -> None:
    path = _csv(tmp_path, "indicateur\tpériode\tvaleur\nnps\t2027-Q3\t14\n", name="m.tsv")
    assert _triples(read_measurements_file(path, demo)) == [("nps", "2027-Q3", 14)]


def test_a_long_workbook_with_excel_dates(tmp_path: Path, demo: Engagement) -> None:
    path = _xlsx(
        tmp_path,
        [
            ["Rapport mensuel"],  # a title row above the header is skipped
            [],
            ["Indicateur", "Mois", "Valeur"],
            ["std-remb", dt.datetime(2027, 1, 1), 91.5],
            ["std-remb", dt.datetime(2027, 2, 1), 89],
            ["ces-courriers", "2027-03", "4,6"],
        ],
    )
    assert _triples(read_measurements_file(path, demo)) == [
        ("ces-courriers", "2027-03", 4.6),
        ("std-remb", "2027-01", 91.5),
        ("std-remb", "2027-02", 89),
    ]


def test_a_cell_shown_as_a_percentage_is_read_as_shown(tmp_path: Path, demo: Engagement) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Indicateur", "T1 2027", "T2 2027"])
    book.active.append(["std-remb", 0.875, 0.91])
    book.active.append(["std-tel", 3.4, 2.8])
    book.active["B2"].number_format = "0.0%"
    book.active["C2"].number_format = "0%"
    book.save(tmp_path / "pct.xlsx")
    assert _triples(read_measurements_file(tmp_path / "pct.xlsx", demo)) == [
        ("std-remb", "2027-Q1", 87.5),
        ("std-remb", "2027-Q2", 91),
        ("std-tel", "2027-Q1", 3.4),
        ("std-tel", "2027-Q2", 2.8),
    ]


def test_a_wide_workbook_with_a_source_column(tmp_path: Path, demo: Engagement) -> None:
    path = _xlsx(
        tmp_path,
        [
            ["Source", "KPI", "2027-Q1", "2027-Q2", "Unité"],
            ["Baromètre", "Net Promoter Score relationnel", 11, None, "points"],
            [None, "std-courrier", 96, 99, "%"],
        ],
    )
    found = read_measurements_file(path, demo)
    assert _triples(found) == [
        ("nps", "2027-Q1", 11),
        ("std-courrier", "2027-Q1", 96),
        ("std-courrier", "2027-Q2", 99),
    ]
    assert [m.source for m in found] == ["Baromètre", None, None]


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("87,5", 87.5),
        ("87.5", 87.5),
        ("1\u202f234,5", 1234.5),
        ("1 234", 1234),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("87,5 %", 87.5),
        ("\u22123,5", -3.5),
        (12, 12),
        (2.8, 2.8),
        ("8,x", None),
        ("", None),
        ("1,2,3", None),
        (True, None),
        (float("nan"), None),
    ],
)
def test_read_number(cell: Any, number: float | None) -> None:
    assert read_number(cell) == number


# --- refusals: every problem, with its row and column, nothing kept ------------------------


def test_a_broken_file_lists_every_problem_with_row_and_column(
    tmp_path: Path, demo: Engagement
) -> None:
    path = _csv(
        tmp_path,
        "Indicateur;Période;Valeur\n"
        "std-tel;T1 2027;3,4\n"
        "Taux de satisfaction;T1 2027;80\n"
        "std-tel;2027-T5;3\n"
        "std-remb;T1 2027;8,x\n"
        "std-remb;T2 2027;\n"
        "std-tel;2027-Q1;3,5\n",
    )
    assert _refusal(path, demo) == [
        "ligne 3, colonne «\u00a0Indicateur\u00a0»\u00a0: «\u00a0Taux de satisfaction\u00a0» n'est"
        " ni un standard ni un KPI de l'engagement (attendu\u00a0: son identifiant, l'indicateur"
        " d'un standard ou le nom d'un KPI)",
        "ligne 4, colonne «\u00a0Période\u00a0»\u00a0: «\u00a02027-T5\u00a0» n'est pas une période"
        " (attendu\u00a0: un trimestre, 2027-Q1 ou T1 2027, ou un mois, 2027-01 ou janvier 2027)",
        "ligne 5, colonne «\u00a0Valeur\u00a0»\u00a0: «\u00a08,x\u00a0» n'est pas un nombre",
        "ligne 6, colonne «\u00a0Valeur\u00a0»\u00a0: valeur manquante",
        "ligne 7, colonne «\u00a0Valeur\u00a0»\u00a0: deuxième valeur de «\u00a0std-tel\u00a0»"
        " pour 2027-Q1 (la première est ligne 2)",
    ]
    english = _refusal(path, demo, "en")
    assert english[2] == "row 5, column 'Valeur': '8,x' is not a number"


def test_the_refusal_reads_as_one_message_in_the_engagements_language(
    tmp_path: Path, demo: Engagement
) -> None:
    path = _csv(tmp_path, "indicator;period;value\nstd-tel;Q1 2027;x\nstd-tel;Q2 2027;y\n")
    with pytest.raises(MeasuresRefused) as caught:
        read_measurements_file(path, demo)
    assert str(caught.value).splitlines() == [
        "mesures.csv\u00a0: 2 problèmes, rien n'a été importé\u00a0:",
        "  ligne 2, colonne «\u00a0value\u00a0»\u00a0: «\u00a0x\u00a0» n'est pas un nombre",
        "  ligne 3, colonne «\u00a0value\u00a0»\u00a0: «\u00a0y\u00a0» n'est pas un nombre",
    ]
    assert caught.value.message("en").startswith("mesures.csv: 2 problems, nothing was imported:")


def test_a_wide_file_names_the_column_of_a_bad_value_and_of_a_bad_period(
    tmp_path: Path, demo: Engagement
) -> None:
    path = _xlsx(
        tmp_path,
        [
            ["Indicateur", "T1 2027", "T5 2027", "Commentaire"],
            ["std-tel", 3, 4, "ok"],
            ["nps", "n/a"],
        ],
    )
    assert _refusal(path, demo, "en") == [
        "row 1, column 'T5 2027': 'T5 2027' is not a period (expected: a quarter, 2027-Q1 or"
        " Q1 2027, or a month, 2027-01 or January 2027)",
        "row 3, column 'T1 2027': 'n/a' is not a number",
    ]


def test_a_name_two_indicators_share_must_be_an_id(tmp_path: Path, demo: Engagement) -> None:
    twin = demo.referential.standards[0].model_copy(update={"id": "std-remb-2"})
    engagement = demo.model_copy(
        update={
            "referential": demo.referential.model_copy(
                update={"standards": [*demo.referential.standards, twin]}
            )
        }
    )
    path = _csv(
        tmp_path,
        "indicateur;période;valeur\nPart des demandes remboursées en 2 jours ouvrés;T1 2027;90\n",
    )
    [message] = _refusal(path, engagement, "en")
    assert "names several indicators (std-remb, std-remb-2): write the id" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n;;\n", "the file is empty"),
        ("Nom;Chiffre\nx;1\n", "row 1: header not recognised"),
        ("Export\nKPI;Quand;Combien\nstd-tel;T1 2027;3\n", "row 2: header not recognised"),
        ("indicateur;période;valeur\n", "the file has a header row and no value"),
    ],
)
def test_a_file_without_measurements_says_why(
    tmp_path: Path, demo: Engagement, text: str, message: str
) -> None:
    [found] = _refusal(_csv(tmp_path, text), demo, "en")
    assert found.startswith(message)


def test_files_that_are_no_table_are_refused_in_one_sentence(
    tmp_path: Path, demo: Engagement
) -> None:
    broken = tmp_path / "export.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(FileFormatError) as caught:
        read_measurements_file(broken, demo)
    assert "is not a readable Excel workbook" in caught.value.message("en")
    with pytest.raises(FileFormatError) as caught:
        read_measurements(b"x", "export.pdf", demo)
    assert caught.value.message("en").startswith("export.pdf: extension not recognised")
    with pytest.raises(FileFormatError):
        read_measurements(b"\xff\xfe\x00i\x00n", "utf16.csv", demo)
    with pytest.raises(FileFormatError):
        read_measurements_file(tmp_path / "absent.csv", demo)


def test_importing_merges_and_leaves_the_engagement_alone(tmp_path: Path, demo: Engagement) -> None:
    start = demo.model_copy(
        update={
            "measurements": [
                Measurement(of="std-tel", period="2027-Q1", value=9),
                Measurement(of="nps", period="2026-Q4", value=9),
            ]
        }
    )
    before = start.model_dump()
    merged = import_measurements(
        start, _csv(tmp_path, "indicateur;période;valeur\nstd-tel;T1 2027;3,1\n")
    )
    assert _triples(merged) == [("nps", "2026-Q4", 9), ("std-tel", "2027-Q1", 3.1)]
    assert start.model_dump() == before
    bad = _csv(
        tmp_path, "indicateur;période;valeur\nstd-tel;T1 2027;3,1\nstd-x;T1 2027;1\n", "bad.csv"
    )
    with pytest.raises(MeasuresRefused):
        import_measurements(start, bad)
    assert start.model_dump() == before
