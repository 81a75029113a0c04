"""A room of participants at once: real Voilà servers, one headless Chromium with many pages.

Baselines, measured in the same run: a bare Voilà notebook holding one
button (first paint, and its kernel's memory), served with the same config.
Then 10 and 30 participants open their invitation links at once, as the
bare pages were; once every page is interactive, each sends a pillar
proposal, then taps the vote in the activity selector (the form shows one
activity at a time) and spends a dot, all at the same moment (``--eager``:
each as soon as its page is). Printed: time until every page is
interactive (median, worst) against the bare pages', how long the room's
sends took, contributions stored against sent, memory per
participant kernel as a ratio to the bare kernel, median first paint as a
ratio to the bare notebook's, and the CPU and memory the browsers took.
First, what a stranger can cost the laptop: 50 requests with forged links
to the participants' server, the kernels they started (the gate answers
them itself: 0) and the server's memory before and after.
Last, the room as its phones see it (``_network.py``): every phone on its own
emulated crowded-room link, bytes on the wire per phone for a first visit and
a reload, time to interactive against a bare Voilà page's.

    .venv/bin/python benchmarks/bench_room.py             # everything (minutes)
    .venv/bin/python benchmarks/bench_room.py --stranger  # the stranger's cost alone (seconds)
    .venv/bin/python benchmarks/bench_room.py --network [--phones 10]  # the phones' view alone
    CXKIT_BENCH_ROOMS=40 .venv/bin/python benchmarks/bench_room.py --matrix  # the 2x2 round alone
    CXKIT_BENCH_ROOMS=40 .venv/bin/python benchmarks/bench_room.py --room  # the rooms alone
    ... --motion  # the simulated phones turn Voilà's spinner while they wait (see MOTION)
    ... --eager   # each phone sends as soon as its page is interactive (see EAGER)

The 2×2 matrix round (last, or alone with ``--matrix``): as many phones as the largest
room each place every action lead with + taps and send; placements stored against sent,
and how long after the last acknowledgement the projected view shows the final count.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import median_of
from _network import crowded_room
from playwright.async_api import TimeoutError as PlaywrightTimeout

from cxkit.apps.servers import (
    CONFIG_DIR,
    HEADLESS_CHROMIUM_ARGS,
    PHONE_VIEWPORT,
    VoilaServer,
    children,
    rss_bytes,
    start_server,
)
from cxkit.store import Workspace

BARE = Path(__file__).resolve().parent / "notebooks" / "bare.ipynb"
ENGAGEMENT = "horizon-mutuelle"
READY = "Que voudriez-vous que nos clients disent de nous"
VOTE = "Voter"  # the vote's button in the activity selector
ARGS = list(HEADLESS_CHROMIUM_ARGS)
PHONE = PHONE_VIEWPORT
EAGER = "--eager" in sys.argv
"""Each phone sends as soon as its page is interactive (by default: once the whole room is in).

The bare pages open and do nothing more; the forms open under the same load only when
none of them sends meanwhile, so by default the time to interactive compares like with
like, and the room's sends (all at once, a harder moment for the store) are timed after.
``--eager`` measures the opening while the first phones already send and switch to the
vote: the room's throughput, whose last page waits for the others' sends too."""
MOTION = "no-preference" if "--motion" in sys.argv else "reduce"
PHONE_OPTIONS: dict[str, object] = {"viewport": PHONE, "reduced_motion": MOTION}
"""The simulated phones ask for reduced motion (``--motion``: they do not), bare pages and forms alike.

