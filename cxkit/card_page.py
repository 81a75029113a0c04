"""The employees' page: one team's card as a self-contained HTML page.

An employee opens it from a link (a QR code on a poster, a link in an
e-mail) on a phone or a desk screen, with no account: the page shows the
card of :func:`cxkit.team_cards.team_card` and nothing else: no navigation,
no other team, no ids (pillars, segments and the team itself by their
names). It is one HTML document with its CSS inline and no script, no font,
image or address to fetch, so it works on a closed network and prints as it
shows (A4, one column, nothing cut across a page).

Every text comes from the card, typed by people: spaced for the card's
language (:func:`cxkit.typography.nbsp`) and then escaped, in that order.
Numbers go through :func:`cxkit.typography.format_number`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cxkit.i18n import t
from cxkit.model import Kpi, Posture, Promise, Ritual
from cxkit.safety import esc
from cxkit.team_cards import CardStandard, TeamCard
from cxkit.typography import format_number, nbsp


def render_card_page(card: TeamCard) -> str:
    """The whole page of ``card``, in the card's language."""
    lang = card.lang
    sections = [
        _standards(card),
        _section("postures", lang, [_posture(p, lang) for p in card.postures]),
        _section("rituals", lang, [_ritual(r, lang) for r in card.rituals]),
        _section("kpis", lang, [_kpi(k, lang) for k in card.kpis]),
    ]
    title = _text(t("cardpage.page.title", lang, team=card.title, client=card.client), lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        '<main class="card">\n'
        f"{_head(card)}"
        f'<div class="sections">\n{"".join(s for s in sections if s)}</div>\n'
        "</main>\n</body>\n</html>\n"
    )


def _text(value: str | None, lang: str) -> str:
    """A text as the page shows it: the language's spacing, then escaped."""
    return esc(nbsp(value or "", lang))


def _head(card: TeamCard) -> str:
    lang = card.lang
    eyebrow = f"{_text(card.client, lang)} · {_text(t('cardpage.eyebrow', lang), lang)}"
    return (
        '<header class="head">\n'
        f'<p class="eyebrow">{eyebrow}</p>\n'
        f"<h1>{_text(card.title, lang)}</h1>\n"
        f"{_promise(card.promise, lang)}"
        "</header>\n"
    )


def _promise(promise: Promise | None, lang: str) -> str:
    if promise is None or not (promise.statement or promise.components):
        return ""
    parts = [f'<p class="label">{_text(t("cardpage.promise", lang), lang)}</p>']
    if promise.statement:
        quoted = t("cardpage.promise.quote", lang, statement=promise.statement.strip())
        parts.append(f'<p class="statement">{_text(quoted, lang)}</p>')
    if promise.components:
        chips = "".join(f"<li>{_text(c, lang)}</li>" for c in promise.components)
        parts.append(f'<ul class="chips">{chips}</ul>')
    return '<section class="promise">' + "".join(parts) + "</section>\n"


def _section(name: str, lang: str, items: Sequence[str], *, empty: str | None = None) -> str:
    """A titled section of items; nothing at all for an empty one unless ``empty`` says why."""
    if not items and empty is None:
        return ""
    heading = _text(t(f"cardpage.{name}.title", lang), lang)
    body = f'<ul class="items">{"".join(items)}</ul>' if items else f'<p class="none">{empty}</p>'
    return (
        f'<section class="{name}" aria-labelledby="h-{name}">'
        f'<h2 id="h-{name}">{heading}</h2>{body}</section>\n'
    )


def _standards(card: TeamCard) -> str:
    lang = card.lang
    groups = []
    for group, standards in (("common", card.common), ("specific", card.specific)):
        if standards:
            heading = _text(t(f"cardpage.standards.{group}", lang), lang)
            items = "".join(_standard(s, card) for s in standards)
            groups.append(f'<h3>{heading}</h3><ul class="items">{items}</ul>')
    if not groups:
        return _section(
            "standards", lang, [], empty=_text(t("cardpage.standards.none", lang), lang)
        )
    heading = _text(t("cardpage.standards.title", lang), lang)
    return (
        '<section class="standards" aria-labelledby="h-standards">'
        f'<h2 id="h-standards">{heading}</h2>{"".join(groups)}</section>\n'
    )


