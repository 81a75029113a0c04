"""What a participant may send, kind by kind: one registered rule per contribution kind.

On the pattern of the health checks' registry (:mod:`cxkit.checks`): a kind
is one function registered with :func:`contribution_kind`, which receives the
contribution already cleaned (text and target cleaned as the model cleans
every text, the text required and within ``text_limit`` for a text kind)
and returns it as it is to be stored, or raises
:class:`~cxkit.store.records.InvalidContribution`. A kind that spends the
participant's dots also names a ``locked`` rule, run inside the transaction
that appends it, with the invitation's row locked (PostgreSQL) or the
database held (SQLite, ``BEGIN IMMEDIATE``): two tabs of one participant
cannot overspend. Adding a kind is one registered function, its word in
:data:`cxkit.vocab.ContributionKind`, its catalog label and its test.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from sqlalchemy import Connection, RowMapping

from cxkit.store.contributions import (
    VOTABLE_PROPOSALS,
    Draft,
    Payload,
    dots_used,
    open_proposals,
)
from cxkit.store.idea_board import idea_votable
from cxkit.store.records import InvalidContribution
from cxkit.text import clean_text

TARGET_LIMIT = 200
"""Longest target (what a contribution is about: a pillar, a question, a criterion)."""
PAYLOAD_FIELDS = 12
"""Most fields a structured contribution carries (a standard proposal has six)."""
PAYLOAD_TEXT = 500
"""Longest text of one field of a payload (a kind's own rule may ask less)."""
PAYLOAD_ITEMS = 50
"""Longest list in a payload (a ranking's order)."""


class Participant(Protocol):
    """What a kind's rule may ask about the participant sending it."""

    @property
    def scale(self) -> int: ...

    def is_pillar(self, target: str) -> bool: ...

    def document(self) -> dict[str, Any]:
        """The engagement's latest stored document, as plain data (never the model)."""
        ...

    def lead_cells(self) -> frozenset[tuple[str, str]] | None:
        """The (pillar, device) cells an open coverage round leaves them, None without a round."""
        ...


Rule = Callable[[Draft, Participant], Draft]
LockedRule = Callable[[Connection, RowMapping, Draft], None]
"""Checked in the appending transaction, with the invitation's row (locked)."""


@dataclass(frozen=True)
class Kind:
    name: str
    rule: Rule
    text_limit: int | None = None
    """A text kind: its text is required, at most this many characters (a value is dropped)."""
    locked: LockedRule | None = None
    structured: bool = False
    """Carries a payload (named fields its rule checks); other kinds drop one."""
    opened_by: str | None = None
    """Another activity that opens this kind too (an upvote is sent where questions are)."""

    @property
    def has_text(self) -> bool:
        return self.text_limit is not None


KINDS: dict[str, Kind] = {}


def contribution_kind(
    name: str,
    *,
    text_limit: int | None = None,
    locked: LockedRule | None = None,
    structured: bool = False,
    opened_by: str | None = None,
) -> Callable[[Rule], Rule]:
    """Register the rule of one contribution kind."""

    def register(rule: Rule) -> Rule:
        if name in KINDS:
            raise ValueError(f"contribution kind {name} registered twice")
        KINDS[name] = Kind(name, rule, text_limit, locked, structured, opened_by)
        return rule

    return register


def _field(name: str, value: object) -> str | float | list[str]:
    """One field of a payload, cleaned: a short text, a finite number, or a list of short texts."""
    if isinstance(value, str):
        cleaned = clean_text(value).strip()
        if len(cleaned) > PAYLOAD_TEXT:
            raise InvalidContribution(
                "error.contribution.too_long", limit=PAYLOAD_TEXT, length=len(cleaned)
            )
        return cleaned
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if isinstance(value, list | tuple) and len(value) <= PAYLOAD_ITEMS:
        items = [_field(name, item) for item in value]
        if all(isinstance(item, str) for item in items):
            return [str(item) for item in items]
    raise InvalidContribution("error.contribution.payload", field=str(name)[:40])


def clean_payload(payload: object) -> Payload | None:
    """A payload as the store keeps it: at most a dozen named fields of plain values."""
    if payload is None:
        return None
    if not isinstance(payload, Mapping) or len(payload) > PAYLOAD_FIELDS:
        raise InvalidContribution("error.contribution.payload", field="")
    fields: dict[str, Any] = {}
    for name, value in payload.items():
        if not isinstance(name, str) or not name or len(name) > 40:
            raise InvalidContribution("error.contribution.payload", field=str(name)[:40])
        fields[name] = _field(name, value)
    return fields


def prepare(
    kind: Kind,
    text: object,
    target: object,
    value: float | None,
    who: Participant,
    payload: object = None,
) -> Draft:
    """The contribution as it will be stored, once the rules common to every kind and its own pass."""
    if not all(v is None or isinstance(v, str) for v in (text, target)):
        raise InvalidContribution("error.contribution.text_type")
    clean = clean_text(text).strip() if isinstance(text, str) else None
    about = clean_text(target).strip() if isinstance(target, str) else None
    if about is not None and len(about) > TARGET_LIMIT:
        raise InvalidContribution("error.contribution.target", target=about[:40])
    if kind.text_limit is not None:
        if not clean:
            raise InvalidContribution("error.contribution.empty")
        if len(clean) > kind.text_limit:
            raise InvalidContribution(
                "error.contribution.too_long", limit=kind.text_limit, length=len(clean)
            )
        value = None
    else:
        clean = None  # votes and ratings carry a value, not a text
    fields = clean_payload(payload) if kind.structured else None
    return kind.rule(Draft(kind.name, clean, about or None, value, kind.has_text, fields), who)


def _whole(value: object) -> bool:
    """A whole number (3 or 3.0; not True, 2.5, NaN or "3")."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value == int(value)
    )


# --- the kinds ---------------------------------------------------------------------


@contribution_kind("pillar-proposal", text_limit=120)
def pillar_proposal(draft: Draft, who: Participant) -> Draft:
    """A pillar in the participant's words (what customers would say of us): short."""
    return draft


@contribution_kind("comment", text_limit=2000)
def comment(draft: Draft, who: Participant) -> Draft:
    """A remark, about anything (``target``, optional)."""
    return draft


@contribution_kind("answer", text_limit=4000)
def answer(draft: Draft, who: Participant) -> Draft:
    """An answer to a question of the workshop (``target``: the question)."""
    return draft


@contribution_kind("rating")
def rating(draft: Draft, who: Participant) -> Draft:
    """A whole score from 1 to the engagement's scale, of one criterion (``target``)."""
    if not draft.target:
        raise InvalidContribution("error.contribution.no_target")
    if not _whole(draft.value) or not 1 <= (draft.value or 0) <= who.scale:
        raise InvalidContribution("error.contribution.rating", value=draft.value, scale=who.scale)
    return draft


def _within_budget(conn: Connection, invitation: RowMapping, draft: Draft) -> None:
    """A proposal voted for is still open, an idea revealed (and heading its group), and the
    dots fit in what is left."""
    target, value = draft.target or "", int(draft.value or 0)
    if target.startswith("c-"):
        scope = (invitation["engagement_id"], invitation["workshop"])
        idea = idea_votable(conn, *scope, target)
        if idea is False:
            raise InvalidContribution("error.idea.not_votable")
        votable = open_proposals(conn, *scope, kinds=VOTABLE_PROPOSALS)
        if idea is None and target not in {cid for cid, _ in votable}:
            raise InvalidContribution("error.contribution.unknown_target", target=target)
    left = int(invitation["dots"]) - dots_used(conn, invitation["id"])
    if value > left:
        raise InvalidContribution("error.contribution.budget", value=value, left=left)


@contribution_kind("vote", locked=_within_budget)
def vote(draft: Draft, who: Participant) -> Draft:
    """Dots (1 by default) on a pillar, an open proposal or a revealed idea, within the budget."""
    value = 1 if draft.value is None else draft.value
    if not _whole(value) or value < 1:
        raise InvalidContribution("error.contribution.dots_value", value=value)
    if not draft.target:
        raise InvalidContribution("error.contribution.no_target")
    if not draft.target.startswith("c-") and not who.is_pillar(draft.target):
        raise InvalidContribution("error.contribution.unknown_target", target=draft.target)
    return replace(draft, value=int(value))


# The method's proposals (a KPI, a lead, a standard, a ritual, a posture): their own module.
from cxkit.store.proposals import RULES as _PROPOSALS  # noqa: E402

for _name, (_rule, _limit) in _PROPOSALS.items():
    contribution_kind(_name, text_limit=_limit, structured=True)(_rule)
