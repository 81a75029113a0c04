"""The firm's deployment, for real: JupyterHub, its proxy, two consultants, one PostgreSQL.

``deploy/jupyterhub/jupyterhub_config.py`` is loaded as a firm would load it
(``jupyterhub_test_config.py`` beside this file adds a test authenticator,
the local-process spawner and loopback ports). A real JupyterHub starts a
real configurable-http-proxy, the participants' forms as its service, and
each consultant's server when they log in in a real headless Chromium. The
facilitator's live screen, reached through the hub, opens a room whose link
points at the service; three participants, with no account, join through
that link and propose; their proposals reach the consultant's screen and
PostgreSQL. The other consultant is refused the first one's pages.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from cxkit.apps.servers import children, free_port, rss_bytes
from cxkit.store import Workspace
from tests.apps.conftest import (
    PAGE_TIMEOUT_MS,
    PHONE,
    PROJECTOR,
    open_page,
    screenshot,
    widgets_ready,
)
from tests.conftest import ARTIFACTS, pg_schema, require, require_program

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
TEST_CONFIG = HERE / "jupyterhub_test_config.py"
ENGAGEMENT = "horizon-mutuelle"
FORMS_PREFIX = "/services/cxkit-forms/"
START_TIMEOUT = 90.0
PROPOSAL = "Ils nous répondent vite, même le samedi (participant {n})"


@dataclass
class Hub:
    """A running JupyterHub: its public address, process, folder and shared password."""

    url: str
    process: subprocess.Popen[bytes]
    folder: Path
    password: str
    db_url: str

    @property
    def log(self) -> str:
        return (self.folder / "jupyterhub.log").read_text(errors="replace")

    def processes(self) -> dict[str, list[int]]:
        """What runs under the hub, by role, read from /proc: proxy, servers, service, kernels."""
        roles: dict[str, list[int]] = {"hub": [self.process.pid]}
        parents: dict[int, str] = {}
        for pid in descendants(self.process.pid):  # parents before their children
            line = cmdline(pid)
            parent = parents.get(parent_of(pid), "")
            if parent == "kernel zygote":  # forked: it still shows its zygote's command line
                role = "participant kernel"
            elif "-m cxkit.apps.zygote" in line:
                role = "kernel zygote"  # the forms' kernels are forked from it
            elif "ipykernel" in line:
                role = "participant kernel" if parent == "forms voila" else "facilitator kernel"
            else:
                role = next((r for key, r in ROLES if key in line), "other")
            parents[pid] = role
            roles.setdefault(role, []).append(pid)
        return roles


ROLES = (
    ("configurable-http-proxy", "proxy"),
    ("cxkit forms", "forms service"),
    ("-m cxkit.apps.light", "forms voila"),  # cxkit's Voilà server (apps.servers)
    ("jupyterhub.singleuser", "single-user server"),
)


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    for child in children(pid):
        found += [child, *descendants(child)]
    return found


def parent_of(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat[stat.rfind(")") + 2 :].split()[1])


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def stop_hub(hub: Hub) -> list[str]:
    """Stop the hub as an administrator would (SIGTERM); it stops what it started.

    Returns what was still running afterwards (and ends it), so a test can
    say so instead of leaving it behind.
    """
    started = descendants(hub.process.pid)
    if hub.process.poll() is None:
        hub.process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            hub.process.wait(30)
    left = [pid for pid in started if Path(f"/proc/{pid}").exists() and cmdline(pid)]
    described = [f"{pid}: {cmdline(pid)}" for pid in left]
    for pid in [hub.process.pid, *left]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        hub.process.wait(10)
    return described


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    require_program("configurable-http-proxy")
    require(importlib.util.find_spec("jupyterhub") is not None, "JupyterHub (the 'test' extra)")
    folder = tmp_path_factory.mktemp("jupyterhub")
    with pg_schema() as db_url:
        Workspace.open(url=db_url).ensure_demo()
        public = free_port()
        password = secrets.token_urlsafe(12)
        env = {
            **os.environ,
            "CXKIT_DB_URL": db_url,
            "CXKIT_PUBLIC_URL": f"http://127.0.0.1:{public}",
            "CXKIT_FORMS_PORT": str(free_port()),
            "CXKIT_TEST_HUB_DIR": str(folder),
            "CXKIT_TEST_HUB_PUBLIC_PORT": str(public),
            "CXKIT_TEST_HUB_HUB_PORT": str(free_port()),
            "CXKIT_TEST_HUB_API_PORT": str(free_port()),
            "CXKIT_TEST_HUB_PASSWORD": password,
            "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(16),
        }
        for name in ("RUNTIME", "DATA", "CONFIG"):
            env[f"JUPYTER_{name}_DIR"] = str(folder / f"jupyter-{name.lower()}")
        for name in ("CXKIT_LANG", "CXKIT_FORMS_URL"):
            env.pop(name, None)
        with open(folder / "jupyterhub.log", "wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(TEST_CONFIG)],
                cwd=folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        running = Hub(f"http://127.0.0.1:{public}", process, folder, password, db_url)
        try:
            wait_until_serving(running)
            yield running
        finally:
            left = stop_hub(running)
        assert not left, f"still running after the hub stopped: {left}"


def wait_until_serving(hub: Hub) -> None:
    """Until the hub answers through its proxy and the forms service is routed there."""
    deadline = time.monotonic() + START_TIMEOUT
    probes = (f"{hub.url}/hub/health", f"{hub.url}{FORMS_PREFIX}voila/static/voila.js")
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            pytest.fail(f"JupyterHub stopped:\n{hub.log[-4000:]}")
        if all(http_status(url) == 200 for url in probes):
            return
        time.sleep(0.25)
    pytest.fail(f"JupyterHub did not serve within {START_TIMEOUT} s:\n{hub.log[-4000:]}")


def log_in(browser: Any, hub: Hub, user: str, then: str) -> Any:
    """A consultant's browser: the hub's login form, then ``then`` (their server spawns first)."""
    page = open_page(
        browser, f"{hub.url}/hub/login?next={quote(then, safe='')}", viewport=PROJECTOR
    )
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(hub.password)
    page.locator("#login_submit").click()
    return page


def phone_on(browser: Any, url: str) -> Any:
    """A participant's phone starting to load ``url`` (not waiting: the phones load together)."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    return page


