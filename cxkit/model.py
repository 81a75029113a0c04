"""The domain model of a CX ID engagement (engagement file format, version 1).

One class per thing the method names, in the method's order: the strategic
environment (customer, company and market visions), the collection
(interviews, benchmark), the CX strategy (ambition, pillars, KPIs), the
relational devices and their action leads, the CX referential (promise,
perimeter, standards, postures, rituals), workshops, validation, the
measurements that steer the referential afterwards, and participants'
contributions.

The classes check types and closed vocabularies (the value types are in
:mod:`cxkit.value_types`, the vocabularies in :mod:`cxkit.vocab`); their
docstrings are the descriptions of the JSON Schema editors read. Rules that span the
document (unique ids, references, scores within the scale) live in
:mod:`cxkit.validation`, which reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from cxkit.value_types import Horizon, KpiHorizon, Name, Number, Period, Slug, Text
from cxkit.vocab import (
    ActorKind,
    AmbitionType,
    Audience,
    ContributionKind,
    ContributionStatus,
    DeviceKind,
    Direction,
    Language,
    Market,
    Orientation,
    Phase,
    PillarRole,
    Priority,
    SegmentPriority,
    SegmentValue,
    SlideMessage,
    StandardScope,
    Team,
    ValidationStatus,
    Vision,
)

FORMAT_VERSION: Literal[1] = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (1,)


class Model(BaseModel):
    """Base of every part: unknown fields are refused, assignments re-validated."""

    # Field docstrings become the descriptions of the JSON Schema (cxkit schema).
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, use_attribute_docstrings=True
    )


# --- engagement card --------------------------------------------------------


class EngagementInfo(Model):
    """The engagement card: the client, the mission and where it stands; id and client required."""

    id: Slug
    client: Name
    """The client's name, as the deliverables show it."""
    sector: Text | None = None
    """The client's sector of activity."""
    market: Market | None = None
    """The client's market."""
    language: Language = "fr"
    """The language of the deliverables (deck, workbook) and of the messages."""
    consultants: list[Text] = Field(default_factory=list)
    """The consultants running the engagement."""
    sponsor: Text | None = None
    """The client-side sponsor: a name or a role."""
    start: dt.date | None = None
    """When the engagement started (YYYY-MM-DD)."""
    phase: Phase = "collection"
    """Where the engagement stands in the method."""


# --- phase 1: the strategic environment --------------------------------------


class Segment(Model):
    """A customer segment of the customer vision."""

    id: Slug
    name: Name
    description: Text | None = None
    share: Annotated[float, Field(ge=0, le=1)] | None = None
    """Share of the customer base, from 0 to 1."""
    value: SegmentValue | None = None
    """The segment's value for the client."""
    priority: SegmentPriority | None = None
    """What the strategy seeks with it: acquisition, retention, both or none."""
    expectations: list[Text] = Field(default_factory=list)
    """What these customers expect, in their words; pillars trace back to them."""
    needs: list[Text] = Field(default_factory=list)
    """Needs the offer or the journeys must meet."""


class CustomerVision(Model):
    """Phase 1, customer vision: who the customers are and what they expect."""

    segments: list[Segment] = Field(default_factory=list)


class CompanyVision(Model):
    """Phase 1, company vision: the company's strategy, key objectives and values (its DNA)."""

    strategy: Text | None = None
    objectives: list[Text] = Field(default_factory=list)
    """Key objectives."""
    values: list[Text] = Field(default_factory=list)
    """The company's values: its DNA."""


class Competitor(Model):
    """A competitor of the market vision."""

    id: Slug
    name: Name
    positioning: Text | None = None
    """How it positions itself."""
    practices: list[Text] = Field(default_factory=list)
    """Its notable customer-experience practices."""


class BestPractice(Model):
    """A cross-sector best practice: an actor outside the market whose practice inspires."""

    actor: Name
    """Who does it."""
    sector: Text | None = None
    practice: Text | None = None
    applicability: Text | None = None
    """How it could apply to the client."""


class MarketVision(Model):
    """Phase 1, market vision: competitors and cross-sector best practices."""

    competitors: list[Competitor] = Field(default_factory=list)
    best_practices: list[BestPractice] = Field(default_factory=list)


