"""The opening of the deck: the cover and the method (the agenda is the planner's)."""

from __future__ import annotations

from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, keyed
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
    interviews, actors = len(e.collection.interviews), len(e.collection.benchmark.scores)
    collected = [
        ctx.plural("deck.count.interviews", interviews) if interviews else "",
        ctx.plural("deck.count.actors", actors) if actors else "",
    ]
    workshops = ctx.plural("deck.count.workshops", len(e.workshops)) if e.workshops else ""
    phases = [
        Card(
            ctx.t("deck.method.collection"),
            ctx.t("deck.method.collection.body"),
            " · ".join(x for x in collected if x),
            ctx.t("deck.method.phase", number=1),
        ),
        Card(
            ctx.t("deck.method.workshops"),
            ctx.t("deck.method.workshops.body"),
            workshops,
            ctx.t("deck.method.phase", number=2),
        ),
        Card(
            ctx.t("deck.method.restitution"),
            ctx.t("deck.method.restitution.body"),
            "",
            ctx.t("deck.method.phase", number=3),
        ),
    ]
    return [
        *keyed(
            card_slides(ctx, "method", ctx.t("deck.method.title"), phases, largest=16), "method"
        ),
    ]
