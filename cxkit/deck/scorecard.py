"""The scorecard deck: a period's standards, KPIs and pillars in six slides.

A sponsor opens it three months after the restitution and must know in a
minute whether the referential holds: a cover, a summary (three cards: the
standards, the KPIs, the pillars), the standards with their verdicts in words,
their values over the last periods (native line charts with the threshold),
the KPIs' progress against a straight trajectory (a native bar chart beside
the figures), and the pillars off track. Each content slide is titled with
its finding (:class:`cxkit.scorecard_text.ScorecardWords`). The plan is made of the
restitution deck's elements and drawn by its renderer; nothing here draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from cxkit.deck import fitting
from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, notes
from cxkit.deck.layouts import Template, check_template, default_template
from cxkit.deck.plan import (
    Box,
    Card,
    Chart,
    Column,
    DeckPlan,
    Paragraph,
    Series,
    SlidePlan,
    TextBlock,
)
from cxkit.deck.planner import deck_of, draw, fit_title
from cxkit.deck.tables import table_slides
from cxkit.i18n import resolve_lang
from cxkit.model import Engagement
from cxkit.scorecard import KpiStatus, Scorecard, StandardStatus, scorecard
from cxkit.scorecard_text import (
    ScorecardWords,
    charted_history,
    is_percent,
    since_period,
    value_axis,
)
from cxkit.typography import typeset

SECTION = "scorecard"
CHARTS_PER_SLIDE = 4
HEADING_SIZE = 13.0
HEADING_HEIGHT = 0.75
KPI_CHART_WIDTH = 0.52
"""The share of the body the KPIs' chart takes; their figures fill the rest."""
KPIS_PER_SLIDE = 6
NAME_LINES = 2
"""Lines a KPI's name may take as a chart category before it is cut."""

Build = Callable[[Context, ScorecardWords, Scorecard], list[SlidePlan]]


def _titled(slides: list[SlidePlan], message: str) -> list[SlidePlan]:
    """The slides titled with their finding, their topic kept as the label above it."""
    return [replace(s, label=s.title, title=message) for s in slides]


def cover(ctx: Context, words: ScorecardWords, card: Scorecard) -> list[SlidePlan]:
    info = ctx.engagement.engagement
    width, size = 10.6, 18.0
    lines = [
        f"{words.t('scorecard.subject')} · {words.t('scorecard.cover.period', period=words.period(card.period))}",
        " · ".join(x for x in (", ".join(info.consultants), ctx.date(ctx.today)) if x),
    ]
    shown = [fitting.clip(line, width, size, 1) for line in lines if line]
    return [SlidePlan("cover", info.client, "cover", subtitle="\n".join(shown))]


def summary(ctx: Context, words: ScorecardWords, card: Scorecard) -> list[SlidePlan]:
    """Three cards: how many standards hold, how many KPIs keep their trajectory, which
    pillars slip, each with the names behind the count."""
    met, missed = card.standards_with("met"), card.standards_with("missed")
    unmeasured = card.standards_with("no-data")
    judged = len(met) + len(missed)
    lines = []
    if missed:
        names = words.and_list(words.quoted(s.standard.statement) for s in missed)
        lines.append(words.t("scorecard.card.missed", names=names, count=len(missed)))
    elif judged:
        lines.append(words.t("scorecard.card.all_met"))
    if unmeasured:
        names = words.and_list(words.quoted(s.standard.statement) for s in unmeasured)
        lines.append(words.t("scorecard.card.unmeasured", names=names))
    standards = Card(
        words.plural("scorecard.card.standards.heading", len(met), judged=judged)
        if judged
        else words.t("scorecard.card.none"),
        "\n".join(lines),
        tag=words.t("scorecard.card.standards"),
    )
    kpis_judged = [k for k in card.kpis if k.verdict != "no-data"]
    good = [k for k in kpis_judged if k.verdict in ("reached", "on-track")]
    kpi_lines = []
    for found, key in (
        (card.kpis_with("off-track"), "behind"),
        (card.kpis_with("reached"), "reached"),
    ):
        if found:
            names = words.and_list(words.quoted(k.kpi.name) for k in found)
            kpi_lines.append(words.t(f"scorecard.card.{key}", names=names, count=len(found)))
    if kpis_judged and not card.kpis_with("off-track"):
        kpi_lines.insert(0, words.t("scorecard.card.all_on_track"))
    kpis = Card(
        words.t("scorecard.card.kpis.heading", count=len(good), judged=len(kpis_judged))
        if kpis_judged
        else words.t("scorecard.card.none"),
        "\n".join(kpi_lines),
        tag=words.t("scorecard.card.kpis"),
    )
    off = card.pillars_off_track
    pillar_lines = [
        words.t("scorecard.card.pillar", pillar=p.pillar.name, why=words.pillar_why(p)) for p in off
    ] or [words.t("scorecard.card.pillars_fine")]
    pillars = Card(
        words.plural("scorecard.card.pillars.heading", len(off)),
        "\n".join(pillar_lines),
        tag=words.t("scorecard.card.pillars"),
    )
    slides = card_slides(
        ctx,
        SECTION,
        words.t("scorecard.title.summary"),
        [standards, kpis, pillars],
        per_slide=3,
        columns=3,
        largest=16,
        floor=11,
    )
    return _titled(slides, words.summary(card))


