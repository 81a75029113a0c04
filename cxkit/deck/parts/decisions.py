"""Phase 3: who validated what, the points the committee must settle, the next steps.

Health checks are the consultants' tool: on a slide they become decisions
phrased for a committee (one line per kind of point, naming what it
concerns); their codes and messages stay in the speaker notes.
"""

from __future__ import annotations

from cxkit.checks import Finding, run_checks
from cxkit.deck.context import Context, continued, notes, says
from cxkit.deck.plan import Box, Column, Element, Paragraph, SlidePlan, TextBlock
from cxkit.deck.tables import paginate_table, table_slides
from cxkit.deck.textflow import fit_text
from cxkit.labels import capitalize
from cxkit.vocab import VALIDATED_SECTIONS


@says("decisions")
def validation(ctx: Context) -> list[SlidePlan]:
    v = ctx.engagement.validation
    rows = []
    steps = [Paragraph(f"• {d}") for d in ctx.engagement.restitution.decisions]
    for name in VALIDATED_SECTIONS:
        part = getattr(v, name)
        rows.append(
            (
                capitalize(ctx.t(f"section.{name}")),
                capitalize(ctx.label("status", part.status)),
                part.by or "",
                ctx.date(part.date, "short"),
            )
        )
        if part.status != "validated":
            key = "deck.next.validate" if part.status == "to-validate" else "deck.next.finish"
            steps.append(Paragraph(f"• {ctx.t(key, part=ctx.t(f'section.{name}'))}"))
    findings = open_points(ctx)
    if findings:
        steps.append(Paragraph(f"• {ctx.t('deck.settle.step')}"))
    if not steps and not ctx.engagement.restitution.next_steps:
        steps.append(Paragraph(f"• {ctx.t('deck.next.deploy')}"))
    columns = (
        Column(ctx.t("deck.col.part"), 0.34),
        Column(ctx.t("deck.col.status"), 0.22),
        Column(ctx.t("deck.col.by"), 0.28),
        Column(ctx.t("deck.col.date"), 0.16),
    )
    table = paginate_table(columns, rows, Box(0, 0, ctx.frame.w, 2.5), size=14.0)[0]
    area = Box(0, table.height + 0.5, ctx.frame.w, ctx.frame.h - table.height - 0.5)
    texts = [ctx.t("deck.decisions.asked"), *(p.text for p in steps)] if steps else []
    pages = fit_text(texts, area, 18.0, 12.0) if texts else [(18.0, [])]
    slides = []
    for i, (size, page) in enumerate(pages):
        paras = tuple(Paragraph(text, bold=(text == texts[0])) for text in page)
        elements: tuple[Element, ...] = (TextBlock(area, paras, size),) if paras else ()
        if i == 0:
            elements = (table, *elements)
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, ctx.t("deck.decisions.title"), i),
                "decisions",
                elements,
                continued=i > 0,
            )
        )
    return slides


def open_points(ctx: Context) -> list[Finding]:
    return [f for f in run_checks(ctx.engagement) if f.severity == "warning"]


_ITEM_PARAMS = ("pillar", "kpi", "standard", "action", "segment", "kind", "section")
_ITEM_VOCABULARIES = {"kind": "device"}


def _item(ctx: Context, finding: Finding) -> str:
    """What a finding is about, in the client's words (a pillar's name, a device's label)."""
    for name in _ITEM_PARAMS:
        value = finding.params.get(name)
        if value and name == "section":
            return capitalize(ctx.t(f"section.{value}"))
        if value:
            vocabulary = _ITEM_VOCABULARIES.get(name)
            return ctx.label(vocabulary, str(value)) if vocabulary else str(value)
    return ""


@says("settle")
def points_to_settle(ctx: Context) -> list[SlidePlan]:
    """One row per kind of open point, phrased as a decision, naming what it concerns."""
    findings = open_points(ctx)
    if not findings:
        return []
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    rows = []
    for code, group in by_code.items():
        items = list(dict.fromkeys(x for x in (_item(ctx, f) for f in group) if x))
        rows.append(
            (
                capitalize(ctx.t(f"section.{group[0].section}")),
                ctx.t(f"deck.settle.{code}", **group[0].params),
                "\n".join(f"• {x}" for x in items),
            )
        )
    internal = [f"{f.code} {f.message(ctx.lang)}" for f in findings[:40]]
    return table_slides(
        ctx,
        "decisions",
        ctx.t("deck.settle.title"),
        (
            Column(ctx.t("deck.col.part"), 0.2),
            Column(ctx.t("deck.settle.col.point"), 0.45),
            Column(ctx.t("deck.settle.col.about"), 0.35),
        ),
        rows,
        note=notes(ctx.t("deck.settle.notes"), internal),
    )


@says("next-steps")
def next_steps(ctx: Context) -> list[SlidePlan]:
    """The steps after the meeting, with their owners and dates, as the engagement file
    names them (none: the decisions slide says what comes next)."""
    steps = ctx.engagement.restitution.next_steps
    return table_slides(
        ctx,
        "decisions",
        ctx.t("deck.next_steps.title"),
        (
            Column(ctx.t("deck.col.step"), 0.6),
            Column(ctx.t("deck.col.owner"), 0.25),
            Column(ctx.t("deck.col.due"), 0.15),
        ),
        [(s.action, s.owner or "", ctx.date(s.due, "short")) for s in steps],
    )
