"""The deck as a consulting deliverable: client-facing words, messages, length (no python-pptx)."""

from __future__ import annotations

import re

from cxkit.checks import run_checks
from cxkit.deck import DeckPlan, plan_deck
from cxkit.model import Engagement
from tests.deck.conftest import TODAY

CODE = re.compile(r"\bCX\d{3}\b")


def test_no_check_code_nor_internal_review_on_any_slide(demo_engagement: Engagement) -> None:
    for lang in ("fr", "en"):
        plan = plan_deck(demo_engagement, lang, today=TODAY)
        shown = "\n".join(t for s in plan.slides for t in s.texts())
        assert not CODE.search(shown)
        for internal in ("revue de cohérence", "consistency review", "Terminé", "Done"):
            assert internal not in shown


def test_open_points_are_a_slide_for_the_committee_codes_in_the_notes(
    demo_engagement: Engagement,
) -> None:
    warnings = [f for f in run_checks(demo_engagement) if f.severity == "warning"]
    assert warnings, "the demo has open points"
    plan = plan_deck(demo_engagement, "en", today=TODAY)
    (slide,) = [s for s in plan.slides if s.topic == "Points to settle"]
    (table,) = slide.tables()
    assert [c.header for c in table.columns] == ["Part", "Point to settle", "Concerns"]
    assert len(table.rows) == len({f.code for f in warnings})
    for f in warnings:
        assert f.code in slide.notes
    cells = [cell for row in table.rows for cell in row]
    assert any("Jeunes actifs" in cell for cell in cells)
    assert any("CX strategy" in cell for cell in cells[2::3])  # a part by its name, not its key


def test_with_nothing_open_there_is_no_points_slide(draft: Engagement) -> None:
    assert not [f for f in run_checks(draft) if f.severity == "warning"]
    plan = plan_deck(draft, "en", today=TODAY)
    assert not any(s.topic == "Points to settle" for s in plan.slides)


def _changed(engagement: Engagement, change: object) -> Engagement:
    copy = engagement.model_copy(deep=True)
    change(copy)  # type: ignore[operator]
    return copy


def _message(plan_of: Engagement, topic: str, lang: str = "fr") -> str:
    plan = plan_deck(plan_of, lang, today=TODAY)
    return next(s.title for s in plan.slides if s.topic.startswith(topic))


def test_the_benchmark_says_where_the_client_leads_and_lags(demo_engagement: Engagement) -> None:
    fr = _message(demo_engagement, "Benchmark\u00a0: Horizon Mutuelle face")
    assert fr == (
        "Horizon Mutuelle devance le meilleur concurrent sur Engagement mutualiste, "
        "mais reste en retrait sur Expérience mobile et Rapidité de remboursement"
    )
    en = _message(demo_engagement, "Benchmark: Horizon Mutuelle against", "en")
    assert en.startswith("Horizon Mutuelle leads the best competitor on Engagement mutualiste")

    def amazon_excels(e: Engagement) -> None:  # a cross-sector reference is not the market
        amazon = next(s for s in e.collection.benchmark.scores if s.actor == "Amazon")
        amazon.values = {**amazon.values, "Engagement mutualiste": 5}

    assert _message(_changed(demo_engagement, amazon_excels), "Benchmark\u00a0: Horizon") == fr


def test_the_kpis_name_their_largest_gaps_and_the_pillars_left_unmeasured(
    demo_engagement: Engagement,
) -> None:
    message = _message(demo_engagement, "Les indicateurs, pilier par pilier")
    assert "Net Promoter Score relationnel de 9 à 25\u00a0points" in message
    assert "de 6,5 à 2\u00a0jours" in message

    def drop_engage(e: Engagement) -> None:
        e.strategy.kpis = [k for k in e.strategy.kpis if "engage" not in k.pillars]

    changed = _changed(demo_engagement, drop_engage)
    unmeasured = _message(changed, "The indicators, pillar by pillar", "en")
    assert unmeasured.endswith("no indicator yet for Engagé")
    plan = plan_deck(changed, "en", today=TODAY)
    board = next(s for s in plan.slides if s.topic.startswith("The indicators, pillar"))
    (cards,) = board.elements
    flagged = next(c for c in cards.cards if c.heading == "Engagé")  # type: ignore[union-attr]
    assert (flagged.tag, flagged.body) == ("To define", "No indicator yet")


def test_the_matrix_names_the_devices_and_pillars_without_leads(
    demo_engagement: Engagement,
) -> None:
    assert _message(demo_engagement, "Pistes d'actions").endswith(
        "couvrent chaque pilier et chaque dispositif"
    )

    def no_loyalty(e: Engagement) -> None:
        for d in e.devices:
            if d.kind == "loyalty":
                d.actions = []

    message = _message(_changed(demo_engagement, no_loyalty), "Action leads", "en")
    assert (
        message == "5 action leads; none yet for Loyalty and engagement, nor for the pillar Engagé"
    )


def test_an_engagement_file_replaces_a_message(demo_engagement: Engagement) -> None:
    from cxkit.document import to_document
    from cxkit.validation import build_engagement

    doc = to_document(demo_engagement)
    doc["restitution"] = {"messages": {"benchmark": "Le mobile, notre retard à combler"}}
    plan = plan_deck(build_engagement(doc), today=TODAY)
    chart = next(s for s in plan.slides if s.charts())
    assert chart.title == "Le mobile, notre retard à combler"
    assert chart.label.startswith("Benchmark")


