"""Workshop results computed from contributions, on cases counted by hand."""

from __future__ import annotations

from typing import Any

import pytest

from cxkit.document import load_demo
from cxkit.labels import Labels
from cxkit.model import Contribution, Engagement
from cxkit.outcomes import activity_name, describe, headline, verdicts
from cxkit.results import WorkshopResult, workshop_results
from tests.workshop_run import contribution

NB = "\u00a0"


def _c(n: int, kind: str, who: str, team: str | None = None, **fields: Any) -> Contribution:
    """A contribution as the store exports it (built without validation, like the store's)."""
    workshop = fields.pop("workshop", "atelier-1")
    return contribution(f"c-{n:04d}", workshop, who, team, kind, **fields)


CONTRIBUTIONS = [
    # proposals: c-2 merged into c-1, adopted as the pillar "clair"
    _c(1, "pillar-proposal", "p1", "marketing", text="Limpide", status="adopted", into="clair"),
    _c(2, "pillar-proposal", "p2", "sales", text="limpide ", status="merged", into="c-0001"),
    _c(3, "pillar-proposal", "p3", "sales", text="Moins cher", status="rejected"),
    _c(4, "pillar-proposal", "p4", None, text="Humain"),
    # 12 dots
    _c(5, "vote", "p1", "marketing", target="c-0002", value=3),
    _c(6, "vote", "p2", "sales", target="clair", value=2),
    _c(7, "vote", "p3", "sales", target="c-0003", value=4),
    _c(8, "vote", "p4", None, target="fiable", value=1),
    _c(9, "vote", "p5", "marketing", target="c-0004", value=2),
    # ratings on a scale of 5
    _c(10, "rating", "p1", "marketing", target="Accueil", value=4),
    _c(11, "rating", "p2", "sales", target="Accueil", value=2),
    _c(12, "rating", "p3", "sales", target="Accueil", value=5),
    _c(13, "rating", "p1", "marketing", target="Délais", value=5),
    # rankings of pillars
    _c(14, "ranking", "p1", "marketing", details={"order": ["fiable", "proche", "clair"]}),
    _c(15, "ranking", "p2", "sales", details={"order": ["proche", "fiable"]}),
    _c(16, "ranking", "p3", "sales", details={"order": ["clair", "proche", "fiable"]}),
    _c(33, "ranking", "p3", "sales", details={"order": ["proche", "clair", "fiable"]}),  # again
    # a 2×2: p1 moved its placement, the last one counts
    _c(17, "placement", "p1", "marketing", target="act-rappel", details={"impact": 4, "ease": 2}),
    _c(18, "placement", "p1", "marketing", target="act-rappel", details={"impact": 5, "ease": 3}),
    _c(19, "placement", "p2", "sales", target="act-rappel", details={"impact": 1, "ease": 1}),
    _c(20, "placement", "p3", "sales", target="act-rappel", details={"impact": 3, "ease": 5}),
    # questions and their upvotes
    _c(21, "question", "p1", "marketing", text="Quand ?"),
    _c(22, "question", "p2", "sales", text="Combien ?"),
    _c(23, "upvote", "p3", "sales", target="c-0022"),
    _c(24, "upvote", "p4", None, target="c-0022"),
    _c(25, "upvote", "p5", "marketing", target="c-0021"),
    # words, a KPI proposal, a comment, a kind this module does not know
    _c(26, "word", "p1", "marketing", text="Lent"),
    _c(27, "word", "p2", "sales", text="lent "),
    _c(28, "word", "p3", "sales", text="Cher"),
    _c(
        29,
        "kpi-proposal",
        "p2",
        "sales",
        text="Taux de rappel tenu",
        status="adopted",
        details={"pillar": "proche", "unit": "%", "target": 90.0},
    ),
    _c(30, "comment", "p3", "sales", text="Très bien"),
    _c(31, "mystery", "p4", None, text="?"),
    _c(32, "vote", "p9", "sales", target="fiable", value=5, workshop="atelier-inconnu"),
]


@pytest.fixture(scope="module")
def engagement() -> Engagement:
    return load_demo().model_copy(update={"contributions": CONTRIBUTIONS})


@pytest.fixture(scope="module")
def result(engagement: Engagement) -> WorkshopResult:
    (only,) = workshop_results(engagement)  # atelier-2 had none; an unknown workshop is left out
    return only


def _activity(result: WorkshopResult, kind: str) -> Any:
    found = result.activity(kind)
    assert found is not None
    return found


def test_a_workshop_counts_its_people_and_its_teams_most_active_first(
    result: WorkshopResult,
) -> None:
    assert result.workshop.id == "atelier-1"
    assert result.participants == 5
    assert result.teams == ("sales", "marketing")  # 15 contributions against 12
    kinds = [a.kind for a in result.activities]
    assert kinds == [
        "word",
        "pillar-proposal",
        "vote",
        "ranking",
        "rating",
        "placement",
        "kpi-proposal",
        "question",
        "upvote",
        "comment",
        "mystery",  # unknown: after the known ones
    ]


