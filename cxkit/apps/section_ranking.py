"""The phone's ranking: the candidates by name, moved with ↑ and ↓, sent in one tap.

A mixin of :class:`cxkit.apps.participant.ParticipantForm` (like
:mod:`cxkit.apps.sections`). The order lives in the kernel
(:class:`RankOrder`): a tap is one small message, and a forged tap on a
disabled button moves nothing past either end. Before sending, the list
is read again: if the facilitator changed what is ranked, the page shows
the new list (the participant's order kept for what remains) and asks to
check it rather than sending an order of another list. The store checks
the permutation once more when it appends, and only its answer brings the
acknowledgement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import BUTTON, FULL, WRAPS, lazy_layout, paragraph
from cxkit.apps.form_host import FormHost
from cxkit.apps.phone import STEP
from cxkit.errors import CxkitError
from cxkit.i18n import t
from cxkit.safety import esc

KIND = "ranking"
PLACE = lazy_layout(width="2.4rem", min_width="2.4rem", flex="0 0 auto")
"""The position's number, before the name: the same width on every row."""
NAME = lazy_layout(flex="1 1 8em", min_width="0", align_self="center")
"""The name takes what the row leaves (an action lead's title runs over two or three lines);
with very large text on a narrow phone it goes to a line of its own rather than be squeezed."""


class RankOrder:
    """One row per position (its number, the candidate there, ↑ and ↓); the order in the kernel."""

    def __init__(self, lang: str, on_change: Callable[[], None] | None = None) -> None:
        self.lang = lang
        self._on_change = on_change
        self._order: list[tuple[str, str]] = []
        self._rows: list[tuple[widgets.HTML, widgets.HTML, widgets.Button, widgets.Button]] = []
        self.rows = widgets.VBox(layout=FULL)
        self.rows.add_class("cxkit-rank-rows")

    def ids(self) -> list[str]:
        """The candidates' ids in the participant's order, best first."""
        return [ident for ident, _ in self._order]

    def names(self) -> list[str]:
        return [name for _, name in self._order]

    def fill(
        self, candidates: Sequence[tuple[str, str]], empty: str, preferred: Sequence[str] = ()
    ) -> bool:
        """Show ``candidates``; True if they are not those shown (a new list, or a first one).

        The order on the page is kept for the candidates still there (new ones
        go last); a first list follows ``preferred`` (the order last sent) when
        it ranks exactly these candidates.
        """
        names = dict(candidates)
        if set(names) == set(self.ids()) and self._rows:
            self._order = [(ident, names[ident]) for ident in self.ids()]  # a renamed one
            self._refresh()
            return False
        kept = self.ids() or (list(preferred) if set(preferred) == set(names) else [])
        order = [i for i in kept if i in names] + [i for i in names if i not in kept]
        self._order = [(ident, names[ident]) for ident in order]
        self._rows = [self._row(position) for position in range(len(order))]
        self.rows.children = [row for row, *_ in self._rows] or [paragraph(empty)]
        self._refresh()
        return True

    def _row(self, position: int) -> tuple[Any, widgets.HTML, widgets.Button, widgets.Button]:
        """The row of one position: what is shown in it changes, the row stays."""
        place = widgets.HTML(
            f'<p class="cxkit-rank-place" style="font-size:1.5rem;font-weight:700;'
            f'margin:0;color:#0969da;text-align:center">{position + 1}</p>',
            layout=PLACE(),
        )
        name = widgets.HTML("", layout=NAME())
        name.add_class("cxkit-candidate")
        up = widgets.Button(description="↑", layout=STEP(), style=BUTTON)
        down = widgets.Button(description="↓", layout=STEP(), style=BUTTON)
        for button, step, css in ((up, -1, "cxkit-rank-up"), (down, 1, "cxkit-rank-down")):
            button.add_class("cxkit-step")
            button.add_class(css)
            button.on_click(lambda _, p=position, s=step: self.move(p, s))
        # ↑ over ↓: the name keeps the width of the row but for one button.
        arrows = widgets.VBox([up, down], layout=widgets.Layout(flex="0 0 auto", grid_gap="4px"))
        line = widgets.HBox(
            [place, name, arrows],
            layout=widgets.Layout(
                width="100%",
                flex_flow="row wrap",
                align_items="center",
                grid_gap="8px",
                padding="6px 0",
                border_bottom="1px solid #d0d7de",
            ),
        )
        line.add_class("cxkit-rank-row")
        return line, name, up, down

    def move(self, position: int, step: int) -> bool:
        """Swap the candidate at ``position`` with its neighbour above (-1) or below (1)."""
        other = position + step
        if step not in (-1, 1) or not (
            0 <= position < len(self._order) and 0 <= other < len(self._order)
        ):
            return False
        order = self._order
        order[position], order[other] = order[other], order[position]
        self._refresh()
        if self._on_change is not None:
            self._on_change()
        return True

    def _refresh(self) -> None:
        last = len(self._order) - 1
        for position, ((_, name), (_, shown, up, down)) in enumerate(
            zip(self._order, self._rows, strict=True)
        ):
            shown.value = f'<p style="{WRAPS};margin:0">{esc(name)}</p>'
            up.tooltip = t("ranking.phone.up", self.lang, name=name)
            down.tooltip = t("ranking.phone.down", self.lang, name=name)
            up.disabled = position == 0
            down.disabled = position == last


