"""Phase 1, the collection: who was heard, what they said, the benchmark."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, quoted, says
from cxkit.deck.plan import (
    Box,
    Card,
    Column,
    Paragraph,
    SlidePlan,
    TextBlock,
)
from cxkit.deck.tables import table_slides
from cxkit.labels import capitalize
from cxkit.model import Verbatim

VERBATIMS = 6
THEMES = 10


@says("interviews")
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
    summary = ctx.plural("deck.heard.summary", len(items))
    if dates:
        summary += " " + ctx.t(
            "deck.heard.period", first=ctx.date(dates[0]), last=ctx.date(dates[-1])
        )
    lead = TextBlock(Box(0, 0, ctx.frame.w, 0.5), (Paragraph(summary),), 16.0, muted=True)
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
        box=Box(0, 0.7, ctx.frame.w, ctx.frame.h - 0.7),
        above=(lead,),
        note=ctx.t("deck.notes.appendix_interviews"),
        appendix=ctx.t("deck.appendix.of", title=ctx.t("deck.heard.title")),
    )


def _all_verbatims(ctx: Context) -> list[tuple[Any, Verbatim]]:
    return [(i, v) for i in ctx.engagement.collection.interviews for v in i.verbatims]


HEARD = 4
"""Findings on the "what we heard" slide: the themes most interviews raised."""


def theme_people(ctx: Context) -> list[tuple[str, int]]:
    """Themes by how many interviews raised them, most first (ties in order of appearance)."""
    people: dict[str, set[str]] = {}
    for i in ctx.engagement.collection.interviews:
        for v in i.verbatims:
            for theme in v.themes:
                people.setdefault(theme, set()).add(i.id)
    return sorted(((t, len(ids)) for t, ids in people.items()), key=lambda tc: -tc[1])


@says("heard")
def heard(ctx: Context) -> list[SlidePlan]:
    """The few themes most interviews raised, each with how many and one customer's words;
    every theme goes to the appendix as a table."""
    found = theme_people(ctx)[:HEARD]
    if not found:
        return []
    verbatims = _all_verbatims(ctx)
    cards, sources = [], []
    for theme, count in found:
        related = [(i, v) for i, v in verbatims if theme in v.themes]
        i, v = next(((i, v) for i, v in related if i.audience == "customer"), related[0])
        who = ", ".join(x for x in (i.role, ctx.segment_name(v.segment or i.segment)) if x)
        cards.append(
            Card(capitalize(theme), v.text, who, ctx.plural("deck.count.interviews", count))
        )
        sources.append(ctx.t("deck.notes.verbatim", text=v.text, source=ctx.source(i.id)))
    ctx.appendix.extend(themes(ctx))
    return card_slides(
        ctx, "collection", ctx.t("deck.heard.findings"), cards, note=sources, quote=True
    )


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
        "appendix",
        ctx.t("deck.appendix.of", title=ctx.t("deck.themes.title")),
        (
            Column(ctx.t("deck.col.theme"), 0.18),
            Column(ctx.t("deck.col.mentions"), 0.1, "right"),
            Column(ctx.t("deck.col.visions"), 0.2),
            Column(ctx.t("deck.col.example"), 0.52),
        ),
        rows,
        row_notes=row_notes,
    )


@says("verbatims")
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
        sources.append(ctx.t("deck.notes.verbatim", text=v.text, source=ctx.source(i.id)))
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
