"""The message of each content slide: one sentence, computed from the data.

A consulting slide states what the reader should conclude ("Horizon Mutuelle
leads on solidarity but lags on mobile"), not what it shows ("Benchmark").
Each rule here reads the engagement and returns that sentence, or None when
the data says nothing worth a message (the slide then keeps its topic as its
title). Rules are pure and registered by slide key in :data:`MESSAGE_RULES`;
an engagement file replaces any of them through ``restitution.messages``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from cxkit.deck.context import Context
from cxkit.deck.parts.benchmark import benchmark_gaps
from cxkit.deck.parts.collection import theme_people
from cxkit.deck.parts.decisions import open_points
from cxkit.labels import capitalize
from cxkit.vocab import DEVICE_KINDS, VALIDATED_SECTIONS

Rule = Callable[[Context], str | None]
LEADS_LISTED = 2
"""Criteria, gaps or names a message cites before it stops: a title is not a table."""


def _lower_first(text: str) -> str:
    """``Réduire l'attrition`` inside a sentence: ``réduire l'attrition`` (not ``ONU``)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def method(ctx: Context) -> str | None:
    e = ctx.engagement
    if not e.collection.interviews:
        return None
    interviews = ctx.plural("deck.count.interviews", len(e.collection.interviews))
    if e.workshops:
        workshops = ctx.plural("deck.count.workshops", len(e.workshops))
        return ctx.t("deck.msg.method", interviews=interviews, workshops=workshops)
    return ctx.t("deck.msg.method.collection", interviews=interviews)


def interviews(ctx: Context) -> str | None:
    items = ctx.engagement.collection.interviews
    counts: Counter[str | None] = Counter(i.audience for i in items)
    who = [
        ctx.plural(f"deck.count.{key}", counts[audience])
        for audience, key in (
            ("customer", "customers"),
            ("internal", "staff"),
            ("partner", "partners"),
        )
        if counts[audience]
    ]
    return ctx.t("deck.msg.interviews", who=ctx.and_list(who)) if who else None


def heard(ctx: Context) -> str | None:
    themes = theme_people(ctx)
    if not themes:
        return None
    (top, count), rest = themes[0], themes[1:]
    people = ctx.plural("deck.count.interviews", count)
    if not rest:
        return ctx.t("deck.msg.heard.one", top=top, people=people)
    others = ctx.and_list(t for t, _ in rest[:LEADS_LISTED])
    return ctx.t("deck.msg.heard", top=top, people=people, next=others)


def verbatims(ctx: Context) -> str | None:
    themes = [t for t, _ in theme_people(ctx)[:3]]
    return ctx.t("deck.msg.verbatims", themes=ctx.and_list(themes)) if themes else None


def customer(ctx: Context) -> str | None:
    segments = ctx.engagement.environment.customer.segments
    if not segments:
        return None
    valued = [s for s in segments if s.value == "high"]
    if valued and all(s.share is not None for s in valued):
        share = round(sum(s.share or 0 for s in valued) * 100)
        names = ctx.and_list(s.name for s in valued)
        percent = f"{share}\u00a0%" if ctx.lang == "fr" else f"{share}%"
        return ctx.t("deck.msg.customer", names=names, share=percent)
    return ctx.t(
        "deck.msg.customer.plain", segments=ctx.plural("deck.count.segments", len(segments))
    )


def company(ctx: Context) -> str | None:
    objectives = ctx.engagement.environment.company.objectives
    if not objectives:
        return None
    first = _lower_first(objectives[0].rstrip(". "))
    return ctx.plural("deck.msg.company", len(objectives), first=first)


def market(ctx: Context) -> str | None:
    competitors = ctx.engagement.environment.market.competitors
    if not competitors:
        return None
    count = ctx.plural("deck.count.competitors", len(competitors))
    names = ctx.and_list(c.name for c in competitors[:3])
    key = "deck.msg.market.more" if len(competitors) > 3 else "deck.msg.market"
    return ctx.t(key, competitors=count, names=names)


def practices(ctx: Context) -> str | None:
    actors = list(dict.fromkeys(b.actor for b in ctx.engagement.environment.market.best_practices))
    if not actors:
        return None
    shown = ctx.and_list(actors[:3])
    return ctx.plural("deck.msg.practices", len(actors[:3]), actors=shown)


def benchmark(ctx: Context) -> str | None:
    bench = ctx.engagement.collection.benchmark
    if not any(s.kind == "self" for s in bench.scores):
        return None
    if not any(s.kind == "competitor" for s in bench.scores):
        return None
    gaps, best = benchmark_gaps(ctx)
    leads = [(c, g) for c, g in gaps if g > 0]
    lags = sorted(((c, g) for c, g in gaps if g < 0), key=lambda cg: cg[1])
    params = {
        "client": ctx.engagement.engagement.client,
        "reference": ctx.t("deck.msg.benchmark.best" if best else "deck.msg.benchmark.mean"),
        "leads": ctx.and_list(c for c, _ in leads[:LEADS_LISTED]),
        "lags": ctx.and_list(c for c, _ in lags[:LEADS_LISTED]),
    }
    key = {(True, True): "both", (True, False): "leads", (False, True): "lags"}
    return ctx.t(f"deck.msg.benchmark.{key.get((bool(leads), bool(lags)), 'par')}", **params)


