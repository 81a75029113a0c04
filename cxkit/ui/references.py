"""What a reference field offers: the engagement's things by name, the stored value their id.

A consultant picks "Jeunes actifs", never types ``jeunes-actifs``: every
field that refers to a segment, a pillar, a competitor or an interview is a
choice among names built here, from the engagement as it is now. Pure
functions of the engagement and the language, tested without a widget.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cxkit.i18n import catalog, label, resolve_lang, t
from cxkit.model import Engagement, Interview
from cxkit.typography import format_date

Choice = tuple[str, str]
"""(what the consultant reads, the id that is stored)."""


def distinct(choices: Iterable[Choice]) -> list[Choice]:
    """The choices with labels made unique ("Famille", "Famille (2)"), so none is ambiguous."""
    seen: dict[str, int] = {}
    out: list[Choice] = []
    for text, value in choices:
        text = text.strip() or "—"
        seen[text] = seen.get(text, 0) + 1
        out.append((text if seen[text] == 1 else f"{text} ({seen[text]})", value))
    return out


def interview_name(interview: Interview, engagement: Engagement, lang: str) -> str:
    """An interview as a consultant knows it: who was met, from which segment, when."""
    team = interview.team if interview.audience in (None, "internal") else None
    who = interview.role or (
        label("team", team, lang)
        if team and team != "other"
        else label("audience", interview.audience, lang)
        if interview.audience
        else t("forms.interview.unnamed", lang)
    )
    parts = [who]
    segment = next(
        (s.name for s in engagement.environment.customer.segments if s.id == interview.segment),
        None,
    )
    if segment:
        parts.append(segment)
    if interview.date:
        parts.append(format_date(interview.date, lang, style="short"))
    return " · ".join(parts)


def segment_choices(engagement: Engagement) -> list[Choice]:
    return distinct((s.name, s.id) for s in engagement.environment.customer.segments)


def perimeter_segment_choices(engagement: Engagement) -> list[Choice]:
    """The segments the referential's perimeter declares (where a specific standard may apply)."""
    declared = set(engagement.referential.perimeter.segments)
    return [c for c in segment_choices(engagement) if c[1] in declared]


def pillar_choices(engagement: Engagement) -> list[Choice]:
    return distinct((p.name, p.id) for p in engagement.strategy.pillars)


def competitor_choices(engagement: Engagement) -> list[Choice]:
    return distinct((c.name, c.id) for c in engagement.environment.market.competitors)


def interview_choices(engagement: Engagement, lang: str) -> list[Choice]:
    return distinct(
        (interview_name(i, engagement, lang), i.id) for i in engagement.collection.interviews
    )


def source_choices(engagement: Engagement, lang: str) -> list[Choice]:
    """What a pillar may rest on: segments, competitors, interviews, each kind named."""
    kinds: list[tuple[str, list[Choice]]] = [
        ("segment", segment_choices(engagement)),
        ("competitor", competitor_choices(engagement)),
        ("interview", interview_choices(engagement, lang)),
    ]
    return [
        (t(f"forms.source.{kind}", lang, name=name), value)
        for kind, choices in kinds
        for name, value in choices
    ]


def names(choices: Sequence[Choice], ids: Iterable[str], lang: str) -> list[str]:
    """The labels of ``ids``; an id that no longer names anything reads as a deleted item."""
    by_id = {value: text for text, value in choices}
    return [by_id.get(i) or t("forms.ref.unknown", lang) for i in ids]


def with_unknown(choices: Sequence[Choice], ids: Iterable[str], lang: str) -> list[Choice]:
    """``choices`` plus an entry for each stored id they lack, so a widget never drops a value."""
    known = {value for _, value in choices}
    missing = [(t("forms.ref.unknown", lang), i) for i in ids if i and i not in known]
    return [*choices, *missing]


_PILLAR_PATH = re.compile(r"^strategy\.pillars(?:\[(\d+)\])?(?:\.(\w+))?")


def pillar_change_place(path: str, names: Sequence[str], lang: str) -> str:
    """Where a change of the pillars is, in words: "Pilier « Fiable » · Sources", never a path.

    ``names`` are the pillars' names by position in the newer revision.
    """
    found = _PILLAR_PATH.match(path)
    if not found:
        return t("forms.diff.elsewhere", lang)
    index, key = found.groups()
    if index is None:
        return t("forms.diff.pillars", lang)
    position = int(index)
    name = names[position] if position < len(names) else ""
    place = (
        t("forms.diff.pillar", lang, name=name)
        if name
        else t("forms.diff.pillar_n", lang, n=position + 1)
    )
    if key and f"ui.field.{key}" in catalog(resolve_lang(lang)):
        place += " · " + t(f"ui.field.{key}", lang)
    return place
