"""Each workshop's results, computed once for the deck's appendix and the workbook.

Pure: from an engagement's ``contributions`` (the workspace exports them with
the engagement, :meth:`cxkit.store.Workspace.with_contributions`) and its
``workshops``, no database and no language. Per workshop and activity (a
contribution kind), in the order the method runs them:

- **votes** (``vote``): dots per candidate, named (a pillar by its name, an
  action lead by its title, a proposal by its text); a proposal's dots follow
  it into the pillar it became or the proposal it was merged into, as the
  projected screen counted them;
- **ratings**: per criterion, the mean, how many rated and the distribution of
  the scores (1 to the benchmark's scale);
- **ranking**: per candidate, its mean position (1 is first) over the rankings
  that placed it (each person's last), and how many placed it first;
- **placement** (2×2): per action lead, the median impact and ease;
- **questions** by upvotes; **words** by how many people gave them;
- **proposals** and **ideas**: the same text once, how many gave it, and the
  facilitator's decision (adopted, merged, rejected);
- comments, answers and any kind this module does not know: counted.

Every line is split by team when contributions carry one. Contributions of a
workshop the engagement does not name are left out (the health checks report
them); nothing here shows an id unless the engagement no longer names it.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cxkit.model import Contribution, Engagement, Workshop

Measure = Literal["dots", "mean", "rank", "placement", "upvotes", "mentions", "texts", "count"]
"""What a line's value is: dots given, a mean score, a mean position (lower is better),
a median impact (with the median ease beside it), upvotes, people who gave a word,
people who gave a text, or only a count (an activity whose lines are not listed)."""

DECIDED = ("adopted", "merged", "rejected")
_STATUS_RANK = {"adopted": 3, "merged": 2, "rejected": 1, "new": 0}

ACTIVITY_ORDER = (
    "word",
    "pillar-proposal",
    "idea",
    "vote",
    "ranking",
    "rating",
    "placement",
    "kpi-proposal",
    "lead-proposal",
    "standard-proposal",
    "ritual-proposal",
    "posture-proposal",
    "question",
    "upvote",
    "comment",
    "answer",
)
"""Activities in the order a workshop runs them (an unknown kind comes after, by name)."""


@dataclass(frozen=True)
class Score:
    """A value under the activity's measure, and how many people it comes from."""

    value: float
    n: int


@dataclass(frozen=True)
class Line:
    """One candidate, criterion, word or proposal of an activity, with its team split."""

    name: str
    score: Score
    teams: Mapping[str, Score] = field(default_factory=dict)
    status: str = "new"
    """The facilitator's decision on it (a proposal's; the best one of a group)."""
    kept: str = ""
    """What it is in the engagement now: ``pillar``, ``lead`` or ``proposal`` (adopted)."""
    distribution: tuple[int, ...] = ()
    """Ratings: how many gave each score, from 1 to the scale."""
    second: float | None = None
    """Placement: the median ease (``score.value`` is the median impact)."""
    first: int = 0
    """Ranking: how many ranked it first."""
    details: Mapping[str, object] = field(default_factory=dict)
    """A structured proposal's fields (its first giver's), for :func:`describe`."""


@dataclass(frozen=True)
class ActivityResult:
    kind: str
    measure: Measure
    contributions: int
    participants: int
    teams: Mapping[str, int]
    """Contributions per team."""
    decided: Mapping[str, int]
    """Contributions per decision (adopted, merged, rejected)."""
    total: float
    """Dots given (votes), upvotes given; else the contributions."""
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class WorkshopResult:
    workshop: Workshop
    participants: int
    teams: tuple[str, ...]
    """The teams that contributed, most contributions first."""
    activities: tuple[ActivityResult, ...]

    @property
    def decisions(self) -> list[str]:
        return list(self.workshop.decisions)

    def activity(self, kind: str) -> ActivityResult | None:
        return next((a for a in self.activities if a.kind == kind), None)


# --- names ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Named:
    key: str
    """What the target counts as once decisions are followed (a pillar, a leading proposal)."""
    name: str
    status: str
    kept: str


class _Names:
    """Targets by name: pillars, action leads, and contributions followed through decisions."""

    def __init__(self, engagement: Engagement, contributions: Sequence[Contribution]) -> None:
        self.pillars = {p.id: p.name for p in engagement.strategy.pillars}
        self.leads = {a.id: a.title for _, a in engagement.actions()}
        self.by_id = {c.id: c for c in contributions}

    def __call__(self, target: str) -> _Named:
        if target in self.pillars:
            return _Named(target, self.pillars[target], "new", "pillar")
        if target in self.leads:
            return _Named(target, self.leads[target], "new", "lead")
        seen: set[str] = set()
        current = target
        while current in self.by_id and current not in seen:
            seen.add(current)
            c = self.by_id[current]
            into = c.into
            if c.status in ("adopted", "merged") and into:
                if into in self.pillars or into in self.leads:
                    named = self(into)
                    return _Named(named.key, named.name, c.status, named.kept)
                if into in self.by_id:
                    current = into
                    continue
            kept = "proposal" if c.status == "adopted" else ""
            return _Named(current, c.text or "", c.status, kept)
        return _Named(target, target, "new", "")


