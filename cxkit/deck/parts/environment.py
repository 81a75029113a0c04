"""Phase 1, the strategic environment: the customer, company and market visions."""

from __future__ import annotations

from dataclasses import replace

from cxkit.deck.context import Context, keyed, notes, says
from cxkit.deck.plan import Box, Column, Paragraph, SlidePlan, TextBlock
from cxkit.deck.tables import table_slides
from cxkit.deck.textflow import text_columns
from cxkit.labels import capitalize


@says("customer")
def customer_vision(ctx: Context) -> list[SlidePlan]:
    segments = ctx.engagement.environment.customer.segments
    columns = (
        Column(ctx.t("deck.col.segment"), 0.2),
        Column(ctx.t("deck.col.share"), 0.08, "right"),
        Column(ctx.t("deck.col.value"), 0.1),
        Column(ctx.t("deck.col.priority"), 0.14),
        Column(ctx.t("deck.col.expectations"), 0.48),
    )
    rows = [
        (
            s.name,
            ctx.percent(s.share),
            capitalize(ctx.label("value", s.value)),
            capitalize(ctx.label("priority_segment", s.priority)),
            "\n".join(f"• {x}" for x in [*s.expectations, *s.needs]),
        )
        for s in segments
    ]
    interviews = ctx.engagement.collection.interviews
    row_notes = []
    for s in segments:
        heard = [i.id for i in interviews if i.segment == s.id]
        line = f"{s.name}: {s.description or ''}"
        if heard:
            line += " " + ctx.t("deck.notes.heard", interviews=", ".join(heard))
        row_notes.append(line)
    return table_slides(
        ctx,
        "environment",
        ctx.t("deck.customer.title"),
        columns,
        rows,
        row_notes=row_notes,
        appendix=ctx.t("deck.appendix.of", title=ctx.t("deck.customer.title")),
    )


@says("company")
def company_vision(ctx: Context) -> list[SlidePlan]:
    company = ctx.engagement.environment.company
    if not (company.strategy or company.objectives or company.values):
        return []
    half = Box(0, 0, ctx.frame.w / 2 - 0.25, ctx.frame.h)
    left: list[Paragraph] = []
    if company.strategy:
        left += [Paragraph(ctx.t("deck.company.strategy"), bold=True), Paragraph(company.strategy)]
    if company.values:
        left += [Paragraph(ctx.t("deck.company.values"), bold=True)]
        left += [Paragraph(" · ".join(company.values))]
    right: list[Paragraph] = []
    if company.objectives:
        right += [Paragraph(ctx.t("deck.company.objectives"), bold=True)]
        right += [Paragraph(f"• {o}", level=1) for o in company.objectives]
    return text_columns(ctx, "environment", ctx.t("deck.company.title"), [left, right], half)


def market_vision(ctx: Context) -> list[SlidePlan]:
    market = ctx.engagement.environment.market
    competitors = table_slides(
        ctx,
        "environment",
        ctx.t("deck.market.title"),
        (
            Column(ctx.t("deck.col.competitor"), 0.2),
            Column(ctx.t("deck.col.positioning"), 0.38),
            Column(ctx.t("deck.col.practices"), 0.42),
        ),
        [
            (c.name, c.positioning or "", "\n".join(f"• {p}" for p in c.practices))
            for c in market.competitors
        ],
        appendix=ctx.t("deck.appendix.of", title=ctx.t("deck.market.title")),
    )
    practices = table_slides(
        ctx,
        "environment",
        ctx.t("deck.practices.title"),
        (
            Column(ctx.t("deck.col.actor"), 0.16),
            Column(ctx.t("deck.col.sector"), 0.18),
            Column(ctx.t("deck.col.practice"), 0.33),
            Column(ctx.t("deck.col.applicability"), 0.33),
        ),
        [
            (b.actor, b.sector or "", b.practice or "", b.applicability or "")
            for b in market.best_practices
        ],
        appendix=ctx.t("deck.appendix.of", title=ctx.t("deck.practices.title")),
    )
    together = _side_by_side(ctx, competitors, practices)
    if together is not None:
        return keyed([together], "market")
    return keyed(competitors, "market") + keyed(practices, "practices")


def _side_by_side(
    ctx: Context, competitors: list[SlidePlan], practices: list[SlidePlan]
) -> SlidePlan | None:
    """Two short tables on one slide, the practices under the competitors with their own
    heading, when both fit: two half-empty slides make a full one."""
    if len(competitors) != 1 or len(practices) != 1:
        return None
    first, second = competitors[0].tables(), practices[0].tables()
    if len(first) != 1 or len(second) != 1 or len(competitors[0].elements) != 1:
        return None
    top, below = first[0], second[0]
    heading_y = top.box.h + 0.25
    table_y = heading_y + 0.45
    if table_y + below.height > ctx.frame.h:
        return None
    heading = TextBlock(
        Box(0, heading_y, ctx.frame.w, 0.4),
        (Paragraph(ctx.t("deck.practices.title"), bold=True),),
        14.0,
    )
    moved = replace(below, box=Box(below.box.x, table_y, below.box.w, below.box.h))
    return replace(
        competitors[0],
        elements=(top, heading, moved),
        notes=notes(competitors[0].notes, practices[0].notes),
    )
