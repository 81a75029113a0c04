"""The agenda being prepared: steps added, edited, reordered and removed before it is saved.

The rules of the consultant's agenda editor (:mod:`cxkit.ui.agenda`), kept
apart from its widgets so they are tested without them: which step is
selected after a move or a removal, minutes typed as a timer in seconds,
each line's label. The store checks the whole again when it is saved
(:func:`cxkit.store.agenda.check_steps`); what the editor does not edit
(an activity's options, set by its own part) is kept as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from cxkit.store.agenda import MAX_STEPS, AgendaStep

MAX_MINUTES = 480
"""The longest timer a step can have (the store's eight hours)."""


@dataclass
class AgendaDraft:
    """The steps as the editor shows them, and the one selected (None: no step)."""

    steps: list[AgendaStep] = field(default_factory=list)
    selected: int | None = None

    @classmethod
    def of(cls, steps: Iterable[AgendaStep]) -> AgendaDraft:
        listed = list(steps)
        return cls(listed, 0 if listed else None)

    @property
    def full(self) -> bool:
        return len(self.steps) >= MAX_STEPS

    def add(self, activity: str, title: str = "", minutes: int | None = None) -> int | None:
        """A new step after the selected one (at the end if none); None when the agenda is full."""
        if self.full:
            return None
        step = AgendaStep(activity, title.strip() or None, seconds_of(minutes))
        at = len(self.steps) if self.selected is None else self.selected + 1
        self.steps.insert(at, step)
        self.selected = at
        return at

    def edit(self, **changes: Any) -> None:
        """Change the selected step (``activity``, ``title``, ``minutes``, ``results_shown``)."""
        if self.selected is None:
            return
        if "minutes" in changes:
            changes["seconds"] = seconds_of(changes.pop("minutes"))
        if "title" in changes:
            changes["title"] = (changes["title"] or "").strip() or None
        if "activity" in changes and changes["activity"] != self.steps[self.selected].activity:
            changes["options"] = {}  # another activity's options mean nothing to this one
        self.steps[self.selected] = replace(self.steps[self.selected], **changes)

    def move(self, delta: int) -> None:
        """The selected step one place up (-1) or down (1); it stays selected."""
        if self.selected is None:
            return
        to = self.selected + delta
        if 0 <= to < len(self.steps):
            self.steps[self.selected], self.steps[to] = self.steps[to], self.steps[self.selected]
            self.selected = to

    def remove(self) -> None:
        """Remove the selected step; the one that took its place (or the last) is selected."""
        if self.selected is None:
            return
        del self.steps[self.selected]
        self.selected = min(self.selected, len(self.steps) - 1) if self.steps else None

    def as_data(self) -> list[dict[str, Any]]:
        """The steps as :meth:`Workspace.set_agenda <cxkit.store.Workspace.set_agenda>` takes them."""
        return [s.as_dict() for s in self.steps]


def seconds_of(minutes: object) -> int | None:
    """A timer typed in whole minutes: 0 or nothing is no timer; beyond eight hours, eight hours."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        return None
    return min(minutes, MAX_MINUTES) * 60
