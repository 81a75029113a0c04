"""The appendix: the long tables in full, every interview and every workshop.

The workshops' table says what each decided and how its room voted (the
verdicts of :mod:`cxkit.outcomes`); their results follow it
(:mod:`cxkit.deck.parts.workshops`).

The body keeps a committee's length; what it cut short or summed up is here
whole, for the reader who wants it (and in the workbook, filterable).
"""

from __future__ import annotations

from cxkit.deck.context import Context
from cxkit.deck.plan import Column, SlidePlan
from cxkit.deck.tables import table_slides
from cxkit.labels import capitalize
from cxkit.outcomes import verdicts
from cxkit.results import workshop_results

DECISION_LINES = 10
"""Lines of a workshop's decisions and verdicts a cell holds (cut beyond, whole in the workbook)."""


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
    """Every workshop: when, who, what was decided and how the room voted."""
    items = ctx.engagement.workshops
    voted = {r.workshop.id: verdicts(ctx, r) for r in workshop_results(ctx.engagement)}
    return table_slides(
        ctx,
        "appendix",
        ctx.t("deck.appendix.workshops"),
        (
            Column(ctx.t("deck.col.workshop"), 0.18),
            Column(ctx.t("deck.col.date"), 0.1),
            Column(ctx.t("deck.col.participants"), 0.24),
            Column(ctx.t("deck.col.decisions"), 0.48),
        ),
        [
            (
                w.title,
                ctx.date(w.date, "short"),
                ", ".join(w.participants),
                "\n".join(f"• {d}" for d in [*w.decisions, *voted.get(w.id, [])]),
            )
            for w in items
        ],
        max_cell_lines=DECISION_LINES,
    )
