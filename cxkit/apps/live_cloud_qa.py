"""The projected word cloud and question board: large type, nothing to scroll.

The word cloud shows the facilitator's prompt above the words the room
gave, each sized by the people who gave it (nobody counts twice for a word:
:mod:`cxkit.store.word_cloud`); the sizes shrink together when many long
words would not fit the screen, so every word stays visible. The same cloud
drawing, smaller, sits beside the comments and the answers
(:func:`cloud_html`, used by :mod:`cxkit.apps.live_projection`).

The question board lists the room's questions by upvotes, the count large
beside each; answered questions go to the bottom, greyed, and the first
:data:`MAX_QUESTIONS` are shown (the rest counted). Everything participants
typed is escaped. This module is imported by the projection, never the
other way round: it writes its own few lines of markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cxkit.i18n import t
from cxkit.safety import esc
from cxkit.store.questions import Question
from cxkit.store.word_cloud import word_prompt
from cxkit.typography import format_number, nbsp, t_plural

if TYPE_CHECKING:
    from cxkit.store.aggregates import Aggregates

MAX_WORDS = 30
MAX_QUESTIONS = 6

CLOUD_QA_CSS = """
<style>
.cxkit-cloud-main{flex-direction:column;gap:1vh}
.cxkit-screen-prompt{font-size:4.6vh;font-weight:700;line-height:1.2;margin:0;flex:none;
 overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.cxkit-cloud.cxkit-cloud-big{flex:1 1 auto;min-height:0;gap:1vh 2.4vw;padding:1vh 0;align-items:baseline}
.cxkit-cloud.cxkit-cloud-big span{font-weight:700;line-height:1.15}
.cxkit-cloud.cxkit-cloud-big span:nth-child(3n+1){color:#0969da}
.cxkit-cloud.cxkit-cloud-big span:nth-child(3n+2){color:#8250df}
.cxkit-questions{flex:1 1 auto;display:flex;flex-direction:column;gap:1.4vh;min-width:0}
.cxkit-question{display:flex;align-items:center;gap:2vw;padding:1vh 1.4vw;
 background:#f6f8fa;border-left:.7vh solid #0969da;border-radius:.4vh;min-height:0}
.cxkit-question-count{flex:none;width:9vh;text-align:center;line-height:1}
.cxkit-question-count b{display:block;font-size:6vh;color:#0550ae}
.cxkit-question-count small{display:block;font-size:2.2vh;color:#57606a}
.cxkit-question p{font-size:3.6vh;line-height:1.25;margin:0;overflow:hidden;display:-webkit-box;
 -webkit-line-clamp:2;-webkit-box-orient:vertical;overflow-wrap:anywhere}
.cxkit-question.cxkit-answered{background:#fff;border-left-color:#d0d7de;color:#6e7781}
.cxkit-question.cxkit-answered .cxkit-question-count b{color:#8c959f}
.cxkit-question-done{flex:none;font-size:2.4vh;color:#57606a;margin-left:auto}
</style>
"""


def word_size(
    word: str, n: int, most: int, *, smallest: float = 2.4, largest: float = 7.0, width: float = 60
) -> float:
    """A word's size in % of the screen's height: by frequency (``smallest`` to ``largest``),
    never wider than its cloud (``width``: the characters × size a line holds; a long word is
    made smaller, not cut)."""
    by_count = smallest + (largest - smallest) * n / max(most, 1)
    return min(by_count, width / max(len(word), 1))


BIG_CLOUD = {"smallest": 3.6, "largest": 15.0, "width": 230.0}
"""The word cloud's own screen: from 3.6 to 15 % of the height, a line of ~1.6 heights."""
BIG_CLOUD_AREA = 6000.0
"""What the words may cover, in squared % of the height: beyond it, they all shrink together."""
SMALLEST_BIG = 2.2


def big_sizes(top: Sequence[tuple[str, int]]) -> list[float]:
    """The sizes of the word cloud's own screen, shrunk together until the words fit."""
    most = max((n for _, n in top), default=1)
    sizes = [word_size(w, n, most, **BIG_CLOUD) for w, n in top]
    # A word's box: ~0.62 size per character and a gap wide, 1.25 size high; shrunk by k,
    # the words cover quadratic * k² + linear * k, at most BIG_CLOUD_AREA.
    quadratic = sum(0.62 * len(w) * 1.25 * s * s for (w, _), s in zip(top, sizes, strict=True))
    linear = sum(2.5 * 1.25 * s for s in sizes)
    if quadratic + linear <= BIG_CLOUD_AREA:
        return sizes
    k = (-linear + (linear**2 + 4 * quadratic * BIG_CLOUD_AREA) ** 0.5) / (2 * quadratic)
    return [max(s * k, SMALLEST_BIG) for s in sizes]


def cloud_html(words: Sequence[tuple[str, int]], *, big: bool = False) -> str:
    """The top words, sized relative to the most frequent.

    ``big``: the word cloud's own screen: the whole width, much larger type,
    the most given words in the middle.
    """
    top = list(words[:MAX_WORDS])
    if not top:
        return ""
    if big:
        placed = list(zip(top, big_sizes(top), strict=True))
        placed = placed[1::2][::-1] + placed[0::2]  # the most given in the middle
        extra = " cxkit-cloud-big"
    else:
        most = max(n for _, n in top)
        placed = [((w, n), word_size(w, n, most)) for w, n in top]
        extra = ""
    spans = "".join(
        f'<span style="font-size:{size:.1f}vh">{esc(w)}</span>' for (w, _), size in placed
    )
    return f'<div class="cxkit-cloud{extra}">{spans}</div>'


def _main(inner: str, extra: str = "") -> str:
    return f'{CLOUD_QA_CSS}<div class="cxkit-screen-main {extra}">{inner}</div>'


def _empty(key: str, lang: str) -> str:
    return f'<p class="cxkit-screen-empty">{esc(nbsp(t(key, lang), lang))}</p>'


def prompt_of(agg: Aggregates, lang: str) -> str:
    """The word cloud's prompt: the facilitator's, else the catalog's."""
    return word_prompt(agg.options.get("word", {})) or t("cloud.prompt.default", lang)


def word_cloud_body(agg: Aggregates, lang: str) -> str:
    """The prompt, then the cloud of the words the room gave (or the line saying none yet)."""
    prompt = f'<p class="cxkit-screen-prompt">{esc(nbsp(prompt_of(agg, lang), lang))}</p>'
    words = [(w.text, w.people) for w in agg.cloud]
    cloud = cloud_html(words, big=True) if words else _empty("cloud.screen.no_words", lang)
    return _main(prompt + cloud, "cxkit-cloud-main")


def question_html(q: Question, lang: str) -> str:
    done = (
        f'<span class="cxkit-question-done">{esc(t("cloud.screen.answered", lang))}</span>'
        if q.answered
        else ""
    )
    label = t_plural("cloud.screen.upvotes", q.upvotes, lang)
    return (
        f'<div class="cxkit-question{" cxkit-answered" if q.answered else ""}">'
        f'<div class="cxkit-question-count"><b>{esc(format_number(q.upvotes, lang))}</b>'
        f"<small>{esc(label)}</small></div><p>{esc(q.text)}</p>{done}</div>"
    )


def questions_body(questions: Sequence[Question], lang: str) -> str:
    """The questions by upvotes, answered ones last and grey; the first few, the rest counted."""
    if not questions:
        return _main(_empty("cloud.screen.no_questions", lang))
    rows = "".join(question_html(q, lang) for q in questions[:MAX_QUESTIONS])
    more = len(questions) - MAX_QUESTIONS
    if more > 0:
        rows += f'<p class="cxkit-screen-note">{esc(t_plural("live.more", more, lang))}</p>'
    return _main(f'<div class="cxkit-questions">{rows}</div>')


def cloud_qa_body(kind: str, agg: Aggregates, lang: str) -> str:
    """The body of ``word``, or of ``question`` and ``upvote`` (both show the board)."""
    if kind == "word":
        return word_cloud_body(agg, lang)
    return questions_body(agg.questions, lang)
