"""Interview guides: the method's questions per audience, kept as YAML a consultant edits.

``templates/interview-guides/<audience>.yaml`` (``internal``, ``customer``;
``partner`` falls back to the internal guide until a firm writes its own).
Notes taken against a guide are stored in ``Interview.answers`` under
each question's id, so a guide's wording can change without losing notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cxkit.errors import TemplateError
from cxkit.i18n import resolve_lang
from cxkit.paths import template

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FALLBACK = {"partner": "internal"}


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    vision: str | None


@dataclass(frozen=True)
class GuideSection:
    title: str
    vision: str | None
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Guide:
    audience: str
    title: str
    sections: tuple[GuideSection, ...]

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]


def guide_path(audience: str) -> Path:
    name = audience if template(f"interview-guides/{audience}.yaml").exists() else None
    name = name or FALLBACK.get(audience, "internal")
    return template(f"interview-guides/{name}.yaml")


def _text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        found = value.get(lang) or value.get("fr") or next(iter(value.values()), "")
        return str(found)
    return "" if value is None else str(value)


def load_guide(audience: str | None, lang: str | None = None) -> Guide:
    """The guide of an audience (internal if unknown), in ``lang``; TemplateError if broken."""
    lang = resolve_lang(lang)
    path = guide_path(audience or "internal")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError("ui.guide.unreadable", path=str(path), detail=str(exc)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("sections"), list):
        raise TemplateError("ui.guide.invalid", path=str(path), detail="sections")
    seen: set[str] = set()
    sections = []
    for section in doc["sections"]:
        if not isinstance(section, dict):
            raise TemplateError("ui.guide.invalid", path=str(path), detail="sections")
        vision = section.get("vision")
        questions = []
        for item in section.get("questions") or []:
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str) or not _ID.match(ident) or ident in seen:
                raise TemplateError("ui.guide.invalid", path=str(path), detail=f"id {ident!r}")
            seen.add(ident)
            text = _text(item.get(lang) or item.get("fr") or item.get("en"), lang)
            questions.append(Question(ident, text, item.get("vision", vision)))
        sections.append(GuideSection(_text(section.get("title"), lang), vision, tuple(questions)))
    return Guide(str(doc.get("audience", audience)), _text(doc.get("title"), lang), tuple(sections))
