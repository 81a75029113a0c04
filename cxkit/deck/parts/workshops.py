"""The appendix's workshop results: per workshop, what each activity gave and what was decided.

For each workshop that received contributions (:mod:`cxkit.results`): a slide
of its activities (contributions, participants, the facilitator's decisions,
split by team), then one slide per activity with lines: a native chart (dots,
upvotes, words as bars; ratings as the distribution of their scores; the
2×2's medians) beside a compact table split by team, or the table alone (a
ranking, proposals). Each slide is titled with what it says (the room's
verdict, :mod:`cxkit.outcomes`); a table longer than its slide says how many
more rows the workbook holds, where every line is, by team.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cxkit.deck import fitting
from cxkit.deck.context import Context, notes
from cxkit.deck.plan import Box, Chart, Column, Element, Paragraph, Series, SlidePlan, TextBlock
from cxkit.deck.tables import LARGE_TABLE_FONTS, paginate_table
from cxkit.labels import capitalize
from cxkit.outcomes import (
    activity_name,
    decided_text,
    decision_name,
    describe,
    headline,
    measure_name,
    quote,
    short,
    team_name,
    value_text,
    verdicts,
)
from cxkit.results import ActivityResult, Line, WorkshopResult, workshop_results

TEAM_COLUMNS = 4
"""Teams with a column of their own on a slide (the most active); the workbook has them all."""
TEAM_COLUMNS_BESIDE_CHART = 2
"""Teams with a column in a table that shares its slide with a chart."""
TEAM_HEADER = 16
"""Characters of a team's name its column header shows (the workbook has it whole)."""
ITEM_LINES = 3
"""Lines of a candidate's name a row shows (the chart and the workbook have it too)."""
CHART_LINES = 8
"""Candidates on a chart: the leading ones (the table beside lists more)."""
CHARTED = ("dots", "upvotes", "mentions", "mean", "placement")
"""Measures drawn as a chart; a ranking and proposals are tables."""
SHORT_TABLE = 8
"""Rows up to which a table is set larger when it still fits."""
NOTE_LINE = 0.3
NOTE_SIZE = 11.0
"""Inches of one line of the muted notes under a table (how many more rows, teams)."""
CHART_SHARE = 0.5
"""The chart's share of the body's width, the table taking the rest."""
CATEGORY_WIDTH = 2.4
"""Inches a chart's category name may take (two lines, cut with an ellipsis beyond)."""


def workshop_slides(ctx: Context) -> list[SlidePlan]:
    """Every workshop's results, in the engagement's order (none without contributions)."""
    slides: list[SlidePlan] = []
    for result in workshop_results(ctx.engagement):
        slides.extend(_overview(ctx, result))
        for activity in result.activities:
            if activity.lines:
                slides.extend(_activity(ctx, result, activity))
    return slides


def _label(ctx: Context, result: WorkshopResult, activity: ActivityResult | None = None) -> str:
    workshop = quote(ctx, short(result.workshop.title))
    if activity is None:
        return ctx.t("results.deck.label", workshop=workshop)
    return ctx.t(
        "results.deck.activity", workshop=workshop, activity=activity_name(ctx, activity.kind)
    )


def _teams(result: WorkshopResult, beside_chart: bool = False) -> tuple[str, ...]:
    return result.teams[: TEAM_COLUMNS_BESIDE_CHART if beside_chart else TEAM_COLUMNS]


def _team_column(ctx: Context, team: str, share: float) -> Column:
    return Column(short(team_name(ctx, team), TEAM_HEADER), share, "right")


def _decisions_note(ctx: Context, result: WorkshopResult) -> str:
    said = [*result.decisions, *verdicts(ctx, result)]
    return ctx.t("results.notes.decisions", decisions="; ".join(said)) if said else ""


def _overview(ctx: Context, result: WorkshopResult) -> list[SlidePlan]:
    """One row per activity: contributions, participants, decisions, contributions by team."""
    teams = _teams(result)
    share = 0.4 / len(teams) if teams else 0.0
    columns = (
        Column(ctx.t("results.deck.col.activity"), 0.26 if teams else 0.4),
        Column(ctx.t("results.deck.col.contributions"), 0.12, "right"),
        Column(ctx.t("results.deck.col.participants"), 0.12, "right"),
        Column(ctx.t("results.deck.col.decisions"), 0.2 if teams else 0.36),
        *(_team_column(ctx, t, share) for t in teams),
    )
    rows = [
        (
            activity_name(ctx, a.kind),
            ctx.number(a.contributions),
            ctx.number(a.participants),
            decided_text(ctx, a),
            *(ctx.number(a.teams.get(t, 0)) for t in teams),
        )
        for a in result.activities
    ]
    left = len(result.teams) - len(teams)
    return _table_slide(
        ctx,
        result,
        None,
        capitalize(headline(ctx, result)),
        columns,
        rows,
        ctx.frame,
        (),
        ctx.plural("results.deck.teams_left", left) if left else "",
    )


def _activity(ctx: Context, result: WorkshopResult, activity: ActivityResult) -> list[SlidePlan]:
    said = verdicts(ctx, _only(result, activity))
    title = capitalize(said[0]) if said else activity_name(ctx, activity.kind)
    frame = ctx.frame
    elements: tuple[Element, ...] = ()
    box = frame
    charted = activity.measure in CHARTED
    if charted:
        chart_w = frame.w * CHART_SHARE
        elements = (_chart(ctx, activity, Box(0, 0, chart_w - 0.2, frame.h)),)
        box = Box(chart_w, 0, frame.w - chart_w, frame.h)
    teams = _teams(result, beside_chart=charted)
    columns, rows = _lines_table(ctx, activity, teams)
    left = len(result.teams) - len(teams)
    extra = ctx.plural("results.deck.teams_left", left) if left else ""
    return _table_slide(ctx, result, activity, title, columns, rows, box, elements, extra)


