"""The phone's own controls: dots given with + and −, a character counter, the script's sentences.

Everything a thumb touches is a large button, and a phone shows names, never
ids. What only the browser can see (each keystroke of a limited text, a lost
connection) is handled by the page's small script, ``phone.html.j2`` in the
``cxkit`` Voilà template: it holds no words of its own and reads them from
:func:`script_strings`, a hidden block of catalog text, escaped, in the
page's language. The kernel stays the authority: the counter is a courtesy,
the form and the store refuse a text that is too long all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

import ipywidgets as widgets

from cxkit.apps.blocks import BUTTON, FULL, HIDDEN, PLAIN, WRAPS, lazy_layout, paragraph
from cxkit.i18n import t
from cxkit.safety import esc
from cxkit.typography import format_number, t_plural

DOT = "●"
STEP = lazy_layout(width="3.5rem", height="3rem", min_width="3rem", margin="0")
"""A + or − button: a thumb's size (WCAG's 44 px target, and some)."""
GIVEN = lazy_layout(width="9em", min_width="6.5em", flex="0 1 auto")
"""The dots given to a candidate, between its − and +: they stay together on a wide screen."""
QUIET_FROM = 1000
"""Limits this long are counted quietly: the count shows only near the limit."""


def t_count(key: str, n: int, lang: str | None, /, **params: Any) -> str:
    """The catalog sentence for ``n`` things (``key.zero/one/other``), every number by locale."""
    shown = {k: format_number(v, lang) if isinstance(v, int) else v for k, v in params.items()}
    return t_plural(key, n, lang, **shown)


def unique_candidates(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Candidates listed once: the first of those whose names read the same (case, spaces aside).

    Pillars come first in the store's list, so an adopted proposal that
    reads like its pillar is voted for as the pillar.
    """
    seen: set[str] = set()
    unique = []
    for ident, name in pairs:
        norm = " ".join(name.split()).casefold()
        if norm and norm not in seen:
            seen.add(norm)
            unique.append((ident, name))
    return unique


def text_length(text: str) -> int:
    """A text's length as the store counts it (code points, surrounding spaces aside)."""
    return len(text.strip())


def counter_text(count: int, limit: int, lang: str) -> str:
    """ "35 caractères sur 120", or the "too long" sentence beyond the limit."""
    if count > limit:
        return t(
            "phone.counter.over",
            lang,
            count=format_number(count, lang),
            limit=format_number(limit, lang),
        )
    return t_count("phone.counter", count, lang, count=count, limit=limit)


def counter(limit: int, lang: str) -> widgets.HTML:
    """The live character count under a limited text; the page's script updates it as one types."""
    shown = paragraph(counter_text(0, limit, lang))
    shown.add_class("cxkit-counter")
    if limit >= QUIET_FROM:
        shown.add_class("cxkit-quiet")  # eleven "0 / 4 000" under eleven questions say nothing
    return shown


def script_strings(lang: str) -> widgets.HTML:
    """The sentences of the page's script, as escaped data attributes of a hidden block."""
    keys = {
        "offline": "phone.offline",
        "back": "phone.back",
        "back-plain": "phone.back.plain",
        "sending": "phone.sending",
        "counter-one": "phone.counter.one",
        "counter-other": "phone.counter.other",
        "counter-over": "phone.counter.over",
    }
    data = " ".join(f'data-{name}="{esc(t(key, lang))}"' for name, key in keys.items())
    block = widgets.HTML(
        f'<div class="cxkit-phone-strings" hidden data-lang="{lang}" {data}></div>',
        layout=HIDDEN,  # read by the script, never drawn
        style=PLAIN,
        _dom_classes=("cxkit-phone-script",),
    )
    return block


class StepperRow(NamedTuple):
    """One candidate's widgets, side by side in the list: its name, then − count +."""

    name: str
    label: widgets.HTML
    minus: widgets.Button
    shown: widgets.HTML
    plus: widgets.Button


