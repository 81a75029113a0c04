"""The ranking on the live screen: the room's order projected, and what the facilitator ranks.

Projected (:func:`ranking_body`): one bar per candidate, best first, its
length its Borda points relative to the first's (see
:mod:`cxkit.store.ranking`), the method said in one sentence under the
bars and the number of rankings received above them, in the projected
screen's large type; at most :data:`~cxkit.apps.live_projection.MAX_BARS`
bars, the rest counted. While the results are hidden, only the count.

The facilitator's control (:class:`RankingOptions`, folded in the activity
panel): which candidates the room ranks, kept in the activity's options.
"""

from __future__ import annotations

import ipywidgets as widgets

from cxkit.apps.blocks import paragraph
from cxkit.apps.live_base import Controls, row
from cxkit.apps.live_projection import MAX_BARS, _bar_row, _main, _more, empty_body
from cxkit.i18n import t
from cxkit.safety import esc
from cxkit.store.activities import LiveState
from cxkit.store.ranking import CANDIDATE_SETS, KIND, RankingResults, candidate_set
from cxkit.typography import nbsp, t_plural


def ranking_body(results: RankingResults, lang: str) -> str:
    """The room's ranking as bars, best first, with how many rankings came in and the method."""
    received = esc(t_plural("ranking.screen.received", results.rankings, lang))
    count = f'<p class="cxkit-screen-note cxkit-ranking-count">{received}</p>'
    if results.hidden:
        hidden = esc(nbsp(t("live.screen.results_hidden", lang), lang))
        return _main(
            f'<div class="cxkit-bars">{count}<p class="cxkit-screen-empty">{hidden}</p></div>'
        )
    if not results.rows:
        return empty_body(nbsp(t("ranking.screen.empty", lang), lang))
    top = max(r.points for r in results.rows) or 1
    bars = "".join(
        _bar_row(r.label, r.points / top, nbsp(t_plural("ranking.points", r.points, lang), lang))
        for r in results.rows[:MAX_BARS]
    )
    method = esc(nbsp(t("ranking.screen.method", lang), lang))
    return _main(
        f'<div class="cxkit-bars cxkit-ranking">{count}{bars}'
        f"{_more(len(results.rows) - MAX_BARS, lang)}"
        f'<p class="cxkit-screen-note cxkit-ranking-method">{method}</p></div>'
    )


class RankingOptions:
    """What the room ranks: the pillars, the action leads, the open proposals, or both first."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.choice = widgets.Dropdown(
            options=[(self._set_name(s), s) for s in CANDIDATE_SETS],
            description=c.tr("ranking.candidates"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        self.choice.add_class("cxkit-ranking-choice")
        self.apply = c.button("ranking.apply", self.set_candidates, "primary")
        self._stored: str | None = None  # the set last read from the store
        self.current = paragraph("")
        self.current.add_class("cxkit-ranking-current")
        self.widget = widgets.VBox([row(self.choice, self.apply), self.current])

    def _set_name(self, chosen: str) -> str:
        return nbsp(t(f"ranking.set.{chosen}", self.c.lang), self.c.lang)

    def set_candidates(self) -> None:
        """Rank the chosen set from now on (the store refuses a set it does not know)."""
        c = self.c
        if not c.workshop:
            return
        chosen = str(self.choice.value)
        c.ws.set_ranking_candidates(c.engagement_id, c.workshop, chosen)
        n = len(c.ws.ranking_candidates(c.engagement_id, c.workshop))
        c.say(c.count("ranking.applied", n, set=self._set_name(chosen)))
        self.show(c.ws.live_state(c.engagement_id, c.workshop))
        c.after_change()

    def show(self, state: LiveState) -> None:
        """The set ranked now, as the store keeps it; the choice follows it when it changes."""
        chosen = candidate_set(state.activity(KIND).options)
        if chosen != self._stored:  # a reloaded page, or another laptop: the stored set
            self._stored = self.choice.value = chosen
        paragraph(self.c.tr("ranking.current", set=self._set_name(chosen)), into=self.current)
