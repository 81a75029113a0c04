"""The room as its phones see it: bytes on the wire and time to interactive on a crowded Wi-Fi.

Used by ``bench_room.py``. Each simulated phone has its own browser context
(its own cache, as real phones do) and Chromium's network emulation
(``Network.emulateNetworkConditions``) at :data:`CROWDED_ROOM`; bytes are
what the DevTools Protocol counts on the wire (``encodedDataLength``: headers
and compressed bodies), for a first visit and then a reload.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

CROWDED_ROOM = {
    "offline": False,
    "latency": 150,  # ms of round trip, on top of the loopback's
    "downloadThroughput": 1_600_000 / 8,  # bytes/s: 1.6 Mbit/s down
    "uploadThroughput": 750_000 / 8,  # 0.75 Mbit/s up
    "connectionType": "wifi",
}
"""Each phone's share of a crowded room: 1.6 Mbit/s down, 0.75 up, 150 ms round trip (about
what 40 phones get of a 60 Mbit/s access point, or 10 of a 4G hotspot)."""
ROOM_HEADERS = {"Accept-Encoding": "gzip, deflate"}
"""What a phone sends to the room's plain-HTTP address: browsers offer brotli (and zstd) only to
secure origins, which 127.0.0.1 is and 192.168.x.y is not; behind a hub's HTTPS they get brotli."""
PROFILE = "1.6 Mbit/s down, 0.75 Mbit/s up, 150 ms RTT per phone"
FIRST_VISIT_MAX = 1_500_000
RELOAD_MAX = 150_000
TTI_RATIO_MAX = 1.3


@dataclass
class Visit:
    """One phone's figures: seconds to interactive and bytes on the wire, first visit and reload."""

    tti: float
    first_bytes: int
    first_requests: int
    reload_tti: float
    reload_bytes: int


async def phone(
    browser: Any, viewport: dict[str, int], url: str, ready: str, timeout_ms: int
) -> Visit:
    """Open ``url`` as a new phone on the crowded room's network, then reload it."""
    context = await browser.new_context(viewport=viewport, extra_http_headers=ROOM_HEADERS)
    context.set_default_timeout(timeout_ms)
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.emulateNetworkConditions", CROWDED_ROOM)
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]),
    )

    async def visit(go: Any) -> tuple[float, int, int]:
        sizes.clear()
        start = time.perf_counter()
        await go()
        await page.get_by_text(ready).first.wait_for(state="visible")
        took = time.perf_counter() - start
        await asyncio.sleep(1.0)  # requests still finishing are the visit's too
        return took, sum(sizes.values()), len(sizes)

    try:
        tti, first, requests = await visit(lambda: page.goto(url))
        reload_tti, reload, _ = await visit(page.reload)
        return Visit(tti, first, requests, reload_tti, reload)
    finally:
        await context.close()


async def room(
    browser: Any, viewport: dict[str, int], urls: list[str], ready: str, timeout_ms: int
) -> list[Visit]:
    """Every phone opens its page at once (each with its own emulated link)."""
    return list(
        await asyncio.gather(*(phone(browser, viewport, u, ready, timeout_ms) for u in urls))
    )


def report(label: str, visits: list[Visit]) -> None:
    """Per phone, then medians."""
    print(f"  {label}: per phone (first visit / reload)")
    for n, v in enumerate(visits, 1):
        print(
            f"    phone {n:2d}: {v.first_bytes / 1e6:5.3f} MB in {v.first_requests:3d} requests,"
            f" interactive after {v.tti:5.1f} s; reload {v.reload_bytes / 1e3:6.1f} KB,"
            f" interactive after {v.reload_tti:5.1f} s"
        )


def verdict(form: list[Visit], bare: list[Visit]) -> list[str]:
    """The issue's three targets, each with its figure; failures listed."""
    first = max(v.first_bytes for v in form)
    reload = max(v.reload_bytes for v in form)
    form_tti = statistics.median(v.tti for v in form)
    bare_tti = statistics.median(v.tti for v in bare)
    ratio = form_tti / bare_tti
    lines = [
        (
            first <= FIRST_VISIT_MAX,
            f"first visit, worst phone: {first / 1e6:5.3f} MB (target <= 1.5 MB)",
        ),
        (reload <= RELOAD_MAX, f"reload, worst phone: {reload / 1e3:6.1f} KB (target <= 150 KB)"),
        (
            ratio <= TTI_RATIO_MAX,
            f"time to interactive, median: form {form_tti:5.1f} s, bare Voilà page {bare_tti:5.1f} s,"
            f" ratio {ratio:4.2f}x (target <= {TTI_RATIO_MAX}x)",
        ),
    ]
    for ok, text in lines:
        print(f"  {'ok  ' if ok else 'MISS'} {text}")
    return [text for ok, text in lines if not ok]


async def crowded_room(
    browser: Any,
    viewport: dict[str, int],
    form_urls: list[str],
    form_ready: str,
    bare_url: str,
    bare_ready: str,
    timeout_ms: int,
) -> list[str]:
    """A bare Voilà page (one button), then the form, each opened by every phone at once.

    Returns the targets missed (empty when all are met).
    """
    print(f"== the room as its phones see it: {len(form_urls)} phones, each at {PROFILE}")
    bare = await room(browser, viewport, [bare_url] * len(form_urls), bare_ready, timeout_ms)
    form = await room(browser, viewport, form_urls, form_ready, timeout_ms)
    report("bare Voilà page (one button)", bare)
    report("participant's form", form)
    return verdict(form, bare)