def standards(ctx: Context, words: ScorecardWords, card: Scorecard) -> list[SlidePlan]:
    """Each standard, its threshold, the period's value, its verdict and trend, in words."""
    if not card.standards:
        return []
    rows = [
        (s.standard.statement, words.threshold(s), words.value(s), words.verdict(s), words.trend(s))
        for s in card.standards
    ]
    row_notes = [
        notes(
            f"{s.standard.statement}: {s.standard.indicator or ''}",
            " · ".join(
                f"{words.period(p)} {ctx.number(v, s.standard.unit) or '—'}" for p, v in s.history
            ),
        )
        for s in card.standards
    ]
    columns = (
        Column(words.t("scorecard.col.standard"), 0.42),
        Column(words.t("scorecard.col.threshold"), 0.16, "right"),
        Column(words.period(card.period), 0.12, "right"),
        Column(words.t("scorecard.col.verdict"), 0.13),
        Column(words.t("scorecard.col.trend"), 0.17),
    )
    slides = table_slides(
        ctx,
        SECTION,
        words.t("scorecard.title.standards"),
        columns,
        rows,
        note=words.t("scorecard.notes.standards"),
        row_notes=row_notes,
        keep_empty=True,
    )
    return _titled(slides, words.standards_message(card))


def _trend_chart(
    words: ScorecardWords, status: StandardStatus, box: Box, since: str
) -> list[TextBlock | Chart]:
    """A standard's heading (its statement, then its verdict in words) over its chart."""
    width = box.w - 0.2
    std = status.standard
    said = [words.verdict(status)]
    if status.trend is not None:
        said.append(words.trend(status))
    said.append(
        words.t("scorecard.value_for", value=words.value(status), threshold=words.threshold(status))
    )
    verdict = " · ".join(said)  # the verdict first: a cut takes the figures, never the verdict
    heading = TextBlock(
        Box(box.x, box.y, box.w, HEADING_HEIGHT),
        (
            Paragraph(fitting.clip(std.statement, width, HEADING_SIZE * 1.06, 1), bold=True),
            Paragraph(fitting.clip(verdict, width, HEADING_SIZE - 1, 1)),
        ),
        HEADING_SIZE - 1,
    )
    history = charted_history(status, since)
    values = tuple(v for _, v in history)
    measured = Series(words.t("scorecard.series.measured"), values, emphasis=True)
    series: tuple[Series, ...] = (measured,)
    shown = [v for v in values if v is not None]
    if std.threshold is not None:
        threshold = float(std.threshold)
        series += (Series(words.t("scorecard.series.threshold"), (threshold,) * len(values)),)
        shown.append(threshold)
    minimum, maximum, step = value_axis(min(shown), max(shown), is_percent(std.unit))
    chart = Chart(
        Box(box.x, box.y + HEADING_HEIGHT, box.w, box.h - HEADING_HEIGHT),
        "line",
        tuple(words.period(p) for p, _ in history),
        series,
        maximum,
        step=step,
        minimum=minimum,
    )
    return [heading, chart]


def charted(card: Scorecard) -> list[StandardStatus]:
    """The standards worth a chart, at most :data:`CHARTS_PER_SLIDE` (one slide: the deck stays
    short, the table lists them all): the missed first, then the worsening, then the others
    measured, each group in the referential's order."""
    measured = [s for s in card.standards if any(v is not None for _, v in s.history)]
    ranked = sorted(measured, key=lambda s: (s.verdict != "missed", s.improving is not False))
    return ranked[:CHARTS_PER_SLIDE]


