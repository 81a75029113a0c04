"""What the facilitator's own screens share, kept where only the consultant can read it.

The store keeps a room token only as its hash (a stolen database opens no
room), so a reloaded live screen could not show the room link again and had
to renew it, killing the link that people had just scanned. The facilitator's
server keeps the tokens of the room passes it opened in a file of the
workspace folder, readable by the consultant alone (mode 0600), next to what
the projection view shows: the controls page writes it, the ``?view=screen``
page (another kernel, often on the projector) reads it every second.

Every key is scoped by the database's display URL, so two workspaces in one
folder never mix; a token read back is always re-checked against the store
by the caller. A damaged file reads as empty: the screen then offers to
renew the link, as before.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from cxkit.paths import workspace_dir

FILE_NAME = ".cxkit-live.json"
ROOM = "room"
"""What the projection shows while people join: the room's QR code."""

_LOCK = threading.Lock()


class LocalState:
    """Room tokens and the projected view of one workspace, in a private JSON file."""

    def __init__(self, scope: str, path: Path | None = None) -> None:
        self.scope = scope
        self.path = path if path is not None else workspace_dir() / FILE_NAME

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _update(self, section: str, key: str, value: Any) -> None:
        """Set (or with ``None`` remove) one entry; written to a temporary file, then renamed."""
        with _LOCK:
            data = self._read()
            entries = data.setdefault(section, {})
            full = f"{self.scope}|{key}"
            if value is None:
                entries.pop(full, None)
            else:
                entries[full] = value
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".cxkit-live-", dir=self.path.parent)
            try:
                os.fchmod(fd, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(data, out)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def _get(self, section: str, key: str) -> Any:
        entries = self._read().get(section)
        return entries.get(f"{self.scope}|{key}") if isinstance(entries, dict) else None

    # --- room tokens ------------------------------------------------------------------

    def room_token(self, room_id: str) -> str | None:
        found = self._get("rooms", room_id)
        return found if isinstance(found, str) else None

    def keep_room_token(self, room_id: str, token: str | None) -> None:
        self._update("rooms", room_id, token)

    # --- what the projection shows ------------------------------------------------------

    def projected(self, engagement_id: str) -> tuple[str | None, str]:
        """(workshop, what is shown: :data:`ROOM` or an activity kind) chosen on the controls."""
        found = self._get("screen", engagement_id)
        if isinstance(found, dict):
            workshop = found.get("workshop")
            showing = found.get("showing")
            return (
                workshop if isinstance(workshop, str) else None,
                showing if isinstance(showing, str) else ROOM,
            )
        return None, ROOM

    def project(self, engagement_id: str, workshop: str | None, showing: str) -> None:
        self._update("screen", engagement_id, {"workshop": workshop, "showing": showing})
