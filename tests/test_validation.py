"""Broken variants of the demo engagement, one per rule of docs/format.md.

Each is refused with the right path and the right reason; a file with
several problems lists them all; nothing raises anything but
EngagementInvalid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cxkit.errors import EngagementInvalid
from cxkit.validation import Problem, build_engagement, check_document, format_path

Doc = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """A mutation that sets ``a.b[2].c`` to ``value`` in a document."""

    def mutate(doc: Doc) -> None:
        import re

        parts: list[str | int] = [
            int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)
        ]
        target: Any = doc
        for part in parts[:-1]:
            target = target[part]
        if isinstance(target, list) and parts[-1] == len(target):
            target.append(value)
        else:
            target[parts[-1]] = value

    return mutate


def _delete(path: str, key: str) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        holder: Any = doc
        import re

        for part in re.findall(r"[^.\[\]]+", path):
            holder = holder[int(part) if part.isdigit() else part]
        del holder[key]

    return mutate


CASES: list[tuple[str, Callable[[Doc], None], str, str]] = [
    # required fields
    ("missing client", _delete("engagement", "client"), "engagement.client", "error.missing"),
    ("missing engagement id", _delete("engagement", "id"), "engagement.id", "error.missing"),
    (
        "pillar without name",
        _delete("strategy.pillars[1]", "name"),
        "strategy.pillars[1].name",
        "error.missing",
    ),
    (
        "interview without id",
        _delete("collection.interviews[0]", "id"),
        "collection.interviews[0].id",
        "error.missing",
    ),
    (
        "empty standard statement",
        _set("referential.standards[0].statement", ""),
        "referential.standards[0].statement",
        "error.empty",
    ),
    # wrong types
    (
        "list where text",
        _set("engagement.client", ["a", "b"]),
        "engagement.client",
        "error.type_text",
    ),
    (
        "text where list",
        _set("strategy.kpis[1].pillars", "fiable"),
        "strategy.kpis[1].pillars",
        "error.type_list",
    ),
    (
        "text where number",
        _set("strategy.kpis[1].target", "deux"),
        "strategy.kpis[1].target",
        "error.type_number",
    ),
    (
        "boolean where number",
        _set("referential.standards[0].threshold", True),
        "referential.standards[0].threshold",
        "error.type_number",
    ),
    (
        "list where horizon",
        _set("devices[0].actions[0].horizon", [2027]),
        "devices[0].actions[0].horizon",
        "error.type_horizon",
    ),
    ("bad date", _set("engagement.start", "le 7 septembre"), "engagement.start", "error.type_date"),
    (
        "text where section",
        _set("referential.promise", "Simple"),
        "referential.promise",
        "error.type_mapping",
    ),
    (
        "unknown field",
        _set("strategy.pillars[0].pilars", ["x"]),
        "strategy.pillars[0].pilars",
        "error.unknown_field",
    ),
    # closed vocabularies
    ("unknown market", _set("engagement.market", "B2X"), "engagement.market", "error.enum"),
    ("unknown language", _set("engagement.language", "de"), "engagement.language", "error.enum"),
    (
        "unknown segment value",
        _set("environment.customer.segments[0].value", "huge"),
        "environment.customer.segments[0].value",
        "error.enum",
    ),
    (
        "unknown pillar role",
        _set("strategy.pillars[0].role", "core"),
        "strategy.pillars[0].role",
        "error.enum",
    ),
    ("unknown device kind", _set("devices[0].kind", "pricing"), "devices[0].kind", "error.enum"),
    (
        "unknown validation status",
        _set("validation.devices.status", "ok"),
        "validation.devices.status",
        "error.enum",
    ),
    (
        "unknown actor kind",
        _set("collection.benchmark.scores[1].kind", "rival"),
        "collection.benchmark.scores[1].kind",
        "error.enum",
    ),
    # ids
    ("bad id", _set("workshops[0].id", "Atelier 1"), "workshops[0].id", "error.slug"),
    (
        "blank name",
        _set("strategy.pillars[0].name", "  \x0b "),
        "strategy.pillars[0].name",
        "error.empty",
    ),
    (
        "duplicate id across sections",
        _set("strategy.kpis[0].id", "fiable"),
        "strategy.kpis[0].id",
        "error.duplicate_id",
    ),
    (
        "duplicate action id",
        _set("devices[2].actions[0].id", "act-rappel"),
        "devices[2].actions[0].id",
        "error.duplicate_id",
    ),
    # references
    (
        "dangling kpi pillar",
        _set("strategy.kpis[2].pillars", ["fiabel"]),
        "strategy.kpis[2].pillars[0]",
        "error.unknown_pillar",
    ),
    (
        "dangling action pillar",
        _set("devices[0].actions[0].pillars", ["proche", "loin"]),
        "devices[0].actions[0].pillars[1]",
        "error.unknown_pillar",
    ),
    (
        "dangling standard pillar",
        _set("referential.standards[1].pillars", ["x"]),
        "referential.standards[1].pillars[0]",
        "error.unknown_pillar",
    ),
    (
        "dangling ritual pillar",
        _set("referential.rituals[1].pillars", ["clair", "y"]),
        "referential.rituals[1].pillars[1]",
        "error.unknown_pillar",
    ),
    (
        "dangling pillar source",
        _set("strategy.pillars[3].sources", ["int-eng-99"]),
        "strategy.pillars[3].sources[0]",
        "error.unknown_source",
    ),
    (
        "dangling interview segment",
        _set("collection.interviews[3].segment", "ados"),
        "collection.interviews[3].segment",
        "error.unknown_segment",
    ),
    (
        "dangling perimeter segment",
        _set("referential.perimeter.segments[4]", "ados"),
        "referential.perimeter.segments[4]",
        "error.unknown_segment",
    ),
    (
        "applies_to outside perimeter",
        _set("referential.standards[1].applies_to", {"channels": ["Pigeon voyageur"]}),
        "referential.standards[1].applies_to.channels[0]",
        "error.not_in_perimeter",
    ),
    (
        "applies_to segment outside perimeter",
        _set("referential.standards[3].applies_to", {"segments": ["jeunes"]}),
        "referential.standards[3].applies_to.segments[0]",
        "error.not_in_perimeter",
    ),
    (
        "ritual moment outside perimeter",
        _set("referential.rituals[0].moment", "Après-vente"),
        "referential.rituals[0].moment",
        "error.not_in_perimeter",
    ),
    (
        "ritual channel outside perimeter",
        _set("referential.rituals[0].channels", ["Fax"]),
        "referential.rituals[0].channels[0]",
        "error.not_in_perimeter",
    ),
    # benchmark
    (
        "score above scale",
        _set("collection.benchmark.scores[1].values.Expérience mobile", 6),
        'collection.benchmark.scores[1].values["Expérience mobile"]',
        "error.score_range",
    ),
    (
        "score zero",
        _set("collection.benchmark.scores[2].values.Clarté des garanties", 0),
        'collection.benchmark.scores[2].values["Clarté des garanties"]',
        "error.score_range",
    ),
    (
        "score not whole",
        _set("collection.benchmark.scores[2].values.Clarté des garanties", 2.5),
        'collection.benchmark.scores[2].values["Clarté des garanties"]',
        "error.type_integer",
    ),
    (
        "undeclared criterion",
        _set("collection.benchmark.scores[0].values.Prix", 3),
        "collection.benchmark.scores[0].values.Prix",
        "error.unknown_criterion",
    ),
    (
        "criterion twice",
        _set("collection.benchmark.criteria[5]", "Clarté des garanties"),
        "collection.benchmark.criteria[5]",
        "error.duplicate_criterion",
    ),
    (
        "scale too small",
        _set("collection.benchmark.scale", 1),
        "collection.benchmark.scale",
        "error.too_small",
    ),
    # contributions
    (
        "contribution of unknown workshop",
        _set(
            "contributions",
            [
                {
                    "id": "c-1",
                    "workshop": "atelier-9",
                    "participant": "p-1",
                    "kind": "comment",
                    "text": "x",
                }
            ],
        ),
        "contributions[0].workshop",
        "error.unknown_workshop",
    ),
    (
        "unknown contribution kind",
        _set(
            "contributions",
            [{"id": "c-1", "workshop": "atelier-1", "participant": "p-1", "kind": "like"}],
        ),
        "contributions[0].kind",
        "error.enum",
    ),
    # provenance of an object adopted in a workshop
    (
        "provenance of unknown workshop",
        _set("referential.postures[0].provenance", {"workshop": "atelier-9", "dots": 2}),
        "referential.postures[0].provenance.workshop",
        "error.unknown_workshop",
    ),
    (
        "provenance with negative dots",
        _set("devices[0].actions[0].provenance", {"workshop": "atelier-1", "dots": -1}),
        "devices[0].actions[0].provenance.dots",
        "error.too_small",
    ),
    # measurements, a standard's direction, a KPI's horizon and baseline period
    (
        "measurement of an unknown indicator",
        _set("measurements", [{"of": "std-inconnu", "period": "2027-Q1", "value": 3}]),
        "measurements[0].of",
        "error.unknown_measured",
    ),
    (
        "measurement of a pillar",
        _set("measurements", [{"of": "fiable", "period": "2027-Q1", "value": 3}]),
        "measurements[0].of",
        "error.unknown_measured",
    ),
    (
        "two values for one period",
        _set(
            "measurements",
            [
                {"of": "std-tel", "period": "2027-Q1", "value": 3},
                {"of": "std-tel", "period": "2027-q1", "value": 4},
            ],
        ),
        "measurements[1].period",
        "error.duplicate_measurement",
    ),
    (
        "measurement period that is not one",
        _set("measurements", [{"of": "std-tel", "period": "2027-Q5", "value": 3}]),
        "measurements[0].period",
        "error.type_period",
    ),
    (
        "measurement value that is not a number",
        _set("measurements", [{"of": "std-tel", "period": "2027-01", "value": "8,x"}]),
        "measurements[0].value",
        "error.type_number",
    ),
    (
        "measurement without value",
        _set("measurements", [{"of": "std-tel", "period": "2027-01"}]),
        "measurements[0].value",
        "error.missing",
    ),
    (
        "unknown direction",
        _set("referential.standards[1].direction", "below"),
        "referential.standards[1].direction",
        "error.enum",
    ),
    (
        "kpi horizon that is a text",
        _set("strategy.kpis[1].horizon", "18 mois"),
        "strategy.kpis[1].horizon",
        "error.type_kpi_horizon",
    ),
    (
        "kpi baseline period that is a year",
        _set("strategy.kpis[1].baseline_period", 2026),
        "strategy.kpis[1].baseline_period",
        "error.type_period",
    ),
]


@pytest.mark.parametrize(("name", "mutate", "path", "key"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_variant_is_refused_with_its_path(
    demo_doc: Doc, name: str, mutate: Callable[[Doc], None], path: str, key: str
) -> None:
    mutate(demo_doc)
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(demo_doc)
    found = [(p.path, p.key) for p in caught.value.problems]
    assert (path, key) in found, found
    assert len(found) == 1, found  # exactly the problem made, no noise


def test_the_message_names_path_and_reason(demo_doc: Doc) -> None:
    demo_doc["strategy"]["kpis"][2]["pillars"] = ["fiabel"]
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(demo_doc)
    assert (
        caught.value.problems[0].render("en")
        == "strategy.kpis[2].pillars[0]: unknown pillar 'fiabel'"
    )
    assert (
        caught.value.problems[0].render("fr")
        == "strategy.kpis[2].pillars[0]: pilier inconnu «\u00a0fiabel\u00a0»"
    )


def test_an_unknown_value_lists_the_allowed_ones(demo_doc: Doc) -> None:
    demo_doc["engagement"]["market"] = "B2X"
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(demo_doc)
    assert "'B2C', 'B2B', 'B2B2C'" in caught.value.problems[0].message("en")


def test_a_file_with_several_problems_lists_them_all(demo_doc: Doc) -> None:
    demo_doc["engagement"]["market"] = "B2X"  # vocabulary (model pass)
    demo_doc["strategy"]["kpis"][0]["target"] = "beaucoup"  # type (model pass)
    demo_doc["strategy"]["kpis"][2]["pillars"] = ["fiabel"]  # reference (document pass)
    demo_doc["collection"]["benchmark"]["scores"][0]["values"]["Expérience mobile"] = 9  # scale
    demo_doc["strategy"]["pillars"][2]["id"] = "fiable"  # duplicate id
    _, problems = check_document(demo_doc)
    paths = {p.path for p in problems}
    assert {
        "engagement.market",
        "strategy.kpis[0].target",
        "strategy.kpis[2].pillars[0]",
        'collection.benchmark.scores[0].values["Expérience mobile"]',
        "strategy.pillars[2].id",
    } <= paths


def test_another_format_version_names_the_one_found(demo_doc: Doc) -> None:
    demo_doc["cxkit"] = 2
    demo_doc["engagement"]["market"] = "B2X"  # not reported: the version comes first
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(demo_doc)
    [problem] = caught.value.problems
    assert problem.path == "cxkit"
    assert problem.message("en") == "format version 2: this release of cxkit reads format 1"


def test_a_missing_format_version_says_how_to_fix_it(demo_doc: Doc) -> None:
    del demo_doc["cxkit"]
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(demo_doc)
    assert "cxkit: 1" in caught.value.problems[0].message("en")


def test_only_id_client_and_version_are_required() -> None:
    engagement = build_engagement({"cxkit": 1, "engagement": {"id": "x", "client": "X"}})
    assert engagement.strategy.pillars == [] and engagement.language == "fr"


def test_a_french_decimal_comma_is_a_number(demo_doc: Doc) -> None:
    demo_doc["strategy"]["kpis"][1]["baseline"] = "6,5"
    assert build_engagement(demo_doc).strategy.kpis[1].baseline == 6.5


def test_errors_speak_the_engagements_language(demo_doc: Doc) -> None:
    demo_doc["engagement"]["language"] = "en"
    demo_doc["strategy"]["kpis"][2]["pillars"] = ["fiabel"]
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(demo_doc)
    assert "unknown pillar 'fiabel'" in str(caught.value)


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("strategy", "kpis", 2, "pillars", 0), "strategy.kpis[2].pillars[0]"),
        (
            ("collection", "benchmark", "scores", 0, "values", "Prix"),
            "collection.benchmark.scores[0].values.Prix",
        ),
        (("a", "b c"), 'a["b c"]'),
        ((), ""),
    ],
)
def test_format_path(loc: tuple[str | int, ...], path: str) -> None:
    assert format_path(loc) == path


def test_problem_as_dict() -> None:
    problem = Problem("a.b", "error.unknown_pillar", {"value": "x"})
    assert problem.as_dict("en") == {
        "path": "a.b",
        "code": "error.unknown_pillar",
        "message": "unknown pillar 'x'",
    }


def test_messages_speak_one_language(demo_doc: Doc) -> None:
    demo_doc["strategy"]["kpis"][1]["target"] = "deux"
    demo_doc["devices"][0]["actions"][0]["horizon"] = [2027]
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(demo_doc)
    french = [p.message("fr") for p in caught.value.problems]
    assert french == [
        "un nombre est attendu, trouvé «\u00a0deux\u00a0»",
        "une année (2029) ou un texte court («\u00a02027-S2\u00a0») est attendu, trouvé «\u00a0[2027]\u00a0»",
    ]
