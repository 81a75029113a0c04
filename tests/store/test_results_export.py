"""A workshop run through a real workspace lands in the deck's appendix and the workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cxkit.commands.deliverables import load_source
from cxkit.deck import plan_deck
from cxkit.deck.plan import SlidePlan
from cxkit.document import load_engagement, save_engagement
from cxkit.model import Engagement
from cxkit.results import workshop_results
from cxkit.store import Workspace
from cxkit.workbook import build_workbook
from tests.workshop_run import ENGAGEMENT, FIABLE, NB, SIMPLE, run_workshop


@pytest.fixture
def exported(ws: Workspace, demo: Engagement) -> Engagement:
    run_workshop(ws, demo)
    return ws.with_contributions(ws.load(ENGAGEMENT).engagement)


def test_the_workspace_exports_the_shown_contributions_with_their_decisions(
    exported: Engagement,
) -> None:
    by_text = {c.text: c for c in exported.contributions if c.text}
    assert by_text["Simple"].status == "adopted" and by_text["Simple"].into == "simple"
    assert by_text["simple"].status == "merged" and by_text["simple"].into == by_text["Simple"].id
    assert by_text["=1+2"].status == "rejected"
    assert "Bravo" in by_text and "Hors sujet" not in by_text and "En attente" not in by_text
    assert {c.team for c in exported.contributions} == {"marketing", "sales"}
    assert len(exported.contributions) == 3 + 5 + 2 + 1


def test_an_exported_file_with_its_contributions_reads_back_the_same(
    exported: Engagement, tmp_path: Path
) -> None:
    path = save_engagement(exported, tmp_path / "export.yaml")
    again = load_engagement(path)
    assert again.contributions == exported.contributions
    assert workshop_results(again) == workshop_results(exported)


def _appendix(engagement: Engagement) -> list[SlidePlan]:
    plan = plan_deck(engagement, today=dt.date(2026, 11, 20))
    return plan.slides_of("appendix")


def test_the_appendix_names_what_the_room_decided_and_how_it_voted(exported: Engagement) -> None:
    slides = _appendix(exported)
    (workshops,) = [s for s in slides if s.title == "Annexe\u00a0: les ateliers"]
    (table,) = workshops.tables()
    decisions = dict((row[0], row[3]) for row in table.rows)["Ambition et piliers"]
    assert f"• {SIMPLE}" in decisions and f"• {FIABLE}" in decisions
    assert "• Quatre piliers retenus sur sept proposés" in decisions  # the workshop's own
    results = [s for s in slides if s.label.startswith(f"Atelier «{NB}Ambition et piliers{NB}»")]
    assert results[0].title == SIMPLE  # the workshop's headline: its vote
    (dots,) = [s for s in results if s.label.endswith("Gommettes")]
    (chart,) = dots.charts()
    assert chart.categories == ("Simple", "Fiable", "=1+2")
    assert chart.series[0].values == (9, 2, 1)
    (split,) = dots.tables()
    assert [c.header for c in split.columns][-2:] == ["Commercial", "Marketing"]
    assert split.rows[0][:2] == ("Simple", "9") and split.rows[0][-2:] == ("2", "7")
    assert ("=1+2", "1", "1", "Écartée", "1", "—") in split.rows
    (ratings,) = [s for s in results if s.label.endswith("Notes")]
    assert ratings.charts()[0].kind == "stacked"
    texts = " ".join(t for s in results for t in s.texts())
    assert "c-0" not in texts and "atelier-1" not in texts  # names, never ids


def test_the_workbook_sheet_holds_every_line_by_team_as_text(
    exported: Engagement, tmp_path: Path
) -> None:
    book = load_workbook(build_workbook(exported, tmp_path / "book.xlsx"))
    sheet = book["Résultats des ateliers"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("Atelier", "Date", "Activité", "Élément", "Équipe", "Mesure", "Valeur")
    votes = {(r[3], r[4]): r[6] for r in rows if r[2] == "Gommettes" and r[3]}
    assert votes[("Simple", "Toutes les équipes")] == 9
    assert votes[("Simple", "Marketing")] == 7 and votes[("Simple", "Commercial")] == 2
    assert ("'=1+2", "Toutes les équipes") in votes  # a proposal never runs as a formula
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert rows[1][1] == dt.datetime(2026, 10, 6)  # a date, not a text
    (table,) = sheet.tables.values()
    assert table.ref == f"A1:K{sheet.max_row}"


def test_cxkit_deck_reads_the_contributions_from_the_workspace(
    exported: Engagement, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXKIT_DB_URL", db_url)
    loaded = load_source(ENGAGEMENT)
    assert len(loaded.contributions) == len(exported.contributions)
    assert any(s.title == SIMPLE for s in _appendix(loaded))