def test_dots_follow_a_proposal_into_its_pillar_and_split_by_team(result: WorkshopResult) -> None:
    votes = _activity(result, "vote")
    assert votes.total == 12 and votes.contributions == 5 and votes.participants == 5
    table = [(ln.name, ln.score.value, ln.score.n, ln.status, ln.kept) for ln in votes.lines]
    assert table == [
        ("Clair", 5, 2, "new", "pillar"),  # 3 on the merged c-2 (-> c-1 -> clair) + 2
        ("Moins cher", 4, 1, "rejected", ""),
        ("Humain", 2, 1, "new", ""),
        ("Fiable", 1, 1, "new", "pillar"),
    ]
    clair = votes.lines[0]
    assert {t: (s.value, s.n) for t, s in clair.teams.items()} == {
        "marketing": (3, 1),
        "sales": (2, 1),
    }
    assert votes.lines[3].teams == {}  # a participant without a team counts in the total only
    assert votes.teams == {"marketing": 2, "sales": 2}


def test_proposals_once_per_text_with_the_best_decision(result: WorkshopResult) -> None:
    proposals = _activity(result, "pillar-proposal")
    assert proposals.decided == {"adopted": 1, "merged": 1, "rejected": 1}
    assert [(ln.name, ln.score.value, ln.status) for ln in proposals.lines] == [
        ("Limpide", 2, "adopted"),
        ("Humain", 1, "new"),
        ("Moins cher", 1, "rejected"),
    ]


def test_ratings_give_mean_count_and_distribution_by_team(result: WorkshopResult) -> None:
    ratings = _activity(result, "rating")
    delais, accueil = ratings.lines
    assert (delais.name, delais.score.value, delais.score.n) == ("Délais", 5.0, 1)
    assert (accueil.name, accueil.score.value, accueil.score.n) == ("Accueil", 3.67, 3)
    assert accueil.distribution == (0, 1, 0, 1, 1)
    assert {t: (s.value, s.n) for t, s in accueil.teams.items()} == {
        "marketing": (4.0, 1),
        "sales": (3.5, 2),
    }


def test_ranking_by_mean_position_with_first_places(result: WorkshopResult) -> None:
    ranking = _activity(result, "ranking")
    assert [(ln.name, ln.score.value, ln.score.n, ln.first) for ln in ranking.lines] == [
        ("Proche", 1.33, 3, 2),
        ("Fiable", 2.0, 3, 1),
        ("Clair", 2.5, 2, 0),
    ]
    assert {t: s.value for t, s in ranking.lines[0].teams.items()} == {
        "marketing": 2.0,
        "sales": 1.0,
    }


def test_placement_medians_of_each_persons_last_placement(result: WorkshopResult) -> None:
    (line,) = _activity(result, "placement").lines
    assert line.name.startswith("Rappel garanti")  # the lead's title, not its id
    assert (line.score.value, line.second, line.score.n, line.kept) == (3.0, 3.0, 3, "lead")


def test_questions_by_upvotes_words_by_people_and_unknown_kinds_counted(
    result: WorkshopResult,
) -> None:
    questions = _activity(result, "question")
    assert [(ln.name, ln.score.value) for ln in questions.lines] == [
        ("Combien ?", 2),
        ("Quand ?", 1),
    ]
    assert _activity(result, "upvote").total == 3
    assert [(ln.name, ln.score.value) for ln in _activity(result, "word").lines] == [
        ("Lent", 2),
        ("Cher", 1),
    ]
    mystery = _activity(result, "mystery")
    assert (mystery.measure, mystery.contributions, mystery.lines) == ("count", 1, ())
    comment = _activity(result, "comment")
    assert (comment.measure, comment.contributions, comment.lines) == ("count", 1, ())


def test_the_room_verdicts_in_french_typography(
    engagement: Engagement, result: WorkshopResult
) -> None:
    lb = Labels(engagement, "fr")
    said = verdicts(lb, result)
    assert f"Le pilier «{NB}Clair{NB}» retenu avec 5 gommettes sur 12" in said
    assert f"Le pilier «{NB}Fiable{NB}» retenu avec 1 gommette sur 12" in said
    assert f"«{NB}Proche{NB}» classé premier par 2 participants sur 3" in said
    assert f"«{NB}Délais{NB}» le mieux noté{NB}: 5,0 sur 5 (1 note)" in said
    assert f"Propositions de KPI{NB}: 1 adoptée sur 1" in said
    assert (
        headline(lb, result)
        == said[1]
        == f"Le pilier «{NB}Clair{NB}» retenu avec 5 gommettes sur 12"
    )
    assert activity_name(lb, "mystery") == "Autres contributions"  # never the kind's code
    kpi = _activity(result, "kpi-proposal").lines[0]
    assert describe(lb, "kpi-proposal", kpi.details) == f"Proche · cible{NB}: 90{NB}%"


def test_the_room_verdicts_in_english(engagement: Engagement, result: WorkshopResult) -> None:
    lb = Labels(engagement, "en")
    assert headline(lb, result) == "The “Clair” pillar kept with 5 dots out of 12"


def test_no_contribution_no_result() -> None:
    assert workshop_results(load_demo()) == []