# --- the computation -------------------------------------------------------------------


def _teams_of(items: Iterable[Contribution]) -> dict[str, list[Contribution]]:
    out: dict[str, list[Contribution]] = defaultdict(list)
    for c in items:
        if c.team:
            out[c.team].append(c)
    return out


def _people(items: Iterable[Contribution]) -> int:
    return len({c.participant for c in items})


def _sorted(lines: list[Line], ascending: bool = False) -> tuple[Line, ...]:
    sign = 1 if ascending else -1
    return tuple(
        sorted(lines, key=lambda ln: (sign * ln.score.value, -ln.score.n, ln.name.casefold()))
    )


def _tally(items: Sequence[Contribution], names: _Names, default: float) -> tuple[Line, ...]:
    """Dots (or upvotes) per target, a merged proposal's counted with the one it joined."""
    groups: dict[str, list[Contribution]] = defaultdict(list)
    named: dict[str, _Named] = {}
    for c in items:
        found = names(c.target) if c.target else None
        if found is not None and found.name:  # a target with no name counts in the total only
            groups[found.key].append(c)
            named.setdefault(found.key, names(found.key))

    def dots(group: Iterable[Contribution]) -> Score:
        group = list(group)
        return Score(sum(default if c.value is None else c.value for c in group), _people(group))

    lines = [
        Line(
            named[key].name,
            dots(group),
            {team: dots(g) for team, g in _teams_of(group).items()},
            named[key].status,
            named[key].kept,
        )
        for key, group in groups.items()
    ]
    return _sorted(lines)


def _votes(items: Sequence[Contribution], names: _Names, scale: int) -> tuple[Line, ...]:
    return _tally(items, names, 1.0)


def _mean(group: Sequence[Contribution]) -> Score:
    values = [float(c.value) for c in group if c.value is not None]
    return Score(round(statistics.fmean(values), 2) if values else 0.0, _people(group))


def _ratings(items: Sequence[Contribution], names: _Names, scale: int) -> tuple[Line, ...]:
    groups: dict[str, list[Contribution]] = defaultdict(list)
    for c in items:
        if c.target and c.value is not None:
            groups[c.target].append(c)
    lines = []
    for target, group in groups.items():
        top = max([scale, *(int(c.value or 0) for c in group)])
        counts = Counter(int(c.value or 0) for c in group)
        lines.append(
            Line(
                names(target).name,
                Score(_mean(group).value, len(group)),
                {t: Score(_mean(g).value, len(g)) for t, g in _teams_of(group).items()},
                distribution=tuple(counts[s] for s in range(1, top + 1)),
            )
        )
    return _sorted(lines)


def _order(c: Contribution) -> list[str]:
    order = c.details.get("order")
    return [str(x) for x in order] if isinstance(order, list) else []


def _ranking(items: Sequence[Contribution], names: _Names, scale: int) -> tuple[Line, ...]:
    """Mean position of each candidate over the rankings that placed it (1 is first); a
    participant who ranked again counts with the last ranking only."""
    latest = {c.participant: c for c in items}
    places: dict[str, list[tuple[Contribution, int]]] = defaultdict(list)
    for c in latest.values():
        for position, candidate in enumerate(dict.fromkeys(_order(c)), start=1):
            places[names(candidate).key].append((c, position))

    def score(found: Sequence[tuple[Contribution, int]]) -> Score:
        mean = statistics.fmean(p for _, p in found)
        return Score(round(mean, 2), len({c.participant for c, _ in found}))

    lines = []
    for key, found in places.items():
        by_team: dict[str, list[tuple[Contribution, int]]] = defaultdict(list)
        for c, p in found:
            if c.team:
                by_team[c.team].append((c, p))
        named = names(key)
        lines.append(
            Line(
                named.name,
                score(found),
                {t: score(f) for t, f in by_team.items()},
                named.status,
                named.kept,
                first=sum(1 for _, p in found if p == 1),
            )
        )
    return _sorted(lines, ascending=True)


def _axis(c: Contribution, name: str) -> float | None:
    value = c.details.get(name)
    return float(value) if isinstance(value, int | float) else None


def _placement(items: Sequence[Contribution], names: _Names, scale: int) -> tuple[Line, ...]:
    """Median impact and ease of each action lead placed (the last placement of each person)."""
    latest: dict[tuple[str, str], Contribution] = {}
    for c in items:
        if c.target and _axis(c, "impact") is not None and _axis(c, "ease") is not None:
            latest[c.participant, c.target] = c
    groups: dict[str, list[Contribution]] = defaultdict(list)
    for (_, target), c in latest.items():
        groups[target].append(c)

    def median(group: Sequence[Contribution], axis: str) -> float:
        return float(statistics.median(_axis(c, axis) or 0.0 for c in group))

    lines = []
    for target, group in groups.items():
        named = names(target)
        teams = {t: Score(median(g, "impact"), len(g)) for t, g in _teams_of(group).items()}
        score = Score(median(group, "impact"), len(group))
        second = median(group, "ease")
        lines.append(Line(named.name, score, teams, named.status, named.kept, second=second))
    return tuple(
        sorted(
            lines,
            key=lambda ln: (-(ln.score.value + (ln.second or 0)), -ln.score.n, ln.name.casefold()),
        )
    )


