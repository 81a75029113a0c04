"""Exports that cannot run code: the OWASP rule against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cxkit.spreadsheet import FORMULA_TRIGGERS, csv_text, neutralise, neutralise_row
from cxkit.store import Workspace
from tests.conftest import run_cxkit

HOSTILE = [
    '=HYPERLINK("http://x")',
    "@SUM(1)",
    "+1",
    "-1+1",
    "\tcmd",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_starting_with_a_trigger_is_prefixed(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [-1, -2.5, 0, 3, None, "texte", "", "a=b", " =1", "'=déjà"])
def test_numbers_and_ordinary_texts_are_left_alone(value: object) -> None:
    assert neutralise(value) is value


def test_a_row_and_a_csv_document_read_back_neutralised() -> None:
    rows = [{"text": text, "value": -1} for text in HOSTILE]
    assert neutralise_row(rows[0]) == {"text": "'" + HOSTILE[0], "value": -1}
    read = list(csv.DictReader(io.StringIO(csv_text(rows, ("text", "value")))))
    assert [r["text"] for r in read] == ["'" + text for text in HOSTILE]
    assert all(not r["text"].startswith(FORMULA_TRIGGERS) for r in read)
    assert {r["value"] for r in read} == {"-1"}  # a negative number stays a number


def test_cxkit_contributions_writes_no_formula(tmp_path: Path) -> None:
    """Participants' texts as a real store keeps them, exported by a real ``cxkit`` process."""
    env = {"CXKIT_DB_URL": f"sqlite:///{tmp_path / 'cxkit.db'}", "USER": "consultante"}

    def cxkit(*args: str) -> str:
        done = run_cxkit(*args, cwd=tmp_path, env=env, drop=("CXKIT_LANG",))
        assert done.returncode == 0, done.stderr
        return done.stdout

    cxkit("demo")
    invited = cxkit("invite", "horizon-mutuelle", "--workshop", "atelier-1", "--count", "1")
    token = invited.splitlines()[-1].split("token=")[1]
    stored = HOSTILE[:4]  # the store strips a leading tab or line break itself
    with Workspace.open(url=env["CXKIT_DB_URL"]) as ws:
        session = ws.participant(token)
        for text in stored:
            session.submit("comment", text=text)
        session.submit("rating", target="accueil", value=1)
    rows = list(csv.DictReader(io.StringIO(cxkit("contributions", "horizon-mutuelle"))))
    assert [r["text"] for r in rows if r["kind"] == "comment"] == ["'" + t for t in stored]
    assert [r["value"] for r in rows if r["kind"] == "rating"] == ["1"]
