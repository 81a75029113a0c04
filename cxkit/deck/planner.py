"""Compose the plan of a whole deck: cover, agenda, then each part with its divider.

The plan is laid out on the template's page (its body frame, read once from
the package by :func:`cxkit.deck.layouts.check_template`), so what the plan
measured is what the renderer draws, whatever the template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from cxkit.deck import fitting
from cxkit.deck.context import Context
from cxkit.deck.layouts import Template, check_template, default_template
from cxkit.deck.messages import message
from cxkit.deck.outline import DECK_PARTS
from cxkit.deck.plan import (
    TITLE_SIZES,
    Box,
    DeckPlan,
    Footer,
    Page,
    Paragraph,
    SlidePlan,
    TextBlock,
)
from cxkit.i18n import resolve_lang, t
from cxkit.model import Engagement
from cxkit.typography import typeset

DIVIDER_MIN = 3
"""A part opens with a divider only from this many slides; a shorter one names itself on
its slides' labels instead (a divider before one slide is a fifth of a short deck)."""


def section_title(key: str, lang: str) -> str:
    """A part's title: the method's own section names, plus the deck's own parts."""
    if key in ("appendix", "decisions"):
        return t(f"deck.section.{key}", lang)
    return t(f"section.{key}", lang)


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
        built = _with_messages(ctx, [s for build in deck_part.builders for s in build(ctx)])
        if built:
            parts.append((deck_part.key, built, deck_part.divider))

    numbered = [key for key, _, divider in parts if divider]
    slides: list[SlidePlan] = []
    for key, part, divider in parts:
        title = section_title(key, lang)
        if divider and (len(part) >= DIVIDER_MIN or key == "appendix"):
            number = f"{numbered.index(key) + 1:02d}"
            slides.append(SlidePlan("section", title, key, subtitle=number))
        elif divider:
            part = [replace(s, marker=title) for s in part]
        slides.extend(part)
        if key == "cover" and len(numbered) > 1:
            slides.append(_agenda(ctx, numbered))

    slides = [fit_title(typeset(s, lang), page.title) for s in slides]  # nbsp: one place
    return deck_of(engagement, t("deck.subject", lang), page, slides, lang)


def draw(
    make: Callable[[Template], DeckPlan],
    output: str | Path,
    template: str | Path | Template | None = None,
    plan: DeckPlan | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Check the template once, plan with ``make`` unless a ``plan`` is given, write atomically.

    Every deck (restitution, team cards, scorecard) is drawn this way; python-pptx is
    imported only here.
    """
    checked = check_template(template or default_template())
    from cxkit.deck.render import build_pptx

    return build_pptx(plan if plan is not None else make(checked), output, checked, progress)


def deck_of(
    engagement: Engagement, subject: str, page: Page, slides: Sequence[SlidePlan], lang: str
) -> DeckPlan:
    """A deck of ``slides`` about ``subject``: its properties and footer, as every deck has them."""
    info = engagement.engagement
    return DeckPlan(
        lang=lang,
        client=info.client,
        title=f"{info.client} · {subject}",
        author=", ".join(info.consultants),
        subject=subject,
        page=page,
        footer=footer_of(page, t("deck.footer", lang, client=info.client, subject=subject)),
        slides=tuple(slides),
    )


def footer_of(page: Page, text: str) -> Footer:
    """The footer line, held on one line: a long client name is cut with an ellipsis."""
    footer = Footer.on(page, text)
    return replace(footer, text=fitting.clip(text, footer.box.w - 0.2, footer.size, 1))


def _with_messages(ctx: Context, slides: list[SlidePlan]) -> list[SlidePlan]:
    """Each keyed slide titled with its message, its topic kept as its label."""
    found: dict[str, str | None] = {}
    result = []
    for slide in slides:
        if slide.key and slide.key not in found:
            found[slide.key] = message(ctx, slide.key)
        said = found.get(slide.key) if slide.key else None
        result.append(replace(slide, label=slide.title, title=said) if said else slide)
    return result


COVER_TITLE_WIDTH = 10.6
"""The cover's and dividers' title width (the default template's, less margins), inches."""


def fit_title(slide: SlidePlan, title: Box) -> SlidePlan:
    """The largest size at which the title fits its placeholder: a content slide's message
    on up to two lines, cut with an ellipsis at the floor (whole in the notes), its size
    always written (the budget assumed it, whatever the template's title style)."""
    largest, floor = TITLE_SIZES[slide.kind]
    if slide.kind != "content":  # the cover's and dividers' titles: two lines at most
        width, height = COVER_TITLE_WIDTH, fitting.lines_height(2, largest)
        size = fitting.best_size([slide.title], width, height, largest, floor)
        if size is not None:
            return slide if size == largest else replace(slide, title_size=size)
        height = fitting.lines_height(2, floor)
    else:
        width, height = title.w - 0.2, title.h - 0.1
        size = fitting.best_size([slide.title], width, height, largest, floor)
    if size is not None:  # always set: a firm's template may style its titles larger
        return replace(slide, title_size=size)
    lines = max(1, int(height / fitting.lines_height(1, floor)))
    clipped = fitting.clip(slide.title, width, floor, lines).replace("\n", " ")
    notes = "\n".join(x for x in (slide.title, slide.notes) if x)
    return replace(slide, title=clipped, title_size=floor, notes=notes)


def _agenda(ctx: Context, keys: list[str]) -> SlidePlan:
    paragraphs = tuple(
        Paragraph(f"{i + 1:02d}   {section_title(k, ctx.lang)}") for i, k in enumerate(keys)
    )
    block = TextBlock(Box(0.6, 0.2, ctx.frame.w - 1.2, ctx.frame.h - 0.4), paragraphs, 22.0)
    return SlidePlan("content", ctx.t("deck.agenda.title"), "cover", elements=(block,))
