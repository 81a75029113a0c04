"""A workshop's results told in words: what the room decided and how it voted.

Shared by the deck (the workshops' slide, the appendix's titles) and the
workbook (activity and decision labels), over :mod:`cxkit.results`: every
sentence in the engagement's language, candidates by name and quoted,
counted nouns by :mod:`cxkit.typography`'s plurals.
"""

from __future__ import annotations

from collections.abc import Mapping

from cxkit.i18n import catalog
from cxkit.labels import Labels, capitalize
from cxkit.results import ActivityResult, Line, WorkshopResult

VERDICTS = 4
"""Candidates a workshop's verdict names at most (the method keeps 3 or 4 pillars)."""


NAME_LIMIT = 60
"""Characters of a name a sentence quotes (a title is not a table: the table has it whole)."""


def short(text: str, limit: int = NAME_LIMIT) -> str:
    """``text`` on one line, cut at a word's end with an ellipsis beyond ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,;:.") + "…"


def quote(lb: Labels, text: str) -> str:
    """A name quoted in the language's marks (short enough for a sentence)."""
    text = short(text)
    return f"«\u00a0{text}\u00a0»" if lb.lang == "fr" else f"“{text}”"


def activity_name(lb: Labels, kind: str) -> str:
    """The activity's name ("Gommettes", "Matrice impact × facilité"); an unknown kind's is
    a generic one (a kind's code is never shown)."""
    key = f"results.kind.{kind}"
    return lb.t(key) if key in catalog(lb.lang) else lb.t("results.kind.other")


def measure_name(lb: Labels, activity: ActivityResult) -> str:
    return lb.t(f"results.measure.{activity.measure}")


def status_name(lb: Labels, status: str) -> str:
    """A decision's label ("Adoptée"); nothing for one not decided."""
    return "" if status == "new" else capitalize(lb.label("contribution_status", status))


def decision_name(lb: Labels, line: Line) -> str:
    """What became of a line: a pillar or a lead of the strategy, else its decision's label."""
    if line.kept in ("pillar", "lead") and line.status != "rejected":
        return lb.t(f"results.kept.{line.kept}")
    return status_name(lb, line.status)


def value_text(lb: Labels, activity: ActivityResult, line: Line) -> str:
    """A line's value as a cell shows it ("4,2", "14", "impact 4 · facilité 3")."""
    if activity.measure == "placement":
        return lb.t(
            "results.placement.value",
            impact=lb.number(line.score.value, decimals=1),
            ease=lb.number(line.second, decimals=1),
        )
    decimals = 1 if activity.measure in ("mean", "rank") else None
    return lb.number(line.score.value, decimals=decimals)


def describe(lb: Labels, kind: str, details: Mapping[str, object]) -> str:
    """A structured proposal's fields in words, as the method names them."""
    pillar = str(details.get("pillar") or "")
    parts: list[str] = []
    if pillar:
        parts.append(lb.pillar_names([pillar]))
    if kind == "lead-proposal" and details.get("device"):
        parts.append(capitalize(lb.label("device", str(details["device"]))))
    if kind == "kpi-proposal" and isinstance(details.get("target"), int | float):
        unit = str(details.get("unit") or "") or None
        parts.append(lb.t("results.detail.target", target=lb.number(details["target"], unit)))  # type: ignore[arg-type]
    if kind == "standard-proposal" and details.get("indicator"):
        threshold = details.get("threshold")
        unit = str(details.get("unit") or "") or None
        shown = lb.number(threshold, unit) if isinstance(threshold, int | float) else ""
        parts.append(" ".join(x for x in (str(details["indicator"]), shown) if x))
    if kind == "ritual-proposal" and details.get("moment"):
        parts.append(str(details["moment"]))
    if kind == "posture-proposal" and details.get("description"):
        parts.append(str(details["description"]))
    return " · ".join(parts)


