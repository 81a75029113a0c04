"""Proposals that know the method: a KPI, an action lead, a standard, a ritual, a posture.

Each kind is a structured contribution (its fields in the payload, named as
in ISSUE 14's contract) whose rule checks it against the engagement as
stored, read as plain data (:meth:`ParticipantSession.document`): a
participant's kernel never builds the pydantic model. What the method asks:

- a KPI measures a pillar of the strategy, with a unit and a target that is
  a number (and a baseline, a number too, if given);
- an action lead sits in one cell of the pillars × relational devices
  matrix: a pillar of the strategy and one of the five device kinds;
- a service standard is measurable (an indicator, a threshold that is a
  number, a unit) and either common (everywhere) or specific, then scoped
  with members of the referential's perimeter only;
- a ritual belongs to a moment of the journey (a stage of the perimeter),
  on channels of the perimeter;
- a posture is a name and, optionally, what it means.

A refusal says what and where, in the participant's language; a forged
field (one the kind does not have) is refused, never silently kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from cxkit.i18n import label, t
from cxkit.store.contributions import Draft
from cxkit.store.records import InvalidContribution
from cxkit.vocab import DEVICE_KINDS

NAME_LIMIT = 120
"""Longest name of a KPI, an action lead, a ritual or a posture (a card's title)."""
STATEMENT_LIMIT = 200
"""Longest statement of a standard: one sentence teams read."""
UNIT_LIMIT = 20
"""Longest unit ("%", "jours ouvrés", "/7")."""
INDICATOR_LIMIT = 200
DESCRIPTION_LIMIT = 500
SCOPE_LISTS = ("channels", "journey_stages", "offers", "segments")
"""A specific standard's scope: the perimeter's lists of the same name."""


class Participant(Protocol):
    """What these rules ask of the participant sending (a :class:`ParticipantSession`)."""

    def document(self) -> dict[str, Any]: ...

    def lead_cells(self) -> frozenset[tuple[str, str]] | None: ...


Rule = Callable[[Draft, Participant], Draft]
RULES: dict[str, tuple[Rule, int]] = {}
"""kind -> (rule, longest text): registered by :mod:`cxkit.store.kinds`, which imports this
module (importing ``kinds`` from here would be a cycle)."""


def contribution_kind(name: str, *, text_limit: int, structured: bool) -> Callable[[Rule], Rule]:
    """Note one kind's rule, for :mod:`cxkit.store.kinds` to register (a structured text kind)."""

    def note(rule: Rule) -> Rule:
        assert structured
        RULES[name] = (rule, text_limit)
        return rule

    return note


FIELDS: dict[str, frozenset[str]] = {
    "kpi-proposal": frozenset({"pillar", "unit", "target", "baseline"}),
    "lead-proposal": frozenset({"pillar", "device", "description"}),
    "standard-proposal": frozenset(
        {"indicator", "threshold", "unit", "scope", "pillar", *SCOPE_LISTS}
    ),
    "ritual-proposal": frozenset({"moment", "channels", "pillar"}),
    "posture-proposal": frozenset({"description"}),
}
"""The fields each kind may carry; any other is a forgery.

A standard's and a ritual's ``pillar`` (the pillar it serves) is optional,
beyond the contract's fields: adopted, it ties the object into the pillar's thread.
"""


def perimeter(document: Mapping[str, Any]) -> dict[str, list[str]]:
    """The referential's perimeter lists of a stored document (plain data)."""
    found = (document.get("referential") or {}).get("perimeter") or {}
    return {name: [str(v) for v in found.get(name) or []] for name in SCOPE_LISTS}


def pillars(document: Mapping[str, Any]) -> dict[str, str]:
    """id -> name of the strategy's pillars, from a stored document (plain data)."""
    return {
        str(p["id"]): str(p.get("name") or p["id"])
        for p in (document.get("strategy") or {}).get("pillars") or []
    }


def _field_name(field: str) -> str:
    """The catalog key of a field's name (the refusal names the field as the form does)."""
    return f"proposals.field.{field}"


def _refuse(key: str, field: str, lang: str | None, **params: Any) -> InvalidContribution:
    return InvalidContribution(f"error.proposal.{key}", field=t(_field_name(field), lang), **params)


def _lang(document: Mapping[str, Any]) -> str | None:
    return (document.get("engagement") or {}).get("language")


def _only(kind: str, payload: Mapping[str, Any] | None) -> dict[str, Any]:
    """The payload's fields, refusing one the kind does not have."""
    fields = dict(payload or {})
    for name in fields:
        if name not in FIELDS[kind]:
            raise InvalidContribution("error.proposal.unknown_field", field=str(name)[:40])
    return fields


def _text(fields: Mapping[str, Any], name: str, limit: int, lang: str | None) -> str | None:
    value = fields.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _refuse("not_text", name, lang)
    if len(value) > limit:
        raise _refuse("field_too_long", name, lang, limit=limit, length=len(value))
    return value


def _required_text(fields: Mapping[str, Any], name: str, limit: int, lang: str | None) -> str:
    value = _text(fields, name, limit, lang)
    if value is None:
        raise _refuse("missing", name, lang)
    return value


def _number(fields: Mapping[str, Any], name: str, lang: str | None, required: bool) -> float | None:
    value = fields.get(name)
    if value is None or value == "":
        if required:
            raise _refuse("missing", name, lang)
        return None
    if not isinstance(value, float):  # the payload's cleaning made every number a finite float
        raise _refuse("number", name, lang, value=str(value)[:40])
    return value


def _members(
    fields: Mapping[str, Any], name: str, allowed: Sequence[str], lang: str | None
) -> list[str]:
    """A list of perimeter members, each once, in the order given; any other is refused."""
    value = fields.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, list):
        raise _refuse("not_list", name, lang)
    chosen: list[str] = []
    for item in value:
        if item not in allowed:
            raise _refuse("outside", name, lang, value=str(item)[:60])
        if item not in chosen:
            chosen.append(item)
    return chosen


