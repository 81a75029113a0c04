"""Starting and stopping the Voilà servers: one implementation for the CLI, the tests and the benchmark.

Two kinds of server, each with its settings in a config file of
``cxkit/apps/config/<kind>/voila.json`` rather than on a command line:

- ``facilitator`` serves the ``notebooks/`` folder (home, phase notebooks,
  live screen) behind a jupyter_server token, read from ``JUPYTER_TOKEN``
  so it never shows in ``ps``;
- ``participant`` serves one notebook only (``participant.ipynb``): no tree,
  no other notebook, no files, so a participant reaches nothing else.

A server runs in its own process group, so stopping it also ends the
kernels it started, even if Voilà dies first. Each ``<kind>`` folder also
holds a ``voila.py`` that hands the server cxkit's code-side settings
(:mod:`cxkit.apps.voila_config`: the participants' gate, the pages'
language, the identity header the start-up check looks for).

Before a server starts, its port is checked (:func:`check_ports`), and a
server counts as started only when the answer on its port carries the
random identity it was started with: another program on the port is
never taken for it.
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

from cxkit.errors import CxkitError
from cxkit.paths import notebook, notebooks_dir, workspace_dir

Kind = Literal["facilitator", "participant"]

APPS_DIR = Path(__file__).resolve().parent
CONFIG_DIR = APPS_DIR / "config"
# Holds the ``cxkit`` Voilà template (lab, plus a phone viewport); added to JUPYTER_PATH.
SHARE_DIR = APPS_DIR / "share" / "jupyter"
NOTEBOOKS_DIR = notebooks_dir()
PARTICIPANT_NOTEBOOK = notebook("participant.ipynb")

# Environment variables a server passes to its kernels.
ENV_FORMS_URL = "CXKIT_FORMS_URL"  # the participants' server, for invitation links
ENV_APP_LOG = "CXKIT_APP_LOG"  # where kernels log what participants must not see
ENV_SERVER_ID = "CXKIT_SERVER_ID"  # the random identity a server answers with (start-up check)
ENV_LANG = "CXKIT_LANG"  # the language of the server's own pages (login, loading, refusals)
ENV_COOKIE_SECRET = "CXKIT_COOKIE_SECRET"  # the facilitator's, from its 0600 key file
IDENTITY_HEADER = "X-Cxkit-Server"


class ServerFailed(CxkitError):
    """A Voilà server did not start; its message carries the end of its log."""

    def __init__(self, kind: str, log_tail: str, /, lang: str | None = None) -> None:
        super().__init__("apps.cli.server_failed", lang, kind=kind, detail=log_tail)
        self.kind = kind
        self.log_tail = log_tail


class PortTaken(ServerFailed):
    """A port a server needs is already in use (by anything: another cxkit, another program)."""

    def __init__(self, kind: str, host: str, port: int) -> None:
        super().__init__(kind, f"{host}:{port} is in use")
        self.host = host
        self.port = port


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free right now on ``host`` (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((_reachable(host), port)) == 0


def _reachable(host: str) -> str:
    """Where to reach a server listening on ``host``: loopback for the wildcard addresses."""
    return "127.0.0.1" if host in ("", "0.0.0.0") else host


def port_taken(host: str, port: int) -> bool:
    """True if a server could not listen on ``host:port`` now (bound by any process).

    Binding with SO_REUSEADDR, as Tornado does, so a port in TIME_WAIT after a
    restart counts as free.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return True
            raise
    return False


def check_ports(wanted: Iterable[tuple[str, str, int]]) -> None:
    """Raise :class:`PortTaken` for the first ``(kind, host, port)`` that is in use, before any start."""
    for kind, host, port in wanted:
        if port_taken(host, port):
            raise PortTaken(kind, host, port)


