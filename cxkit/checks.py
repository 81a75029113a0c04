"""Health checks: the method's good practice, as warnings with stable codes.

A draft engagement is incomplete by nature, so none of these refuses
anything: each finding has a stable code (like a linter's), a severity, the
path it is about, the section of the method it belongs to, and a message in
the engagement's language. A check is one small function registered with
:func:`check`; adding one is adding a function, its catalog entries and
its two tests (one where it fires, one where it does not).

Codes: CX1xx environment and collection, CX2xx strategy, CX3xx devices,
CX4xx referential, CX5xx monitoring (the measurements after the
restitution: kept apart from the validated parts, so a KPI falling behind
never reads as "validated with warnings"), CX9xx validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from cxkit import periods
from cxkit.i18n import label, t
from cxkit.measures import measured_ids
from cxkit.model import Engagement
from cxkit.scorecard import kpi_off_track_running
from cxkit.vocab import DEVICE_KINDS, MAX_PILLARS, MIN_PILLARS, VALIDATED_SECTIONS

Severity = Literal["warning", "info"]
CheckSection = Literal[
    "environment", "collection", "strategy", "devices", "referential", "monitoring", "validation"
]
CHECK_SECTIONS: tuple[CheckSection, ...] = (
    "environment",
    "collection",
    "strategy",
    "devices",
    "referential",
    "monitoring",
    "validation",
)
"""The parts of the method a finding belongs to, in the order reports list them."""

MAX_COMMON_STANDARDS = 7


# Message parameters that are closed-vocabulary values, shown by their label.
_VOCAB_PARAMS = {"kind": "device", "role": "role", "section": "section", "missing": "field"}
# Message parameters that are periods, shown as a reader says them ("T2 2027").
_PERIOD_PARAMS = ("period", "previous")


def _show(name: str, value: Any, lang: str | None) -> Any:
    if name in _PERIOD_PARAMS and periods.is_period(value):
        return periods.label(value, lang or "fr")
    if name not in _VOCAB_PARAMS:
        return value
    if isinstance(value, list):
        return ", ".join(label(_VOCAB_PARAMS[name], v, lang) for v in value)
    return label(_VOCAB_PARAMS[name], value, lang)


@dataclass(frozen=True)
class Finding:
    """One health warning about an engagement."""

    code: str
    severity: Severity
    section: CheckSection
    path: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        params = {k: _show(k, v, lang) for k, v in self.params.items()}
        return t(f"check.{self.code}", lang, **params)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "section": self.section,
            "path": self.path,
            "message": self.message(lang),
            "title": t(f"check.{self.code}.title", lang),
        }


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    section: CheckSection
    run: Callable[[Engagement], Iterator[tuple[str, dict[str, Any]]]]


REGISTRY: dict[str, Check] = {}

CheckFn = Callable[[Engagement], Iterator[tuple[str, dict[str, Any]]]]


def check(
    code: str, section: CheckSection, severity: Severity = "warning"
) -> Callable[[CheckFn], CheckFn]:
    """Register a check; the function yields ``(path, message params)`` per finding."""

    def register(fn: CheckFn) -> CheckFn:
        if code in REGISTRY:
            raise ValueError(f"health check code {code} registered twice")
        REGISTRY[code] = Check(code, severity, section, fn)
        return fn

    return register


# --- environment and collection ---------------------------------------------------


@check("CX211", "strategy")
def priority_segment_not_traced(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A priority segment whose expectations no pillar traces back to."""
    if not e.strategy.pillars:
        return
    interviews_of = {i.id: i.segment for i in e.collection.interviews}
    traced: set[str] = set()
    for pillar in e.strategy.pillars:
        for source in pillar.sources:
            traced.add(source)
            if interviews_of.get(source):
                traced.add(interviews_of[source] or "")
    for i, seg in enumerate(e.environment.customer.segments):
        if seg.priority in ("acquisition", "retention", "both") and seg.id not in traced:
            yield f"environment.customer.segments[{i}]", {"segment": seg.name}


