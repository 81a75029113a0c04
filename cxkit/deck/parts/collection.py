"""Phase 1, the collection: who was heard, what they said, the benchmark."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, continued, keyed, notes, quoted, says
from cxkit.deck.plan import (
    Box,
    Card,
    Chart,
    Column,
    Paragraph,
    Series,
    SlidePlan,
    TextBlock,
    chunks,
)
from cxkit.deck.tables import table_slides
from cxkit.labels import capitalize
from cxkit.model import Verbatim

MAX_CHART_ACTORS = 6
"""Beyond this many actors, the chart shows the client, the competitors' mean and the best."""
TABLE_ACTORS = 7
"""Actor columns per benchmark table slide (the client's column repeats on each)."""
VERBATIMS = 6
THEMES = 10
CHART_CRITERIA_BAR = 8
CHART_CRITERIA_RADAR = 12
"""Criteria per chart slide: bars stay readable, a radar keeps its shape."""


@says("interviews")
def interviews(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.collection.interviews
    if not items:
        return []
    groups: dict[tuple[str, str], list[Any]] = {}
    for i in items:
        who = ctx.segment_name(i.segment) if i.segment else ctx.label("team", i.team)
        key = (ctx.label("audience", i.audience) or "—", who or "—")
        groups.setdefault(key, []).append(i)
    rows = [
        (
            capitalize(audience),
            capitalize(who),
            str(len(group)),
            ", ".join(dict.fromkeys(i.role for i in group if i.role)),
        )
        for (audience, who), group in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    ]
    dates = sorted(i.date for i in items if i.date)
    summary = ctx.t("deck.heard.summary", count=len(items))
    if dates:
        summary += " " + ctx.t(
            "deck.heard.period", first=ctx.date(dates[0]), last=ctx.date(dates[-1])
        )
    lead = TextBlock(Box(0, 0, ctx.frame.w, 0.5), (Paragraph(summary),), 16.0, muted=True)
    return table_slides(
        ctx,
        "collection",
        ctx.t("deck.heard.title"),
        (
            Column(ctx.t("deck.col.audience"), 0.16),
            Column(ctx.t("deck.col.group"), 0.24),
            Column(ctx.t("deck.col.count"), 0.1, "right"),
            Column(ctx.t("deck.col.roles"), 0.5),
        ),
        rows,
        box=Box(0, 0.7, ctx.frame.w, ctx.frame.h - 0.7),
        above=(lead,),
        note=ctx.t("deck.notes.appendix_interviews"),
    )


def _all_verbatims(ctx: Context) -> list[tuple[Any, Verbatim]]:
    return [(i, v) for i in ctx.engagement.collection.interviews for v in i.verbatims]


@says("heard")
def themes(ctx: Context) -> list[SlidePlan]:
    verbatims = _all_verbatims(ctx)
    counts: Counter[str] = Counter(th for _, v in verbatims for th in v.themes)
    if not counts:
        return []
    rows = []
    row_notes = []
    for theme, count in counts.most_common(THEMES):
        related = [(i, v) for i, v in verbatims if theme in v.themes]
        visions = Counter(v.vision for _, v in related if v.vision)
        rows.append(
            (
                capitalize(theme),
                str(count),
                capitalize(", ".join(ctx.label("vision", x) for x, _ in visions.most_common())),
                quoted(ctx, related[0][1].text),
            )
        )
        row_notes.append(
            ctx.t(
                "deck.notes.theme",
                theme=theme,
                interviews=", ".join(dict.fromkeys(i.id for i, _ in related[:12])),
            )
        )
    return table_slides(
        ctx,
        "collection",
        ctx.t("deck.themes.title"),
        (
            Column(ctx.t("deck.col.theme"), 0.18),
            Column(ctx.t("deck.col.mentions"), 0.1, "right"),
            Column(ctx.t("deck.col.visions"), 0.2),
            Column(ctx.t("deck.col.example"), 0.52),
        ),
        rows,
        row_notes=row_notes,
    )


@says("verbatims")
def chosen_verbatims(ctx: Context) -> list[SlidePlan]:
    verbatims = _all_verbatims(ctx)
    if not verbatims:
        return []
    cited = {s for p in ctx.engagement.strategy.pillars for s in p.sources}
    chosen: list[tuple[Any, Verbatim]] = [(i, v) for i, v in verbatims if i.id in cited]
    seen_themes = {th for _, v in chosen for th in v.themes}
    for i, v in verbatims:
        if len(chosen) >= VERBATIMS:
            break
        if (i, v) not in chosen and not seen_themes.issuperset(v.themes):
            chosen.append((i, v))
            seen_themes.update(v.themes)
    chosen = chosen[:VERBATIMS]
    cards = []
    sources = []
    for i, v in chosen:
        who = ", ".join(x for x in (i.role, ctx.segment_name(v.segment or i.segment)) if x)
        cards.append(Card("", v.text, who))
        sources.append(ctx.t("deck.notes.verbatim", text=v.text[:60], source=ctx.source(i.id)))
    cols = 3 if len(cards) > 4 else max(1, len(cards))
    return card_slides(
        ctx,
        "collection",
        ctx.t("deck.verbatims.title"),
        cards,
        note=sources,
        per_slide=VERBATIMS,
        columns=cols if len(cards) > 3 else None,
        quote=True,
        largest=18,
        floor=12,
    )


def benchmark(ctx: Context) -> list[SlidePlan]:
    bench = ctx.engagement.collection.benchmark
    if not bench.criteria or not bench.scores:
        return []
    scores = sorted(bench.scores, key=lambda s: s.kind != "self")
    return [*keyed(_benchmark_charts(ctx, scores), "benchmark"), *_benchmark_tables(ctx, scores)]


def _benchmark_series(ctx: Context, scores: list[Any]) -> tuple[Series, ...]:
    """Every actor when few, else the client against the competitors' mean and best."""
    criteria = ctx.engagement.collection.benchmark.criteria
    if len(scores) <= MAX_CHART_ACTORS:
        return tuple(
            Series(s.actor, tuple(s.values.get(c) for c in criteria), emphasis=s.kind == "self")
            for s in scores
        )
    own = [s for s in scores if s.kind == "self"]
    others = [s for s in scores if s.kind != "self"]
    competitors = [s for s in others if s.kind == "competitor"] or others
    mean: list[float | None] = []
    best: list[float | None] = []
    for c in criteria:
        values = [s.values[c] for s in competitors if c in s.values]
        mean.append(round(sum(values) / len(values), 1) if values else None)
        best.append(max(values) if values else None)
    return (
        *(Series(s.actor, tuple(s.values.get(c) for c in criteria), True) for s in own),
        Series(ctx.t("deck.benchmark.mean"), tuple(mean)),
        Series(ctx.t("deck.benchmark.best"), tuple(best)),
    )


def _benchmark_charts(ctx: Context, scores: list[Any]) -> list[SlidePlan]:
    bench = ctx.engagement.collection.benchmark
    series = _benchmark_series(ctx, scores)
    kind: Literal["bar", "radar"] = "radar" if len(series) <= 3 else "bar"
    actor_notes = [
        f"{s.actor} ({ctx.label('actor', s.kind)}): {s.notes}" if s.notes else "" for s in scores
    ]
    chart_title = ctx.t("deck.benchmark.chart_title", client=ctx.engagement.engagement.client)
    per_chart = CHART_CRITERIA_RADAR if kind == "radar" else CHART_CRITERIA_BAR
    if kind == "radar" and len(bench.criteria) < 5:
        kind = "bar"
    charts = -(-len(bench.criteria) // per_chart)
    per_chart = -(-len(bench.criteria) // charts)  # even chunks: 10 + 10 rather than 12 + 8
    slides = []
    for i in range(0, len(bench.criteria), per_chart):
        part = slice(i, i + per_chart)
        chart = Chart(
            ctx.frame,
            kind,
            tuple(bench.criteria[part]),
            tuple(Series(x.name, x.values[part], x.emphasis) for x in series),
            float(bench.scale),
        )
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, chart_title, i),
                "collection",
                elements=(chart,),
                notes=notes(ctx.t("deck.notes.benchmark", count=len(scores)), actor_notes),
                continued=i > 0,
            )
        )
    return slides


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
        for slide in table_slides(ctx, "collection", title, columns, rows):
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