class Environment(Model):
    """Phase 1: the strategic environment, in three visions."""

    customer: CustomerVision = Field(default_factory=CustomerVision)
    company: CompanyVision = Field(default_factory=CompanyVision)
    market: MarketVision = Field(default_factory=MarketVision)


# --- phase 1: collection ------------------------------------------------------


class Verbatim(Model):
    """Words heard in an interview, coded by vision and themes."""

    text: Name
    """The words as said."""
    vision: Vision | None = None
    """The vision these words feed."""
    themes: list[Text] = Field(default_factory=list)
    """Free theme tags, to group verbatims."""
    segment: Text | None = None
    """The segment id of the speaker (optional, added by cxkit)."""


class Interview(Model):
    """An internal, customer or partner interview of the collection."""

    id: Slug
    audience: Audience | None = None
    team: Team | None = None
    """For an internal interview: the team interviewed."""
    role: Text | None = None
    """The interviewee's role."""
    segment: Text | None = None
    """For a customer interview: the segment id of the customer."""
    date: dt.date | None = None
    interviewer: Text | None = None
    notes: Text | None = None
    answers: dict[Text, Text] = Field(default_factory=dict)
    """Notes taken against the interview guide, by question id."""
    verbatims: list[Verbatim] = Field(default_factory=list)


class BenchmarkScore(Model):
    """One actor's row of the benchmark."""

    actor: Name
    """The actor's name."""
    kind: ActorKind | None = None
    """self (the client), competitor or cross-sector."""
    values: dict[Text, int] = Field(
        default_factory=dict,
        # For an editor: no scale goes beyond 1..10; the document rules check the actual scale.
        json_schema_extra={
            "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 10}
        },
    )
    """Scores by criterion, whole numbers from 1 to the scale; a criterion left out has no score (not zero)."""
    notes: Text | None = None


class Benchmark(Model):
    """Phase 1: actors scored on criteria."""

    scale: Annotated[int, Field(ge=2, le=10)] = 5
    """The top of the scale (2 to 10): scores run from 1 to it."""
    criteria: list[Text] = Field(default_factory=list, json_schema_extra={"uniqueItems": True})
    """The criteria scored, each named once."""
    scores: list[BenchmarkScore] = Field(default_factory=list)


class Collection(Model):
    """Phase 1: the interviews and the benchmark."""

    interviews: list[Interview] = Field(default_factory=list)
    benchmark: Benchmark = Field(default_factory=Benchmark)


# --- provenance ---------------------------------------------------------------


class Provenance(Model):
    """Where an object adopted from a workshop came from: the workshop, the contributions, the dots."""

    workshop: Text
    """The id of the workshop it was proposed in."""
    contributions: list[Text] = Field(default_factory=list)
    """The ids of the participants' contributions it was adopted from (the first one, then those merged into it)."""
    dots: Annotated[int, Field(ge=0)] | None = None
    """The dots the room gave those contributions before adoption."""


# --- phase 2: the CX strategy -------------------------------------------------


class Ambition(Model):
    """Phase 2: the CX ambition, which the pillars embody."""

    statement: Text | None = None
    type: AmbitionType | None = None
    """positioning (a market position: "be the leader of…"), recognition (recognised on one dimension), impact (on customers' daily life)."""
    horizon: Horizon | None = None
    """When: a year (2029) or a short text ("2027-S2")."""


class Pillar(Model):
    """A pillar of the CX strategy: what we want customers to say about us."""

    id: Slug
    name: Name
    customers_say: Text | None = None
    """What we want customers to say about us: the pillar in their words."""
    role: PillarRole | None = None
    """fundamental or differentiating."""
    rationale: Text | None = None
    """Why this pillar; for a differentiating one, against whom."""
    sources: list[Text] = Field(default_factory=list)
    """Segment, interview or competitor ids that support the pillar."""
    provenance: Provenance | None = None
    """Set when adopted from a workshop: where it came from."""


class Kpi(Model):
    """An indicator of the ambition or of pillars."""

    id: Slug
    name: Name
    pillars: list[Text] = Field(default_factory=list)
    """Empty: the KPI measures the ambition as a whole."""
    definition: Text | None = None
    unit: Text | None = None
    baseline: Number | None = None
    """The value today: a number ("6,5" is read as 6.5)."""
    target: Number | None = None
    """The value aimed at: a number."""
    horizon: KpiHorizon | None = None
    """By when the target is to be reached: a year (its end, 2028) or a period (2028-Q2, 2028-06)."""
    baseline_period: Period | None = None
    """The period the baseline was measured in (2026-Q4): where the expected progress starts."""
    frequency: Text | None = None
    """How often it is measured."""
    source: Text | None = None
    """Where the figure comes from."""
    provenance: Provenance | None = None
    """Set when adopted from a workshop: where it came from."""


