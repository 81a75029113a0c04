"""A light page on a shared Wi-Fi: Voilà with compressed answers and long-cached static files.

Why: as Voilà 0.5 serves it, a participant's page is about 5 MB of JavaScript
and CSS sent raw, and its bundles carry no cache lifetime, so forty phones
joining through one access point pull 200 MB. The servers run this module
(``python -m cxkit.apps.light``, see :func:`cxkit.apps.servers.start_server`)
instead of ``python -m voila``; it is Voilà with:

- every answer compressed: the page and the API through Tornado's gzip
  (``compress_response``, read only when Tornado's application is built, which
  Voilà's ``tornado_settings`` comes too late for), the websocket's messages
  deflated;
- static files compressed once per server and kept in memory: brotli at its
  best quality when the browser accepts it (computed in the background, one
  file at a time, gzip meanwhile), else gzip at its best level;
- versioned addresses cached for a year and immutable: the template's
  ``?v=<hash>`` files, the widgets' extension chunks (hash in the name or
  ``?v=``), and Voilà's own bundles, whose addresses gain Voilà's version
  through the page configuration (their names carry none);
- no code-highlighting extension: the pages show no code.

It also carries cxkit's own routes: with ``card_pages`` on (the participants'
server's config), employees' team cards at ``card/<token>``
(:mod:`cxkit.apps.card_route`).
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import FileFindHandler
from jupyter_server.utils import url_path_join
from traitlets import Bool
from voila.app import Voila
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler

from cxkit.apps.card_route import card_routes

try:  # brotli's CFFI binding (same package name on PyPI and conda-forge); gzip without it
    import brotlicffi as _brotli  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - a dependency, but the server still works without it
    _brotli = None

IMMUTABLE = "public, max-age=31536000, immutable"
UNUSED_EXTENSIONS = ("jupyterlab_pygments",)
"""Lab extensions a cxkit page never uses (code highlighting: sources are stripped)."""
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
_MIN_SIZE = 1024  # below this, compressing costs more than it saves
_HASHED_NAME = re.compile(r"\.[0-9a-f]{16,}\.(js|css)$")


class CompressedFiles:
    """Static files compressed once and kept: gzip at once, brotli in the background.

    Brotli at quality 11 saves about 15 % over gzip on Voilà's bundles but
    costs seconds of CPU per megabyte: a single worker thread computes it
    while the first phones get gzip, so a room's start never waits for it.
    """

    def __init__(self) -> None:
        self._done: dict[tuple[str, int, int, str], bytes] = {}
        self._pending: set[tuple[str, int, int, str]] = set()
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cxkit-brotli")

    def get(self, path: str, encoding: str) -> bytes | None:
        """``path`` compressed as ``encoding`` (``br`` or ``gzip``), or None if not ready yet."""
        stat = Path(path).stat()
        key = (path, stat.st_mtime_ns, stat.st_size, encoding)
        with self._lock:
            found = self._done.get(key)
            if found is not None or encoding != "br":
                pass
            elif key not in self._pending:
                self._pending.add(key)
                self._worker.submit(self._brotli, key)
        if found is None and encoding == "gzip":
            found = gzip.compress(Path(path).read_bytes(), 9, mtime=0)
            with self._lock:
                self._done[key] = found
        return found

    def _brotli(self, key: tuple[str, int, int, str]) -> None:
        assert _brotli is not None
        try:
            data = _brotli.compress(Path(key[0]).read_bytes(), quality=11)
        finally:
            with self._lock:
                self._pending.discard(key)
        with self._lock:
            self._done[key] = data

    def pending(self) -> int:
        """How many files brotli is still compressing (tests and benchmarks wait for 0)."""
        with self._lock:
            return len(self._pending)


FILES = CompressedFiles()


def accepted_encodings(header: str) -> list[str]:
    """The encodings an ``Accept-Encoding`` header allows, from the best: ``br``, ``gzip``."""
    offered = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        offered[name.strip().lower()] = quality
    best = ["br"] if _brotli is not None else []
    return [e for e in [*best, "gzip"] if offered.get(e, offered.get("*", 0.0)) > 0]


class _Light:
    """Mixin for Tornado's static handlers: a compressed body and, when versioned, an immutable one."""

    request: Any
    absolute_path: str | None
    _chosen = False  # per request: the encoding below was decided
    _light: tuple[str, bytes] | None = None

    def _versioned(self) -> bool:
        return "v" in self.request.arguments

    def _encoded(self) -> tuple[str, bytes] | None:
        if not self._chosen:
            self._light, self._chosen = self._choose(), True
        return self._light

    def _choose(self) -> tuple[str, bytes] | None:
        path = self.absolute_path
        if not path or "Range" in self.request.headers or not _compressible(path):
            return None
        if Path(path).stat().st_size < _MIN_SIZE:
            return None
        for encoding in accepted_encodings(self.request.headers.get("Accept-Encoding", "")):
            data = FILES.get(path, encoding)
            if data is not None:
                return encoding, data
        return None

    def compute_etag(self) -> str | None:
        tag: str | None = super().compute_etag()  # type: ignore[misc]
        encoded = self._encoded()
        if tag is None or encoded is None:
            return tag
        return f'{tag.rstrip(chr(34))}-{encoded[0]}"'

    def set_headers(self) -> None:
        super().set_headers()  # type: ignore[misc]
        # Vary: Accept-Encoding is Tornado's (its gzip transform adds it to every answer).
        encoded = self._encoded()
        if encoded is not None:
            self.set_header("Content-Encoding", encoded[0])  # type: ignore[attr-defined]
        if self._versioned():
            self.set_header("Cache-Control", IMMUTABLE)  # type: ignore[attr-defined]
            self.clear_header("Expires")  # type: ignore[attr-defined]

    def get_content_size(self) -> int:
        encoded = self._encoded()
        if encoded is not None:
            return len(encoded[1])
        size: int = super().get_content_size()  # type: ignore[misc]
        return size

    @classmethod
    def get_content_version(cls, abspath: str) -> str:
        """The raw file's hash (Tornado's reads it through ``get_content``, here per request)."""
        return hashlib.sha512(Path(abspath).read_bytes()).hexdigest()

    def get_content(self, abspath: str, start: int | None = None, end: int | None = None) -> Any:
        encoded = self._encoded()
        if encoded is not None:
            return encoded[1]
        return type(self).get_content_raw(abspath, start, end)  # type: ignore[attr-defined]


