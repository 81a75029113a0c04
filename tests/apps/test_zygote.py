"""Participant kernels forked from a warm zygote: real processes, a real Jupyter kernel manager.

The kernel a phone's page gets must be a whole kernel: it runs code, its
widgets' comm targets exist, an interrupt reaches it, a shutdown ends it,
its environment is the page's, and it ends with its zygote. When the
zygote cannot answer, the kernel starts the usual way.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.provisioning import LocalProvisioner

from cxkit.apps import zygote
from cxkit.apps.fork_provisioner import NAME
from cxkit.apps.servers import children, is_zygote
from tests.apps.conftest import parent_of as _parent
from tests.apps.conftest import process_alive as _alive
from tests.apps.conftest import wait_until as _wait

PRELOAD = ("ipykernel.kernelapp", "ipywidgets", "cxkit.apps.participant")


def _pid(km: KernelManager) -> int:
    assert isinstance(km.provisioner, LocalProvisioner)  # the fork provisioner is one
    assert km.provisioner.pid is not None
    return int(km.provisioner.pid)


@pytest.fixture
def warm(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, int]]:
    """A zygote of this process, its socket in the environment the provisioner reads."""
    path = zygote.start(PRELOAD)
    assert _wait(path.exists), "the zygote never listened"
    (pid,) = [p for p in children(os.getpid()) if is_zygote(p)]
    monkeypatch.setenv(zygote.ENV_SOCKET, str(path))
    yield path, pid
    if _alive(pid):
        os.kill(pid, signal.SIGTERM)


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[KernelManager]:
    """A kernel manager whose kernel spec names the fork provisioner."""
    spec = tmp_path / "kernels" / "forked"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "forked",
                "language": "python",
                "metadata": {"kernel_provisioner": {"provisioner_name": NAME}},
            }
        )
    )
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
    km = KernelManager(kernel_name="forked", kernel_spec_manager=specs)
    yield km
    if km.has_kernel:
        km.shutdown_kernel(now=True)


def _run(km: KernelManager, code: str, timeout: float = 60.0) -> dict[str, Any]:
    """Execute ``code``; its stdout and the reply's status."""
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=timeout)
        out: list[str] = []
        reply = client.execute_interactive(
            code,
            timeout=timeout,
            output_hook=lambda m: out.append(m["content"].get("text", "")),
        )
        return {"status": reply["content"]["status"], "out": "".join(out), **reply["content"]}
    finally:
        client.stop_channels()


def test_a_forked_kernel_is_a_whole_kernel(warm: tuple[Path, int], manager: KernelManager) -> None:
    _, zygote_pid = warm
    manager.start_kernel(env={**os.environ, "CXKIT_PROBE": "page-7"})
    kernel = _pid(manager)
    assert _parent(kernel) == zygote_pid  # forked, not started
    code = (
        "import os, sys\nfrom comm import get_comm_manager\n"
        "print(os.environ['CXKIT_PROBE'], 'cxkit.apps.participant' in sys.modules,"
        " sorted(get_comm_manager().targets))"
    )
    seen = _run(manager, code)
    assert seen["status"] == "ok", seen
    # The page's environment; the form's modules already there; the widgets' targets registered.
    assert seen["out"].split(" ", 2)[:2] == ["page-7", "True"], seen["out"]
    assert "'jupyter.widget'" in seen["out"] and "'jupyter.widget.control'" in seen["out"]

    client = manager.client()
    client.start_channels()
    try:
        msg = client.execute("import time\ntime.sleep(60)")
        time.sleep(1.0)
        manager.interrupt_kernel()
        reply = client.get_shell_msg(timeout=20)
        assert reply["parent_header"]["msg_id"] == msg
        assert reply["content"]["ename"] == "KeyboardInterrupt"
    finally:
        client.stop_channels()

    manager.shutdown_kernel(now=True)
    assert _wait(lambda: not _alive(kernel), 20), "the kernel outlived its shutdown"


