"""An engagement's names and labels in one language, for the deck and the workbook alike.

Both deliverables show the same things the same way (a pillar by its name,
a segment by its name, a vocabulary value by its label, a number and a date
in the language's style), so they share this one layer; it knows neither
python-pptx nor openpyxl. Numbers, dates and counted nouns are formatted by
:mod:`cxkit.typography`, never here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cxkit.i18n import label, t
from cxkit.model import Engagement
from cxkit.typography import DateStyle, format_date, format_number, format_percent, t_plural


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

    def and_list(self, items: Iterable[str]) -> str:
        """``a, b and c`` in the language (no serial comma)."""
        names = [x for x in items if x]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + self.t("deck.and") + names[-1]

    def label(self, vocabulary: str, value: str | None) -> str:
        """A vocabulary value's label, empty when there is no value."""
        return label(vocabulary, value, self.lang) if value else ""

    def number(
        self, value: float | int | None, unit: str | None = None, *, decimals: int | None = None
    ) -> str:
        """A number by locale (grouped, true minus, its unit attached), "" for None."""
        return format_number(value, self.lang, decimals=decimals, unit=unit)

    def percent(self, ratio: float | None, *, decimals: int | None = None) -> str:
        """A ratio (0.41) as a percentage: "41 %" in French, "41%" in English."""
        return format_percent(ratio, self.lang, decimals=decimals)

    def date(self, value: dt.date | None, style: DateStyle = "long") -> str:
        """A date by locale ("12 mars 2027", "12 March 2027"), "" for None."""
        return format_date(value, self.lang, style=style)

    def plural(self, key: str, n: int | float, **params: Any) -> str:
        """The catalog message for ``n`` things (``key.zero/one/other``): never "1 workshops"."""
        return t_plural(key, n, self.lang, **params)

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
