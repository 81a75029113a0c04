"""The phone follows the workshop's agenda: the step's activity first, and on when the room moves.

The form opens on the activity of the step the room is on. The phone's
kernel then looks where the room is every few seconds (one indexed read,
:data:`WATCH_EVERY_S`; the browser polls nothing: a change is pushed to
the page over the kernel's own connection), and the page's script
(``phone.html.j2``) taps the hidden "follow" button when the phone comes
back into view or is tapped outside a text field, for an answer at once.
Either way the kernel asks the store where the room is, one indexed read
(:meth:`ParticipantSession.agenda_step
<cxkit.store.session.ParticipantSession.agenda_step>`), and switches to
the new step's activity only when the step changed since it last looked:
a participant who chose another activity keeps it until the room moves on.

Switching hides a section, it never drops it: what was typed there is
still there when the participant comes back to it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from cxkit.apps.blocks import BUTTON, HIDDEN
from cxkit.errors import AccessDenied
from cxkit.i18n import t
from cxkit.safety import guarded, server_log
from cxkit.vocab import METHOD_PROPOSALS

SECTION_OF_KIND = {"pillar-proposal": "propose", "rating": "rate"}
"""The form's section of an activity (a contribution kind) whose section has another name."""
FOLLOW_EVERY_S = 1.0
"""A phone asks the store where the room is at most this often, whatever the page sends."""
WATCH_EVERY_S: float | None = 3.0
"""How often the phone's kernel itself looks (one indexed read), so that an untouched
phone follows the room too; None: only when the page is used (the tests' own timing)."""
GIVE_UP_AFTER = 40
"""Failed looks in a row (two minutes) after which the kernel stops looking by itself."""


def section_of(kind: str) -> str:
    """The form's section of a contribution kind (the method's proposals share one)."""
    if kind in METHOD_PROPOSALS:
        return "method"
    return SECTION_OF_KIND.get(kind, kind)


class FollowsTheAgenda:
    """The form's part that follows the agenda; the form provides the members declared here."""

    lang: str
    _session: Any
    current: str | None
    _said: str

    def show(self, section: object) -> bool:
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def _failed(self, exc: BaseException) -> None:
        raise NotImplementedError

    def on_watch(self) -> None:
        """What else the form re-reads at each look of the kernel (the form may add to it)."""

    def _follow_setup(self) -> widgets.Button:
        """The step the room is on, read once; and the hidden button the page's script taps."""
        self._step_seen: tuple[int, str] | None = self._agenda_step()
        self._followed_at = time.monotonic()
        # Never a send button: the script taps it, nobody else.
        follow = widgets.Button(layout=HIDDEN, style=BUTTON, _dom_classes=("cxkit-follow",))
        follow.on_click(guarded(self._failed)(lambda _: self.follow_step()))
        if WATCH_EVERY_S is not None:
            self._follow_stop = threading.Event()
            watch = threading.Thread(target=self._watch_step, name="cxkit-agenda", daemon=True)
            watch.start()
        return follow

    def _watch_step(self) -> None:
        """The kernel follows the room by itself: the new step's activity is pushed to the page."""
        failures = 0
        while WATCH_EVERY_S is not None and not self._follow_stop.wait(WATCH_EVERY_S):
            try:
                self.follow_step()
                self.on_watch()
                failures = 0
            except AccessDenied:
                return  # the link no longer opens anything: nothing more to follow
            except Exception:  # an outage: the next look, or the next tap, tries again
                failures += 1
                server_log().debug("following the agenda failed", exc_info=True)
                if failures >= GIVE_UP_AFTER:
                    return  # the store is gone for good; a tap on the page still asks

    def _agenda_step(self) -> tuple[int, str] | None:
        asked = getattr(self._session, "agenda_step", None)
        return asked() if callable(asked) else None

    def first_section(self, opened: Sequence[str]) -> str | None:
        """The section to open with: the agenda's step's activity when the room runs one."""
        if self._step_seen is not None and section_of(self._step_seen[1]) in opened:
            return section_of(self._step_seen[1])
        return opened[0] if opened else None

    def follow_step(self) -> bool:
        """Switch to the step's activity if the room moved since this phone looked; True if it did."""
        at = time.monotonic()
        if at - self._followed_at < FOLLOW_EVERY_S:
            return False
        self._followed_at = at
        step = self._agenda_step()
        if step == self._step_seen:
            return False
        self._step_seen = step
        if step is None:
            return False
        section = section_of(step[1])
        if section == self.current:
            return False
        before = self._said
        if not self.show(section):  # an activity this invitation did not open: stay
            self.say(before)
            return False
        notice = t(
            "agenda.phone.moved", self.lang, activity=t(f"apps.form.tab.{section}", self.lang)
        )
        self.say(f"{before} {notice}".strip())  # a thank-you just said stays with it
        return True
