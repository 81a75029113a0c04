"""An agenda's steps in words: the same on the consultant's editor and the facilitator's screen.

A step is called by its title, else by its activity's name as the room
knows it; its timer in minutes and seconds, by the
language's typography.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxkit.i18n import t
from cxkit.store.agenda import AgendaStep
from cxkit.typography import format_number, nbsp, t_plural


def activity_name(kind: str, lang: str) -> str:
    """An activity by the name the room knows it by (a kind without one: its own word)."""
    key = f"apps.kind.{kind}"
    name = t(key, lang)
    return kind if name == key else name


def minutes_text(seconds: int | None, lang: str) -> str:
    """ "5 min", "1 min 30 s", or the empty string for a step without a timer."""
    if not seconds:
        return ""
    whole, rest = divmod(seconds, 60)
    if not whole:
        return nbsp(t("agenda.seconds_short", lang, n=format_number(rest, lang)), lang)
    text = t("agenda.minutes_short", lang, n=format_number(whole, lang))
    if rest:
        text += " " + t("agenda.seconds_short", lang, n=format_number(rest, lang))
    return nbsp(text, lang)


def step_label(step: AgendaStep, lang: str) -> str:
    """What a step is called on every screen: its title, else its activity's name."""
    return step.title or activity_name(step.activity, lang)


def step_line(position: int, step: AgendaStep, lang: str) -> str:
    """One line of the agenda: "2. Vos gommettes — Gommettes · 5 min"."""
    parts = [f"{position + 1}. {step_label(step, lang)}"]
    if step.title:
        parts.append(f" — {activity_name(step.activity, lang)}")
    timer = minutes_text(step.seconds, lang)
    if timer:
        parts.append(f" · {timer}")
    return "".join(parts)


def total_text(steps: Sequence[AgendaStep], lang: str) -> str:
    """ "3 étapes, 25 min au total" (the timed steps' durations added up)."""
    seconds = sum(s.seconds or 0 for s in steps)
    count = t_plural("agenda.steps", len(steps), lang, count=format_number(len(steps), lang))
    if not seconds:
        return nbsp(count, lang)
    return nbsp(t("agenda.total", lang, steps=count, time=minutes_text(seconds, lang)), lang)
