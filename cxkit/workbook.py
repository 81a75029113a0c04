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
from cxkit.i18n import label, resolve_lang, t
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


def _join(values: Sequence[str]) -> str:
    return ", ".join(values)


def sheets(engagement: Engagement, lang: str | None = None) -> list[Sheet]:
    """Every sheet of the workbook, in order."""
    lang = resolve_lang(lang or engagement.language)
    e = engagement

    def h(*keys: str) -> tuple[str, ...]:
        return tuple(t(f"workbook.col.{k}", lang) for k in keys)

    def lab(vocab: str, value: str | None) -> str:
        return label(vocab, value, lang) if value else ""

    def pillar_names(ids: Sequence[str]) -> str:
        return _join([p.name if (p := e.pillar(i)) else i for i in ids])

    segments = {s.id: s.name for s in e.environment.customer.segments}
    result: list[Sheet] = []

    std_rows = []
    for s in e.referential.standards:
        a = s.applies_to
        std_rows.append(
            (
                s.id,
                s.statement,
                pillar_names(s.pillars),
                s.indicator,
                s.threshold,
                s.unit,
                lab("scope", s.scope),
                _join(a.offers) if a else "",
                _join(a.journey_stages) if a else "",
                _join(a.channels) if a else "",
                _join([segments.get(x, x) for x in a.segments]) if a else "",
            )
        )
    result.append(
        Sheet(
            t("workbook.sheet.standards", lang),
            h(
                "id",
                "standard",
                "pillars",
                "indicator",
                "threshold",
                "unit",
                "scope",
                "offers",
                "stages",
                "channels",
                "segments",
            ),
            tuple(std_rows),
            wrap=(1, 3),
        )
    )

    result.append(
        Sheet(
            t("workbook.sheet.kpis", lang),
            h(
                "id",
                "kpi",
                "pillars",
                "definition",
                "unit",
                "baseline",
                "target",
                "frequency",
                "source",
            ),
            tuple(
                (
                    k.id,
                    k.name,
                    pillar_names(k.pillars) or t("deck.kpis.whole", lang),
                    k.definition,
                    k.unit,
                    k.baseline,
                    k.target,
                    k.frequency,
                    k.source,
                )
                for k in e.strategy.kpis
            ),
            wrap=(3,),
        )
    )

    pillars = e.strategy.pillars
    result.append(
        Sheet(
            t("workbook.sheet.actions", lang),
            (
                *h("id", "action", "device", "device_name"),
                *(p.name for p in pillars),
                *h("owner", "horizon", "priority", "description"),
            ),
            tuple(
                (
                    a.id,
                    a.title,
                    lab("device", d.kind),
                    d.name,
                    *("✓" if p.id in a.pillars else "" for p in pillars),
                    a.owner,
                    a.horizon,
                    lab("priority", a.priority),
                    a.description,
                )
                for d, a in e.actions()
            ),
            wrap=(1, 8 + len(pillars) - 1),
        )
    )

    result.append(
        Sheet(
            t("workbook.sheet.rituals", lang),
            h("id", "ritual", "moment", "description", "channels", "pillars"),
            tuple(
                (
                    r.id,
                    r.name,
                    r.moment,
                    r.description,
                    _join(r.channels),
                    pillar_names(r.pillars),
                )
                for r in e.referential.rituals
            ),
            wrap=(3,),
        )
    )
    result.append(
        Sheet(
            t("workbook.sheet.postures", lang),
            h("posture", "description"),
            tuple((p.name, p.description) for p in e.referential.postures),
            wrap=(1,),
        )
    )

    bench = e.collection.benchmark
    result.append(
        Sheet(
            t("workbook.sheet.benchmark", lang),
            (*h("actor", "kind"), *bench.criteria, *h("notes")),
            tuple(
                (
                    s.actor,
                    lab("actor", s.kind),
                    *(s.values.get(c) for c in bench.criteria),
                    s.notes,
                )
                for s in bench.scores
            ),
        )
    )

    result.append(
        Sheet(
            t("workbook.sheet.verbatims", lang),
            h(
                "verbatim",
                "interview",
                "date",
                "audience",
                "team",
                "role",
                "segment",
                "vision",
                "themes",
            ),
            tuple(
                (
                    v.text,
                    i.id,
                    i.date.isoformat() if i.date else None,
                    lab("audience", i.audience),
                    lab("team", i.team),
                    i.role,
                    segments.get(v.segment or i.segment or "", v.segment or i.segment),
                    lab("vision", v.vision),
                    _join(v.themes),
                )
                for i in e.collection.interviews
                for v in i.verbatims
            ),
            wrap=(0,),
        )
    )
    return result


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
) -> Path:
    """Write the workbook of ``engagement`` to ``output`` (atomically) and return its path."""
    data = render_workbook(sheets(engagement, lang))
    atomic_write(output, data)
    if progress is not None:
        progress(1, 1)
    return Path(output)


__all__ = ["Sheet", "build_workbook", "render_workbook", "sheets"]
