"""What applies to one team: the referential seen from a member of its perimeter.

A team is named by members of the referential's perimeter (a channel, a
journey stage, a segment, an offer, or any combination): a :class:`TeamScope`.
:func:`team_card` derives from the engagement what that team must apply: the
promise, the common standards, the specific standards that cover it, the
postures (all of them), the rituals at its moments and channels, and the KPIs
of the pillars those standards and rituals serve (with the ambition's own
KPIs). The team-cards deck and the employees' page both draw a
:class:`TeamCard`; neither decides what applies.

The rule (docs/format.md, "Who a specific standard applies to"): a specific
standard applies to a scope when, on every dimension that BOTH the
standard's ``applies_to`` and the scope name, they share a member; a
dimension the standard does not name does not restrict it, nor does one the
scope does not name. A ritual is read the same way, its ``moment`` as its
journey stage and its ``channels`` as its channels. A standard whose scope is
``common``, or that has no ``applies_to`` (or an empty one), is common. The
empty scope is every team: all standards and rituals apply.

Segments are named by id in the perimeter and in scopes; everything shown
(labels, conditions) uses the segments' names. Members typed by a person are
matched without regard to case or accents, a segment by its id or its name
(:func:`resolve_scope`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cxkit.i18n import resolve_lang, t
from cxkit.model import AppliesTo, Engagement, Kpi, Posture, Promise, Ritual, Standard

DIMENSIONS: tuple[str, ...] = ("channels", "journey_stages", "segments", "offers")
"""The perimeter's dimensions, in the order labels and conditions name them."""
BETWEEN_DIMENSIONS = " · "
WITHIN_DIMENSION = ", "

Conditions = Mapping[str, Sequence[str]]
"""Members by dimension: where a standard or a ritual applies, or what a scope names."""


@dataclass(frozen=True)
class TeamScope:
    """The members of the referential's perimeter that name a team, per dimension."""

    channels: tuple[str, ...] = ()
    journey_stages: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    """Segment ids, as the perimeter lists them."""
    offers: tuple[str, ...] = ()

    def members(self, dimension: str) -> tuple[str, ...]:
        return tuple(getattr(self, dimension))

    def conditions(self) -> dict[str, tuple[str, ...]]:
        return {d: self.members(d) for d in DIMENSIONS if self.members(d)}

    def label(self, engagement: Engagement, lang: str | None = None) -> str:
        """The team in words: "Téléphone", "Téléphone · Hospitalisation"; every team when empty."""
        text = describe(engagement, self.conditions())
        return text or t("cards.scope.everyone", resolve_lang(lang or engagement.language))


@dataclass(frozen=True)
class CardStandard:
    """A standard on a card, with where it applies within the team, in words."""

    standard: Standard
    where: str
    """"" for a common one, or a specific one that holds for the whole team; else its
    conditions the team does not already meet, e.g. "Hospitalisation · Seniors, Familles"."""


@dataclass(frozen=True)
class TeamCard:
    """Everything one team must apply, as the deck and the employees' page show it."""

    engagement_id: str
    client: str
    lang: str
    scope: TeamScope
    title: str
    """The team in words (:meth:`TeamScope.label`)."""
    promise: Promise | None
    common: tuple[CardStandard, ...]
    specific: tuple[CardStandard, ...]
    postures: tuple[Posture, ...]
    rituals: tuple[Ritual, ...]
    kpis: tuple[Kpi, ...]
    pillar_names: dict[str, str]
    """Pillar id -> name, so that a view shows names, never ids."""

    @property
    def standards(self) -> tuple[CardStandard, ...]:
        return self.common + self.specific


# --- the rule --------------------------------------------------------------------------


def standard_conditions(standard: Standard) -> dict[str, tuple[str, ...]]:
    """Where a specific standard applies, by dimension (empty for a common one)."""
    if standard.scope == "common" or standard.applies_to is None:
        return {}
    return _applies_to(standard.applies_to)


def ritual_conditions(ritual: Ritual) -> dict[str, tuple[str, ...]]:
    """Where a ritual applies: its moment is its journey stage, and its channels."""
    found: dict[str, tuple[str, ...]] = {}
    if ritual.moment:
        found["journey_stages"] = (ritual.moment,)
    if ritual.channels:
        found["channels"] = tuple(ritual.channels)
    return found


def covers(conditions: Conditions, scope: TeamScope) -> bool:
    """Whether something applying where ``conditions`` say applies to ``scope``: on every
    dimension both name, they share a member."""
    for dimension, members in conditions.items():
        named = scope.members(dimension)
        if members and named and not set(members) & set(named):
            return False
    return True