def trends(ctx: Context, words: ScorecardWords, card: Scorecard) -> list[SlidePlan]:
    """The telling standards' last periods as lines, each threshold as a flat line."""
    group = charted(card)
    if not group:
        return []
    cols = 1 if len(group) == 1 else 2
    rows = -(-len(group) // cols)
    gap_x, gap_y = 0.5, 0.3
    w = (ctx.frame.w - gap_x * (cols - 1)) / cols
    h = (ctx.frame.h - gap_y * (rows - 1)) / rows
    elements = []
    for n, status in enumerate(group):
        r, c = divmod(n, cols)
        box = Box(c * (w + gap_x), r * (h + gap_y), w, h)
        elements += _trend_chart(words, status, box, since_period(card))
    slide = SlidePlan(
        "content",
        words.t("scorecard.title.trends"),
        SECTION,
        elements=tuple(elements),
        notes=words.t("scorecard.notes.standards"),
    )
    return _titled([slide], words.trends_message(card))


def _percent(ratio: float | None) -> float | None:
    """A share as a bar's length in %: within 0 and 100 (the table gives the real figure)."""
    return None if ratio is None else round(100 * min(1.0, max(0.0, ratio)))


def _kpi_slides(
    ctx: Context, words: ScorecardWords, group: Sequence[KpiStatus], title: str
) -> list[SlidePlan]:
    """``group``'s progress as bars, beside its figures and verdicts."""
    chart_w = ctx.frame.w * KPI_CHART_WIDTH
    name_w = chart_w * 0.4
    chart = Chart(
        Box(0, 0, chart_w, ctx.frame.h),
        "bar",
        tuple(fitting.clip(k.kpi.name, name_w, 12, NAME_LINES).replace("\n", " ") for k in group),
        (
            Series(
                words.t("scorecard.series.progress"),
                tuple(_percent(k.progress) for k in group),
                emphasis=True,
            ),
            Series(
                words.t("scorecard.series.expected"), tuple(_percent(k.expected) for k in group)
            ),
        ),
        100.0,
        labels=True,
        step=25.0,
    )
    rows = [(k.kpi.name, words.now_target(k), words.kpi_verdict(k)) for k in group]
    row_notes = [
        words.t(
            "scorecard.notes.kpi",
            name=k.kpi.name,
            baseline=words.kpi_value(k, k.baseline),
            start=words.period(k.start) if k.start else "—",
            value=words.kpi_value(k, k.value),
            target=words.kpi_value(k, k.kpi.target),
            progress=words.share(k.progress),
            expected=words.share(k.expected),
        )
        for k in group
    ]
    left = chart_w + 0.3
    return table_slides(
        ctx,
        SECTION,
        title,
        (
            Column(words.t("scorecard.col.kpi"), 0.42),
            Column(words.t("scorecard.col.now"), 0.33),
            Column(words.t("scorecard.col.verdict"), 0.25),
        ),
        rows,
        note=words.t("scorecard.notes.kpis"),
        box=Box(left, 0, ctx.frame.w - left, ctx.frame.h),
        above=(chart,),
        row_notes=row_notes,
        keep_empty=True,
    )


def kpis(ctx: Context, words: ScorecardWords, card: Scorecard) -> list[SlidePlan]:
    """Progress towards each target beside the progress a straight line expects by now,
    :data:`KPIS_PER_SLIDE` a slide (more bars would not leave their names room)."""
    title = words.t("scorecard.title.kpis")
    slides: list[SlidePlan] = []
    for i in range(0, len(card.kpis), KPIS_PER_SLIDE):
        group = card.kpis[i : i + KPIS_PER_SLIDE]
        shown = ctx.t("deck.continued", title=title) if i else title
        slides += [
            replace(s, continued=bool(i or s.continued))
            for s in _kpi_slides(ctx, words, group, shown)
        ]
    return _titled(slides, words.kpis_message(card))


def pillars(ctx: Context, words: ScorecardWords, card: Scorecard) -> list[SlidePlan]:
    """Each pillar, whether it slips, and the standards and KPIs that make it slip."""
    if not card.pillars:
        return []
    rows = [
        (
            p.pillar.name,
            words.pillar_verdict(p),
            words.pillar_why(p) or "—",
        )
        for p in card.pillars
    ]
    slides = table_slides(
        ctx,
        SECTION,
        words.t("scorecard.title.pillars"),
        (
            Column(words.t("scorecard.col.pillar"), 0.2),
            Column(words.t("scorecard.col.verdict"), 0.2),
            Column(words.t("scorecard.col.why"), 0.6),
        ),
        rows,
        note=words.t("scorecard.notes.pillars"),
        keep_empty=True,
    )
    return _titled(slides, words.pillars_message(card))


BUILDERS: tuple[Build, ...] = (cover, summary, standards, trends, kpis, pillars)


def plan_scorecard(
    engagement: Engagement,
    period: str,
    lang: str | None = None,
    *,
    today: dt.date | None = None,
    template: str | Path | Template | None = None,
) -> DeckPlan:
    """The scorecard deck of ``period`` (a checked period: :func:`cxkit.scorecard.check_period`)."""
    page = check_template(template or default_template()).page
    lang = resolve_lang(lang or engagement.language)
    ctx = Context(engagement, lang, today=today or dt.date.today(), frame=page.frame)
    words = ScorecardWords(engagement, lang)
    card = scorecard(engagement, period)
    slides = [s for build in BUILDERS for s in build(ctx, words, card)]
    sources = sorted({m.source for m in engagement.measurements if m.source})
    if sources and len(slides) > 1:
        said = words.t("scorecard.notes.source", sources="; ".join(sources))
        slides[1] = replace(slides[1], notes=notes(slides[1].notes, said))
    slides = [fit_title(typeset(s, lang), page.title) for s in slides]
    subject = f"{words.t('scorecard.subject')} · {words.period(period)}"
    return deck_of(engagement, subject, page, slides, lang)


def build_scorecard(
    engagement: Engagement,
    period: str,
    output: str | Path,
    *,
    lang: str | None = None,
    template: str | Path | Template | None = None,
    plan: DeckPlan | None = None,
) -> Path:
    """Write the scorecard deck of ``period`` to ``output`` (atomically) and return its path."""
    return draw(
        lambda checked: plan_scorecard(engagement, period, lang, template=checked),
        output,
        template,
        plan,
    )
