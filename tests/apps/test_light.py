"""A light page on a shared Wi-Fi: compressed, cached for good, measured as a phone sees it.

The servers are real (``cxkit.apps.light`` runs Voilà), the browser is real
headless Chromium, and the bytes are those the Chrome DevTools Protocol counts
on the wire (``encodedDataLength``), as ``benchmarks/bench_room.py`` does.
"""

from __future__ import annotations

import gzip
import http.client
import json
import re
import time
from typing import Any

import pytest

from cxkit.apps.light import IMMUTABLE, CompressedFiles, accepted_encodings
from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import PAGE_TIMEOUT_MS, PHONE, widgets_ready

ENGAGEMENT = "horizon-mutuelle"
READY = "Que voudriez-vous que nos clients disent de nous"
FIRST_VISIT_MAX = 1_500_000
RELOAD_MAX = 150_000


def test_accept_encoding_is_read_as_browsers_send_it() -> None:
    assert accepted_encodings("gzip, deflate, br") == ["br", "gzip"]
    assert accepted_encodings("gzip, deflate") == ["gzip"]  # Chromium over plain HTTP
    assert accepted_encodings("br;q=0, gzip;q=0.5") == ["gzip"]
    assert accepted_encodings("identity") == []
    assert accepted_encodings("*") == ["br", "gzip"]


def test_compressed_files_are_the_file_and_brotli_comes_in_the_background(tmp_path: Any) -> None:
    import brotlicffi

    source = tmp_path / "bundle.js"
    source.write_bytes(b"const answer = 42;\n" * 5000)
    files = CompressedFiles()
    assert gzip.decompress(files.get(str(source), "gzip") or b"") == source.read_bytes()
    deadline = time.monotonic() + 30
    while (found := files.get(str(source), "br")) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert found is not None and brotlicffi.decompress(found) == source.read_bytes()
    assert files.pending() == 0
    source.write_bytes(b"changed\n" * 500)  # a new file (date, size): compressed anew
    assert gzip.decompress(files.get(str(source), "gzip") or b"") == b"changed\n" * 500


def _get(server: VoilaServer, path: str, encoding: str = "gzip") -> tuple[Any, bytes]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": encoding})
        answer = connection.getresponse()
        return answer, answer.read()
    finally:
        connection.close()


@pytest.mark.browser
def test_static_files_are_compressed_and_immutable(
    servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    """The page and its bundles come gzipped; every versioned address is cached for a year."""
    facilitator, forms = servers
    ws = Workspace.open(url=workspace_url)
    workshop = ws.load(ENGAGEMENT).engagement.workshops[0].id
    token = ws.invite(ENGAGEMENT, workshop, count=1)[0].token or ""
    answer, body = _get(forms, f"/?token={token}")
    assert answer.status == 200 and answer.getheader("Content-Encoding") == "gzip"
    page = gzip.decompress(body).decode()
    assert "jupyterlab_pygments" not in page  # an extension the pages never use
    main_js = re.search(r'src="(/voila/static/v[0-9a-f]{12}/voila\.js)"', page)
    assert main_js, "Voilà's bundles under a versioned address"
    styles = re.findall(r'href="(/voila/templates/cxkit/static/[^"]+\?v=[0-9a-f]+)"', page)
    config = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert config
    entries = [
        f"/voila/labextensions/{e['name']}/{e['load']}"
        for e in json.loads(config.group(1))["federated_extensions"]
    ]
    assert styles and entries
    for path in [main_js.group(1), *styles, *entries]:
        answer, body = _get(forms, path)
        assert answer.status == 200, path
        assert answer.getheader("Content-Encoding") == "gzip", path
        assert answer.getheader("Cache-Control") == IMMUTABLE, path
        assert answer.getheader("Vary") == "Accept-Encoding", path
        assert len(gzip.decompress(body)) > len(body), path
    answer, _ = _get(facilitator, main_js.group(1))  # the facilitator's server alike
    assert answer.getheader("Cache-Control") == IMMUTABLE
    # An unversioned address is not immutable: it may change under the same name.
    answer, _ = _get(forms, "/voila/static/voila.js")
    assert answer.status == 200 and "immutable" not in (answer.getheader("Cache-Control") or "")


@pytest.mark.browser
def test_brotli_when_the_browser_accepts_it(servers: tuple[VoilaServer, VoilaServer]) -> None:
    """Behind HTTPS (a hub's proxy) browsers accept brotli: the same file, smaller."""
    import brotlicffi

    _, forms = servers
    path = "/voila/templates/cxkit/static/index.css?v=1"
    raw = _get(forms, path, "identity")[1]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer, body = _get(forms, path, "gzip, deflate, br")
        if answer.getheader("Content-Encoding") == "br":
            break
        assert answer.getheader("Content-Encoding") == "gzip"  # meanwhile
        time.sleep(0.5)
    assert answer.getheader("Content-Encoding") == "br"
    assert brotlicffi.decompress(body) == raw
    assert len(body) < len(_get(forms, path)[1])  # smaller than gzip


def wire_bytes(browser: Any, url: str, ready: str) -> tuple[int, int, int]:
    """Bytes on the wire for a first visit and for a reload, and the first visit's requests."""
    # A phone reaches the room's plain-HTTP address, where browsers offer gzip, not brotli.
    context = browser.new_context(
        viewport=PHONE, extra_http_headers={"Accept-Encoding": "gzip, deflate"}
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]),
    )
    try:
        page.goto(url)
        widgets_ready(page, ready)
        page.wait_for_load_state("networkidle")
        first, requests = sum(sizes.values()), len(sizes)
        sizes.clear()
        page.reload()
        widgets_ready(page, ready)
        page.wait_for_load_state("networkidle")
        return first, sum(sizes.values()), requests
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_phone_pulls_little_on_first_visit_and_almost_nothing_on_reload(
    browser: Any, servers: tuple[VoilaServer, VoilaServer], workspace_url: str
) -> None:
    _, forms = servers
    ws = Workspace.open(url=workspace_url)
    workshop = ws.load(ENGAGEMENT).engagement.workshops[0].id
    token = ws.invite(ENGAGEMENT, workshop, count=1)[0].token or ""
    first, reload, requests = wire_bytes(browser, forms.url(token=token), READY)
    assert first <= FIRST_VISIT_MAX, f"first visit {first} bytes in {requests} requests"
    assert reload <= RELOAD_MAX, f"reload {reload} bytes"
