"""The structured difference between two documents: by identity, with readable paths."""

from __future__ import annotations

from cxkit.store import Change
from cxkit.store.diff import diff_documents, summarize


def test_items_are_matched_by_id_not_by_position() -> None:
    old = {"strategy": {"pillars": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}}
    new = {"strategy": {"pillars": [{"id": "b", "name": "Bee"}, {"id": "c", "name": "C"}]}}
    assert diff_documents(old, new) == [
        Change("strategy.pillars[0].name", "changed", "B", "Bee"),
        Change("strategy.pillars[1]", "added", None, {"id": "c", "name": "C"}),
        Change("strategy.pillars[0]", "removed", {"id": "a", "name": "A"}, None),
    ]


def test_lists_of_texts_are_aligned_and_odd_keys_quoted() -> None:
    old = {"values": ["Proximité", "Solidarité"], "answers": {"q-1": "oui"}}
    new = {"values": ["Audace", "Proximité", "Solidarité"], "answers": {"q-1": "non"}}
    assert diff_documents(old, new) == [
        Change("values[0]", "added", None, "Audace"),
        Change('answers["q-1"]', "changed", "oui", "non"),
    ]


def test_devices_match_by_kind_and_fields_appear_and_disappear() -> None:
    old = {"devices": [{"kind": "offer", "name": "Offre"}, {"kind": "culture"}], "sponsor": "X"}
    new = {"devices": [{"kind": "culture", "name": "Culture"}, {"kind": "offer", "name": "Offre"}]}
    assert diff_documents(old, new) == [
        Change("devices[0].name", "added", None, "Culture"),
        Change("sponsor", "removed", "X", None),
    ]
    assert diff_documents(new, new) == []


def test_summaries_name_the_first_paths() -> None:
    changes = [Change(f"p{i}", "changed", 1, 2) for i in range(5)]
    assert summarize(changes[:1], "en") == "One change: p0"
    assert summarize(changes[:2], "fr") == "2 modifications\u00a0: p0, p1"
    assert summarize(changes, "en") == "5 changes: p0, p1, p2 and 2 more"
    assert summarize([], "fr") == "aucune modification"
