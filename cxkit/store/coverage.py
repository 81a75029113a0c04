"""Coverage rounds: the pillars × relational devices matrix as a heat map, and rounds on its gaps.

The method declines each pillar into the five relational devices: a cell
(pillar, device) is covered when at least one action lead carries the pillar
in that device. The heat map counts, per cell, the leads already in the
engagement (adopted) and the workshop's lead proposals still in play
(shown, not rejected). A *round* opens the ``lead-proposal`` activity on
some cells only (by default the empty ones), optionally assigning cells to
teams: the activity's options are ``{"cells": [[pillar, device], …],
"teams": {team: [[pillar, device], …]}}``. While a round is open, a lead
proposal must name one of its cells, and one of its team's cells when the
round assigned the participant's team some; a participant without a team
(or of a team the round did not name) may use every cell of the round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cxkit.errors import StoreError
from cxkit.store.records import ContributionRecord, InvalidContribution
from cxkit.vocab import DEVICE_KINDS

LEAD_PROPOSAL = "lead-proposal"
CellKey = tuple[str, str]
"""(pillar id, device kind)."""


@dataclass(frozen=True)
class Cell:
    pillar: str
    device: str
    adopted: int = 0
    """Action leads of the engagement that carry the pillar in this device."""
    proposed: int = 0
    """Lead proposals of the workshop for this cell, shown and not rejected."""

    @property
    def empty(self) -> bool:
        return self.adopted == 0 and self.proposed == 0


@dataclass(frozen=True)
class CoverageMap:
    """The heat map: pillars (id, name) in the strategy's order, devices in the method's."""

    pillars: tuple[tuple[str, str], ...]
    devices: tuple[str, ...]
    cells: Mapping[CellKey, Cell]

    def cell(self, pillar: str, device: str) -> Cell:
        return self.cells.get((pillar, device)) or Cell(pillar, device)

    def empty(self) -> list[CellKey]:
        """The cells no lead covers yet, row by row."""
        return [(p, d) for p, _ in self.pillars for d in self.devices if self.cell(p, d).empty]

    @property
    def covered(self) -> int:
        return len(self.pillars) * len(self.devices) - len(self.empty())


def coverage_of(
    document: Mapping[str, Any], proposals: Iterable[ContributionRecord]
) -> CoverageMap:
    """The heat map of a stored document (plain data) and a workshop's contributions."""
    pillars = tuple(
        (str(p["id"]), str(p["name"])) for p in document.get("strategy", {}).get("pillars", [])
    )
    known = {p for p, _ in pillars}
    counts: dict[CellKey, list[int]] = {}
    for device in document.get("devices", []):
        for action in device.get("actions", []):
            for pillar in action.get("pillars", []):
                if pillar in known:
                    counts.setdefault((pillar, device["kind"]), [0, 0])[0] += 1
    for record in proposals:
        if record.kind != LEAD_PROPOSAL or record.status == "rejected":
            continue
        if record.moderation != "shown":
            continue
        fields = record.payload or {}
        key = (str(fields.get("pillar", "")), str(fields.get("device", "")))
        if key[0] in known and key[1] in DEVICE_KINDS:
            counts.setdefault(key, [0, 0])[1] += 1
    cells = {key: Cell(key[0], key[1], a, p) for key, (a, p) in counts.items()}
    return CoverageMap(pillars, DEVICE_KINDS, cells)


def _keys(cells: Iterable[Iterable[str]]) -> list[CellKey]:
    found: list[CellKey] = []
    for cell in cells:
        pair = tuple(cell)
        if len(pair) != 2 or not all(isinstance(v, str) for v in pair):
            raise StoreError("error.coverage.cell_shape")
        found.append((pair[0], pair[1]))
    return list(dict.fromkeys(found))


def round_options(
    matrix: CoverageMap,
    cells: Iterable[Iterable[str]] | None = None,
    teams: Mapping[str, Iterable[Iterable[str]]] | None = None,
) -> dict[str, Any]:
    """The options of a round on ``cells`` (default: the empty ones), checked against the matrix.

    StoreError for a cell outside the matrix, a team given a cell outside
    the round, or a round with no cell.
    """
    chosen = matrix.empty() if cells is None else _keys(cells)
    valid = {(p, d) for p, _ in matrix.pillars for d in matrix.devices}
    wrong = [c for c in chosen if c not in valid]
    if wrong:
        raise StoreError("error.coverage.unknown_cell", cell=" × ".join(wrong[0])[:80])
    if not chosen:
        raise StoreError("error.coverage.no_cell")
    assigned: dict[str, list[list[str]]] = {}
    for team, team_cells in (teams or {}).items():
        keys = _keys(team_cells)
        outside = [c for c in keys if c not in chosen]
        if outside:
            raise StoreError("error.coverage.unknown_cell", cell=" × ".join(outside[0])[:80])
        if keys:
            assigned[str(team)[:60]] = [list(c) for c in keys]
    return {"cells": [list(c) for c in chosen], "teams": assigned}


def spread(cells: Iterable[CellKey], teams: Iterable[str]) -> dict[str, list[CellKey]]:
    """Cells dealt to teams in turn (the facilitator's "share among the tables")."""
    names = list(dict.fromkeys(teams))
    dealt: dict[str, list[CellKey]] = {name: [] for name in names}
    for i, cell in enumerate(cells):
        if names:
            dealt[names[i % len(names)]].append(cell)
    return dealt


def cells_for(options: Mapping[str, Any], team: str | None) -> frozenset[CellKey] | None:
    """The cells a participant may propose a lead for, or None when no round restricts them."""
    if not options.get("cells"):
        return None
    teams = options.get("teams") or {}
    mine = teams.get(team) if team else None
    source = mine if mine else options["cells"]
    return frozenset((str(p), str(d)) for p, d in source)


def check_cell(options: Mapping[str, Any], team: str | None, pillar: str, device: str) -> None:
    """Refuse a lead proposal outside the participant's cells of the open round."""
    allowed = cells_for(options, team)
    if allowed is not None and (pillar, device) not in allowed:
        raise InvalidContribution("error.coverage.outside_round")