def remaining(conditions: Conditions, scope: TeamScope) -> dict[str, tuple[str, ...]]:
    """The conditions the whole team does not already meet: a dimension is left out when
    every member the scope names is one of the standard's."""
    return {
        dimension: tuple(members)
        for dimension, members in conditions.items()
        if members
        and not (scope.members(dimension) and set(scope.members(dimension)) <= set(members))
    }


def describe(engagement: Engagement, conditions: Conditions) -> str:
    """Conditions in words, segments by name: "Hospitalisation · Seniors, Familles"."""
    names = _segment_names(engagement)
    parts = []
    for dimension in DIMENSIONS:
        members = conditions.get(dimension, ())
        if dimension == "segments":
            members = [names.get(m, m) for m in members]
        if members:
            parts.append(WITHIN_DIMENSION.join(members))
    return BETWEEN_DIMENSIONS.join(parts)


# --- the card ----------------------------------------------------------------------------


def team_card(engagement: Engagement, scope: TeamScope, lang: str | None = None) -> TeamCard:
    """What applies to ``scope`` (members matched as :func:`resolve_scope` does), in
    ``lang`` or else the engagement's language."""
    scope = resolve_scope(engagement, scope)
    lang = resolve_lang(lang or engagement.language)
    ref = engagement.referential
    common, specific = [], []
    for std in ref.standards:
        conditions = standard_conditions(std)
        if not conditions:
            common.append(CardStandard(std, ""))
        elif covers(conditions, scope):
            specific.append(CardStandard(std, describe(engagement, remaining(conditions, scope))))
    rituals = [r for r in ref.rituals if covers(ritual_conditions(r), scope)]
    served = {p for c in (*common, *specific) for p in c.standard.pillars}
    served |= {p for r in rituals for p in r.pillars}
    kpis = [k for k in engagement.strategy.kpis if not k.pillars or served & set(k.pillars)]
    return TeamCard(
        engagement_id=engagement.id,
        client=engagement.engagement.client,
        lang=lang,
        scope=scope,
        title=scope.label(engagement, lang),
        promise=ref.promise,
        common=tuple(common),
        specific=tuple(specific),
        postures=tuple(ref.postures),
        rituals=tuple(rituals),
        kpis=tuple(kpis),
        pillar_names={p.id: p.name for p in engagement.strategy.pillars},
    )


def perimeter_teams(engagement: Engagement) -> list[TeamScope]:
    """The default set of cards: one per channel of the perimeter, in its order; one card
    for every team (the empty scope) when the perimeter names no channel."""
    channels = engagement.referential.perimeter.channels
    return [TeamScope(channels=(c,)) for c in channels] or [TeamScope()]


# --- members typed by a person -----------------------------------------------------------


def scope_problems(engagement: Engagement, scope: TeamScope, lang: str | None = None) -> list[str]:
    """One message per member that is not in the perimeter, naming the perimeter's members
    of that dimension, in ``lang`` or else the engagement's language."""
    lang = resolve_lang(lang or engagement.language)
    names = _segment_names(engagement)
    problems = []
    for dimension in DIMENSIONS:
        declared = _declared(engagement, dimension)
        for member in scope.members(dimension):
            if _match(engagement, dimension, member) is not None:
                continue
            shown = [names.get(m, m) for m in declared] if dimension == "segments" else declared
            key = f"cards.problem.{dimension}" + ("" if shown else ".none")
            problems.append(t(key, lang, value=member, members=WITHIN_DIMENSION.join(shown)))
    return problems


def resolve_scope(engagement: Engagement, scope: TeamScope) -> TeamScope:
    """``scope`` with each member written as the perimeter declares it ("telephone" ->
    "Téléphone", "Seniors" -> "seniors"); a member not found is kept as typed, once."""
    resolved: dict[str, tuple[str, ...]] = {}
    for dimension in DIMENSIONS:
        members = (_match(engagement, dimension, m) or m for m in scope.members(dimension))
        resolved[dimension] = tuple(dict.fromkeys(members))
    return TeamScope(**resolved)


def _declared(engagement: Engagement, dimension: str) -> list[str]:
    return list(getattr(engagement.referential.perimeter, dimension))


def _match(engagement: Engagement, dimension: str, typed: str) -> str | None:
    wanted = _fold(typed)
    names = _segment_names(engagement) if dimension == "segments" else {}
    for member in _declared(engagement, dimension):
        if wanted in (_fold(member), _fold(names.get(member, member))):
            return member
    return None


def _fold(text: str) -> str:
    """Compared without case, accents or surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _segment_names(engagement: Engagement) -> dict[str, str]:
    return {s.id: s.name for s in engagement.environment.customer.segments}


def _applies_to(applies_to: AppliesTo) -> dict[str, tuple[str, ...]]:
    return {d: tuple(getattr(applies_to, d)) for d in DIMENSIONS if getattr(applies_to, d)}