def _pillar(fields: Mapping[str, Any], document: Mapping[str, Any], lang: str | None) -> str:
    value = _required_text(fields, "pillar", 200, lang)
    if value not in pillars(document):
        raise _refuse("pillar", "pillar", lang, value=value[:60])
    return value


def _some_pillar(
    fields: Mapping[str, Any], document: Mapping[str, Any], lang: str | None
) -> str | None:
    """The optional pillar a standard or a ritual serves: one of the strategy's, if given."""
    value = _text(fields, "pillar", 200, lang)
    if value is not None and value not in pillars(document):
        raise _refuse("pillar", "pillar", lang, value=value[:60])
    return value


def _named(draft: Draft, limit: int) -> Draft:
    """The name (the contribution's text) within ``limit``; no target, no value."""
    text = draft.text or ""
    if len(text) > limit:
        raise InvalidContribution("error.contribution.too_long", limit=limit, length=len(text))
    return replace(draft, target=None, value=None)


def _payload(**fields: Any) -> dict[str, Any]:
    """The payload as stored: the fields given, the empty ones left out."""
    return {k: v for k, v in fields.items() if v not in (None, [], "")}


@contribution_kind("kpi-proposal", text_limit=NAME_LIMIT, structured=True)
def kpi_proposal(draft: Draft, who: Participant) -> Draft:
    """A KPI (text: its name) for a pillar of the strategy, with its unit and a target number."""
    document = who.document()
    lang = _lang(document)
    fields = _only(draft.kind, draft.payload)
    payload = _payload(
        pillar=_pillar(fields, document, lang),
        unit=_required_text(fields, "unit", UNIT_LIMIT, lang),
        target=_number(fields, "target", lang, required=True),
        baseline=_number(fields, "baseline", lang, required=False),
    )
    return replace(_named(draft, NAME_LIMIT), payload=payload)


@contribution_kind("lead-proposal", text_limit=NAME_LIMIT, structured=True)
def lead_proposal(draft: Draft, who: Participant) -> Draft:
    """An action lead (text: its title) in one cell: a pillar and one of the five devices."""
    document = who.document()
    lang = _lang(document)
    fields = _only(draft.kind, draft.payload)
    pillar = _pillar(fields, document, lang)
    device = _required_text(fields, "device", 40, lang)
    if device not in DEVICE_KINDS:
        allowed = ", ".join(label("device", k, lang) for k in DEVICE_KINDS)
        raise _refuse("device", "device", lang, value=device[:40], allowed=allowed)
    cells = who.lead_cells()
    if cells is not None and (pillar, device) not in cells:
        raise InvalidContribution("error.coverage.outside_round")
    description = _text(fields, "description", DESCRIPTION_LIMIT, lang)
    payload = _payload(pillar=pillar, device=device, description=description)
    return replace(_named(draft, NAME_LIMIT), payload=payload)


@contribution_kind("standard-proposal", text_limit=STATEMENT_LIMIT, structured=True)
def standard_proposal(draft: Draft, who: Participant) -> Draft:
    """A service standard (text: its statement): indicator, threshold number, unit, scope."""
    document = who.document()
    lang = _lang(document)
    fields = _only(draft.kind, draft.payload)
    scope = _required_text(fields, "scope", 20, lang)
    if scope not in ("common", "specific"):
        raise _refuse("scope", "scope", lang, value=scope[:40])
    declared = perimeter(document)
    where = {name: _members(fields, name, declared[name], lang) for name in SCOPE_LISTS}
    if scope == "common" and any(where.values()):
        raise InvalidContribution("error.proposal.common_scoped")
    if scope == "specific" and not any(where.values()):
        raise InvalidContribution("error.proposal.specific_empty")
    payload = _payload(
        indicator=_required_text(fields, "indicator", INDICATOR_LIMIT, lang),
        threshold=_number(fields, "threshold", lang, required=True),
        unit=_required_text(fields, "unit", UNIT_LIMIT, lang),
        scope=scope,
        pillar=_some_pillar(fields, document, lang),
        **where,
    )
    return replace(_named(draft, STATEMENT_LIMIT), payload=payload)


@contribution_kind("ritual-proposal", text_limit=NAME_LIMIT, structured=True)
def ritual_proposal(draft: Draft, who: Participant) -> Draft:
    """A ritual (text: its name) at a moment of the journey, on channels of the perimeter."""
    document = who.document()
    lang = _lang(document)
    fields = _only(draft.kind, draft.payload)
    declared = perimeter(document)
    if not declared["journey_stages"]:
        raise InvalidContribution("error.proposal.no_stages")
    moment = _required_text(fields, "moment", 200, lang)
    if moment not in declared["journey_stages"]:
        raise _refuse("moment", "moment", lang, value=moment[:60])
    channels = _members(fields, "channels", declared["channels"], lang)
    payload = _payload(
        moment=moment, channels=channels, pillar=_some_pillar(fields, document, lang)
    )
    return replace(_named(draft, NAME_LIMIT), payload=payload)


@contribution_kind("posture-proposal", text_limit=NAME_LIMIT, structured=True)
def posture_proposal(draft: Draft, who: Participant) -> Draft:
    """A posture expected of the client's people (text: its name), and what it means."""
    lang = _lang(who.document())
    fields = _only(draft.kind, draft.payload)
    description = _text(fields, "description", DESCRIPTION_LIMIT, lang)
    return replace(_named(draft, NAME_LIMIT), payload=_payload(description=description))
