"""What users install: the sdist and the wheel, installed in a fresh venv, run from an empty folder.

The sdist is built from the repository, the wheel from the sdist (so both
carry the top-level ``notebooks/`` and ``templates/``), then the wheel is
installed into a virtual environment outside the repository, and the
consultant's commands run from an empty folder with nothing of the
repository on the path. Built once per session (shared by xdist workers).
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import cxkit
from tests.conftest import ROOT, require

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
TEMPLATES = sorted(
    p.relative_to(ROOT / "templates").as_posix()
    for p in (ROOT / "templates").rglob("*")
    if p.is_file() and "__pycache__" not in p.parts
)


@dataclass(frozen=True)
class Installed:
    sdist: Path
    wheel: Path
    venv: Path
    home: Path  # a HOME of its own, so no user setting leaks in

    @property
    def cxkit(self) -> Path:
        return self.venv / "bin" / "cxkit"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def env(self, **extra: str) -> dict[str, str]:
        """A terminal's environment: the venv's bin first, nothing of the repository, no CXKIT_*."""
        dropped = ("CXKIT_", "PYTHON", "VIRTUAL_ENV", "JUPYTER_", "UV_")
        env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
        path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if str(ROOT) not in p]
        env["PATH"] = os.pathsep.join([str(self.venv / "bin"), *path])
        env["HOME"] = str(self.home)
        env.update(extra)
        return env


def _uv() -> str:
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.exists() else shutil.which("uv")
    require(found is not None, "the program 'uv' (make install puts it in .venv)")
    assert found is not None
    return found


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


# What a build must not see: environments, caches, outputs, and stale build metadata (an old
# egg-info's SOURCES.txt would put files in the sdist that the configuration leaves out).
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "workspace", "artifacts", "out",
    "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".ipynb_checkpoints",
)  # fmt: skip


def _build_and_install(base: Path) -> Installed:
    uv = _uv()
    source, dist, venv, home = base / "source", base / "dist", base / "venv", base / "home"
    home.mkdir()
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCES)
    _run([uv, "build", "--sdist", "-o", str(dist), str(source)])
    (sdist,) = dist.glob("cxkit-*.tar.gz")
    _run([uv, "build", "--wheel", "-o", str(dist), str(sdist)])  # the wheel from the sdist
    (wheel,) = dist.glob("cxkit-*.whl")
    _run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)])
    # The versions this suite runs with, so the install resolves from uv's cache.
    frozen = _run([uv, "pip", "freeze", "--python", sys.executable]).stdout.splitlines()
    constraints = base / "constraints.txt"
    constraints.write_text(
        "\n".join(r for r in frozen if "==" in r and not r.startswith("cxkit")) + "\n"
    )
    python = str(venv / "bin" / "python")
    _run([uv, "pip", "install", "--quiet", "--python", python, "-c", str(constraints), str(wheel)])
    return Installed(sdist, wheel, venv, home)


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """One build and one venv per test session, even with several xdist workers."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder every worker's base temp sits in
    base = shared / "wheel"
    with open(shared / "wheel.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = base / "done.json"
        if not done.exists():
            shutil.rmtree(base, ignore_errors=True)
            base.mkdir()
            built = _build_and_install(base)
            done.write_text(json.dumps({"sdist": str(built.sdist), "wheel": str(built.wheel)}))
        paths = json.loads(done.read_text())
    return Installed(Path(paths["sdist"]), Path(paths["wheel"]), base / "venv", base / "home")


def test_the_sdist_carries_the_notebooks_and_templates(installed: Installed) -> None:
    with tarfile.open(installed.sdist) as sdist:
        root = installed.sdist.name.removesuffix(".tar.gz")
        names = {n.removeprefix(f"{root}/") for n in sdist.getnames()}
    assert {f"notebooks/{n}" for n in NOTEBOOKS} <= names
    assert {f"templates/{t}" for t in TEMPLATES} <= names
    assert {"setup.py", "pyproject.toml", "CHANGELOG.md", "environment.yml"} <= names
    assert not any(n.startswith("cxkit/notebooks") for n in names)  # one copy: the top-level one


def test_the_wheel_built_from_the_sdist_carries_what_cxkit_runs_on(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert {f"cxkit/notebooks/{n}" for n in NOTEBOOKS} <= names
    assert {f"cxkit/templates/{t}" for t in TEMPLATES} <= names
    assert {
        "cxkit/data/horizon-mutuelle.yaml",
        "cxkit/data/horizon-mutuelle-mesures.csv",
        "cxkit/data/horizon-mutuelle-mesures.xlsx",
        "cxkit/apps/config/facilitator/voila.json",
        "cxkit/apps/config/participant/voila.json",
        "cxkit/apps/share/jupyter/voila/templates/cxkit/index.html.j2",
        "cxkit/i18n/package.fr.json",
        "cxkit/py.typed",
    } <= names
    assert installed.wheel.name.startswith(f"cxkit-{cxkit.__version__}-")


def test_installed_commands_work_from_an_empty_folder(installed: Installed, tmp_path: Path) -> None:
    empty = tmp_path / "engagements"
    empty.mkdir()

    def cxkit_(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(installed.cxkit), *args],
            capture_output=True,
            text=True,
            cwd=empty,
            env=installed.env(**env),
            timeout=300,
        )

    assert cxkit_("--version").stdout.strip() == f"cxkit {cxkit.__version__}"
    where = subprocess.run(
        [str(installed.python), "-c", "import cxkit.paths as p; print(p.notebooks_dir())"],
        capture_output=True,
        text=True,
        cwd=empty,
        env=installed.env(),
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.venv) and Path(where, "home.ipynb").is_file()

    for args in (
        ("demo",),
        ("deck", "horizon-mutuelle", "-o", "deck.pptx"),
        ("workbook", "horizon-mutuelle", "-o", "referentiel.xlsx"),
    ):
        done = cxkit_(*args)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert (empty / "workspace" / "cxkit.db").is_file()  # where the README says
    assert zipfile.ZipFile(empty / "deck.pptx").namelist()  # whole files, opened as zips
    assert "xl/workbook.xml" in zipfile.ZipFile(empty / "referentiel.xlsx").namelist()

    # A firm's own templates: copied once, then found through CXKIT_TEMPLATES.
    firm = tmp_path / "firm-templates"
    assert cxkit_("init-templates", str(firm)).returncode == 0
    for name in TEMPLATES:
        assert (firm / name).read_bytes() == (ROOT / "templates" / name).read_bytes()
    (firm / "deck.pptx").write_text("not a presentation")
    refused = cxkit_("deck", "horizon-mutuelle", "-o", "firm.pptx", CXKIT_TEMPLATES=str(firm))
    assert refused.returncode == 1 and str(firm / "deck.pptx") in refused.stderr
    assert "Traceback" not in refused.stderr


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _lines_until(process: subprocess.Popen[str], marker: str, timeout: float) -> list[str]:
    """stdout's lines up to the one starting with ``marker``, or fail after ``timeout``."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if line.startswith(marker):
            return seen
    raise AssertionError("cxkit app did not get ready:\n" + "\n".join(seen))


def test_installed_app_serves_the_demo_from_an_empty_folder(
    installed: Installed, tmp_path: Path
) -> None:
    port, forms_port = _port(), _port()
    process = subprocess.Popen(
        [str(installed.cxkit), "app", "--port", str(port), "--forms-port", str(forms_port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
        env=installed.env(),
    )
    try:
        lines = _lines_until(process, "Ctrl-C", timeout=180)
        assert "l'engagement de démonstration y a été chargé" in "\n".join(lines)
        app_url = next(x.split(": ", 1)[1] for x in lines if x.startswith("Application"))
        assert app_url.startswith(f"http://127.0.0.1:{port}/voila/render/home.ipynb?token=")
        with urllib.request.urlopen(app_url, timeout=120) as answer:
            assert answer.status == 200 and "/login" not in answer.geturl()
        # The forms' bare address answers, before any kernel, with how to join.
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{forms_port}/", timeout=120)
        except urllib.error.HTTPError as refused:
            assert refused.code == 403
            assert "Formulaires de l&#39;atelier" in refused.read().decode("utf-8")
        else:
            raise AssertionError("the bare forms address opened a form")
        assert (tmp_path / "workspace" / "cxkit.db").is_file()
        assert (tmp_path / "workspace" / "logs").is_dir()
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(60)
    assert code == 0
    for p in (port, forms_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", p)) != 0, f"port {p} still served"