Voilà's spinner turns until a page is drawn: forty turning spinners drawn in
software by the laptop's Chromium took a core (10 s of CPU in 10 s), work a
real room's phones do on their own processors. Counted here, it grew with
each page's wait and so with itself.
"""
TIMEOUT_MS = 180_000


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            out.append(child)
            todo.append(child)
    return out


def cpu_seconds(pids: list[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])
    return total / tick


def browser_pids() -> list[int]:
    found = []
    for pid in descendants(os.getpid()):
        try:
            if b"chrom" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            pass
    return found


async def first_paint(browser, url: str, text: str) -> float:  # type: ignore[no-untyped-def]
    context = await browser.new_context(**PHONE_OPTIONS)
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url)
    await page.get_by_text(text).first.wait_for(timeout=TIMEOUT_MS)
    took = time.perf_counter() - start
    await context.close()
    return took


async def kernel_rss(server: VoilaServer, browser, url: str, text: str) -> int:  # type: ignore[no-untyped-def]
    """RSS of the kernel of one open page, once the page is interactive."""
    before = set(server.kernel_pids())
    context = await browser.new_context(**PHONE_OPTIONS)
    page = await context.new_page()
    await page.goto(url)
    await page.get_by_text(text).first.wait_for(timeout=TIMEOUT_MS)
    await asyncio.sleep(1.0)
    new = [p for p in server.kernel_pids() if p not in before]
    rss = max((rss_bytes(p) for p in new), default=0)
    await context.close()
    return rss


class Arrivals:
    """A room's phones: how many may be opening at once, and the signal that all are in.

    A page that never becomes interactive counts as in, so the others do not wait forever.
    """

    def __init__(self, size: int, opening: int) -> None:
        self.size, self.ready, self.reloads = size, 0, 0
        self.opening = asyncio.Semaphore(opening)
        self.everyone = asyncio.Event()
        self.acting_from = 0.0

    def arrived(self) -> None:
        self.ready += 1
        if self.ready == self.size:
            self.acting_from = time.perf_counter()
            self.everyone.set()


async def participant(context, url: str, start: float, n: int, room: Arrivals):  # type: ignore[no-untyped-def]
    """Open the form and wait until interactive; once the whole room is in (``--eager``: at
    once), send a proposal, switch to the vote and vote.

    Returns (ready time, contributions sent, acknowledged at).
    """
    page = await context.new_page()
    try:
        await page.goto(url)
        await page.get_by_text(READY).first.wait_for()
    except PlaywrightTimeout:
        await stuck(page, f"form-{n}")
        room.arrived()
        return None, 0, 0.0
    ready = time.perf_counter() - start
    room.arrived()
    if not EAGER:
        await room.everyone.wait()
    area = page.locator(".cxkit-proposal textarea")
    await area.fill(f"Proposition de la personne {n}")
    await area.blur()
    await page.locator("button.cxkit-propose-send").click()
    await page.get_by_text("Merci, c'est enregistré.").wait_for()
    await page.locator(".cxkit-selector button", has_text=VOTE).click()
    # One dot with the + of the first candidate, answered before sending (as a thumb does).
    await page.locator("button.cxkit-step-plus").first.click()
    await page.locator(".cxkit-given").first.get_by_text("1 gommette").wait_for()
    await page.locator("button.cxkit-vote-send").click()
    await page.get_by_text("Il vous reste 4 gommettes à donner sur 5").wait_for()
    return ready, 2, time.perf_counter()


async def stuck(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A page that never became interactive: its screenshot and text, to see why."""
    folder = Path(tempfile.gettempdir()) / "cxkit-bench-stuck"
    folder.mkdir(exist_ok=True)
    with contextlib.suppress(Exception):
        await page.screenshot(path=str(folder / f"{name}.png"))
        (folder / f"{name}.txt").write_text(await page.locator("body").inner_text())
    print(f"  a page never became interactive: see {folder / name}.png")


async def bare_room(browser, bare: VoilaServer, size: int) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """The floor under a room: ``size`` bare Voilà pages (one button) opened at once.

    Returns (median, worst) seconds until each page shows its button, the browsers'
    CPU seconds and the server's and its kernels': what any Voilà page costs on this machine.
    """
    browsers = browser_pids()
    cpu_b0 = cpu_seconds(browsers)
    kernels_before = set(bare.kernel_pids())
    cpu_s0 = cpu_seconds([bare.process.pid, *kernels_before])
    context = await browser.new_context(**PHONE_OPTIONS)
    context.set_default_timeout(TIMEOUT_MS)
    start = time.perf_counter()

    async def one(n: int) -> float | None:
        page = await context.new_page()
        try:
            await page.goto(bare.url())
            await page.get_by_text("OK").first.wait_for()
        except PlaywrightTimeout:
            await stuck(page, f"bare-{n}")
            return None
        return time.perf_counter() - start

    times = await asyncio.gather(*(one(n) for n in range(size)))
    ready = [r for r in times if r is not None]
    if len(ready) < size:
        print(f"  bare pages never interactive: {size - len(ready)} of {size}")
    cpu_b = cpu_seconds(browser_pids()) - cpu_b0
    cpu_s = cpu_seconds([bare.process.pid, *bare.kernel_pids()]) - cpu_s0
    await context.close()
    await asyncio.sleep(2.0)  # let the bare kernels' start-up settle before the real room
    return statistics.median(ready), max(ready), cpu_b, cpu_s


