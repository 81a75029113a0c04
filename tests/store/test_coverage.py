"""Coverage rounds: the pillars × devices heat map, and rounds on its empty cells."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cxkit.apps.live_coverage import coverage_body
from cxkit.document import demo_path, read_document
from cxkit.errors import StoreError
from cxkit.store import InvalidContribution
from cxkit.store.coverage import cells_for, check_cell, coverage_of, round_options, spread
from cxkit.store.records import ContributionRecord

AT = dt.datetime(2026, 10, 6, 10, 0, tzinfo=dt.UTC)


def _demo() -> dict[str, Any]:
    return read_document(demo_path())


def _lead(pillar: str, device: str, **kw: Any) -> ContributionRecord:
    fields: dict[str, Any] = {
        "id": "c-0001",
        "workshop": "atelier-1",
        "participant": "p-1",
        "team": None,
        "kind": "lead-proposal",
        "target": None,
        "text": "Une piste",
        "value": None,
        "at": AT,
        "status": "new",
        "payload": {"pillar": pillar, "device": device},
    }
    fields.update(kw)
    return ContributionRecord(**fields)


def test_the_demo_heat_map_counts_each_lead_in_every_pillar_it_carries() -> None:
    matrix = coverage_of(_demo(), [])
    assert [p for p, _ in matrix.pillars] == ["fiable", "proche", "clair", "engage"]
    # act-rappel (distribution, proche); act-suivi (journeys: fiable and clair)
    assert matrix.cell("proche", "distribution").adopted == 1
    assert matrix.cell("fiable", "journeys").adopted == 1
    assert matrix.cell("clair", "journeys").adopted == 1
    assert matrix.cell("engage", "distribution").empty
    assert len(matrix.empty()) == 20 - matrix.covered


def test_proposals_count_while_in_play_only() -> None:
    kept = _lead("engage", "distribution")
    rejected = _lead("engage", "distribution", status="rejected")
    pending = _lead("engage", "distribution", moderation="pending")
    forged = _lead("nobody", "distribution")
    other = _lead("engage", "distribution", kind="comment")
    matrix = coverage_of(_demo(), [kept, rejected, pending, forged, other])
    cell = matrix.cell("engage", "distribution")
    assert (cell.adopted, cell.proposed, cell.empty) == (0, 1, False)


def test_a_round_defaults_to_the_empty_cells_and_checks_what_it_is_given() -> None:
    matrix = coverage_of(_demo(), [])
    options = round_options(matrix)
    assert [tuple(c) for c in options["cells"]] == matrix.empty()
    with pytest.raises(StoreError):
        round_options(matrix, cells=[["fiable", "teleportation"]])
    with pytest.raises(StoreError):
        round_options(matrix, cells=[])
    with pytest.raises(StoreError):  # a team given a cell outside the round
        round_options(matrix, cells=[["fiable", "offer"]], teams={"t1": [["clair", "offer"]]})


def test_a_participant_may_propose_only_in_the_cells_of_the_round_for_the_team() -> None:
    matrix = coverage_of(_demo(), [])
    cells = [["engage", "distribution"], ["engage", "offer"], ["clair", "loyalty"]]
    dealt = spread(
        [("engage", "distribution"), ("engage", "offer"), ("clair", "loyalty")], ["a", "b"]
    )
    assert dealt == {
        "a": [("engage", "distribution"), ("clair", "loyalty")],
        "b": [("engage", "offer")],
    }
    options = round_options(matrix, cells=cells, teams=dealt)
    assert cells_for({}, "a") is None  # no round: any cell
    assert cells_for(options, "b") == {("engage", "offer")}
    assert cells_for(options, None) == {tuple(c) for c in cells}  # no team: the whole round
    check_cell(options, "a", "clair", "loyalty")
    with pytest.raises(InvalidContribution, match="autres cases"):
        check_cell(options, "a", "engage", "offer")
    with pytest.raises(InvalidContribution):
        check_cell(options, None, "fiable", "journeys")


def test_the_projected_heat_map_names_pillars_and_devices_and_escapes_them() -> None:
    document = _demo()
    document["strategy"]["pillars"][0]["name"] = "<b>Fiable</b>"
    matrix = coverage_of(document, [_lead("engage", "culture")])
    html = coverage_body(matrix, "fr", round_cells={("engage", "culture")})
    assert "&lt;b&gt;Fiable&lt;/b&gt;" in html and "<b>Fiable" not in html
    assert "Parcours clients" in html and "journeys" not in html
    assert "dont 1 proposée" in html and "cxkit-round" in html
    assert f"{matrix.covered} cases couvertes sur 20" in html
    english = coverage_body(coverage_of(document, []), "en")
    assert "to cover" in english and "à couvrir" not in english


def test_a_round_in_the_store_limits_lead_proposals_to_its_cells(ws: Any, demo: Any) -> None:
    """On both backends: the round's cells, a team's share, the heat map, closing the round."""
    ws.create(demo, "alice")
    engagement = demo.id
    (mine,) = ws.invite(engagement, "atelier-1", team="marketing", activities=["lead-proposal"])
    (free,) = ws.invite(engagement, "atelier-1", activities=["lead-proposal"])
    before = ws.coverage(engagement, "atelier-1")
    assert before.cell("engage", "distribution").empty
    state = ws.open_coverage_round(
        engagement, "atelier-1", teams={"marketing": [["engage", "distribution"]]}
    )
    assert [tuple(c) for c in state.options["cells"]] == before.empty()
    team = ws.participant(mine.token or "")
    other = ws.participant(free.token or "")
    assert team.lead_cells() == {("engage", "distribution")}
    with pytest.raises(InvalidContribution, match="autres cases"):
        team.submit(
            "lead-proposal", text="Parrainage", payload={"pillar": "engage", "device": "offer"}
        )
    with pytest.raises(InvalidContribution, match="autres cases"):  # covered: not in the round
        other.submit(
            "lead-proposal", text="Rappel", payload={"pillar": "proche", "device": "distribution"}
        )
    team.submit(
        "lead-proposal", text="Ambassadeurs", payload={"pillar": "engage", "device": "distribution"}
    )
    other.submit(
        "lead-proposal", text="Parrainage", payload={"pillar": "engage", "device": "offer"}
    )
    after = ws.coverage(engagement, "atelier-1")
    assert after.cell("engage", "distribution").proposed == 1
    assert after.cell("engage", "offer").proposed == 1
    assert len(after.empty()) == len(before.empty()) - 2
    ws.close_coverage_round(engagement, "atelier-1")
    assert team.lead_cells() is None
    team.submit(
        "lead-proposal", text="Rappel", payload={"pillar": "proche", "device": "distribution"}
    )
