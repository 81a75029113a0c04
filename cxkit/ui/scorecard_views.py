"""The scorecard as HTML for the pilotage notebook: its tables and inline SVG charts.

Strings in, strings out, every typed text escaped, so it is tested without a
widget or a browser. The verdicts are words in their own column; the colour
of a row's mark only repeats them. The charts draw what the deck's charts
draw (a standard's last periods against its threshold, the KPIs' progress
against a straight line), with the same axis (:func:`value_axis`).
"""

from __future__ import annotations

from collections.abc import Sequence

from cxkit.scorecard import KpiStatus, Scorecard, StandardStatus
from cxkit.scorecard_text import (
    ScorecardWords,
    charted_history,
    is_percent,
    since_period,
    value_axis,
)
from cxkit.typography import nbsp
from cxkit.ui.texts import esc

GOOD, BAD, NONE = "#1b5e20", "#b00020", "#6b7480"
MEASURED, THRESHOLD, EXPECTED = "#1f4e79", "#d9822b", "#d9822b"
_TONE = {
    "met": GOOD,
    "reached": GOOD,
    "on-track": GOOD,
    "missed": BAD,
    "off-track": BAD,
    "no-data": NONE,
}


def _verdict(text: str, verdict: str) -> str:
    """The verdict in words, a coloured mark before it repeating what the words say."""
    color = _TONE.get(verdict, NONE)
    return f"<span style='color:{color}'>●</span>&nbsp;{esc(text)}"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """An HTML table; cells are HTML already escaped by the caller."""
    cells = "".join(
        f"<th style='text-align:{'right' if i in right else 'left'}'>{esc(h)}</th>"
        for i, h in enumerate(head)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='text-align:{'right' if i in right else 'left'}'>{c}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    # On a phone a wide table scrolls on its own; the page and its sentences do not.
    table = f"<table class='cxkit-table'><tr>{cells}</tr>{body}</table>"
    return f"<div class='cxkit-table-scroll'>{table}</div>"


def _finding(text: str, lang: str) -> str:
    return f"<h4>{esc(nbsp(text, lang))}</h4>"


def standards_table(card: Scorecard, words: ScorecardWords) -> str:
    rows = [
        (
            esc(s.standard.statement),
            esc(nbsp(words.threshold(s), words.lang)),
            esc(nbsp(words.value(s), words.lang)),
            _verdict(words.verdict(s), s.verdict),
            esc(words.trend(s)),
        )
        for s in card.standards
    ]
    head = [
        words.t("scorecard.col.standard"),
        words.t("scorecard.col.threshold"),
        words.period(card.period),
        words.t("scorecard.col.verdict"),
        words.t("scorecard.col.trend"),
    ]
    return _finding(words.standards_message(card), words.lang) + _table(head, rows, {1, 2})


def kpis_table(card: Scorecard, words: ScorecardWords) -> str:
    rows = [
        (
            esc(k.kpi.name),
            esc(nbsp(words.now_target(k), words.lang)),
            esc(nbsp(words.share(k.progress), words.lang)),
            esc(nbsp(words.share(k.expected), words.lang)),
            _verdict(words.kpi_verdict(k), k.verdict),
        )
        for k in card.kpis
    ]
    head = [
        words.t("scorecard.col.kpi"),
        words.t("scorecard.col.now"),
        words.t("scorecard.col.progress"),
        words.t("scorecard.col.expected"),
        words.t("scorecard.col.verdict"),
    ]
    return _finding(words.kpis_message(card), words.lang) + _table(head, rows, {2, 3})


def pillars_table(card: Scorecard, words: ScorecardWords) -> str:
    rows = []
    for p in card.pillars:
        rows.append(
            (
                esc(p.pillar.name),
                _verdict(words.pillar_verdict(p), p.verdict),
                esc(nbsp(words.pillar_why(p) or "—", words.lang)),
            )
        )
    head = [
        words.t("scorecard.col.pillar"),
        words.t("scorecard.col.verdict"),
        words.t("scorecard.col.why"),
    ]
    return _finding(words.pillars_message(card), words.lang) + _table(head, rows, set())


def scorecard_html(card: Scorecard, words: ScorecardWords) -> str:
    """The whole scorecard: its summary sentence, then standards, KPIs and pillars."""
    summary = f"<h3>{esc(nbsp(words.summary(card), words.lang))}</h3>"
    parts = (standards_table(card, words), kpis_table(card, words), pillars_table(card, words))
    return "<div class='cxkit-scorecard'>" + summary + "".join(parts) + "</div>"


# --- charts ---------------------------------------------------------------------------------

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 340, 170, 44, 24, 10


def _number(words: ScorecardWords, value: float) -> str:
    return esc(words.number(round(value, 2)))


def standard_chart(status: StandardStatus, words: ScorecardWords, since: str) -> str:
    """A standard's last periods as a line, its threshold dashed, the verdict in the caption."""
    history = charted_history(status, since)
    values = [v for _, v in history]
    shown = [v for v in values if v is not None]
    if not shown:
        return ""  # never measured in the window: the table says "no data"
    threshold = status.standard.threshold
    if threshold is not None:
        shown.append(float(threshold))
    low, high, step = value_axis(min(shown), max(shown), is_percent(status.standard.unit))
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    slot = plot_w / len(values)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / ((high - low) or 1))

    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' role='img'"
        " style='font-family:sans-serif;font-size:10px'>"
    ]
    tick = low
    while tick <= high + 1e-9:
        parts.append(
            f"<line x1='{LEFT}' x2='{LEFT + plot_w}' y1='{y(tick):.1f}' y2='{y(tick):.1f}' stroke='#dde'/>"
            f"<text x='{LEFT - 4}' y='{y(tick) + 3:.1f}' text-anchor='end' fill='#6b7480'>{_number(words, tick)}</text>"
        )
        tick += step
    for i, (period, _) in enumerate(history):
        parts.append(
            f"<text x='{LEFT + slot * (i + 0.5):.1f}' y='{HEIGHT - 6}' text-anchor='middle'>"
            f"{esc(words.period(period))}</text>"
        )
    if threshold is not None:
        ty = y(float(threshold))
        parts.append(
            f"<line x1='{LEFT}' x2='{LEFT + plot_w}' y1='{ty:.1f}' y2='{ty:.1f}' stroke='{THRESHOLD}'"
            f" stroke-width='2' stroke-dasharray='6 4'><title>{esc(words.t('scorecard.series.threshold'))}</title></line>"
        )
    points = [(LEFT + slot * (i + 0.5), y(v), v) for i, v in enumerate(values) if v is not None]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{py:.1f}" for x, py, _ in points)
        parts.append(
            f"<polyline points='{path}' fill='none' stroke='{MEASURED}' stroke-width='2.5'/>"
        )
    for x, py, v in points:
        parts.append(
            f"<circle cx='{x:.1f}' cy='{py:.1f}' r='3.5' fill='{MEASURED}'>"
            f"<title>{_number(words, v)}</title></circle>"
        )
    parts.append("</svg>")
    said = " · ".join(
        x
        for x in (
            words.verdict(status),
            words.trend(status) if status.trend else "",
            words.t(
                "scorecard.value_for", value=words.value(status), threshold=words.threshold(status)
            ),
        )
        if x
    )
    caption = (
        f"<div style='font-weight:bold'>{esc(status.standard.statement)}</div>"
        f"<div>{_verdict(nbsp(said, words.lang), status.verdict)}</div>"
    )
    return f"<figure class='cxkit-chart' style='margin:0 16px 16px 0;width:{WIDTH}px'>{caption}{''.join(parts)}</figure>"


