"""Text that must fit: paragraphs in columns, one large statement, continued when too long.

The largest size between a ceiling and a floor at which the text fits its
box; past the floor, the text continues on another slide rather than shrink
out of reading.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxkit.deck import fitting
from cxkit.deck.context import Context, continued
from cxkit.deck.plan import Box, Paragraph, SlidePlan, Statement, TextBlock


def fit_text(
    texts: Sequence[str], box: Box, largest: float, floor: float
) -> list[tuple[float, list[str]]]:
    """The size and paragraphs of each page a text needs: one page when it fits
    at a size between ``largest`` and ``floor``, more at ``floor`` otherwise."""
    width = box.w - 0.2
    size = fitting.best_size(texts, width, box.h - 0.1, largest, floor)
    if size is not None:
        return [(size, list(texts))]
    return [(floor, page) for page in fitting.split_paragraphs(texts, width, box.h - 0.1, floor)]


def text_columns(
    ctx: Context, section: str, title: str, columns: list[list[Paragraph]], box: Box
) -> list[SlidePlan]:
    """Paragraphs in side-by-side columns, fitted; an overlong column continues."""
    columns = [c for c in columns if c]
    pages: list[list[TextBlock]] = []
    width = ctx.frame.w / max(1, len(columns))
    areas = [Box(col * width, box.y, width - 0.25, box.h) for col in range(len(columns))]
    largest = (
        min(  # side by side, the columns share one size
            (fit_text([p.text for p in paragraphs], area, 20.0, 12.0)[0][0])
            for paragraphs, area in zip(columns, areas, strict=True)
        )
        if columns
        else 20.0
    )
    for paragraphs, area in zip(columns, areas, strict=True):
        fitted = fit_text([p.text for p in paragraphs], area, largest, 12.0)
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


def statement_slides(
    ctx: Context, section: str, title: str, text: str, caption: str, box: Box | None = None
) -> list[SlidePlan]:
    """One large sentence (an ambition, a promise) centred in ``box``, continued if too long."""
    box = box or ctx.frame
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