def _compressible(path: str) -> bool:
    mime = mimetypes.guess_type(path)[0] or ""
    return mime.startswith(_COMPRESSIBLE)


class LightTemplateStaticHandler(_Light, TemplateStaticFileHandler):
    """The template's CSS and JS (``/voila/templates/<name>/static/...?v=<hash>``)."""

    get_content_raw = TemplateStaticFileHandler.get_content


class LightVoilaStaticHandler(_Light, MultiStaticFileHandler):
    """Voilà's bundles; immutable under the versioned address of :func:`static_version`."""

    get_content_raw = MultiStaticFileHandler.get_content

    def initialize(
        self, paths: list[str], default_filename: str | None = None, versioned: bool = False
    ) -> None:
        super().initialize(paths, default_filename)
        self._versioned_route = versioned

    def _versioned(self) -> bool:
        return self._versioned_route or "v" in self.request.arguments


class LightLabextensionsHandler(_Light, FileFindHandler):
    """The widgets' extensions: chunks carry ``?v=<hash>``, entry points a hash in their name."""

    get_content_raw = FileFindHandler.get_content

    def _versioned(self) -> bool:
        return "v" in self.request.arguments or bool(_HASHED_NAME.search(self.request.path))


def static_version(static_paths: list[str]) -> str:
    """A short tag that changes whenever Voilà's bundles may have: its version and files' dates."""
    import voila

    digest = hashlib.sha256(voila.__version__.encode())
    for root in static_paths:
        main = Path(root) / "voila.js"
        if main.exists():
            digest.update(f"{main}:{main.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


_SWAPS: dict[type, type] = {
    TemplateStaticFileHandler: LightTemplateStaticHandler,
    MultiStaticFileHandler: LightVoilaStaticHandler,
    FileFindHandler: LightLabextensionsHandler,
}


class LightVoila(Voila):
    """Voilà with the settings and handlers of this module's docstring."""

    card_pages = Bool(
        False, help="Serve employees' team cards at card/<token> (the participants' server)."
    ).tag(config=True)

    def init_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = super().init_settings()
        settings["compress_response"] = True
        settings["websocket_compression_options"] = {}
        self._static_tag = static_version(self.static_paths)
        configuration = self.voila_configuration
        configuration.extension_denylist = [
            *(configuration.extension_denylist or []),
            *UNUSED_EXTENSIONS,
        ]
        configuration.page_config_hook = _versioned_static(
            configuration.page_config_hook, self._static_tag
        )
        return settings

    def init_handlers(self) -> list[Any]:
        handlers: list[Any] = []
        for route in super().init_handlers():
            pattern, handler, *rest = route
            handlers.append((pattern, _SWAPS.get(handler, handler), *rest))
        versioned = (
            url_path_join(self.server_url, rf"/voila/static/v{self._static_tag}/(.*)"),
            LightVoilaStaticHandler,
            {"paths": self.static_paths, "default_filename": None, "versioned": True},
        )
        cards = card_routes(self.server_url) if self.card_pages else []
        return [*cards, versioned, *handlers]


def _versioned_static(previous: Any, tag: str) -> Any:
    """A page-config hook: Voilà's bundles under ``voila/static/v<tag>/`` (then ``previous``)."""

    def hook(page_config: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if previous is not None:
            page_config = previous(page_config, **kwargs)
        page_config["fullStaticUrl"] = url_path_join(kwargs["base_url"], f"voila/static/v{tag}")
        return page_config

    return hook


def main() -> None:
    """``python -m cxkit.apps.light NOTEBOOK_OR_FOLDER [voila options]``."""
    LightVoila.launch_instance()


if __name__ == "__main__":
    main()