def _only(result: WorkshopResult, activity: ActivityResult) -> WorkshopResult:
    return WorkshopResult(result.workshop, result.participants, result.teams, (activity,))


def _table_slide(
    ctx: Context,
    result: WorkshopResult,
    activity: ActivityResult | None,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    box: Box,
    above: tuple[Element, ...],
    extra: str,
) -> list[SlidePlan]:
    """The table's first page in ``box``, with a line saying what the workbook holds beyond
    (room for two such lines is kept under it)."""
    room = Box(box.x, box.y, box.w, box.h - 2 * NOTE_LINE - 0.1)
    table = paginate_table(columns, rows, room, max_cell_lines=ITEM_LINES)[0]
    if len(rows) <= SHORT_TABLE and not above:  # a short table alone reads better larger
        for size in LARGE_TABLE_FONTS[1:]:
            pages = paginate_table(columns, rows, room, size, max_cell_lines=ITEM_LINES)
            if len(pages) == 1:
                table = pages[0]
                break
    more = len(rows) - len(table.rows)
    said = [x for x in (ctx.plural("results.deck.more", more) if more else "", extra) if x]
    elements: list[Element] = [*above, table]
    if said:
        top = table.box.y + table.box.h + 0.1
        paragraphs = tuple(Paragraph(x) for x in said)
        note = Box(box.x, top, box.w, NOTE_LINE * len(said))
        elements.append(TextBlock(note, paragraphs, NOTE_SIZE, muted=True))
    return [
        SlidePlan(
            "content",
            title,
            "appendix",
            elements=tuple(elements),
            label=_label(ctx, result, activity),
            notes=notes(_decisions_note(ctx, result), ctx.t("results.notes.team_values")),
        )
    ]


def _lines_table(
    ctx: Context, activity: ActivityResult, teams: Sequence[str]
) -> tuple[list[Column], list[tuple[str, ...]]]:
    """Name, value (with how many gave it), decision or details, then each team's value."""
    team_share = 0.1 if teams else 0.0
    listed = activity.measure in ("texts", "mentions")
    decided = any(decision_name(ctx, ln) for ln in activity.lines)
    detailed = any(describe(ctx, activity.kind, ln.details) for ln in activity.lines)
    columns = [
        Column(ctx.t("results.deck.col.item"), 0.3),
        Column(measure_name(ctx, activity), 0.16, "right"),
    ]
    if not listed:
        columns.append(Column(ctx.t("results.deck.col.n"), 0.12, "right"))
    if activity.measure == "rank":
        columns.append(Column(ctx.t("results.deck.col.first"), 0.12, "right"))
    if decided:
        columns.append(Column(ctx.t("results.deck.col.decision"), 0.14))
    if detailed:
        columns.append(Column(ctx.t("results.deck.col.detail"), 0.22))
    columns += [_team_column(ctx, t, team_share) for t in teams]
    rows = []
    for line in activity.lines:
        row = [line.name, value_text(ctx, activity, line)]
        if not listed:
            row.append(ctx.number(line.score.n))
        if activity.measure == "rank":
            row.append(ctx.number(line.first))
        if decided:
            row.append(decision_name(ctx, line))
        if detailed:
            row.append(describe(ctx, activity.kind, line.details))
        row += [_team_value(ctx, activity, line, t) for t in teams]
        rows.append(tuple(row))
    return columns, rows


def _team_value(ctx: Context, activity: ActivityResult, line: Line, team: str) -> str:
    score = line.teams.get(team)
    if score is None:
        return "—"
    decimals = 1 if activity.measure in ("mean", "rank", "placement") else None
    return ctx.number(score.value, decimals=decimals)


def _category(name: str) -> str:
    return fitting.clip(name.replace("\n", " "), CATEGORY_WIDTH, 12.0, 2)


def _step(top: float) -> tuple[float, float]:
    """A round gridline step (1, 2, 5, 10…) for about five lines, and the axis's top."""
    raw = max(1.0, top / 5)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return float(step), float(step * math.ceil(top / step)) or step


def _chart(ctx: Context, activity: ActivityResult, box: Box) -> Chart:
    lines = activity.lines[:CHART_LINES]
    names = tuple(_category(ln.name) for ln in lines)
    if activity.measure == "mean":  # the distribution of the scores, stacked
        scale = max(len(ln.distribution) for ln in lines)
        series = tuple(
            Series(
                ctx.t("results.deck.score", score=s + 1),
                tuple(
                    float(ln.distribution[s]) if s < len(ln.distribution) else 0.0 for ln in lines
                ),
            )
            for s in range(scale)
        )
        step, top = _step(max(sum(ln.distribution) for ln in lines))
        return Chart(box, "stacked", names, series, top, labels=True, step=step)
    if activity.measure == "placement":
        series = (
            Series(ctx.t("results.placement.impact"), tuple(ln.score.value for ln in lines), True),
            Series(ctx.t("results.placement.ease"), tuple(ln.second for ln in lines)),
        )
        top = max(max(ln.score.value, ln.second or 0.0) for ln in lines)
        step, top = _step(top)
        return Chart(box, "bar", names, series, top, labels=True, step=step)
    values = tuple(ln.score.value for ln in lines)
    step, top = _step(max(values))
    series = (Series(measure_name(ctx, activity), values, emphasis=True),)
    return Chart(box, "bar", names, series, top, labels=True, step=step)