async def room(
    browser, server: VoilaServer, ws: Workspace, workshop: str, size: int, bare: VoilaServer
) -> None:  # type: ignore[no-untyped-def]
    bare_median, bare_worst, bare_cpu, bare_server_cpu = await bare_room(browser, bare, size)
    invitations = ws.invite(ENGAGEMENT, workshop, count=size)
    before = len(ws.contributions(ENGAGEMENT, workshop))
    kernels_before = set(server.kernel_pids())
    browsers = browser_pids()
    cpu_b0 = cpu_seconds(browsers)
    cpu_s0 = cpu_seconds([server.process.pid, *server.kernel_pids()])
    # One context for the room: the simulated phones share Chromium's code cache, so the
    # browsers' CPU (a cost of the simulation, not of the server) does not drown the figures.
    context = await browser.new_context(**PHONE_OPTIONS)
    context.set_default_timeout(TIMEOUT_MS)
    arrivals = Arrivals(size, size)
    start = time.perf_counter()
    results = await asyncio.gather(
        *(
            participant(context, server.url(token=inv.token or ""), start, n, arrivals)
            for n, inv in enumerate(invitations)
        )
    )
    wall = time.perf_counter() - start
    last_ack = max(acked for _, _, acked in results)
    browsers = browser_pids()
    browser_rss = sum(rss_bytes(p) for p in browsers)
    cpu_b = cpu_seconds(browsers) - cpu_b0
    kernels = [p for p in server.kernel_pids() if p not in kernels_before]
    cpu_s = cpu_seconds([server.process.pid, *server.kernel_pids()]) - cpu_s0
    rss = [rss_bytes(p) for p in kernels]
    ready = [r for r, _, _ in results if r is not None]
    if len(ready) < size:
        print(f"  forms never interactive: {size - len(ready)} of {size}  LOST!")
    sent = sum(s for _, s, _ in results)
    stored = len(ws.contributions(ENGAGEMENT, workshop)) - before
    await context.close()
    print(f"-- room of {size}")
    print(
        f"  every page interactive: median {statistics.median(ready):5.1f} s, worst {max(ready):5.1f} s"
        + (
            f"  (all sent and acknowledged in {wall:.1f} s, each phone sending once its page was)"
            if EAGER
            else f"; then all {size} sent a proposal and a vote at once: every send"
            f" acknowledged {last_ack - arrivals.acting_from:.1f} s later"
        )
    )
    print(
        f"  baseline, {size} bare Voilà pages (one button) at once: median {bare_median:5.1f} s,"
        f" worst {bare_worst:5.1f} s, browsers' CPU {bare_cpu:5.1f} s,"
        f" Voilà server + kernels {bare_server_cpu:5.1f} s;"
        f" the form's worst is {max(ready) / bare_worst:4.2f}x the bare pages' worst"
    )
    print(f"  contributions stored {stored} / sent {sent}" + ("" if stored == sent else "  LOST!"))
    print(
        f"  participant kernels: {len(rss)}, median RSS {statistics.median(rss) / 2**20:5.1f} MB"
        f"  ratio {statistics.median(rss) / BARE_RSS:4.2f}x bare kernel"
    )
    print(
        f"  CPU during the room: browsers {cpu_b:5.1f} s, Voilà server + kernels {cpu_s:5.1f} s"
        f"  (browsers' share {cpu_b / max(cpu_b + cpu_s, 1e-9):4.0%}; 2 cores x {wall:.1f} s"
        f" = {2 * wall:.1f} s available)"
    )
    print(
        f"  browsers' memory (RSS, summed over Chromium processes): {browser_rss / 2**20:6.0f} MB"
    )


def _forged_get(forms: VoilaServer, n: int) -> int:
    query = f"token=forged-{n:04d}-forged-token" if n % 2 else f"room=forged-room-{n:04d}"
    connection = http.client.HTTPConnection("127.0.0.1", forms.port, timeout=60)
    try:
        connection.request("GET", f"/?{query}")
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


