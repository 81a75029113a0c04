"""The domain model of a CX ID engagement (engagement file format, version 1).

One class per thing the method names, in the method's order: the strategic
environment (customer, company and market visions), the collection
(interviews, benchmark), the CX strategy (ambition, pillars, KPIs), the
relational devices and their action leads, the CX referential (promise,
perimeter, standards, postures, rituals), workshops, validation and
participants' contributions.

The classes check types and closed vocabularies. Rules that span the
document (unique ids, references, scores within the scale) live in
:mod:`cxkit.validation`, which reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from cxkit.text import clean_text
from cxkit.vocab import (
    ActorKind,
    AmbitionType,
    Audience,
    ContributionKind,
    ContributionStatus,
    DeviceKind,
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

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""An id: lower-case letters, digits and hyphens, unique within the engagement."""


def _clean_if_str(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_clean_if_str)]
"""A string as typed by a person: cleaned once, when it enters the model (see cxkit.text)."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "may not be empty")
    return value


Name = Annotated[Text, AfterValidator(_not_blank)]
"""A required label: a name, title, statement or text that may not be empty."""


_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")


def _number(value: Any) -> Any:
    """Accept 6.5, 9 or French "6,5"; refuse booleans and non-finite values."""
    if isinstance(value, bool):
        raise PydanticCustomError("number", "a number is expected")
    if isinstance(value, str):
        text = value.strip()
        if _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        try:
            value = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise PydanticCustomError("number", "a number is expected") from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("number", "a finite number is expected")
        return value
    if isinstance(value, int):
        return value
    raise PydanticCustomError("number", "a number is expected")


def _horizon(value: Any) -> Any:
    """A horizon is a year (2029) or a short text ("2027-S2", "18 mois")."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError("horizon", "a year or a short text is expected")
    return value


Number = Annotated[int | float, BeforeValidator(_number)]
Horizon = Annotated[int | Text, BeforeValidator(_horizon)]


class Model(BaseModel):
    """Base of every part: unknown fields are refused, assignments re-validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- engagement card --------------------------------------------------------


class EngagementInfo(Model):
    id: Slug
    client: Name
    sector: Text | None = None
    market: Market | None = None
    language: Language = "fr"
    consultants: list[Text] = Field(default_factory=list)
    sponsor: Text | None = None
    start: dt.date | None = None
    phase: Phase = "collection"


# --- phase 1: the strategic environment --------------------------------------


class Segment(Model):
    id: Slug
    name: Name
    description: Text | None = None
    share: Annotated[float, Field(ge=0, le=1)] | None = None
    value: SegmentValue | None = None
    priority: SegmentPriority | None = None
    expectations: list[Text] = Field(default_factory=list)
    needs: list[Text] = Field(default_factory=list)


class CustomerVision(Model):
    segments: list[Segment] = Field(default_factory=list)


class CompanyVision(Model):
    strategy: Text | None = None
    objectives: list[Text] = Field(default_factory=list)
    values: list[Text] = Field(default_factory=list)


class Competitor(Model):
    id: Slug
    name: Name
    positioning: Text | None = None
    practices: list[Text] = Field(default_factory=list)


class BestPractice(Model):
    actor: Name
    sector: Text | None = None
    practice: Text | None = None
    applicability: Text | None = None


class MarketVision(Model):
    competitors: list[Competitor] = Field(default_factory=list)
    best_practices: list[BestPractice] = Field(default_factory=list)


class Environment(Model):
    customer: CustomerVision = Field(default_factory=CustomerVision)
    company: CompanyVision = Field(default_factory=CompanyVision)
    market: MarketVision = Field(default_factory=MarketVision)


# --- phase 1: collection ------------------------------------------------------


class Verbatim(Model):
    text: Name
    vision: Vision | None = None
    themes: list[Text] = Field(default_factory=list)
    segment: Text | None = None


class Interview(Model):
    id: Slug
    audience: Audience | None = None
    team: Team | None = None
    role: Text | None = None
    segment: Text | None = None
    date: dt.date | None = None
    interviewer: Text | None = None
    notes: Text | None = None
    answers: dict[Text, Text] = Field(default_factory=dict)
    """Notes taken against the interview guide, by question id."""
    verbatims: list[Verbatim] = Field(default_factory=list)


class BenchmarkScore(Model):
    actor: Name
    kind: ActorKind | None = None
    values: dict[Text, int] = Field(default_factory=dict)
    notes: Text | None = None


class Benchmark(Model):
    scale: Annotated[int, Field(ge=2, le=10)] = 5
    criteria: list[Text] = Field(default_factory=list)
    scores: list[BenchmarkScore] = Field(default_factory=list)


class Collection(Model):
    interviews: list[Interview] = Field(default_factory=list)
    benchmark: Benchmark = Field(default_factory=Benchmark)


# --- phase 2: the CX strategy -------------------------------------------------


class Ambition(Model):
    statement: Text | None = None
    type: AmbitionType | None = None
    horizon: Horizon | None = None


class Pillar(Model):
    id: Slug
    name: Name
    customers_say: Text | None = None
    """What we want customers to say about us: the pillar in their words."""
    role: PillarRole | None = None
    rationale: Text | None = None
    sources: list[Text] = Field(default_factory=list)
    """Segment, interview or competitor ids that support the pillar."""


class Kpi(Model):
    id: Slug
    name: Name
    pillars: list[Text] = Field(default_factory=list)
    """Empty: the KPI measures the ambition as a whole."""
    definition: Text | None = None
    unit: Text | None = None
    baseline: Number | None = None
    target: Number | None = None
    frequency: Text | None = None
    source: Text | None = None


class Strategy(Model):
    ambition: Ambition | None = None
    pillars: list[Pillar] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)


# --- phase 2: relational devices ----------------------------------------------


class Action(Model):
    id: Slug
    title: Name
    pillars: list[Text] = Field(default_factory=list)
    priority: Priority | None = None
    horizon: Horizon | None = None
    owner: Text | None = None
    description: Text | None = None


class Device(Model):
    kind: DeviceKind
    name: Text | None = None
    actions: list[Action] = Field(default_factory=list)


# --- phase 2: the CX referential ----------------------------------------------


class Promise(Model):
    statement: Text | None = None
    components: list[Text] = Field(default_factory=list)


class _PerimeterLists(Model):
    offers: list[Text] = Field(default_factory=list)
    journey_stages: list[Text] = Field(default_factory=list)
    channels: list[Text] = Field(default_factory=list)
    segments: list[Text] = Field(default_factory=list)


class Perimeter(_PerimeterLists):
    """What the referential covers: the offers, journey stages, channels and segment ids it declares."""


class AppliesTo(_PerimeterLists):
    """Where a specific standard applies: members of the perimeter's lists."""


