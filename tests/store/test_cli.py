"""The workspace commands, run as real ``cxkit`` processes on both backends."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest

from cxkit.commands.workspace import parse_duration
from cxkit.document import demo_path, load_engagement, read_document, save_engagement
from cxkit.model import Engagement
from cxkit.store import Workspace
from tests.conftest import run_cxkit


def cxkit(db_url: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"CXKIT_DB_URL": db_url, "USER": "consultante"}
    return run_cxkit(*args, cwd=cwd, env=env, drop=("CXKIT_LANG",))


def test_import_export_history_and_diff(db_url: str, tmp_path: Path, demo: Engagement) -> None:
    done = cxkit(db_url, "import", str(demo_path()), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "horizon-mutuelle" in done.stdout and "1" in done.stdout

    exported = tmp_path / "export.json"
    assert (
        cxkit(db_url, "export", "horizon-mutuelle", "-o", str(exported), cwd=tmp_path).returncode
        == 0
    )
    assert load_engagement(exported) == demo

    edited = demo.model_copy(deep=True)
    edited.strategy.pillars[1].name = "Proche de vous"
    edited.strategy.kpis[0].target = 72
    edited.referential.postures.pop()
    save_engagement(edited, tmp_path / "edited.yaml")
    done = cxkit(db_url, "import", "edited.yaml", "--author", "bob", cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    diff = cxkit(db_url, "diff", "horizon-mutuelle", "1", "2", cwd=tmp_path).stdout.splitlines()
    removed = len(demo.referential.postures) - 1
    assert demo.strategy.kpis[0].target not in (None, 72)
    assert len(diff) == 4 and diff[0].startswith("horizon-mutuelle")
    assert '~ strategy.pillars[1].name: "Proche" → "Proche de vous"' in diff
    assert f"~ strategy.kpis[0].target: {demo.strategy.kpis[0].target} → 72" in diff
    (gone,) = [line for line in diff if line.startswith("- ")]
    assert gone.startswith(
        f'- referential.postures[{removed}]: {{"name": "{demo.referential.postures[-1].name}"'
    )

    history = cxkit(db_url, "history", "horizon-mutuelle", cwd=tmp_path).stdout.splitlines()
    assert history[0].startswith("2") and "bob" in history[0]
    assert history[1].startswith("1") and "consultante" in history[1]

    first = tmp_path / "first.yaml"
    cxkit(db_url, "export", "horizon-mutuelle", "--revision", "1", "-o", str(first), cwd=tmp_path)
    assert load_engagement(first) == demo
    assert first.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=file:")
    listed = cxkit(db_url, "--lang", "en", "list", cwd=tmp_path).stdout
    assert "horizon-mutuelle" in listed and "bob" in listed and "Horizon Mutuelle" in listed


def test_a_refused_file_changes_nothing(db_url: str, tmp_path: Path, demo_doc: dict) -> None:
    assert cxkit(db_url, "demo", cwd=tmp_path).returncode == 0
    demo_doc["strategy"]["kpis"][0]["pillars"] = ["fiabel"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(demo_doc, default=str), encoding="utf-8")
    done = cxkit(db_url, "import", str(broken), cwd=tmp_path)
    assert done.returncode == 1
    assert "strategy.kpis[0].pillars[0]" in done.stderr and "Traceback" not in done.stderr
    with Workspace.open(url=db_url) as ws:
        assert len(ws.history("horizon-mutuelle")) == 1
    missing = cxkit(db_url, "export", "nope", "-o", "x.yaml", cwd=tmp_path)
    assert missing.returncode == 1 and "nope" in missing.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_invite_prints_working_links_and_contributions_export(db_url: str, tmp_path: Path) -> None:
    cxkit(db_url, "demo", cwd=tmp_path)
    done = cxkit(
        db_url,
        "invite",
        "horizon-mutuelle",
        "--workshop",
        "atelier-1",
        "--count",
        "2",
        "--expires",
        "30m",
        "--base-url",
        "http://salle.local:8867/",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    links = [line.split()[-1] for line in done.stdout.splitlines()[1:]]
    assert len(links) == 2 and all(
        link.startswith("http://salle.local:8867/?token=") for link in links
    )
    with Workspace.open(url=db_url) as ws:
        session = ws.participant(links[0].split("token=")[1])
        session.submit("comment", text='Un avis, avec "guillemets"\net deux lignes')
        session.submit("rating", target="accueil", value=4)
    rows = list(
        csv.DictReader(
            io.StringIO(cxkit(db_url, "contributions", "horizon-mutuelle", cwd=tmp_path).stdout)
        )
    )
    assert [(r["kind"], r["text"], r["value"]) for r in rows] == [
        ("comment", 'Un avis, avec "guillemets"\net deux lignes', ""),
        ("rating", "", "4"),
    ]
    as_json = json.loads(
        cxkit(
            db_url,
            "contributions",
            "horizon-mutuelle",
            "--workshop",
            "atelier-2",
            "--format",
            "json",
            cwd=tmp_path,
        ).stdout
    )
    assert as_json == []
    refused = cxkit(db_url, "invite", "horizon-mutuelle", "--workshop", "atelier-9", cwd=tmp_path)
    assert refused.returncode == 1 and "atelier-9" in refused.stderr


def test_invite_refuses_a_bad_duration_as_a_usage_error(tmp_path: Path) -> None:
    for bad in ("0", "8x", "-3h", "h"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_duration(bad)
    assert parse_duration("30m") == dt.timedelta(minutes=30)
    assert parse_duration("2d") == dt.timedelta(days=2)
    assert parse_duration("8") == dt.timedelta(hours=8)
    url = f"sqlite:///{tmp_path / 'w.db'}"
    done = cxkit(url, "invite", "x", "--workshop", "w", "--expires=8x", cwd=tmp_path)
    assert done.returncode == 2 and "30m" in done.stderr


def test_without_a_url_the_workspace_folder_holds_the_database(tmp_path: Path) -> None:
    done = run_cxkit("demo", cwd=tmp_path, drop=("CXKIT_DB_URL", "CXKIT_WORKSPACE"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "workspace" / "cxkit.db").is_file()
    assert read_document(demo_path())["engagement"]["id"] in done.stdout


def test_invite_room_prints_one_room_link_with_its_capacity(db_url: str, tmp_path: Path) -> None:
    cxkit(db_url, "demo", cwd=tmp_path)
    args = ["invite", "horizon-mutuelle", "--workshop", "atelier-1", "--room"]
    done = cxkit(
        db_url,
        *args,
        "--capacity",
        "2",
        "--expires",
        "2h",
        "--base-url",
        "http://salle.local:8867/",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    head, link = done.stdout.splitlines()
    assert "«\u00a0atelier-1\u00a0»" in head and "2 places" in head
    assert link.startswith("http://salle.local:8867/?room=") and "token=" not in link
    token = link.split("room=")[1]
    with Workspace.open(url=db_url) as ws:
        (room,) = ws.rooms("horizon-mutuelle", "atelier-1")
        assert room.capacity == 2 and room.token is None
        assert (
            dt.timedelta(minutes=119) < room.expires_at - room.created_at <= dt.timedelta(hours=2)
        )
        first, second = ws.join_room(token), ws.join_room(token)
        assert first.participant != second.participant
    refused = cxkit(db_url, *args, "--count", "3", cwd=tmp_path)
    assert refused.returncode == 1 and "--count" in refused.stderr
    too_big = cxkit(db_url, *args, "--capacity", "501", cwd=tmp_path)
    assert too_big.returncode == 1 and "501" in too_big.stderr
    with Workspace.open(url=db_url) as ws:
        assert len(ws.rooms("horizon-mutuelle")) == 1


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path, demo: Engagement) -> None:
    """``cxkit contributions … | head``: the export stops quietly when its reader leaves."""
    import os
    import sys

    url = f"sqlite:///{tmp_path / 'cxkit.db'}"
    with Workspace.open(url=url) as ws:
        ws.create(demo, "alice")
        (inv,) = ws.invite(demo.id, "atelier-1")
        session = ws.participant(inv.token or "")
        for i in range(1200):  # ~120 KB of CSV: more than a pipe holds
            session.submit("comment", text=f"Remarque {i} " + "x" * 60)
    env = {**os.environ, "CXKIT_DB_URL": url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxkit", "contributions", demo.id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"id,workshop")
    proc.stdout.close()  # the reader leaves, as head does
    errors = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in errors and errors == ""


def test_invite_links_follow_the_forms_url_without_base_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cxkit.db'}"
    env = {"CXKIT_DB_URL": url, "CXKIT_FORMS_URL": "https://salle.example/formulaires"}
    assert run_cxkit("demo", cwd=tmp_path, env=env).returncode == 0
    done = run_cxkit("invite", "horizon-mutuelle", "--workshop", "atelier-1", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.splitlines()[1]
        .split()[-1]
        .startswith("https://salle.example/formulaires/?token=")
    )
    assert done.stderr == ""  # a reachable address: no warning
