"""Jupyter's kernel provisioner for kernels forked by the zygote (:mod:`cxkit.apps.zygote`).

Jupyter runs a kernel through a ``Popen``; a forked kernel is the zygote's
child, not the server's, so it is followed through a pidfd instead: the
kernel's exit, its signals (interrupt, terminate, kill, to its whole process
group as Jupyter does) and its culling work as for any kernel. Whenever the
zygote is absent, still importing, or refuses, the kernel starts the usual
way: a phone never waits for the zygote.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import subprocess
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from cxkit.apps.zygote import ENV_SOCKET, fork_kernel, kernel_args

NAME = "cxkit-fork"
"""The provisioner's entry point name (pyproject.toml), set as the participants' server's default."""


class ForkedKernel:
    """What Jupyter needs of a ``Popen``, for a process this server did not start."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._fd: int | None = os.pidfd_open(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self._fd is not None:
            ready, _, _ = select.select([self._fd], [], [], 0)
            if ready:  # the process ended (the zygote reaps it: its status is not ours to read)
                self.returncode = 0
                os.close(self._fd)
                self._fd = None
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None and self._fd is not None:
            select.select([self._fd], [], [], timeout)
        code = self.poll()
        if code is None:
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0.0)
        return code

    def send_signal(self, signum: int) -> None:
        if self.poll() is None and self._fd is not None:
            signal.pidfd_send_signal(self._fd, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """A local provisioner that asks the zygote first."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        path = os.environ.get(ENV_SOCKET)
        if not path or kernel_args(cmd) is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid = await asyncio.get_running_loop().run_in_executor(
                None, fork_kernel, path, cmd, env, cwd
            )
        except OSError as exc:
            self.log.warning("cxkit: kernel started without its zygote (%s)", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.log.debug("cxkit: kernel %s forked by the zygote", pid)
        self.process = ForkedKernel(pid)  # type: ignore[assignment]  # a Popen's duck
        self.pid = pid
        self.pgid = pid  # the child made its own group (a signal sent before that reaches it alone)
        self.cwd = cwd
        return self.connection_info

    async def kill(self, restart: bool = False) -> None:
        with contextlib.suppress(ProcessLookupError):
            await super().kill(restart)
