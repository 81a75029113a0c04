"""Reading and writing engagement files (YAML or JSON, UTF-8, by extension).

Reading turns anything that is not a document (binary, empty, broken
syntax) into a one-line :class:`FileFormatError` with the line where the
parser gives one; a document that is not an engagement raises
:class:`EngagementInvalid` with every problem. Writing is atomic: a
temporary file beside the target, flushed, then renamed over it, so a crash
never leaves half a file.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from cxkit.errors import FileFormatError
from cxkit.file_schema import modeline, schema_reference
from cxkit.i18n import resolve_lang
from cxkit.model import Engagement
from cxkit.text import slugify
from cxkit.validation import build_engagement

Format = Literal["yaml", "json"]
_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}

DEMO_ENGAGEMENT = "horizon-mutuelle"
FORMAT_REFERENCE = "docs/format.md in cxkit's repository"


def demo_path() -> Path:
    """The demo engagement shipped with the package (docs/format.md's example)."""
    return Path(str(resources.files("cxkit").joinpath("data", f"{DEMO_ENGAGEMENT}.yaml")))


def format_of(path: str | os.PathLike[str]) -> Format:
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise FileFormatError("error.file.extension", path=str(path), suffix=suffix or "∅")
    return _SUFFIXES[suffix]


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's safe loader that refuses duplicate keys instead of keeping the last."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        # Compare the raw key nodes before merge keys (<<) are expanded: an
        # override of a merged key is legal, a key written twice is not.
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise FileFormatError(
                        "error.file.duplicate_key",
                        key=key_node.value,
                        line=key_node.start_mark.line + 1,
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_text(text: str, fmt: Format) -> Any:
    """Parse a document's text; syntax problems become one-line FileFormatErrors."""
    if not text.strip():
        raise FileFormatError("error.file.empty")
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileFormatError("error.file.json", line=exc.lineno, detail=exc.msg) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        raise FileFormatError(
            "error.file.yaml", line=line, detail=exc.problem or str(exc)
        ) from None
    except yaml.YAMLError as exc:
        raise FileFormatError("error.file.yaml", line="?", detail=str(exc)) from None


def decode(data: bytes, path: str = "") -> str:
    """UTF-8 text of a file's bytes; binary content is refused by name."""
    if b"\x00" in data[:8192]:
        raise FileFormatError("error.file.binary", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileFormatError("error.file.encoding", path=path, line=line) from None


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes; a missing or unreadable file is a one-line FileFormatError naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise FileFormatError("error.file.missing", path=str(path)) from None
    except IsADirectoryError:
        raise FileFormatError("error.file.directory", path=str(path)) from None
    except OSError as exc:
        raise FileFormatError(
            "error.file.unreadable", path=str(path), detail=exc.strerror or str(exc)
        ) from None


def read_document(path: str | os.PathLike[str]) -> Any:
    """The parsed (not yet validated) document of an engagement file."""
    fmt = format_of(path)
    return parse_text(decode(read_bytes(path), str(path)), fmt)


def load_engagement(path: str | os.PathLike[str], lang: str | None = None) -> Engagement:
    """Read and validate an engagement file."""
    return build_engagement(read_document(path), lang)


def load_demo() -> Engagement:
    return load_engagement(demo_path())


def new_engagement(client: str, ident: str | None = None, lang: str | None = None) -> Engagement:
    """A minimal valid draft: an id (made from the client's name if not given), a client, a language."""
    lang = resolve_lang(lang)
    doc = {
        "cxkit": 1,
        "engagement": {
            "id": ident or slugify(client, fallback="engagement"),
            "client": client,
            "language": lang,
        },
    }
    return build_engagement(doc, lang)


def _prune(value: Any) -> Any:
    """Drop empty values so a written file shows what the consultant filled in."""
    if isinstance(value, Mapping):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def to_document(engagement: Engagement, fmt: Format = "yaml") -> dict[str, Any]:
    """The engagement as a plain mapping, sections in the method's order."""
    mode = "json" if fmt == "json" else "python"
    pruned: dict[str, Any] = _prune(engagement.model_dump(mode=mode, exclude_none=True))
    return pruned


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Block style, and multi-line texts written as readable literal blocks."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # The emitter falls back to a quoted style by itself where a block cannot hold the text.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dumps(engagement: Engagement, fmt: Format = "yaml", schema: str | None = None) -> str:
    """The text of an engagement file; a YAML one names its JSON Schema (``schema``) first."""
    doc = to_document(engagement, fmt)
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    header = modeline(schema) if schema else ""
    header += f"# cxkit engagement file, format version 1: see {FORMAT_REFERENCE}\n"
    return header + yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def current_umask() -> int:
    """The process umask, read without changing it where the system allows.

    ``os.umask`` can only be read by setting it, which would briefly give
    files made by other threads the wrong permissions; Linux shows it in
    ``/proc/self/status``, so that is read first.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The permissions ``open(target, "w")`` would leave: the file's own, else 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The temporary file is made owner-only by ``mkstemp``; it gets the permissions an
    ordinary ``open()`` would give before it is renamed, so a deck on a shared drive is
    readable by the colleagues the umask (or the replaced file) lets read it.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # POSIX; Windows has no modes to give
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_engagement(engagement: Engagement, path: str | os.PathLike[str]) -> Path:
    """Write an engagement file in the format its extension names, atomically."""
    fmt = format_of(path)
    text = dumps(engagement, fmt, schema_reference(path) if fmt == "yaml" else None)
    atomic_write(path, text.encode("utf-8"))
    return Path(path)
