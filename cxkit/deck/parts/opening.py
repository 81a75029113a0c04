"""The opening of the deck: the cover and the method (the agenda is the planner's)."""

from __future__ import annotations

from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, keyed
from cxkit.deck.plan import Card, SlidePlan


def cover(ctx: Context) -> list[SlidePlan]:
    """The client, the subject, the meeting and its date (the day of the build when the
    engagement names no meeting), and who presents."""
    info = ctx.engagement.engagement
    meeting = ctx.engagement.restitution
    day = ctx.date(meeting.date or ctx.today)
    by = ", ".join(info.consultants)
    if meeting.meeting:
        lines = [ctx.t("deck.subject"), f"{meeting.meeting} · {day}", by]
    else:
        lines = [ctx.t("deck.subject"), info.sector or "", " · ".join(x for x in (by, day) if x)]
    note = ctx.t("deck.notes.cover", id=info.id, date=ctx.date(ctx.today))
    subtitle = "\n".join(x for x in lines if x)
    return [SlidePlan("cover", info.client, "cover", subtitle=subtitle, notes=note)]


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
