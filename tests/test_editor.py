"""A real editor's YAML language server reads the files cxkit writes: completion and red underlines.

yaml-language-server is what VS Code's YAML extension runs. It is driven
here over its stdio protocol (LSP) as the editor would: open a file, read
the diagnostics it publishes, ask for a completion. CI installs it from
npm (``.ci/run``); on a laptop without it these tests skip.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cxkit.document import demo_path
from tests.conftest import require, run_cxkit

Message = dict[str, Any]
SETTINGS = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}


class LanguageServer:
    """A yaml-language-server process and the messages it sends back."""

    def __init__(self, program: str, root: Path) -> None:
        self.process = subprocess.Popen(
            [program, "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[Message] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            1, "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}
        )
        self.wait(lambda m: m.get("id") == 1)
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            length = 0
            while line := self.process.stdout.readline().strip():
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                return
            self.inbox.put(json.loads(self.process.stdout.read(length)))

    def _send(self, message: Message) -> None:
        assert self.process.stdin is not None
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(f"Content-Length: {len(data)}\r\n\r\n".encode() + data)
        self.process.stdin.flush()

    def notify(self, method: str, params: Message) -> None:
        self._send({"method": method, "params": params})

    def request(self, ident: int, method: str, params: Message) -> None:
        self._send({"id": ident, "method": method, "params": params})

    def wait(self, wanted: Callable[[Message], bool], timeout: float = 90) -> Message:
        """The first message ``wanted`` accepts; the server's own requests are answered."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.inbox.get(timeout=1)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                self._send({"id": message["id"], "result": [SETTINGS for _ in items]})
            elif "id" in message and "method" in message:
                self._send({"id": message["id"], "result": None})
            elif wanted(message):
                return message
        raise AssertionError("yaml-language-server did not answer in time")

    def diagnostics(self, path: Path) -> list[tuple[int, str]]:
        """(line number from 1, message) of every problem the editor would underline."""
        uri = path.resolve().as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": path.read_text(encoding="utf-8"),
                }
            },
        )
        published = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        return [
            (d["range"]["start"]["line"] + 1, d["message"])
            for d in published["params"]["diagnostics"]
        ]

    def completion(self, path: Path, line: int, character: int) -> list[str]:
        position = {"line": line - 1, "character": character}
        params = {"textDocument": {"uri": path.resolve().as_uri()}, "position": position}
        self.request(7, "textDocument/completion", params)
        result = self.wait(lambda m: m.get("id") == 7)["result"] or {}
        items = result.get("items", []) if isinstance(result, dict) else result
        return sorted(item["label"] for item in items)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[LanguageServer]:
    program = shutil.which("yaml-language-server")
    require(program is not None, "yaml-language-server (npm)")
    assert program is not None
    server = LanguageServer(program, tmp_path)
    yield server
    server.stop()


def _new_file(folder: Path, *edits: tuple[str, str]) -> Path:
    target = folder / "acme.yaml"
    result = run_cxkit("--lang", "en", "new", "--client", "ACME", "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    return target


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def test_a_new_file_gets_its_typos_underlined_from_the_installed_schema(
    editor: LanguageServer, tmp_path: Path
) -> None:
    target = _new_file(
        tmp_path, ("  language: en\n", "  language: en\n  market: B2X\n  sponsr: Jo\n")
    )
    assert "$schema=file:" in target.read_text(encoding="utf-8").splitlines()[0]
    found = editor.diagnostics(target)
    assert [line for line, _ in found] == [
        line_of(target, "  market:"),
        line_of(target, "  sponsr:"),
    ]
    assert '"B2C", "B2B", "B2B2C"' in found[0][1] and "sponsr" in found[1][1]


def test_a_schema_beside_the_file_completes_vocabulary_values(
    editor: LanguageServer, tmp_path: Path
) -> None:
    assert run_cxkit("schema", "-o", str(tmp_path / "engagement.schema.json")).returncode == 0
    target = _new_file(tmp_path, ("  language: en\n", "  language: en\n  market: \n"))
    assert target.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=engagement.schema.json\n"
    )
    assert editor.diagnostics(target) == []
    offered = editor.completion(target, line_of(target, "  market:"), len("  market: "))
    assert {"B2C", "B2B", "B2B2C"} <= set(offered)


def test_the_demo_has_nothing_underlined(editor: LanguageServer) -> None:
    assert editor.diagnostics(demo_path()) == []
