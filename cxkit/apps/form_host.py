"""What the participant form offers the sections mixed into it, declared once.

:class:`cxkit.apps.participant.ParticipantForm` holds the session, the
status line and the send buttons; each section (:mod:`cxkit.apps.sections`
and the activities' ``section_*`` modules) builds its widgets with these
members. Declared here so that every mixin types against the same host.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets


class FormHost:
    """The members the form provides to its sections."""

    lang: str
    _session: Any
    _names: dict[str, str]
    current: str | None

    def tr(self, key: str, /, **params: Any) -> str:
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def _submit(self, kind: str, **fields: Any) -> Any:
        raise NotImplementedError

    def _button(self, key: str, action: Callable[[], None]) -> widgets.Button:
        raise NotImplementedError

    def _card(self, title: str, *children: widgets.Widget) -> widgets.VBox:
        raise NotImplementedError

    def _still_open(self, section: str) -> bool:
        raise NotImplementedError

    def _textarea(self, draft: str, kind: str, placeholder: str = "") -> list[widgets.Widget]:
        raise NotImplementedError

    def _fits(self, kind: str, text: str) -> bool:
        raise NotImplementedError

    def _failed(self, exc: BaseException) -> None:
        raise NotImplementedError
