"""A refused edit in a consultant's words: what is wrong and where, never a path or an id.

The store's validation speaks to developers and to the command line
("segment inconnu « familles »" at ``collection.interviews[3].segment``).
Under a form, the same problem reads "« Familles » est encore cité dans :
Entretiens. Retirez-le d'abord de là." The few problems whose message holds
an id or a path are reworded here; any other keeps its catalog message,
without the path. Pure functions, tested without a widget.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxkit.i18n import t
from cxkit.model import Engagement
from cxkit.typography import nbsp
from cxkit.ui.references import (
    competitor_choices,
    interview_choices,
    pillar_choices,
    segment_choices,
)
from cxkit.validation import Problem

_REFERENCES = ("error.unknown_segment", "error.unknown_source", "error.unknown_pillar")
# Where a path points, as the page's part a consultant knows (longest prefix first).
_PLACES = (
    ("environment.customer", "customer"),
    ("environment.market", "market"),
    ("collection.interviews", "interviews"),
    ("collection.benchmark", "benchmark"),
    ("strategy.pillars", "pillars"),
    ("strategy.kpis", "kpis"),
    ("strategy.ambition", "ambition"),
    ("devices", "actions"),
    ("referential", "referential"),
    ("workshops", "sessions"),
    ("validation", "validation"),
)


def place_of(path: str, lang: str) -> str:
    """The part of the engagement a path is in, by its section title ("Entretiens")."""
    for prefix, section in _PLACES:
        if path.startswith(prefix):
            return t(f"forms.section.{section}.title", lang)
    return t("forms.diff.elsewhere", lang)


def names_by_id(engagement: Engagement | None, lang: str) -> dict[str, str]:
    """Every referable thing's name by id (segments, competitors, interviews, pillars)."""
    if engagement is None:
        return {}
    return {
        value: text
        for text, value in (
            *segment_choices(engagement),
            *competitor_choices(engagement),
            *interview_choices(engagement, lang),
            *pillar_choices(engagement),
        )
    }


def problem_lines(problems: Sequence[Problem], lang: str, names: dict[str, str]) -> list[str]:
    """The problems as sentences, one per thing still cited (with every place it is cited in)."""
    cited: dict[str, list[str]] = {}
    lines: list[str] = []
    for problem in problems:
        value = str(problem.params.get("value", ""))
        if problem.key in _REFERENCES and value in names:
            places = cited.setdefault(value, [])
            if not places:
                lines.append(value)  # its sentence goes here, once every place is known
            where = place_of(problem.path, lang)
            if where not in places:
                places.append(where)
        else:
            lines.append(problem_text(problem, lang, names))
    return [
        t("forms.problem.in_use", lang, name=names[line], where=", ".join(cited[line]))
        if line in cited
        else line
        for line in lines
    ]


def problem_text(problem: Problem, lang: str, names: dict[str, str]) -> str:
    """One problem as a sentence for the consultant (its path is never shown)."""
    if problem.key in _REFERENCES:
        value = str(problem.params.get("value", ""))
        name = names.get(value)
        if name:  # a thing that exists is still cited where it is being removed from
            return t("forms.problem.in_use", lang, name=name, where=place_of(problem.path, lang))
        return t("forms.problem.unknown_ref", lang, where=place_of(problem.path, lang))
    if problem.key == "error.not_in_perimeter":
        kind = str(problem.params.get("list", ""))
        return t(
            "forms.problem.not_in_perimeter",
            lang,
            value=problem.params.get("value", ""),
            list=t(f"forms.perimeter.{kind}", lang),
        )
    return nbsp(problem.message(lang), lang)