@dataclass
class VoilaServer:
    """A running Voilà server: where it listens, its token, its process and log."""

    kind: str
    process: subprocess.Popen[bytes]
    host: str
    port: int
    target: Path
    log_path: Path
    token: str | None = None
    _log: object = field(default=None, repr=False)
    prefix: str = "/"
    """The path the server is mounted under (``/services/cxkit-forms/`` behind JupyterHub)."""
    server_id: str = field(default="", repr=False)

    @property
    def base_url(self) -> str:
        return f"http://{_reachable(self.host)}:{self.port}{self.prefix}"

    def base_path(self) -> str:
        """The path under which the server answers (``/``, or a hub's ``/services/.../``)."""
        return self.prefix

    def url(self, path: str = "", **query: str) -> str:
        """A page of this server; the facilitator's token is added to the query."""
        if self.token:
            query = {**query, "token": self.token}
        suffix = f"?{urlencode(query)}" if query else ""
        return f"{self.base_url}{path.lstrip('/')}{suffix}"

    def notebook_url(self, notebook: str, **query: str) -> str:
        """A notebook of the facilitator's folder (``/voila/render/<name>``)."""
        return self.url(f"voila/render/{notebook}", **query)

    def kernel_pids(self) -> list[int]:
        """Process ids of the kernels this server runs: its children, or its zygote's."""
        return kernels_of(self.process.pid)

    def zygote_pid(self) -> int | None:
        """The process the participants' kernels are forked from, if it runs."""
        return next((p for p in children(self.process.pid) if is_zygote(p)), None)

    def wait_for_zygote(self, timeout: float) -> bool:
        """Wait until the zygote (if this server has one) takes requests.

        Until then kernels start the slow way; the first phones should not.
        """
        pid = self.zygote_pid()
        if pid is None:
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            socket_path = zygote_socket(pid)
            if socket_path is None:
                return False  # it ended
            if socket_path.exists():
                return True
            time.sleep(0.05)
        return False

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def alive(self) -> bool:
        return self.process.poll() is None

    def terminate(self) -> None:
        """Ask Voilà to shut down, without waiting (:meth:`stop` waits, and ends what is left)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)

    def stop(self, timeout: float = 10.0) -> None:
        """Ask Voilà to shut down (it stops its kernels), then end what is left.

        jupyter_client starts each kernel in a session of its own, so the
        kernels are collected first and ended one by one if Voilà did not.
        """
        kernels = self.kernel_pids() if self.process.poll() is None else []
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout)
        # Kernels left behind by a Voilà that died share its process group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout)
        for pid in kernels:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        log = self._log
        if log is not None and hasattr(log, "close"):
            log.close()

    def __enter__(self) -> VoilaServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def kernels_of(server_pid: int) -> list[int]:
    """The kernels a Voilà server runs: its children, or its zygote's (forked)."""
    found = []
    for pid in children(server_pid):
        found += children(pid) if is_zygote(pid) else [pid]
    return found


def is_zygote(pid: int) -> bool:
    """Whether ``pid`` is a kernel zygote (:mod:`cxkit.apps.zygote`), read from /proc."""
    return zygote_socket(pid) is not None


