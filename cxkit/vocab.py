"""The closed vocabularies of the engagement format (docs/format.md).

Kept apart from the pydantic model so that light code (a participant's
form, the store's participant path) can name them without building the
whole model.
"""

from __future__ import annotations

from typing import Literal, get_args

# Closed vocabularies (docs/format.md, "Closed vocabularies").
Market = Literal["B2C", "B2B", "B2B2C"]
Language = Literal["fr", "en"]
Phase = Literal["collection", "workshops", "restitution", "done"]
SegmentValue = Literal["high", "medium", "low"]
SegmentPriority = Literal["acquisition", "retention", "both", "none"]
Audience = Literal["internal", "customer", "partner"]
Team = Literal["marketing", "sales", "engagement", "customer-service", "management", "other"]
Vision = Literal["customer", "company", "market"]
ActorKind = Literal["self", "competitor", "cross-sector"]
AmbitionType = Literal["positioning", "recognition", "impact"]
PillarRole = Literal["fundamental", "differentiating"]
DeviceKind = Literal["distribution", "offer", "journeys", "loyalty", "culture"]
Priority = Literal["high", "medium", "low"]
Orientation = Literal["strategic", "operational", "both"]
StandardScope = Literal["common", "specific"]
Direction = Literal["at-least", "at-most"]
ValidationStatus = Literal["draft", "to-validate", "validated"]
ContributionKind = Literal[
    "pillar-proposal",
    "vote",
    "rating",
    "comment",
    "answer",
    "ranking",
    "idea",
    "word",
    "question",
    "upvote",
    "kpi-proposal",
    "lead-proposal",
    "standard-proposal",
    "ritual-proposal",
    "posture-proposal",
    "placement",
]
ContributionStatus = Literal["new", "adopted", "merged", "rejected"]

SlideMessage = Literal[
    "summary",
    "method",
    "interviews",
    "heard",
    "verbatims",
    "customer",
    "company",
    "market",
    "practices",
    "benchmark",
    "ambition",
    "house",
    "pillars",
    "kpis",
    "matrix",
    "roadmap",
    "promise",
    "standards-common",
    "standards-specific",
    "postures",
    "rituals",
    "perimeter",
    "decisions",
    "settle",
    "next-steps",
]
"""The deck's content slides whose message (action title) an engagement file may replace."""

DEVICE_KINDS: tuple[str, ...] = get_args(DeviceKind)
METHOD_PROPOSALS: tuple[str, ...] = (
    "kpi-proposal",
    "lead-proposal",
    "standard-proposal",
    "ritual-proposal",
    "posture-proposal",
)
"""Proposals the method types: adopted, each becomes a KPI, an action lead, a standard, a ritual or a posture."""
SLIDE_MESSAGES: tuple[str, ...] = get_args(SlideMessage)
VALIDATED_SECTIONS: tuple[str, ...] = ("strategy", "referential", "devices")

MIN_PILLARS = 3
MAX_PILLARS = 4
"""The method's strategy holds 3 or 4 pillars (health checks CX201/CX202, adoption's warning)."""
