"""The 2×2 matrix's rule on hand-checked cases: medians, quadrant, priority, horizon."""

from __future__ import annotations

import pytest

from cxkit.prioritisation import on_scale, quadrant, term, verdict


@pytest.mark.parametrize(
    ("placements", "impact", "ease", "quadrant_", "priority", "term_"),
    [
        # three people: the middle one decides, the outlier does not move it
        ([(4, 4), (3, 3), (1, 1)], 3, 3, "quick-wins", "high", "short"),
        # two people split on ease: 1.5 is the hard half, and long term (< 2)
        ([(4, 1), (3, 2)], 3.5, 1.5, "major-projects", "medium", "long"),
        # a median exactly on the middle line counts for the lower half
        ([(2, 2), (3, 3)], 2.5, 2.5, "thankless-tasks", "low", "medium"),
        ([(1, 4), (2, 3), (1, 4), (4, 3)], 1.5, 3.5, "fill-ins", "low", "short"),
        ([(3, 2)], 3, 2, "major-projects", "medium", "medium"),
        ([(1, 1), (1, 2), (2, 1)], 1, 1, "thankless-tasks", "low", "long"),
    ],
)
def test_the_medians_give_the_quadrant_the_priority_and_the_term(
    placements: list[tuple[int, int]],
    impact: float,
    ease: float,
    quadrant_: str,
    priority: str,
    term_: str,
) -> None:
    found = verdict(placements)
    assert found is not None
    assert (found.impact, found.ease, found.count) == (impact, ease, len(placements))
    assert (found.quadrant, found.priority, found.term) == (quadrant_, priority, term_)


def test_the_horizon_is_written_in_the_engagements_language() -> None:
    short, medium, long = (verdict([(4, ease)]) for ease in (4, 2, 1))
    assert short is not None and medium is not None and long is not None
    assert (short.horizon("fr"), short.horizon("en")) == ("court terme", "short term")
    assert medium.horizon("fr") == "moyen terme"
    assert long.horizon("en") == "long term"


def test_the_terms_bounds() -> None:
    assert [term(e) for e in (1, 1.5, 2, 2.5, 3, 3.5, 4)] == [
        "long",
        "long",
        "medium",
        "medium",
        "short",
        "short",
        "short",
    ]
    assert quadrant(2.5, 2.6) == "fill-ins" and quadrant(2.6, 2.5) == "major-projects"


def test_only_whole_numbers_from_1_to_4_are_on_the_scale() -> None:
    assert all(on_scale(v) for v in (1, 2, 3, 4, 3.0))
    assert not any(on_scale(v) for v in (0, 5, 2.5, True, "3", None, float("nan")))


def test_no_placement_has_no_verdict() -> None:
    assert verdict([]) is None
