"""The deployment's parts, each alone: the hub's configuration, a consultant's server, the forms service.

The whole (a real hub, proxy and browsers) is ``test_jupyterhub.py``; these
say which part broke, in seconds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from traitlets.config import Config, PyFileConfigLoader

from cxkit.apps.servers import CONFIG_DIR, NOTEBOOKS_DIR, SHARE_DIR, children, free_port
from cxkit.cli import build_parser
from cxkit.commands.hub import singleuser_command
from tests.conftest import ROOT

DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
DB_URL = "postgresql+psycopg://cxkit:secret@db.firm.example/cxkit"


def load_hub_config(monkeypatch: pytest.MonkeyPatch, **env: str) -> Config:
    for name in (
        "CXKIT_DB_URL",
        "CXKIT_PUBLIC_URL",
        "CXKIT_FORMS_URL",
        "CXKIT_FORMS_PORT",
        "CXKIT_FORMS_USER",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    loader = PyFileConfigLoader(DEPLOY_CONFIG.name, path=str(DEPLOY_CONFIG.parent))
    return loader.load_config()


def test_every_server_gets_the_one_database_and_links_point_at_the_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = load_hub_config(
        monkeypatch,
        CXKIT_DB_URL=DB_URL,
        CXKIT_PUBLIC_URL="https://cx.firm.example/",
        CXKIT_FORMS_PORT="9000",
        CXKIT_FORMS_USER="cxkit",
    )
    (forms,) = c.JupyterHub.services
    assert forms["name"] == "cxkit-forms" and forms["url"] == "http://127.0.0.1:9000"
    assert forms["command"][-3:] == ["forms", "--ip=127.0.0.1", "--port=9000"]
    assert forms["user"] == "cxkit"
    forms_url = "https://cx.firm.example/services/cxkit-forms/"
    for env in (forms["environment"], c.Spawner.environment):
        assert env["CXKIT_DB_URL"] == DB_URL
        assert env["CXKIT_FORMS_URL"] == forms_url
    # The secret travels in the environment, never on a command line (``ps`` shows those).
    assert not any(DB_URL in part for part in [*forms["command"], *c.Spawner.cmd])
    assert c.Spawner.cmd[-3:] == ["cxkit", "singleuser", "--"]
    assert c.Spawner.default_url == "/voila/render/home.ipynb"
    assert "PATH" not in c.Spawner.env_keep  # a container's image keeps its own


def test_a_firm_may_give_the_forms_an_address_of_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = load_hub_config(
        monkeypatch, CXKIT_DB_URL=DB_URL, CXKIT_FORMS_URL="https://cx.firm.example/salle/"
    )
    assert c.Spawner.environment["CXKIT_FORMS_URL"] == "https://cx.firm.example/salle/"


def test_the_hub_refuses_to_start_without_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit, match="CXKIT_DB_URL"):
        load_hub_config(monkeypatch)


def test_a_consultants_server_serves_cxkits_pages_with_the_facilitator_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXKIT_DB_URL", DB_URL)
    monkeypatch.delenv("CXKIT_APP_LOG", raising=False)
    command, env = singleuser_command(["--allow-root"])
    assert command[:3] == [sys.executable, "-m", "jupyterhub.singleuser"]
    assert f"--ServerApp.root_dir={NOTEBOOKS_DIR}" in command
    assert command[-1] == "--allow-root"
    settings = json.loads((CONFIG_DIR / "facilitator" / "voila.json").read_text())
    timeout = settings["MappingKernelManager"]["cull_idle_timeout"]
    assert f"--MappingKernelManager.cull_idle_timeout={timeout}" in command
    # Voilà (a server extension there) reads voila.json from Jupyter's config path.
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(CONFIG_DIR / "facilitator")
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(SHARE_DIR)
    assert env["CXKIT_DB_URL"] == DB_URL
    assert env["CXKIT_APP_LOG"] == str(tmp_path / "workspace" / "logs" / "cxkit-apps.log")
    args = build_parser().parse_args(["singleuser", "--", "--allow-root", "--debug"])
    assert args.server_args == ["--", "--allow-root", "--debug"]


@pytest.mark.slow
def test_the_forms_serve_under_the_hubs_prefix_and_stop_with_their_voila_on_sigterm(
    tmp_path: Path, jupyter_env: dict[str, str]
) -> None:
    port = free_port()
    env = {
        **os.environ,
        **jupyter_env,
        "CXKIT_WORKSPACE": str(tmp_path / "ws"),
        "JUPYTERHUB_SERVICE_PREFIX": "/services/forms-test/",
    }
    env.pop("CXKIT_DB_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "cxkit", "forms", f"--port={port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    voila = 0
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("Ctrl-C"):
                break
        static = f"http://127.0.0.1:{port}/services/forms-test/voila/static/voila.js"
        with urllib.request.urlopen(static, timeout=30) as answer:
            assert answer.status == 200
        (voila,) = children(process.pid)
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
        deadline = time.monotonic() + 10
        while Path(f"/proc/{voila}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not Path(f"/proc/{voila}").exists(), "Voilà outlived cxkit forms"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        if voila and Path(f"/proc/{voila}").exists():
            os.killpg(voila, signal.SIGKILL)  # a server of its own session
