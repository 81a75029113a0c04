"""The referential and the plan as an Excel workbook the client's teams can filter and own.

One sheet per list (the promise, the perimeter, standards, KPIs, action
leads across pillars and devices, rituals, postures, segments, benchmark,
verbatims; the workshops' results when participants contributed), in the
engagement's language: vocabulary values by their labels, never their
codes, with a drop-down of the labels where a column's
values are a closed list; dates as dates, numbers as numbers. Sheets that
would be empty in a draft are still written with their headers, so the
teams see the frame they will fill. How Excel is written (tables,
validations, properties, formula neutralising) is :mod:`cxkit.xlsx`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import get_args

from cxkit import vocab
from cxkit.document import atomic_write
from cxkit.i18n import resolve_lang
from cxkit.labels import Labels, capitalize, join
from cxkit.model import Engagement
from cxkit.results_sheet import results_sheet
from cxkit.xlsx import PERCENT_FORMAT, Properties, Sheet, render_workbook

VOCABULARIES: dict[str, object] = {
    "scope": vocab.StandardScope,
    "priority": vocab.Priority,
    "device": vocab.DeviceKind,
    "actor": vocab.ActorKind,
    "audience": vocab.Audience,
    "team": vocab.Team,
    "vision": vocab.Vision,
    "value": vocab.SegmentValue,
    "priority_segment": vocab.SegmentPriority,
    "orientation": vocab.Orientation,
}
"""The closed vocabularies the workbook shows, by their catalog name."""

CHECK = "✓"


def _label(lb: Labels, vocabulary: str, value: str | None) -> str:
    """A vocabulary value as a cell shows it: its label, capitalised like a table entry."""
    return capitalize(lb.label(vocabulary, value))


def _choices(lb: Labels, vocabulary: str) -> tuple[str, ...]:
    """Every label of a closed vocabulary, in the format's order: a column's drop-down."""
    return tuple(_label(lb, vocabulary, v) for v in get_args(VOCABULARIES[vocabulary]))


def _headers(lb: Labels, *keys: str) -> tuple[str, ...]:
    return tuple(lb.t(f"workbook.col.{k}") for k in keys)


def _promise(lb: Labels) -> Sheet:
    """The promise, its components and the referential's orientation, one per row."""
    ref = lb.engagement.referential
    kinds = tuple(lb.t(f"workbook.promise.{k}") for k in ("statement", "component", "orientation"))
    rows: list[tuple[str, str]] = []
    if ref.promise and ref.promise.statement:
        rows.append((kinds[0], ref.promise.statement))
    rows += [(kinds[1], c) for c in (ref.promise.components if ref.promise else [])]
    if ref.orientation:
        rows.append((kinds[2], _label(lb, "orientation", ref.orientation)))
    return Sheet(
        "promise",
        lb.t("workbook.sheet.promise"),
        _headers(lb, "element", "text"),
        tuple(rows),
        wrap=(1,),
        choices={0: kinds},
    )


def _perimeter(lb: Labels) -> Sheet:
    """What the referential covers: one row per offer, journey stage, channel and segment."""
    perimeter = lb.engagement.referential.perimeter
    lists = ("offers", "journey_stages", "channels", "segments")
    names = {key: capitalize(lb.label("perimeter", key)) for key in lists}
    rows = [
        (names[key], lb.segment_name(item) if key == "segments" else item)
        for key in lists
        for item in getattr(perimeter, key)
    ]
    return Sheet(
        "perimeter",
        lb.t("workbook.sheet.perimeter"),
        _headers(lb, "list", "element"),
        tuple(rows),
        choices={0: tuple(names.values())},
    )


def _segments(lb: Labels) -> Sheet:
    keys = ("id", "segment", "description", "share", "value", "segment_priority")
    return Sheet(
        "segments",
        lb.t("workbook.sheet.segments"),
        _headers(lb, *keys, "expectations", "needs"),
        tuple(
            (
                s.id,
                s.name,
                s.description,
                s.share,
                _label(lb, "value", s.value),
                _label(lb, "priority_segment", s.priority),
                "\n".join(s.expectations),
                "\n".join(s.needs),
            )
            for s in lb.engagement.environment.customer.segments
        ),
        wrap=(2, 6, 7),
        choices={4: _choices(lb, "value"), 5: _choices(lb, "priority_segment")},
        formats={3: PERCENT_FORMAT},
    )


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
                _label(lb, "scope", s.scope),
                join(a.offers) if a else "",
                join(a.journey_stages) if a else "",
                join(a.channels) if a else "",
                join(lb.segment_names(a.segments)) if a else "",
            )
        )
    headers = _headers(
        lb, "id", "standard", "pillars", "indicator", "threshold", "unit", "scope"
    ) + _headers(lb, "offers", "stages", "channels", "segments")
    return Sheet(
        "standards",
        lb.t("workbook.sheet.standards"),
        headers,
        tuple(rows),
        wrap=(1, 3),
        choices={6: _choices(lb, "scope")},
    )