def stranger_cost(forms: VoilaServer, requests: int = 50) -> None:
    """Forged links from one address: kernels started and the server's memory, before and after.

    The first refusal loads the store into the server (once); the next ``requests`` show
    what each stranger's request costs on top.
    """
    kernels_before = len(forms.kernel_pids())
    rss_before = rss_bytes(forms.process.pid)
    _forged_get(forms, 9999)
    rss_warm = rss_bytes(forms.process.pid)
    statuses: dict[int, int] = {}
    start = time.perf_counter()
    for n in range(requests):
        status = _forged_get(forms, n)
        statuses[status] = statuses.get(status, 0) + 1
    elapsed = time.perf_counter() - start
    time.sleep(1.0)  # a kernel being started would show by now
    started = len(forms.kernel_pids()) - kernels_before
    rss_after = rss_bytes(forms.process.pid)
    print(f"== what a stranger can cost: {requests} requests with forged links")
    print(
        f"  answers {statuses} in {elapsed:4.2f} s ({1000 * elapsed / requests:4.1f} ms each);"
        f" kernels started by invalid requests: {started}"
    )
    print(
        f"  participants' server RSS: {rss_before / 2**20:5.1f} MB before,"
        f" {rss_warm / 2**20:5.1f} MB after the first refusal (the store, loaded once),"
        f" {rss_after / 2**20:5.1f} MB after {requests} more ({(rss_after - rss_warm) / 2**20:+5.1f} MB)"
    )


def bare_config(tmp: Path) -> Path:
    """The participants' server's settings without its gate (a bare notebook has no link to check)."""
    config = tmp / "bare-config"
    config.mkdir()
    shutil.copy(CONFIG_DIR / "participant" / "voila.json", config / "voila.json")
    (config / "voila.py").write_text(
        "from cxkit.apps.voila_config import configure\n"
        'configure(get_config(), "bare")  # noqa: F821\n'
    )
    return config


def phones_flag() -> int:
    """``--phones N``: how many phones the emulated room holds (10: a 2-core machine's share)."""
    if "--phones" in sys.argv:
        return int(sys.argv[sys.argv.index("--phones") + 1])
    return 10


async def phones_view(
    browser, forms: VoilaServer, bare: VoilaServer, ws: Workspace, workshop: str
) -> None:  # type: ignore[no-untyped-def]
    """The room on a crowded Wi-Fi (``_network.py``), after one warm visit to each server."""
    token = ws.invite(ENGAGEMENT, workshop, count=1)[0].token or ""
    await first_paint(browser, bare.url(), "OK")
    await first_paint(browser, forms.url(token=token), READY)
    invitations = ws.invite(ENGAGEMENT, workshop, count=phones_flag())
    missed = await crowded_room(
        browser,
        PHONE,
        [forms.url(token=inv.token or "") for inv in invitations],
        READY,
        bare.url(),
        "OK",
        TIMEOUT_MS,
    )
    print("  all targets met" if not missed else f"  targets missed: {len(missed)}")


# --- the 2×2 matrix round (``--matrix``): every phone places every lead -------------------

MATRIX_READY = "Placez les pistes d'action"
MATRIX_TIMEOUT_MS = 600_000  # 40 kernels on a shared 2-core machine
MATRIX_OPENING = 8
MATRIX_READY_MS = 120_000
MATRIX_RELOADS = 3
"""A page still blank after MATRIX_READY_MS is reloaded (counted and printed)."""
"""Phones opening their page at once; once all are in, they all place at the same time."""


def matrix_values(n: int, row: int) -> tuple[int, int]:
    """Phone ``n``'s (impact, ease) for its ``row``-th lead: spread over the whole matrix."""
    return 1 + (n + row) % 4, 1 + (3 * n + 2 * row) % 4


