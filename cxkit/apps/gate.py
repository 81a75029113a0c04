"""The participants' server's gate: no kernel for a link that opens nothing.

Voilà starts a kernel (about 67 MB, alive until culled) for every page it
serves, whatever the link. The gate runs in the server, as Voilà's
``prelaunch_hook``, before any kernel starts: a request whose personal
token or room link is missing, forged, expired or revoked (or a room that
is closed or full) gets the short page, as a plain HTTP answer, in the
engagement's language (the server's when the link names no engagement); a client address that opens pages too fast gets a
"too many pages" answer; past a ceiling of open pages, "the server is full".
So a stranger on the room's Wi-Fi costs the laptop no kernel at all.

The gate only reads the store (the same checks the form makes, by
:meth:`Workspace.participant` and :meth:`Workspace.room`); it writes nothing.
It also hands the page the cookie its closing beacon needs, so a closed
page's kernel is shut down at once (:func:`set_xsrf_cookie`).

One room link, one participant per device (no fresh dots by reloading): a
room link's page gets a device cookie (a random key, HttpOnly, SameSite=Lax,
scoped to this server's path), and the page's kernel gets the same key in a
cell the gate adds after the notebook's parameters (the kernel sees no
cookie; the link never carries the key). The store derives the personal
token from the key and the room pass's secret (:func:`cxkit.store.rooms.device_token`).
A device that joined already and opens the room link again (a reload, a
bookmark, a second tab) is sent straight to its personal link, before any
kernel starts (:meth:`Workspace.rejoin_room`). A forged key finds nobody.
"""

from __future__ import annotations

import copy
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode

import tornado.web

from cxkit.apps.network import is_loopback
from cxkit.errors import AccessDenied
from cxkit.i18n import resolve_lang, t
from cxkit.safety import server_log

ENV_LIMITS = "CXKIT_FORMS_LIMITS"
"""``burst=30,per_minute=30,loopback=0,max_pages=200``: the gate's limits, for a server or a test."""


class Refusal(tornado.web.HTTPError):
    """An HTTP answer carrying the short page to show: a title and a sentence, in one language.

    The page is rendered by the ``cxkit`` template's ``error.html`` (escaped, no traceback).
    """

    def __init__(self, status: int, page: tuple[str, str], lang: str | None) -> None:
        super().__init__(status, log_message=f"cxkit gate: {page[1]}")
        self.cxkit_lang = resolve_lang(lang)
        self.cxkit_title = t(page[0], self.cxkit_lang)
        self.cxkit_body = t(page[1], self.cxkit_lang)


# The short pages, as (title, sentence) catalog keys: the form's own for a refused link.
DENIED = ("apps.denied.title", "apps.denied.body")
ROOM_DENIED = ("apps.denied.title", "apps.room.denied.body")
ROOM_FULL = ("apps.room.full.title", "apps.room.full.body")
UNAVAILABLE = ("apps.unavailable.title", "apps.unavailable.body")
WELCOME = ("servers.gate.welcome.title", "servers.gate.welcome.body")
BUSY = ("servers.gate.busy.title", "servers.gate.busy.body")
FULL = ("servers.gate.full.title", "servers.gate.full.body")


@dataclass
class Limits:
    """How much one client address, and everyone together, may open."""

    burst: int = 30  # pages one address may open at once
    per_minute: float = 30.0  # then this many a minute
    loopback: bool = False  # limit this computer's own addresses too (a local proxy spreads a room)
    max_pages: int = 200  # open pages (kernels) on this server, all addresses together

    @classmethod
    def from_env(cls) -> Limits:
        limits = cls()
        for item in os.environ.get(ENV_LIMITS, "").split(","):
            name, _, value = item.partition("=")
            name = name.strip()
            if name == "loopback":
                limits.loopback = value.strip() not in ("", "0", "false")
            elif name in ("burst", "max_pages"):
                setattr(limits, name, int(value))
            elif name == "per_minute":
                limits.per_minute = float(value)
        return limits


