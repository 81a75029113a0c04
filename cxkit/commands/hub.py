"""``cxkit singleuser``: a consultant's server under JupyterHub, with cxkit's pages in it.

JupyterHub's spawner runs this instead of ``jupyterhub-singleuser``: the
same server (JupyterLab, and Voilà as a server extension at
``/user/<name>/voila/render/<notebook>``) rooted at cxkit's notebooks, with
the facilitator's Voilà settings and page template, and the workspace
resolved once as ``cxkit app`` does. Everything else (port, URL prefix,
OAuth with the hub) comes from the hub's environment, and any argument is
passed through, so the command is the same in a local process, a container
image or a Kubernetes pod: wherever cxkit is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from cxkit.apps.servers import CONFIG_DIR, NOTEBOOKS_DIR, server_env
from cxkit.cli import command
from cxkit.commands.apps import _workspace_env
from cxkit.i18n import t

FACILITATOR_CONFIG = CONFIG_DIR / "facilitator"


def singleuser_command(server_args: list[str]) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of a consultant's single-user server.

    Voilà as an extension reads ``voila.json`` from Jupyter's config path, so
    the facilitator's settings come from the same file as ``cxkit app``'s;
    its kernel culling (a server setting there) is passed on explicitly.
    """
    env, folder = _workspace_env()
    log = folder / "logs" / "cxkit-apps.log"
    env["CXKIT_APP_LOG"] = os.environ.get("CXKIT_APP_LOG") or str(log)
    environ = server_env(extra=env)
    environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        p for p in (str(FACILITATOR_CONFIG), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p
    )
    settings = json.loads((FACILITATOR_CONFIG / "voila.json").read_text(encoding="utf-8"))
    culling = [
        f"--MappingKernelManager.{name}={json.dumps(value)}"
        for name, value in settings.get("MappingKernelManager", {}).items()
    ]
    command = [
        sys.executable,
        "-m",
        "jupyterhub.singleuser",
        f"--ServerApp.root_dir={NOTEBOOKS_DIR}",
        *culling,
        *server_args,
    ]
    return command, environ


def _singleuser_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument(
        "server_args", nargs=argparse.REMAINDER, help=t("hub.cli.help.server_args", lang)
    )


@command("singleuser", _singleuser_args)
def run_singleuser(args: argparse.Namespace) -> int:
    # ``cxkit singleuser -- ARGS``: the ``--`` keeps argparse off the server's own options.
    passed = args.server_args[1:] if args.server_args[:1] == ["--"] else args.server_args
    argv, environ = singleuser_command(passed)
    os.execve(argv[0], argv, environ)
    return 0  # not reached: the server replaces this process
