"""A consultant's whole path on a fresh workspace, through the forms only, to the deck."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation

from cxkit.store import Workspace
from cxkit.ui import collection, restitution, workshops
from cxkit.ui.app import HomeForm
from cxkit.ui.session import EditSession


def _field(fields, name):  # type: ignore[no-untyped-def]
    return next(f for f in fields if f.loc()[-1] == name)


def test_create_fill_each_phase_and_find_the_words_in_the_deck(tmp_path: Path) -> None:
    with Workspace.open(folder=tmp_path / "ws") as ws:
        home = HomeForm(ws.url, author="claire")
        home.client.value = "Boulangeries Dupain"
        assert home.create() == "boulangeries-dupain"
        session = EditSession.open(ws, "boulangeries-dupain", "claire", delay=0)

        customer = collection.CustomerForm(session)
        customer.segments.add_button.click()
        _field(customer.segments.fields, "name").widget.value = "Gourmets pressés"
        _field(customer.segments.fields, "priority").widget.value = "retention"
        _field(customer.segments.fields, "expectations").widget.value = "Pain chaud à 7 h"

        ambition = workshops.AmbitionForm(session)
        _field(ambition.parts, "statement").widget.value = "Le meilleur réveil du quartier"
        _field(ambition.parts, "type").widget.value = "impact"
        pillars = workshops.PillarsForm(session)
        pillars.pillars.add_button.click()
        _field(pillars.pillars.fields, "name").widget.value = "Croustillant"
        _field(
            pillars.pillars.fields, "customers_say"
        ).widget.value = "Toujours chaud, toujours prêt"
        _field(pillars.pillars.fields, "sources").widget.value = ["segment-1"]
        kpis = workshops.KpisForm(session)
        kpis.kpis.add_button.click()
        _field(kpis.kpis.fields, "name").widget.value = "Baguettes vendues avant 8 h"
        _field(kpis.kpis.fields, "pillars").widget.value = ["pilier-1"]

        validation = restitution.ValidationForm(session)
        next(
            f for f in validation.parts if f.loc() == ("validation", "strategy", "status")
        ).widget.value = "to-validate"

        stored = ws.load("boulangeries-dupain").engagement
        assert stored.strategy.pillars[0].name == "Croustillant"
        assert stored.strategy.kpis[0].pillars == ["pilier-1"]

        exports = restitution.ExportsForm(session)
        deck = exports.build_deck()
        assert deck is not None and deck.exists(), exports.message.value
        assert exports.progress.value == exports.progress.max > 1
        assert 'download="boulangeries-dupain-r' in exports.links.value
        frames = []
        for slide in Presentation(str(deck)).slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    frames.append(shape.text_frame)
                if shape.has_table:
                    frames.extend(cell.text_frame for row in shape.table.rows for cell in row.cells)
        text = " ".join(f.text for f in frames)
        for words in (
            "Boulangeries Dupain",
            "Le meilleur réveil du quartier",
            "Croustillant",
            "Gourmets pressés",
        ):
            assert words in text, words

        workbook = exports.build_workbook()
        assert workbook is not None and workbook.suffix == ".xlsx", exports.message.value
        assert 'download="boulangeries-dupain-r' in exports.links.value
        assert exports.links.value.count("download=") == 2  # the deck's link is still there
        cells = [
            str(c)
            for sheet in load_workbook(workbook, read_only=True).worksheets
            for row in sheet.iter_rows(values_only=True)
            for c in row
            if c is not None
        ]
        assert "Baguettes vendues avant 8 h" in cells
