"""Is this document an engagement? Every problem at once, each with its path.

Two passes over the same document, both always run so that one file lists
all its problems: the model's own checks (types, closed vocabularies,
required fields, through pydantic) and the document-wide rules of the
format (unique ids, references that resolve, scores within the scale,
declared criteria and perimeter members), described in docs/format.md. The second pass reads the raw mapping
tolerantly, so it still works where the first found a wrong type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from cxkit.errors import EngagementInvalid
from cxkit.i18n import t
from cxkit.model import SUPPORTED_VERSIONS, Engagement

Loc = Sequence[str | int]
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def format_path(loc: Iterable[str | int]) -> str:
    """``('strategy', 'kpis', 2, 'pillars', 0)`` -> ``strategy.kpis[2].pillars[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENT.match(part):
            out += f".{part}" if out else part
        else:
            out += '["' + part.replace('"', '\\"') + '"]'
    return out


@dataclass(frozen=True)
class Problem:
    """One reason why a document is not a valid engagement."""

    path: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)

    def render(self, lang: str | None = None) -> str:
        return f"{self.path}: {self.message(lang)}" if self.path else self.message(lang)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"path": self.path, "code": self.key, "message": self.message(lang)}


# --- pass 1: the model's checks, in the catalog's words -------------------------

_PYDANTIC_KEYS = {
    "missing": "error.missing",
    "extra_forbidden": "error.unknown_field",
    "literal_error": "error.enum",
    "string_pattern_mismatch": "error.slug",
    "string_type": "error.type_text",
    "empty": "error.empty",
    "number": "error.type_number",
    "horizon": "error.type_horizon",
    "period": "error.type_period",
    "kpi_horizon": "error.type_kpi_horizon",
    "int_type": "error.type_integer",
    "int_parsing": "error.type_integer",
    "int_from_float": "error.type_integer",
    "float_type": "error.type_number",
    "float_parsing": "error.type_number",
    "bool_type": "error.type_boolean",
    "list_type": "error.type_list",
    "dict_type": "error.type_mapping",
    "model_type": "error.type_mapping",
    "model_attributes_type": "error.type_mapping",
    "date_type": "error.type_date",
    "date_parsing": "error.type_date",
    "date_from_datetime_parsing": "error.type_date",
    "date_from_datetime_inexact": "error.type_date",
    "datetime_type": "error.type_datetime",
    "datetime_parsing": "error.type_datetime",
    "datetime_from_date_parsing": "error.type_datetime",
    "greater_than_equal": "error.too_small",
    "greater_than": "error.too_small",
    "less_than_equal": "error.too_large",
    "less_than": "error.too_large",
}


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _from_pydantic(error: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    key = _PYDANTIC_KEYS.get(kind, "error.invalid")
    params: dict[str, Any] = {"value": _short(error.get("input")), "detail": error["msg"]}
    if kind == "extra_forbidden":
        params["field"] = loc[-1] if loc else ""
    elif kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        params["allowed"] = expected.replace(" or ", ", ")
    elif kind.startswith(("greater_than", "less_than")):
        params["limit"] = next(iter(ctx.values()), "")
    elif kind == "value_error":
        params["detail"] = str(ctx.get("error", error["msg"]))
    return Problem(format_path(loc), key, params)


# --- pass 2: the document-wide rules, on the raw mapping -------------------------


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(value: Any) -> Iterator[tuple[int, Mapping[str, Any]]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                yield i, item


def _strings(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield i, item


class _Rules:
    """Collects the document-wide problems of one raw engagement mapping."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        env = _map(doc.get("environment"))
        coll = _map(doc.get("collection"))
        strat = _map(doc.get("strategy"))
        ref = _map(doc.get("referential"))
        self.segments = list(_items(_map(env.get("customer")).get("segments")))
        self.competitors = list(_items(_map(env.get("market")).get("competitors")))
        self.interviews = list(_items(coll.get("interviews")))
        self.benchmark = _map(coll.get("benchmark"))
        self.pillars = list(_items(strat.get("pillars")))
        self.kpis = list(_items(strat.get("kpis")))
        self.devices = list(_items(doc.get("devices")))
        self.ref = ref
        self.perimeter = _map(ref.get("perimeter"))
        self.standards = list(_items(ref.get("standards")))
        self.rituals = list(_items(ref.get("rituals")))
        self.workshops = list(_items(doc.get("workshops")))
        self.contributions = list(_items(doc.get("contributions")))
        self.measurements = list(_items(doc.get("measurements")))

    def add(self, loc: Loc, key: str, **params: Any) -> None:
        self.problems.append(Problem(format_path(loc), key, params))

    def run(self) -> list[Problem]:
        self.unique_ids()
        self.references()
        self.benchmark_rules()
        self.perimeter_rules()
        self.measurement_rules()
        return self.problems

    def _ids(self, items: list[tuple[int, Mapping[str, Any]]]) -> set[str]:
        return {item["id"] for _, item in items if isinstance(item.get("id"), str)}

    def unique_ids(self) -> None:
        seen: dict[str, str] = {}
        groups: list[tuple[Loc, list[tuple[int, Mapping[str, Any]]]]] = [
            (("environment", "customer", "segments"), self.segments),
            (("environment", "market", "competitors"), self.competitors),
            (("collection", "interviews"), self.interviews),
            (("strategy", "pillars"), self.pillars),
            (("strategy", "kpis"), self.kpis),
            (("referential", "standards"), self.standards),
            (("referential", "rituals"), self.rituals),
            (("workshops",), self.workshops),
            (("contributions",), self.contributions),
        ]
        for d, device in self.devices:
            groups.append((("devices", d, "actions"), list(_items(device.get("actions")))))
        for base, items in groups:
            for i, item in items:
                ident = item.get("id")
                if not isinstance(ident, str):
                    continue
                here = format_path((*base, i, "id"))
                if ident in seen:
                    self.add((*base, i, "id"), "error.duplicate_id", id=ident, first=seen[ident])
                else:
                    seen[ident] = here

    def _refs(self, loc: Loc, values: Any, known: set[str], key: str) -> None:
        for j, value in _strings(values):
            if value not in known:
                self.add((*loc, j), key, value=value)

    def _ref(self, loc: Loc, value: Any, known: set[str], key: str) -> None:
        if isinstance(value, str) and value not in known:
            self.add(loc, key, value=value)

    def references(self) -> None:
        pillars = self._ids(self.pillars)
        segments = self._ids(self.segments)
        interviews = self._ids(self.interviews)
        competitors = self._ids(self.competitors)
        workshops = self._ids(self.workshops)
        sources = segments | interviews | competitors
        for i, kpi in self.kpis:
            self._refs(
                ("strategy", "kpis", i, "pillars"),
                kpi.get("pillars"),
                pillars,
                "error.unknown_pillar",
            )
        for i, pillar in self.pillars:
            self._refs(
                ("strategy", "pillars", i, "sources"),
                pillar.get("sources"),
                sources,
                "error.unknown_source",
            )
        for d, device in self.devices:
            for a, action in _items(device.get("actions")):
                self._refs(
                    ("devices", d, "actions", a, "pillars"),
                    action.get("pillars"),
                    pillars,
                    "error.unknown_pillar",
                )
        for i, std in self.standards:
            self._refs(
                ("referential", "standards", i, "pillars"),
                std.get("pillars"),
                pillars,
                "error.unknown_pillar",
            )
        for i, rit in self.rituals:
            self._refs(
                ("referential", "rituals", i, "pillars"),
                rit.get("pillars"),
                pillars,
                "error.unknown_pillar",
            )
        for i, interview in self.interviews:
            self._ref(
                ("collection", "interviews", i, "segment"),
                interview.get("segment"),
                segments,
                "error.unknown_segment",
            )
            for v, verbatim in _items(interview.get("verbatims")):
                self._ref(
                    ("collection", "interviews", i, "verbatims", v, "segment"),
                    verbatim.get("segment"),
                    segments,
                    "error.unknown_segment",
                )
        self._refs(
            ("referential", "perimeter", "segments"),
            self.perimeter.get("segments"),
            segments,
            "error.unknown_segment",
        )
        for i, contribution in self.contributions:
            self._ref(
                ("contributions", i, "workshop"),
                contribution.get("workshop"),
                workshops,
                "error.unknown_workshop",
            )
        self.provenances(workshops)

    def provenances(self, workshops: set[str]) -> None:
        """An adopted object's ``provenance.workshop`` names a workshop of the engagement."""
        adopted: list[tuple[Loc, list[tuple[int, Mapping[str, Any]]]]] = [
            (("strategy", "pillars"), self.pillars),
            (("strategy", "kpis"), self.kpis),
            (("referential", "standards"), self.standards),
            (("referential", "postures"), list(_items(self.ref.get("postures")))),
            (("referential", "rituals"), self.rituals),
        ]
        for d, device in self.devices:
            adopted.append((("devices", d, "actions"), list(_items(device.get("actions")))))
        for base, items in adopted:
            for i, item in items:
                self._ref(
                    (*base, i, "provenance", "workshop"),
                    _map(item.get("provenance")).get("workshop"),
                    workshops,
                    "error.unknown_workshop",
                )

    def benchmark_rules(self) -> None:
        criteria = {c for _, c in _strings(self.benchmark.get("criteria"))}
        scale = self.benchmark.get("scale", 5)
        if not isinstance(scale, int) or isinstance(scale, bool) or not 2 <= scale <= 10:
            scale = None  # the model pass already says what is wrong with it
        seen: dict[str, int] = {}
        for j, criterion in _strings(self.benchmark.get("criteria")):
            if criterion in seen:
                self.add(
                    ("collection", "benchmark", "criteria", j),
                    "error.duplicate_criterion",
                    value=criterion,
                )
            seen.setdefault(criterion, j)
        for i, row in _items(self.benchmark.get("scores")):
            for name, score in _map(row.get("values")).items():
                loc = ("collection", "benchmark", "scores", i, "values", str(name))
                if name not in criteria:
                    self.add(loc, "error.unknown_criterion", value=name)
                if (
                    scale
                    and isinstance(score, int)
                    and not isinstance(score, bool)
                    and not 1 <= score <= scale
                ):
                    self.add(loc, "error.score_range", value=score, scale=scale)

    def perimeter_rules(self) -> None:
        lists = ("offers", "journey_stages", "channels", "segments")
        members = {name: {v for _, v in _strings(self.perimeter.get(name))} for name in lists}
        for i, std in self.standards:
            applies = _map(std.get("applies_to"))
            for name in lists:
                for j, value in _strings(applies.get(name)):
                    if value not in members[name]:
                        loc = ("referential", "standards", i, "applies_to", name, j)
                        self.add(loc, "error.not_in_perimeter", value=value, list=name)
        for i, rit in self.rituals:
            moment = rit.get("moment")
            if (
                members["journey_stages"]
                and isinstance(moment, str)
                and moment not in members["journey_stages"]
            ):
                self.add(
                    ("referential", "rituals", i, "moment"),
                    "error.not_in_perimeter",
                    value=moment,
                    list="journey_stages",
                )
            if members["channels"]:
                for j, channel in _strings(rit.get("channels")):
                    if channel not in members["channels"]:
                        self.add(
                            ("referential", "rituals", i, "channels", j),
                            "error.not_in_perimeter",
                            value=channel,
                            list="channels",
                        )

    def measurement_rules(self) -> None:
        """A measurement names a standard or a KPI, and holds the only value of its period."""
        measured = self._ids(self.standards) | self._ids(self.kpis)
        seen: dict[tuple[str, str], str] = {}
        for i, item in self.measurements:
            of, period = item.get("of"), item.get("period")
            self._ref(("measurements", i, "of"), of, measured, "error.unknown_measured")
            if not isinstance(of, str) or not isinstance(period, str):
                continue
            here = format_path(("measurements", i))
            first = seen.setdefault((of, period.upper()), here)
            if first != here:
                self.add(
                    ("measurements", i, "period"),
                    "error.duplicate_measurement",
                    of=of,
                    period=period,
                    first=first,
                )


# --- the front door ---------------------------------------------------------------------


def document_language(doc: Any) -> str | None:
    """The engagement's language, if the document states a valid one."""
    lang = _map(_map(doc).get("engagement")).get("language")
    return lang if lang in ("fr", "en") else None


def check_document(doc: Any) -> tuple[Engagement | None, list[Problem]]:
    """Build the engagement from a parsed document, with every problem found."""
    if not isinstance(doc, Mapping):
        return None, [Problem("", "error.not_a_mapping", {"found": type(doc).__name__})]
    version = doc.get("cxkit")
    if version is None:
        return None, [Problem("cxkit", "error.no_version", {"supported": _versions()})]
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        return None, [
            Problem("cxkit", "error.version", {"found": version, "supported": _versions()})
        ]
    problems: list[Problem] = []
    engagement: Engagement | None = None
    try:
        engagement = Engagement.model_validate(doc)
    except ValidationError as exc:
        problems.extend(_from_pydantic(e) for e in exc.errors(include_url=False))
    # The document-wide rules compare cleaned text when the model could clean it.
    problems.extend(_Rules(engagement.model_dump() if engagement else doc).run())
    return (engagement if not problems else None), problems


def build_engagement(doc: Any, lang: str | None = None) -> Engagement:
    """The engagement of a parsed document, or :class:`EngagementInvalid` listing every problem."""
    engagement, problems = check_document(doc)
    if problems or engagement is None:
        raise EngagementInvalid(problems, lang or document_language(doc))
    return engagement


@dataclass(frozen=True)
class Revalidated:
    """An engagement checked again, with the compact JSON the checks read.

    The store writes ``text`` and compares ``document`` with the previous
    revision: what is stored is exactly what the rules checked, and a save
    parses its document once.
    """

    engagement: Engagement
    text: str
    document: dict[str, Any]


def revalidate(engagement: Engagement) -> Revalidated:
    """Check an engagement edited in memory (lists changed in place escape the model's checks)."""
    # No serializer warning for a wrong value changed in place: validation names it below.
    dump = engagement.model_dump(mode="python", exclude_none=True, warnings=False)
    try:
        checked = Engagement.model_validate(dump)
    except ValidationError:
        build_engagement(dump, engagement.language)  # raises, listing every problem
        raise
    text = checked.model_dump_json(exclude_none=True)
    document = json.loads(text)
    problems = _Rules(document).run()
    if problems:
        raise EngagementInvalid(problems, engagement.language)
    return Revalidated(checked, text, document)


def _versions() -> str:
    return ", ".join(str(v) for v in SUPPORTED_VERSIONS)