async def matrix_phone(context, url: str, start: float, n: int, room: Arrivals):  # type: ignore[no-untyped-def]
    """Open the matrix, wait for the whole room, place every lead with + taps, send.

    Returns (ready, placements sent, acknowledged at).
    """
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    page = await context.new_page()
    async with room.opening:  # phones arrive a few at a time (the room round measures arrival)
        await page.goto(url)
        for _ in range(MATRIX_RELOADS):
            try:
                await page.get_by_text(MATRIX_READY).first.wait_for(timeout=MATRIX_READY_MS)
                break
            except PlaywrightTimeout:  # a blank page: the person reloads it, as anyone would
                room.reloads += 1
                await page.reload()
        else:
            await page.get_by_text(MATRIX_READY).first.wait_for()
    ready = time.perf_counter() - start
    room.arrived()
    await room.everyone.wait()  # then the whole room places at once
    rows = page.locator(".cxkit-place-row")
    count = await rows.count()
    for row in range(count):
        lead = rows.nth(row)
        for axis, value in zip(("impact", "ease"), matrix_values(n, row), strict=True):
            for _ in range(value):  # taps in a row; the kernel answers them in order
                await lead.locator(f"button.cxkit-place-plus.cxkit-place-{axis}").click()
            shown = lead.locator(f".cxkit-place-value-{axis}")
            await shown.get_by_text(f"{value} sur 4").wait_for()
    await page.locator("button.cxkit-place-send").click()
    await page.get_by_text(f"Merci, vos {count} placements sont enregistrés.").wait_for()
    acked = time.perf_counter()
    await page.close()
    return ready, count, acked


async def matrix_round(
    browser, forms: VoilaServer, ws: Workspace, workshop: str, size: int
) -> None:  # type: ignore[no-untyped-def]
    """``size`` phones place every action lead at once; the projector follows (its own kernel's code).

    The phones open their pages :data:`MATRIX_OPENING` at a time (40 kernels starting
    at once is the room round's measure, not this one's), then all place and send at
    the same moment.

    The projected view runs here, in this process, as in the facilitator's kernel
    (:class:`~cxkit.apps.live_screen.ProjectionScreen`, re-read every second); a watcher
    notes when its HTML first shows the final count. Printed: placements stored against
    sent, the time from the last phone's acknowledgement to the screen showing the final
    count, and the projector's aggregate + HTML build time once everything is in.
    """
    import threading

    from cxkit.apps.live_local import LocalState
    from cxkit.apps.live_screen import ProjectionScreen
    from cxkit.typography import t_plural

    leads = len(ws.placements(ENGAGEMENT, workshop).leads)
    before = ws.placements(ENGAGEMENT, workshop).count
    local = LocalState("bench", Path(tempfile.mkdtemp(prefix="cxkit-bench-live-")) / "live.json")
    local.project(ENGAGEMENT, workshop, "placement")
    screen = ProjectionScreen(ws, ENGAGEMENT, local, "http://127.0.0.1:9/", "fr").start()
    final = t_plural("matrix.screen.placements", before + size * leads, "fr")
    seen: list[float] = []

    def watch() -> None:
        while not seen:
            if final in screen.widget.value:
                seen.append(time.perf_counter())
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    invitations = ws.invite(ENGAGEMENT, workshop, count=size, activities=["placement"])
    context = await browser.new_context(**PHONE_OPTIONS)
    context.set_default_timeout(MATRIX_TIMEOUT_MS)
    room = Arrivals(size, MATRIX_OPENING)
    start = time.perf_counter()
    results = await asyncio.gather(
        *(
            matrix_phone(context, forms.url(token=inv.token or ""), start, n, room)
            for n, inv in enumerate(invitations)
        )
    )
    last_ack = max(acked for _, _, acked in results)
    await context.close()
    watcher.join(timeout=30)
    screen.stop()
    sent = sum(placed for _, placed, _ in results)
    found = ws.placements(ENGAGEMENT, workshop)
    stored = found.count - before
    build = median_of(screen.html, 5)
    ready = [r for r, _, _ in results if r is not None]
    if len(ready) < size:
        print(f"  forms never interactive: {size - len(ready)} of {size}  LOST!")
    print(f"-- 2x2 matrix round: {size} phones, {leads} leads each")
    taps = sum(sum(matrix_values(n, row)) for n in range(size) for row in range(leads))
    print(
        f"  phones in (opening {MATRIX_OPENING} at a time): last ready after {max(ready):5.1f} s;"
        f" then all {size} placed at once: {taps} taps and {size} sends acknowledged in"
        f" {last_ack - room.acting_from:.1f} s; pages reloaded because blank: {room.reloads}"
    )
    print(f"  placements stored {stored} / sent {sent}" + ("" if stored == sent else "  LOST!"))
    if seen:
        late = seen[0] - last_ack
        print(
            f"  projector shows the final count {late:+5.2f} s after the last phone's"
            f" acknowledgement (re-read every 1 s; target <= 2 s)"
            + ("" if late <= 2 else "  TOO SLOW!")
        )
    else:
        print("  projector never showed the final count  MISSED!")
    print(
        f"  projector's aggregate + HTML build with {stored} placements: {build * 1000:6.1f} ms"
        f" (median of 5)"
    )


