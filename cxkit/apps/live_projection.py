"""The projected screen as HTML: one thing at a time, in large type, never scrolled.

The screen covers the browser window (``position: fixed``) and sizes its
type in viewport units, so the same page fills a 1280×720 projector and a
1920×1080 one alike. What could grow without bound is capped: the ranking
and the ratings show their first lines, texts are clamped to a few lines
and the newest shown first, the word cloud keeps its top words with sizes
relative to the most frequent (one participant counts at most twice per word:
:func:`cxkit.store.aggregates.frequent_words`). Bars are plain CSS; nothing
is fetched. Everything participants typed is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import segno

from cxkit.apps.live_cloud_qa import cloud_html as cloud_html  # the word cloud's, also used here
from cxkit.apps.live_cloud_qa import cloud_qa_body
from cxkit.apps.live_cloud_qa import word_size as word_size
from cxkit.i18n import t
from cxkit.safety import esc
from cxkit.store.aggregates import Aggregates, RatingSummary, TextItem, VoteTotal
from cxkit.typography import format_number, nbsp, t_plural

MAX_BARS = 8
MAX_TEXTS = 8
TEXT_KINDS = ("comment", "answer", "pillar-proposal")

SCREEN_CSS = """
<style>
*:has(> * .cxkit-screen),*:has(> .cxkit-screen){contain:none!important;transform:none!important;
 filter:none!important;max-width:none!important;overflow:visible!important}
.cxkit-screen{position:fixed;inset:0;z-index:1000;background:#fff;color:#1b1f24;
 font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
 display:flex;flex-direction:column;overflow:hidden;padding:2vh 3vw;box-sizing:border-box;
 line-height:1.25}
.cxkit-screen *{box-sizing:border-box}
.cxkit-screen-head{display:flex;align-items:center;justify-content:space-between;
 gap:2vw;height:10vh;flex:none}
.cxkit-screen-head h1{font-size:5vh;margin:0;line-height:1.1;overflow:hidden;
 white-space:nowrap;text-overflow:ellipsis}
.cxkit-screen-timer{font-size:7vh;font-weight:700;font-variant-numeric:tabular-nums;
 white-space:nowrap}
