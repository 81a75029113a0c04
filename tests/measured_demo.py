"""The demo engagement as it is steered after the restitution: KPI plans and three quarters.

The package's demo file is the shared format's example, byte for byte, so
the KPIs' horizons and baseline periods the scorecard needs live here. With
the demo measurement files (cxkit/data/horizon-mutuelle-mesures.*):
std-remb met in Q1 (91 %) then missed (87.5, then 85 < 90 % in Q3); std-tel
met at most in Q3 (2.8 ≤ 3 minutes, missed in Q1 and Q2); std-courrier met
exactly at its threshold in Q3 (100 %); std-hospi never measured;
delai-remb on track in Q1 (5.3 days), off track in Q2 and Q3 (6.3 then 6.2
days for a target of 2 by the end of 2027); nps, joignabilite and
ces-courriers on track; notoriete-engagement (no baseline) not measured.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from cxkit.document import demo_path, read_document
from cxkit.measures import merge
from cxkit.measures_import import demo_measurements_path, read_measurements_file
from cxkit.model import Engagement
from cxkit.validation import build_engagement

KPI_PLANS: dict[str, tuple[int | str, str]] = {
    "nps": (2029, "2026-Q4"),
    "delai-remb": (2027, "2026-Q4"),
    "joignabilite": (2028, "2026-Q4"),
    "ces-courriers": (2028, "2026-Q4"),
}
"""KPI id -> (horizon, baseline period)."""


def with_kpi_plans(doc: dict[str, Any]) -> dict[str, Any]:
    """The demo's raw mapping with each KPI's horizon and baseline period."""
    for kpi in doc["strategy"]["kpis"]:
        if kpi["id"] in KPI_PLANS:
            kpi["horizon"], kpi["baseline_period"] = KPI_PLANS[kpi["id"]]
    return doc


def planned_demo() -> Engagement:
    """The demo with its KPI plans, no measurement yet."""
    return build_engagement(with_kpi_plans(copy.deepcopy(read_document(demo_path()))))


def measured_demo(kind: Literal["csv", "xlsx"] = "csv") -> Engagement:
    """The demo with its KPI plans and the three quarters of the demo measurement file."""
    engagement = planned_demo()
    found = read_measurements_file(demo_measurements_path(kind), engagement)
    return engagement.model_copy(update={"measurements": merge([], found)})
