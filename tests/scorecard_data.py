"""The demo engagement measured, for the scorecard's deck, command and page.

:func:`demo_with_its_files` reads the demo's shipped measurement files; :func:`measured_demo`
holds four hand-chosen quarters, so the scorecard of 2027-Q1 shows each case a sponsor meets:
a standard missed and slipping (std-remb), an at-most standard met as it falls
(std-tel), one never measured (std-courrier), KPIs on track, reached, behind,
and one without a declared baseline (notoriete-engagement).
"""

from __future__ import annotations

from typing import Literal

from cxkit.document import load_demo
from cxkit.measures_import import demo_measurements_path, import_measurements
from cxkit.model import Engagement

QUARTERS = ("2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1")
VALUES: dict[str, tuple[float | None, ...]] = {
    "std-remb": (91, 89, 87, 84),
    "std-tel": (4.2, 3.6, 3.1, 2.8),
    "std-hospi": (93, 95, 96, 97),
    "nps": (9, 11, 12, 14),
    "delai-remb": (6.5, 6.2, 6.0, 5.6),
    "joignabilite": (54, 66, 74, 86),
    "ces-courriers": (4.1, 4.4, 4.7, 5.0),
    "notoriete-engagement": (8, None, 12, 14),
}


def measured_demo() -> Engagement:
    """The demo with :data:`VALUES`, its KPIs due by the end of 2028 from 2026-Q2."""
    data = load_demo().model_dump(mode="json", exclude_none=True)
    data["measurements"] = [
        {"of": of, "period": p, "value": v, "source": "Export BI"}
        for of, values in VALUES.items()
        for p, v in zip(QUARTERS, values, strict=True)
        if v is not None
    ]
    for kpi in data["strategy"]["kpis"]:
        kpi.update(horizon=2028, baseline_period="2026-Q2")
    return Engagement.model_validate(data)


def demo_with_its_files(kind: Literal["csv", "xlsx"] = "csv") -> Engagement:
    """The demo with the measurements its shipped BI export holds (2027-Q1 to 2027-Q3)."""
    demo = load_demo()
    return demo.model_copy(
        update={"measurements": import_measurements(demo, demo_measurements_path(kind))}
    )