def _key(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _texts(items: Sequence[Contribution], names: _Names, scale: int) -> tuple[Line, ...]:
    """The same text once (case and spacing aside), how many gave it, its best decision."""
    groups: dict[str, list[Contribution]] = defaultdict(list)
    for c in items:
        if _key(c.text):
            groups[_key(c.text)].append(c)
    lines = []
    for group in groups.values():
        best = max(group, key=lambda c: _STATUS_RANK.get(c.status, 0))
        count = Score(float(_people(group)), _people(group))
        teams = {t: Score(float(_people(g)), _people(g)) for t, g in _teams_of(group).items()}
        kept = "proposal" if best.status == "adopted" else ""
        lines.append(
            Line(group[0].text or "", count, teams, best.status, kept, details=best.details)
        )
    return _sorted(lines)


Summary = Callable[[Sequence[Contribution], _Names, int], tuple[Line, ...]]


def _upvoted(
    questions: Sequence[Contribution], upvotes: Sequence[Contribution], names: _Names
) -> tuple[Line, ...]:
    """Each question with its upvotes (a question nobody upvoted still listed, at 0)."""
    tally = {ln.name: ln for ln in _tally(upvotes, names, 1.0)}
    lines = [
        tally.get(q.text or "", Line(q.text or "", Score(0.0, 0), status=q.status))
        for q in questions
        if q.text
    ]
    return _sorted(list({ln.name: ln for ln in lines}.values()))


SUMMARIES: dict[str, tuple[Measure, Summary]] = {
    "vote": ("dots", _votes),
    "rating": ("mean", _ratings),
    "ranking": ("rank", _ranking),
    "placement": ("placement", _placement),
    "word": ("mentions", _texts),
    "idea": ("texts", _texts),
    "pillar-proposal": ("texts", _texts),
}
"""How each known kind is summed up; any kind named ``*-proposal`` is listed like proposals;
comments, answers, upvotes (counted in their questions) and unknown kinds are counted."""


def _summary(kind: str) -> tuple[Measure, Summary | None]:
    if kind in SUMMARIES:
        return SUMMARIES[kind]
    if kind.endswith("-proposal"):
        return "texts", _texts
    return "count", None


def _activity(
    kind: str,
    items: Sequence[Contribution],
    names: _Names,
    scale: int,
    upvotes: Sequence[Contribution],
) -> ActivityResult:
    measure, summary = _summary(kind)
    if kind == "question":
        measure, lines = "upvotes", _upvoted(items, upvotes, names)
    else:
        lines = summary(items, names, scale) if summary else ()
    counted = kind in ("vote", "upvote")
    total = sum(1.0 if c.value is None else c.value for c in items) if counted else len(items)
    return ActivityResult(
        kind=kind,
        measure=measure,
        contributions=len(items),
        participants=_people(items),
        teams={t: len(g) for t, g in _teams_of(items).items()},
        decided={s: n for s, n in Counter(c.status for c in items).items() if s in DECIDED},
        total=float(total),
        lines=lines,
    )


def _order_key(kind: str) -> tuple[int, str]:
    known = kind in ACTIVITY_ORDER
    return (ACTIVITY_ORDER.index(kind) if known else len(ACTIVITY_ORDER), kind)


def workshop_results(engagement: Engagement) -> list[WorkshopResult]:
    """The results of each workshop that received contributions, in the engagement's order."""
    names = _Names(engagement, engagement.contributions)
    scale = engagement.collection.benchmark.scale
    by_workshop: dict[str, list[Contribution]] = defaultdict(list)
    for c in engagement.contributions:
        by_workshop[c.workshop].append(c)
    results = []
    for workshop in engagement.workshops:
        items = by_workshop.get(workshop.id, [])
        if not items:
            continue
        by_kind: dict[str, list[Contribution]] = defaultdict(list)
        for c in items:
            by_kind[c.kind].append(c)
        upvotes = by_kind.get("upvote", [])
        activities = tuple(
            _activity(kind, by_kind[kind], names, scale, upvotes)
            for kind in sorted(by_kind, key=_order_key)
        )
        teams = Counter(c.team for c in items if c.team)
        results.append(
            WorkshopResult(
                workshop,
                _people(items),
                tuple(t for t, _ in sorted(teams.items(), key=lambda tn: (-tn[1], tn[0]))),
                activities,
            )
        )
    return results


__all__ = [
    "ACTIVITY_ORDER",
    "SUMMARIES",
    "ActivityResult",
    "Line",
    "Measure",
    "Score",
    "WorkshopResult",
    "workshop_results",
]
