"""The JSON Schema editors read: generated from the model, shipped, and honest about its reach.

It accepts every engagement cxkit accepts, and refuses the broken variants
of tests/test_validation.py that a schema can express; the others (rules
that compare parts of the document) are listed here by name, and the
schema is shown to let them through, so the list cannot silently go stale.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from cxkit.document import new_engagement, save_engagement, to_document
from cxkit.errors import EngagementInvalid
from cxkit.file_schema import SCHEMA_NAME, engagement_schema, packaged_schema, schema_text
from cxkit.sample import large_engagement_document
from cxkit.validation import build_engagement, format_path
from tests.conftest import ROOT, run_cxkit
from tests.test_validation import CASES, _set

Doc = dict[str, Any]

VALIDATOR = Draft7Validator(engagement_schema(), format_checker=Draft7Validator.FORMAT_CHECKER)

# Broken variants (names of tests/test_validation.py's CASES) that compare parts of the
# document: unique ids, references, the perimeter, scores against the declared scale.
BEYOND_A_SCHEMA = {
    "duplicate id across sections",
    "duplicate action id",
    "dangling kpi pillar",
    "dangling action pillar",
    "dangling standard pillar",
    "dangling ritual pillar",
    "dangling pillar source",
    "dangling interview segment",
    "dangling perimeter segment",
    "applies_to outside perimeter",
    "applies_to segment outside perimeter",
    "ritual moment outside perimeter",
    "ritual channel outside perimeter",
    "score above scale",
    "undeclared criterion",
    "contribution of unknown workshop",
    "provenance of unknown workshop",
    "measurement of an unknown indicator",
    "measurement of a pillar",
    "two values for one period",
}


def as_editor_sees(doc: Any) -> Any:
    """A YAML document as an editor's schema validation reads it: dates are strings there."""

    def iso(value: Any) -> str:
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    return json.loads(json.dumps(doc, default=iso))


def schema_errors(doc: Any) -> list[str]:
    """The paths (cxkit's notation) where the schema refuses the document."""
    return [format_path(e.absolute_path) for e in VALIDATOR.iter_errors(as_editor_sees(doc))]


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    Draft7Validator.check_schema(engagement_schema())


def test_the_shipped_copies_are_the_generated_schema() -> None:
    hint = "regenerate them with `make schema`"
    assert packaged_schema().read_text(encoding="utf-8") == schema_text(), hint
    assert (ROOT / "docs" / SCHEMA_NAME).read_text(encoding="utf-8") == schema_text(), hint


def test_vocabularies_are_enums_and_fields_are_described() -> None:
    defs = engagement_schema()["$defs"]
    kind = defs["Device"]["properties"]["kind"]
    assert kind["enum"] == ["distribution", "offer", "journeys", "loyalty", "culture"]
    assert "customer journeys" in kind["description"]
    assert defs["Pillar"]["description"].startswith("A pillar of the CX strategy")
    assert engagement_schema()["required"] == ["cxkit", "engagement"]


# --- what cxkit accepts, the schema accepts ------------------------------------------


def _decimal_comma(doc: Doc) -> None:
    doc["strategy"]["kpis"][1]["baseline"] = "6,5"


def _measured(doc: Doc) -> None:
    doc["measurements"] = [
        {"of": "std-tel", "period": "2027-Q1", "value": "3,4", "source": "BI"},
        {"of": "nps", "period": "2027-03", "value": 12},
    ]
    doc["referential"]["standards"][1]["direction"] = "at-most"
    doc["strategy"]["kpis"][1].update(horizon="2027-Q4", baseline_period="2026-Q4")
    doc["strategy"]["kpis"][0]["horizon"] = 2028


VALID: list[tuple[str, Callable[[Doc], None]]] = [
    ("the demo", lambda doc: None),
    ("a French decimal comma", _decimal_comma),
    ("a number written as text", _set("strategy.kpis[0].target", "1e2")),
    ("a horizon as text", _set("strategy.ambition.horizon", "2027-S2")),
    ("an empty optional field", _set("engagement.sponsor", None)),
    (
        "a criterion left out",
        lambda doc: doc["collection"]["benchmark"]["scores"][0]["values"].popitem(),
    ),
    ("english", _set("engagement.language", "en")),
    ("measurements, a direction, a KPI horizon", _measured),
]


@pytest.mark.parametrize(("name", "mutate"), VALID, ids=[v[0] for v in VALID])
def test_a_valid_variant_of_the_demo_passes_both(
    demo_doc: Doc, name: str, mutate: Callable[[Doc], None]
) -> None:
    mutate(demo_doc)
    build_engagement(copy.deepcopy(demo_doc))
    assert schema_errors(demo_doc) == []


def test_a_new_draft_and_a_large_engagement_pass() -> None:
    assert schema_errors(to_document(new_engagement("ACME Énergie"), "json")) == []
    assert schema_errors(large_engagement_document(interviews=40, standards=30)) == []


# --- what cxkit refuses, the schema refuses where it can ------------------------------


@pytest.mark.parametrize(("name", "mutate", "path", "key"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_variant_is_refused_where_a_schema_can_say_it(
    demo_doc: Doc, name: str, mutate: Callable[[Doc], None], path: str, key: str
) -> None:
    mutate(demo_doc)
    with pytest.raises(EngagementInvalid):
        build_engagement(copy.deepcopy(demo_doc))
    errors = schema_errors(demo_doc)
    if name in BEYOND_A_SCHEMA:
        assert errors == [], f"the schema now refuses '{name}': move it out of BEYOND_A_SCHEMA"
    else:
        # At the problem's path, or at its parent (a missing field, an item twice in a list).
        assert any(
            path == e or (path[len(e) : len(e) + 1] in (".", "[") and path.startswith(e))
            for e in errors
        ), (path, errors)


def test_every_beyond_a_schema_name_is_a_case() -> None:
    assert {c[0] for c in CASES} >= BEYOND_A_SCHEMA


@pytest.mark.parametrize("version", [None, 2, "1"])
def test_a_file_without_format_version_1_is_refused(demo_doc: Doc, version: Any) -> None:
    if version is None:
        del demo_doc["cxkit"]
    else:
        demo_doc["cxkit"] = version
    assert schema_errors(demo_doc) != []


# --- files cxkit writes name the schema -------------------------------------------------


def test_a_written_yaml_file_names_the_packaged_schema_and_still_reads(tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    save_engagement(new_engagement("ACME"), target)
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={packaged_schema().resolve().as_uri()}"
    assert build_engagement(yaml.safe_load(target.read_text(encoding="utf-8"))).id == "acme"


def test_a_schema_beside_the_file_is_named_relatively(tmp_path: Path) -> None:
    assert run_cxkit("schema", "-o", str(tmp_path / SCHEMA_NAME)).returncode == 0
    assert json.loads((tmp_path / SCHEMA_NAME).read_text(encoding="utf-8")) == engagement_schema()
    result = run_cxkit("new", "--client", "ACME", "-o", str(tmp_path / "acme.yaml"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "acme.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_NAME}\n")
    converted = run_cxkit("convert", str(tmp_path / "acme.yaml"), "-o", str(tmp_path / "b.yml"))
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "b.yml").read_text(encoding="utf-8") == text


def test_a_json_file_carries_no_comment(tmp_path: Path) -> None:
    target = tmp_path / "acme.json"
    save_engagement(new_engagement("ACME"), target)
    assert json.loads(target.read_text(encoding="utf-8"))["cxkit"] == 1


def test_cxkit_schema_prints_the_schema() -> None:
    result = run_cxkit("schema")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == engagement_schema()
