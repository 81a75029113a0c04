"""The deck as PowerPoint sees it: built, reopened with python-pptx, read back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from cxkit.deck import REQUIRED_LAYOUTS, build_deck, check_template, plan_deck
from cxkit.document import to_document
from cxkit.errors import TemplateError
from cxkit.model import Engagement
from cxkit.validation import build_engagement
from tests.deck.conftest import slide_texts

# Words each part must show, on the slide whose title starts with the key.
EXPECTED_FR = {
    "Horizon Mutuelle": ["Stratégie expérience client", "Claire Martin"],
    "La démarche CX ID": ["Collecte", "Ateliers", "Restitution", "5 entretiens"],
    "Vision client": ["Familles", "41\u00a0%", "Forte", "Fidélisation", "Tiers payant étendu"],
    "Vision entreprise": ["Solidarité", "Réduire l'attrition"],
    "Vision marché\u00a0: les concurrents": [
        "Alma Assurances",
        "Chatbot 24/7",
        "Genius Bar",
        "Amazon",
    ],
    "Qui nous avons entendu": ["5 entretiens", "Directrice marketing"],
    "Ce que nous avons entendu": ["Proximité", "2 entretiens", "Membre famille"],
    "Annexe — Ce que disent les entretiens": ["Proximité", "Vision client"],
    "L'essentiel": ["Ce que nous avons trouvé", "Ce que nous proposons"],
    "La stratégie en une page": ["Fiable", "La santé simplifiée", "Notre ambition"],
    "Verbatims choisis": ["il faut un dictionnaire"],
    "Benchmark\u00a0: Horizon Mutuelle face": ["Rapidité de remboursement", "Néo-Santé"],
    "Benchmark\u00a0: notes": ["Engagement mutualiste", "Prévia", "—"],
    "Notre ambition": ["simplifie la santé", "Ambition d'impact", "2029"],
    "Nos piliers": ["Fiable", "Fondamental", "Différenciant", "je peux toujours parler"],
    "Les indicateurs, pilier": [
        "Net Promoter Score",
        "6,5\u00a0jours → 2\u00a0jours",
        "Ambition globale",
    ],
    "Pistes d'actions": ["Rappel garanti", "Parcours clients", "Engagé"],
    "Feuille de route": ["2027", "2028", "Téléconsultation", "Direction produits"],
    "Feuille de route\u00a0: les pistes": ["Direction des opérations", "2028"],
    "La promesse client": ["La santé simplifiée", "Proximité"],
    "Standards de service communs": ["90\u00a0%", "Part des courriers conformes"],
    "Standards de service spécifiques": ["3\u00a0minutes", "Téléphone", "Hospitalisation"],
    "Les postures": ["Pédagogue", "sans jargon"],
    "Les rituels": ["Souscription", "Appel de bienvenue", "Bilan annuel"],
    "Le périmètre": ["Prévoyance TNS", "Application mobile", "Travailleurs indépendants"],
    "Validation et décisions attendues": [
        "Validé",
        "À valider",
        "Brouillon",
        "Décisions attendues",
    ],
    "Annexe\u00a0: les entretiens": ["Membre senior, 71\u00a0ans"],
    "Annexe\u00a0: les ateliers": ["Standard téléphonique fixé à 3\u00a0minutes"],
}


def _title(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _kicker(slide) -> str:  # type: ignore[no-untyped-def]
    """The small line above a content slide's message: its part and topic."""
    return next((str(sh.text_frame.text) for sh in slide.shapes if sh.name == "Topic"), "")


def _topics(lang: str = "fr") -> list[str]:
    from cxkit.document import load_demo

    return [s.topic for s in plan_deck(load_demo(), lang).slides]


def test_the_demo_deck_shows_each_part_on_its_slide(decks: dict[str, Path]) -> None:
    prs = Presentation(str(decks["fr"]))
    slides = list(prs.slides)
    topics = _topics()
    for start, words in EXPECTED_FR.items():
        matching = [s for s, topic in zip(slides, topics, strict=True) if topic.startswith(start)]
        assert matching, f"no slide titled {start!r}"
        text = slide_texts(matching[0])
        missing = [w for w in words if w not in text]
        assert not missing, f"{start!r} lacks {missing}"


def test_the_deck_matches_its_plan_and_is_native(
    decks: dict[str, Path], demo_engagement: Engagement
) -> None:
    plan = plan_deck(demo_engagement)
    prs = Presentation(str(decks["fr"]))
    assert len(prs.slides) == len(plan.slides)
    assert [_kicker(s) for s in prs.slides] == [s.kicker for s in plan.slides]
    assert [_title(s) for s in prs.slides] == [s.title for s in plan.slides]
    shapes = [sh for s in prs.slides for sh in s.shapes]
    assert sum(1 for sh in shapes if sh.has_chart) == sum(len(s.charts()) for s in plan.slides) >= 1
    assert sum(1 for sh in shapes if sh.has_table) == sum(len(s.tables()) for s in plan.slides)
    assert not any(sh.shape_type == 13 for sh in shapes)  # no picture anywhere
    assert prs.slide_width == Emu(12188952) or prs.slide_width / prs.slide_height > 1.7


