"""Phase 2, the CX strategy: the ambition, the pillars and their indicators."""

from __future__ import annotations

from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, says
from cxkit.deck.plan import Card, Column, SlidePlan
from cxkit.deck.tables import table_slides
from cxkit.deck.textflow import statement_slides
from cxkit.labels import capitalize


@says("ambition")
def ambition(ctx: Context) -> list[SlidePlan]:
    amb = ctx.engagement.strategy.ambition
    if amb is None or not amb.statement:
        return []
    caption = " · ".join(
        x
        for x in (
            capitalize(ctx.label("ambition", amb.type)),
            ctx.t("deck.ambition.horizon", horizon=amb.horizon) if amb.horizon else "",
        )
        if x
    )
    return statement_slides(ctx, "strategy", ctx.t("deck.ambition.title"), amb.statement, caption)


@says("pillars")
def pillars(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.strategy.pillars
    if not items:
        return []
    cards = [
        Card(
            p.name, p.customers_say or "", p.rationale or "", capitalize(ctx.label("role", p.role))
        )
        for p in items
    ]
    sources = ctx.pillar_sources(p.id for p in items)
    return card_slides(
        ctx,
        "strategy",
        ctx.t("deck.pillars.title"),
        cards,
        note=[*sources, ctx.workshops_note()],
        quote=True,
        largest=20,
        floor=12,
    )


@says("kpis")
def kpis(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.strategy.kpis
    rows = [
        (
            k.name,
            ctx.pillar_names(k.pillars) or ctx.t("deck.kpis.whole"),
            ctx.number(k.baseline, k.unit) or "—",
            ctx.number(k.target, k.unit) or "—",
            capitalize(k.frequency or ""),
            k.source or "",
        )
        for k in items
    ]
    return table_slides(
        ctx,
        "strategy",
        ctx.t("deck.kpis.title"),
        (
            Column(ctx.t("deck.col.kpi"), 0.3),
            Column(ctx.t("deck.col.pillars"), 0.15),
            Column(ctx.t("deck.col.baseline"), 0.13, "right"),
            Column(ctx.t("deck.col.target"), 0.13, "right"),
            Column(ctx.t("deck.col.frequency"), 0.12),
            Column(ctx.t("deck.col.source"), 0.17),
        ),
        rows,
        row_notes=[f"{k.name}: {k.definition}" if k.definition else "" for k in items],
        appendix=ctx.t("deck.appendix.of", title=ctx.t("deck.kpis.title")),
    )