def ambition(ctx: Context) -> str | None:
    e = ctx.engagement
    if not e.strategy.pillars or e.strategy.ambition is None:
        return None
    pillars = ctx.plural("deck.count.pillars", len(e.strategy.pillars))
    horizon = e.strategy.ambition.horizon
    if horizon:
        return ctx.t("deck.msg.ambition", horizon=horizon, pillars=pillars)
    return ctx.t("deck.msg.ambition.plain", pillars=pillars)


def pillars(ctx: Context) -> str | None:
    items = ctx.engagement.strategy.pillars
    if not items:
        return None
    roles = Counter(p.role for p in items)
    if roles["fundamental"] and roles["differentiating"]:
        return ctx.t(
            "deck.msg.pillars",
            fundamental=ctx.plural("deck.count.fundamental", roles["fundamental"]),
            differentiating=ctx.plural("deck.count.differentiating", roles["differentiating"]),
        )
    return ctx.t(
        "deck.msg.pillars.plain",
        pillars=ctx.plural("deck.count.pillars", len(items)),
        names=ctx.and_list(p.name for p in items),
    )


def pillars_without_kpi(ctx: Context) -> list[str]:
    measured = {pid for k in ctx.engagement.strategy.kpis for pid in k.pillars}
    return [p.name for p in ctx.engagement.strategy.pillars if p.id not in measured]


def kpis(ctx: Context) -> str | None:
    items = ctx.engagement.strategy.kpis
    if not items:
        return None
    moving = [k for k in items if k.baseline is not None and k.target is not None]
    moving.sort(
        key=lambda k: -abs((k.target or 0) - (k.baseline or 0)) / (abs(k.baseline or 0) or 1)
    )
    gaps = ", ".join(
        ctx.t(
            "deck.msg.kpis.gap",
            name=k.name if n == 0 else _lower_first(k.name),
            baseline=ctx.number(k.baseline),
            target=ctx.number(k.target, k.unit),
        )
        for n, k in enumerate(moving[:LEADS_LISTED])
    )
    missing = ctx.and_list(pillars_without_kpi(ctx))
    count = ctx.plural("deck.count.kpis", len(items))
    if gaps and missing:
        return ctx.t("deck.msg.kpis", gaps=gaps, missing=missing)
    if gaps:
        return capitalize(ctx.t("deck.msg.kpis.gaps", gaps=gaps))
    if missing:
        return ctx.t("deck.msg.kpis.missing", kpis=count, missing=missing)
    return ctx.t("deck.msg.kpis.plain", kpis=count)


def matrix_gaps(ctx: Context) -> tuple[list[str], list[str]]:
    """The devices (of the method's five) and the pillars that no action lead serves yet."""
    e = ctx.engagement
    served = {d.kind for d in e.devices if d.actions}
    devices = [ctx.label("device", k) for k in DEVICE_KINDS if k not in served]
    linked = {pid for _, a in e.actions() for pid in a.pillars}
    return devices, [p.name for p in e.strategy.pillars if p.id not in linked]


def matrix(ctx: Context) -> str | None:
    actions = ctx.engagement.actions()
    if not actions:
        return None
    leads = ctx.plural("deck.count.leads", len(actions))
    devices, pillar_names = matrix_gaps(ctx)
    gaps = {
        "devices": ctx.and_list(devices[:LEADS_LISTED]),
        "pillars": ctx.plural(
            "deck.msg.matrix.pillar_names",
            len(pillar_names[:LEADS_LISTED]),
            names=ctx.and_list(pillar_names[:LEADS_LISTED]),
        ),
    }
    if devices or pillar_names:
        which = "both" if devices and pillar_names else "devices" if devices else "pillars"
        return ctx.t(f"deck.msg.matrix.{which}", leads=leads, **gaps)
    return ctx.t("deck.msg.matrix.full", leads=leads)


def roadmap(ctx: Context) -> str | None:
    actions = [a for _, a in ctx.engagement.actions()]
    if not actions:
        return None
    years = sorted({a.horizon for a in actions if a.horizon is not None}, key=str)
    first_horizon = years[0] if years else None
    wave = [a for a in actions if a.horizon == first_horizon] if years else actions
    quick = [a for a in wave if a.priority == "high"] or wave
    params = {
        "quick": ctx.plural("deck.count.priority_leads", len(quick)),
        "first": quick[0].title,
    }
    if first_horizon is None:
        return ctx.t("deck.msg.roadmap.plain", **params)
    return ctx.t("deck.msg.roadmap", horizon=first_horizon, **params)


def promise(ctx: Context) -> str | None:
    p = ctx.engagement.referential.promise
    if p is None or not p.components:
        return None
    return ctx.t(
        "deck.msg.promise",
        components=ctx.plural("deck.count.components", len(p.components)),
        names=ctx.and_list(p.components),
    )