def test_the_chart_compares_the_client_with_each_competitor(decks: dict[str, Path]) -> None:
    """Criteria from the client's largest lead to its largest lag, the client's bars first,
    the cross-sector reference apart; written bottom-up, as office suites stack bars."""
    prs = Presentation(str(decks["fr"]))
    chart = next(sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart)
    plot = chart.plots[0]
    categories = list(plot.categories)[::-1]
    assert categories[0] == "Engagement mutualiste" and categories[-1] == "Expérience mobile"
    names = [s.name for s in plot.series][::-1]
    assert names == ["Horizon Mutuelle", "Alma Assurances", "Prévia", "Néo-Santé"]
    values = dict(zip(categories, list(plot.series[-1].values)[::-1], strict=True))
    assert values == {
        "Engagement mutualiste": 4,
        "Accessibilité du conseil": 3,
        "Rapidité de remboursement": 3,
        "Clarté des garanties": 2,
        "Expérience mobile": 2,
    }
    assert plot.has_data_labels


def test_the_english_deck_has_english_headings(decks: dict[str, Path]) -> None:
    prs = Presentation(str(decks["en"]))
    titles = [_title(s) for s in prs.slides] + [_kicker(s) for s in prs.slides]
    titles += [k.split(" · ")[-1] for k in titles]
    for heading in (
        "Agenda",
        "Strategic environment",
        "Customer vision: the segments",
        "Our ambition",
        "Our pillars: what we want our customers to say about us",
        "Action leads: pillars × relational devices",
        "Common service standards",
        "Validation and decisions asked",
        "Appendix",
    ):
        assert heading in titles
    assert not any(t.startswith(("Notre", "Vision client")) for t in titles)
    assert prs.core_properties.language == "en-GB"


def test_speaker_notes_carry_the_sources(decks: dict[str, Path]) -> None:
    prs = Presentation(str(decks["fr"]))
    notes = {
        topic: s.notes_slide.notes_text_frame.text
        for s, topic in zip(prs.slides, _topics(), strict=True)
        if s.has_notes_slide
    }
    pillars = next(v for k, v in notes.items() if k.startswith("Nos piliers"))
    assert "int-cli-02" in pillars and "segment Seniors" in pillars
    assert "std-hospi" in notes["Standards de service spécifiques"]


def test_core_properties_are_clean(decks: dict[str, Path]) -> None:
    props = Presentation(str(decks["fr"])).core_properties
    assert props.title == "Horizon Mutuelle · Stratégie expérience client"
    assert props.author == "Claire Martin, Hugo Petit"
    assert props.language == "fr-FR"
    assert props.revision == 1 and props.keywords == ""


def test_no_duplicate_shape_ids_and_no_empty_placeholder(decks: dict[str, Path]) -> None:
    for path in decks.values():
        for slide in Presentation(str(path)).slides:
            ids = [sh.shape_id for sh in slide.shapes]
            assert len(ids) == len(set(ids))
            for ph in slide.placeholders:
                assert ph.has_text_frame and ph.text_frame.text.strip()


def test_a_draft_deck_has_only_its_filled_parts(tmp_path: Path, draft: Engagement) -> None:
    path = build_deck(draft, tmp_path / "draft.pptx")
    slides = Presentation(str(path)).slides
    titles = [_title(s) for s in slides]
    assert titles[0] == "ACME Énergie"
    assert "Décisions et prochaines étapes · Validation et décisions attendues" in map(
        _kicker, slides
    )
    assert not any(t.startswith(("Notre ambition", "Benchmark", "Les postures")) for t in titles)


def test_emoji_rtl_and_pasted_control_characters_build_and_reopen(
    tmp_path: Path, demo_engagement: Engagement
) -> None:
    doc = to_document(demo_engagement)
    mixed = "Très clair 👍🏽👨‍👩‍👧 — مرحبا بكم — שלום — 漢字"
    doc["engagement"]["client"] = "Horizon\x0bMutuelle 🌿"
    doc["strategy"]["pillars"][0]["name"] = "Fiable ✅"
    doc["strategy"]["pillars"][0]["customers_say"] = mixed + "\x01\x1f"
    doc["collection"]["benchmark"]["scores"][1]["actor"] = "Alma 🚀 عربي"
    doc["referential"]["standards"][0]["statement"] = mixed
    engagement = build_engagement(doc)
    path = build_deck(engagement, tmp_path / "mixed.pptx")
    prs = Presentation(str(path))
    every = "\n".join(slide_texts(s) for s in prs.slides)
    assert "Fiable ✅" in every and "مرحبا بكم" in every and "Alma 🚀 عربي" in every
    assert "_x00" not in every
    assert prs.core_properties.title.startswith("Horizon\nMutuelle 🌿")