class RankingSection(FormHost):
    """The ranking section's builder and send; the form provides the members declared here."""

    def _ranking_section(self) -> widgets.Widget:
        self.ranks = RankOrder(self.lang, on_change=lambda: self.say(""))
        self.ranking_button = self._button("ranking.send", self._send_ranking)
        self.ranking_button.add_class("cxkit-ranking-send")
        self.ranking_again = paragraph("")
        self.ranking_again.add_class("cxkit-ranking-again")
        self._fill_ranking()
        return self._card(
            self.tr("ranking.title"),
            paragraph(self.tr("ranking.help")),
            self.ranks.rows,
            self.ranking_again,
            self.ranking_button,
        )

    def _last_ranking(self) -> list[str]:
        """The order this participant sent last (the one that counts), or none."""
        sent = [c for c in self._session.mine() if c.kind == KIND and c.payload]
        paragraph(self.tr("ranking.again") if sent else "", into=self.ranking_again)
        return [str(i) for i in sent[-1].payload.get("order", [])] if sent else []

    def _fill_ranking(self) -> bool:
        """The candidates re-read from the store, by name; True if the list shown changed."""
        pairs = [(str(i), str(name)) for i, name in self._session.ranking_candidates()]
        self._names.update(pairs)
        preferred = self._last_ranking() if not self.ranks.ids() else ()
        changed = self.ranks.fill(pairs, self.tr("ranking.none"), preferred)
        self.ranking_button.disabled = not pairs
        return changed

    def _send_ranking(self) -> None:
        if not self._still_open("ranking"):
            return
        if self._fill_ranking() or not self.ranks.ids():
            self.say(self.tr("ranking.changed" if self.ranks.ids() else "ranking.none"))
            return
        try:
            self._submit(KIND, payload={"order": self.ranks.ids()})
        except CxkitError as exc:
            if exc.key == "error.ranking.not_current":
                self._fill_ranking()  # changed between the check and the store's
            raise
        self._last_ranking()
        self.say(self.tr("ranking.thanks"))

    def describe_ranking(self, contribution: Any) -> str:
        """ "Classement · 1. Proche · 2. Fiable …": names, never ids."""
        order = [str(i) for i in (contribution.payload or {}).get("order", [])]
        if any(i not in self._names for i in order):
            self._names.update(self._session.target_names())
            self._names.update(self._session.ranking_candidates())  # leads, when ranked
        items = [
            t(
                "ranking.phone.item",
                self.lang,
                n=n,
                name=self._names.get(i) or t("ranking.phone.gone", self.lang),
            )
            for n, i in enumerate(order, start=1)
        ]
        return " · ".join([t(f"apps.kind.{KIND}", self.lang), *items])
