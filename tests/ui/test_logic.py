"""The forms' logic without widgets: the pillars' thread, guides, views, benchmark import."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from cxkit.errors import FileFormatError, TemplateError
from cxkit.model import Engagement
from cxkit.ui.benchmark_import import read_benchmark
from cxkit.ui.guides import load_guide
from cxkit.ui.thread import pillar_threads
from cxkit.ui.views import benchmark_chart, benchmark_table, download_link, notebook_link


def test_the_thread_of_a_pillar_back_and_forward(demo: Engagement) -> None:
    fiable = pillar_threads(demo)[0]
    assert fiable.pillar.id == "fiable"
    assert [s.id for s in fiable.segments] == ["familles"]
    assert fiable.interviews == ["int-com-01", "int-cli-01"]  # in the collection's order
    assert ("int-cli-01", demo.collection.interviews[3].verbatims[0]) in fiable.verbatims
    assert [k.id for k in fiable.kpis] == ["delai-remb"]
    assert {s.id for s in fiable.standards} == {"std-remb", "std-hospi"}
    assert {a.id for _, a in fiable.actions} == {"act-suivi", "act-ecoute"}
    assert fiable.gaps == [], "no competitor cited, no gap claimed"


def test_benchmark_gaps_against_cited_competitors(demo: Engagement) -> None:
    demo.strategy.pillars[0].sources.append("neo-sante")
    demo.environment.market.competitors[2].name = "Néo-Santé"
    gaps = pillar_threads(demo)[0].gaps
    assert gaps[0].criterion in ("Rapidité de remboursement", "Expérience mobile")
    assert gaps[0].size == 3 and gaps[0].actor == "Néo-Santé"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_guides_per_audience_in_both_languages(lang: str) -> None:
    internal, customer, partner = (load_guide(a, lang) for a in ("internal", "customer", "partner"))
    assert {"segments", "strategie", "concurrents"} <= {q.id for q in internal.questions()}
    assert "irritants" in {q.id for q in customer.questions()}
    assert partner.questions() == internal.questions()
    assert all(q.text for q in customer.questions())


def test_a_broken_guide_is_a_clear_template_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "interview-guides").mkdir()
    (tmp_path / "interview-guides" / "customer.yaml").write_text(
        "sections:\n  - questions:\n      - id: Pas Un Id\n"
    )
    monkeypatch.setenv("CXKIT_TEMPLATES", str(tmp_path))
    with pytest.raises(TemplateError, match="mal formé") as info:
        load_guide("customer", "fr")
    assert info.value.key == "ui.guide.invalid"


def test_links_are_relative_and_typed_text_escaped(demo: Engagement, tmp_path: Path) -> None:
    assert (
        notebook_link("collection", "acme énergie")
        == "collection.ipynb?engagement=acme+%C3%A9nergie"
    )
    demo.collection.benchmark.scores[0].actor = "<img src=x onerror=alert(1)>"
    for html in (
        benchmark_table(demo.collection.benchmark, "Acteur"),
        benchmark_chart(demo.collection.benchmark),
    ):
        assert "<img" not in html and "&lt;img" in html
    deck = tmp_path / "a b.pptx"
    deck.write_bytes(b"PK\x03\x04 not really")
    link = download_link(deck, "Télécharger")
    assert link.startswith(
        '<a class="cxkit-download" download="a b.pptx" href="data:application/vnd.openxmlformats'
    )  # drawn as a button by the forms' stylesheet
    assert "UEsDBCBub3QgcmVhbGx5" in link


def test_benchmark_from_excel_and_refusals() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Acteur", "Prix", "Conseil"])
    sheet.append(["Alma", 4, None])
    sheet.append([None, None, None])
    data = io.BytesIO()
    book.save(data)
    assert read_benchmark(data.getvalue(), "grille.xlsx", 5) == {
        "scale": 5,
        "criteria": ["Prix", "Conseil"],
        "scores": [{"actor": "Alma", "values": {"Prix": 4}}],
    }
    with pytest.raises(FileFormatError):
        read_benchmark(b"x", "grille.pdf", 5)
    with pytest.raises(FileFormatError):
        read_benchmark(b"\xff\xfe\x00garbage", "grille.csv", 5)
