"""The measurements section, a standard's direction, a KPI's horizon: in and out of a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cxkit.document import dumps, load_engagement, save_engagement, to_document
from cxkit.model import Engagement, Measurement
from cxkit.validation import build_engagement


def _measured(doc: dict[str, Any]) -> Engagement:
    doc["measurements"] = [
        {"of": "std-tel", "period": "2027-q1", "value": "3,4", "source": "Téléphonie"},
        {"of": "nps", "period": "2027-03", "value": 12},
    ]
    doc["referential"]["standards"][1]["direction"] = "at-most"
    doc["strategy"]["kpis"][1].update(horizon="2027-Q4", baseline_period="2026-Q4")
    doc["strategy"]["kpis"][0]["horizon"] = 2028
    return build_engagement(doc)


def test_measurements_are_read_in_their_canonical_form(demo_doc: dict[str, Any]) -> None:
    engagement = _measured(demo_doc)
    assert engagement.measurements == [
        Measurement(of="std-tel", period="2027-Q1", value=3.4, source="Téléphonie"),
        Measurement(of="nps", period="2027-03", value=12),
    ]
    assert engagement.referential.standards[1].direction == "at-most"
    assert engagement.strategy.kpis[1].horizon == "2027-Q4"
    assert engagement.strategy.kpis[1].baseline_period == "2026-Q4"
    assert engagement.strategy.kpis[0].horizon == 2028


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_measurements_survive_a_round_trip(
    tmp_path: Path, demo_doc: dict[str, Any], suffix: str
) -> None:
    engagement = _measured(demo_doc)
    path = save_engagement(engagement, tmp_path / f"out{suffix}")
    again = load_engagement(path)
    assert again == engagement
    text = path.read_text(encoding="utf-8")
    assert "measurements" in text and "2027-Q1" in text and "baseline_period" in text


def test_an_engagement_without_measurements_writes_no_section(demo: Engagement) -> None:
    assert demo.measurements == []
    assert "measurements" not in to_document(demo)
    assert "measurements" not in to_document(demo, "json")
    assert "direction" not in dumps(demo) and "baseline_period" not in dumps(demo)


def test_the_section_comes_after_validation(demo_doc: dict[str, Any]) -> None:
    keys = list(to_document(_measured(demo_doc)))
    assert keys.index("validation") < keys.index("measurements")