def _kpis(lb: Labels) -> Sheet:
    keys = ("id", "kpi", "pillars", "definition", "unit", "baseline", "target", "frequency")
    return Sheet(
        "kpis",
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
    first = 4  # the pillars' columns follow id, action, device, device name
    return Sheet(
        "actions",
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
                _label(lb, "device", d.kind),
                d.name,
                *(CHECK if p.id in a.pillars else "" for p in pillars),
                a.owner,
                a.horizon,
                _label(lb, "priority", a.priority),
                a.description,
            )
            for d, a in lb.engagement.actions()
        ),
        wrap=(1, first + len(pillars) + 3),
        choices={
            2: _choices(lb, "device"),
            **{first + i: (CHECK,) for i in range(len(pillars))},
            first + len(pillars) + 2: _choices(lb, "priority"),
        },
    )


def _rituals(lb: Labels) -> Sheet:
    stages = tuple(lb.engagement.referential.perimeter.journey_stages)
    return Sheet(
        "rituals",
        lb.t("workbook.sheet.rituals"),
        _headers(lb, "id", "ritual", "moment", "description", "channels", "pillars"),
        tuple(
            (r.id, r.name, r.moment, r.description, join(r.channels), lb.pillar_names(r.pillars))
            for r in lb.engagement.referential.rituals
        ),
        wrap=(3,),
        choices={2: stages},
    )


def _postures(lb: Labels) -> Sheet:
    return Sheet(
        "postures",
        lb.t("workbook.sheet.postures"),
        _headers(lb, "posture", "description"),
        tuple((p.name, p.description) for p in lb.engagement.referential.postures),
        wrap=(1,),
    )


def _benchmark(lb: Labels) -> Sheet:
    bench = lb.engagement.collection.benchmark
    return Sheet(
        "benchmark",
        lb.t("workbook.sheet.benchmark"),
        (*_headers(lb, "actor", "kind"), *bench.criteria, *_headers(lb, "notes")),
        tuple(
            (
                s.actor,
                _label(lb, "actor", s.kind),
                *(s.values.get(c) for c in bench.criteria),
                s.notes,
            )
            for s in bench.scores
        ),
        choices={1: _choices(lb, "actor")},
        whole={2 + i: (1, bench.scale) for i in range(len(bench.criteria))},
    )


def _verbatims(lb: Labels) -> Sheet:
    keys = ("verbatim", "interview", "date", "audience", "team", "role", "segment", "vision")
    segments = tuple(s.name for s in lb.engagement.environment.customer.segments)
    return Sheet(
        "verbatims",
        lb.t("workbook.sheet.verbatims"),
        _headers(lb, *keys, "themes"),
        tuple(
            (
                v.text,
                i.id,
                i.date,
                _label(lb, "audience", i.audience),
                _label(lb, "team", i.team),
                i.role,
                lb.segment_name(v.segment or i.segment),
                _label(lb, "vision", v.vision),
                join(v.themes),
            )
            for i in lb.engagement.collection.interviews
            for v in i.verbatims
        ),
        wrap=(0,),
        choices={
            3: _choices(lb, "audience"),
            4: _choices(lb, "team"),
            6: segments,
            7: _choices(lb, "vision"),
        },
    )


SHEET_BUILDERS: tuple[Callable[[Labels], Sheet], ...] = (
    _promise,
    _perimeter,
    _standards,
    _kpis,
    _actions,
    _rituals,
    _postures,
    _segments,
    _benchmark,
    _verbatims,
)
"""The workbook's sheets in order: adding a sheet is one function and one entry here."""


def sheets(engagement: Engagement, lang: str | None = None) -> list[Sheet]:
    """Every sheet of the workbook, in order; the workshops' results last, when there are."""
    lb = Labels(engagement, resolve_lang(lang or engagement.language))
    results = results_sheet(lb)
    return [*(build(lb) for build in SHEET_BUILDERS), *([results] if results else [])]


def properties(engagement: Engagement, lang: str | None = None) -> Properties:
    """Title, subject and author: the client, the deliverable, the consultants (else cxkit)."""
    lang = resolve_lang(lang or engagement.language)
    lb = Labels(engagement, lang)
    info = engagement.engagement
    subject = lb.t("workbook.subject")
    return Properties(
        title=f"{info.client} · {subject}",
        subject=subject,
        author=join(info.consultants) or "cxkit",
        lang=lang,
        lists_title=lb.t("workbook.sheet.lists"),
        choose=lb.t("workbook.choose"),
    )


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
    data = render_workbook(
        sheets(engagement, lang) if parts is None else parts, properties(engagement, lang)
    )
    atomic_write(output, data)
    if progress is not None:
        progress(1, 1)
    return Path(output)


__all__ = ["SHEET_BUILDERS", "Sheet", "build_workbook", "properties", "sheets"]