class Strategy(Model):
    """Phase 2: the CX strategy: an ambition, 3 or 4 pillars, KPIs."""

    ambition: Ambition | None = None
    pillars: list[Pillar] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)


# --- phase 2: relational devices ----------------------------------------------


class Action(Model):
    """An action lead of a relational device."""

    id: Slug
    title: Name
    pillars: list[Text] = Field(default_factory=list)
    """The pillar ids the action carries."""
    priority: Priority | None = None
    horizon: Horizon | None = None
    owner: Text | None = None
    """Who carries it at the client."""
    description: Text | None = None
    provenance: Provenance | None = None
    """Set when adopted from a workshop: where it came from."""


class Device(Model):
    """A relational device, with its action leads."""

    kind: DeviceKind
    """distribution (distribution model and customer relationship), offer (products and services), journeys (customer journeys), loyalty (loyalty and engagement devices), culture (customer culture and listening)."""
    name: Text | None = None
    """The client's own name for it."""
    actions: list[Action] = Field(default_factory=list)


# --- phase 2: the CX referential ----------------------------------------------


class Promise(Model):
    """The customer promise: the referential in one sentence."""

    statement: Text | None = None
    components: list[Text] = Field(default_factory=list)
    """What the promise is made of."""


class _PerimeterLists(Model):
    offers: list[Text] = Field(default_factory=list)
    """Offers: products and services."""
    journey_stages: list[Text] = Field(default_factory=list)
    """Stages of the customer journey."""
    channels: list[Text] = Field(default_factory=list)
    """Contact channels."""
    segments: list[Text] = Field(default_factory=list)
    """Segment ids."""


class Perimeter(_PerimeterLists):
    """What the referential covers: the offers, journey stages, channels and segment ids it declares."""


class AppliesTo(_PerimeterLists):
    """Where a specific standard applies: members of the perimeter's lists."""


class Standard(Model):
    """A service standard: a measurable commitment."""

    id: Slug
    statement: Name
    pillars: list[Text] = Field(default_factory=list)
    """The pillar ids it serves."""
    indicator: Text | None = None
    """What is measured."""
    threshold: Number | None = None
    """The level to reach: a number."""
    unit: Text | None = None
    direction: Direction | None = None
    """at-least (the value must reach the threshold) or at-most (must not exceed it); left out, cxkit infers it from the unit."""
    scope: StandardScope | None = None
    """common (everywhere) or specific (then applies_to says where)."""
    applies_to: AppliesTo | None = None
    """For a specific standard: where it applies, in members of the perimeter."""
    provenance: Provenance | None = None
    """Set when adopted from a workshop: where it came from."""


class Posture(Model):
    """A posture expected of the client's people."""

    name: Name
    description: Text | None = None
    provenance: Provenance | None = None
    """Set when adopted from a workshop: where it came from."""


class Ritual(Model):
    """A ritual: a recurring practice that keeps the promise alive."""

    id: Slug
    name: Name
    description: Text | None = None
    moment: Text | None = None
    """A journey stage of the perimeter."""
    channels: list[Text] = Field(default_factory=list)
    """Channels of the perimeter."""
    pillars: list[Text] = Field(default_factory=list)
    """The pillar ids it serves."""
    provenance: Provenance | None = None
    """Set when adopted from a workshop: where it came from."""


class Referential(Model):
    """Phase 2: the CX referential: orientation, promise, perimeter, standards, postures, rituals."""

    orientation: Orientation | None = None
    promise: Promise | None = None
    perimeter: Perimeter = Field(default_factory=Perimeter)
    standards: list[Standard] = Field(default_factory=list)
    postures: list[Posture] = Field(default_factory=list)
    rituals: list[Ritual] = Field(default_factory=list)


# --- workshops, validation, contributions --------------------------------------


class Workshop(Model):
    """A workshop held with the client's teams."""

    id: Slug
    title: Name
    date: dt.date | None = None
    participants: list[Text] = Field(default_factory=list)
    """Who took part: names or roles."""
    decisions: list[Text] = Field(default_factory=list)
    """What was decided."""