def test_widgets_made_in_the_zygote_answer_the_page(
    warm: tuple[Path, int], manager: KernelManager
) -> None:
    """A page whose control comm timed out (a loaded laptop) asks each model for its state.

    The form's shared layouts are made when its modules are imported, in the
    zygote, before any kernel exists: each must still answer its page, or the
    page stays at "Loading widget..." (seen with 30 phones at once).
    """
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        out: list[str] = []
        client.execute_interactive(
            "import comm\nprint(*comm.get_comm_manager().comms)",
            timeout=60,
            output_hook=lambda m: out.append(m["content"].get("text", "")),
        )
        made_in_zygote = "".join(out).split()
        assert made_in_zygote, "the form's modules made no widget at import: nothing to check"
        for model_id in made_in_zygote:
            content = {"comm_id": model_id, "data": {"method": "request_state"}}
            client.shell_channel.send(client.session.msg("comm_msg", content))
        answered: set[str] = set()
        deadline = time.monotonic() + 30
        while answered != set(made_in_zygote) and time.monotonic() < deadline:
            try:
                msg = client.get_iopub_msg(timeout=max(deadline - time.monotonic(), 0.1))
            except queue.Empty:
                break
            data = msg["content"].get("data") or {}
            if msg["msg_type"] == "comm_msg" and data.get("method") == "update":
                answered.add(msg["content"]["comm_id"])
        assert answered == set(made_in_zygote), set(made_in_zygote) - answered
    finally:
        client.stop_channels()


def test_a_forked_kernel_ends_with_its_zygote(
    warm: tuple[Path, int], manager: KernelManager
) -> None:
    _, zygote_pid = warm
    manager.start_kernel()
    kernel = _pid(manager)
    assert _run(manager, "print(1)")["status"] == "ok"
    os.kill(zygote_pid, signal.SIGTERM)
    assert _wait(lambda: not _alive(kernel), 30), "an orphan kernel kept running"


def test_without_its_zygote_a_kernel_starts_the_usual_way(
    manager: KernelManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(zygote.ENV_SOCKET, str(tmp_path / "gone" / "socket"))
    manager.start_kernel()
    assert _parent(_pid(manager)) == os.getpid()
    assert _run(manager, "print(2 + 2)")["out"].strip() == "4"


def test_the_zygote_forks_kernels_only(warm: tuple[Path, int]) -> None:
    path, _ = warm
    with pytest.raises(OSError, match="refused"):
        zygote.fork_kernel(path, [sys.executable, "-c", "print(1)"], dict(os.environ), "/")


def test_a_request_taken_and_not_answered_starts_no_second_kernel(tmp_path: Path) -> None:
    """Past the request, a silent zygote may have forked: starting another kernel would clash."""
    path = tmp_path / "socket"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)

        def take_and_hang_up() -> None:
            conn, _ = server.accept()
            with conn:  # the whole request (a 4-byte size, then the body), then no answer
                size = int.from_bytes(conn.recv(4, socket.MSG_WAITALL), "big")
                conn.recv(size, socket.MSG_WAITALL)

        taker = threading.Thread(target=take_and_hang_up)
        taker.start()
        with pytest.raises(zygote.ZygoteLost):
            zygote.fork_kernel(path, [sys.executable, "-m", "ipykernel_launcher"], {}, "/")
        taker.join()


@pytest.mark.browser
@pytest.mark.slow
def test_told_not_to_fork_the_participants_server_starts_kernels_the_usual_way(
    browser: Any, jupyter_env: dict[str, str], workspace_url: str, tmp_path: Path
) -> None:
    """``CXKIT_FORK_KERNELS=0``: no zygote, a phone's page runs on a kernel the server started.

    Forking is the default (every other browser test runs on forked kernels).
    """
    from cxkit.apps.servers import start_server
    from cxkit.store import Workspace
    from tests.apps.conftest import PHONE, open_page, widgets_ready

    server = start_server(
        "participant",
        env={**jupyter_env, "CXKIT_DB_URL": workspace_url, "CXKIT_FORK_KERNELS": "0"},
        log_dir=tmp_path / "logs",
    )
    try:
        assert server.zygote_pid() is None
        with Workspace.open(url=workspace_url) as ws:
            (invitation,) = ws.invite("horizon-mutuelle", "atelier-1", count=1)
        page = open_page(browser, server.url(token=invitation.token), viewport=PHONE)
        widgets_ready(page, "Que voudriez-vous que nos clients disent de nous")
        (kernel,) = server.kernel_pids()
        assert _parent(kernel) == server.process.pid
        page.context.close()
    finally:
        server.stop()
