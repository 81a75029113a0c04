"""The slides of each part of the method, built from the engagement (pure).

One builder per part, registered in the method's order in :data:`SECTIONS`;
a builder returns no slide when its part is empty in a draft, and a part
with no slide gets no divider either. Every builder draws its geometry
inside the nominal body frame (:data:`cxkit.deck.plan.FRAME`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cxkit.checks import run_checks
from cxkit.deck import fitting
from cxkit.deck.plan import (
    FRAME,
    MAX_CELL_LINES,
    TABLE_FONT,
    Box,
    Card,
    Cards,
    Chart,
    Column,
    Element,
    Paragraph,
    Series,
    SlidePlan,
    Statement,
    TextBlock,
    chunks,
    fit_card,
    fit_text,
    paginate_table,
)
from cxkit.i18n import label, t
from cxkit.model import Action, Device, Engagement, Verbatim
from cxkit.vocab import DEVICE_KINDS, VALIDATED_SECTIONS

MAX_CHART_ACTORS = 6
"""Beyond this many actors, the chart shows the client, the competitors' mean and the best."""
TABLE_ACTORS = 7
"""Actor columns per benchmark table slide (the client's column repeats on each)."""
LARGE_TABLE_FONTS = (14.0, 12.0)
CARDS_PER_SLIDE = 4
VERBATIMS = 6
THEMES = 10
PILLAR_COLUMNS = 5
GRID_CELL_LINES = 10
"""Lines a cell of the matrix or the roadmap grid may hold before it shows counts instead."""
CHART_CRITERIA_BAR = 8
CHART_CRITERIA_RADAR = 12
"""Criteria per chart slide: bars stay readable, a radar keeps its shape."""


@dataclass
class Context:
    """The engagement and what every builder needs to speak its language."""

    engagement: Engagement
    lang: str
    today: dt.date
    notes: dict[str, list[str]] = field(default_factory=dict)

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def label(self, vocabulary: str, value: str | None) -> str:
        return label(vocabulary, value, self.lang) if value else ""

    def number(self, value: float | int | None, unit: str | None = None) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = f"{value:g}" if isinstance(value, float) else str(value)
        if self.lang == "fr":
            text = text.replace(".", ",")
        if not unit:
            return text
        return f"{text}{unit}" if unit.startswith("/") else f"{text} {unit}"

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return value.strftime("%d/%m/%Y") if self.lang == "fr" else value.isoformat()

    def pillar_names(self, ids: Iterable[str]) -> str:
        names = []
        for pid in ids:
            pillar = self.engagement.pillar(pid)
            names.append(pillar.name if pillar else pid)
        return ", ".join(names)

    def segment_name(self, sid: str | None) -> str:
        if not sid:
            return ""
        segments = self.engagement.environment.customer.segments
        return next((s.name for s in segments if s.id == sid), sid)

    def source(self, ref: str) -> str:
        """A pillar's source id told in words: a segment, an interview or a competitor."""
        e = self.engagement
        for s in e.environment.customer.segments:
            if s.id == ref:
                return self.t("deck.source.segment", name=s.name)
        for i in e.collection.interviews:
            if i.id == ref:
                who = ", ".join(x for x in (i.role, self.date(i.date)) if x)
                return self.t("deck.source.interview", id=i.id, who=who or i.id)
        for c in e.environment.market.competitors:
            if c.id == ref:
                return self.t("deck.source.competitor", name=c.name)
        return ref

    def pillar_sources(self, ids: Iterable[str]) -> list[str]:
        lines = []
        for pid in ids:
            pillar = self.engagement.pillar(pid)
            if pillar is None:
                continue
            refs = "; ".join(self.source(s) for s in pillar.sources) or "—"
            lines.append(self.t("deck.notes.pillar_sources", pillar=pillar.name, sources=refs))
        return lines

    def workshops_note(self) -> str:
        shops = [
            f"{w.title} ({self.date(w.date)})" if w.date else w.title
            for w in self.engagement.workshops
        ]
        return self.t("deck.notes.workshops", workshops="; ".join(shops)) if shops else ""


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def quoted(ctx: Context, text: str) -> str:
    if not text:
        return text
    return f"« {text} »" if ctx.lang == "fr" else f"“{text}”"


def continued(ctx: Context, title: str, index: int) -> str:
    return ctx.t("deck.continued", title=title) if index else title


