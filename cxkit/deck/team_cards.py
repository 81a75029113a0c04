"""The team cards deck: one printable page per team, what applies to it in large type.

Each :class:`~cxkit.team_cards.TeamCard` becomes a content slide titled with
the team: the promise on top (on the title's row when it holds there), then
"Nos standards" (with their measure and threshold, and where a specific one
applies), "Nos postures", "Nos rituels", flowing down two columns, and "Ce que
nous suivons" (the KPIs) in a strip at the foot. The text takes the largest
size at which the whole card holds on one page; a referential too long for that
continues on slides titled "(suite)" rather than shrink out of reading from
across a room (:mod:`cxkit.deck.cardflow`). A text too long is cut with an
ellipsis, whole in the speaker notes.

The plan is made of the restitution deck's own elements (:class:`TextBlock`)
and drawn by its renderer: there is no second renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from cxkit.deck import fitting
from cxkit.deck.cardflow import COLUMN_GAP, INSETS, Item, Section, block_height, lay_out
from cxkit.deck.context import Context, continued, notes, quoted
from cxkit.deck.layouts import Template, check_template, default_template
from cxkit.deck.plan import TITLE_SIZES, Box, DeckPlan, Paragraph, SlidePlan, TextBlock
from cxkit.deck.planner import deck_of, draw, fit_title
from cxkit.i18n import resolve_lang
from cxkit.model import Engagement
from cxkit.team_cards import TeamCard, TeamScope, perimeter_teams, team_card
from cxkit.typography import typeset

TITLE_SIZE = TITLE_SIZES["content"][0]
PROMISE_SIZES = (24.0, 16.0)
"""The promise's sizes in its band; on the title's row, :data:`BESIDE_SIZES`."""
BESIDE_SIZES = (20.0, 16.0)
PROMISE_LINES = 2
PROMISE_GAP = 0.2


# --- the card's words ------------------------------------------------------------------


def _standards(ctx: Context, card: TeamCard) -> list[Item]:
    items = []
    for entry in card.standards:
        std = entry.standard
        measure = [std.indicator or ""]
        if std.threshold is not None:
            measure.append(ctx.t("cards.threshold", value=ctx.number(std.threshold, std.unit)))
        where = ctx.t("cards.where", where=entry.where) if entry.where else ""
        items.append(Item(std.statement, where, " · ".join(x for x in measure if x)))
    return items


def _kpis(ctx: Context, card: TeamCard) -> list[Item]:
    """Each KPI: its name, then where it stands and where it goes."""
    items = []
    for k in card.kpis:
        baseline, target = ctx.number(k.baseline, k.unit), ctx.number(k.target, k.unit)
        if baseline and target:
            figures = ctx.t("cards.kpi.from_to", baseline=baseline, target=target)
        elif target or baseline:
            key = "cards.kpi.target" if target else "cards.kpi.baseline"
            figures = ctx.t(key, value=target or baseline)
        else:
            figures = ""
        items.append(Item(k.name, "", figures))
    return items


def sections(ctx: Context, card: TeamCard) -> list[Section]:
    """The card's sections in reading order, the empty ones left out, spaced for the language."""
    dash = ctx.t("cards.dash")
    postures = [Item(p.name, p.description or "", inline=True, joiner=dash) for p in card.postures]
    rituals = [
        Item(
            r.name,
            r.description or "",
            " · ".join(x for x in (r.moment, *r.channels) if x),
            inline=True,
            joiner=dash,
        )
        for r in card.rituals
    ]
    found = [
        Section(ctx.t(f"cards.section.{key}"), tuple(items), strip=key == "kpis")
        for key, items in (
            ("standards", _standards(ctx, card)),
            ("postures", postures),
            ("rituals", rituals),
            ("kpis", _kpis(ctx, card)),
        )
        if items
    ]
    return [typeset(s, ctx.lang) for s in found]


