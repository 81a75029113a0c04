"""Each health check fires where the method's good practice is broken, and only there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cxkit.checks import CHECK_SECTIONS, REGISTRY, all_codes, run_checks
from cxkit.model import Engagement
from cxkit.validation import build_engagement

Doc = dict[str, Any]


def healthy(doc: Doc) -> Doc:
    """The demo with its known warnings mended: the baseline where nothing fires."""
    doc["strategy"]["pillars"][0]["sources"] += ["jeunes-actifs", "independants"]
    doc["strategy"]["kpis"][4]["baseline"] = 12
    return doc


def codes(doc: Doc) -> list[str]:
    return [f.code for f in run_checks(build_engagement(doc))]


def test_the_mended_demo_is_healthy(demo_doc: Doc) -> None:
    assert run_checks(build_engagement(healthy(demo_doc))) == []


def test_the_demo_has_its_known_warnings(demo: Engagement) -> None:
    assert [(f.code, f.path) for f in run_checks(demo)] == [
        ("CX208", "strategy.kpis[4].baseline"),
        ("CX211", "environment.customer.segments[0]"),
        ("CX211", "environment.customer.segments[3]"),
        ("CX901", "validation.strategy"),
    ]


def _pillar(i: int) -> dict[str, Any]:
    return {
        "id": f"p{i}",
        "name": f"Pilier {i}",
        "customers_say": "x",
        "role": "fundamental",
        "rationale": "r",
    }


def five_pillars(doc: Doc) -> None:
    doc["strategy"]["pillars"].append(_pillar(5))
    doc["strategy"]["kpis"].append(
        {"id": "k5", "name": "K5", "pillars": ["p5"], "baseline": 1, "target": 2}
    )
    doc["devices"][0]["actions"].append({"id": "a5", "title": "A5", "pillars": ["p5"]})


def two_pillars(doc: Doc) -> None:
    doc["strategy"]["pillars"] = doc["strategy"]["pillars"][:2]
    for kpi in doc["strategy"]["kpis"]:
        kpi["pillars"] = [p for p in kpi["pillars"] if p in ("fiable", "proche")]
    for device in doc["devices"]:
        for action in device["actions"]:
            action["pillars"] = [p for p in action["pillars"] if p in ("fiable", "proche")] or [
                "fiable"
            ]
    for item in doc["referential"]["standards"] + doc["referential"]["rituals"]:
        item["pillars"] = [p for p in item["pillars"] if p in ("fiable", "proche")]
    doc["strategy"]["pillars"][0]["sources"] += ["seniors"]


def drop_kpi_of_clair(doc: Doc) -> None:
    doc["strategy"]["kpis"] = [k for k in doc["strategy"]["kpis"] if k["pillars"] != ["clair"]]


def drop_actions_of_engage(doc: Doc) -> None:
    for device in doc["devices"]:
        for action in device["actions"]:
            action["pillars"] = [p for p in action["pillars"] if p != "engage"] or ["fiable"]


def common_standards(doc: Doc) -> None:
    for i in range(6):
        doc["referential"]["standards"].append(
            {
                "id": f"std-x{i}",
                "statement": f"S{i}",
                "indicator": "i",
                "threshold": 1,
                "unit": "%",
                "scope": "common",
            }
        )


def one_role(doc: Doc) -> None:
    for pillar in doc["strategy"]["pillars"]:
        pillar["role"] = "fundamental"


def bench_without_self(doc: Doc) -> None:
    doc["collection"]["benchmark"]["scores"] = doc["collection"]["benchmark"]["scores"][1:]


def set_(path: str, value: Any) -> Callable[[Doc], None]:
    import re

    def mutate(doc: Doc) -> None:
        parts = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]
        holder: Any = doc
        for part in parts[:-1]:
            holder = holder[part]
        if value is None:
            del holder[parts[-1]]
        else:
            holder[parts[-1]] = value

    return mutate


def chain(*mutations: Callable[[Doc], None]) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        for m in mutations:
            m(doc)

    return mutate


def _measured(of: str, *values: tuple[str, float]) -> list[dict[str, Any]]:
    return [{"of": of, "period": period, "value": value} for period, value in values]


def refund_delay_late_twice(doc: Doc) -> None:
    """The refund delay due from 6.5 days to 2 by the end of 2027, barely moving for two quarters."""
    doc["strategy"]["kpis"][1].update(horizon=2027, baseline_period="2026-Q4")
    doc["measurements"] = _measured("delai-remb", ("2027-Q2", 6.3), ("2027-Q3", 6.2))


# code -> (mutation that makes it fire, path of the finding)
FIRES: dict[str, tuple[Callable[[Doc], None], str]] = {
    "CX101": (
        set_("environment.customer.segments[1].expectations", None),
        "environment.customer.segments[1].expectations",
    ),
    "CX111": (bench_without_self, "collection.benchmark.scores"),
    "CX201": (five_pillars, "strategy.pillars"),
    "CX202": (two_pillars, "strategy.pillars"),
    "CX203": (drop_kpi_of_clair, "strategy.pillars[2]"),
    "CX204": (drop_actions_of_engage, "strategy.pillars[3]"),
    "CX205": (set_("strategy.pillars[1].customers_say", None), "strategy.pillars[1].customers_say"),
    "CX206": (
        chain(
            set_("strategy.pillars[3].rationale", None),
            set_("strategy.pillars[3].sources", ["independants"]),
        ),
        "strategy.pillars[3].rationale",
    ),
    "CX207": (set_("strategy.kpis[2].target", None), "strategy.kpis[2].target"),
    "CX208": (set_("strategy.kpis[2].baseline", None), "strategy.kpis[2].baseline"),
    "CX209": (set_("strategy.ambition", None), "strategy.ambition"),
    "CX210": (one_role, "strategy.pillars"),
    "CX211": (
        set_("strategy.pillars[0].sources", ["familles", "independants"]),
        "environment.customer.segments[0]",
    ),
    "CX301": (set_("devices[4].actions", []), "devices"),
    "CX302": (set_("devices[1].actions[0].pillars", []), "devices[1].actions[0].pillars"),
    "CX401": (set_("referential.standards[2].threshold", None), "referential.standards[2]"),
    "CX402": (common_standards, "referential.standards"),
    "CX403": (
        set_("referential.standards[1].applies_to", None),
        "referential.standards[1].applies_to",
    ),
    "CX404": (set_("referential.promise", None), "referential.promise"),
    "CX501": (
        set_("measurements", _measured("std-remb", ("2027-Q1", 91))),
        "referential.standards[1]",
    ),
    "CX502": (refund_delay_late_twice, "strategy.kpis[1]"),
    "CX901": (
        chain(set_("validation.devices.status", "validated"), set_("devices[4].actions", [])),
        "validation.devices",
    ),
}


def test_every_check_has_a_case() -> None:
    assert sorted(FIRES) == all_codes()


@pytest.mark.parametrize("code", sorted(FIRES))
def test_a_check_fires_where_practice_is_broken(demo_doc: Doc, code: str) -> None:
    mutate, path = FIRES[code]
    mutate(healthy(demo_doc))
    findings = run_checks(build_engagement(demo_doc))
    mine = [f for f in findings if f.code == code]
    assert [f.path for f in mine][:1] == [path], findings
    for lang in ("fr", "en"):
        message = mine[0].message(lang)
        assert message and "{" not in message and not message.startswith("check.")


@pytest.mark.parametrize("code", sorted(FIRES))
def test_a_check_stays_quiet_on_a_healthy_engagement(demo_doc: Doc, code: str) -> None:
    assert code not in codes(healthy(demo_doc))


def test_a_bare_draft_only_gets_gentle_findings() -> None:
    draft = build_engagement({"cxkit": 1, "engagement": {"id": "d", "client": "D"}})
    assert run_checks(draft) == []


def test_a_differentiating_pillar_backed_by_a_competitor_needs_no_rationale(demo_doc: Doc) -> None:
    pillar = healthy(demo_doc)["strategy"]["pillars"][3]
    pillar["rationale"] = None
    pillar["sources"] = ["neo-sante"]
    assert "CX206" not in codes(demo_doc)


def test_a_standard_missing_only_its_unit_is_not_measurable(demo_doc: Doc) -> None:
    del healthy(demo_doc)["referential"]["standards"][0]["unit"]
    findings = [f for f in run_checks(build_engagement(demo_doc)) if f.code == "CX401"]
    assert findings[0].message("en").endswith("missing unit.")
    assert findings[0].message("fr").startswith("Le standard «\u00a0Rembourser 90 %")


def test_device_kinds_show_by_their_label(demo_doc: Doc) -> None:
    healthy(demo_doc)["devices"][3]["actions"] = []
    [finding] = [f for f in run_checks(build_engagement(demo_doc)) if f.code == "CX301"]
    assert "Fidélisation et engagement" in finding.message("fr")
    assert "Loyalty and engagement" in finding.message("en")


def test_registered_checks_declare_a_section_and_a_severity() -> None:
    for check in REGISTRY.values():
        assert check.section in CHECK_SECTIONS
        assert check.severity in ("warning", "info")


def test_the_validated_parts_are_the_validation_sections_and_check_sections() -> None:
    from typing import get_args

    from cxkit.checks import CheckSection
    from cxkit.model import Validation
    from cxkit.vocab import VALIDATED_SECTIONS

    assert tuple(Validation.model_fields) == VALIDATED_SECTIONS
    assert set(VALIDATED_SECTIONS) <= set(get_args(CheckSection))


def test_cx901_counts_the_warnings_of_its_part_only(demo_doc: Doc) -> None:
    doc = healthy(demo_doc)
    doc["validation"]["strategy"]["status"] = "to-validate"
    doc["validation"]["referential"]["status"] = "validated"
    doc["strategy"]["kpis"][2]["target"] = None  # CX207, a strategy warning
    doc["strategy"]["kpis"][3]["baseline"] = None  # CX208, an info: never counted
    assert "CX901" not in codes(doc)
    doc["referential"]["standards"][2]["threshold"] = None  # CX401, a referential warning
    [finding] = [f for f in run_checks(build_engagement(doc)) if f.code == "CX901"]
    assert (finding.path, finding.params) == (
        "validation.referential",
        {"section": "referential", "count": 1},
    )