.cxkit-screen-timer.cxkit-over{color:#b42318}
.cxkit-screen-main{flex:1 1 auto;min-height:0;display:flex;gap:3vw;padding-top:2vh;overflow:hidden}
.cxkit-screen-note{font-size:3.2vh;color:#57606a;margin:0 0 1.5vh}
.cxkit-join{align-items:center;justify-content:center}
.cxkit-join .cxkit-qr{flex:none}
.cxkit-join .cxkit-qr svg{height:62vh!important;width:62vh!important;max-width:none!important;
 display:block}
.cxkit-join-text{max-width:50vw}
.cxkit-join-link{font-size:4vh;font-weight:700;overflow-wrap:anywhere;margin:0 0 3vh}
.cxkit-join-count{font-size:6vh;font-weight:700;margin:0}
.cxkit-warning{font-size:2.6vh;font-weight:700;color:#7a2e0e;background:#fff4e5;
 border:2px solid #b54708;border-radius:6px;padding:1vh;margin:0 0 2vh}
.cxkit-bars{flex:1 1 auto;display:flex;flex-direction:column;gap:1.6vh;min-width:0}
.cxkit-bar-row{display:grid;grid-template-columns:38% 1fr auto;align-items:center;gap:1.5vw}
.cxkit-bar-label{font-size:3.2vh;line-height:1.15;overflow:hidden;display:-webkit-box;
 -webkit-line-clamp:2;-webkit-box-orient:vertical;overflow-wrap:anywhere}
.cxkit-bar{height:4.4vh;background:#eaeef2;border-radius:.6vh;overflow:hidden}
.cxkit-bar span{display:block;height:100%;background:#0969da}
.cxkit-bar-value{font-size:3.2vh;font-weight:700;white-space:nowrap}
.cxkit-texts{flex:3 1 0;display:grid;grid-template-columns:1fr 1fr;grid-auto-rows:min-content;
 gap:1.6vh 1.6vw;align-content:start;min-width:0;overflow:hidden}
.cxkit-text{padding:1.2vh 1vw;background:#f6f8fa;border-left:.6vh solid #0969da;
 border-radius:.4vh;min-width:0}
.cxkit-text p{font-size:2.8vh;line-height:1.3;margin:0;overflow:hidden;display:-webkit-box;
 -webkit-line-clamp:3;-webkit-box-orient:vertical;overflow-wrap:anywhere}
.cxkit-cloud{flex:2 1 0;display:flex;flex-wrap:wrap;align-content:center;justify-content:center;
 gap:.5vh 1.4vw;min-width:0;overflow:hidden}
.cxkit-cloud span{line-height:1.1;color:#0550ae;max-width:100%;overflow-wrap:anywhere}
.cxkit-screen-empty{font-size:4.5vh;color:#57606a;margin:auto}
</style>
"""


def qr_svg(link: str, scale: int = 4, *, fit: bool = False) -> str:
    """A QR code of ``link`` as inline SVG markup (no XML declaration, safe to embed).

    ``fit``: no fixed size, a viewBox only, so CSS sizes it to the screen.
    """
    code = segno.make(link, error="m")
    return str(code.svg_inline(scale=scale, border=2, omitsize=fit))


def format_clock(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def timer_html(seconds_left: float | None) -> str:
    """The clock, always in the same place: ``--:--`` without a timer, red once over."""
    over = seconds_left is not None and seconds_left <= 0
    shown = "--:--" if seconds_left is None else format_clock(seconds_left)
    extra = " cxkit-over" if over else ""
    return f'<div class="cxkit-screen-timer{extra}">{shown}</div>'


def frame(title: str, seconds_left: float | None, body: str, lang: str) -> str:
    """The whole projected screen: a title, the timer, and one body."""
    return (
        f'{SCREEN_CSS}<div class="cxkit-screen" lang="{esc(lang)}">'
        f'<div class="cxkit-screen-head"><h1>{esc(title)}</h1>{timer_html(seconds_left)}</div>'
        f"{body}</div>"
    )


def _main(inner: str, extra: str = "") -> str:
    return f'<div class="cxkit-screen-main {extra}">{inner}</div>'


def empty_body(message: str) -> str:
    return _main(f'<p class="cxkit-screen-empty">{esc(message)}</p>')


def join_body(link: str, joined: int, lang: str, warning: str | None = None) -> str:
    """The QR code, the short link, and how many PEOPLE joined (a device rejoining is one)."""
    shown = link.split("://", 1)[-1]
    alert = f'<p class="cxkit-warning">{esc(warning)}</p>' if warning else ""
    count = t_plural("live.joined", joined, lang)
    text = (
        f'<div class="cxkit-join-text">{alert}'
        f'<p class="cxkit-screen-note">{esc(nbsp(t("live.screen.scan", lang), lang))}</p>'
        f'<p class="cxkit-join-link">{esc(shown)}</p>'
        f'<p class="cxkit-join-count">{esc(count)}</p></div>'
    )
    return _main(f'<div class="cxkit-qr">{qr_svg(link, fit=True)}</div>{text}', "cxkit-join")


def _bar_row(label: str, share: float, value: str) -> str:
    width = max(0.0, min(1.0, share)) * 100
    return (
        f'<div class="cxkit-bar-row"><div class="cxkit-bar-label">{esc(label)}</div>'
        f'<div class="cxkit-bar"><span style="width:{width:.1f}%"></span></div>'
        f'<div class="cxkit-bar-value">{esc(value)}</div></div>'
    )


def _more(count: int, lang: str) -> str:
    if count <= 0:
        return ""
    return f'<p class="cxkit-screen-note">{esc(t_plural("live.more", count, lang))}</p>'


def votes_body(votes: Sequence[VoteTotal], lang: str) -> str:
    """The ranking in dots (not vote entries), one line per candidate, highest first."""
    if not votes:
        return empty_body(nbsp(t("live.screen.no_votes", lang), lang))
    top = max(v.dots for v in votes) or 1
    rows = "".join(
        _bar_row(v.label, v.dots / top, t_plural("count.dots", v.dots, lang))
        for v in votes[:MAX_BARS]
    )
    return _main(f'<div class="cxkit-bars">{rows}{_more(len(votes) - MAX_BARS, lang)}</div>')


def ratings_body(ratings: Mapping[str, RatingSummary], scale: int, lang: str) -> str:
    """Mean score per criterion, by score (the store's order), on the engagement's scale."""
    if not ratings:
        return empty_body(nbsp(t("live.screen.no_ratings", lang), lang))
    items = list(ratings.items())
    rows = "".join(
        _bar_row(
            criterion,
            r.mean / max(scale, 1),
            t("live.screen.score", lang, mean=format_number(r.mean, lang, decimals=1), scale=scale),
        )
        for criterion, r in items[:MAX_BARS]
    )
    return _main(f'<div class="cxkit-bars">{rows}{_more(len(items) - MAX_BARS, lang)}</div>')


def texts_html(items: Sequence[TextItem], lang: str) -> str:
    """The newest texts first, each clamped to three lines."""
    newest = sorted(items, key=lambda i: i.at, reverse=True)
    cards = "".join(
        f'<div class="cxkit-text"><p>{esc(i.text)}</p></div>' for i in newest[:MAX_TEXTS]
    )
    more = len(newest) - MAX_TEXTS
    if more > 0:
        cards += f'<p class="cxkit-screen-note">{esc(t_plural("live.more", more, lang))}</p>'
    return f'<div class="cxkit-texts">{cards}</div>'


def activity_body(kind: str, agg: Aggregates, scale: int, lang: str) -> str:
    """One activity's results, or the line saying they are not shown yet."""
    if kind in agg.hidden or (kind == "upvote" and "question" in agg.hidden):
        return empty_body(nbsp(t("live.screen.results_hidden", lang), lang))
    if kind in ("word", "question", "upvote"):
        return cloud_qa_body(kind, agg, lang)
    if kind == "vote":
        return votes_body(agg.votes, lang)
    if kind == "rating":
        return ratings_body(agg.ratings, scale, lang)
    items = agg.texts.get(kind, [])
    if not items:
        return empty_body(nbsp(t("live.screen.no_texts", lang), lang))
    cloud = cloud_html(agg.words) if kind in ("comment", "answer") else ""
    return _main(texts_html(items, lang) + cloud)
