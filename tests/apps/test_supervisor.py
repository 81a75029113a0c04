"""``cxkit app`` is a supervisor: a dead server comes back on its port, signals stop both.

Real ``cxkit app`` processes, real Voilà servers, all on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxkit.apps.servers import (
    ENV_COOKIE_SECRET,
    VoilaServer,
    answers_as,
    children,
    free_port,
    kernels_of,
    port_taken,
    start_server,
)
from cxkit.apps.supervisor import KEY_FILE, FacilitatorKey
from cxkit.store import Workspace
from tests.apps.conftest import process_alive as _alive
from tests.apps.conftest import wait_until as _wait_for

pytestmark = pytest.mark.slow

START_TIMEOUT_S = 180


class App:
    """A ``cxkit app`` process and what it printed up to its "Ctrl-C" line."""

    def __init__(self, cwd: Path, env: dict[str, str], *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cxkit", "app", "--ip", "127.0.0.1", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=cwd,
        )
        self.lines: list[str] = []
        self._ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("Ctrl-C"):
                self._ready.set()
        self._ready.set()

    def wait_ready(self) -> None:
        assert self._ready.wait(START_TIMEOUT_S), "\n".join(self.lines)
        assert self.process.poll() is None, "\n".join(self.lines)

    def url(self, prefix: str) -> str:
        return next(x.split(": ", 1)[1] for x in self.lines if x.startswith(prefix))

    def server_pids(self) -> dict[str, int]:
        """The Voilà servers it runs, by kind (read from their command lines)."""
        found = {}
        for pid in children(self.process.pid):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            kind = "participant" if b"participant.ipynb" in command else "facilitator"
            found[kind] = pid
        return found

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(60)


def _status(port: int, path: str) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


@pytest.fixture
def app_env(tmp_path: Path, jupyter_env: dict[str, str]) -> Iterator[dict[str, str]]:
    env = {**os.environ, **jupyter_env, "CXKIT_WORKSPACE": str(tmp_path / "ws")}
    env.pop("CXKIT_DB_URL", None)
    env.pop("CXKIT_FORMS_URL", None)
    yield env


def test_a_killed_forms_server_comes_back_and_the_facilitator_never_goes_down(
    tmp_path: Path, app_env: dict[str, str]
) -> None:
    port, forms_port = free_port(), free_port()
    ports = ("--port", str(port), "--forms-port", str(forms_port))
    app = App(tmp_path, app_env, *ports)
    try:
        app.wait_ready()
        home = app.url("Application d'animation")
        before = app.server_pids()
        assert set(before) == {"facilitator", "participant"}
        outages: list[float] = []
        watching = threading.Event()

        def watch_facilitator() -> None:
            while not watching.is_set():
                if _status(port, "/login") != 200:
                    outages.append(time.monotonic())
                time.sleep(0.1)

        # A participant's page, so the forms server has a kernel when it dies.
        with Workspace.open(folder=tmp_path / "ws") as ws:
            (invitation,) = ws.invite("horizon-mutuelle", "atelier-1", count=1)
        assert _status(forms_port, f"/?token={invitation.token}") == 200
        (kernel,) = kernels_of(before["participant"])
        watcher = threading.Thread(target=watch_facilitator, daemon=True)
        watcher.start()
        os.kill(before["participant"], signal.SIGKILL)
        came_back = _wait_for(
            lambda: (
                app.server_pids().get("participant") not in (None, before["participant"])
                and _status(forms_port, "/login") is not None
            ),
            START_TIMEOUT_S,
        )
        watching.set()
        watcher.join()
        assert came_back, "\n".join(app.lines)
        assert app.server_pids()["facilitator"] == before["facilitator"]
        assert _wait_for(lambda: not _alive(kernel), 30), (
            "the dead server's kernel was left running"
        )
        assert outages == [], "the facilitator server stopped answering"
        # Said once the new server is whole (its kernels' zygote listening too).
        assert _wait_for(
            lambda: any("redémarré sur le même port" in line for line in app.lines), 30
        ), "\n".join(app.lines)
        assert _status(forms_port, "/?token=forged-token-forged-token") == 403  # the gate is back
        path = home.split(f":{port}", 1)[1]
        assert _status(port, path) == 200  # the printed URL, token included, still opens
    finally:
        code = app.stop()
    assert code == 0, "\n".join(app.lines)
    assert not port_taken("127.0.0.1", port) and not port_taken("127.0.0.1", forms_port)
    assert not any(_alive(pid) for pid in before.values())
    # The facilitator's token survives a restart of cxkit app itself.
    again = App(tmp_path, app_env, *ports)
    try:
        again.wait_ready()
        assert again.url("Application d'animation") == home
    finally:
        assert again.stop() == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_cxkit_app_frees_both_ports(
    tmp_path: Path, app_env: dict[str, str], sig: signal.Signals
) -> None:
    port, forms_port = free_port(), free_port()
    app = App(tmp_path, app_env, "--port", str(port), "--forms-port", str(forms_port))
    try:
        app.wait_ready()
        servers = app.server_pids()
        assert len(servers) == 2, servers
        app.process.send_signal(sig)
        code = app.process.wait(90)
    finally:
        app.stop()
    said = "\n".join(app.lines)
    assert code == 0, said
    assert not port_taken("127.0.0.1", port), said
    assert not port_taken("127.0.0.1", forms_port), said
    assert not any(_alive(pid) for pid in servers.values()), said


def test_a_taken_port_is_named_and_no_url_is_printed(
    tmp_path: Path, app_env: dict[str, str]
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "cxkit",
                "app",
                "--ip",
                "127.0.0.1",
                "--forms-port",
                str(taken),
                "--port",
                str(free_port()),
            ],
            capture_output=True,
            text=True,
            env=app_env,
            cwd=tmp_path,
            timeout=120,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"Le port {taken} (les formulaires des participants) est déjà utilisé" in output
    assert "--forms-port" in output and "make app PORT=" in output
    assert "http://" not in output


def test_another_program_on_the_port_is_not_taken_for_our_server(tmp_path: Path) -> None:
    port = free_port()
    impostor = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = VoilaServer(
        "participant", impostor, "127.0.0.1", port, tmp_path, tmp_path / "log", server_id="ours"
    )
    try:
        assert _wait_for(lambda: _status(port, "/login") is not None, 30)
        assert not answers_as(server)
    finally:
        impostor.kill()
        impostor.wait()


def test_the_facilitator_key_is_kept_for_the_consultant_only(tmp_path: Path) -> None:
    first = FacilitatorKey.load_or_create(tmp_path)
    path = tmp_path / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert FacilitatorKey.load_or_create(tmp_path) == first
    path.chmod(0o644)
    assert FacilitatorKey.load_or_create(tmp_path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("{not json")
    renewed = FacilitatorKey.load_or_create(tmp_path)
    assert renewed != first and len(renewed.token) >= 16
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_restarted_facilitator_server_still_knows_a_logged_in_browser(
    tmp_path: Path, jupyter_env: dict[str, str], workspace_url: str
) -> None:
    key = FacilitatorKey.load_or_create(tmp_path)
    env = {**jupyter_env, "CXKIT_DB_URL": workspace_url, ENV_COOKIE_SECRET: key.cookie_secret}
    port = free_port()

    def start() -> VoilaServer:
        return start_server(
            "facilitator", port=port, token=key.token, env=env, log_dir=tmp_path / "logs"
        )

    def home(cookie: str | None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", "/", headers={"Cookie": cookie} if cookie else {})
            answer = connection.getresponse()
            answer.read()
            return answer.status, answer.getheader("Location") or ""
        finally:
            connection.close()

    with start() as first:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", f"/?token={key.token}")
        answer = connection.getresponse()
        answer.read()
        cookie = "; ".join(
            value.split(";", 1)[0] for name, value in answer.getheaders() if name == "Set-Cookie"
        )
        connection.close()
        assert cookie and home(cookie)[0] == 200
        assert "/login" in home(None)[1]  # no cookie, no token: the login page
        first.stop()
        with start():
            assert home(cookie)[0] == 200, "the restarted server forgot the browser's login"