class Standard(Model):
    id: Slug
    statement: Name
    pillars: list[Text] = Field(default_factory=list)
    indicator: Text | None = None
    threshold: Number | None = None
    unit: Text | None = None
    scope: StandardScope | None = None
    applies_to: AppliesTo | None = None


class Posture(Model):
    name: Name
    description: Text | None = None


class Ritual(Model):
    id: Slug
    name: Name
    description: Text | None = None
    moment: Text | None = None
    """A journey stage of the perimeter."""
    channels: list[Text] = Field(default_factory=list)
    pillars: list[Text] = Field(default_factory=list)


class Referential(Model):
    orientation: Orientation | None = None
    promise: Promise | None = None
    perimeter: Perimeter = Field(default_factory=Perimeter)
    standards: list[Standard] = Field(default_factory=list)
    postures: list[Posture] = Field(default_factory=list)
    rituals: list[Ritual] = Field(default_factory=list)


# --- workshops, validation, contributions --------------------------------------


class Workshop(Model):
    id: Slug
    title: Name
    date: dt.date | None = None
    participants: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)


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
    status: ValidationStatus = "draft"
    by: Text | None = None
    date: dt.date | None = None


class Validation(Model):
    strategy: SectionValidation = Field(default_factory=SectionValidation)
    referential: SectionValidation = Field(default_factory=SectionValidation)
    devices: SectionValidation = Field(default_factory=SectionValidation)


class Contribution(Model):
    id: Slug
    workshop: Text
    participant: Text
    team: Text | None = None
    kind: ContributionKind
    target: Text | None = None
    text: Text | None = None
    value: Number | None = None
    at: dt.datetime | None = None
    status: ContributionStatus = "new"


# --- the engagement -------------------------------------------------------------


class Engagement(Model):
    """One client mission: the whole document, sections in the method's order."""

    cxkit: Literal[1] = FORMAT_VERSION
    engagement: EngagementInfo
    environment: Environment = Field(default_factory=Environment)
    collection: Collection = Field(default_factory=Collection)
    strategy: Strategy = Field(default_factory=Strategy)
    devices: list[Device] = Field(default_factory=list)
    referential: Referential = Field(default_factory=Referential)
    workshops: list[Workshop] = Field(default_factory=list)
    restitution: Restitution = Field(default_factory=Restitution)
    validation: Validation = Field(default_factory=Validation)
    contributions: list[Contribution] = Field(default_factory=list)

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
