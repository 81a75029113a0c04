"""Compose the plan of a whole deck: cover, agenda, then each part with its divider.

The plan is laid out on the template's page (its body frame, read once from
the package by :func:`cxkit.deck.layouts.check_template`), so what the plan
measured is what the renderer draws, whatever the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from cxkit.deck import fitting
from cxkit.deck.context import Context
from cxkit.deck.layouts import Template, check_template, default_template
from cxkit.deck.parts import DECK_PARTS
from cxkit.deck.plan import (
    TITLE_HEIGHT,
    TITLE_SIZES,
    Box,
    DeckPlan,
    Footer,
    Paragraph,
    SlidePlan,
    TextBlock,
)
from cxkit.i18n import resolve_lang, t
from cxkit.model import Engagement
from cxkit.typography import typeset


def section_title(key: str, lang: str) -> str:
    """A part's title: the method's own section names, plus the deck's appendix."""
    return t(f"deck.section.{key}", lang) if key == "appendix" else t(f"section.{key}", lang)


def plan_deck(
    engagement: Engagement,
    lang: str | None = None,
    *,
    today: dt.date | None = None,
    template: str | Path | Template | None = None,
) -> DeckPlan:
    """The plan of the deck, in ``lang`` or else the engagement's language, laid out
    on ``template``'s page (the default template's when None)."""
    page = check_template(template or default_template()).page
    lang = resolve_lang(lang or engagement.language)
    ctx = Context(engagement, lang, today=today or dt.date.today(), frame=page.frame)
    parts: list[tuple[str, list[SlidePlan], bool]] = []
    for deck_part in DECK_PARTS:
        built = [s for build in deck_part.builders for s in build(ctx)]
        if built:
            parts.append((deck_part.key, built, deck_part.divider))

    numbered = [key for key, _, divider in parts if divider]
    slides: list[SlidePlan] = []
    for key, part, divider in parts:
        if divider:
            number = f"{numbered.index(key) + 1:02d}"
            slides.append(SlidePlan("section", section_title(key, lang), key, subtitle=number))
        slides.extend(part)
        if key == "cover" and len(numbered) > 1:
            slides.append(_agenda(ctx, numbered))

    slides = [_fit_title(typeset(s, lang), ctx.frame.w) for s in slides]  # nbsp: one place
    info = engagement.engagement
    subject = t("deck.subject", lang)
    return DeckPlan(
        lang=lang,
        client=info.client,
        title=f"{info.client} · {subject}",
        author=", ".join(info.consultants),
        subject=subject,
        page=page,
        footer=Footer.on(page, t("deck.footer", lang, client=info.client, subject=subject)),
        slides=tuple(slides),
    )


def _fit_title(slide: SlidePlan, width: float) -> SlidePlan:
    largest, floor = TITLE_SIZES[slide.kind]
    box = Box(0, 0, width, TITLE_HEIGHT) if slide.kind == "content" else Box(0, 0, 10.8, 1.8)
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
    block = TextBlock(Box(0.6, 0.2, ctx.frame.w - 1.2, ctx.frame.h - 0.4), paragraphs, 22.0)
    return SlidePlan("content", ctx.t("deck.agenda.title"), "cover", elements=(block,))
