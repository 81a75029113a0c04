"""One phone page against one bare Voilà page, in headless Chromium with CDP: where a room's cost is.

``bench_room.py`` says how long a room of phones takes; this says why, one page at a
time. Each variant opens pages (3 by default) on the real participants' server and
prints, at first paint (the form's first question drawn, or the bare page's button),
after a participant's actions (a proposal sent, a dot given and sent) and after 3 s
of idleness: the page's main-thread CPU (``Performance.getMetrics``: TaskDuration,
ScriptDuration, layouts, style recalculations, DOM nodes), the kernel's websocket
frames by message type (one ``comm_open`` is one widget model the page receives), and
the page's kernel RSS, and the CPU of all Chromium's processes (the browser process's
and the network service's work is not in the page's metrics).

Variants switch one suspect off, in the browser, before the page's scripts run:
``nophonejs`` (the phone's script: lost connection, counters, drafts),
``noobserver`` (every MutationObserver), ``noa11y`` and ``nophonecss`` (the two
stylesheets). ``--cands N`` first stores N proposals from other participants, as
in a room where everyone proposed before voting.

    .venv/bin/python -u benchmarks/profile_phone.py bare full --act --cands 40
    .venv/bin/python -u benchmarks/profile_phone.py full nophonejs noobserver noa11y nophonecss --act
    .venv/bin/python -u benchmarks/profile_phone.py bare full --act --shared  # as in a room

``--shared`` opens each variant's pages in one browser context, as ``bench_room.py``
does (the scripts compiled once); its first page only warms the context.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_room import (
    ARGS,
    BARE,
    ENGAGEMENT,
    PHONE,
    READY,
    VOTE,
    bare_config,
    browser_pids,
    cpu_seconds,
    first_paint,
)

from cxkit.apps.servers import VoilaServer, rss_bytes, start_server
from cxkit.store import Workspace

METRICS = (
    "TaskDuration",
    "ScriptDuration",
    "LayoutDuration",
    "RecalcStyleDuration",
    "LayoutCount",
    "RecalcStyleCount",
    "Nodes",
)


def _without_style(marker: str) -> str:
    return (
        "document.addEventListener('DOMContentLoaded', function () {"
        " document.querySelectorAll('style').forEach(function (s) {"
        f" if (s.textContent.indexOf({json.dumps(marker)}) >= 0) s.remove(); }}); }});"
    )


SWITCHED_OFF = {
    "nophonejs": "window.cxkitPhone = {};",  # the phone's script returns at once when it is set
    "noobserver": (
        "window.MutationObserver = function () {"
        " return { observe: function () {}, disconnect: function () {} }; };"
    ),
    "noa11y": _without_style("--jp-widgets-inline-height: 2.25rem"),
    "nophonecss": _without_style("cxkit phone: thumbs"),
}


class Frames:
    """The kernel websocket's frames, counted by direction and Jupyter message type."""

    def __init__(self) -> None:
        self.types: dict[str, int] = {}
        self.received = 0
        self.bytes_received = 0

    def count(self, direction: str, payload: str | bytes) -> None:
        head = payload[:4000] if isinstance(payload, str) else payload[:4000].decode("latin-1")
        found = re.search(r'"msg_type":\s*"(\w+)"', head)
        kind = f"{direction}:{found.group(1) if found else '?'}"
        self.types[kind] = self.types.get(kind, 0) + 1
        if direction == "in":
            self.received += 1
            self.bytes_received += len(payload)


async def act(page: Any) -> None:
    """What each phone of ``bench_room.py`` does once its form is drawn."""
    area = page.locator(".cxkit-proposal textarea")
    await area.fill("Une proposition")
    await area.blur()
    await page.locator("button.cxkit-propose-send").click()
    await page.get_by_text("Merci, c'est enregistré.").wait_for()
    await page.locator(".cxkit-selector button", has_text=VOTE).click()
    await page.locator("button.cxkit-step-plus").first.click()
    await page.locator(".cxkit-given").first.get_by_text("1 gommette").wait_for()
    await page.locator("button.cxkit-vote-send").click()
    await page.get_by_text("Il vous reste 4 gommettes à donner sur 5").wait_for()


async def metrics(cdp: Any) -> dict[str, float]:
    answer = await cdp.send("Performance.getMetrics")
    return {m["name"]: m["value"] for m in answer["metrics"]}


