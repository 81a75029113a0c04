"""Which address phones in the room can reach: the links and QR codes must carry it.

A server listening on 127.0.0.1 is reachable from this computer only, and a
QR code for ``http://127.0.0.1:8867/`` opens nothing on a phone. cxkit looks
for the machine's address on the room's network (the source address of its
default route), lets ``--ip`` or ``CXKIT_FORMS_URL`` name another, and says
plainly, on the command line and on the live screen, when a link would
still point to this computer alone.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

from cxkit.apps.servers import ENV_FORMS_URL
from cxkit.i18n import t

LOOPBACK = "127.0.0.1"
WILDCARDS = ("", "0.0.0.0")
# A documentation address (TEST-NET-1, RFC 5737): a UDP "connect" to it only asks the
# kernel which route and source address it would use; no packet is ever sent.
_PROBE = ("192.0.2.1", 9)


def room_address() -> str | None:
    """This machine's address on the network of its default route, None without one (offline)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(_PROBE)
            address = str(sock.getsockname()[0])
        except OSError:
            return None
    return None if is_loopback(address) or address in WILDCARDS else address


def is_loopback(host: str) -> bool:
    """True for an address (or ``localhost``) that only this computer can reach."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen_address(ip: str | None) -> str:
    """Where the participants' server listens: ``ip`` if given, else every interface when the
    machine is on a network (phones reach it, and a new Wi-Fi address keeps working), else loopback.
    """
    if ip:
        return ip
    return "0.0.0.0" if room_address() else LOOPBACK


def advertised_host(listen: str) -> str:
    """The host the links carry for a server listening on ``listen``."""
    if listen in WILDCARDS:
        return room_address() or LOOPBACK
    return listen


def forms_base_url(listen: str, port: int) -> str:
    """The base of participants' links: ``CXKIT_FORMS_URL`` (a proxy, a hub) or this server."""
    configured = os.environ.get(ENV_FORMS_URL)
    if configured:
        return configured if configured.endswith("/") else configured + "/"
    host = advertised_host(listen)
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def loopback_warning(link: str, lang: str | None, *, area: str = "live") -> str | None:
    """The plain warning for a link phones cannot open (it points to this computer), else None.

    ``area``: ``live`` for the live screen's wording, ``cli`` for the command line's.
    """
    host = urlsplit(link).hostname or ""
    if not is_loopback(host):
        return None
    suggestion = room_address()
    key = f"servers.{area}.loopback" if suggestion else f"servers.{area}.loopback_none"
    return t(key, lang, address=host, suggestion=suggestion or "")
