"""The facilitator's exports carry the workshops' results the workspace holds."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation

from cxkit.document import load_demo
from cxkit.store import Workspace
from cxkit.ui import restitution
from cxkit.ui.session import EditSession
from tests.workshop_run import ENGAGEMENT, SIMPLE, run_workshop


def test_the_exports_form_puts_the_rooms_votes_in_the_deck_and_the_workbook(
    tmp_path: Path,
) -> None:
    with Workspace.open(folder=tmp_path / "ws") as ws:
        run_workshop(ws, load_demo())
        session = EditSession.open(ws, ENGAGEMENT, "alice", delay=0)
        exports = restitution.ExportsForm(session)
        deck = exports.build_deck()
        workbook = exports.build_workbook()
    assert deck is not None and workbook is not None, exports.message.value
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides if s.shapes.title]
    assert SIMPLE in titles
    sheet = load_workbook(workbook)["Résultats des ateliers"]
    assert any(row[3] == "Simple" for row in sheet.iter_rows(values_only=True))
    assert session.engagement.contributions == []  # the document itself is left as it was
