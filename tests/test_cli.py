"""The command line, run as a consultant runs it: a real process, real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxkit.cli import main
from cxkit.document import demo_path, load_engagement
from tests.conftest import run_cxkit as cxkit


def test_validate_the_demo_prints_warnings_by_section_and_exits_0() -> None:
    result = cxkit("validate", str(demo_path()))
    assert result.returncode == 0, result.stderr
    assert "engagement valide" in result.stdout
    assert "Stratégie expérience client" in result.stdout
    assert "CX211" in result.stdout and "environment.customer.segments[0]" in result.stdout


def test_validate_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "validate", str(demo_path()), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["errors"] == []
    assert {w["code"] for w in report["warnings"]} == {"CX208", "CX211", "CX901"}
    assert all(
        set(w) == {"code", "severity", "section", "path", "message", "title"}
        for w in report["warnings"]
    )
    assert "Priority segment not traced" in {w["title"] for w in report["warnings"]}


def _broken(tmp_path: Path, demo_doc: dict[str, Any]) -> Path:
    demo_doc["strategy"]["kpis"][2]["pillars"] = ["fiabel"]
    demo_doc["engagement"]["market"] = "B2X"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(demo_doc, allow_unicode=True), encoding="utf-8")
    return path


def test_validate_a_broken_file_lists_every_problem_and_exits_1(
    tmp_path: Path, demo_doc: dict[str, Any]
) -> None:
    result = cxkit("validate", str(_broken(tmp_path, demo_doc)))
    assert result.returncode == 1
    assert "2 problèmes" in result.stdout
    assert "strategy.kpis[2].pillars[0]: pilier inconnu «\u00a0fiabel\u00a0»" in result.stdout
    assert "engagement.market: valeur «\u00a0B2X\u00a0» inconnue" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_json_errors(
    tmp_path: Path, demo_doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(_broken(tmp_path, demo_doc)), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert {e["path"] for e in report["errors"]} == {
        "strategy.kpis[2].pillars[0]",
        "engagement.market",
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "vide"), (b"\x00\x01\x02binary", "binaire"), (b"cxkit: 1\n  bad: [\n", "ligne")],
)
def test_validate_a_file_that_is_no_document_says_why_in_one_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    result = cxkit("validate", str(path))
    assert result.returncode == 1
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_convert_yaml_to_json_and_back(tmp_path: Path) -> None:
    assert cxkit("convert", str(demo_path()), "-o", str(tmp_path / "e.json")).returncode == 0
    assert (
        cxkit("convert", str(tmp_path / "e.json"), "-o", str(tmp_path / "e.yaml")).returncode == 0
    )
    assert load_engagement(tmp_path / "e.yaml") == load_engagement(demo_path())


def test_convert_refuses_an_unknown_extension(tmp_path: Path) -> None:
    result = cxkit("convert", str(demo_path()), "-o", str(tmp_path / "e.xml"))
    assert result.returncode == 1 and ".xml" in result.stderr
    assert not (tmp_path / "e.xml").exists()


def test_new_writes_a_valid_draft_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    first = cxkit("new", "--client", "ACME Énergie", "-o", str(target))
    assert first.returncode == 0, first.stderr
    draft = load_engagement(target)
    assert draft.id == "acme-energie" and draft.engagement.client == "ACME Énergie"
    again = cxkit("new", "--client", "Autre", "-o", str(target))
    assert again.returncode == 1 and "--force" in again.stderr
    assert load_engagement(target) == draft
    assert cxkit("validate", str(target)).returncode == 0


def test_new_with_a_bad_id_says_so(tmp_path: Path) -> None:
    result = cxkit("new", "--client", "X", "--id", "Pas Un Slug", "-o", str(tmp_path / "x.yaml"))
    assert result.returncode == 1
    assert "engagement.id" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("argv", [[], ["validate"], ["frobnicate"], ["convert", "a.yaml"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert cxkit(*argv).returncode == 2


def test_help_speaks_english_when_asked() -> None:
    result = cxkit("--lang", "en", "--help")
    assert result.returncode == 0 and "check an engagement file" in result.stdout
    assert "vérifier un fichier" in cxkit("--help").stdout