def zygote_socket(pid: int) -> Path | None:
    """The socket a zygote listens on (its first argument), or None if ``pid`` is none."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    if b"cxkit.apps.zygote" not in command[:3] or len(command) < 4:
        return None
    return Path(os.fsdecode(command[command.index(b"cxkit.apps.zygote") + 1]))


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid``, read from /proc (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces or parentheses: parse after the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (VmRSS), 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def server_env(*, extra: dict[str, str] | None = None, token: str | None = None) -> dict[str, str]:
    """The environment of a server and its kernels: ours first on JUPYTER_PATH, token only if asked."""
    env = dict(os.environ)
    env.pop("JUPYTER_TOKEN", None)
    env.pop("JUPYTER_TOKEN_FILE", None)
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE_DIR), os.environ.get("JUPYTER_PATH", "")) if p
    )
    env.setdefault("PYTHONUNBUFFERED", "1")
    if token:
        env["JUPYTER_TOKEN"] = token
    env.update(extra or {})
    return env


def start_server(
    kind: Kind,
    *,
    target: Path | None = None,
    host: str = "127.0.0.1",
    port: int | None = None,
    token: str | None = None,
    env: dict[str, str] | None = None,
    log_dir: Path | None = None,
    config_dir: Path | None = None,
    lang: str | None = None,
    timeout: float = 60.0,
    prefix: str = "/",
) -> VoilaServer:
    """Start a Voilà server of ``kind`` and return once it answers HTTP as itself.

    ``target`` is the notebook (participant) or folder (facilitator) to
    serve; ``port`` None picks a free one, a given ``port`` already in use
    raises :class:`PortTaken`; ``prefix`` is the path a proxy mounts it under
    (Voilà's ``base_url``), ``/`` when served directly. The facilitator's
    ``token`` is generated when not given. ``env`` is added to the server's
    (and so its kernels') environment: the workspace URL, the participants'
    link base. ``lang``: the language of the server's own pages (else
    ``CXKIT_LANG``'s, else French).
    """
    if target is None:
        target = NOTEBOOKS_DIR if kind == "facilitator" else PARTICIPANT_NOTEBOOK
    if kind == "facilitator" and token is None:
        token = secrets.token_urlsafe(24)
    if kind == "participant":
        token = None
    prefix = f"/{prefix.strip('/')}/" if prefix.strip("/") else "/"
    config = config_dir or CONFIG_DIR / kind
    log_dir = log_dir or Path(os.environ.get("CXKIT_LOG_DIR") or workspace_dir() / "logs")
    log_dir.mkdir(parents=True, exist_ok=True)
    extra = {ENV_APP_LOG: str(log_dir / "cxkit-apps.log"), **(env or {})}
    if lang:
        extra[ENV_LANG] = lang
    attempts = 1 if port is not None else 3
    last_error = ""
    for _ in range(attempts):
        chosen = port if port is not None else free_port(host)
        if port is not None and port_taken(host, port):
            raise PortTaken(kind, host, port)
        server_id = secrets.token_hex(8)
        log_path = log_dir / f"voila-{kind}-{chosen}.log"
        # Appended, not truncated: a restarted server keeps its predecessor's last words.
        log = open(log_path, "ab")  # noqa: SIM115 - closed by VoilaServer.stop
        command = [
            sys.executable,
            "-m",
            "cxkit.apps.light",  # Voilà, light on the wire (see that module)
            str(target),
            f"--port={chosen}",
            f"--Voila.ip={host}",
            f"--Voila.config_file_paths={config}",
            f"--Voila.base_url={prefix}",
            "--no-browser",
        ]
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=server_env(extra={**extra, ENV_SERVER_ID: server_id}, token=token),
            cwd=str(target if target.is_dir() else target.parent),
            start_new_session=True,
        )
        server = VoilaServer(
            kind,
            process,
            host,
            chosen,
            target,
            log_path,
            token,
            log,
            prefix=prefix,
            server_id=server_id,
        )
        try:
            serving = _wait_until_serving(server, timeout)
        except BaseException:  # Ctrl-C while starting: leave no server behind
            server.stop()
            raise
        if serving:
            server.wait_for_zygote(timeout)
            return server
        last_error = server.log_tail()
        server.stop()
    raise ServerFailed(kind, last_error)


def answers_as(server: VoilaServer, timeout: float = 5.0) -> bool:
    """True if what answers on the server's port is this very server (its identity header).

    The login route answers on both kinds of server without starting a kernel.
    """
    connection = http.client.HTTPConnection(_reachable(server.host), server.port, timeout=timeout)
    try:
        connection.request("GET", server.base_path() + "login")
        answer = connection.getresponse()
        answer.read()
    except OSError:
        return False
    finally:
        connection.close()
    return bool(server.server_id) and answer.getheader(IDENTITY_HEADER) == server.server_id


def _wait_until_serving(server: VoilaServer, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            return False
        if _listening(server.host, server.port) and answers_as(server):
            return True
        time.sleep(0.1)
    return False


# How the tests and the room benchmark drive Debian's chromium (STACK-NOTES): Playwright's
# own browser download needs the network, and without these flags Chromium's background
# connections are refused by the closed network, many at a time.
HEADLESS_CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PHONE_VIEWPORT = {"width": 375, "height": 740}
"""A phone's screen, as the participants' pages are designed for."""
