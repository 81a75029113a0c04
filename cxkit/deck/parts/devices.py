"""Phase 2, the relational devices: action leads across pillars, and the roadmap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cxkit.deck import fitting
from cxkit.deck.context import Context, continued, keyed, notes, says
from cxkit.deck.plan import TABLE_FONT, Column, SlidePlan, chunks
from cxkit.deck.tables import paginate_table, table_slides
from cxkit.labels import capitalize
from cxkit.model import Action, Device
from cxkit.vocab import DEVICE_KINDS

PILLAR_COLUMNS = 5
GRID_CELL_LINES = 10
"""Lines a cell of the matrix or the roadmap grid may hold before it shows counts instead."""


def _device_label(ctx: Context, device: Device) -> str:
    kind = ctx.label("device", device.kind)
    return f"{kind}\n{device.name}" if device.name else kind


def _titles_fit(ctx: Context, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> bool:
    """A grid of action leads shows their titles when they fit one slide, each cell within its
    line budget; otherwise it shows counts and the detail table lists every lead."""
    return len(paginate_table(columns, rows, ctx.frame, max_cell_lines=99)) == 1 and not any(
        fitting.line_count(cell, ctx.frame.w * c.width - 0.2, TABLE_FONT) > GRID_CELL_LINES
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


@says("matrix")
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
        fits = _titles_fit(ctx, columns, detailed)
        body = detailed if fits else rows(False)
        note = "" if fits else ctx.t("deck.notes.matrix_counts")
        unlinked = [a for d in devices for a in d.actions if not a.pillars]
        if unlinked and g == 0:
            note = notes(note, ctx.t("deck.notes.unlinked", count=len(unlinked)))
        for slide in table_slides(
            ctx,
            "devices",
            title,
            columns,
            body,
            note=note,
            max_cell_lines=GRID_CELL_LINES,
            keep_empty=True,
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
    fits = _titles_fit(ctx, columns, detailed)
    title = ctx.t("deck.roadmap.title")
    slides = table_slides(
        ctx,
        "devices",
        title,
        columns,
        detailed if fits else grid(False),
        max_cell_lines=GRID_CELL_LINES,
        keep_empty=True,
    )
    slides = keyed(slides, "roadmap")
    ordered = sorted(
        actions,
        key=lambda da: (_horizon_key(da[1].horizon), _PRIORITIES.index(da[1].priority)),
    )
    ctx.appendix += table_slides(
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
        row_notes=[f"{a.title}: {a.description}" if a.description else "" for _, a in ordered],
    )
    return slides
