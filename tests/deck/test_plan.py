"""The plan: which slides, what is on each, what continues where (no python-pptx)."""

from __future__ import annotations

import subprocess
import sys

from cxkit.deck import plan_deck
from cxkit.deck.fitting import clip, line_count, text_width, wrap
from cxkit.deck.plan import (
    FRAME,
    TABLE_ROW_LIMIT,
    Cards,
    Column,
    DeckPlan,
    Statement,
    Table,
    TextBlock,
)
from cxkit.deck.tables import paginate_table
from cxkit.model import Engagement
from cxkit.validation import build_engagement
from tests.deck.conftest import TODAY

METHOD_ORDER = [
    "cover",
    "summary",
    "method",
    "collection",
    "environment",
    "strategy",
    "devices",
    "referential",
    "decisions",
    "appendix",
]


def titles(plan: DeckPlan, section: str) -> list[str]:
    return [s.topic for s in plan.slides_of(section)]


def test_the_demo_has_every_part_of_the_method_in_order(demo_engagement: Engagement) -> None:
    plan = plan_deck(demo_engagement, today=TODAY)
    assert plan.sections() == METHOD_ORDER
    assert plan.lang == "fr"
    assert plan.slides[0].kind == "cover" and plan.slides[0].title == "Horizon Mutuelle"
    dividers = [s.title for s in plan.slides if s.kind == "section"]
    assert dividers == [  # a part of two slides names itself on them instead
        "Collecte",
        "Environnement stratégique",
        "Stratégie expérience client",
        "Référentiel expérience client",
        "Annexes",
    ]
    assert all(s.marker == "Dispositifs relationnels" for s in plan.slides_of("devices"))
    assert "Benchmark\u00a0: Horizon Mutuelle face au marché" in titles(plan, "environment")
    assert "Notre ambition" in titles(plan, "strategy")
    assert "Standards de service spécifiques" in titles(plan, "referential")
    assert plan.author == "Claire Martin, Hugo Petit"


def test_the_english_plan_has_english_headings(demo_engagement: Engagement) -> None:
    plan = plan_deck(demo_engagement, "en", today=TODAY)
    dividers = [s.title for s in plan.slides if s.kind == "section"]
    assert dividers[0] == "Collection" and dividers[-1] == "Appendix"
    assert "Our ambition" in titles(plan, "strategy")
    assert "Common service standards" in titles(plan, "referential")
    table = next(s for s in plan.slides if s.topic.startswith("Appendix — The strategy")).tables()[
        0
    ]
    assert [c.header for c in table.columns][:4] == ["Indicator", "Pillars", "Baseline", "Target"]


def test_a_draft_leaves_out_its_empty_parts(draft: Engagement) -> None:
    plan = plan_deck(draft, today=TODAY)
    assert plan.sections() == ["cover", "method", "decisions"]
    assert not any(s.kind == "section" and s.section == "strategy" for s in plan.slides)
    assert all(s.elements for s in plan.slides if s.kind == "content")


def test_pillar_notes_name_their_sources(demo_engagement: Engagement) -> None:
    plan = plan_deck(demo_engagement, today=TODAY)
    pillars = next(s for s in plan.slides if s.topic.startswith("Nos piliers"))
    assert "segment Familles" in pillars.notes
    assert "entretien int-cli-01 (Membre famille, 2 enfants" in pillars.notes
    assert "Ateliers\u00a0: Ambition et piliers" in pillars.notes
    standards = next(s for s in plan.slides if s.topic == "Standards de service communs")
    assert "std-remb" in standards.notes and "Sources du pilier Fiable" in standards.notes


def _tables(plan: DeckPlan) -> list[Table]:
    return [t for s in plan.slides for t in s.tables()]


