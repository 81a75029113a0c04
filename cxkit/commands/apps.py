"""``cxkit app`` and ``cxkit forms``: serve the facilitator app and the participants' forms.

Both run in the foreground as a supervisor (:mod:`cxkit.apps.supervisor`):
a server that dies is restarted on its port, and Ctrl-C, SIGTERM or SIGHUP
stop every server (and the kernels those started). Ports are checked
before anything starts or any URL is printed. The servers' kernels open
the same workspace as this command: its database URL is resolved here,
once, and handed to them, because a kernel runs in the ``notebooks/``
folder where a relative ``./workspace`` would name another database.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from cxkit.apps.network import LOOPBACK, forms_base_url, listen_address, loopback_warning
from cxkit.apps.servers import (
    ENV_COOKIE_SECRET,
    ENV_FORMS_URL,
    PortTaken,
    ServerFailed,
    VoilaServer,
    check_ports,
    free_port,
    start_server,
)
from cxkit.apps.supervisor import FacilitatorKey, Starter, Supervisor, stop_signals
from cxkit.cli import command, err, out
from cxkit.errors import CxkitError
from cxkit.i18n import resolve_lang, t

DEFAULT_APP_PORT = 8866
DEFAULT_FORMS_PORT = 8867
PORT_OPTIONS = {"facilitator": "--port", "participant": "--forms-port"}


def _workspace_env() -> tuple[dict[str, str], Path]:
    """The environment naming the workspace for kernels, and the workspace folder (key, logs)."""
    from cxkit.store.engine import resolve_url, workspace_folder

    url = resolve_url()
    return {"CXKIT_DB_URL": url}, workspace_folder().resolve()


def _port_taken(exc: PortTaken, lang: str, ports: dict[str, int]) -> int:
    """Say which port is taken and how to choose another; nothing was started, no URL printed."""
    suggestion = free_port(exc.host or LOOPBACK)
    err(
        t(
            "servers.cli.port_taken",
            lang,
            port=exc.port,
            server=t(f"servers.kind.{exc.kind}", lang),
            option=PORT_OPTIONS.get(exc.kind, "--port"),
            suggestion=suggestion,
        )
    )
    chosen = {**ports, exc.kind: suggestion}
    make = {"port": chosen.get("facilitator", DEFAULT_APP_PORT)}
    make["forms_port"] = chosen.get("participant", DEFAULT_FORMS_PORT)
    err(t("servers.cli.port_make", lang, **make))
    return 1


def _supervise(
    supervisor: Supervisor, lang: str, ports: dict[str, int], announce: Callable[[], None]
) -> int:
    """Start the servers, ``announce`` their URLs, then keep them alive until Ctrl-C, SIGTERM
    or SIGHUP; stop them all in every case (a signal during start-up included).
    """
    stopped_by: list[str] = []

    def on_signal(name: str) -> None:
        stopped_by.append(name)
        supervisor.request_stop()

    try:
        with stop_signals(on_signal):
            failed = _start(supervisor, lang, ports)
            if failed is not None:
                return failed
            if not stopped_by:
                announce()
            supervisor.run()
        out(t("servers.cli.stopped_by_signal", lang, signal=stopped_by[0] if stopped_by else "?"))
    except KeyboardInterrupt:
        out(t("apps.cli.stopping", lang))
    finally:
        supervisor.stop_all()
    return 0


def _reporter(lang: str) -> partial[None]:
    return partial(_report, lang)


def _report(lang: str, event: str, server: VoilaServer) -> None:
    err(
        t(
            f"servers.cli.{event}",
            lang,
            server=t(f"servers.kind.{server.kind}", lang),
            log=server.log_path,
        )
    )


def _start(supervisor: Supervisor, lang: str, ports: dict[str, int]) -> int | None:
    """Start every server; an exit code if one could not start (message printed), else None."""
    try:
        supervisor.start()
    except PortTaken as exc:
        return _port_taken(exc, lang, ports)
    except ServerFailed as exc:
        kind = t(f"servers.kind.{exc.kind}", lang) if exc.kind else ""
        raise CxkitError("apps.cli.server_failed", lang, kind=kind, detail=exc.log_tail) from None
    return None


def _announce_forms(base: str, lang: str) -> None:
    """The forms' address, what it is for, and a plain warning if phones cannot reach it."""
    out(t("servers.cli.forms_ready", lang, url=base))
    warning = loopback_warning(base, lang, area="cli")
    if warning:
        err(warning)


def _common_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--ip", default=None, help=t("apps.cli.help.ip", lang))


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


@command("app", _app_args)
def run_app(args: argparse.Namespace) -> int:
    from cxkit.store import Workspace

    lang = resolve_lang(args.lang)
    env, folder = _workspace_env()
    ws = Workspace.open(url=env["CXKIT_DB_URL"])
    if ws.ensure_demo():
        out(t("apps.cli.demo_loaded", lang))
    if args.engagement:
        lang = resolve_lang(args.lang or ws.load(args.engagement).engagement.language)
    ws.close()
    app_host = args.ip or LOOPBACK
    forms_host = listen_address(args.ip)
    ports = {"facilitator": args.port, "participant": args.forms_port}
    wanted = [("facilitator", app_host, args.port)]
    if not args.no_forms:
        wanted.insert(0, ("participant", forms_host, args.forms_port))
    try:
        check_ports(wanted)
    except PortTaken as exc:
        return _port_taken(exc, lang, ports)
    key = FacilitatorKey.load_or_create(folder)
    forms_base = forms_base_url(forms_host, args.forms_port)
    logs = folder / "logs"
    starters: list[Starter] = []
    if not args.no_forms:
        starters.append(
            partial(
                start_server,
                "participant",
                host=forms_host,
                port=args.forms_port,
                env=env,
                log_dir=logs,
                lang=lang,
            )
        )
    app_env = {**env, ENV_FORMS_URL: forms_base, ENV_COOKIE_SECRET: key.cookie_secret}
    starters.append(
        partial(
            start_server,
            "facilitator",
            host=app_host,
            port=args.port,
            token=key.token,
            env=app_env,
            log_dir=logs,
            lang=lang,
        )
    )
    supervisor = Supervisor(starters, _reporter(lang))

    def announce() -> None:
        app = supervisor.servers[-1]
        out(t("apps.cli.app_ready", lang, url=app.notebook_url("home.ipynb")))
        if args.engagement:
            live = app.notebook_url("live.ipynb", engagement=args.engagement)
            out(t("apps.cli.live_ready", lang, url=live))
        if not args.no_forms:
            _announce_forms(forms_base, lang)
        out(t("apps.cli.stop_hint", lang))

    return _supervise(supervisor, lang, ports, announce)


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
    env, folder = _workspace_env()
    host = listen_address(args.ip)
    prefix = f"/{args.base_url.strip('/')}/" if args.base_url.strip("/") else "/"
    ports = {"participant": args.port}
    try:
        check_ports([("participant", host, args.port)])
    except PortTaken as exc:
        return _port_taken(exc, lang, ports)
    starter = partial(
        start_server,
        "participant",
        host=host,
        port=args.port,
        env=env,
        log_dir=folder / "logs",
        prefix=prefix,
    )
    supervisor = Supervisor([partial(starter, lang=lang)], _reporter(lang))

    def announce() -> None:
        _announce_forms(forms_base_url(host, args.port).rstrip("/") + prefix, lang)
        out(t("apps.cli.stop_hint", lang))

    return _supervise(supervisor, lang, ports, announce)
