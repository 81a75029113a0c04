"""Reading and writing engagement files: the demo is the contract."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxkit.document import (
    atomic_write,
    current_umask,
    demo_path,
    dumps,
    load_demo,
    load_engagement,
    new_engagement,
    parse_text,
    save_engagement,
)
from cxkit.errors import EngagementInvalid, FileFormatError
from cxkit.model import Engagement
from cxkit.validation import build_engagement

METHOD_ORDER = [
    "cxkit",
    "engagement",
    "environment",
    "collection",
    "strategy",
    "devices",
    "referential",
    "workshops",
    "validation",
]


def _body(data: bytes) -> bytes:
    """A YAML file without its leading comment lines."""
    lines = data.splitlines(keepends=True)
    while lines and lines[0].startswith(b"#"):
        lines.pop(0)
    return b"".join(lines)


def test_the_demo_engagement_ships_with_the_package_and_loads_as_it_is() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "format" / "horizon-mutuelle.yaml"
    if shared.exists():
        # The contract's body, byte for byte; only the header comment differs
        # (ours names docs/format.md and the schema for editors).
        assert _body(demo_path().read_bytes()) == _body(shared.read_bytes())
    demo = load_demo()
    assert demo.engagement.client == "Horizon Mutuelle"
    assert [p.id for p in demo.strategy.pillars] == ["fiable", "proche", "clair", "engage"]
    assert demo.collection.benchmark.scores[4].values == {
        "Rapidité de remboursement": 5,
        "Clarté des garanties": 4,
        "Expérience mobile": 5,
    }
    assert demo.strategy.kpis[1].baseline == 6.5 and demo.strategy.kpis[1].target == 2


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_writing_then_reading_gives_an_equal_engagement(
    tmp_path: Path, demo: Engagement, suffix: str
) -> None:
    path = save_engagement(demo, tmp_path / f"out{suffix}")
    again = load_engagement(path)
    assert again == demo
    # and once more: writing is stable
    assert save_engagement(again, tmp_path / f"again{suffix}").read_text() == path.read_text()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_sections_are_written_in_the_methods_order(demo: Engagement, fmt: str) -> None:
    text = dumps(demo, fmt)  # type: ignore[arg-type]
    doc = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert list(doc) == METHOD_ORDER


def test_json_dates_are_iso_strings(demo: Engagement) -> None:
    doc = json.loads(dumps(demo, "json"))
    assert doc["engagement"]["start"] == "2026-09-07"
    assert doc["validation"]["strategy"]["date"] == "2026-11-03"


NASTY = {
    "word_controls": "Titre\x0bsous-titre\x0cpage\x00fin",
    "emoji": "Ils me connaissent 😀👍🏽 et m'écoutent",
    "rtl": "שלום עולם — مرحبا بالعالم",
    "long": ("Réponse très détaillée. " * 220)[:5000],
    "html": "<img src=x onerror=alert(1)> & <b>gras</b>",
    "multiline": "ligne 1\nligne 2\n\n  indentée  \nfin ",
}


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_pasted_text_loads_validates_and_round_trips(
    tmp_path: Path, demo_doc: dict[str, Any], suffix: str
) -> None:
    demo_doc["strategy"]["pillars"][0]["customers_say"] = NASTY["word_controls"]
    demo_doc["strategy"]["pillars"][1]["rationale"] = NASTY["emoji"]
    demo_doc["strategy"]["pillars"][2]["rationale"] = NASTY["rtl"]
    demo_doc["collection"]["interviews"][0]["notes"] = NASTY["long"]
    demo_doc["collection"]["interviews"][1]["notes"] = NASTY["html"]
    demo_doc["collection"]["interviews"][2]["notes"] = NASTY["multiline"]
    bench = demo_doc["collection"]["benchmark"]
    bench["criteria"][0] = "Rapidité\x0bde remboursement"
    for row in bench[
        "scores"
    ]:  # the score keys name the criterion as pasted, control characters and all
        row["values"]["Rapidité\x0bde remboursement"] = row["values"].pop(
            "Rapidité de remboursement"
        )
    bench["scores"][0]["values"]["Clarté\x00 des garanties"] = bench["scores"][0]["values"].pop(
        "Clarté des garanties"
    )
    engagement = build_engagement(demo_doc)
    assert engagement.strategy.pillars[0].customers_say == "Titre\nsous-titre\npagefin"
    assert engagement.collection.interviews[0].notes == NASTY["long"]
    assert len(engagement.collection.interviews[0].notes or "") == 5000
    assert engagement.collection.benchmark.criteria[0] == "Rapidité\nde remboursement"
    path = save_engagement(engagement, tmp_path / f"nasty{suffix}")
    assert load_engagement(path) == engagement


def test_assignment_is_cleaned_too(demo: Engagement) -> None:
    demo.strategy.pillars[0].name = "Fiable\x00\x0b!"
    assert demo.strategy.pillars[0].name == "Fiable\n!"


def test_a_write_that_fails_leaves_the_old_file_whole(
    tmp_path: Path, demo: Engagement, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = save_engagement(demo, tmp_path / "e.yaml")
    before = path.read_bytes()
    demo.engagement.client = "Autre client"

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_engagement(demo, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.yaml"]  # no temporary left behind


def test_new_engagement_is_a_minimal_valid_draft(tmp_path: Path) -> None:
    draft = new_engagement("Société Générale des Eaux", lang="en")
    assert draft.id == "societe-generale-des-eaux"
    assert draft.language == "en"
    assert load_engagement(save_engagement(draft, tmp_path / "d.json")) == draft


# --- what is not a document ----------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "key", "line"),
    [
        ("empty.yaml", b"", "error.file.empty", None),
        ("blank.json", b"  \n\n", "error.file.empty", None),
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "error.file.binary", None),
        (
            "latin1.yaml",
            "cxkit: 1\nengagement: {id: a, client: Crédit}\n".encode("latin-1"),
            "error.file.encoding",
            2,
        ),
        (
            "broken.yaml",
            b"cxkit: 1\nengagement:\n  id: a\n   client: [oops\n",
            "error.file.yaml",
            4,
        ),
        ("broken.json", b'{"cxkit": 1,\n "engagement": {"id": "a",}\n}', "error.file.json", 2),
        (
            "dup.yaml",
            b"cxkit: 1\nengagement:\n  id: a\n  client: A\n  id: b\n",
            "error.file.duplicate_key",
            5,
        ),
        ("notes.txt", b"cxkit: 1", "error.file.extension", None),
    ],
)
def test_what_is_not_a_document_gets_a_one_line_reason(
    tmp_path: Path, name: str, data: bytes, key: str, line: int | None
) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(FileFormatError) as caught:
        load_engagement(path)
    assert caught.value.key == key
    message = caught.value.message("en")
    assert "\n" not in message and "Traceback" not in message
    if line is not None:
        assert caught.value.params["line"] == line
        assert f"line {line}" in message


def test_yaml_merge_keys_may_override(tmp_path: Path) -> None:
    text = "cxkit: 1\nbase: &b {id: a, client: A}\nengagement:\n  <<: *b\n  client: B\n"
    doc = parse_text(text, "yaml")
    assert doc["engagement"] == {"id": "a", "client": "B"}


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError) as caught:
        load_engagement(tmp_path / "nope.yaml")
    assert str(tmp_path / "nope.yaml") in caught.value.message()


def test_a_list_is_not_an_engagement() -> None:
    with pytest.raises(EngagementInvalid) as caught:
        build_engagement(parse_text("- a\n- b\n", "yaml"))
    assert caught.value.problems[0].key == "error.not_a_mapping"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_atomic_write_gives_the_permissions_of_the_umask(
    tmp_path: Path, umask: int, mode: int
) -> None:
    """As ``open()`` would: not mkstemp's owner-only 0600 (a colleague must open the deck)."""
    previous = os.umask(umask)
    try:
        assert current_umask() == umask
        target = tmp_path / "out" / "deck.pptx"
        atomic_write(target, b"first")
        assert stat.S_IMODE(target.stat().st_mode) == mode
        assert target.read_bytes() == b"first"
        target.chmod(0o664)  # a file that exists keeps its own permissions, as with open()
        atomic_write(target, b"second")
        assert stat.S_IMODE(target.stat().st_mode) == 0o664
        assert target.read_bytes() == b"second"
        assert [p.name for p in target.parent.iterdir()] == ["deck.pptx"]  # no temporary left
    finally:
        os.umask(previous)
