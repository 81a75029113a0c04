from __future__ import annotations

import pytest

from cxkit.store import Workspace
from cxkit.ui.session import EditSession, get_at, problems_at, set_at

DEMO = "horizon-mutuelle"


def test_an_accepted_edit_is_a_new_revision(workspace: Workspace, session: EditSession) -> None:
    before = session.revision
    assert session.set(("strategy", "ambition", "horizon"), 2030) == []
    stored = workspace.load(DEMO)
    assert stored.revision.number == before + 1
    assert stored.engagement.strategy.ambition is not None
    assert stored.engagement.strategy.ambition.horizon == 2030
    assert session.status.state == "saved"
    assert str(before + 1) in session.status.message


@pytest.mark.parametrize(
    ("loc", "value", "code"),
    [
        (
            ("collection", "benchmark", "scores", 0, "values", "Clarté des garanties"),
            9,
            "error.score_range",
        ),
        (("environment", "customer", "segments", 1, "id"), "jeunes-actifs", "error.duplicate_id"),
        (("strategy", "kpis", 1, "pillars"), ["fiabel"], "error.unknown_pillar"),
        (("strategy", "pillars", 0, "name"), None, "error.missing"),
    ],
)
def test_a_refused_edit_changes_nothing_and_says_where(
    workspace: Workspace, session: EditSession, loc: tuple, value: object, code: str
) -> None:
    before = workspace.load(DEMO)
    problems = session.set(loc, value)
    assert code in {p.key for p in problems}
    assert problems_at(problems, loc), "the problem is reported at the field"
    after = workspace.load(DEMO)
    assert after.revision.number == before.revision.number
    assert after.engagement == before.engagement
    assert session.engagement == before.engagement
    assert session.status.state == "refused"
    assert "Non enregistré" in session.status.message


def test_long_answers_are_kept_whole_and_control_characters_cleaned(
    workspace: Workspace, session: EditSession
) -> None:
    long = ("Le membre explique son parcours. " * 200)[:5000]
    assert session.set(("collection", "interviews", 3, "answers", "irritants"), long) == []
    assert session.set(("collection", "interviews", 3, "notes"), "ligne 1\x0bligne 2\x07 fin") == []
    interview = workspace.load(DEMO).engagement.collection.interviews[3]
    assert interview.answers["irritants"] == long and len(long) == 5000
    assert interview.notes == "ligne 1\nligne 2 fin"


def test_a_conflict_keeps_the_edit_and_reload_replays_it(workspace: Workspace) -> None:
    mine = EditSession.open(workspace, DEMO, "claire", delay=0)
    theirs = EditSession.open(workspace, DEMO, "hugo", delay=0)
    assert theirs.set(("environment", "company", "strategy"), "Stratégie de Hugo") == []
    assert mine.set(("strategy", "ambition", "statement"), "Ambition de Claire") == []
    assert mine.status.state == "conflict"
    assert mine.engagement.strategy.ambition.statement == "Ambition de Claire"  # type: ignore[union-attr]
    assert workspace.load(DEMO).engagement.strategy.ambition.statement != "Ambition de Claire"  # type: ignore[union-attr]
    assert workspace.kept_drafts(DEMO), "the store kept the refused content too"

    assert mine.reload(keep_edits=True) == []
    latest = workspace.load(DEMO).engagement
    assert latest.strategy.ambition.statement == "Ambition de Claire"  # type: ignore[union-attr]
    assert latest.environment.company.strategy == "Stratégie de Hugo"
    assert mine.status.state == "saved"


def test_debounced_edits_wait_for_flush(workspace: Workspace) -> None:
    session = EditSession.open(workspace, DEMO, "claire", delay=60)
    base = session.revision
    session.set(("environment", "company", "values", 0), "Entraide")
    session.set(("environment", "company", "values", 1), "Écoute")
    assert session.status.state == "pending"
    assert workspace.load(DEMO).revision.number == base
    session.flush()
    stored = workspace.load(DEMO)
    assert stored.revision.number == base + 1
    assert stored.engagement.environment.company.values[:2] == ["Entraide", "Écoute"]


def test_locations_read_and_write_plain_documents() -> None:
    doc: dict = {}
    set_at(doc, ("strategy", "ambition", "horizon"), 2029)
    assert get_at(doc, ("strategy", "ambition", "horizon")) == 2029
    set_at(doc, ("strategy", "ambition", "horizon"), None)
    assert doc == {"strategy": {"ambition": {}}}
    assert get_at(doc, ("strategy", "pillars", 3, "name"), "?") == "?"
