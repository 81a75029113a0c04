"""The room link both facilitator views show: found again after a reload, never renewed silently.

A room pass's token is shown once by the store; this server keeps it in the
consultant's private file (:class:`cxkit.apps.live_local.LocalState`) and
re-checks it against the store each time, so that a reloaded controls page or
projection shows the SAME link people are scanning. Only a pass opened
elsewhere (the command line, another computer) needs a new token, and that
is the facilitator's explicit choice on the controls page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cxkit.apps.live_local import LocalState
from cxkit.apps.network import loopback_warning
from cxkit.errors import AccessDenied
from cxkit.store.invitations import room_link
from cxkit.store.rooms import RoomPass


def current_room(ws: Any, engagement_id: str, workshop: str | None) -> RoomPass | None:
    """The workshop's newest room pass still open (full counts as open: it can be closed)."""
    if not workshop:
        return None
    at = dt.datetime.now(dt.UTC)
    passes = ws.rooms(engagement_id, workshop)
    live = [r for r in passes if r.revoked_at is None and r.expires_at > at]
    return live[-1] if live else None


def room_token(ws: Any, local: LocalState, room: RoomPass | None) -> str | None:
    """The kept token of ``room`` if it still opens that room (else forgotten)."""
    if room is None:
        return None
    token = local.room_token(room.id)
    if token is None:
        return None
    try:
        if ws.room(token).id == room.id:
            return token
    except AccessDenied:
        pass
    local.keep_room_token(room.id, None)  # renewed by another screen: its old QR must go
    return None


def room_url(ws: Any, local: LocalState, forms_url: str, room: RoomPass | None) -> str | None:
    token = room_token(ws, local, room)
    return room_link(forms_url, token) if token else None


def room_warning(link: str, lang: str) -> str | None:
    """A plain warning when ``link`` cannot be reached from the phones (a loopback address);
    both facilitator views show it above the QR code."""
    return loopback_warning(link, lang)