def _standard(item: CardStandard, card: TeamCard) -> str:
    lang, standard = card.lang, item.standard
    facts = []
    if standard.threshold is not None:
        threshold = format_number(standard.threshold, lang, unit=standard.unit)
        facts.append(("threshold", threshold))
    if standard.indicator:
        facts.append(("indicator", standard.indicator))
    if item.where:
        facts.append(("where", item.where))
    pillars = [card.pillar_names[p] for p in standard.pillars if p in card.pillar_names]
    return (
        '<li class="item">'
        f'<p class="what">{_text(standard.statement, lang)}</p>'
        f"{_facts(facts, lang)}{_chips(pillars, lang)}</li>"
    )


def _facts(facts: Iterable[tuple[str, str]], lang: str) -> str:
    rows = "".join(
        f'<div class="{name}"><dt>{_text(t(f"cardpage.fact.{name}", lang), lang)}</dt>'
        f"<dd>{_text(value, lang)}</dd></div>"
        for name, value in facts
    )
    return f'<dl class="facts">{rows}</dl>' if rows else ""


def _chips(names: Sequence[str], lang: str) -> str:
    if not names:
        return ""
    label = _text(t("cardpage.pillars", lang), lang)
    chips = "".join(f"<li>{_text(n, lang)}</li>" for n in names)
    return f'<ul class="pillars" aria-label="{label}">{chips}</ul>'


def _posture(posture: Posture, lang: str) -> str:
    description = f"<p>{_text(posture.description, lang)}</p>" if posture.description else ""
    return f'<li class="item"><p class="what">{_text(posture.name, lang)}</p>{description}</li>'


def _ritual(ritual: Ritual, lang: str) -> str:
    description = f"<p>{_text(ritual.description, lang)}</p>" if ritual.description else ""
    facts = _facts([("moment", ritual.moment)] if ritual.moment else [], lang)
    return (
        f'<li class="item"><p class="what">{_text(ritual.name, lang)}</p>{description}{facts}</li>'
    )


def _kpi(kpi: Kpi, lang: str) -> str:
    target = format_number(kpi.target, lang, unit=kpi.unit)
    baseline = format_number(kpi.baseline, lang, unit=kpi.unit)
    if target and baseline:
        goal = t("cardpage.kpi.from_to", lang, baseline=baseline, target=target)
    elif target:
        goal = t("cardpage.kpi.target", lang, target=target)
    else:
        goal = ""
    line = f'<p class="goal">{_text(goal, lang)}</p>' if goal else ""
    definition = f"<p>{_text(kpi.definition, lang)}</p>" if kpi.definition else ""
    return f'<li class="item"><p class="what">{_text(kpi.name, lang)}</p>{line}{definition}</li>'