def kpi_chart(kpis: Sequence[KpiStatus], words: ScorecardWords) -> str:
    """Each KPI's way covered (a bar) against the way expected by now (a tick), in %."""
    if not kpis:
        return ""
    label_w, bar_w, row = 230, 300, 30
    height = row * len(kpis) + 44
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{label_w + bar_w + 160}' height='{height}'"
        " role='img' style='font-family:sans-serif;font-size:11px'>"
    ]
    for pct in (0, 25, 50, 75, 100):
        x = label_w + bar_w * pct / 100
        parts.append(
            f"<line x1='{x}' x2='{x}' y1='0' y2='{row * len(kpis)}' stroke='#dde'/>"
            f"<text x='{x}' y='{row * len(kpis) + 12}' text-anchor='middle' fill='#6b7480'>{pct}</text>"
        )
    for i, k in enumerate(kpis):
        top = i * row
        name = k.kpi.name if len(k.kpi.name) <= 36 else k.kpi.name[:35] + "…"
        parts.append(f"<text x='{label_w - 6}' y='{top + 18}' text-anchor='end'>{esc(name)}</text>")
        if k.progress is not None:
            width = bar_w * min(1.0, max(0.0, k.progress))
            parts.append(
                f"<rect x='{label_w}' y='{top + 6}' width='{width:.1f}' height='16' fill='{MEASURED}'>"
                f"<title>{esc(words.share(k.progress))}</title></rect>"
            )
        if k.expected is not None:
            x = label_w + bar_w * k.expected
            parts.append(
                f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{top + 2}' y2='{top + 26}' stroke='{EXPECTED}' stroke-width='3'>"
                f"<title>{esc(words.share(k.expected))}</title></line>"
            )
        parts.append(
            f"<text x='{label_w + bar_w + 6}' y='{top + 18}' fill='{_TONE[k.verdict]}'>"
            f"{esc(words.kpi_verdict(k))}</text>"
        )
    legend_y = row * len(kpis) + 34
    parts.append(
        f"<rect x='{label_w}' y='{legend_y - 9}' width='12' height='10' fill='{MEASURED}'/>"
        f"<text x='{label_w + 16}' y='{legend_y}'>{esc(words.t('scorecard.series.progress'))}</text>"
        f"<line x1='{label_w + 250}' x2='{label_w + 250}' y1='{legend_y - 10}' y2='{legend_y + 2}' stroke='{EXPECTED}' stroke-width='3'/>"
        f"<text x='{label_w + 256}' y='{legend_y}'>{esc(words.t('scorecard.series.expected'))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def charts_html(card: Scorecard, words: ScorecardWords) -> str:
    """The standards' charts side by side, then the KPIs' progress."""
    since = since_period(card)
    standards = "".join(standard_chart(s, words, since) for s in card.standards)
    return (
        f"<h4>{esc(nbsp(words.trends_message(card), words.lang))}</h4>"
        f"<div style='display:flex;flex-wrap:wrap'>{standards}</div>"
        f"<h4>{esc(nbsp(words.kpis_message(card), words.lang))}</h4>"
        f"{kpi_chart(card.kpis, words)}"
    )
