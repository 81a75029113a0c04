"""The referential and the plan as an Excel workbook the client's teams can filter and own.

One sheet per list (standards with their perimeter, KPIs, action leads
across pillars and devices, rituals, postures, benchmark, verbatims), in
the engagement's language: a styled header row, filters on, the header
and first column frozen, widths fitted to the content. Numbers stay
numbers. Sheets that would be empty in a draft are still written with
their headers, so the teams see the frame they will fill.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cxkit.document import atomic_write
from cxkit.i18n import resolve_lang
from cxkit.labels import Labels, join
from cxkit.model import Engagement

Cell = str | int | float | None
ACCENT = "1F5C73"
MAX_WIDTH = 60
MIN_WIDTH = 8


@dataclass(frozen=True)
class Sheet:
    """One sheet as data: its title, headers and rows (testable without openpyxl)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    wrap: tuple[int, ...] = ()
    """Columns (0-based) holding long text, wrapped rather than widened."""


def _headers(lb: Labels, *keys: str) -> tuple[str, ...]:
    return tuple(lb.t(f"workbook.col.{k}") for k in keys)


def _standards(lb: Labels) -> Sheet:
    rows = []
    for s in lb.engagement.referential.standards:
        a = s.applies_to
        rows.append(
            (
                s.id,
                s.statement,
                lb.pillar_names(s.pillars),
                s.indicator,
                s.threshold,
                s.unit,
                lb.label("scope", s.scope),
                join(a.offers) if a else "",
                join(a.journey_stages) if a else "",
                join(a.channels) if a else "",
                join(lb.segment_names(a.segments)) if a else "",
            )
        )
    headers = _headers(
        lb, "id", "standard", "pillars", "indicator", "threshold", "unit", "scope"
    ) + _headers(lb, "offers", "stages", "channels", "segments")
    return Sheet(lb.t("workbook.sheet.standards"), headers, tuple(rows), wrap=(1, 3))


def _kpis(lb: Labels) -> Sheet:
    keys = ("id", "kpi", "pillars", "definition", "unit", "baseline", "target", "frequency")
    return Sheet(
        lb.t("workbook.sheet.kpis"),
        _headers(lb, *keys, "source"),
        tuple(
            (
                k.id,
                k.name,
                lb.pillar_names(k.pillars) or lb.t("deck.kpis.whole"),
                k.definition,
                k.unit,
                k.baseline,
                k.target,
                k.frequency,
                k.source,
            )
            for k in lb.engagement.strategy.kpis
        ),
        wrap=(3,),
    )


def _actions(lb: Labels) -> Sheet:
    """One row per action lead, one column per pillar ticked where the lead serves it."""
    pillars = lb.engagement.strategy.pillars
    return Sheet(
        lb.t("workbook.sheet.actions"),
        (
            *_headers(lb, "id", "action", "device", "device_name"),
            *(p.name for p in pillars),
            *_headers(lb, "owner", "horizon", "priority", "description"),
        ),
        tuple(
            (
                a.id,
                a.title,
                lb.label("device", d.kind),
                d.name,
                *("✓" if p.id in a.pillars else "" for p in pillars),
                a.owner,
                a.horizon,
                lb.label("priority", a.priority),
                a.description,
            )
            for d, a in lb.engagement.actions()
        ),
        wrap=(1, 8 + len(pillars) - 1),
    )


def _rituals(lb: Labels) -> Sheet:
    return Sheet(
        lb.t("workbook.sheet.rituals"),
        _headers(lb, "id", "ritual", "moment", "description", "channels", "pillars"),
        tuple(
            (r.id, r.name, r.moment, r.description, join(r.channels), lb.pillar_names(r.pillars))
            for r in lb.engagement.referential.rituals
        ),
        wrap=(3,),
    )