@check("CX101", "environment", "info")
def segment_without_expectations(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A priority segment with no expectation written down cannot be traced."""
    for i, seg in enumerate(e.environment.customer.segments):
        if seg.priority in ("acquisition", "retention", "both") and not seg.expectations:
            yield f"environment.customer.segments[{i}].expectations", {"segment": seg.name}


@check("CX111", "collection", "info")
def benchmark_without_self(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A benchmark is read against the client: it needs a 'self' row."""
    scores = e.collection.benchmark.scores
    if scores and not any(s.kind == "self" for s in scores):
        yield "collection.benchmark.scores", {}


# --- strategy ---------------------------------------------------------------------


@check("CX201", "strategy")
def too_many_pillars(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """The method: 3 or 4 pillars at most, which embody the ambition."""
    if len(e.strategy.pillars) > MAX_PILLARS:
        yield "strategy.pillars", {"count": len(e.strategy.pillars), "max": MAX_PILLARS}


@check("CX202", "strategy", "info")
def too_few_pillars(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    if 0 < len(e.strategy.pillars) < MIN_PILLARS:
        yield "strategy.pillars", {"count": len(e.strategy.pillars), "min": MIN_PILLARS}


@check("CX203", "strategy")
def pillar_without_kpi(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    measured = {p for k in e.strategy.kpis for p in k.pillars}
    for i, pillar in enumerate(e.strategy.pillars):
        if pillar.id not in measured:
            yield f"strategy.pillars[{i}]", {"pillar": pillar.name}


@check("CX204", "strategy")
def pillar_without_action(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    carried = {p for _, a in e.actions() for p in a.pillars}
    for i, pillar in enumerate(e.strategy.pillars):
        if pillar.id not in carried:
            yield f"strategy.pillars[{i}]", {"pillar": pillar.name}


@check("CX205", "strategy")
def pillar_without_quote(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A pillar is what customers will say: without the quote it is only a word."""
    for i, pillar in enumerate(e.strategy.pillars):
        if not (pillar.customers_say or "").strip():
            yield f"strategy.pillars[{i}].customers_say", {"pillar": pillar.name}


@check("CX206", "strategy")
def differentiating_without_market(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A differentiating pillar must say against whom: a competitor source or a rationale."""
    competitors = {c.id for c in e.environment.market.competitors}
    market_interviews = {
        i.id for i in e.collection.interviews if any(v.vision == "market" for v in i.verbatims)
    }
    for i, pillar in enumerate(e.strategy.pillars):
        if pillar.role != "differentiating":
            continue
        backed = any(s in competitors or s in market_interviews for s in pillar.sources)
        if not backed and not (pillar.rationale or "").strip():
            yield f"strategy.pillars[{i}].rationale", {"pillar": pillar.name}


@check("CX207", "strategy")
def kpi_without_target(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    for i, kpi in enumerate(e.strategy.kpis):
        if kpi.target is None:
            yield f"strategy.kpis[{i}].target", {"kpi": kpi.name}


@check("CX208", "strategy", "info")
def kpi_without_baseline(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    for i, kpi in enumerate(e.strategy.kpis):
        if kpi.baseline is None and kpi.target is not None:
            yield f"strategy.kpis[{i}].baseline", {"kpi": kpi.name}


@check("CX209", "strategy")
def pillars_without_ambition(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """Pillars embody an ambition: write the ambition first."""
    ambition = e.strategy.ambition
    if e.strategy.pillars and not (ambition and (ambition.statement or "").strip()):
        yield "strategy.ambition", {}


@check("CX210", "strategy", "info")
def no_fundamental_or_differentiating(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """The method asks for fundamental pillars and differentiating ones."""
    roles = {p.role for p in e.strategy.pillars}
    if len(e.strategy.pillars) >= 2:
        for role in ("fundamental", "differentiating"):
            if role not in roles:
                yield "strategy.pillars", {"role": role}


# --- relational devices -------------------------------------------------------------


@check("CX301", "devices")
def device_kind_without_action(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """All five relational devices carry the strategy; one with no lead is a gap."""
    if not e.strategy.pillars and not e.devices:
        return
    with_actions = {d.kind for d in e.devices if d.actions}
    for kind in DEVICE_KINDS:
        if kind not in with_actions:
            yield "devices", {"kind": kind}


@check("CX302", "devices", "info")
def action_without_pillar(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    for d, device in enumerate(e.devices):
        for a, action in enumerate(device.actions):
            if not action.pillars:
                yield f"devices[{d}].actions[{a}].pillars", {"action": action.title}


# --- referential ----------------------------------------------------------------------


@check("CX401", "referential")
def standard_not_measurable(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A standard is a measurable commitment: indicator, threshold and unit."""
    for i, std in enumerate(e.referential.standards):
        missing = [
            name
            for name, value in (
                ("indicator", std.indicator),
                ("threshold", std.threshold),
                ("unit", std.unit),
            )
            if value is None or (isinstance(value, str) and not value.strip())
        ]
        if missing:
            yield f"referential.standards[{i}]", {"standard": std.statement, "missing": missing}


@check("CX402", "referential")
def too_many_common_standards(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """Too many standards blur what matters: teams own a handful."""
    common = [s for s in e.referential.standards if s.scope in (None, "common")]
    if len(common) > MAX_COMMON_STANDARDS:
        yield "referential.standards", {"count": len(common), "max": MAX_COMMON_STANDARDS}


@check("CX403", "referential")
def specific_standard_without_scope(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    for i, std in enumerate(e.referential.standards):
        applies = std.applies_to
        if std.scope == "specific" and not (
            applies
            and (applies.offers or applies.journey_stages or applies.channels or applies.segments)
        ):
            yield f"referential.standards[{i}].applies_to", {"standard": std.statement}


@check("CX404", "referential", "info")
def referential_without_promise(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    ref = e.referential
    has_content = ref.standards or ref.postures or ref.rituals
    if has_content and not (ref.promise and (ref.promise.statement or "").strip()):
        yield "referential.promise", {}


# --- monitoring: the measurements ------------------------------------------------------


@check("CX501", "monitoring")
def standard_never_measured(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """Once measuring has started, a standard with no value is a commitment nobody checks."""
    if not e.measurements:
        return
    measured = measured_ids(e)
    for i, std in enumerate(e.referential.standards):
        if std.id not in measured:
            yield f"referential.standards[{i}]", {"standard": std.statement}


@check("CX502", "monitoring")
def kpi_off_track_twice(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A KPI off its trajectory in its last two periods in a row: a trend, not a blip.

    The verdict is the scorecard's (:func:`cxkit.scorecard.kpi_off_track_running`), so
    the check and the sponsor's deck never disagree.
    """
    for i, kpi in enumerate(e.strategy.kpis):
        run = kpi_off_track_running(e, kpi, 2)
        if run:
            yield f"strategy.kpis[{i}]", {"kpi": kpi.name, "previous": run[0], "period": run[1]}


# --- validation ------------------------------------------------------------------------


@check("CX901", "validation")
def validated_with_warnings(e: Engagement) -> Iterator[tuple[str, dict[str, Any]]]:
    """A part marked validated while its own checks still give warnings: the client signs gaps.

    It counts the warnings of the checks registered for that part, so a new
    check of the strategy, devices or referential counts here with no change.
    """
    for section in VALIDATED_SECTIONS:
        if getattr(e.validation, section).status != "validated":
            continue
        count = sum(
            1
            for c in REGISTRY.values()
            if c.section == section and c.severity == "warning"
            for _ in c.run(e)
        )
        if count:
            yield f"validation.{section}", {"section": section, "count": count}


def run_checks(engagement: Engagement) -> list[Finding]:
    """Every finding of every registered check, in the method's order."""
    findings = [
        Finding(c.code, c.severity, c.section, path, params)
        for c in REGISTRY.values()
        for path, params in c.run(engagement)
    ]
    order = {s: i for i, s in enumerate(CHECK_SECTIONS)}
    return sorted(findings, key=lambda f: (order[f.section], f.code, f.path))


def all_codes() -> list[str]:
    return sorted(REGISTRY)