def test_a_template_without_the_layouts_is_refused_before_any_work(tmp_path: Path) -> None:
    bare = tmp_path / "bare.pptx"
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name in ("Title Only", "Section Header"):
            prs.slide_layouts.remove(layout)
    prs.save(str(bare))
    out = tmp_path / "out.pptx"
    with pytest.raises(TemplateError) as caught:
        build_deck(_never_planned(), out, template=bare)
    message = caught.value.message("en")
    assert '"Section Header"' in message and '"Title Only"' in message
    assert '"Title Slide"' not in message.split("Missing:")[1].split("Present:")[0]
    assert not out.exists()
    with pytest.raises(TemplateError):
        check_template(tmp_path / "nowhere.pptx")
    (tmp_path / "fake.pptx").write_text("not a zip")
    with pytest.raises(TemplateError):
        check_template(tmp_path / "fake.pptx")


def _never_planned() -> Engagement:
    """An engagement whose planning would fail: proves the template is checked first."""
    from cxkit.document import new_engagement

    engagement = new_engagement("Jamais")
    object.__setattr__(engagement, "engagement", None)
    return engagement


def test_the_default_template_has_the_required_layouts_and_no_slide() -> None:
    from cxkit.deck import default_template

    prs = Presentation(str(default_template()))
    assert len(prs.slides) == 0
    names = [layout.name for layout in prs.slide_layouts]
    assert set(REQUIRED_LAYOUTS) <= set(names)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01


def test_a_corporate_template_with_the_layout_names_works(
    tmp_path: Path, demo_engagement: Engagement
) -> None:
    """python-pptx's own 4:3 default has PowerPoint's standard layout names: it must work too."""
    corporate = tmp_path / "corporate.pptx"
    Presentation().save(str(corporate))
    template = check_template(corporate)
    plan = plan_deck(demo_engagement, template=template)
    body = plan.page.body
    assert (plan.page.width, round(body.w, 3)) == (10.0, 9.0)  # its own frame, not 16:9's
    path = build_deck(demo_engagement, tmp_path / "corp.pptx", template=corporate)
    prs = Presentation(str(path))
    assert len(prs.slides) == len(plan.slides)
    bottom = Emu(round((body.y + body.h) * 914400))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width + 1
            assert shape.top + shape.height <= prs.slide_height + 1
            if getattr(shape, "has_table", False) and shape.has_table:
                assert shape.top + shape.height <= bottom + 1  # laid out in its body frame


def test_progress_is_reported_for_every_slide(tmp_path: Path, draft: Engagement) -> None:
    seen: list[tuple[int, int]] = []
    build_deck(draft, tmp_path / "p.pptx", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == len(seen)


def test_the_large_deck_builds_with_every_table_within_its_limit(
    tmp_path: Path, large: Engagement
) -> None:
    plan = plan_deck(large, today=dt.date(2026, 11, 20))
    path = build_deck(large, tmp_path / "large.pptx")
    prs = Presentation(str(path))
    assert len(prs.slides) == len(plan.slides)
    limit = {t.row_limit for s in plan.slides for t in s.tables()}
    rows = Counter(len(sh.table.rows) - 1 for s in prs.slides for sh in s.shapes if sh.has_table)
    assert max(rows) <= max(limit)
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.top + shape.height <= prs.slide_height - Emu(457200)


def test_the_footer_names_the_client_the_plan_holds(tmp_path: Path, draft: Engagement) -> None:
    """The footer is data of the plan, not parsed back out of the deck's title."""
    doc = to_document(draft)
    doc["engagement"]["client"] = "Alpha · Beta"
    engagement = build_engagement(doc)
    plan = plan_deck(engagement)
    assert plan.client == "Alpha · Beta" and "Alpha · Beta" in plan.footer.text
    prs = Presentation(str(build_deck(engagement, tmp_path / "f.pptx", plan=plan)))
    content = next(s for s in prs.slides if s.slide_layout.name == "Title Only")
    assert plan.footer.text in slide_texts(content)


def test_cards_are_drawn_where_the_plan_placed_them(decks: dict[str, Path]) -> None:
    """The renderer measures nothing: each card and caption sits in the plan's own box."""
    from cxkit.deck.plan import Cards
    from cxkit.document import load_demo

    plan = plan_deck(load_demo())
    number, slide_plan = next(
        (n, s) for n, s in enumerate(plan.slides) if s.topic.startswith("Nos piliers")
    )
    (cards,) = [e for e in slide_plan.elements if isinstance(e, Cards)]
    body = plan.page.body
    slide = Presentation(str(decks["fr"])).slides[number]
    boxes = {
        (round(sh.left / 914400 - body.x, 2), round(sh.top / 914400 - body.y, 2))
        for sh in slide.shapes
    }
    for box, caption in zip(cards.boxes, cards.captions, strict=True):
        assert (round(box.x, 2), round(box.y, 2)) in boxes
        assert (round(caption.x, 2), round(caption.y, 2)) in boxes
        assert box.y <= caption.y and caption.y + caption.h <= box.y + box.h


def test_a_checked_template_is_read_once_and_passed_on(tmp_path: Path) -> None:
    from cxkit.deck import default_template

    template = check_template(default_template())
    assert check_template(template) is template
    assert set(REQUIRED_LAYOUTS) <= set(template.layouts)
    body = template.page.body
    assert (round(body.x, 2), round(body.y, 2), round(body.w, 2), round(body.h, 2)) == (
        0.6,
        1.5,
        12.13,
        5.25,
    )