class DotSteppers:
    """One row per candidate (its name, then − count +) and the dots left to give, always in view.

    The counts live in the kernel: a tap is one small message, and ``+`` is
    refused past the budget even when the browser "clicks" a disabled
    button. The store checks the budget once more when the dots are sent.

    A room's vote lists every proposal of the room, and each phone receives
    every widget model of its page: a row is four widgets laid out by the
    page's CSS in one wrapping box (no box per row), its buttons share one
    style model and its texts another, each widget is created with its final
    values (no update follows), and a row is kept while its candidate is
    (new proposals add rows, they do not rebuild the list).
    """

    def __init__(self, lang: str, on_change: Callable[[], None] | None = None) -> None:
        self.lang = lang
        self._on_change = on_change
        self.left = 0
        self.total = 0
        self._counts: dict[str, int] = {}
        self._rows: dict[str, StepperRow] = {}
        self._order: list[tuple[str, str]] = []
        self._empty: widgets.HTML | None = None
        self.budget = widgets.HTML("", layout=FULL, style=PLAIN)
        self.budget.add_class("cxkit-budget")
        self.rows = widgets.Box(layout=FULL)
        self.rows.add_class("cxkit-dot-rows")
        self.rows.add_class("cxkit-stepper")

    @property
    def _shown(self) -> dict[str, widgets.HTML]:
        return {ident: row.shown for ident, row in self._rows.items()}

    def row(self, index: int) -> StepperRow:
        """The ``index``-th candidate's widgets, in the order shown."""
        return list(self._rows.values())[index]

    def fill(self, candidates: Sequence[tuple[str, str]], empty: str) -> None:
        """Show ``candidates`` (id, name), each once; counts already given to them are kept."""
        unique = unique_candidates(candidates)
        if unique == self._order and self.rows.children:
            return
        self._order = unique
        self._counts = {ident: self._counts.get(ident, 0) for ident, _ in unique}
        old, self._rows = self._rows, {}
        for ident, name in unique:
            kept = old.pop(ident, None)
            if kept is not None and kept.name != name:
                old[ident] = kept  # renamed: a new row
                kept = None
            self._rows[ident] = kept or self._row(ident, name)
        shown: list[widgets.Widget] = [w for row in self._rows.values() for w in row[1:]]
        if not shown:
            self._empty = self._empty or paragraph(empty, layout=FULL)
            shown = [self._empty]
        self.rows.children = shown
        for row in old.values():  # gone from the list: gone from the browser and the kernel
            for widget in row[1:]:
                widget.close()
        self._refresh()

    def _row(self, ident: str, name: str) -> StepperRow:
        n, free = self._counts.get(ident, 0), self.left - self.given()
        # Every value and class given at creation: each change afterwards is one more message.
        minus = widgets.Button(
            description="−",
            tooltip=t("phone.dots.remove", self.lang, name=name),
            layout=STEP(),
            style=BUTTON,
            disabled=n <= 0,
            _dom_classes=("cxkit-step", "cxkit-step-minus"),
        )
        plus = widgets.Button(
            description="+",
            tooltip=t("phone.dots.add", self.lang, name=name),
            layout=STEP(),
            style=BUTTON,
            disabled=free <= 0,
            _dom_classes=("cxkit-step", "cxkit-step-plus"),
        )
        for button, step in ((minus, -1), (plus, 1)):
            button.on_click(lambda _, ident=ident, step=step: self.step(ident, step))
        shown = widgets.HTML(
            self._given(n), layout=GIVEN(), style=PLAIN, _dom_classes=("cxkit-given",)
        )
        # The name on a line of its own: − count + wrap below it.
        label = paragraph(name, layout=FULL, classes=("cxkit-candidate",))
        return StepperRow(name, label, minus, shown, plus)

    def step(self, ident: str, step: int) -> None:
        """Give (``step`` 1) or take back (-1) one dot; nothing past the budget, nothing below 0."""
        if ident not in self._counts or step not in (-1, 1):
            return
        wanted = self._counts[ident] + step
        if wanted < 0 or (step > 0 and self.given() >= self.left):
            return
        self._counts[ident] = wanted
        self._refresh()
        if self._on_change is not None:
            self._on_change()

    def given(self) -> int:
        return sum(self._counts.values())

    def allocation(self) -> list[tuple[str, int]]:
        """(candidate id, dots) given on the page and not yet sent."""
        return [(ident, n) for ident, n in self._counts.items() if n > 0]

    def set_budget(self, left: int, total: int) -> None:
        """The dots still unspent in the store; what the page gives is trimmed to fit."""
        self.left, self.total = max(left, 0), total
        while self.given() > self.left:
            ident = next(i for i, n in reversed(self._counts.items()) if n > 0)
            self._counts[ident] -= 1
        self._refresh()

    def reset(self) -> None:
        self._counts = dict.fromkeys(self._counts, 0)
        self._refresh()

    def _given(self, n: int) -> str:
        text = t_count("phone.dots.given", n, self.lang, count=n)
        return (
            f'<p class="cxkit-given-count" style="{WRAPS}">'
            f'<span aria-hidden="true">{DOT * n}</span> '
            f"{esc(text)}</p>"
        )

    def _refresh(self) -> None:
        """Every count, button and the budget as they now are (an unchanged value sends nothing)."""
        free = self.left - self.given()
        for ident, row in self._rows.items():
            n = self._counts[ident]
            row.shown.value = self._given(n)
            row.minus.disabled = n <= 0
            row.plus.disabled = free <= 0
        sentence = t_count("phone.dots.left", free, self.lang, left=free, dots=self.total)
        glyphs = DOT * free + "○" * max(self.total - free, 0)
        self.budget.value = (
            f'<p class="cxkit-budget-line" style="{WRAPS}">'
            f'<span class="cxkit-budget-dots" aria-hidden="true">'
            f"{glyphs}</span> {esc(sentence)}</p>"
        )
