"""What every part's builder needs: the engagement's words, the day, the body frame.

:class:`Context` adds to the shared :class:`cxkit.labels.Labels` what only
the deck needs (sources told in words for the speaker notes, the frame the
slides are laid out in), with the small text helpers the builders share.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from cxkit.deck.plan import FRAME, Box, SlidePlan
from cxkit.labels import Labels
from cxkit.provenance import provenance_notes

if TYPE_CHECKING:
    from cxkit.model import Provenance


@dataclass
class Context(Labels):
    """The engagement, its language, the day of the meeting and the template's body frame."""

    today: dt.date = field(default_factory=dt.date.today)
    frame: Box = FRAME
    """The body frame every builder lays its boxes out in (the template's, from its corner)."""
    appendix: list[SlidePlan] = field(default_factory=list)
    """Slides the body sends to the appendix (a long table's full version), in body order."""

    def source(self, ref: str) -> str:
        """A pillar's source id told in words: a segment, an interview or a competitor."""
        e = self.engagement
        for s in e.environment.customer.segments:
            if s.id == ref:
                return self.t("deck.source.segment", name=s.name)
        for i in e.collection.interviews:
            if i.id == ref:
                who = ", ".join(x for x in (i.role, self.date(i.date)) if x)
                return self.t("deck.source.interview", id=i.id, who=who or i.id)
        for c in e.environment.market.competitors:
            if c.id == ref:
                return self.t("deck.source.competitor", name=c.name)
        return ref

    def pillar_sources(self, ids: Iterable[str]) -> list[str]:
        lines = []
        for pid in ids:
            pillar = self.engagement.pillar(pid)
            if pillar is None:
                continue
            refs = "; ".join(self.source(s) for s in pillar.sources) or "—"
            lines.append(self.t("deck.notes.pillar_sources", pillar=pillar.name, sources=refs))
        return lines

    def provenance(self, adopted: Iterable[tuple[str, Provenance | None]]) -> list[str]:
        """Speaker notes' lines of what was adopted in workshops: name, workshop, proposals, dots."""
        return provenance_notes(self.engagement, adopted, self.lang)

    def workshops_note(self) -> str:
        shops = [
            f"{w.title} ({self.date(w.date)})" if w.date else w.title
            for w in self.engagement.workshops
        ]
        return self.t("deck.notes.workshops", workshops="; ".join(shops)) if shops else ""


Builder = Callable[["Context"], list[SlidePlan]]


def keyed(slides: list[SlidePlan], key: str) -> list[SlidePlan]:
    """``slides`` marked as the slides of message ``key`` (see :mod:`cxkit.deck.messages`)."""
    return [replace(s, key=key) for s in slides]


def says(key: str) -> Callable[[Builder], Builder]:
    """Mark every slide a builder returns as the slides of message ``key``."""

    def wrap(build: Builder) -> Builder:
        @functools.wraps(build)
        def keyed_build(ctx: Context) -> list[SlidePlan]:
            return keyed(build(ctx), key)

        return keyed_build

    return wrap


def quoted(ctx: Context, text: str) -> str:
    if not text:
        return text
    return f"« {text} »" if ctx.lang == "fr" else f"“{text}”"


def continued(ctx: Context, title: str, index: int) -> str:
    return ctx.t("deck.continued", title=title) if index else title


def notes(*parts: str | Sequence[str]) -> str:
    """Speaker notes from texts and lists of texts, the empty ones left out."""
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                lines.append(part)
        else:
            lines.extend(p for p in part if p)
    return "\n".join(lines)
