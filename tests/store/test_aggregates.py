"""The facilitator's grouping of proposals: a pure rule, tested without a database."""

from __future__ import annotations

from dataclasses import dataclass

from cxkit.store.aggregates import group_proposals


@dataclass
class P:
    id: str
    text: str | None


def test_proposals_that_say_the_same_thing_group_in_order_of_arrival() -> None:
    proposals = [
        P("c-1", "Simple"),
        P("c-2", "Proche de moi"),
        P("c-3", "  SIMPLE "),
        P("c-4", "proche   de\nmoi"),
        P("c-5", "Simplement"),
        P("c-6", None),
    ]
    groups = group_proposals(proposals)
    assert [[p.id for p in g] for g in groups] == [["c-1", "c-3"], ["c-2", "c-4"], ["c-5"], ["c-6"]]


def test_no_proposal_no_group() -> None:
    assert group_proposals([]) == []
