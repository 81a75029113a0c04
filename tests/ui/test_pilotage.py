"""The pilotage notebook's page, without a browser: the scorecard as HTML and SVG, a file
read on top of the stored measurements, stored only when asked, refused whole when broken."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path
from typing import Any

from cxkit.model import Engagement
from cxkit.scorecard import scorecard
from cxkit.scorecard_text import ScorecardWords
from cxkit.ui.scorecard_views import charts_html, scorecard_html
from tests.scorecard_data import measured_demo


def _texts(html: str) -> str:
    plain = unescape(re.sub(r"<[^>]+>", " ", html))
    return plain.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_scorecard_html_says_each_verdict_in_words() -> None:
    e = measured_demo()
    html = scorecard_html(scorecard(e, "2027-Q1"), ScorecardWords(e, "fr"))
    text = _texts(html)
    assert "2 standards sur 3 tenus en T1 2027" in text
    for words in ("Non tenu", "Tenu", "Pas de mesure", "Se dégrade", "En retard", "Cible atteinte"):
        assert words in text
    assert "Les piliers Fiable et Engagé décrochent en T1 2027" in text
    assert "au plus 3 minutes" in text


def test_typed_text_is_escaped_in_tables_and_charts() -> None:
    data = measured_demo().model_dump(mode="json", exclude_none=True)
    data["referential"]["standards"][0]["statement"] = "<script>alert(1)</script> & co"
    e = Engagement.model_validate(data)
    card, words = scorecard(e, "2027-Q1"), ScorecardWords(e, "en")
    for html in (scorecard_html(card, words), charts_html(card, words)):
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_charts_draw_each_measured_standard_against_its_threshold() -> None:
    e = measured_demo()
    html = charts_html(scorecard(e, "2027-Q1"), ScorecardWords(e, "en"))
    assert html.count("<figure") == 3  # std-courrier never measured: no chart
    assert html.count("stroke-dasharray") == 3  # each threshold, dashed
    assert html.count("<polyline") == 3
    assert "Q2\u00a02026" in html and "Missed · Worsening · 84% for at least 90%" in _texts(html)
    assert "Way covered towards the target (%)" in html


def test_the_page_reads_the_demo_file_and_stores_it_only_when_asked(tmp_path: Path) -> None:
    from cxkit.store import Workspace
    from cxkit.ui.pilotage import open_pilotage

    folder = str(tmp_path / "ws")
    page = open_pilotage("horizon-mutuelle", folder, author="claire")
    assert page.engagement is not None and page.unsaved
    assert page.note.startswith("21 mesures lues dans horizon-mutuelle-mesures.csv.")
    assert "T1\u00a02027, T2\u00a02027, T3\u00a02027" in page.note
    page.scorecard()
    assert page.picker.value == "2027-Q3"
    text = _texts(page.table.value)
    assert "2 standards sur 3 tenus en T3 2027" in text and "Pas de mesure" in text
    assert "cible : 30 % d'ici 2029" in text  # a KPI not yet measured: its target alone
    page.picker.value = "2027-Q1"  # another period redraws the table and the charts
    assert "T1 2027" in _texts(page.table.value) and "<svg" in page.charts_view.value
    with Workspace.open(folder=folder) as ws:
        assert ws.load("horizon-mutuelle").engagement.measurements == []  # not stored yet
    page.save()
    with Workspace.open(folder=folder) as ws:
        stored = ws.load("horizon-mutuelle")
    assert len(stored.engagement.measurements) == 21
    assert "révision 2" in page.message.value and not page.unsaved


def test_a_broken_file_is_refused_whole_with_its_row_and_column(tmp_path: Path) -> None:
    from cxkit.ui.pilotage import open_pilotage

    broken = tmp_path / "export.csv"
    broken.write_text(
        "Indicateur;Période;Valeur\n"
        "Temps d'attente maximal;T1 2027;3,1\n"
        "Temps d'attente maximal;T2 2027;8,x\n",
        encoding="utf-8",
    )
    page = open_pilotage("horizon-mutuelle", str(tmp_path / "ws"), measurements=broken)
    assert page.engagement is not None and page.engagement.measurements == []
    assert not page.note_ok and "ligne 3" in page.note and "8,x" in page.note
    assert not page.unsaved
    page.scorecard()
    assert "lisez d'abord un fichier" in _texts(page.scorecard_box.children[0].value)


def test_an_unknown_engagement_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    from cxkit.ui.pilotage import open_pilotage

    page = open_pilotage("no-such-engagement", str(tmp_path / "ws"))
    assert page.engagement is None and "no-such-engagement" in page.error
    assert "Aucun engagement « no-such-engagement »" in _texts(page.imported().children[1].value)


def _upload(widget: Any, name: str, data: bytes) -> None:
    """Choose a file in the page's upload button, as the browser reports it."""
    import ipywidgets as widgets

    (upload,) = [w for w in widget.children if isinstance(w, widgets.FileUpload)]
    upload.value = (
        {
            "name": name,
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


def test_a_file_chosen_on_the_page_is_read_then_drawn_and_stored_on_save(tmp_path: Path) -> None:
    """A client's engagement (not the demo) starts with no measurement: the consultant
    uploads the BI export; a broken one is refused with its row, a good one is drawn."""
    from cxkit.document import load_demo
    from cxkit.measures_import import demo_measurements_path
    from cxkit.store import Workspace
    from cxkit.ui.pilotage import open_pilotage

    folder = str(tmp_path / "ws")
    demo = load_demo()
    client = demo.model_copy(
        update={"engagement": demo.engagement.model_copy(update={"id": "client-x"})}
    )
    with Workspace.open(folder=folder) as ws:
        ws.create(client, author="test")
    page = open_pilotage("client-x", folder, author="claire")
    imported, board = page.imported(), page.scorecard()
    assert board.children[1] is page.scorecard_box and "lisez d'abord" in _texts(
        page.scorecard_box.children[0].value
    )

    _upload(imported, "export.csv", "Indicateur;Période;Valeur\nstd-tel;T1 2027;8,x\n".encode())
    assert "ligne 2" in _texts(page.said.value) and "8,x" in _texts(page.said.value)
    assert page.save_box.children == () and page.engagement is not None
    assert page.engagement.measurements == []

    _upload(imported, "export.csv", demo_measurements_path().read_bytes())
    assert "21 mesures lues dans export.csv" in _texts(page.said.value)
    assert page.scorecard_box.children[:2] == (page.picker, page.table)
    assert page.deck_button in page.scorecard_box.children[2].children
    assert "2 standards sur 3 tenus en T3 2027" in _texts(page.table.value)
    (save,) = page.save_box.children
    save.click()
    with Workspace.open(folder=folder) as ws:
        assert len(ws.load("client-x").engagement.measurements) == 21
    assert page.save_box.children == () and "révision 2" in page.message.value


def test_the_period_deck_is_one_button_away_and_downloads_from_the_page(tmp_path: Path) -> None:
    """The consultant needs no terminal: the deck of the period picked, measurements not yet
    stored included, is built and offered as a download; another period withdraws it."""
    import base64
    import io

    from pptx import Presentation

    from cxkit.ui.pilotage import open_pilotage

    page = open_pilotage("horizon-mutuelle", str(tmp_path / "ws"), author="claire")
    page.scorecard()
    page.picker.value = "2027-Q2"
    assert page.unsaved  # the demo file read, not stored: the deck is of what the page shows
    page.deck_button.click()
    assert "Le diaporama de la période T2 2027 est prêt." in _texts(page.deck_said.value)
    link = page.deck_link.value
    assert 'download="horizon-mutuelle-2027-Q2.pptx"' in link
    assert "Télécharger le diaporama (horizon-mutuelle-2027-Q2.pptx)" in _texts(link)
    data = re.search(r'href="data:[^;]+;base64,([^"]+)"', link)
    assert data is not None
    deck = Presentation(io.BytesIO(base64.b64decode(data.group(1))))
    shown = " ".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert len(deck.slides) >= 3 and "T2\u00a02027" in shown and "cxkit scorecard" not in shown
    page.picker.value = "2027-Q3"
    assert page.deck_link.value == "" and page.deck_said.value == ""
    page.deck_button.click()  # the page's second deck, beside its first
    assert 'download="horizon-mutuelle-2027-Q3.pptx"' in page.deck_link.value
