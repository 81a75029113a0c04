"""Phase 2, the CX referential: promise, standards, postures, rituals, perimeter."""

from __future__ import annotations

from typing import Any

from cxkit.deck import fitting
from cxkit.deck.cards import PADDING, TOP_MARGIN, card_slides, cards, grid
from cxkit.deck.context import Context, keyed, notes, says
from cxkit.deck.plan import Box, Card, Cards, Column, SlidePlan
from cxkit.deck.tables import table_slides
from cxkit.deck.textflow import statement_slides
from cxkit.labels import capitalize


@says("promise")
def promise(ctx: Context) -> list[SlidePlan]:
    ref = ctx.engagement.referential
    if ref.promise is None or not ref.promise.statement:
        return []
    caption = (
        ctx.t("deck.promise.orientation", orientation=ctx.label("orientation", ref.orientation))
        if ref.orientation
        else ""
    )
    top = Box(0, 0, ctx.frame.w, ctx.frame.h - (1.6 if ref.promise.components else 0))
    slides = statement_slides(
        ctx, "referential", ctx.t("deck.promise.title"), ref.promise.statement, caption, top
    )
    if ref.promise.components:
        first = slides[0]
        parts = ref.promise.components
        components = _components(Box(0.6, ctx.frame.h - 1.2, ctx.frame.w - 1.2, 1.1), parts)
        slides[0] = SlidePlan(
            first.kind,
            first.title,
            first.section,
            (*first.elements, components),
            notes=first.notes,
        )
    return slides


def _components(box: Box, parts: list[str]) -> Cards:
    """The promise's components in a row of cards, their names as large as all fit
    (18 pt down to 11), cut with an ellipsis below that."""
    width = grid(box, len(parts), len(parts))[0].w - 2 * PADDING
    room = box.h - TOP_MARGIN - 0.2
    sizes = [fitting.best_size([c], width / 1.06, room, 18.0, 11.0) for c in parts]
    size = min((x for x in sizes if x is not None), default=None)
    if size is None or None in sizes:
        size = 11.0
        lines = max(1, int(room / fitting.lines_height(1, size * 1.06)))
        parts = [fitting.clip(c, width, size * 1.06, lines).replace("\n", " ") for c in parts]
    return cards(box, [Card(c, "") for c in parts], len(parts), size, 12.0)


def _applies_to(ctx: Context, std: Any) -> str:
    if std.applies_to is None:
        return ""
    parts = []
    for dim in ("offers", "journey_stages", "channels", "segments"):
        values = getattr(std.applies_to, dim)
        if dim == "segments":
            values = [ctx.segment_name(v) for v in values]
        if values:
            parts.append(f"{capitalize(ctx.label('perimeter', dim))} : " + ", ".join(values))
    return "\n".join(parts)


def standards(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.referential.standards
    slides: list[SlidePlan] = []
    for scope in ("common", "specific", None):
        group = [s for s in items if s.scope == scope]
        if not group:
            continue
        columns = [
            Column(ctx.t("deck.col.standard"), 0.34),
            Column(ctx.t("deck.col.pillars"), 0.12),
            Column(ctx.t("deck.col.indicator"), 0.26),
            Column(ctx.t("deck.col.threshold"), 0.1, "right"),
        ]
        if scope == "specific":
            columns.append(Column(ctx.t("deck.col.applies_to"), 0.18))
        rows = []
        for s in group:
            row = [
                s.statement,
                ctx.pillar_names(s.pillars),
                s.indicator or "",
                ctx.number(s.threshold, s.unit),
            ]
            if scope == "specific":
                row.append(_applies_to(ctx, s))
            rows.append(tuple(row))
        row_notes = [
            notes(
                f"{s.id}:",
                ctx.pillar_sources(s.pillars),
                ctx.provenance([(s.statement, s.provenance)]),
            )
            for s in group
        ]
        title = ctx.t(f"deck.standards.{scope or 'unset'}")
        built = table_slides(
            ctx,
            "referential",
            title,
            columns,
            rows,
            row_notes=row_notes,
            appendix=ctx.t("deck.appendix.of", title=title),
        )
        slides += keyed(built, f"standards-{scope}") if scope else built
    return slides


@says("postures")
def postures(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.referential.postures
    cards = [Card(p.name, p.description or "") for p in items]
    return card_slides(
        ctx,
        "referential",
        ctx.t("deck.postures.title"),
        cards,
        note=ctx.provenance((p.name, p.provenance) for p in items),
        per_slide=6,
        columns=3 if len(cards) > 4 else None,
        largest=18,
        floor=12,
    )


@says("rituals")
def rituals(ctx: Context) -> list[SlidePlan]:
    ref = ctx.engagement.referential
    stages = ref.perimeter.journey_stages
    ordered = sorted(
        ref.rituals,
        key=lambda r: (
            stages.index(r.moment) if r.moment in stages else len(stages),
            r.moment or "",
        ),
    )
    return table_slides(
        ctx,
        "referential",
        ctx.t("deck.rituals.title"),
        (
            Column(ctx.t("deck.col.moment"), 0.17),
            Column(ctx.t("deck.col.ritual"), 0.18),
            Column(ctx.t("deck.col.description"), 0.37),
            Column(ctx.t("deck.col.channels"), 0.14),
            Column(ctx.t("deck.col.pillars"), 0.14),
        ),
        [
            (
                r.moment or "—",
                r.name,
                r.description or "",
                ", ".join(r.channels),
                ctx.pillar_names(r.pillars),
            )
            for r in ordered
        ],
        row_notes=[
            notes(
                f"{r.name}:",
                ctx.pillar_sources(r.pillars),
                ctx.provenance([(r.name, r.provenance)]),
            )
            for r in ordered
        ],
        appendix=ctx.t("deck.appendix.of", title=ctx.t("deck.rituals.title")),
    )


@says("perimeter")
def perimeter(ctx: Context) -> list[SlidePlan]:
    per = ctx.engagement.referential.perimeter
    rows = []
    for dim in ("offers", "journey_stages", "channels", "segments"):
        values = getattr(per, dim)
        if dim == "segments":
            values = [ctx.segment_name(v) for v in values]
        if values:
            rows.append((capitalize(ctx.label("perimeter", dim)), " · ".join(values)))
    return table_slides(
        ctx,
        "referential",
        ctx.t("deck.perimeter.title"),
        (Column(ctx.t("deck.col.dimension"), 0.22), Column(ctx.t("deck.col.elements"), 0.78)),
        rows,
    )