def test_a_large_engagement_gives_more_slides_each_table_within_its_limits(
    large_plan: DeckPlan,
) -> None:
    tables = _tables(large_plan)
    assert len(large_plan.slides) > 100
    for table in tables:
        assert 1 <= len(table.rows) <= table.row_limit <= TABLE_ROW_LIMIT
        assert table.height <= FRAME.h + 1e-6
        assert table.box.y + table.box.h <= FRAME.h + 1e-6
    interviews = large_plan.slides_of("appendix")
    listed = sum(
        len(t.rows)
        for s in interviews
        for t in s.tables()
        if s.topic.startswith("Annexe\u00a0: les entretiens")
    )
    assert listed == 300
    detail = [
        s for s in large_plan.slides if s.topic.startswith("Feuille de route\u00a0: les pistes")
    ]
    assert sum(len(t.rows) for s in detail for t in s.tables()) == 500
    assert detail[0].continued is False and all(s.continued for s in detail[1:])
    assert all(s.topic.endswith("(suite)") for s in detail[1:])
    standards = [s for s in interviews if s.topic.startswith("Annexe — Standards de service")]
    assert sum(len(t.rows) for s in standards for t in s.tables()) == 120


def test_the_large_benchmark_is_one_chart_against_the_mean_and_tabled_in_the_appendix(
    large_plan: DeckPlan,
) -> None:
    (chart,) = [c for s in large_plan.slides for c in s.charts()]
    assert len(chart.categories) == 16  # the largest gaps; the others are in the notes
    assert [x.name for x in chart.series][1:] == ["Moyenne des concurrents"]
    assert chart.series[0].emphasis and chart.labels
    bench = [s for s in large_plan.slides if s.topic.startswith("Benchmark\u00a0: notes")]
    assert all(s.section == "appendix" for s in bench)
    actors = {c.header for s in bench for t in s.tables() for c in t.columns[1:]}
    assert len(actors) == 61
    for s in bench:
        assert len(s.tables()[0].columns) <= 8


def test_the_large_matrix_names_each_cells_flagship_and_fits_one_slide(
    large_plan: DeckPlan,
) -> None:
    matrix = [s for s in large_plan.slides if s.topic.startswith("Pistes d'actions")]
    assert len(matrix) == 1
    rows = matrix[0].tables()[0].rows
    assert len(rows) == 5  # the method's five devices, each on its row
    cells = [c for row in rows for c in row[1:]]
    assert all(c.startswith("• ") and "autres pistes" in c for c in cells if c != "—")


def _with(demo_engagement: Engagement, **changes: object) -> Engagement:
    from cxkit.document import to_document

    doc = to_document(demo_engagement)
    for path, value in changes.items():
        target = doc
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return build_engagement(doc)


def test_a_long_ambition_is_fitted_above_the_floor_or_continued(
    demo_engagement: Engagement,
) -> None:
    medium = " ".join(["Simplifier la santé de chaque membre"] * 12)
    plan = plan_deck(_with(demo_engagement, strategy__ambition__statement=medium), today=TODAY)
    (slide,) = [s for s in plan.slides if s.topic.startswith("Notre ambition")]
    statement = slide.elements[0]
    assert isinstance(statement, Statement) and 20 <= statement.size < 36

    huge = " ".join(["Simplifier la santé de chaque membre, à chaque étape."] * 150)
    plan = plan_deck(_with(demo_engagement, strategy__ambition__statement=huge), today=TODAY)
    slides = [s for s in plan.slides if s.topic.startswith("Notre ambition")]
    assert len(slides) > 1 and slides[1].topic == "Notre ambition (suite)"
    shown = " ".join(e.text for s in slides for e in s.elements if isinstance(e, Statement))
    assert shown.split() == huge.split()  # nothing lost, nothing duplicated
    for s in slides:
        (st,) = s.elements
        assert isinstance(st, Statement) and st.size == 20
        assert line_count(st.text, st.box.w - 0.2, st.size) * st.size * 1.2 / 72 <= st.box.h


def test_long_cells_are_clipped_and_kept_in_the_notes(demo_engagement: Engagement) -> None:
    long_quote = "Je veux comprendre mes remboursements. " * 60
    plan = plan_deck(
        _with(demo_engagement, strategy__pillars__0__customers_say=long_quote), today=TODAY
    )
    slide = next(s for s in plan.slides if s.topic.startswith("Nos piliers"))
    cards = slide.elements[0]
    assert isinstance(cards, Cards)
    assert cards.cards[0].body.endswith("…\u00a0»") and cards.body_size >= 12  # quote closed
    assert long_quote.strip() in slide.notes