def _postures(lb: Labels) -> Sheet:
    return Sheet(
        lb.t("workbook.sheet.postures"),
        _headers(lb, "posture", "description"),
        tuple((p.name, p.description) for p in lb.engagement.referential.postures),
        wrap=(1,),
    )


def _benchmark(lb: Labels) -> Sheet:
    bench = lb.engagement.collection.benchmark
    return Sheet(
        lb.t("workbook.sheet.benchmark"),
        (*_headers(lb, "actor", "kind"), *bench.criteria, *_headers(lb, "notes")),
        tuple(
            (
                s.actor,
                lb.label("actor", s.kind),
                *(s.values.get(c) for c in bench.criteria),
                s.notes,
            )
            for s in bench.scores
        ),
    )


def _verbatims(lb: Labels) -> Sheet:
    keys = ("verbatim", "interview", "date", "audience", "team", "role", "segment", "vision")
    return Sheet(
        lb.t("workbook.sheet.verbatims"),
        _headers(lb, *keys, "themes"),
        tuple(
            (
                v.text,
                i.id,
                i.date.isoformat() if i.date else None,
                lb.label("audience", i.audience),
                lb.label("team", i.team),
                i.role,
                lb.segment_name(v.segment or i.segment),
                lb.label("vision", v.vision),
                join(v.themes),
            )
            for i in lb.engagement.collection.interviews
            for v in i.verbatims
        ),
        wrap=(0,),
    )


SHEET_BUILDERS: tuple[Callable[[Labels], Sheet], ...] = (
    _standards,
    _kpis,
    _actions,
    _rituals,
    _postures,
    _benchmark,
    _verbatims,
)
"""The workbook's sheets in order: adding a sheet is one function and one entry here."""


def sheets(engagement: Engagement, lang: str | None = None) -> list[Sheet]:
    """Every sheet of the workbook, in order."""
    lb = Labels(engagement, resolve_lang(lang or engagement.language))
    return [build(lb) for build in SHEET_BUILDERS]


def _width(values: Sequence[Cell], header: str, wrapped: bool) -> float:
    longest = max([len(header), *(len(str(v)) for v in values if v is not None)])
    cap = 50 if wrapped else MAX_WIDTH
    return float(min(cap, max(MIN_WIDTH, longest + 2)))


def _sheet_title(title: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\ ."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31]


def render_workbook(parts: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    fill = PatternFill("solid", fgColor=ACCENT)
    font = Font(bold=True, color="FFFFFF")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for part in parts:
        ws = book.create_sheet(_sheet_title(part.title))
        ws.append(list(part.headers))
        for row in part.rows:
            ws.append([None if v == "" else v for v in row])
        for cell in ws[1]:
            cell.fill, cell.font = fill, font
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        last = get_column_letter(len(part.headers))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(part.rows) + 1)}"
        ws.freeze_panes = "B2"
        ws.row_dimensions[1].height = 30
        for col, header in enumerate(part.headers):
            letter = get_column_letter(col + 1)
            values = [row[col] for row in part.rows]
            ws.column_dimensions[letter].width = _width(values, header, col in part.wrap)
            if part.rows:
                style = wrap if col in part.wrap else top
                for (cell,) in ws.iter_rows(
                    min_row=2, max_row=len(part.rows) + 1, min_col=col + 1, max_col=col + 1
                ):
                    cell.alignment = style
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_workbook(
    engagement: Engagement,
    output: str | Path,
    *,
    lang: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    parts: Sequence[Sheet] | None = None,
) -> Path:
    """Write the workbook of ``engagement`` to ``output`` (atomically) and return its path.

    ``parts``, the sheets a caller already computed (to count them), are written
    as they are rather than computed again.
    """
    data = render_workbook(sheets(engagement, lang) if parts is None else parts)
    atomic_write(output, data)
    if progress is not None:
        progress(1, 1)
    return Path(output)


__all__ = ["SHEET_BUILDERS", "Sheet", "build_workbook", "render_workbook", "sheets"]