def tab_beside(page: Any, url: str) -> Any:
    """Another tab of the same browser (its hub cookies included), loading ``url``."""
    tab = page.context.new_page()
    tab.set_viewport_size(PHONE)
    tab.goto(url, wait_until="commit")
    return tab


class Clock:
    """How long each step took, for the report (the machine is shared: no assertion on it)."""

    def __init__(self) -> None:
        self.start = self.last = time.monotonic()
        self.laps: list[str] = []

    def lap(self, what: str) -> None:
        now = time.monotonic()
        self.laps.append(f"{now - self.last:5.1f} s  {what}")
        self.last = now


def megabytes(pids: list[int]) -> str:
    return " + ".join(f"{rss_bytes(pid) / 2**20:.0f}" for pid in pids) + " MB"


def test_consultants_and_participants_through_one_hub(browser: Any, hub: Hub) -> None:
    clock = Clock()
    ws = Workspace.open(url=hub.db_url)
    # A client's name only this database holds: whoever shows it reads this PostgreSQL.
    stored = ws.load(ENGAGEMENT)
    edited = stored.engagement.model_copy(deep=True)
    client = f"Horizon Mutuelle {secrets.token_hex(3)}"
    edited.engagement.client = client
    ws.save(edited, author="it", base_revision=stored.revision.number)
    workshop = edited.workshops[0].id
    live_path = f"voila/render/live.ipynb?engagement={ENGAGEMENT}"

    # Two consultants log in; each gets a server of their own from the hub, on the same database.
    alice = log_in(browser, hub, "alice", f"/hub/user-redirect/{live_path}")
    bob = log_in(browser, hub, "bob", "/hub/user-redirect/voila/render/home.ipynb")
    alice.wait_for_url(re.compile(r"/user/alice/voila/render/live\.ipynb"), timeout=120_000)
    widgets_ready(alice, "Ouvrir le lien de la salle")
    bob.wait_for_url(re.compile(r"/user/bob/voila/render/home\.ipynb"), timeout=120_000)
    widgets_ready(bob, client)
    assert len(hub.processes()["single-user server"]) == 2
    clock.lap("two consultants logged in, their servers up")
    # Their server holds cxkit's notebooks, for JupyterLab too.
    listing = alice.request.get(f"{hub.url}/user/alice/api/contents")
    assert listing.status == 200
    names = {item["name"] for item in listing.json()["content"]}
    assert {"home.ipynb", "live.ipynb", "participant.ipynb"} <= names

    # The room link the live screen projects points at the forms service, through the hub.
    alice.locator("button.cxkit-room-open").click()
    link_el = alice.locator(".cxkit-room a").first
    link_el.wait_for()
    link = link_el.get_attribute("href")
    assert link and link.startswith(f"{hub.url}{FORMS_PREFIX}?room="), link
    assert alice.locator(".cxkit-room svg").count() == 1
    screenshot(alice, "hub-live-room")
    clock.lap("room opened on the live screen")

    # Two participants, with no account, scan it at once, join and propose; so does the
    # consultant, in a tab beside the live screen, to try the link (the hub's cookies there).
    phones = [phone_on(browser, link), phone_on(browser, link), tab_beside(alice, link)]
    sent = []
    for n, phone in enumerate(phones, 1):
        widgets_ready(phone, "Rejoindre l'atelier")
        assert urlsplit(phone.url).path == FORMS_PREFIX  # not sent to the hub's login
        phone.locator("button.cxkit-room-join").click()
        personal = phone.locator("a.cxkit-personal-link")
        personal.wait_for()
        if n == 1:  # their personal link works behind the hub's prefix too
            personal.click()
            phone.wait_for_url(lambda url: "token=" in url and FORMS_PREFIX in url)
        widgets_ready(phone, "Que voudriez-vous que nos clients disent de nous")
        proposal = PROPOSAL.format(n=n)
        phone.locator(".cxkit-proposal textarea").fill(proposal)
        phone.locator(".cxkit-proposal textarea").blur()
        phone.locator("button.cxkit-propose-send").click()
        sent.append(proposal)
    for phone in phones:
        phone.get_by_text("Merci, c'est enregistré.").wait_for()
    screenshot(phones[-1], "hub-participant")
    clock.lap("three participants joined and proposed")

    # On the consultant's live screen, and in PostgreSQL.
    for proposal in sent:
        alice.locator(".cxkit-proposals").get_by_text(proposal).wait_for()
    screenshot(alice, "hub-live-results")
    texts = {c.text for c in ws.contributions(ENGAGEMENT, workshop)}
    assert set(sent) <= texts
    assert ws.room(link.split("room=", 1)[1]).joined == 3
    clock.lap("proposals on the live screen and in PostgreSQL")

    # The second consultant cannot open the first one's pages (nor start a kernel there).
    kernels_before = set(hub.processes().get("facilitator kernel", []))
    answer = bob.goto(f"{hub.url}/user/alice/{live_path}")
    assert answer is not None and answer.status == 403, (answer and answer.status, bob.url)
    assert "/user/alice/" not in urlsplit(bob.url).path
    assert bob.get_by_text("Ouvrir le lien de la salle").count() == 0
    # No new kernel (a closed page's may have ended meanwhile: closing shuts it down).
    assert set(hub.processes().get("facilitator kernel", [])) <= kernels_before

    clock.lap("the other consultant refused")

    report_memory(hub, clock)
    for page in (alice, bob, *phones[:2]):
        page.context.close()


def report_memory(hub: Hub, clock: Clock) -> None:
    """What each part costs, resident memory read from /proc (quoted in the deployment's README)."""
    roles = hub.processes()
    lines = [f"{role}: {megabytes(pids)}" for role, pids in sorted(roles.items())]
    text = "\n".join([*lines, "", *clock.laps])
    (ARTIFACTS / "deploy").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "deploy" / "jupyterhub-memory.txt").write_text(text + "\n")
    print("\n" + text)
    for role in (
        "proxy",
        "forms service",
        "forms voila",
        "single-user server",
        "facilitator kernel",
        "kernel zygote",
        "participant kernel",
    ):
        assert roles.get(role), f"no {role} found under the hub: {roles}"
