"""``cxkit measures ENGAGEMENT import FILE``: a new revision, or a refusal that changes nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cxkit.cli import main
from cxkit.measures_import import demo_measurements_path
from cxkit.store import Workspace
from tests.conftest import run_cxkit


def cxkit(db_url: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"CXKIT_DB_URL": db_url, "USER": "consultante"}
    return run_cxkit(*args, cwd=cwd, env=env, drop=("CXKIT_LANG",))


def _revisions(db_url: str) -> int:
    with Workspace.open(url=db_url) as ws:
        return len(ws.history("horizon-mutuelle"))


def test_importing_the_demo_files_stores_one_revision(db_url: str, tmp_path: Path) -> None:
    assert cxkit(db_url, "demo", cwd=tmp_path).returncode == 0
    before = _revisions(db_url)
    csv_file = str(demo_measurements_path("csv"))
    done = cxkit(db_url, "measures", "horizon-mutuelle", "import", csv_file, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"21 valeurs importées de horizon-mutuelle-mesures.csv dans horizon-mutuelle"
        f" (révision {before + 1})."
    )
    with Workspace.open(url=db_url) as ws:
        stored = ws.load("horizon-mutuelle")
        history = ws.history("horizon-mutuelle")
    assert len(stored.engagement.measurements) == 21
    assert history[-1].author == "consultante"
    assert history[-1].summary == "Mesures importées de horizon-mutuelle-mesures.csv"


def test_the_same_values_again_store_nothing_and_list_shows_them(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", db_url]
    with Workspace.open(url=db_url) as ws:
        ws.ensure_demo()
    csv_file, xlsx_file = str(demo_measurements_path("csv")), str(demo_measurements_path("xlsx"))
    assert main(["measures", "horizon-mutuelle", "import", csv_file, *db]) == 0
    before = _revisions(db_url)
    # The workbook holds the same values in another order: nothing new, no revision.
    assert main(["--lang", "en", "measures", "horizon-mutuelle", "import", xlsx_file, *db]) == 0
    assert "brings nothing new" in capsys.readouterr().out and _revisions(db_url) == before
    assert main(["measures", "horizon-mutuelle", "list", *db]) == 0
    assert "std-tel\tT1\u00a02027\t4,2\tTéléphonie" in capsys.readouterr().out.splitlines()


def test_a_refused_file_exits_2_and_stores_nothing(db_url: str, tmp_path: Path) -> None:
    assert cxkit(db_url, "demo", cwd=tmp_path).returncode == 0
    before = _revisions(db_url)
    broken = tmp_path / "export.csv"
    broken.write_text(
        "Indicateur;Période;Valeur\nstd-tel;T1 2027;3,2\nstd-tel;T2 2027;8,x\nstd-zz;T9 2027;1\n",
        encoding="utf-8",
    )
    done = cxkit(db_url, "measures", "horizon-mutuelle", "import", str(broken), cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == "export.csv\u00a0: 3 problèmes, rien n'a été importé\u00a0:"
    assert (
        "  ligne 3, colonne «\u00a0Valeur\u00a0»\u00a0: «\u00a08,x\u00a0» n'est pas un nombre"
        in lines
    )
    assert "Traceback" not in done.stderr and done.stdout == ""
    db = ["--db", db_url]
    assert main(["measures", "horizon-mutuelle", "import", str(tmp_path / "absent.csv"), *db]) == 2
    assert main(["measures", "horizon-mutuelle", "import", *db]) == 2
    assert _revisions(db_url) == before
    with Workspace.open(url=db_url) as ws:
        assert ws.load("horizon-mutuelle").engagement.measurements == []
    assert main(["measures", "nope", "import", str(broken), *db]) == 1
