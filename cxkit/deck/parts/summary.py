"""The executive summary: the deck's key messages on one page, up front.

What we found on the left (the messages of the collection and the visions),
what we propose on the right (the ambition, then the messages of the
strategy, the devices and the decisions): the same sentences as the slides'
titles, so the summary and the deck cannot disagree.
"""

from __future__ import annotations

from cxkit.deck.context import Context, quoted, says
from cxkit.deck.messages import message
from cxkit.deck.plan import Box, Paragraph, SlidePlan
from cxkit.deck.textflow import text_columns

FOUND = ("heard", "customer", "benchmark", "company")
PROPOSED = ("pillars", "kpis", "matrix", "roadmap", "decisions")


@says("summary")
def summary(ctx: Context) -> list[SlidePlan]:
    e = ctx.engagement
    found = [m for m in (message(ctx, key) for key in FOUND) if m]
    proposed = [m for m in (message(ctx, key) for key in PROPOSED) if m]
    if len(found) + len(proposed) < 3:
        return []  # a draft: nothing to sum up yet
    left = [Paragraph(ctx.t("deck.summary.found"), bold=True)]
    left += [Paragraph(f"• {m}") for m in found]
    right = [Paragraph(ctx.t("deck.summary.propose"), bold=True)]
    amb = e.strategy.ambition
    if amb is not None and amb.statement:
        right.append(Paragraph(quoted(ctx, amb.statement)))
    right += [Paragraph(f"• {m}") for m in proposed]
    box = Box(0, 0, ctx.frame.w, ctx.frame.h)
    return text_columns(ctx, "summary", ctx.t("deck.summary.title"), [left, right], box)[:1]
