"""Phase 2, the CX strategy: the ambition, the strategy house, the pillars, the indicators."""

from __future__ import annotations

from typing import Any

from cxkit.deck import fitting
from cxkit.deck.cards import HEADING_SIZE, PADDING, TOP_MARGIN, card_slides, cards, grid
from cxkit.deck.context import Context, notes, quoted, says
from cxkit.deck.plan import CAPTION_SIZE, Box, Card, Cards, Column, SlidePlan
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
        note=[
            *sources,
            ctx.workshops_note(),
            *ctx.provenance((p.name, p.provenance) for p in items),
        ],
        quote=True,
        largest=20,
        floor=12,
    )


@says("kpis")
def kpi_dashboard(ctx: Context) -> list[SlidePlan]:
    """Baseline to target, pillar by pillar; a pillar without an indicator is flagged.
    The indicators' full table (definitions, frequency, source) goes to the appendix."""
    e = ctx.engagement
    if not e.strategy.kpis:
        return []
    ctx.appendix.extend(kpis(ctx))

    def lines(items: list[Any]) -> str:
        return "\n".join(
            ctx.t(
                "deck.kpis.line",
                name=k.name,
                baseline=ctx.number(k.baseline, k.unit) or "—",
                target=ctx.number(k.target, k.unit) or "—",
            )
            for k in items
        )

    cards = []
    overall = [k for k in e.strategy.kpis if not k.pillars]
    if overall:
        cards.append(Card(ctx.t("deck.kpis.whole"), lines(overall)))
    for p in e.strategy.pillars:
        mine = [k for k in e.strategy.kpis if p.id in k.pillars]
        tag = capitalize(ctx.label("role", p.role)) if mine else ctx.t("deck.kpis.to_define")
        cards.append(Card(p.name, lines(mine) or ctx.t("deck.kpis.none"), "", tag))
    columns = min(4, len(cards)) if len(cards) != 5 else 3
    return card_slides(
        ctx,
        "strategy",
        ctx.t("deck.kpis.dashboard"),
        cards,
        note=ctx.provenance((k.name, k.provenance) for k in e.strategy.kpis),
        per_slide=8,
        columns=columns,
        largest=16,
        floor=11,
    )


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
        "appendix",
        ctx.t("deck.appendix.of", title=ctx.t("deck.kpis.title")),
        (
            Column(ctx.t("deck.col.kpi"), 0.3),
            Column(ctx.t("deck.col.pillars"), 0.15),
            Column(ctx.t("deck.col.baseline"), 0.13, "right"),
            Column(ctx.t("deck.col.target"), 0.13, "right"),
            Column(ctx.t("deck.col.frequency"), 0.12),
            Column(ctx.t("deck.col.source"), 0.17),
        ),
        rows,
        row_notes=[
            notes(
                f"{k.name}: {k.definition}" if k.definition else "",
                ctx.provenance([(k.name, k.provenance)]),
            )
            for k in items
        ],
    )


ROOF_HEIGHT = 1.15
FOUNDATION_HEIGHT = 1.15
HOUSE_GAP = 0.2