def _restitution(e: Engagement) -> None:
    """The optional restitution fields filled, as a consultant would before the meeting."""
    import datetime as dt

    from cxkit.model import NextStep, Restitution

    e.restitution = Restitution(
        meeting="Comité de direction",
        date=dt.date(2026, 12, 1),
        decisions=["Valider le référentiel"],
        next_steps=[
            NextStep(action="Former les managers", owner="DRH", due=dt.date(2027, 1, 15)),
            NextStep(action="Lancer le rappel garanti", owner="Relation membres"),
        ],
    )


def test_the_cover_names_the_meeting_and_next_steps_have_owners(
    demo_engagement: Engagement,
) -> None:
    plain = plan_deck(demo_engagement, today=TODAY).slides[0]
    assert "20\u00a0novembre\u00a02026" in plain.subtitle and "Assurance santé" in plain.subtitle
    plan = plan_deck(_changed(demo_engagement, _restitution), today=TODAY)
    assert "Comité de direction · 1\u00a0décembre\u00a02026" in plan.slides[0].subtitle
    (steps,) = [s for s in plan.slides if s.topic == "Prochaines étapes"]
    assert (
        steps.title == "Première étape\u00a0: Former les managers (DRH, 15\u00a0janvier\u00a02027)"
    )
    assert steps.tables()[0].rows[1] == ("Lancer le rappel garanti", "Relation membres", "")
    decisions = next(s for s in plan.slides if s.topic == "Validation et décisions attendues")
    assert "• Valider le référentiel" in decisions.texts()


def test_each_rule_speaks_both_languages_and_fits_two_lines(demo_engagement: Engagement) -> None:
    from cxkit.deck.context import Context
    from cxkit.deck.messages import MESSAGE_RULES

    met = _changed(demo_engagement, _restitution)
    for lang in ("fr", "en"):
        ctx = Context(met, lang, today=TODAY)
        for key, rule in MESSAGE_RULES.items():
            said = rule(ctx)
            assert said, f"{key} says nothing on the demo"
            assert "deck." not in said and "{" not in said, said
    plan = plan_deck(demo_engagement, today=TODAY)
    for slide in plan.slides:
        if slide.label:
            assert not slide.title.endswith("…"), slide.title


def _body(plan: object) -> list:  # type: ignore[type-arg]
    """The slides before the appendix divider."""
    slides = list(plan.slides)  # type: ignore[attr-defined]
    end = next(
        (i for i, s in enumerate(slides) if s.kind == "section" and s.section == "appendix"),
        len(slides),
    )
    return slides[:end]


def test_the_large_engagement_keeps_a_body_a_committee_can_sit_through(
    large_plan: DeckPlan,
) -> None:
    body = _body(large_plan)
    assert len(body) <= 45
    assert not any(s.continued for s in body)  # no "(continued)" table in the body
    appendix = large_plan.slides_of("appendix")
    detail = [s for s in appendix if s.topic.startswith("Feuille de route\u00a0: les pistes")]
    assert sum(len(t.rows) for s in detail for t in s.tables()) == 500
    cut = [s for s in body if any("en annexe" in t for t in s.texts())]
    assert cut, "a table cut short in the body says where the rest is"


def test_the_body_follows_the_method_and_the_benchmark_sits_with_the_market(
    demo_engagement: Engagement,
) -> None:
    plan = plan_deck(demo_engagement, today=TODAY)
    order = [s.section for s in _body(plan)]
    assert order.index("collection") < order.index("environment") < order.index("strategy")
    market = [s.topic for s in plan.slides_of("environment")]
    assert market.index("Vision marché\u00a0: les concurrents") < market.index(
        "Benchmark\u00a0: Horizon Mutuelle face au marché"
    )
    assert not any(s.topic.startswith("Benchmark\u00a0: notes") for s in _body(plan))


def test_empty_columns_are_dropped(demo_engagement: Engagement) -> None:
    def no_sources(e: Engagement) -> None:
        for k in e.strategy.kpis:
            k.source = None

    plan = plan_deck(_changed(demo_engagement, no_sources), "en", today=TODAY)
    (table,) = next(
        s for s in plan.slides if s.topic == "Appendix — The strategy's indicators"
    ).tables()
    assert "Source" not in [c.header for c in table.columns]


FILL_THRESHOLD = 0.3
"""Share of the body frame a content slide's boxes must cover: below, it is half empty."""


def _covered(slide: object, frame: object) -> float:
    from cxkit.deck import fitting
    from cxkit.deck.plan import Box, Cards, TextBlock

    boxes: list[Box] = []
    for e in slide.elements:  # type: ignore[attr-defined]
        if isinstance(e, Cards):
            boxes += e.boxes
        elif isinstance(e, TextBlock):  # as tall as its text, not its frame
            h = fitting.paragraphs_height([p.text for p in e.paragraphs], e.box.w - 0.2, e.size)
            boxes.append(Box(e.box.x, e.box.y, e.box.w, min(e.box.h, h)))
        else:
            boxes.append(e.box)
    return sum(b.w * b.h for b in boxes) / (frame.w * frame.h)  # type: ignore[attr-defined]


def test_no_content_slide_of_the_demo_is_half_empty(demo_engagement: Engagement) -> None:
    """Measured from the plan; a statement slide (one sentence, by design) is exempt."""
    from cxkit.deck.plan import Statement

    for lang in ("fr", "en"):
        plan = plan_deck(demo_engagement, lang, today=TODAY)
        for slide in _body(plan):
            if slide.kind != "content" or any(isinstance(e, Statement) for e in slide.elements):
                continue
            assert _covered(slide, plan.page.frame) >= FILL_THRESHOLD, slide.topic
