"""Phase 3: who validated what, and the next steps."""

from __future__ import annotations

from cxkit.checks import run_checks
from cxkit.deck.context import Context, continued, notes
from cxkit.deck.plan import Box, Column, Element, Paragraph, SlidePlan, TextBlock
from cxkit.deck.tables import paginate_table
from cxkit.deck.textflow import fit_text
from cxkit.labels import capitalize
from cxkit.vocab import VALIDATED_SECTIONS


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
        steps.append(Paragraph(f"• {ctx.plural('deck.next.warnings', len(findings))}"))
    if not steps:
        steps.append(Paragraph(f"• {ctx.t('deck.next.deploy')}"))
    columns = (
        Column(ctx.t("deck.col.part"), 0.34),
        Column(ctx.t("deck.col.status"), 0.22),
        Column(ctx.t("deck.col.by"), 0.28),
        Column(ctx.t("deck.col.date"), 0.16),
    )
    table = paginate_table(columns, rows, Box(0, 0, ctx.frame.w, 2.5), size=14.0)[0]
    area = Box(0, table.height + 0.5, ctx.frame.w, ctx.frame.h - table.height - 0.5)
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