class NextStep(Model):
    """One step after the restitution meeting: what, who, by when."""

    action: Name
    owner: Text | None = None
    due: dt.date | None = None


class Restitution(Model):
    """The restitution meeting and what the consultant says in its deck (all optional).

    ``messages`` replaces the message (action title) cxkit computes for a slide,
    by the slide's key; ``decisions`` are asked of the committee; ``next_steps``
    follow the meeting.
    """

    meeting: Text | None = None
    date: dt.date | None = None
    messages: dict[SlideMessage, Name] = Field(default_factory=dict)
    decisions: list[Name] = Field(default_factory=list)
    next_steps: list[NextStep] = Field(default_factory=list)


class SectionValidation(Model):
    """The validation of one part of the strategy."""

    status: ValidationStatus = "draft"
    by: Text | None = None
    """Who validated."""
    date: dt.date | None = None


class Validation(Model):
    """Phase 3: the validation of the strategy, the referential and the devices."""

    strategy: SectionValidation = Field(default_factory=SectionValidation)
    referential: SectionValidation = Field(default_factory=SectionValidation)
    devices: SectionValidation = Field(default_factory=SectionValidation)


class Contribution(Model):
    """A participant's input from the forms, apart from the consultant's decisions until adopted."""

    id: Slug
    workshop: Text
    """The id of the workshop it was given in."""
    participant: Text
    """An opaque participant id, never a name."""
    team: Text | None = None
    """The participant's team, from the invitation."""
    kind: ContributionKind
    target: Text | None = None
    """What it is about: a pillar id, a criterion, a question id…"""
    text: Text | None = None
    """For a pillar proposal, a comment or an answer: the text."""
    value: Number | None = None
    """For a vote: the dots given; for a rating: 1 to the scale."""
    details: dict[str, Text | float | list[Text]] = Field(default_factory=dict)
    """The fields of a structured contribution, by name (a KPI proposal's indicator, unit, target)."""
    at: dt.datetime | None = None
    """When it was sent (ISO 8601 date and time)."""
    status: ContributionStatus = "new"
    into: Text | None = None
    """Adopted: what it became (a pillar id); merged: the contribution it joined."""


# --- measurements ---------------------------------------------------------------


class Measurement(Model):
    """One measured value of a standard's indicator or of a KPI, for one period."""

    of: Slug
    """The id of the standard or KPI measured."""
    period: Period
    """The period measured: a quarter (2027-Q1) or a month (2027-01)."""
    value: Number
    """The measured value, in the standard's or KPI's unit ("87,5" is read as 87.5)."""
    source: Text | None = None
    """Where the figure comes from (a BI export, a survey)."""


# --- the engagement -------------------------------------------------------------


class Engagement(Model):
    """One client mission: the whole document, sections in the method's order."""

    cxkit: Literal[1] = FORMAT_VERSION
    """The format version: 1. Required."""
    engagement: EngagementInfo
    """The engagement card. Required, with its id and client."""
    environment: Environment = Field(default_factory=Environment)
    collection: Collection = Field(default_factory=Collection)
    strategy: Strategy = Field(default_factory=Strategy)
    devices: list[Device] = Field(default_factory=list)
    """Phase 2: the relational devices, each of one kind, with action leads."""
    referential: Referential = Field(default_factory=Referential)
    workshops: list[Workshop] = Field(default_factory=list)
    """Phase 2: the workshops held."""
    restitution: Restitution = Field(default_factory=Restitution)
    """Optional: the restitution meeting, its decisions and next steps, and slide messages."""
    validation: Validation = Field(default_factory=Validation)
    measurements: list[Measurement] = Field(default_factory=list)
    """Optional: the measured values of standards and KPIs, one per (of, period)."""
    contributions: list[Contribution] = Field(default_factory=list)
    """Optional: participants' inputs gathered by the forms."""

    @property
    def id(self) -> str:
        return self.engagement.id

    @property
    def language(self) -> str:
        return self.engagement.language

    def pillar(self, pillar_id: str) -> Pillar | None:
        return next((p for p in self.strategy.pillars if p.id == pillar_id), None)

    def actions(self) -> list[tuple[Device, Action]]:
        """Every action lead with the device that carries it."""
        return [(device, action) for device in self.devices for action in device.actions]