def standards_common(ctx: Context) -> str | None:
    items = [s for s in ctx.engagement.referential.standards if s.scope == "common"]
    if not items:
        return None
    count = ctx.plural("deck.count.common_standards", len(items))
    unmeasured = [s for s in items if not (s.indicator and s.threshold is not None)]
    if unmeasured:
        missing = ctx.plural("deck.count.to_measure", len(unmeasured))
        return ctx.t("deck.msg.standards.unmeasured", standards=count, missing=missing)
    return ctx.t("deck.msg.standards.measurable", standards=count)


def standards_specific(ctx: Context) -> str | None:
    items = [s for s in ctx.engagement.referential.standards if s.scope == "specific"]
    if not items:
        return None
    count = ctx.plural("deck.count.specific_standards", len(items))
    targets: Counter[str] = Counter()
    for s in items:
        if s.applies_to is not None:
            targets.update([*s.applies_to.journey_stages, *s.applies_to.channels])
    if not targets:
        return ctx.t("deck.msg.standards.specific.plain", standards=count)
    named = ctx.and_list(t for t, _ in targets.most_common(3))
    return ctx.t("deck.msg.standards.specific", standards=count, targets=named)


def postures(ctx: Context) -> str | None:
    items = ctx.engagement.referential.postures
    if not items:
        return None
    return ctx.t(
        "deck.msg.postures",
        postures=ctx.plural("deck.count.postures", len(items)),
        names=ctx.and_list(p.name for p in items),
    )


def rituals(ctx: Context) -> str | None:
    ref = ctx.engagement.referential
    if not ref.rituals:
        return None
    count = ctx.plural("deck.count.rituals", len(ref.rituals))
    stages = ref.perimeter.journey_stages
    covered = {r.moment for r in ref.rituals if r.moment in stages}
    if not stages or not covered:
        return ctx.t("deck.msg.rituals.plain", rituals=count)
    return ctx.t(
        "deck.msg.rituals",
        rituals=count,
        covered=len(covered),
        stages=ctx.plural("deck.count.stages", len(stages)),
    )


def perimeter(ctx: Context) -> str | None:
    per = ctx.engagement.referential.perimeter
    what = [
        ctx.plural(f"deck.count.{key}", len(values))
        for key, values in (
            ("offers", per.offers),
            ("stages", per.journey_stages),
            ("channels", per.channels),
        )
        if values
    ]
    return ctx.t("deck.msg.perimeter", what=ctx.and_list(what)) if what else None


def decisions(ctx: Context) -> str | None:
    v = ctx.engagement.validation
    open_parts = [
        _lower_first(ctx.t(f"section.{name}"))
        for name in VALIDATED_SECTIONS
        if getattr(v, name).status != "validated"
    ]
    if not open_parts:
        return ctx.t("deck.msg.decisions.done")
    return ctx.t("deck.msg.decisions", parts=ctx.and_list(open_parts))


def settle(ctx: Context) -> str | None:
    codes = {f.code for f in open_points(ctx)}
    return (
        ctx.t("deck.msg.settle", points=ctx.plural("deck.count.points", len(codes)))
        if codes
        else None
    )


def next_steps(ctx: Context) -> str | None:
    steps = ctx.engagement.restitution.next_steps
    if not steps:
        return None
    first = steps[0]
    if first.owner and first.due:
        due = ctx.date(first.due)
        return ctx.t("deck.msg.next_steps.owned", first=first.action, owner=first.owner, due=due)
    return ctx.t("deck.msg.next_steps", first=first.action)


def house(ctx: Context) -> str | None:
    pillars = ctx.engagement.strategy.pillars
    return ctx.t("deck.msg.house", pillars=ctx.plural("deck.count.pillars", len(pillars)))


def summary(ctx: Context) -> str | None:
    e = ctx.engagement
    return ctx.t(
        "deck.msg.summary",
        pillars=ctx.plural("deck.count.pillars", len(e.strategy.pillars)),
        leads=ctx.plural("deck.count.leads", len(e.actions())),
    )


MESSAGE_RULES: dict[str, Rule] = {
    "summary": summary,
    "house": house,
    "method": method,
    "interviews": interviews,
    "heard": heard,
    "verbatims": verbatims,
    "customer": customer,
    "company": company,
    "market": market,
    "practices": practices,
    "benchmark": benchmark,
    "ambition": ambition,
    "pillars": pillars,
    "kpis": kpis,
    "matrix": matrix,
    "roadmap": roadmap,
    "promise": promise,
    "standards-common": standards_common,
    "standards-specific": standards_specific,
    "postures": postures,
    "rituals": rituals,
    "perimeter": perimeter,
    "decisions": decisions,
    "settle": settle,
    "next-steps": next_steps,
}
"""Each slide key's rule; a key with no rule (or a rule returning None) keeps its topic."""


def message(ctx: Context, key: str) -> str | None:
    """The slide's message: the engagement file's own, else the rule's."""
    overrides = {str(k): v for k, v in ctx.engagement.restitution.messages.items()}
    if overrides.get(key):
        return overrides[key]
    rule = MESSAGE_RULES.get(key)
    return rule(ctx) if rule else None
