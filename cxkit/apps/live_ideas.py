"""The projected screen of private writing: a count while the room writes, the ideas once revealed.

Before the reveal the room sees how many ideas were written and by how many
people, in very large type, and never a text: the store's board holds none
(:func:`cxkit.store.ideas.read_board`). Once revealed, every shown idea at
once, grouped: one card per group, its head's text and how many ideas it
gathers, the largest groups first, capped so nothing scrolls at 1280×720.
Everything participants typed is escaped.
"""

from __future__ import annotations

from cxkit.apps.live_projection import empty_body
from cxkit.i18n import t
from cxkit.safety import esc
from cxkit.store.idea_board import IdeaBoard
from cxkit.typography import format_number, nbsp, t_plural

MAX_CARDS = 12
"""Groups shown at once (three columns of four): the rest are counted."""

IDEAS_CSS = """
<style>
.cxkit-ideas{flex:1 1 auto;display:flex;flex-direction:column;min-width:0;min-height:0}
.cxkit-idea-prompt{font-size:3.4vh;font-weight:600;color:#1b1f24;margin:0 0 1.6vh;
 overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.cxkit-idea-tally{margin:auto;text-align:center}
.cxkit-idea-number{font-size:22vh;font-weight:800;line-height:1;color:#0969da;margin:0}
.cxkit-idea-words{font-size:5vh;font-weight:600;margin:1vh 0 0}
.cxkit-idea-wait{font-size:3.2vh;color:#57606a;margin:3vh 0 0}
.cxkit-idea-cards{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));
 grid-auto-rows:min-content;gap:1.6vh 1.4vw;align-content:start;min-height:0;overflow:hidden}
.cxkit-idea-card{display:flex;gap:1vw;align-items:flex-start;padding:1.2vh 1vw;
 background:#f6f8fa;border-left:.6vh solid #0969da;border-radius:.4vh;min-width:0}
.cxkit-idea-card p{flex:1 1 auto;font-size:2.7vh;line-height:1.3;margin:0;overflow:hidden;
 display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow-wrap:anywhere;
 min-width:0}
.cxkit-idea-size{flex:none;font-size:2.4vh;font-weight:700;color:#fff;background:#0969da;
 border-radius:2vh;padding:.2vh .9vw;white-space:nowrap}
</style>
"""


def _prompt(board: IdeaBoard, lang: str) -> str:
    if not board.prompt:
        return ""
    return f'<p class="cxkit-idea-prompt">{esc(nbsp(board.prompt, lang))}</p>'


def tally_html(board: IdeaBoard, lang: str) -> str:
    """How many ideas, by how many people: all the room sees while it writes."""
    words = t_plural("ideas.screen.written", board.written, lang)
    people = t_plural("ideas.screen.writers", board.writers, lang) if board.written else ""
    wait = nbsp(t("ideas.screen.until_reveal", lang), lang)
    return (
        f'<div class="cxkit-idea-tally"><p class="cxkit-idea-number">'
        f"{esc(format_number(board.written, lang))}</p>"
        f'<p class="cxkit-idea-words">{esc(nbsp(f"{words} {people}".strip(), lang))}</p>'
        f'<p class="cxkit-idea-wait">{esc(wait)}</p></div>'
    )


def cards_html(board: IdeaBoard, lang: str) -> str:
    """One card per group, the largest first (then the oldest), capped at :data:`MAX_CARDS`."""
    groups = sorted(board.groups, key=lambda g: (-g.size, g.head.at))
    cards = []
    for group in groups[:MAX_CARDS]:
        size = ""
        if group.size > 1:
            label = t_plural("ideas.screen.group", group.size, lang)
            size = (
                f'<span class="cxkit-idea-size" title="{esc(label)}">'
                f"×{esc(format_number(group.size, lang))}</span>"
            )
        cards.append(f'<div class="cxkit-idea-card"><p>{esc(group.head.text)}</p>{size}</div>')
    more = len(groups) - MAX_CARDS
    note = ""
    if more > 0:
        note = f'<p class="cxkit-screen-note">{esc(t_plural("live.more", more, lang))}</p>'
    return f'<div class="cxkit-idea-cards">{"".join(cards)}</div>{note}'


def idea_body(board: IdeaBoard, lang: str) -> str:
    """The idea activity's projected body: the tally until revealed, then the groups."""
    if board.revealed and not board.groups:
        return empty_body(nbsp(t("ideas.screen.none", lang), lang))
    inner = cards_html(board, lang) if board.revealed else tally_html(board, lang)
    extra = "" if board.revealed else " cxkit-idea-private"
    return (
        f'{IDEAS_CSS}<div class="cxkit-screen-main{extra}">'
        f'<div class="cxkit-ideas">{_prompt(board, lang)}{inner}</div></div>'
    )
