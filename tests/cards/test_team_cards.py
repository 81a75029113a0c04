"""What applies to a team, derived from the demo engagement (issue 15, part A)."""

from __future__ import annotations

import pytest

from cxkit.document import load_demo
from cxkit.model import AppliesTo, Engagement, Ritual, Standard
from cxkit.team_cards import (
    TeamCard,
    TeamScope,
    covers,
    perimeter_teams,
    resolve_scope,
    scope_problems,
    team_card,
)


@pytest.fixture(scope="module")
def demo() -> Engagement:
    return load_demo()


def _ids(card: TeamCard) -> list[str]:
    return [c.standard.id for c in card.standards]


def test_the_contact_centre_gets_exactly_its_standards_postures_and_ritual(
    demo: Engagement,
) -> None:
    card = team_card(demo, TeamScope(channels=("Téléphone",)))
    assert [c.standard.id for c in card.common] == ["std-remb", "std-courrier"]
    assert [c.standard.id for c in card.specific] == ["std-tel", "std-hospi"]
    where = {c.standard.id: c.where for c in card.standards}
    # std-tel holds for the whole team; std-hospi only at a stage and for two segments, by name.
    assert where == {
        "std-remb": "",
        "std-courrier": "",
        "std-tel": "",
        "std-hospi": "Hospitalisation · Seniors, Familles",
    }
    assert [p.name for p in card.postures] == ["Rassurant", "Chaleureux", "Pédagogue"]
    assert [r.id for r in card.rituals] == ["rit-bienvenue"]
    # The ambition's KPI, then those of the pillars served (fiable, proche, clair), not engagé's.
    assert [k.id for k in card.kpis] == ["nps", "delai-remb", "joignabilite", "ces-courriers"]
    assert card.title == "Téléphone"
    assert card.promise == demo.referential.promise
    assert card.pillar_names["engage"] == "Engagé"
    assert (card.engagement_id, card.client, card.lang) == (
        "horizon-mutuelle",
        "Horizon Mutuelle",
        "fr",
    )


def test_an_agency_card_does_not_get_the_phone_standard(demo: Engagement) -> None:
    card = team_card(demo, TeamScope(channels=("Agence",)))
    assert "std-tel" not in _ids(card)
    assert _ids(card) == ["std-remb", "std-courrier", "std-hospi"]
    assert [r.id for r in card.rituals] == ["rit-anniversaire"]
    assert "notoriete-engagement" in [k.id for k in card.kpis]  # the ritual serves engagé


def test_a_combination_narrows_on_every_dimension_it_names(demo: Engagement) -> None:
    scope = TeamScope(channels=("Téléphone",), journey_stages=("Hospitalisation",))
    card = team_card(demo, scope)
    assert card.title == "Téléphone · Hospitalisation"
    assert _ids(card) == ["std-remb", "std-courrier", "std-tel", "std-hospi"]
    assert card.specific[1].where == "Seniors, Familles"  # the stage is the team's own
    assert card.rituals == ()  # the welcome call is at subscription
    souscription = team_card(demo, TeamScope(journey_stages=("Souscription",)))
    assert "std-hospi" not in _ids(souscription)
    assert [r.id for r in souscription.rituals] == ["rit-bienvenue"]
    students = team_card(demo, TeamScope(segments=("jeunes-actifs",)))
    assert "std-hospi" not in _ids(students)
    assert students.title == "Jeunes actifs"


def test_two_channels_keep_the_condition_that_splits_them(demo: Engagement) -> None:
    card = team_card(demo, TeamScope(channels=("Agence", "Téléphone")))
    assert {c.standard.id: c.where for c in card.specific}["std-tel"] == "Téléphone"
    assert card.title == "Agence, Téléphone"


def test_segments_are_ids_in_scopes_and_names_on_cards(demo: Engagement) -> None:
    card = team_card(demo, TeamScope(segments=("seniors",), offers=("Santé famille",)))
    assert card.title == "Seniors · Santé famille"
    assert "std-hospi" in _ids(card)
    assert "seniors" not in card.title
    assert next(c for c in card.specific if c.standard.id == "std-hospi").where == "Hospitalisation"


def test_members_typed_loosely_are_matched(demo: Engagement) -> None:
    scope = resolve_scope(demo, TeamScope(channels=("telephone",), segments=("Seniors",)))
    assert scope == TeamScope(channels=("Téléphone",), segments=("seniors",))
    assert scope_problems(demo, scope) == []
    assert team_card(demo, TeamScope(channels=(" TÉLÉPHONE ",))).title == "Téléphone"


def test_an_unknown_member_is_refused_naming_the_perimeters_members(demo: Engagement) -> None:
    problems = scope_problems(demo, TeamScope(channels=("Fax", "Agence"), segments=("retraités",)))
    assert len(problems) == 2
    assert "«\u00a0Fax\u00a0»" in problems[0]
    assert "Agence, Téléphone, Espace en ligne, Application mobile" in problems[0]
    assert "Jeunes actifs, Familles, Seniors, Travailleurs indépendants" in problems[1]
    english = scope_problems(demo, TeamScope(offers=("Auto",)), "en")
    assert english == [
        "“Auto” is not an offer of the perimeter. The perimeter's offers: "
        "Santé individuelle, Santé famille, Prévoyance TNS."
    ]


def test_an_empty_dimension_of_the_perimeter_is_said(demo: Engagement) -> None:
    bare = demo.model_copy(deep=True)
    bare.referential.perimeter.offers = []
    problems = scope_problems(bare, TeamScope(offers=("Auto",)), "en")
    assert problems == ["“Auto” is not an offer of the perimeter: the perimeter declares no offer."]


def test_one_default_card_per_channel(demo: Engagement) -> None:
    teams = perimeter_teams(demo)
    assert [t.label(demo) for t in teams] == [
        "Agence",
        "Téléphone",
        "Espace en ligne",
        "Application mobile",
    ]
    bare = demo.model_copy(deep=True)
    bare.referential.perimeter.channels = []
    assert perimeter_teams(bare) == [TeamScope()]
    everyone = team_card(bare, TeamScope(), "en")
    assert everyone.title == "All teams"
    assert len(everyone.standards) == len(bare.referential.standards)
    assert len(everyone.rituals) == len(bare.referential.rituals)


def test_the_rule_on_hand_made_cases() -> None:
    phone = TeamScope(channels=("Téléphone",))
    assert covers({}, phone)
    assert covers({"channels": ("Téléphone", "Agence")}, phone)
    assert not covers({"channels": ("Agence",)}, phone)
    assert covers({"offers": ("Santé famille",)}, phone)  # a dimension the scope does not name
    assert not covers(
        {"channels": ("Téléphone",), "offers": ("X",)}, TeamScope(("Téléphone",), offers=("Y",))
    )
    specific_without_place = Standard(id="s", statement="S", scope="specific")
    empty_place = Standard(id="e", statement="E", scope="specific", applies_to=AppliesTo())
    common_with_place = Standard(
        id="c", statement="C", scope="common", applies_to=AppliesTo(channels=["Agence"])
    )
    doc = load_demo()
    doc.referential.standards = [specific_without_place, empty_place, common_with_place]
    doc.referential.rituals = [Ritual(id="r", name="R")]
    card = team_card(doc, phone)
    assert [c.standard.id for c in card.common] == ["s", "e", "c"]
    assert card.specific == () and [r.id for r in card.rituals] == ["r"]
