"""The scorecard in words: verdicts, trends, thresholds and the sentences that title it.

The deck and the notebook both speak through :class:`ScorecardWords`, so they
say the same thing in the engagement's language. A verdict is always written
out ("Non tenu", "En retard"): a colour alone says nothing to a reader with a
black-and-white print or colour-blind eyes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from cxkit.labels import Labels, capitalize
from cxkit.periods import label as period_label
from cxkit.periods import start
from cxkit.scorecard import KpiStatus, PillarStatus, Scorecard, StandardStatus


@dataclass
class ScorecardWords(Labels):
    """The engagement's words in ``lang``, with the scorecard's."""

    def period(self, period: str) -> str:
        return period_label(period, self.lang)

    def periods(self, periods: Iterable[str]) -> str:
        return ", ".join(self.period(p) for p in periods)

    def quoted(self, text: str) -> str:
        return f"« {text} »" if self.lang == "fr" else f"“{text}”"

    def verdict(self, status: StandardStatus) -> str:
        return self.t(f"scorecard.verdict.{status.verdict}")

    def kpi_verdict(self, status: KpiStatus) -> str:
        return self.t(f"scorecard.kpi.{status.verdict}")

    def trend(self, status: StandardStatus) -> str:
        if status.trend is None:
            return self.t("scorecard.trend.none")
        if status.improving is None:
            return self.t("scorecard.trend.flat")
        return self.t("scorecard.trend.better" if status.improving else "scorecard.trend.worse")

    def value(self, status: StandardStatus) -> str:
        return self.number(status.value, status.standard.unit) or "—"

    def threshold(self, status: StandardStatus) -> str:
        """ "au moins 90 %", "au plus 3 minutes"; "—" without a threshold."""
        std = status.standard
        if std.threshold is None:
            return "—"
        value = self.number(std.threshold, std.unit)
        return self.t(f"scorecard.direction.{status.direction}", value=value)

    def value_against(self, status: StandardStatus) -> str:
        """ "84 % pour un seuil d'au moins 90 %"."""
        return self.t(
            "scorecard.value_of", value=self.value(status), threshold=self.threshold(status)
        )

    def kpi_value(self, status: KpiStatus, value: float | None) -> str:
        return self.number(value, status.kpi.unit) or "—"

    def now_target(self, status: KpiStatus) -> str:
        """ "4,8 jours pour 2 jours d'ici 2029"; "cible : 30 % d'ici 2029" before any measure."""
        target = self.kpi_value(status, status.kpi.target)
        if status.horizon is not None:
            horizon = status.horizon
            when = str(horizon) if isinstance(horizon, int) else self.period(horizon)
            target = self.t("scorecard.by", target=target, horizon=when)
        if status.value is None:
            return self.t("scorecard.target_only", target=target)
        return self.t(
            "scorecard.now_target", value=self.kpi_value(status, status.value), target=target
        )

    def share(self, ratio: float | None) -> str:
        return self.percent(ratio, decimals=0) if ratio is not None else "—"

    def pillar_verdict(self, pillar: PillarStatus) -> str:
        return self.t(f"scorecard.pillar.{pillar.verdict}")

    def pillar_why(self, pillar: PillarStatus) -> str:
        """What puts a pillar off track, by name; its verdict when nothing does."""
        names = [self.quoted(s.standard.statement) for s in pillar.missed]
        names += [self.quoted(k.kpi.name) for k in pillar.off_track]
        return "; ".join(names)

    # --- the messages that title the slides -----------------------------------------------

    def summary(self, card: Scorecard) -> str:
        met, missed = card.standards_with("met"), card.standards_with("missed")
        period = self.period(card.period)
        judged = len(met) + len(missed)
        if not judged:
            return self.t("scorecard.msg.summary.none", period=period)
        if not missed:
            return self.t("scorecard.msg.summary.all", count=judged, period=period)
        head = self.plural("scorecard.msg.summary", len(met), judged=judged, period=period)
        worst = worst_missed(missed)
        key = "slipping" if worst.improving is False else "missed"
        return self.t(f"scorecard.msg.summary.{key}", head=head, name=worst.standard.statement)

    def standards_message(self, card: Scorecard) -> str:
        missed = card.standards_with("missed")
        period = self.period(card.period)
        if len(missed) == 1:
            (only,) = missed
            value = self.value_against(only)
            return self.t("scorecard.msg.standards.one", name=only.standard.statement, value=value)
        if missed:
            name = worst_missed(missed).standard.statement
            return self.t(
                "scorecard.msg.standards.other", count=len(missed), name=name, period=period
            )
        unmeasured = card.standards_with("no-data")
        if unmeasured:
            count = self.plural("scorecard.count.unmeasured", len(unmeasured))
            return self.t("scorecard.msg.standards.unmeasured", unmeasured=count, period=period)
        return self.summary(card)

    def trends_message(self, card: Scorecard) -> str:
        since = self.period(since_period(card))
        worse = [s for s in card.standards if s.improving is False]
        better = [s for s in card.standards if s.improving is True]
        if worse:
            head = self.plural(
                "scorecard.msg.worse", len(worse), name=worse[0].standard.statement, since=since
            )
            if not better:
                return head
            return self.plural(
                "scorecard.msg.better.also",
                len(better),
                head=head,
                name=better[0].standard.statement,
            )
        if better:
            return self.plural(
                "scorecard.msg.better", len(better), name=better[0].standard.statement, since=since
            )
        return self.t("scorecard.msg.steady", since=since)

    def kpis_message(self, card: Scorecard) -> str:
        judged = [k for k in card.kpis if k.verdict != "no-data"]
        if not judged:
            return self.t("scorecard.msg.kpis.none", period=self.period(card.period))
        good = [k for k in judged if k.verdict in ("reached", "on-track")]
        head = self.plural("scorecard.msg.kpis", len(good), judged=len(judged))
        behind = card.kpis_with("off-track")
        if not behind:
            return head
        worst = max(behind, key=lambda k: (k.expected or 0) - (k.progress or 0))
        return self.t(
            "scorecard.msg.kpis.behind",
            head=head,
            name=worst.kpi.name,
            progress=self.share(max(0.0, worst.progress or 0)),
            expected=self.share(worst.expected),
        )

    def pillars_message(self, card: Scorecard) -> str:
        off = card.pillars_off_track
        period = self.period(card.period)
        if not off:
            return self.t("scorecard.msg.pillars.none", period=period)
        names = self.and_list(p.pillar.name for p in off)
        return self.plural("scorecard.msg.pillars", len(off), names=names, period=period)

    def heading(self, key: str) -> str:
        return capitalize(self.t(key))


def worst_missed(missed: list[StandardStatus]) -> StandardStatus:
    """The missed standard furthest from its threshold, relative to it."""

    def gap(s: StandardStatus) -> float:
        threshold = float(s.standard.threshold or 0)
        return abs((s.value or 0) - threshold) / (abs(threshold) or 1)

    return max(missed, key=gap)


def since_period(card: Scorecard) -> str:
    """The first period of the window in which any standard was measured."""
    for i, _ in enumerate(card.standards[0].history if card.standards else ()):
        if any(s.history[i][1] is not None for s in card.standards):
            return card.standards[0].history[i][0]
    return card.period


def value_axis(low: float, high: float, percent: bool = False) -> tuple[float, float, float]:
    """A value axis that holds ``low`` to ``high`` with some room, zoomed on them (a change
    of 91 % to 84 % must not look flat), never below 0 for values that are not, nor above
    100 for a percentage that is not: its minimum, its maximum and a round gridline step."""
    span = high - low or abs(high) * 0.2 or 1.0
    raw = span * 1.4 / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    minimum = step * math.floor((low - span * 0.2) / step)
    if low >= 0:
        minimum = max(0.0, minimum)
    maximum = step * math.ceil((high + span * 0.2) / step)
    if percent and high <= 100:
        maximum = min(maximum, 100.0)
    return minimum, maximum, step


def charted_history(status: StandardStatus, since: str) -> tuple[tuple[str, float | None], ...]:
    """A standard's window from ``since`` (the first period any standard was measured in):
    a chart does not open on quarters before measuring began."""
    return tuple((p, v) for p, v in status.history if start(p) >= start(since))


def is_percent(unit: str | None) -> bool:
    return (unit or "").strip() == "%"