# One column on a phone, two or three on a desk screen; black on white, nothing cut, on paper.
STYLE = """
:root { --ink: #1e2530; --muted: #57606a; --accent: #0b4f9c; --deep: #0a2f5c;
  --paper: #ffffff; --panel: #f3f6fa; --line: #d5dce5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #e6ebf1; color: var(--ink); font-size: 17px; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.card { max-width: 1180px; margin: 0 auto; background: var(--paper); min-height: 100vh; }
.head { background: var(--deep); color: #fff; padding: 28px 20px 26px; }
.eyebrow { margin: 0 0 6px; font-size: 14px; letter-spacing: 0.06em; text-transform: uppercase;
  color: #c9d8ea; }
h1 { margin: 0; font-size: clamp(30px, 6vw, 46px); line-height: 1.15; font-weight: 750; }
.promise { margin-top: 22px; padding-top: 18px; border-top: 1px solid rgba(255,255,255,0.25); }
.promise .label { margin: 0 0 4px; font-size: 14px; letter-spacing: 0.06em;
  text-transform: uppercase; color: #c9d8ea; }
.statement { margin: 0; font-size: clamp(22px, 4.2vw, 30px); line-height: 1.3; font-weight: 600; }
.chips { list-style: none; margin: 14px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.chips li { padding: 4px 12px; border-radius: 999px; background: rgba(255,255,255,0.14);
  border: 1px solid rgba(255,255,255,0.35); font-size: 15px; }
.sections { padding: 8px 16px 32px; }
section { margin-top: 26px; }
h2 { margin: 0 0 12px; font-size: 24px; line-height: 1.25; color: var(--deep);
  padding-left: 12px; border-left: 5px solid var(--accent); }
h3 { margin: 18px 0 10px; font-size: 15px; letter-spacing: 0.05em; text-transform: uppercase;
  color: var(--muted); font-weight: 650; }
.items { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr)); }
.item { background: var(--panel); border: 1px solid var(--line); border-radius: 12px;
  padding: 14px 16px; break-inside: avoid; page-break-inside: avoid; }
.item p { margin: 6px 0 0; color: var(--ink); }
.item .what { margin: 0; font-size: 19px; line-height: 1.35; font-weight: 650; }
.facts { margin: 10px 0 0; display: grid; gap: 4px; }
.facts div { display: flex; flex-wrap: wrap; gap: 0 6px; }
.facts dt { color: var(--muted); font-weight: 600; }
.facts dd { margin: 0; }
.facts .threshold dd { font-weight: 750; color: var(--accent); }
.item .goal { font-weight: 700; color: var(--accent); }
.pillars { list-style: none; margin: 10px 0 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 6px; }
.pillars li { font-size: 13px; padding: 2px 10px; border-radius: 999px; background: #fff;
  border: 1px solid var(--line); color: var(--muted); }
.none { color: var(--muted); }
@media (min-width: 720px) {
  body { padding: 32px 24px; }
  .card { min-height: 0; border-radius: 18px; overflow: hidden;
    box-shadow: 0 10px 30px rgba(10, 47, 92, 0.12); }
  .head { padding: 40px 48px 36px; }
  .sections { padding: 12px 48px 44px; }
  .standards .items { grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { background: #fff; padding: 0; font-size: 9.5pt; line-height: 1.35; }
  .card { max-width: none; box-shadow: none; border-radius: 0; }
  .head { background: #fff; color: #000; padding: 0 0 8pt; border-bottom: 1.5pt solid #000; }
  h1 { font-size: 20pt; }
  .eyebrow { color: #333; font-size: 8pt; }
  .promise .label { display: none; }
  .promise { border-top: 0; margin-top: 4pt; padding-top: 0; display: flex; flex-wrap: wrap;
    align-items: baseline; gap: 4pt 12pt; }
  .statement { font-size: 13pt; }
  .promise .chips { margin: 0; }
  .chips li, .pillars li { background: #fff; border-color: #777; color: #000; font-size: 8pt;
    padding: 1pt 7pt; }
  .sections { padding: 0; }
  section { margin-top: 10pt; }
  h2 { font-size: 13pt; margin-bottom: 6pt; color: #000; border-left-color: #000;
    break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 8.5pt; margin: 8pt 0 5pt; break-after: avoid; page-break-after: avoid; }
  .items, .standards .items { grid-template-columns: 1fr 1fr 1fr; gap: 6pt; }
  .standards .items { grid-template-columns: 1fr 1fr; }
  .kpis .items { grid-template-columns: repeat(4, 1fr); }
  .item { background: #fff; border-color: #999; border-radius: 6pt; padding: 6pt 8pt; }
  .item .what { font-size: 10.5pt; }
  .facts { margin-top: 4pt; gap: 1pt; }
  .pillars { margin-top: 4pt; }
  .facts .threshold dd, .item .goal { color: #000; }
}
"""