@says("house")
def house(ctx: Context) -> list[SlidePlan]:
    """The strategy on one page: the ambition as the roof, the pillars as columns (their
    customer quote and indicators), the promise and the referential as the foundation."""
    e = ctx.engagement
    amb = e.strategy.ambition
    if amb is None or not amb.statement or not e.strategy.pillars:
        return []
    f = ctx.frame
    roof_box = Box(0, 0, f.w, ROOF_HEIGHT)
    base_box = Box(0, f.h - FOUNDATION_HEIGHT, f.w, FOUNDATION_HEIGHT)
    top = ROOF_HEIGHT + HOUSE_GAP
    columns_box = Box(0, top, f.w, base_box.y - HOUSE_GAP - top)
    roof = _one_card(ctx.t("deck.house.ambition"), amb.statement, roof_box)
    pillar_cards = [
        Card(
            p.name,
            quoted(ctx, p.customers_say or ""),
            ", ".join(k.name for k in e.strategy.kpis if p.id in k.pillars),
            capitalize(ctx.label("role", p.role)),
        )
        for p in e.strategy.pillars
    ]
    columns = _fitted_row(pillar_cards, columns_box)
    ref = e.referential
    counts = [
        ctx.plural(f"deck.count.{key}", n)
        for key, n in (
            ("common_standards", sum(1 for s in ref.standards if s.scope == "common")),
            ("specific_standards", sum(1 for s in ref.standards if s.scope == "specific")),
            ("postures", len(ref.postures)),
            ("rituals", len(ref.rituals)),
        )
        if n
    ]
    promise = ref.promise.statement if ref.promise and ref.promise.statement else ""
    base = _one_card(ctx.t("deck.house.foundation"), promise or " · ".join(counts), base_box)
    if promise and counts:
        base = _one_card(ctx.t("deck.house.foundation"), promise, base_box, " · ".join(counts))
    clipped = [c.body for c in (*roof.cards, *columns.cards, *base.cards) if c.body.endswith("…")]
    return [
        SlidePlan(
            "content",
            ctx.t("deck.house.title"),
            "strategy",
            elements=(roof, columns, base),
            notes=notes(ctx.pillar_sources(p.id for p in e.strategy.pillars), clipped),
        )
    ]


def _one_card(tag: str, text: str, box: Box, caption: str = "") -> Cards:
    """A single wide card: its text as large as fits the box, cut with an ellipsis if not."""
    width = box.w - 2 * PADDING
    room = box.h - TOP_MARGIN - 0.3 - (0.3 if caption else 0.0)
    size = fitting.best_size([text], width, room, 20.0, 12.0) or 12.0
    lines = max(1, int(room / fitting.lines_height(1, size)))
    card = Card(_cut(text, width, size, lines), "", caption, tag)
    return cards(box, [card], 1, size, size)


def _cut(text: str, width: float, size: float, lines: int) -> str:
    """``text`` within ``lines`` lines, ellipsis included, left to wrap in its box."""
    return fitting.clip(text, width, size, lines).replace("\n", " ")


HEADING_LINES = 2


def _heading_size(names: list[str], width: float) -> float:
    """The largest heading size (down to 12 pt) at which every name holds on two lines."""
    for size in range(int(HEADING_SIZE), 11, -1):
        if all(fitting.line_count(n, width, size * 1.06) <= HEADING_LINES for n in names):
            return float(size)
    return 12.0


def _fitted_row(items: list[Card], box: Box) -> Cards:
    """Cards side by side: names on at most two lines, bodies at one size that fits the
    room left under the tallest name and above the captions, cut with an ellipsis below."""
    cell = grid(box, len(items), len(items))[0]
    width = cell.w - 2 * PADDING
    heading = _heading_size([c.heading for c in items], width)
    names = [_cut(c.heading, width, heading * 1.06, HEADING_LINES) for c in items]
    name_h = max(fitting.text_height(n, width, heading * 1.06) for n in names)
    caption = max((fitting.text_height(c.caption, width, CAPTION_SIZE) for c in items), default=0)
    caption = min(caption, fitting.lines_height(2, CAPTION_SIZE))
    tag = fitting.lines_height(1, CAPTION_SIZE)
    room = cell.h - TOP_MARGIN - tag - name_h - 8 / 72 - caption - 0.35
    size = min(fitting.best_size([c.body], width, room, 16.0, 10.0) or 10.0 for c in items)
    lines = max(0, int(room / fitting.lines_height(1, size)))
    fitted = [
        Card(
            name,
            _cut(c.body, width, size, lines) if lines else "",
            fitting.clip(c.caption, width, CAPTION_SIZE, 2),
            c.tag,
        )
        for c, name in zip(items, names, strict=True)
    ]
    return cards(box, fitted, len(items), heading, size, quote=True)
