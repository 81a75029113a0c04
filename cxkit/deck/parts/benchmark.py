"""The benchmark, in the market vision: where the client leads and lags its market.

One chart that carries the message: the client against each competitor when
they are few, against the competitors' mean when they are many, criteria in
the order of the client's gap (leads first), cross-sector references apart
(they are not the client's market: the notes and the appendix name them).
Every score goes to the appendix as tables.
"""

from __future__ import annotations

from typing import Any

from cxkit.deck.context import Context, continued, notes, says
from cxkit.deck.plan import Chart, Column, Series, SlidePlan, chunks
from cxkit.deck.tables import table_slides

MAX_CHART_COMPETITORS = 4
"""Up to this many competitors, each has its bars; beyond, their mean stands for them."""
CHART_CRITERIA = 8
"""Criteria on a chart of every competitor (a cluster of five bars each)."""
CHART_CRITERIA_MEAN = 16
"""Criteria on a chart of the client against the mean (two bars each)."""
TABLE_ACTORS = 7
"""Actor columns per benchmark table slide (the client's column repeats on each)."""


def benchmark_gaps(ctx: Context) -> tuple[list[tuple[str, float]], bool]:
    """Each criterion the client and its competitors are scored on, with the client's gap
    to its reference (the best competitor when few, their mean when many), largest lead
    first; and whether the reference is the best competitor."""
    bench = ctx.engagement.collection.benchmark
    own = next((s for s in bench.scores if s.kind == "self"), None)
    competitors = [s for s in bench.scores if s.kind == "competitor"]
    best = len(competitors) <= MAX_CHART_COMPETITORS
    if own is None or not competitors:
        return [], best
    gaps = []
    for c in bench.criteria:
        values = [s.values[c] for s in competitors if c in s.values]
        if c in own.values and values:
            reference = max(values) if best else sum(values) / len(values)
            gaps.append((c, own.values[c] - reference))
    gaps.sort(key=lambda cg: -cg[1])
    return gaps, best


@says("benchmark")
def benchmark(ctx: Context) -> list[SlidePlan]:
    bench = ctx.engagement.collection.benchmark
    if not bench.criteria or not bench.scores:
        return []
    scores = sorted(bench.scores, key=lambda s: s.kind != "self")
    ctx.appendix.extend(_benchmark_tables(ctx, scores))  # every score, in full
    return [_benchmark_chart(ctx, scores)]


def _chart_criteria(ctx: Context, limit: int) -> tuple[list[str], list[str]]:
    """The criteria charted (the largest gaps, in gap order) and those left to the appendix."""
    criteria = list(ctx.engagement.collection.benchmark.criteria)
    gaps, _ = benchmark_gaps(ctx)
    if not gaps:
        return criteria[:limit], criteria[limit:]
    kept = sorted(gaps, key=lambda cg: -abs(cg[1]))[:limit]
    ordered = [c for c, _ in gaps if (c, _) in kept]
    return ordered, [c for c in criteria if c not in ordered]


def _benchmark_chart(ctx: Context, scores: list[Any]) -> SlidePlan:
    bench = ctx.engagement.collection.benchmark
    market = [s for s in scores if s.kind != "cross-sector"] or scores
    competitors = [s for s in market if s.kind == "competitor"]
    few = len(competitors) <= MAX_CHART_COMPETITORS
    shown, left = _chart_criteria(ctx, CHART_CRITERIA if few else CHART_CRITERIA_MEAN)
    if few:
        series = tuple(
            Series(s.actor, tuple(s.values.get(c) for c in shown), emphasis=s.kind == "self")
            for s in market
        )
    else:
        mean = []
        for c in shown:
            values = [s.values[c] for s in competitors if c in s.values]
            mean.append(round(sum(values) / len(values), 1) if values else None)
        series = (
            *(
                Series(s.actor, tuple(s.values.get(c) for c in shown), True)
                for s in market
                if s.kind == "self"
            ),
            Series(ctx.t("deck.benchmark.mean"), tuple(mean)),
        )
    chart = Chart(ctx.frame, "bar", tuple(shown), series, float(bench.scale), labels=True)
    apart = [s for s in scores if s.kind == "cross-sector"]
    actor_notes = [
        f"{s.actor} ({ctx.label('actor', s.kind)}): {s.notes}" if s.notes else "" for s in scores
    ]
    return SlidePlan(
        "content",
        ctx.t("deck.benchmark.chart_title", client=ctx.engagement.engagement.client),
        "environment",
        elements=(chart,),
        notes=notes(
            ctx.plural("deck.notes.benchmark", len(scores)),
            ctx.t("deck.benchmark.apart", actors=", ".join(s.actor for s in apart))
            if apart
            else "",
            ctx.t("deck.benchmark.left", criteria=", ".join(left)) if left else "",
            actor_notes,
        ),
    )


def _benchmark_tables(ctx: Context, scores: list[Any]) -> list[SlidePlan]:
    """Every score, a few actors a table, the client's column repeated on each."""
    bench = ctx.engagement.collection.benchmark
    own = [s for s in scores if s.kind == "self"]
    others = [s for s in scores if s.kind != "self"]
    title = ctx.t("deck.benchmark.table_title", scale=bench.scale)
    per_table = max(1, TABLE_ACTORS - len(own))
    groups = chunks(others, per_table) if others else [[]]
    slides = []
    for g, group in enumerate(groups):
        actors = [*own, *group]
        criterion_w = 0.3
        columns = (
            Column(ctx.t("deck.col.criterion"), criterion_w),
            *(Column(s.actor, (1 - criterion_w) / len(actors), "center") for s in actors),
        )
        rows = [(c, *(ctx.number(s.values.get(c)) or "—" for s in actors)) for c in bench.criteria]
        for slide in table_slides(ctx, "appendix", title, columns, rows, keep_empty=True):
            slides.append(
                SlidePlan(
                    slide.kind,
                    continued(ctx, title, 1) if (g or slide.continued) else title,
                    slide.section,
                    slide.elements,
                    notes=slide.notes,
                    continued=bool(g or slide.continued),
                )
            )
    return slides