class TokenBuckets:
    """One token bucket per client address: ``burst`` at once, refilled at ``per_minute``.

    Full buckets are forgotten when many addresses were seen, so a flood of
    spoofed addresses cannot grow this table without end.
    """

    MAX_ADDRESSES = 4096

    def __init__(
        self, burst: int, per_minute: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = burst
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when)
        self._lock = threading.Lock()

    def take(self, address: str) -> bool:
        """Spend one token of ``address``; False when its bucket is empty."""
        with self._lock:
            now = self.clock()
            tokens, when = self._buckets.get(address, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[address] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self.MAX_ADDRESSES:
                self._forget_full(now)
            return allowed

    def _forget_full(self, now: float) -> None:
        for address, (tokens, when) in list(self._buckets.items()):
            if tokens + (now - when) * self.rate >= self.burst:
                del self._buckets[address]


def link_params(query: str) -> dict[str, str]:
    """``token`` and ``room`` of a page's query string, read as the form reads them (first value)."""
    parsed = parse_qs(query, keep_blank_values=False)
    return {key: parsed[key][0] for key in ("token", "room") if parsed.get(key)}


DEVICE_COOKIE = "cxkit-device"
DEVICE_DAYS = 30  # a device stays itself for a month of workshops (each room its own participant)
_DEVICE_KEY = re.compile(r"[A-Za-z0-9_-]{24,64}")


def device_key(cookie: object) -> str | None:
    """The device key a cookie carries, or None if it is not one this server could have drawn."""
    return cookie if isinstance(cookie, str) and _DEVICE_KEY.fullmatch(cookie) else None


def new_device_key() -> str:
    """A new device's key: 144 random bits, URL-safe (24 characters)."""
    return secrets.token_urlsafe(18)


def check_link(ws: Any, params: dict[str, str], lang: str, device: str | None = None) -> str | None:
    """Raise :class:`Refusal` unless the link opens a form (a valid token) or a room (open).

    The same rule as the form's page: a personal token wins over a room link.
    ``lang``: the server's language, for links whose engagement is unknown.
    ``device``: the key of the browser's device cookie. Returns the personal
    token to send the browser to instead when that device already joined
    through this room link (even a room closed or full since), else None.
    """
    token, room_token = params.get("token"), params.get("room")
    if token:
        try:
            ws.participant(token)
        except AccessDenied:
            raise Refusal(403, DENIED, lang) from None
        return None
    if not room_token:
        raise Refusal(403, WELCOME, lang)
    try:
        room = ws.room(room_token)
        known = ws.rejoin_room(room_token, device) if device else None
    except AccessDenied:
        raise Refusal(403, DENIED, lang) from None
    if known is not None:
        return str(known.token)
    if room.problem is None:
        return None
    document = ws.document(room.engagement)
    room_lang = document.get("engagement", {}).get("language") or lang
    page = ROOM_FULL if room.problem == "error.room.full" else ROOM_DENIED
    raise Refusal(403, page, room_lang)


class ParticipantGate:
    """Voilà's ``prelaunch_hook`` for the participants' server: rate, ceiling, then the link."""

    def __init__(
        self,
        *,
        lang: str | None = None,
        limits: Limits | None = None,
        workspace: Callable[[], Any] | None = None,
    ) -> None:
        self.lang = resolve_lang(lang)
        self.limits = limits or Limits.from_env()
        self.buckets = TokenBuckets(self.limits.burst, self.limits.per_minute)
        self._open_workspace = workspace or _open_workspace
        self._ws: Any = None

    def __deepcopy__(self, memo: dict[int, Any]) -> ParticipantGate:
        return self  # traitlets copies config values: the server keeps one gate, one table

    def workspace(self) -> Any:
        if self._ws is None:
            self._ws = self._open_workspace()
        return self._ws

    def check(
        self, address: str, query: str, open_pages: int, device: str | None = None
    ) -> str | None:
        """Raise :class:`Refusal` unless a page for this request may start a kernel.

        Returns the personal token of a device (``device``: its cookie's key)
        that already joined through the request's room link, else None.
        """
        if (self.limits.loopback or not is_loopback(address)) and not self.buckets.take(address):
            raise Refusal(429, BUSY, self.lang)
        if open_pages >= self.limits.max_pages:
            raise Refusal(503, FULL, self.lang)
        try:
            return check_link(self.workspace(), link_params(query), self.lang, device)
        except Refusal:
            raise
        except Exception:
            server_log().exception("the participants' gate could not read the workspace")
            raise Refusal(503, UNAVAILABLE, self.lang) from None

    def __call__(self, req: Any, notebook: Any = None, cwd: Any = None) -> Any:
        kernels = req.kernel_manager.list_kernel_ids()
        query = str(req.request.query or "")
        params = link_params(query)
        room_page = bool(params.get("room")) and not params.get("token")
        known = device_key(req.get_cookie(DEVICE_COOKIE)) if room_page else None
        personal = self.check(str(req.request.remote_ip or ""), query, len(kernels), known)
        if personal:
            # This device joined already: its own link, and no kernel for the room's page.
            req.redirect(f"{req.request.path}?{urlencode({'token': personal})}")
            raise tornado.web.Finish()
        set_xsrf_cookie(req)
        if not room_page:
            return None
        device = known or new_device_key()
        req.set_cookie(
            DEVICE_COOKIE,
            device,
            path=str(getattr(req, "base_url", None) or "/"),
            expires_days=DEVICE_DAYS,
            httponly=True,
            samesite="Lax",
            secure=req.request.protocol == "https",
        )
        return with_device(notebook, device)


def with_device(notebook: Any, device: str) -> Any:
    """A copy of the notebook whose kernel knows the device's key (``device = '...'``).

    The key goes in a cell of its own right after the ``parameters`` cell, as
    papermill injects parameters; a link cannot set it. ``device`` must be a
    key of :func:`device_key`'s shape (no quote can break out of the string).
    None (the notebook as it is) when there is no parameters cell.
    """
    import nbformat

    if notebook is None or device_key(device) is None:
        return None
    cells = notebook.cells
    at = next(
        (i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])),
        None,
    )
    if at is None:
        return None
    copied = copy.deepcopy(notebook)
    cell = nbformat.v4.new_code_cell(f"device = {device!r}")
    cell.metadata["tags"] = ["injected-parameters"]
    copied.cells.insert(at + 1, cell)
    return copied


def set_xsrf_cookie(req: Any, notebook: Any = None, cwd: Any = None) -> None:
    """Give the page the ``_xsrf`` cookie its closing beacon needs to shut its kernel down.

    A Voilà page posts ``voila/api/shutdown/<kernel>`` when it is closed or
    reloaded, with the ``_xsrf`` cookie's value; Voilà never sets that cookie,
    so the request fails its XSRF check and the kernel lives until culled
    (voila#1458). Reading the handler's ``xsrf_token`` sets the cookie.
    """
    _ = req.xsrf_token


def _open_workspace() -> Any:
    from cxkit.store import Workspace

    return Workspace.open()