def _promise(ctx: Context, card: TeamCard, title: Box) -> tuple[TextBlock | None, float]:
    """The promise after its name, and where the columns start under it: on the title's row,
    right-aligned, when it holds there on one line beside the team's name; else in a band
    across the top, as large as two lines allow."""
    if card.promise is None or not card.promise.statement:
        return None, 0.0
    lead = ctx.t("cards.promise") + ctx.t("cards.dash")
    text = typeset(quoted(ctx, card.promise.statement), ctx.lang)
    beside = fitting.inches(card.title, TITLE_SIZE) + INSETS[0] + COLUMN_GAP
    width = title.w - beside - INSETS[0]
    size = fitting.best_size(
        [lead + text], width, fitting.lines_height(1, BESIDE_SIZES[0]), *BESIDE_SIZES
    )
    if size is not None:
        para = Paragraph(text, lead=lead, size=size)
        h = block_height([para], width)
        box = Box(title.x + beside, title.y + title.h - h, title.w - beside, h)
        return TextBlock(box, (para,), size, align="right"), 0.0
    width = ctx.frame.w - INSETS[0]
    largest, floor = PROMISE_SIZES
    height = fitting.lines_height(PROMISE_LINES, largest)
    size = fitting.best_size([lead + text], width, height, largest, floor)
    if size is None:
        size = floor
        closing = typeset(quoted(ctx, "-"), ctx.lang).split("-", 1)[1]  # " »" or "”"
        text = fitting.clip(lead + text, width, size, PROMISE_LINES, closing)[len(lead) :]
    para = Paragraph(text, lead=lead, size=size)
    h = block_height([para], ctx.frame.w)
    return TextBlock(Box(0.0, 0.0, ctx.frame.w, h), (para,), size), h + PROMISE_GAP


def card_slides(ctx: Context, card: TeamCard, title: Box) -> list[SlidePlan]:
    """One card's page, and its "(suite)" pages when it holds on one only below the floor.

    ``title`` is the slide title's box, from the body frame's corner (above it).
    """
    promise, top = _promise(ctx, card, title)
    parts = sections(ctx, card) or [Section("", (Item(ctx.t("cards.empty")),))]
    laid = lay_out(ctx, parts, top)
    cut = list(laid.cut)
    if promise and card.promise and fitting.ELLIPSIS in promise.paragraphs[0].text[-3:]:
        cut.insert(0, card.promise.statement or "")
    slides = []
    for i, blocks in enumerate(laid.pages):
        first = ((promise,) if promise else ()) + tuple(laid.strip) if i == 0 else ()
        elements = first + tuple(blocks)
        slides.append(
            SlidePlan(
                "content",
                continued(ctx, card.title, i),
                "cards",
                elements=elements,
                notes=notes(cut) if i == 0 else "",
                continued=i > 0,
                label=ctx.t("cards.kicker"),
            )
        )
    return slides


def plan_team_cards(
    engagement: Engagement,
    scopes: Sequence[TeamScope] | None = None,
    lang: str | None = None,
    *,
    template: str | Path | Template | None = None,
) -> DeckPlan:
    """The cards of ``scopes`` (one per channel of the perimeter when None), in ``lang`` or
    else the engagement's language, laid out on ``template``'s page."""
    page = check_template(template or default_template()).page
    lang = resolve_lang(lang or engagement.language)
    ctx = Context(engagement, lang, today=dt.date.today(), frame=page.frame)
    teams = perimeter_teams(engagement) if scopes is None else list(scopes)
    body = page.body
    title = Box(page.title.x - body.x, page.title.y - body.y, page.title.w, page.title.h)
    slides = [
        fit_title(typeset(slide, lang), page.title)
        for scope in teams
        for slide in card_slides(ctx, team_card(engagement, scope, lang), title)
    ]
    return deck_of(engagement, ctx.t("cards.deck.subject"), page, slides, lang)


def build_team_cards(
    engagement: Engagement,
    output: str | Path,
    scopes: Sequence[TeamScope] | None = None,
    *,
    lang: str | None = None,
    template: str | Path | Template | None = None,
    plan: DeckPlan | None = None,
) -> Path:
    """Write the cards deck to ``output`` atomically (a ``plan`` already made is drawn as is)."""
    return draw(
        lambda checked: plan_team_cards(engagement, scopes, lang, template=checked),
        output,
        template,
        plan,
    )