async def one_page(
    browser: Any,
    server: VoilaServer,
    url: str,
    text: str,
    variant: str,
    acting: bool,
    shared: Any = None,
) -> dict[str, Any]:
    """One page in a context of its own, or in ``shared`` (a room's: scripts already compiled)."""
    before = set(server.kernel_pids())
    cpu_before = cpu_seconds(browser_pids())
    context = shared or await browser.new_context(viewport=PHONE)
    page = await context.new_page()
    if variant in SWITCHED_OFF:
        await page.add_init_script(SWITCHED_OFF[variant])
    frames = Frames()
    page.on(
        "websocket",
        lambda ws: (
            ws.on("framereceived", lambda p: frames.count("in", p)),
            ws.on("framesent", lambda p: frames.count("out", p)),
        ),
    )
    cdp = await context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    start = time.perf_counter()
    await page.goto(url)
    await page.get_by_text(text).first.wait_for(timeout=180_000)
    found: dict[str, Any] = {"tti": time.perf_counter() - start, "ready": await metrics(cdp)}
    found["frames_ready"] = frames.received
    if acting:
        await act(page)
        found["acted"] = await metrics(cdp)
    await asyncio.sleep(3.0)
    found["idle"] = await metrics(cdp)
    kernels = [p for p in server.kernel_pids() if p not in before]
    found["kernel_rss"] = max((rss_bytes(p) for p in kernels), default=0)
    found["frames"] = frames
    found["browser_cpu"] = cpu_seconds(browser_pids()) - cpu_before  # every Chromium process
    await (page.close() if shared else context.close())
    return found


def show(variant: str, runs: list[dict[str, Any]]) -> None:
    def median(stage: str, name: str) -> float:
        return statistics.median(r[stage].get(name, 0.0) for r in runs)

    def line(stage: str) -> str:
        return " ".join(
            f"{n}={median(stage, n):.3f}" if "Duration" in n else f"{n}={median(stage, n):.0f}"
            for n in METRICS
        )

    last = runs[-1]["frames"]
    print(f"== {variant}: first paint median {statistics.median(r['tti'] for r in runs):.2f} s")
    print(f"  at first paint: {line('ready')}")
    if "acted" in runs[0]:
        print(f"  after acting:   {line('acted')}")
    print(f"  3 s later:      {line('idle')}")
    print(
        f"  frames received: {runs[-1]['frames_ready']} to first paint, {last.received} in all"
        f" ({last.bytes_received / 1024:.0f} KB); by type {dict(sorted(last.types.items()))}"
    )
    rss = statistics.median(r["kernel_rss"] for r in runs)
    cpu = statistics.median(r["browser_cpu"] for r in runs)
    print(
        f"  kernel RSS at the end: {rss / 2**20:.1f} MB; CPU of all Chromium processes {cpu:.2f} s"
    )


def option(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


async def main() -> None:
    from playwright.async_api import async_playwright

    flags = {"--cands", "--repeat"}
    values = {sys.argv[i + 1] for i, a in enumerate(sys.argv) if a in flags}
    variants = [a for a in sys.argv[1:] if not a.startswith("--") and a not in values]
    variants = variants or ["bare", "full"]
    acting, repeat, candidates = "--act" in sys.argv, option("--repeat", 3), option("--cands", 0)
    tmp = Path(tempfile.mkdtemp(prefix="cxkit-profile-phone-"))
    env = {f"JUPYTER_{k}_DIR": str(tmp / k.lower()) for k in ("RUNTIME", "DATA", "CONFIG")}
    env["CXKIT_DB_URL"] = url = f"sqlite:///{tmp / 'cxkit.db'}"
    ws = Workspace.open(url=url)
    ws.ensure_demo()
    workshop = ws.load(ENGAGEMENT).engagement.workshops[0].id
    for n, invitation in enumerate(ws.invite(ENGAGEMENT, workshop, count=candidates or 1)):
        if candidates:
            session = ws.participant(invitation.token or "")
            session.submit("pillar-proposal", text=f"Proposition {n} d'une autre personne")
    forms = start_server("participant", env=env, log_dir=tmp / "logs")
    bare = start_server(
        "participant", target=BARE, env=env, log_dir=tmp / "logs", config_dir=bare_config(tmp)
    )
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            token = ws.invite(ENGAGEMENT, workshop, count=1)[0].token or ""
            await first_paint(browser, bare.url(), "OK")  # warm both servers once
            await first_paint(browser, forms.url(token=token), READY)
            for variant in variants:
                runs = []
                shared = (
                    await browser.new_context(viewport=PHONE) if "--shared" in sys.argv else None
                )
                for n in range(
                    repeat + (1 if shared else 0)
                ):  # a shared context's first page warms it
                    if variant == "bare":
                        found = await one_page(
                            browser, bare, bare.url(), "OK", variant, False, shared
                        )
                    else:
                        token = ws.invite(ENGAGEMENT, workshop, count=1)[0].token or ""
                        url = forms.url(token=token)
                        found = await one_page(browser, forms, url, READY, variant, acting, shared)
                    if n or not shared:
                        runs.append(found)
                if shared:
                    await shared.close()
                show(variant, runs)
            await browser.close()
    finally:
        bare.stop()
        forms.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
