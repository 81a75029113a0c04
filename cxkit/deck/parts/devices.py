"""Phase 2, the relational devices: action leads across pillars, and the roadmap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from cxkit.deck import fitting
from cxkit.deck.cards import card_slides
from cxkit.deck.context import Context, continued, notes, says
from cxkit.deck.plan import TABLE_FONT, Card, Column, SlidePlan, chunks
from cxkit.deck.tables import paginate_table, table_slides
from cxkit.labels import capitalize
from cxkit.model import Action
from cxkit.vocab import DEVICE_KINDS

PILLAR_COLUMNS = 5
GRID_CELL_LINES = 10
"""Lines a cell of the matrix or the roadmap grid may hold before it shows counts instead."""


def _device_label(ctx: Context, kind: str, names: Sequence[str | None]) -> str:
    """The method's device, then the client's own name for it, apart (not one run-on phrase)."""
    label = ctx.label("device", kind)
    named = ", ".join(n for n in names if n)
    return f"{label}\n({named})" if named else label


def _titles_fit(ctx: Context, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> bool:
    """A grid of action leads shows their titles when they fit one slide, each cell within its
    line budget; otherwise it shows each cell's flagship lead and counts the rest."""
    too_long = any(
        fitting.line_count(cell, ctx.frame.w * c.width - 0.2, TABLE_FONT) > GRID_CELL_LINES
        for row in rows
        for cell, c in zip(row, columns, strict=True)
    )
    return not too_long and len(paginate_table(columns, rows, ctx.frame, max_cell_lines=99)) == 1


def _by_priority(actions: Sequence[Action]) -> list[Action]:
    return sorted(actions, key=lambda a: _PRIORITIES.index(a.priority))


FLAGSHIP_LINES = 2


def _cell(ctx: Context, actions: Sequence[Action], detailed: bool, width: float = 2.0) -> str:
    """Every lead's title when they fit, else the flagship (highest priority) and a count;
    an empty cell says so: the gap is what the method looks for."""
    if not actions:
        return ctx.t("deck.matrix.none")
    ordered = _by_priority(actions)
    if detailed:
        return "\n".join(f"• {a.title}" for a in ordered)
    more = ctx.plural("deck.matrix.more", len(ordered) - 1) if len(ordered) > 1 else ""
    flagship = fitting.clip(f"• {ordered[0].title}", width, TABLE_FONT, FLAGSHIP_LINES)
    return "\n".join(x for x in (flagship, more) if x)


@says("matrix")
def matrix(ctx: Context) -> list[SlidePlan]:
    """All five devices against the pillars, empty cells included."""
    e = ctx.engagement
    if not any(d.actions for d in e.devices):
        return []
    kinds = [
        (
            k,
            [d.name for d in e.devices if d.kind == k],
            [a for d in e.devices if d.kind == k for a in d.actions],
        )
        for k in DEVICE_KINDS
    ]
    slides: list[SlidePlan] = []
    title = ctx.t("deck.matrix.title")
    for g, group in enumerate(chunks(list(e.strategy.pillars), PILLAR_COLUMNS)):
        columns = (
            Column(ctx.t("deck.col.device"), 0.2),
            *(Column(p.name, 0.8 / max(1, len(group))) for p in group),
        )

        width = ctx.frame.w * 0.8 / max(1, len(group)) - 0.25

        def rows(
            detailed: bool, group: list[Any] = group, width: float = width
        ) -> list[tuple[str, ...]]:
            return [
                (
                    _device_label(ctx, kind, names),
                    *(
                        _cell(ctx, [a for a in acts if p.id in a.pillars], detailed, width)
                        for p in group
                    ),
                )
                for kind, names, acts in kinds
            ]

        detailed = rows(True)
        fits = _titles_fit(ctx, columns, detailed)
        note = "" if fits else ctx.t("deck.notes.matrix_counts")
        unlinked = [a for _, _, acts in kinds for a in acts if not a.pillars]
        if unlinked and g == 0:
            note = notes(note, ctx.plural("deck.notes.unlinked", len(unlinked)))
        if g == 0:
            adopted = ((a.title, a.provenance) for _, _, acts in kinds for a in acts)
            note = notes(note, ctx.provenance(adopted))
        for slide in table_slides(
            ctx,
            "devices",
            title,
            columns,
            detailed if fits else rows(False),
            note=note,
            max_cell_lines=GRID_CELL_LINES,
            keep_empty=True,
        ):
            cont = bool(g or slide.continued)
            slides.append(replace(slide, title=continued(ctx, title, int(cont)), continued=cont))
    return slides


_PRIORITIES = ("high", "medium", "low", None)


def _horizon_key(value: object) -> tuple[int, str]:
    return (0, f"{value:09d}") if isinstance(value, int) else (1 if value else 2, str(value or ""))


MAX_WAVES = 4
"""Columns of the timeline; later horizons share the last one."""
WAVE_LEADS = 5
"""Leads named in a wave, highest priority first; the count says how many more."""


@says("roadmap")
def roadmap(ctx: Context) -> list[SlidePlan]:
    """The roadmap as a timeline: one column per horizon (the earliest first), each naming
    its leads by priority with their owners; the full list goes to the appendix."""
    actions = ctx.engagement.actions()
    if not actions:
        return []
    ctx.appendix.extend(roadmap_detail(ctx))
    horizons = sorted({a.horizon for _, a in actions}, key=_horizon_key)
    waves: list[tuple[str, list[Action]]] = []
    for h in horizons:
        label = str(h) if h is not None else ctx.t("deck.roadmap.unset")
        leads = [a for _, a in actions if a.horizon == h]
        if len(waves) == MAX_WAVES - 1 and len(horizons) > MAX_WAVES:
            label = ctx.t("deck.roadmap.later")
            leads = [a for _, a in actions if _horizon_key(a.horizon) >= _horizon_key(h)]
            waves.append((label, leads))
            break
        waves.append((label, leads))
    cards = []
    for label, leads in waves:
        ordered = _by_priority(leads)
        high = sum(1 for a in leads if a.priority == "high")
        tag = ctx.plural("deck.count.leads", len(leads))
        if high:
            tag = ctx.t("deck.roadmap.wave", leads=tag, high=ctx.plural("deck.count.high", high))
        lines = [f"{'★ ' if a.priority == 'high' else '• '}{a.title}" for a in ordered[:WAVE_LEADS]]
        if len(ordered) > WAVE_LEADS:
            lines.append(ctx.plural("deck.matrix.more", len(ordered) - WAVE_LEADS))
        owners = ", ".join(dict.fromkeys(a.owner for a in ordered[:WAVE_LEADS] if a.owner))
        cards.append(Card(label, "\n".join(lines), owners, tag))
    return card_slides(
        ctx,
        "devices",
        ctx.t("deck.roadmap.timeline"),
        cards,
        per_slide=MAX_WAVES,
        largest=14,
        floor=11,
    )


def roadmap_detail(ctx: Context) -> list[SlidePlan]:
    """Every action lead, by horizon then priority: the appendix's table."""
    actions = ctx.engagement.actions()
    ordered = sorted(
        actions,
        key=lambda da: (_horizon_key(da[1].horizon), _PRIORITIES.index(da[1].priority)),
    )
    return table_slides(
        ctx,
        "appendix",
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
        row_notes=[
            notes(
                f"{a.title}: {a.description}" if a.description else "",
                ctx.provenance([(a.title, a.provenance)]),
            )
            for _, a in ordered
        ],
    )