def notes(*parts: str | Sequence[str]) -> str:
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                lines.append(part)
        else:
            lines.extend(p for p in part if p)
    return "\n".join(lines)


def table_slides(
    ctx: Context,
    section: str,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    note: str = "",
    box: Box = FRAME,
    above: Sequence[Element] = (),
    row_notes: Sequence[str] | None = None,
    max_cell_lines: int = MAX_CELL_LINES,
) -> list[SlidePlan]:
    """A table over as many slides as it needs, titled "(continued)" after the first."""
    if not rows:
        return []
    slides = []
    offset = 0
    pages = paginate_table(columns, rows, box, max_cell_lines=max_cell_lines)
    if len(rows) <= 8:  # a short table reads better larger, if it still fits one slide
        for size in LARGE_TABLE_FONTS:
            larger = paginate_table(columns, rows, box, size=size, max_cell_lines=max_cell_lines)
            if len(larger) == 1:
                pages = larger
                break
    for i, table in enumerate(pages):
        extra = ""
        if row_notes is not None:
            extra = notes(row_notes[offset : offset + len(table.rows)])
        offset += len(table.rows)
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, title, i),
                section,
                elements=(*(above if i == 0 else ()), table),
                notes=notes(note, extra),
                continued=i > 0,
            )
        )
    return slides


HEADING_SIZE = 20.0
CAPTION_SIZE = 11.0
CAPTION_LINES = 4
MIN_CARD_HEIGHT = 2.2


def card_height(card: Card, width: float, size: float) -> float:
    """Inches a card needs: margins, tag, heading, body and caption (as the renderer lays them)."""
    inner = width - 0.4
    h = 0.25 + 0.15
    if card.tag:
        h += fitting.lines_height(1, CAPTION_SIZE)
    if card.heading:
        h += fitting.text_height(card.heading, inner, HEADING_SIZE * 1.06)
    if card.body:
        h += 8 / 72 + fitting.text_height(card.body, inner, size)
    if card.caption:
        h += 0.1 + fitting.text_height(card.caption, inner, CAPTION_SIZE)
    return h + 0.15


def card_slides(
    ctx: Context,
    section: str,
    title: str,
    cards: Sequence[Card],
    note: str | Sequence[str] = "",
    per_slide: int = CARDS_PER_SLIDE,
    columns: int | None = None,
    quote: bool = False,
    box: Box = FRAME,
    largest: float = 18.0,
    floor: float = 12.0,
) -> list[SlidePlan]:
    """Cards in a grid, ``per_slide`` a slide; a body too long at ``floor`` is clipped
    (the whole text is in the speaker notes)."""
    slides = []
    groups = [cards[i : i + per_slide] for i in range(0, len(cards), per_slide)]
    for i, group in enumerate(groups):
        cols = columns or len(group)
        rows = -(-len(group) // cols)
        gap = 0.3
        width = (box.w - gap * (cols - 1)) / cols
        height = (box.h - gap * (rows - 1)) / rows
        captions = [
            fitting.clip(c.caption, width - 0.4, CAPTION_SIZE, CAPTION_LINES) for c in group
        ]
        caption_h = max(
            (fitting.text_height(c, width - 0.4, CAPTION_SIZE) for c in captions if c), default=0.0
        )
        body_h = height - 0.95 - caption_h
        if quote:
            group = [Card(c.heading, quoted(ctx, c.body), c.caption, c.tag) for c in group]
        sizes = [fit_card(c, width, body_h, largest, floor) for c in group]
        size = min(sizes)
        body_lines = max(1, int(body_h / fitting.lines_height(1, size)))
        fitted = tuple(
            Card(
                c.heading,
                fitting.clip(c.body, width - 0.4, size, body_lines),
                fitting.clip(c.caption, width - 0.4, CAPTION_SIZE, CAPTION_LINES),
                c.tag,
            )
            for c in group
        )
        needed = max(card_height(c, width, size) for c in fitted)
        card_h = min(height, max(needed, MIN_CARD_HEIGHT))
        used = Box(box.x, box.y, box.w, card_h * rows + gap * (rows - 1))
        clipped = [
            f"{c.heading} {c.body} {c.caption}"
            for c, f in zip(group, fitted, strict=True)
            if (c.body, c.caption) != (f.body, f.caption)
        ]
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, title, i),
                section,
                elements=(Cards(used, fitted, cols, HEADING_SIZE, size, quote),),
                notes=notes(note, clipped),
                continued=i > 0,
            )
        )
    return slides


