"""``cxkit app``: loads the demo into an empty workspace, serves both apps, prints the URL with its token."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from cxkit.apps.servers import free_port
from cxkit.store import Workspace

pytestmark = pytest.mark.slow


def test_cxkit_app_serves_the_demo_and_stops_on_ctrl_c(
    tmp_path: Path, jupyter_env: dict[str, str]
) -> None:
    env = {**os.environ, **jupyter_env, "CXKIT_WORKSPACE": str(tmp_path / "ws")}
    env.pop("CXKIT_DB_URL", None)
    port, forms_port = free_port(), free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cxkit",
            "app",
            "--ip",
            "127.0.0.1",
            "--engagement",
            "horizon-mutuelle",
            "--port",
            str(port),
            "--forms-port",
            str(forms_port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    lines = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.strip())
            if line.startswith("Ctrl-C"):
                break
        output = "\n".join(lines)
        assert "l'engagement de démonstration y a été chargé" in output
        app_url = next(
            x.split(": ", 1)[1] for x in lines if x.startswith("Application d'animation")
        )
        assert app_url.startswith(f"http://127.0.0.1:{port}/voila/render/home.ipynb?token=")
        assert f"http://127.0.0.1:{forms_port}/" in output
        live = next(x.split(": ", 1)[1] for x in lines if x.startswith("Écran d'atelier"))
        with urllib.request.urlopen(live, timeout=60) as answer:
            assert answer.status == 200 and "/login" not in answer.geturl()
        with urllib.request.urlopen(live.split("?")[0], timeout=60) as answer:
            assert "/login" in answer.geturl()  # no token, no app
        stored = Workspace.open(folder=tmp_path / "ws").list_engagements()
        assert [e.id for e in stored] == ["horizon-mutuelle"]
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(30)
    assert code == 0