def test_emoji_and_right_to_left_text_are_planned_like_any_text(
    demo_engagement: Engagement,
) -> None:
    mixed = "Très clair 👍🏽👨‍👩‍👧 — مرحبا بكم في التأمين — שלום — 漢字テスト"
    plan = plan_deck(
        _with(
            demo_engagement,
            strategy__pillars__1__name=mixed[:30],
            strategy__ambition__statement=mixed * 3,
            referential__standards__0__statement=mixed,
        ),
        today=TODAY,
    )
    texts = [e.text for s in plan.slides for e in s.elements if isinstance(e, Statement)]
    assert any("مرحبا" in t for t in texts)
    rows = [r for s in plan.slides for t in s.tables() for r in t.rows]
    assert any(mixed in cell for row in rows for cell in row)


def test_wide_characters_count_double_and_wrapping_keeps_every_word() -> None:
    assert text_width("漢字") == 4 and text_width("ab") == 2
    text = "un deux trois quatre cinq six sept huit neuf dix " * 20
    lines = wrap(text.strip(), 2.0, 11)
    assert " ".join(lines).split() == text.split()
    assert clip(text, 2.0, 11, 3).endswith("…") and clip("court", 2.0, 11, 3) == "court"


def test_paginate_table_respects_the_row_limit_and_never_splits_a_row() -> None:
    columns = (Column("A", 0.5), Column("B", 0.5))
    rows = [(f"ligne {i}", "x " * (i % 40)) for i in range(100)]
    pages = paginate_table(columns, rows, row_limit=9)
    assert [r[0] for p in pages for r in p.rows] == [r[0] for r in rows]
    assert all(len(p.rows) <= 9 and p.height <= FRAME.h + 1e-6 for p in pages)
    assert len(pages) > 100 // 9


def test_the_agenda_lists_the_parts_present(demo_engagement: Engagement) -> None:
    plan = plan_deck(demo_engagement, today=TODAY)
    agenda = plan.slides[1]
    assert agenda.title == "Sommaire"
    (block,) = agenda.elements
    assert isinstance(block, TextBlock)
    assert [p.text.split("   ")[1] for p in block.paragraphs][:2] == [
        "Collecte",
        "Environnement stratégique",
    ]


def test_planning_does_not_import_python_pptx() -> None:
    code = (
        "import sys; from cxkit.document import load_demo; from cxkit.deck import plan_deck;"
        "plan_deck(load_demo()); assert 'pptx' not in sys.modules, 'pptx imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_a_column_is_widened_so_no_word_breaks_inside() -> None:
    from cxkit.deck import fitting
    from cxkit.deck.plan import CELL_PADDING, Box, Column
    from cxkit.deck.tables import paginate_table

    columns = [Column("Indicateur", 0.7), Column("Fréquence", 0.08), Column("Source", 0.22)]
    rows = [("Taux de décroché", "Hebdomadaire", "Téléphonie")]
    (table,) = paginate_table(columns, rows, Box(0, 0, 8.0, 5.0), size=12.0)
    shares = {c.header: c.width for c in table.columns}
    room = 8.0 * shares["Fréquence"] / sum(shares.values()) - CELL_PADDING[0]
    assert fitting.line_count("Hebdomadaire", room, 12.0) == 1
    assert shares["Indicateur"] < 0.7  # the room came from the column that had it
    # A table whose words already fit keeps its shares.
    kept = [Column("Standard", 0.8), Column("Seuil", 0.2)]
    (held,) = paginate_table(
        kept, [("Décrocher vite", "3\u00a0minutes")], Box(0, 0, 4.0, 5.0), size=12.0
    )
    seuil = 4.0 * held.columns[1].width / sum(c.width for c in held.columns) - CELL_PADDING[0]
    assert fitting.line_count("3\u00a0minutes", seuil, 12.0) == 1  # a no-break space holds
    roomy = [Column("Nom", 0.5), Column("Rôle", 0.5)]
    (same,) = paginate_table(roomy, [("Claire", "Consultante")], Box(0, 0, 8.0, 5.0), size=12.0)
    assert [c.width for c in same.columns] == [0.5, 0.5]
