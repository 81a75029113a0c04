"""``cxkit app`` and ``cxkit forms``: serve the facilitator app and the participants' forms.

Both run in the foreground until Ctrl-C, then stop their servers (and the
kernels those started). The servers' kernels open the same workspace as
this command: its database URL is resolved here, once, and handed to them,
because a kernel runs in the ``notebooks/`` folder where a relative
``./workspace`` would name another database.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from pathlib import Path

from cxkit.apps.servers import ENV_FORMS_URL, ServerFailed, VoilaServer, start_server
from cxkit.cli import command, err, out
from cxkit.i18n import resolve_lang, t

DEFAULT_APP_PORT = 8866
DEFAULT_FORMS_PORT = 8867


def _workspace_env() -> tuple[dict[str, str], Path]:
    """The environment naming the workspace for kernels, and the folder for server logs."""
    from cxkit.store.engine import resolve_url, workspace_folder

    url = resolve_url()
    return {"CXKIT_DB_URL": url}, workspace_folder().resolve() / "logs"


def _start(kind: str, lang: str, **kwargs: object) -> VoilaServer:
    """Start a server; if it fails, the message reads in the engagement's language."""
    try:
        return start_server(kind, **kwargs)  # type: ignore[arg-type]
    except ServerFailed as exc:
        exc.lang = lang
        raise


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """Ctrl-C, and a service manager's SIGTERM (JupyterHub, systemd), stop the servers first.

    Without it SIGTERM ends this process alone and leaves the Voilà servers
    (sessions of their own) running; SIGINT is set explicitly because a
    process started in the background inherits it ignored.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)


def _serve(servers: list[VoilaServer], lang: str) -> int:
    """Wait until Ctrl-C or a server dies; stop them all either way."""
    try:
        while all(s.alive() for s in servers):
            time.sleep(1)
        for s in servers:
            if not s.alive():
                err(t("apps.cli.server_died", lang, kind=s.kind, log=s.log_path))
                err(s.log_tail())
        return 1
    except KeyboardInterrupt:
        out(t("apps.cli.stopping", lang))
        return 0
    finally:
        for s in servers:
            s.stop()


def _common_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--ip", default="127.0.0.1", help=t("apps.cli.help.ip", lang))


def _app_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--engagement", help=t("apps.cli.help.engagement", lang))
    p.add_argument("--port", type=int, default=DEFAULT_APP_PORT, help=t("apps.cli.help.port", lang))
    p.add_argument(
        "--forms-port",
        type=int,
        default=DEFAULT_FORMS_PORT,
        help=t("apps.cli.help.forms_port", lang),
    )
    p.add_argument("--no-forms", action="store_true", help=t("apps.cli.help.no_forms", lang))
    _common_args(p, lang)


def forms_url(ip: str, port: int) -> str:
    """The base of participants' links: ``CXKIT_FORMS_URL`` (a proxy, a hub) or this server."""
    return os.environ.get(ENV_FORMS_URL) or f"http://{ip}:{port}/"


@command("app", _app_args)
def run_app(args: argparse.Namespace) -> int:
    from cxkit.store import Workspace

    lang = resolve_lang(args.lang)
    _stop_on_signals()
    env, logs = _workspace_env()
    ws = Workspace.open(url=env["CXKIT_DB_URL"])
    if ws.ensure_demo():
        out(t("apps.cli.demo_loaded", lang))
    if args.engagement:
        lang = resolve_lang(args.lang or ws.load(args.engagement).engagement.language)
    servers: list[VoilaServer] = []
    try:
        if not args.no_forms:
            servers.append(
                _start(
                    "participant", lang, host=args.ip, port=args.forms_port, env=env, log_dir=logs
                )
            )
        env = {**env, ENV_FORMS_URL: forms_url(args.ip, args.forms_port)}
        app = _start("facilitator", lang, host=args.ip, port=args.port, env=env, log_dir=logs)
        servers.append(app)
    except BaseException:
        for s in servers:
            s.stop()
        raise
    out(t("apps.cli.app_ready", lang, url=app.notebook_url("home.ipynb")))
    if args.engagement:
        out(
            t(
                "apps.cli.live_ready",
                lang,
                url=app.notebook_url("live.ipynb", engagement=args.engagement),
            )
        )
    if not args.no_forms:
        out(t("apps.cli.forms_ready", lang, url=servers[0].base_url))
    out(t("apps.cli.stop_hint", lang))
    return _serve(servers, lang)


def _forms_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument(
        "--port", type=int, default=DEFAULT_FORMS_PORT, help=t("apps.cli.help.forms_port", lang)
    )
    # JupyterHub tells a service it starts where its proxy mounts it.
    p.add_argument(
        "--base-url",
        default=os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/",
        help=t("hub.cli.help.forms_base_url", lang),
    )
    _common_args(p, lang)


@command("forms", _forms_args)
def run_forms(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang)
    _stop_on_signals()
    env, logs = _workspace_env()
    server = _start(
        "participant",
        lang,
        host=args.ip,
        port=args.port,
        env=env,
        log_dir=logs,
        prefix=args.base_url,
    )
    out(t("apps.cli.forms_ready", lang, url=server.base_url))
    out(t("apps.cli.stop_hint", lang))
    return _serve([server], lang)
