"""The workbook's sheet of workshop results: one long table a team can filter.

One row per activity (its contributions, participants and the facilitator's
decisions), then one per line of it (a candidate, a criterion, a word, a
proposal) for all teams and again for each team; a 2×2 placement's line is
two rows, its median impact and its median ease. Each workshop's own
decisions close its rows. Columns: workshop, date, activity, item, team,
measure, value, participants, distribution (ratings), decision, details, so
the filter buttons answer "what did sales vote for?". Written only when the
engagement has contributions (results are not a frame to fill by hand).
"""

from __future__ import annotations

from cxkit.labels import Labels
from cxkit.outcomes import (
    activity_name,
    decided_text,
    decision_name,
    describe,
    measure_name,
    team_name,
)
from cxkit.results import ActivityResult, Line, Score, WorkshopResult, workshop_results
from cxkit.xlsx import Cell, Sheet

Row = tuple[Cell, ...]
KEYS = (
    "workshop",
    "date",
    "activity",
    "item",
    "team",
    "measure",
    "value",
    "n",
    "distribution",
    "decision",
    "detail",
)


def results_sheet(lb: Labels) -> Sheet | None:
    """The results of every workshop with contributions, or None when there are none."""
    results = workshop_results(lb.engagement)
    if not results:
        return None
    rows = [row for result in results for row in _workshop_rows(lb, result)]
    return Sheet(
        "results",
        lb.t("results.workbook.sheet"),
        tuple(lb.t(f"results.workbook.col.{k}") for k in KEYS),
        tuple(rows),
        wrap=(3, 10),
    )


def _workshop_rows(lb: Labels, result: WorkshopResult) -> list[Row]:
    w = result.workshop
    head = (w.title, w.date)
    rows: list[Row] = []
    for activity in result.activities:
        rows += _activity_rows(lb, head, activity)
    decision = lb.t("results.workbook.decision_row")
    rows += [(*head, decision, d, "", "", None, None, "", "", "") for d in result.decisions]
    return rows


def _activity_rows(lb: Labels, head: tuple[Cell, Cell], activity: ActivityResult) -> list[Row]:
    name = activity_name(lb, activity.kind)
    everyone = lb.t("results.workbook.all_teams")
    count = lb.t("results.measure.count")
    rows: list[Row] = [
        (
            *head,
            name,
            "",
            everyone,
            count,
            activity.contributions,
            activity.participants,
            "",
            decided_text(lb, activity),
            "",
        )
    ]
    rows += [
        (*head, name, "", team_name(lb, team), count, n, None, "", "", "")
        for team, n in sorted(activity.teams.items(), key=lambda tn: (-tn[1], tn[0]))
    ]
    for line in activity.lines:
        rows += _line_rows(lb, (*head, name), activity, line, everyone)
    return rows


def _line_rows(
    lb: Labels, head: tuple[Cell, ...], activity: ActivityResult, line: Line, everyone: str
) -> list[Row]:
    decision = decision_name(lb, line)
    detail = describe(lb, activity.kind, line.details)
    if activity.measure == "rank":
        detail = lb.t("results.workbook.first", count=lb.number(line.first))
    teams: list[tuple[str, Score]] = [(everyone, line.score)]
    teams += [(team_name(lb, t), s) for t, s in sorted(line.teams.items())]
    rows: list[Row] = []
    for team, score in teams:
        if activity.measure == "placement":
            impact = lb.t("results.placement.impact")
            rows.append((*head, line.name, team, impact, score.value, score.n, "", decision, ""))
            if team == everyone:
                ease = lb.t("results.placement.ease")
                rows.append((*head, line.name, team, ease, line.second, score.n, "", decision, ""))
            continue
        shares = _distribution(lb, line) if team == everyone else ""
        measure = measure_name(lb, activity)
        rows.append(
            (*head, line.name, team, measure, score.value, score.n, shares, decision, detail)
        )
    return rows


def _distribution(lb: Labels, line: Line) -> str:
    """A rating's scores and how many gave each ("1 : 0 · 2 : 3 · …")."""
    return " · ".join(
        lb.t("results.workbook.share", score=score, count=count)
        for score, count in enumerate(line.distribution, start=1)
    )


__all__ = ["results_sheet"]
