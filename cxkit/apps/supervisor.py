"""Keeping the room's servers alive for a whole workshop: ``cxkit app`` is a supervisor.

A server that dies (a crash, the system killing it for memory, a mistaken
``kill``) is started again on the same port with the same settings, while
the other goes on serving: a participant's personal link and the
facilitator's URL keep working, because the facilitator's token (and its
cookie secret, so a logged-in browser stays logged in) is kept in a file
of the workspace that only the consultant can read, and reused by every
start. SIGTERM, SIGHUP and Ctrl-C stop every server explicitly: they run
in sessions of their own, so no signal to ``cxkit app``'s group reaches them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from cxkit.apps.servers import ServerFailed, VoilaServer

KEY_FILE = "facilitator-key.json"


@dataclass(frozen=True)
class FacilitatorKey:
    """The facilitator server's token (in its URL) and cookie secret, stable across restarts."""

    token: str
    cookie_secret: str  # hex

    @classmethod
    def load_or_create(cls, folder: Path) -> FacilitatorKey:
        """The key kept in ``folder`` (created once, mode 0600); a damaged file is replaced."""
        path = folder / KEY_FILE
        folder.mkdir(parents=True, exist_ok=True)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            key = cls(str(data["token"]), str(data["cookie_secret"]))
            bytes.fromhex(key.cookie_secret)
            if len(key.token) >= 16:
                os.chmod(path, 0o600)  # in case it was copied with looser rights
                return key
        except (OSError, ValueError, KeyError, TypeError):
            pass
        key = cls(secrets.token_urlsafe(24), secrets.token_hex(32))
        temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"token": key.token, "cookie_secret": key.cookie_secret}, out)
        os.replace(temporary, path)
        return key


Starter = Callable[[], VoilaServer]
Report = Callable[[str, VoilaServer], None]


class Supervisor:
    """Start servers, restart any that dies (same port, same settings), stop them all on request.

    ``starters``: one function per server that starts it and returns it once
    it answers as itself; called again to restart it. ``report(event,
    server)``: ``restarted`` or ``restart_failed``, for the command's output.
    """

    def __init__(
        self, starters: Sequence[Starter], report: Report, *, retry_s: float = 5.0
    ) -> None:
        self._starters = list(starters)
        self._report = report
        self._retry_s = retry_s
        self.servers: list[VoilaServer] = []
        self._stop = threading.Event()

    def start(self) -> list[VoilaServer]:
        """Start every server, in order; if one fails, stop those started and raise."""
        try:
            for starter in self._starters:
                self.servers.append(starter())
        except BaseException:
            self.stop_all()
            raise
        return self.servers

    def check(self) -> None:
        """Restart the servers that died (their kernels end by themselves: ipykernel exits
        when its parent process is gone)."""
        for index, server in enumerate(self.servers):
            if server.alive():
                continue
            server.stop()  # closes its log
            try:
                self.servers[index] = self._starters[index]()
            except ServerFailed:
                self._report("restart_failed", server)
                self._stop.wait(self._retry_s)
            else:
                self._report("restarted", self.servers[index])

    def run(self, interval: float = 1.0) -> None:
        """Watch until :meth:`request_stop` (a signal handler, another thread)."""
        while not self._stop.wait(interval):
            self.check()

    def request_stop(self) -> None:
        self._stop.set()

    def stop_all(self) -> None:
        """Stop every server: all asked at once, then each waited for (and its kernels ended)."""
        for server in self.servers:
            server.terminate()
        for server in self.servers:
            server.stop()


@contextlib.contextmanager
def stop_signals(on_signal: Callable[[str], None]) -> Iterator[None]:
    """Call ``on_signal(name)`` on SIGTERM or SIGHUP while inside; the old handlers come back after."""
    names = {signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP"}

    def handle(number: int, frame: FrameType | None) -> None:
        on_signal(names.get(signal.Signals(number), str(number)))

    previous = {number: signal.signal(number, handle) for number in names}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
