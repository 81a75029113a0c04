"""Participant kernels forked from one warm process: a phone's page does not wait for imports.

Starting a Python kernel on the room's laptop costs about a second of CPU
(the interpreter, ipykernel, then cxkit's store and widgets); with forty
phones opening the link at once on two cores, that queue is the last
phone's wait. The zygote is started once with the participants' server: it
imports the kernel and the form's modules, then waits. For each page it
forks a child that becomes the kernel (an ``IPKernelApp`` on the connection
file Jupyter wrote): the imports are done already, and the pages they
loaded are shared with the zygote until written.

The zygote holds no thread, no event loop, no database connection and no
socket but its own, so a fork is safe; it listens on a Unix socket in a
directory only the consultant's account can open, ends with the server
that started it, and never lets its children become zombies. Its children
watch it as their parent (``JPY_PARENT_PID``): a kernel ends with it.
:mod:`cxkit.apps.fork_provisioner` asks it for kernels and starts them the
usual way whenever it cannot answer.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import random
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cxkit.errors import CxkitError

ENV_SOCKET = "CXKIT_ZYGOTE"
"""The zygote's socket path, in the server's environment (its provisioner reads it)."""

KERNEL_MODULE = "ipykernel_launcher"
PARTICIPANT_PRELOAD = (
    "ipykernel.kernelapp",
    "ipywidgets",
    "cxkit.apps.participant",
    "cxkit.ui.query",
)
"""What every participant's kernel imports before its first cell: done once, in the zygote."""

_HEADER = struct.Struct("!I")
_MAX_REQUEST = 1 << 20
_CONNECT_S = 5.0
_ANSWER_S = 60.0


def start(preload: Sequence[str]) -> Path:
    """Start a zygote for this process (it ends with it); returns its socket's path."""
    folder = Path(tempfile.mkdtemp(prefix="cxkit-zygote-"))  # mode 0700: only this account
    path = folder / "socket"
    command = [sys.executable, "-m", "cxkit.apps.zygote", str(path), str(os.getpid()), *preload]
    subprocess.Popen(command, stdin=subprocess.DEVNULL, close_fds=True)
    return path


def fork_kernel(
    path: str | os.PathLike[str], argv: Sequence[str], env: dict[str, str], cwd: str
) -> int:
    """A kernel process for ``argv`` (``python -m ipykernel_launcher …``): its pid.

    Raises OSError when the zygote did not take the request (the caller may
    then start the kernel itself), :class:`ZygoteLost` when it took it but
    gave no pid: a kernel may exist then, so none may be started beside it
    (it would compete for the same ports).
    """
    request = json.dumps({"argv": list(argv), "env": env, "cwd": cwd}).encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(_CONNECT_S)
        sock.connect(os.fspath(path))
        with open(os.devnull, "rb") as null:
            socket.send_fds(sock, [_HEADER.pack(len(request))], [null.fileno(), 1, 2])
        sock.sendall(request)
        sock.settimeout(_ANSWER_S)  # a busy laptop may take a while to schedule the fork
        try:
            answer = b""
            while chunk := sock.recv(256):
                answer += chunk
        except OSError as exc:
            raise ZygoteLost(f"no answer from the zygote: {exc}") from exc
    try:
        pid = int(json.loads(answer)["pid"])
    except (ValueError, KeyError, TypeError) as exc:
        if b"refused" in answer:
            raise OSError(f"the zygote refused: {answer[:64]!r}") from exc
        raise ZygoteLost(f"the zygote answered {answer[:64]!r}") from exc
    return pid


class ZygoteLost(CxkitError):
    """The zygote took a request and gave no pid: that kernel start failed."""

    def __init__(self, detail: str) -> None:
        super().__init__("servers.kernel_lost", detail=detail)


def kernel_args(argv: Sequence[str]) -> list[str] | None:
    """The kernel's own arguments when ``argv`` starts the IPython kernel, else None."""
    if len(argv) >= 3 and list(argv[1:3]) == ["-m", KERNEL_MODULE]:
        return list(argv[3:])
    return None


# --- the zygote itself ----------------------------------------------------------------------


def _read_request(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    head, fds, _, _ = socket.recv_fds(conn, _HEADER.size, 3)
    if len(head) != _HEADER.size:
        raise ValueError("short header")
    (size,) = _HEADER.unpack(head)
    if size > _MAX_REQUEST:
        raise ValueError("request too large")
    body = b""
    while len(body) < size:
        chunk = conn.recv(size - len(body))
        if not chunk:
            raise ValueError("short request")
        body += chunk
    return json.loads(body), fds


def _become_kernel(
    listener: socket.socket, conn: socket.socket, request: dict[str, Any], fds: list[int]
) -> None:
    """In the child: the process a kernel started with ``argv`` would have been. Never returns."""
    code = 1
    try:
        listener.close()
        conn.close()
        os.setsid()  # its own process group: Jupyter interrupts and kills the group
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in request["env"].items()})
        random.seed()
        _run_kernel(request["argv"][3:])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _run_kernel(args: list[str]) -> None:
    """The kernel, as ``python -m ipykernel_launcher`` runs it, on what the zygote imported.

    Read at import, so set here: the parent a kernel ends with (its zygote),
    and the widgets' comm targets, which ipywidgets registers at import only
    when a kernel runs (it did not in the zygote).
    """
    from ipykernel.kernelapp import IPKernelApp

    sys.argv = [sys.executable, *args]
    app = IPKernelApp.instance()
    app.initialize([*args, f"--IPKernelApp.parent_handle={os.getppid()}"])
    if "ipywidgets" in sys.modules:
        sys.modules["ipywidgets"].register_comm_target()
    _adopt_comms(app.kernel)
    app.start()


def _adopt_comms(kernel: Any) -> None:
    """Give the kernel the comms the form's modules made at import, in the zygote.

    Those widgets (shared layouts) were made with no kernel, and ipywidgets
    sends nothing on a comm without one: a page that asks one of them for its
    state, as a page does when its first request timed out on a loaded laptop,
    would wait forever at "Loading widget...".
    """
    import comm

    for made in comm.get_comm_manager().comms.values():
        if getattr(made, "kernel", None) is None:
            made.kernel = kernel  # type: ignore[attr-defined]  # ipykernel's comms have one


def _serve_one(listener: socket.socket) -> None:
    conn, _ = listener.accept()
    fds: list[int] = []
    try:
        conn.settimeout(_CONNECT_S)
        request, fds = _read_request(conn)
        if kernel_args(request.get("argv", [])) is None or len(fds) != 3:
            conn.sendall(b'{"refused": "not a kernel"}')
            return
        pid = os.fork()
        if pid == 0:
            _become_kernel(listener, conn, request, fds)
        conn.sendall(json.dumps({"pid": pid}).encode())
    except (OSError, ValueError):
        pass  # the provisioner starts that kernel itself
    finally:
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        conn.close()


def serve(path: Path, parent: int, preload: Sequence[str]) -> None:
    """Import ``preload``, then fork a kernel per request until ``parent`` ends."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel: no zombies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal is the server's
    parent_fd = os.pidfd_open(parent)
    for name in preload:
        importlib.import_module(name)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(os.fspath(path))
        os.chmod(path, 0o600)
        listener.listen(64)
        try:
            while True:
                ready, _, _ = select.select([listener.fileno(), parent_fd], [], [])
                if parent_fd in ready:
                    return  # the server ended: so does its zygote (and, watching it, its kernels)
                _serve_one(listener)
        finally:
            with contextlib.suppress(OSError):
                path.unlink()
                path.parent.rmdir()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:])
