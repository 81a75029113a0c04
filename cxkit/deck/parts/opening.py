"""The opening of the deck: the cover and the method (the agenda is the planner's)."""

from __future__ import annotations

from cxkit.deck import fitting
from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, keyed, notes
from cxkit.deck.fitting import FIRST_STRONG_ISOLATE, POP_ISOLATE, isolate
from cxkit.deck.plan import Card, SlidePlan

SUBTITLE_SIZE = 18.0
"""The cover's subtitle size (the template's), each of its lines held on one line."""
SUBTITLE_WIDTH = 10.6
"""The cover subtitle's width, in inches, less its margins."""


def cover(ctx: Context) -> list[SlidePlan]:
    """The client, the subject, the meeting and its date (the day of the build when the
    engagement names no meeting), and who presents. Each line holds on one line (cut
    with an ellipsis, whole in the notes); right-to-left names are isolated so they
    cannot carry the date or the separators along with them."""
    info = ctx.engagement.engagement
    meeting = ctx.engagement.restitution
    day = ctx.date(meeting.date or ctx.today)
    by = ", ".join(isolate(c) for c in info.consultants)
    if meeting.meeting:
        lines = [(ctx.t("deck.subject"), ""), (isolate(meeting.meeting), day), (by, "")]
    else:
        lines = [(ctx.t("deck.subject"), ""), (isolate(info.sector or ""), ""), (by, day)]
    whole = [" · ".join(x for x in pair if x) for pair in lines]
    shown = [_one_line(text, dated) for text, dated in lines]
    note = ctx.t("deck.notes.cover", id=info.id, date=ctx.date(ctx.today))
    cut = [x for x, y in zip(whole, shown, strict=True) if x != y]
    subtitle = "\n".join(x for x in shown if x)
    return [SlidePlan("cover", info.client, "cover", subtitle=subtitle, notes=notes(note, cut))]


def _one_line(text: str, date: str) -> str:
    """``text`` then `` · date`` on one subtitle line, the text cut (never the date)."""
    if not date:
        return _closed(fitting.clip(text, SUBTITLE_WIDTH, SUBTITLE_SIZE, 1))
    if not text:
        return date
    room = SUBTITLE_WIDTH - fitting.inches(f" · {date}", SUBTITLE_SIZE)
    return f"{_closed(fitting.clip(text, room, SUBTITLE_SIZE, 1))} · {date}"


def _closed(text: str) -> str:
    """``text`` with every direction isolate it opens closed (a cut may drop the closing)."""
    return text + POP_ISOLATE * (text.count(FIRST_STRONG_ISOLATE) - text.count(POP_ISOLATE))


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