BARE_RSS = 1.0
ROOMS = tuple(int(n) for n in os.environ.get("CXKIT_BENCH_ROOMS", "10,30").split(","))


async def main() -> None:
    global BARE_RSS
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("chromium not found (Debian's chromium package)")
    tmp = Path(tempfile.mkdtemp(prefix="cxkit-bench-room-"))
    env = {f"JUPYTER_{k}_DIR": str(tmp / k.lower()) for k in ("RUNTIME", "DATA", "CONFIG")}
    url = f"sqlite:///{tmp / 'cxkit.db'}"
    env["CXKIT_DB_URL"] = url
    ws = Workspace.open(url=url)
    ws.ensure_demo()
    workshop = ws.load(ENGAGEMENT).engagement.workshops[0].id
    forms = start_server("participant", env=env, log_dir=tmp / "logs")
    if "--stranger" in sys.argv:
        try:
            stranger_cost(forms)
        finally:
            forms.stop()
            shutil.rmtree(tmp, ignore_errors=True)
        return
    if "--network" not in sys.argv and "--matrix" not in sys.argv:
        stranger_cost(forms)
    bare = start_server(
        "participant", target=BARE, env=env, log_dir=tmp / "logs", config_dir=bare_config(tmp)
    )
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=ARGS)
            if "--network" in sys.argv:
                await phones_view(browser, forms, bare, ws, workshop)
                return
            if "--matrix" in sys.argv:  # the 2x2 round alone (warm the forms server first)
                token = ws.invite(ENGAGEMENT, workshop, count=1)[0].token or ""
                await first_paint(browser, forms.url(token=token), READY)
                await matrix_round(browser, forms, ws, workshop, max(ROOMS))
                return
            # Warm both servers once (first page compiles templates, fills caches).
            token = ws.invite(ENGAGEMENT, workshop, count=1)[0].token or ""
            await first_paint(browser, bare.url(), "OK")
            await first_paint(browser, forms.url(token=token), READY)
            bare_paint, form_paint = [], []
            for _ in range(5):  # interleaved, so both see the same machine
                bare_paint.append(await first_paint(browser, bare.url(), "OK"))
                form_paint.append(await first_paint(browser, forms.url(token=token), READY))
            BARE_RSS = await kernel_rss(bare, browser, bare.url(), "OK")
            form_rss = await kernel_rss(forms, browser, forms.url(token=token), READY)
            print("== bench_room: participants' forms under a room's load")
            how = "forked from its zygote" if forms.zygote_pid() else "started the usual way"
            print(f"participants' kernels: {how} (CXKIT_FORK_KERNELS=0 starts them the usual way)")
            print(
                f"bare Voilà notebook (one button): first paint median {statistics.median(bare_paint):4.2f} s,"
                f" kernel RSS {BARE_RSS / 2**20:5.1f} MB"
            )
            print(
                f"participant form (one page alone): first paint median {statistics.median(form_paint):4.2f} s"
                f"  ratio {statistics.median(form_paint) / statistics.median(bare_paint):4.2f}x bare;"
                f" kernel RSS {form_rss / 2**20:5.1f} MB  ratio {form_rss / BARE_RSS:4.2f}x bare"
            )
            for size in ROOMS:
                await room(browser, forms, ws, workshop, size, bare)
            if "--room" in sys.argv:  # the rooms alone
                return
            await phones_view(browser, forms, bare, ws, workshop)
            await matrix_round(browser, forms, ws, workshop, max(ROOMS))
            await browser.close()
    finally:
        bare.stop()
        forms.stop()
        if os.environ.get("CXKIT_BENCH_KEEP"):
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
