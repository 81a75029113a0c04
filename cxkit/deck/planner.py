"""Compose the plan of a whole deck: cover, agenda, then each part with its divider."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cxkit.deck import fitting
from cxkit.deck.plan import (
    FRAME,
    TITLE_BOX,
    TITLE_SIZES,
    Box,
    DeckPlan,
    Paragraph,
    SlidePlan,
    TextBlock,
)
from cxkit.deck.sections import SECTIONS, Context
from cxkit.i18n import resolve_lang, t
from cxkit.model import Engagement


def section_title(key: str, lang: str) -> str:
    """A part's title: the method's own section names, plus the deck's appendix."""
    return t(f"deck.section.{key}", lang) if key == "appendix" else t(f"section.{key}", lang)


def plan_deck(
    engagement: Engagement, lang: str | None = None, *, today: dt.date | None = None
) -> DeckPlan:
    """The plan of the deck, in ``lang`` or else the engagement's language."""
    lang = resolve_lang(lang or engagement.language)
    ctx = Context(engagement, lang, today or dt.date.today())
    parts: list[tuple[str, list[SlidePlan], bool]] = []
    for section in SECTIONS:
        built = [s for build in section.builders for s in build(ctx)]
        if built:
            parts.append((section.key, built, section.divider))

    numbered = [key for key, _, divider in parts if divider]
    slides: list[SlidePlan] = []
    for key, part, divider in parts:
        if divider:
            number = f"{numbered.index(key) + 1:02d}"
            slides.append(SlidePlan("section", section_title(key, lang), key, subtitle=number))
        slides.extend(part)
        if key == "cover" and len(numbered) > 1:
            slides.append(_agenda(ctx, numbered))

    slides = [_fit_title(s) for s in slides]
    info = engagement.engagement
    return DeckPlan(
        lang=lang,
        title=f"{info.client} · {t('deck.subject', lang)}",
        author=", ".join(info.consultants),
        subject=t("deck.subject", lang),
        slides=tuple(slides),
    )


def _fit_title(slide: SlidePlan) -> SlidePlan:
    largest, floor = TITLE_SIZES[slide.kind]
    box = TITLE_BOX if slide.kind == "content" else Box(0, 0, 10.8, 1.8)
    lines = 1 if slide.kind == "content" else 2
    size = fitting.best_size(
        [slide.title], box.w, fitting.lines_height(lines, largest), largest, floor
    )
    if size == largest:
        return slide
    return replace(slide, title_size=size or floor)


def _agenda(ctx: Context, keys: list[str]) -> SlidePlan:
    paragraphs = tuple(
        Paragraph(f"{i + 1:02d}   {section_title(k, ctx.lang)}") for i, k in enumerate(keys)
    )
    block = TextBlock(Box(0.6, 0.2, FRAME.w - 1.2, FRAME.h - 0.4), paragraphs, 22.0)
    return SlidePlan("content", ctx.t("deck.agenda.title"), "cover", elements=(block,))
