"""An engagement's names and labels in one language, for the deck and the workbook alike.

Both deliverables show the same things the same way (a pillar by its name,
a segment by its name, a vocabulary value by its label, a number and a date
in the language's style), so they share this one layer; it knows neither
python-pptx nor openpyxl.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cxkit.i18n import label, t
from cxkit.model import Engagement


def capitalize(text: str) -> str:
    """The first letter upper-cased, the rest as typed (``str.capitalize`` lowers it)."""
    return text[:1].upper() + text[1:]


def join(values: Iterable[str]) -> str:
    return ", ".join(values)


@dataclass
class Labels:
    """The engagement's words in ``lang``: catalog texts, vocabulary labels, names by id."""

    engagement: Engagement
    lang: str
    _segments: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._segments = {s.id: s.name for s in self.engagement.environment.customer.segments}

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def plural(self, key: str, count: int, **params: Any) -> str:
        """``key.one`` or ``key.other`` filled with ``count``: French takes the singular
        for 0 and 1, English for 1 only. (The typography module will own these rules.)"""
        one = count in (0, 1) if self.lang == "fr" else count == 1
        return self.t(f"{key}.{'one' if one else 'other'}", count=count, **params)

    def and_list(self, items: Iterable[str]) -> str:
        """``a, b and c`` in the language (no serial comma)."""
        names = [x for x in items if x]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + self.t("deck.and") + names[-1]

    def label(self, vocabulary: str, value: str | None) -> str:
        """A vocabulary value's label, empty when there is no value."""
        return label(vocabulary, value, self.lang) if value else ""

    def number(self, value: float | int | None, unit: str | None = None) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = f"{value:g}" if isinstance(value, float) else str(value)
        if self.lang == "fr":
            text = text.replace(".", ",")
        if not unit:
            return text
        return f"{text}{unit}" if unit.startswith("/") else f"{text} {unit}"

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return value.strftime("%d/%m/%Y") if self.lang == "fr" else value.isoformat()

    def pillar_names(self, ids: Iterable[str]) -> str:
        """Pillars by name, an unknown id as itself (the health checks report it)."""
        names = []
        for pid in ids:
            pillar = self.engagement.pillar(pid)
            names.append(pillar.name if pillar else pid)
        return join(names)

    def segment_name(self, sid: str | None) -> str:
        if not sid:
            return ""
        return self._segments.get(sid, sid)

    def segment_names(self, ids: Iterable[str]) -> list[str]:
        return [self.segment_name(s) for s in ids]
