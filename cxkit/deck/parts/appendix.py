"""The appendix: the long tables in full, every interview and every workshop.

The body keeps a committee's length; what it cut short or summed up is here
whole, for the reader who wants it (and in the workbook, filterable).
"""

from __future__ import annotations

from cxkit.deck.context import Context
from cxkit.deck.plan import Column, SlidePlan
from cxkit.deck.tables import table_slides
from cxkit.labels import capitalize


def overflow(ctx: Context) -> list[SlidePlan]:
    """The long tables the body cut short or left out, whole, in the body's order."""
    return list(ctx.appendix)


def appendix_interviews(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.collection.interviews
    return table_slides(
        ctx,
        "appendix",
        ctx.t("deck.appendix.interviews"),
        (
            Column(ctx.t("deck.col.date"), 0.1),
            Column(ctx.t("deck.col.audience"), 0.1),
            Column(ctx.t("deck.col.team"), 0.14),
            Column(ctx.t("deck.col.role"), 0.24),
            Column(ctx.t("deck.col.segment"), 0.14),
            Column(ctx.t("deck.col.interviewer"), 0.13),
            Column(ctx.t("deck.col.verbatims"), 0.15, "right"),
        ),
        [
            (
                ctx.date(i.date, "short"),
                capitalize(ctx.label("audience", i.audience)),
                capitalize(ctx.label("team", i.team)),
                i.role or i.id,
                ctx.segment_name(i.segment),
                i.interviewer or "",
                str(len(i.verbatims)),
            )
            for i in items
        ],
        row_notes=[f"{i.id}: {i.notes}" if i.notes else "" for i in items],
    )


def appendix_workshops(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.workshops
    return table_slides(
        ctx,
        "appendix",
        ctx.t("deck.appendix.workshops"),
        (
            Column(ctx.t("deck.col.workshop"), 0.2),
            Column(ctx.t("deck.col.date"), 0.1),
            Column(ctx.t("deck.col.participants"), 0.3),
            Column(ctx.t("deck.col.decisions"), 0.4),
        ),
        [
            (
                w.title,
                ctx.date(w.date, "short"),
                ", ".join(w.participants),
                "\n".join(f"• {d}" for d in w.decisions),
            )
            for w in items
        ],
    )
