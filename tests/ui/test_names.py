"""What the forms show, without a browser: names for ids, sentences for codes, locale numbers."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cxkit.checks import Finding, run_checks
from cxkit.model import Engagement
from cxkit.typography import NBSP
from cxkit.ui.findings import finding_sentence, findings_html, summary_text
from cxkit.ui.intro import intro_html, rich, section_html
from cxkit.ui.references import (
    distinct,
    interview_name,
    perimeter_segment_choices,
    pillar_change_place,
    pillar_choices,
    segment_choices,
    source_choices,
    with_unknown,
)
from cxkit.ui.texts import colon, quoted, vocab_options
from cxkit.ui.values import from_widget, number_text, to_widget
from cxkit.ui.wording import names_by_id, problem_lines
from cxkit.validation import Problem

CODE = re.compile(r"\bCX\d{3}\b")


def test_reference_choices_are_names_and_store_ids(demo: Engagement) -> None:
    assert segment_choices(demo)[0] == ("Jeunes actifs", "jeunes-actifs")
    assert [name for name, _ in pillar_choices(demo)] == ["Fiable", "Proche", "Clair", "Engagé"]
    sources = dict((v, k) for k, v in source_choices(demo, "fr"))
    assert sources["alma"] == f"Concurrent{NBSP}: Alma Assurances"
    assert sources["int-cli-01"].startswith(f"Entretien{NBSP}: Membre famille")
    assert not [text for text in sources.values() if "int-" in text]  # no id read as a name
    english = dict((v, k) for k, v in source_choices(demo, "en"))
    assert english["alma"] == "Competitor: Alma Assurances"
    declared = set(demo.referential.perimeter.segments)
    assert {v for _, v in perimeter_segment_choices(demo)} == declared


def test_an_interview_is_named_by_who_was_met_and_when(demo: Engagement) -> None:
    interview = next(i for i in demo.collection.interviews if i.id == "int-cli-01")
    assert (
        interview_name(interview, demo, "fr") == "Membre famille, 2 enfants · Familles · 21/09/2026"
    )
    interview.role = None
    assert interview_name(interview, demo, "en").startswith("customer")  # its audience


def test_duplicate_names_are_told_apart_and_a_stale_id_still_shows() -> None:
    assert distinct([("Famille", "a"), ("Famille", "b"), ("", "c")]) == [
        ("Famille", "a"),
        ("Famille (2)", "b"),
        ("—", "c"),
    ]
    assert with_unknown([("A", "a")], ["a", "gone"], "fr") == [
        ("A", "a"),
        ("(élément supprimé)", "gone"),
    ]
    assert vocab_options("phase", ("collection",), "fr")[0] == ("— choisir —", None)


def test_findings_read_as_sentences_with_codes_only_in_a_fold(demo: Engagement) -> None:
    findings = run_checks(demo)
    assert findings
    html = findings_html(findings, demo.id, "fr")
    outside = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    assert not CODE.search(outside) and "environment." not in outside
    assert html.count("<details class='cxkit-dev'>") == len(findings)
    assert all(f.code in html and f.path in html for f in findings)  # for developers, folded
    assert "(s)" not in html
    assert "workshops.ipynb?engagement=horizon-mutuelle" in html


@pytest.mark.parametrize(
    ("count", "fr", "en"),
    [
        (0, "Aucun avertissement, aucune information", "No warnings, no notes"),
        (1, "1 avertissement, aucune information", "1 warning, no notes"),
        (2, "2 avertissements, aucune information", "2 warnings, no notes"),
    ],
)
def test_counts_use_plural_forms(count: int, fr: str, en: str) -> None:
    findings = [Finding("CX203", "warning", "strategy", "strategy.pillars[0]")] * count
    assert summary_text(findings, "fr") == fr
    assert summary_text(findings, "en") == en


def test_a_counted_check_message_has_its_plural() -> None:
    one = Finding(
        "CX901", "warning", "validation", "validation.strategy", {"section": "strategy", "count": 1}
    )
    two = Finding(
        "CX901", "warning", "validation", "validation.strategy", {"section": "strategy", "count": 2}
    )
    assert finding_sentence(one, "fr").endswith(f"encore 1{NBSP}avertissement.".replace(NBSP, " "))
    assert finding_sentence(two, "fr").endswith("encore 2 avertissements.")
    assert "(s)" not in finding_sentence(two, "fr")
    missing = Finding(
        "CX401",
        "warning",
        "referential",
        "referential.standards[0]",
        {"standard": "S", "missing": ["indicator", "unit"]},
    )
    assert "manquants." in finding_sentence(missing, "fr") and "(s)" not in finding_sentence(
        missing, "fr"
    )


def test_numbers_show_and_are_typed_by_locale() -> None:
    assert to_widget("number", 0.22, "fr") == "0,22"
    assert to_widget("number", 0.22, "en") == "0.22"
    assert to_widget("number", 12000, "fr") == "12\u202f000"
    assert number_text("0,3", "fr") == "0.3"
    assert number_text("12\u202f000", "fr") == "12000"
    assert number_text("1,000.5", "en") == "1000.5"
    assert number_text("beaucoup", "fr") == "beaucoup"  # refused by the model, as typed
    assert from_widget("number", "0,3", "fr") == "0.3"
    assert from_widget("refs", ("a", "b"), "fr") == ["a", "b"]


def test_a_change_of_the_pillars_is_placed_in_words() -> None:
    names = ["Fiable", "Proche"]
    assert pillar_change_place("strategy.pillars[1].sources[0]", names, "fr") == (
        f"Pilier «{NBSP}Proche{NBSP}» · Sources (segments, entretiens, concurrents)"
    )
    assert pillar_change_place("strategy.pillars[5]", names, "en") == "Pillar no. 6"
    assert pillar_change_place("strategy.pillars", names, "fr") == "Les piliers"


def test_a_refused_edit_names_things_and_places(demo: Engagement) -> None:
    names = names_by_id(demo, "fr")
    problems = [
        Problem("collection.interviews[3].segment", "error.unknown_segment", {"value": "familles"}),
        Problem("strategy.pillars[0].sources[0]", "error.unknown_source", {"value": "familles"}),
        Problem(
            "referential.standards[0].applies_to.channels[0]",
            "error.not_in_perimeter",
            {"value": "Fax", "list": "channels"},
        ),
    ]
    lines = problem_lines(problems, "fr", names)
    assert lines[0].replace(NBSP, " ") == (
        "« Familles » est encore cité dans : Les entretiens, Les piliers. Retirez-le d'abord de là."
    )
    assert "périmètre (canaux)" in lines[1] and "referential." not in lines[1]


def test_intros_come_from_the_catalog_in_one_language() -> None:
    fr, en = intro_html("collection", "fr"), intro_html("collection", "en")
    assert "<h1>Phase 1" in fr and "Collection" not in fr
    assert "<h1>Phase 1: collection</h1>" in en and "collecte" not in en
    assert "<b>" in section_html("pillars", "fr")
    assert (
        rich("a **<b>**\n\n- x\n- y", "fr")
        == "<p>a <b>&lt;b&gt;</b></p><ul><li>x</li><li>y</li></ul>"
    )
    assert colon("fr") == f"{NBSP}: " and colon("en") == ": "
    assert quoted("oui", "fr") == f"«{NBSP}oui{NBSP}»" and quoted("yes", "en") == "“yes”"


def test_dates_show_day_first_and_are_typed_either_way() -> None:
    assert to_widget("date", dt.date(2026, 11, 3), "fr") == "03/11/2026"
    assert from_widget("date", "3/11/2026", "fr") == "2026-11-03"
    assert from_widget("date", "2026-11-03", "en") == "2026-11-03"
    assert from_widget("date", "demain", "fr") == "demain"  # refused by the model, as typed