def _vote_verdicts(lb: Labels, activity: ActivityResult) -> list[str]:
    total = lb.number(activity.total)
    kept = [ln for ln in activity.lines if ln.kept and ln.status != "rejected"]
    said = []
    for line in kept[:VERDICTS]:
        said.append(
            lb.t(
                f"results.verdict.kept.{line.kept}",
                name=quote(lb, line.name),
                dots=lb.plural("results.count.dots", line.score.value),
                total=total,
            )
        )
    if not said and activity.lines:
        top = activity.lines[0]
        said.append(
            lb.t(
                "results.verdict.leads",
                name=quote(lb, top.name),
                dots=lb.plural("results.count.dots", top.score.value),
                total=total,
            )
        )
    return said


def _verdict(lb: Labels, activity: ActivityResult) -> list[str]:
    """What one activity decided, in one sentence or a few (none when it only counts)."""
    if activity.kind == "vote":
        return _vote_verdicts(lb, activity)
    if not activity.lines:
        return []
    top = activity.lines[0]
    name = quote(lb, top.name)
    if activity.measure == "rank":
        people = lb.plural("results.count.people", top.first)
        n = lb.number(activity.participants)
        return [lb.t("results.verdict.ranking", name=name, people=people, n=n)]
    if activity.measure == "mean":
        return [
            lb.t(
                "results.verdict.rating",
                name=name,
                mean=lb.number(top.score.value, decimals=1),
                scale=len(top.distribution),
                ratings=lb.plural("results.count.ratings", top.score.n),
            )
        ]
    if activity.measure == "placement":
        return [
            lb.t(
                "results.verdict.placement",
                name=name,
                value=value_text(lb, activity, top),
                placements=lb.plural("results.count.placements", top.score.n),
            )
        ]
    adopted = activity.decided.get("adopted", 0)
    if adopted and activity.kind.endswith("-proposal"):
        return [
            lb.t(
                "results.verdict.adopted",
                adopted=lb.plural("results.count.adopted", adopted),
                activity=activity_name(lb, activity.kind),
                n=lb.number(activity.contributions),
            )
        ]
    return []


def verdicts(lb: Labels, result: WorkshopResult) -> list[str]:
    """Every sentence of what the room decided and how it voted, in the workshop's order."""
    return [s for a in result.activities for s in _verdict(lb, a)]


HEADLINE_KINDS = ("vote", "ranking", "placement", "rating")
"""Whose verdict a workshop's headline gives first: how the room voted, before what it rated."""


def headline(lb: Labels, result: WorkshopResult) -> str:
    """The workshop's result in one sentence: its votes' verdict first, else another
    activity's, else who took part."""
    ranked = sorted(
        result.activities,
        key=lambda a: HEADLINE_KINDS.index(a.kind) if a.kind in HEADLINE_KINDS else 99,
    )
    said = [s for a in ranked for s in _verdict(lb, a)]
    if said:
        return said[0]
    contributions = sum(a.contributions for a in result.activities)
    return lb.t(
        "results.verdict.participation",
        contributions=lb.plural("results.count.contributions", contributions),
        people=lb.plural("results.count.participants", result.participants),
    )


def decided_text(lb: Labels, activity: ActivityResult) -> str:
    """The facilitator's decisions on an activity's contributions ("2 adoptées, 1 écartée")."""
    return ", ".join(
        lb.plural(f"results.count.{status}", n)
        for status in ("adopted", "merged", "rejected")
        if (n := activity.decided.get(status, 0))
    )


def team_name(lb: Labels, team: str) -> str:
    """A team by its label when it is one of the method's, else as the invitation named it."""
    return capitalize(lb.label("team", team))


__all__ = [
    "activity_name",
    "decided_text",
    "decision_name",
    "describe",
    "headline",
    "measure_name",
    "quote",
    "short",
    "status_name",
    "team_name",
    "value_text",
    "verdicts",
]
