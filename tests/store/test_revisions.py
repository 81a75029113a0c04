"""Engagement revisions: create, save, load, history, conflicts that lose nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cxkit.errors import EngagementInvalid, NotFound, RevisionConflict, StoreError
from cxkit.model import Engagement, Pillar
from cxkit.store import SaveConflict, Workspace


def _renamed(engagement: Engagement, name: str) -> Engagement:
    edited = engagement.model_copy(deep=True)
    edited.strategy.pillars[1].name = name
    return edited


def test_create_then_load_gives_an_equal_engagement(ws: Workspace, demo: Engagement) -> None:
    revision = ws.create(demo, "alice")
    stored = ws.load(demo.id)
    assert revision.number == 1 and revision.author == "alice"
    assert stored.engagement == demo
    assert stored.revision == revision
    assert revision.at.tzinfo is not None


def test_an_existing_id_is_not_created_twice(ws: Workspace, demo: Engagement) -> None:
    ws.create(demo, "alice")
    with pytest.raises(StoreError) as caught:
        ws.create(_renamed(demo, "Autre"), "bob")
    assert demo.id in str(caught.value)
    assert ws.load(demo.id).engagement == demo
    assert len(ws.history(demo.id)) == 1


def test_each_save_is_a_new_revision_with_a_summary_of_what_changed(
    ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "alice")
    second = ws.save(_renamed(demo, "Proche de vous"), "bob", base_revision=1)
    third = ws.save(_renamed(demo, "Humain"), "alice", base_revision=2, summary="atelier 2")
    assert [r.number for r in ws.history(demo.id)] == [1, 2, 3]
    assert second.author == "bob"
    assert "strategy.pillars[1].name" in second.summary
    assert third.summary == "atelier 2"
    assert ws.load(demo.id).engagement.strategy.pillars[1].name == "Humain"
    assert ws.load(demo.id, revision=2).engagement.strategy.pillars[1].name == "Proche de vous"
    assert ws.load(demo.id, revision=1).engagement == demo


def test_a_save_that_changes_nothing_writes_nothing(ws: Workspace, demo: Engagement) -> None:
    first = ws.create(demo, "alice")
    again = ws.save(demo.model_copy(deep=True), "bob", base_revision=1)
    assert again == first
    assert len(ws.history(demo.id)) == 1


def test_a_checkpoint_names_the_current_state_as_a_revision(
    ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "claire")
    named = ws.save(demo, "hugo", 1, "Itération 2 des piliers", checkpoint=True)
    assert (named.number, named.author, named.summary) == (2, "hugo", "Itération 2 des piliers")
    assert [r.summary for r in ws.history(demo.id)][-1] == "Itération 2 des piliers"
    assert ws.diff(demo.id, 1, 2) == []
    assert ws.load(demo.id).engagement == demo
    with pytest.raises(RevisionConflict):
        ws.save(demo, "claire", 1, "Itération 3", checkpoint=True)  # a checkpoint on an old base


def test_a_save_on_an_older_revision_is_refused_and_its_content_kept(
    ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "alice")
    ws.save(_renamed(demo, "Version de Bob"), "bob", base_revision=1)
    mine = _renamed(demo, "Version de Carole")
    with pytest.raises(RevisionConflict) as caught:
        ws.save(mine, "carole", base_revision=1)
    conflict = caught.value
    assert isinstance(conflict, SaveConflict)
    message = str(conflict)
    assert "1" in message and "2" in message and "bob" in message
    assert conflict.latest.number == 2 and conflict.latest.author == "bob"
    # Nothing overwritten, nothing lost.
    assert ws.load(demo.id).engagement.strategy.pillars[1].name == "Version de Bob"
    kept = ws.kept_draft(conflict.kept_id)
    assert kept.engagement == mine
    assert (kept.author, kept.base_revision, kept.engagement_id) == ("carole", 1, demo.id)
    assert [k.id for k in ws.kept_drafts(demo.id)] == [conflict.kept_id]


def test_concurrent_saves_on_the_same_base_leave_one_winner(db_url: str, demo: Engagement) -> None:
    with Workspace.open(url=db_url) as ws:
        ws.create(demo, "alice")
    writers = 4
    barrier = threading.Barrier(writers)
    outcomes: list[object] = []

    def save(i: int) -> None:
        with Workspace.open(url=db_url) as mine:
            edited = _renamed(demo, f"Version {i}")
            barrier.wait()
            try:
                outcomes.append(mine.save(edited, f"writer-{i}", base_revision=1))
            except Exception as exc:
                outcomes.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    conflicts = [o for o in outcomes if isinstance(o, SaveConflict)]
    wins = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(wins) == 1 and len(conflicts) == writers - 1, outcomes
    with Workspace.open(url=db_url) as ws:
        assert [r.number for r in ws.history(demo.id)] == [1, 2]
        kept_names = sorted(k.engagement.strategy.pillars[1].name for k in ws.kept_drafts(demo.id))
        winner = ws.load(demo.id).engagement.strategy.pillars[1].name
    assert sorted([*kept_names, winner]) == [f"Version {i}" for i in range(writers)]


def test_only_valid_engagements_are_stored(ws: Workspace, demo: Engagement) -> None:
    ws.create(demo, "alice")
    broken = demo.model_copy(deep=True)
    # Lists changed in place escape the model's own checks: save re-validates.
    broken.strategy.pillars.append(Pillar(id=demo.strategy.pillars[0].id, name="Doublon"))
    with pytest.raises(EngagementInvalid) as caught:
        ws.save(broken, "bob", base_revision=1)
    assert "strategy.pillars" in str(caught.value)
    assert len(ws.history(demo.id)) == 1
    assert ws.kept_drafts(demo.id) == []


def test_texts_added_in_place_are_checked_and_cleaned_before_they_are_stored(
    ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "alice")
    edited = demo.model_copy(deep=True)
    edited.engagement.consultants.append("Zoé\x00 Martin\x0bAssociée")
    ws.save(edited, "bob", base_revision=1)
    stored = ws.load(demo.id).engagement.engagement.consultants
    assert stored[-1] == "Zoé Martin\nAssociée"
    broken = demo.model_copy(deep=True)
    broken.engagement.consultants.append(42)  # type: ignore[arg-type]
    with pytest.raises(EngagementInvalid, match=r"engagement\.consultants\[\d\]"):
        ws.save(broken, "bob", base_revision=2)
    assert len(ws.history(demo.id)) == 2


def test_a_save_after_another_process_saved_summarizes_only_its_own_change(
    db_url: str, demo: Engagement
) -> None:
    """The document a workspace kept from its own last save is not diffed once another wrote."""
    with Workspace.open(url=db_url) as mine, Workspace.open(url=db_url) as theirs:
        mine.create(demo, "alice")
        theirs.save(_renamed(demo, "Proche de vous"), "bob", base_revision=1)
        edited = mine.load(demo.id).engagement
        edited.strategy.pillars[2].name = "Simple"
        third = mine.save(edited, "alice", base_revision=2)
        assert "strategy.pillars[2].name" in third.summary
        assert "pillars[1]" not in third.summary
        fourth = mine.save(_renamed(edited, "Humain"), "alice", base_revision=3)
        assert "strategy.pillars[1].name" in fourth.summary
        assert "pillars[2]" not in fourth.summary


def test_unknown_engagements_and_revisions_are_named(ws: Workspace, demo: Engagement) -> None:
    with pytest.raises(NotFound, match="nope"):
        ws.load("nope")
    with pytest.raises(NotFound):
        ws.history("nope")
    ws.create(demo, "alice")
    with pytest.raises(NotFound, match="7"):
        ws.load(demo.id, revision=7)
    with pytest.raises(NotFound):
        ws.kept_draft(999)


def test_list_shows_the_latest_revision_of_each_engagement(ws: Workspace, demo: Engagement) -> None:
    assert ws.list_engagements() == []
    ws.create(demo, "alice")
    ws.save(_renamed(demo, "Simple"), "bob", base_revision=1)
    other = demo.model_copy(deep=True)
    other.engagement.id = "acme"
    other.engagement.client = "ACME Énergie"
    ws.create(other, "carole")
    listed = ws.list_engagements()
    assert [(s.id, s.revision, s.author) for s in listed] == [
        ("acme", 1, "carole"),
        ("horizon-mutuelle", 2, "bob"),
    ]
    assert listed[1].client == "Horizon Mutuelle" and listed[1].phase == demo.engagement.phase


def test_import_creates_then_adds_a_revision(
    ws: Workspace, demo: Engagement, tmp_path: Path
) -> None:
    from cxkit.document import save_engagement

    path = save_engagement(demo, tmp_path / "demo.json")
    assert ws.import_engagement(path, "alice").number == 1
    assert ws.import_engagement(_renamed(demo, "Importé"), "bob").number == 2
    assert ws.load(demo.id).engagement.strategy.pillars[1].name == "Importé"


def test_the_demo_is_loaded_only_into_an_empty_workspace(ws: Workspace) -> None:
    assert ws.ensure_demo() is True
    assert ws.ensure_demo() is False
    assert [s.id for s in ws.list_engagements()] == ["horizon-mutuelle"]


def test_texts_are_stored_exactly_as_given(ws: Workspace, demo: Engagement) -> None:
    edited = demo.model_copy(deep=True)
    edited.strategy.pillars[0].customers_say = "« Ils m'ont rappelé » 👍 — مرحبا\nligne 2\t"
    ws.create(edited, "alice")
    assert ws.load(demo.id).engagement.strategy.pillars[0].customers_say == (
        "« Ils m'ont rappelé » 👍 — مرحبا\nligne 2\t"
    )