# --- cover, agenda, method ---------------------------------------------------------


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
                interviews=len(e.collection.interviews),
                actors=actors,
            ),
            ctx.t("deck.method.phase", number=1),
        ),
        Card(
            ctx.t("deck.method.workshops"),
            ctx.t("deck.method.workshops.body"),
            ctx.t("deck.method.workshops.facts", count=len(e.workshops)),
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


# --- phase 1: the strategic environment --------------------------------------------


def customer_vision(ctx: Context) -> list[SlidePlan]:
    segments = ctx.engagement.environment.customer.segments
    columns = (
        Column(ctx.t("deck.col.segment"), 0.2),
        Column(ctx.t("deck.col.share"), 0.08, "right"),
        Column(ctx.t("deck.col.value"), 0.1),
        Column(ctx.t("deck.col.priority"), 0.14),
        Column(ctx.t("deck.col.expectations"), 0.48),
    )
    rows = [
        (
            s.name,
            f"{round(s.share * 100)} %" if s.share is not None else "",
            capitalize(ctx.label("value", s.value)),
            capitalize(ctx.label("priority_segment", s.priority)),
            "\n".join(f"• {x}" for x in [*s.expectations, *s.needs]),
        )
        for s in segments
    ]
    interviews = ctx.engagement.collection.interviews
    row_notes = []
    for s in segments:
        heard = [i.id for i in interviews if i.segment == s.id]
        line = f"{s.name}: {s.description or ''}"
        if heard:
            line += " " + ctx.t("deck.notes.heard", interviews=", ".join(heard))
        row_notes.append(line)
    return table_slides(
        ctx,
        "environment",
        ctx.t("deck.customer.title"),
        columns,
        rows,
        row_notes=row_notes,
    )


def company_vision(ctx: Context) -> list[SlidePlan]:
    company = ctx.engagement.environment.company
    if not (company.strategy or company.objectives or company.values):
        return []
    half = Box(0, 0, FRAME.w / 2 - 0.25, FRAME.h)
    left: list[Paragraph] = []
    if company.strategy:
        left += [Paragraph(ctx.t("deck.company.strategy"), bold=True), Paragraph(company.strategy)]
    if company.values:
        left += [Paragraph(ctx.t("deck.company.values"), bold=True)]
        left += [Paragraph(" · ".join(company.values))]
    right: list[Paragraph] = []
    if company.objectives:
        right += [Paragraph(ctx.t("deck.company.objectives"), bold=True)]
        right += [Paragraph(f"• {o}", level=1) for o in company.objectives]
    return text_columns(ctx, "environment", ctx.t("deck.company.title"), [left, right], half)


def text_columns(
    ctx: Context, section: str, title: str, columns: list[list[Paragraph]], box: Box
) -> list[SlidePlan]:
    """Paragraphs in side-by-side columns, fitted; an overlong column continues."""
    columns = [c for c in columns if c]
    pages: list[list[TextBlock]] = []
    for col, paragraphs in enumerate(columns):
        x = col * (FRAME.w / max(1, len(columns)))
        area = Box(x, box.y, FRAME.w / len(columns) - 0.25, box.h)
        fitted = fit_text([p.text for p in paragraphs], area, 20.0, 12.0)
        by_text = list(paragraphs)
        for n, (size, texts) in enumerate(fitted):
            page_paragraphs = []
            for text in texts:
                match = next((p for p in by_text if p.text == text), None)
                page_paragraphs.append(match or Paragraph(text))
            while len(pages) <= n:
                pages.append([])
            pages[n].append(TextBlock(area, tuple(page_paragraphs), size))
    return [
        SlidePlan("content", continued(ctx, title, i), section, elements=tuple(blocks))
        for i, blocks in enumerate(pages)
    ]


def market_vision(ctx: Context) -> list[SlidePlan]:
    market = ctx.engagement.environment.market
    competitors = table_slides(
        ctx,
        "environment",
        ctx.t("deck.market.title"),
        (
            Column(ctx.t("deck.col.competitor"), 0.2),
            Column(ctx.t("deck.col.positioning"), 0.38),
            Column(ctx.t("deck.col.practices"), 0.42),
        ),
        [
            (c.name, c.positioning or "", "\n".join(f"• {p}" for p in c.practices))
            for c in market.competitors
        ],
    )
    practices = table_slides(
        ctx,
        "environment",
        ctx.t("deck.practices.title"),
        (
            Column(ctx.t("deck.col.actor"), 0.16),
            Column(ctx.t("deck.col.sector"), 0.18),
            Column(ctx.t("deck.col.practice"), 0.33),
            Column(ctx.t("deck.col.applicability"), 0.33),
        ),
        [
            (b.actor, b.sector or "", b.practice or "", b.applicability or "")
            for b in market.best_practices
        ],
    )
    return competitors + practices


# --- phase 1: collection ---------------------------------------------------------------


def interviews(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.collection.interviews
    if not items:
        return []
    groups: dict[tuple[str, str], list[Any]] = {}
    for i in items:
        who = ctx.segment_name(i.segment) if i.segment else ctx.label("team", i.team)
        key = (ctx.label("audience", i.audience) or "—", who or "—")
        groups.setdefault(key, []).append(i)
    rows = [
        (
            capitalize(audience),
            capitalize(who),
            str(len(group)),
            ", ".join(dict.fromkeys(i.role for i in group if i.role)),
        )
        for (audience, who), group in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    ]
    dates = sorted(i.date for i in items if i.date)
    summary = ctx.t("deck.heard.summary", count=len(items))
    if dates:
        summary += " " + ctx.t(
            "deck.heard.period", first=ctx.date(dates[0]), last=ctx.date(dates[-1])
        )
    lead = TextBlock(Box(0, 0, FRAME.w, 0.5), (Paragraph(summary),), 16.0, muted=True)
    return table_slides(
        ctx,
        "collection",
        ctx.t("deck.heard.title"),
        (
            Column(ctx.t("deck.col.audience"), 0.16),
            Column(ctx.t("deck.col.group"), 0.24),
            Column(ctx.t("deck.col.count"), 0.1, "right"),
            Column(ctx.t("deck.col.roles"), 0.5),
        ),
        rows,
        box=Box(0, 0.7, FRAME.w, FRAME.h - 0.7),
        above=(lead,),
        note=ctx.t("deck.notes.appendix_interviews"),
    )


def _all_verbatims(ctx: Context) -> list[tuple[Any, Verbatim]]:
    return [(i, v) for i in ctx.engagement.collection.interviews for v in i.verbatims]


def themes(ctx: Context) -> list[SlidePlan]:
    verbatims = _all_verbatims(ctx)
    counts: Counter[str] = Counter(th for _, v in verbatims for th in v.themes)
    if not counts:
        return []
    rows = []
    row_notes = []
    for theme, count in counts.most_common(THEMES):
        related = [(i, v) for i, v in verbatims if theme in v.themes]
        visions = Counter(v.vision for _, v in related if v.vision)
        rows.append(
            (
                capitalize(theme),
                str(count),
                capitalize(", ".join(ctx.label("vision", x) for x, _ in visions.most_common())),
                quoted(ctx, related[0][1].text),
            )
        )
        row_notes.append(
            ctx.t(
                "deck.notes.theme",
                theme=theme,
                interviews=", ".join(dict.fromkeys(i.id for i, _ in related[:12])),
            )
        )
    return table_slides(
        ctx,
        "collection",
        ctx.t("deck.themes.title"),
        (
            Column(ctx.t("deck.col.theme"), 0.18),
            Column(ctx.t("deck.col.mentions"), 0.1, "right"),
            Column(ctx.t("deck.col.visions"), 0.2),
            Column(ctx.t("deck.col.example"), 0.52),
        ),
        rows,
        row_notes=row_notes,
    )


def chosen_verbatims(ctx: Context) -> list[SlidePlan]:
    verbatims = _all_verbatims(ctx)
    if not verbatims:
        return []
    cited = {s for p in ctx.engagement.strategy.pillars for s in p.sources}
    chosen: list[tuple[Any, Verbatim]] = [(i, v) for i, v in verbatims if i.id in cited]
    seen_themes = {th for _, v in chosen for th in v.themes}
    for i, v in verbatims:
        if len(chosen) >= VERBATIMS:
            break
        if (i, v) not in chosen and not seen_themes.issuperset(v.themes):
            chosen.append((i, v))
            seen_themes.update(v.themes)
    chosen = chosen[:VERBATIMS]
    cards = []
    sources = []
    for i, v in chosen:
        who = ", ".join(x for x in (i.role, ctx.segment_name(v.segment or i.segment)) if x)
        cards.append(Card("", v.text, who))
        sources.append(ctx.t("deck.notes.verbatim", text=v.text[:60], source=ctx.source(i.id)))
    cols = 3 if len(cards) > 4 else max(1, len(cards))
    return card_slides(
        ctx,
        "collection",
        ctx.t("deck.verbatims.title"),
        cards,
        note=sources,
        per_slide=VERBATIMS,
        columns=cols if len(cards) > 3 else None,
        quote=True,
        largest=18,
        floor=12,
    )


def benchmark(ctx: Context) -> list[SlidePlan]:
    bench = ctx.engagement.collection.benchmark
    if not bench.criteria or not bench.scores:
        return []
    scores = sorted(bench.scores, key=lambda s: s.kind != "self")
    own = [s for s in scores if s.kind == "self"]
    others = [s for s in scores if s.kind != "self"]
    if len(scores) <= MAX_CHART_ACTORS:
        series = tuple(
            Series(
                s.actor,
                tuple(s.values.get(c) for c in bench.criteria),
                emphasis=s.kind == "self",
            )
            for s in scores
        )
    else:
        competitors = [s for s in others if s.kind == "competitor"] or others
        mean: list[float | None] = []
        best: list[float | None] = []
        for c in bench.criteria:
            values = [s.values[c] for s in competitors if c in s.values]
            mean.append(round(sum(values) / len(values), 1) if values else None)
            best.append(max(values) if values else None)
        series = (
            *(Series(s.actor, tuple(s.values.get(c) for c in bench.criteria), True) for s in own),
            Series(ctx.t("deck.benchmark.mean"), tuple(mean)),
            Series(ctx.t("deck.benchmark.best"), tuple(best)),
        )
    kind: Literal["bar", "radar"] = "radar" if len(series) <= 3 else "bar"
    client = ctx.engagement.engagement.client
    actor_notes = [
        f"{s.actor} ({ctx.label('actor', s.kind)}): {s.notes}" if s.notes else "" for s in scores
    ]
    chart_title = ctx.t("deck.benchmark.chart_title", client=client)
    per_chart = CHART_CRITERIA_RADAR if kind == "radar" else CHART_CRITERIA_BAR
    if kind == "radar" and len(bench.criteria) < 5:
        kind = "bar"
    charts = -(-len(bench.criteria) // per_chart)
    per_chart = -(-len(bench.criteria) // charts)  # even chunks: 10 + 10 rather than 12 + 8
    slides = []
    for i in range(0, len(bench.criteria), per_chart):
        part = slice(i, i + per_chart)
        chart = Chart(
            FRAME,
            kind,
            tuple(bench.criteria[part]),
            tuple(Series(x.name, x.values[part], x.emphasis) for x in series),
            float(bench.scale),
        )
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, chart_title, i),
                "collection",
                elements=(chart,),
                notes=notes(ctx.t("deck.notes.benchmark", count=len(scores)), actor_notes),
                continued=i > 0,
            )
        )
    title = ctx.t("deck.benchmark.table_title", scale=bench.scale)
    per_table = max(1, TABLE_ACTORS - len(own))
    groups = chunks(others, per_table) if others else [[]]
    for g, group in enumerate(groups):
        actors = [*own, *group]
        criterion_w = 0.3
        columns = (
            Column(ctx.t("deck.col.criterion"), criterion_w),
            *(Column(s.actor, (1 - criterion_w) / len(actors), "center") for s in actors),
        )
        rows = [(c, *(ctx.number(s.values.get(c)) or "—" for s in actors)) for c in bench.criteria]
        for slide in table_slides(ctx, "collection", title, columns, rows):
            slides.append(
                SlidePlan(
                    slide.kind,
                    continued(ctx, title, 1) if (g or slide.continued) else title,
                    slide.section,
                    slide.elements,
                    notes=slide.notes,
                    continued=bool(g or slide.continued),
                )
            )
    return slides


# --- phase 2: the CX strategy --------------------------------------------------------


def ambition(ctx: Context) -> list[SlidePlan]:
    amb = ctx.engagement.strategy.ambition
    if amb is None or not amb.statement:
        return []
    caption = " · ".join(
        x
        for x in (
            capitalize(ctx.label("ambition", amb.type)),
            ctx.t("deck.ambition.horizon", horizon=amb.horizon) if amb.horizon else "",
        )
        if x
    )
    return statement_slides(ctx, "strategy", ctx.t("deck.ambition.title"), amb.statement, caption)


def statement_slides(
    ctx: Context, section: str, title: str, text: str, caption: str, box: Box = FRAME
) -> list[SlidePlan]:
    area = Box(box.x + 0.6, box.y + 0.6, box.w - 1.2, box.h - 0.9)
    pages = fit_text([text], area, 36.0, 20.0)

    def centred(page: list[str], size: float) -> Box:
        h = min(area.h, fitting.paragraphs_height(page, area.w - 0.2, size) + 0.3)
        return Box(area.x, area.y + (area.h - h) / 2, area.w, h)

    return [
        SlidePlan(
            "content",
            continued(ctx, title, i),
            section,
            elements=(
                Statement(centred(page, size), "\n".join(page), size, caption if i == 0 else ""),
            ),
            notes=ctx.workshops_note(),
            continued=i > 0,
        )
        for i, (size, page) in enumerate(pages)
    ]


def pillars(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.strategy.pillars
    if not items:
        return []
    cards = [
        Card(
            p.name, p.customers_say or "", p.rationale or "", capitalize(ctx.label("role", p.role))
        )
        for p in items
    ]
    sources = ctx.pillar_sources(p.id for p in items)
    return card_slides(
        ctx,
        "strategy",
        ctx.t("deck.pillars.title"),
        cards,
        note=[*sources, ctx.workshops_note()],
        quote=True,
        largest=20,
        floor=12,
    )


def kpis(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.strategy.kpis
    rows = [
        (
            k.name,
            ctx.pillar_names(k.pillars) or ctx.t("deck.kpis.whole"),
            ctx.number(k.baseline, k.unit) or "—",
            ctx.number(k.target, k.unit) or "—",
            capitalize(k.frequency or ""),
            k.source or "",
        )
        for k in items
    ]
    return table_slides(
        ctx,
        "strategy",
        ctx.t("deck.kpis.title"),
        (
            Column(ctx.t("deck.col.kpi"), 0.3),
            Column(ctx.t("deck.col.pillars"), 0.15),
            Column(ctx.t("deck.col.baseline"), 0.13, "right"),
            Column(ctx.t("deck.col.target"), 0.13, "right"),
            Column(ctx.t("deck.col.frequency"), 0.12),
            Column(ctx.t("deck.col.source"), 0.17),
        ),
        rows,
        row_notes=[f"{k.name}: {k.definition}" if k.definition else "" for k in items],
    )


# --- phase 2: relational devices ------------------------------------------------------


def _device_label(ctx: Context, device: Device) -> str:
    kind = ctx.label("device", device.kind)
    return f"{kind}\n{device.name}" if device.name else kind


def _titles_fit(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> bool:
    """A grid of action leads shows their titles when they fit one slide, each cell within its
    line budget; otherwise it shows counts and the detail table lists every lead."""
    return len(paginate_table(columns, rows, max_cell_lines=99)) == 1 and not any(
        fitting.line_count(cell, FRAME.w * c.width - 0.2, TABLE_FONT) > GRID_CELL_LINES
        for row in rows
        for cell, c in zip(row, columns, strict=True)
    )


def _cell(ctx: Context, actions: Sequence[Action], detailed: bool) -> str:
    if not actions:
        return ""
    if detailed:
        return "\n".join(f"• {a.title}" for a in actions)
    high = sum(1 for a in actions if a.priority == "high")
    return ctx.t("deck.matrix.count", count=len(actions), high=high)


def matrix(ctx: Context) -> list[SlidePlan]:
    e = ctx.engagement
    if not any(d.actions for d in e.devices):
        return []
    devices = sorted(e.devices, key=lambda d: DEVICE_KINDS.index(d.kind))
    pillar_list = list(e.strategy.pillars)
    slides: list[SlidePlan] = []
    title = ctx.t("deck.matrix.title")
    for g, group in enumerate(chunks(pillar_list, PILLAR_COLUMNS)):
        columns = (
            Column(ctx.t("deck.col.device"), 0.2),
            *(Column(p.name, 0.8 / max(1, len(group))) for p in group),
        )

        def rows(detailed: bool, group: list[Any] = group) -> list[tuple[str, ...]]:
            return [
                (
                    _device_label(ctx, d),
                    *(
                        _cell(ctx, [a for a in d.actions if p.id in a.pillars], detailed)
                        for p in group
                    ),
                )
                for d in devices
            ]

        detailed = rows(True)
        fits = _titles_fit(columns, detailed)
        body = detailed if fits else rows(False)
        note = "" if fits else ctx.t("deck.notes.matrix_counts")
        unlinked = [a for d in devices for a in d.actions if not a.pillars]
        if unlinked and g == 0:
            note = notes(note, ctx.t("deck.notes.unlinked", count=len(unlinked)))
        for slide in table_slides(
            ctx, "devices", title, columns, body, note=note, max_cell_lines=GRID_CELL_LINES
        ):
            cont = bool(g or slide.continued)
            slides.append(
                SlidePlan(
                    "content",
                    continued(ctx, title, int(cont)),
                    "devices",
                    slide.elements,
                    notes=slide.notes,
                    continued=cont,
                )
            )
    return slides


_PRIORITIES = ("high", "medium", "low", None)


def _horizon_key(value: object) -> tuple[int, str]:
    return (0, f"{value:09d}") if isinstance(value, int) else (1 if value else 2, str(value or ""))


def roadmap(ctx: Context) -> list[SlidePlan]:
    actions = ctx.engagement.actions()
    if not actions:
        return []
    horizons = sorted({a.horizon for _, a in actions}, key=_horizon_key)
    priorities = [p for p in _PRIORITIES if any(a.priority == p for _, a in actions)]
    columns = (
        Column(ctx.t("deck.col.horizon"), 0.1),
        *(
            Column(
                capitalize(ctx.label("priority", p)) if p else ctx.t("deck.roadmap.unset"),
                0.9 / len(priorities),
            )
            for p in priorities
        ),
    )

    def grid(detailed: bool) -> list[tuple[str, ...]]:
        return [
            (
                str(h) if h is not None else ctx.t("deck.roadmap.unset"),
                *(
                    _cell(
                        ctx, [a for _, a in actions if a.horizon == h and a.priority == p], detailed
                    )
                    for p in priorities
                ),
            )
            for h in horizons
        ]

    detailed = grid(True)
    fits = _titles_fit(columns, detailed)
    title = ctx.t("deck.roadmap.title")
    slides = table_slides(
        ctx,
        "devices",
        title,
        columns,
        detailed if fits else grid(False),
        max_cell_lines=GRID_CELL_LINES,
    )
    ordered = sorted(
        actions,
        key=lambda da: (_horizon_key(da[1].horizon), _PRIORITIES.index(da[1].priority)),
    )
    slides += table_slides(
        ctx,
        "devices",
        ctx.t("deck.roadmap.detail_title"),
        (
            Column(ctx.t("deck.col.horizon"), 0.09),
            Column(ctx.t("deck.col.priority"), 0.09),
            Column(ctx.t("deck.col.action"), 0.36),
            Column(ctx.t("deck.col.device"), 0.16),
            Column(ctx.t("deck.col.pillars"), 0.13),
            Column(ctx.t("deck.col.owner"), 0.17),
        ),
        [
            (
                str(a.horizon or ""),
                capitalize(ctx.label("priority", a.priority)),
                a.title,
                ctx.label("device", d.kind),
                ctx.pillar_names(a.pillars),
                a.owner or "",
            )
            for d, a in ordered
        ],
        row_notes=[f"{a.title}: {a.description}" if a.description else "" for _, a in ordered],
    )
    return slides


# --- phase 2: the CX referential -------------------------------------------------------


def promise(ctx: Context) -> list[SlidePlan]:
    ref = ctx.engagement.referential
    if ref.promise is None or not ref.promise.statement:
        return []
    caption = (
        ctx.t("deck.promise.orientation", orientation=ctx.label("orientation", ref.orientation))
        if ref.orientation
        else ""
    )
    top = Box(0, 0, FRAME.w, FRAME.h - (1.6 if ref.promise.components else 0))
    slides = statement_slides(
        ctx, "referential", ctx.t("deck.promise.title"), ref.promise.statement, caption, top
    )
    if ref.promise.components:
        first = slides[0]
        parts = ref.promise.components
        cards = Cards(
            Box(0.6, FRAME.h - 1.2, FRAME.w - 1.2, 1.1),
            tuple(Card(c, "") for c in parts),
            len(parts),
            18.0,
            12.0,
        )
        slides[0] = SlidePlan(
            first.kind,
            first.title,
            first.section,
            (*first.elements, cards),
            notes=first.notes,
        )
    return slides


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
        row_notes = [notes(f"{s.id}:", ctx.pillar_sources(s.pillars)) for s in group]
        slides += table_slides(
            ctx,
            "referential",
            ctx.t(f"deck.standards.{scope or 'unset'}"),
            columns,
            rows,
            row_notes=row_notes,
        )
    return slides


def postures(ctx: Context) -> list[SlidePlan]:
    items = ctx.engagement.referential.postures
    cards = [Card(p.name, p.description or "") for p in items]
    return card_slides(
        ctx,
        "referential",
        ctx.t("deck.postures.title"),
        cards,
        per_slide=6,
        columns=3 if len(cards) > 4 else None,
        largest=18,
        floor=12,
    )


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
        row_notes=[notes(f"{r.name}:", ctx.pillar_sources(r.pillars)) for r in ordered],
    )


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


# --- validation, next steps, appendix ---------------------------------------------------


def validation(ctx: Context) -> list[SlidePlan]:
    v = ctx.engagement.validation
    rows = []
    steps: list[Paragraph] = []
    for name in VALIDATED_SECTIONS:
        part = getattr(v, name)
        rows.append(
            (
                capitalize(ctx.t(f"section.{name}")),
                capitalize(ctx.label("status", part.status)),
                part.by or "",
                ctx.date(part.date),
            )
        )
        if part.status != "validated":
            key = "deck.next.validate" if part.status == "to-validate" else "deck.next.finish"
            steps.append(Paragraph(f"• {ctx.t(key, part=ctx.t(f'section.{name}'))}"))
    findings = [f for f in run_checks(ctx.engagement) if f.severity == "warning"]
    if findings:
        steps.append(Paragraph(f"• {ctx.t('deck.next.warnings', count=len(findings))}"))
    if not steps:
        steps.append(Paragraph(f"• {ctx.t('deck.next.deploy')}"))
    columns = (
        Column(ctx.t("deck.col.part"), 0.34),
        Column(ctx.t("deck.col.status"), 0.22),
        Column(ctx.t("deck.col.by"), 0.28),
        Column(ctx.t("deck.col.date"), 0.16),
    )
    table = paginate_table(columns, rows, Box(0, 0, FRAME.w, 2.5), size=14.0)[0]
    area = Box(0, table.height + 0.5, FRAME.w, FRAME.h - table.height - 0.5)
    texts = [ctx.t("deck.next.title"), *(p.text for p in steps)]
    pages = fit_text(texts, area, 18.0, 12.0)
    slides = []
    for i, (size, page) in enumerate(pages):
        paras = tuple(Paragraph(text, bold=(text == texts[0])) for text in page)
        elements: tuple[Element, ...] = (TextBlock(area, paras, size),)
        if i == 0:
            elements = (table, *elements)
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, ctx.t("deck.validation.title"), i),
                "validation",
                elements,
                notes=notes([f"{f.code} {f.message(ctx.lang)}" for f in findings[:40]]),
                continued=i > 0,
            )
        )
    return slides


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
                ctx.date(i.date),
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
                ctx.date(w.date),
                ", ".join(w.participants),
                "\n".join(f"• {d}" for d in w.decisions),
            )
            for w in items
        ],
    )


Builder = Callable[[Context], list[SlidePlan]]


@dataclass(frozen=True)
class Section:
    key: str
    builders: tuple[Builder, ...]
    divider: bool = True
    """Whether the part opens with a divider slide (in the agenda too)."""


SECTIONS: tuple[Section, ...] = (
    Section("cover", (cover,), divider=False),
    Section("method", (method,), divider=False),
    Section("environment", (customer_vision, company_vision, market_vision)),
    Section("collection", (interviews, themes, chosen_verbatims, benchmark)),
    Section("strategy", (ambition, pillars, kpis)),
    Section("devices", (matrix, roadmap)),
    Section("referential", (promise, standards, postures, rituals, perimeter)),
    Section("validation", (validation,)),
    Section("appendix", (appendix_interviews, appendix_workshops)),
)
"""The parts of the deck in the method's order; each builder adds its slides."""
