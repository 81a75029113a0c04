"""The opening of the deck: the cover and the method (the agenda is the planner's)."""

from __future__ import annotations

from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context
from cxkit.deck.plan import Card, SlidePlan


def cover(ctx: Context) -> list[SlidePlan]:
    info = ctx.engagement.engagement
    lines = [ctx.t("deck.subject")]
    facts = [x for x in (info.sector, info.market) if x]
    if facts:
        lines.append(" · ".join(facts))
    by = ", ".join(info.consultants)
    lines.append(
        ctx.t("deck.cover.by", consultants=by, date=ctx.date(ctx.today))
        if by
        else ctx.date(ctx.today)
    )
    note = ctx.t("deck.notes.cover", id=info.id, date=ctx.date(ctx.today))
    return [SlidePlan("cover", info.client, "cover", subtitle="\n".join(lines), notes=note)]


def method(ctx: Context) -> list[SlidePlan]:
    e = ctx.engagement
    actors = len(e.collection.benchmark.scores)
    phases = [
        Card(
            ctx.t("deck.method.collection"),
            ctx.t("deck.method.collection.body"),
            ctx.t(
                "deck.method.collection.facts",
                interviews=ctx.plural("count.interviews", len(e.collection.interviews)),
                actors=ctx.plural("count.actors_rated", actors),
            ),
            ctx.t("deck.method.phase", number=1),
        ),
        Card(
            ctx.t("deck.method.workshops"),
            ctx.t("deck.method.workshops.body"),
            ctx.plural("count.workshops", len(e.workshops)),
            ctx.t("deck.method.phase", number=2),
        ),
        Card(
            ctx.t("deck.method.restitution"),
            ctx.t("deck.method.restitution.body"),
            ctx.label("phase", e.engagement.phase),
            ctx.t("deck.method.phase", number=3),
        ),
    ]
    frame = [
        Card(
            ctx.t("section.environment"),
            ctx.t("deck.frame.environment"),
            "",
            ctx.t("deck.frame.describe"),
        ),
        Card(
            ctx.t("section.strategy"), ctx.t("deck.frame.strategy"), "", ctx.t("deck.frame.answer")
        ),
        Card(ctx.t("section.devices"), ctx.t("deck.frame.devices"), "", ctx.t("deck.frame.carry")),
    ]
    return [
        *card_slides(ctx, "method", ctx.t("deck.method.title"), phases, largest=16),
        *card_slides(ctx, "method", ctx.t("deck.frame.title"), frame, largest=16),
    ]
