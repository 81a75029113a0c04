"""A long day does not exhaust memory: the kernels of closed tabs are culled, open ones are not.

A page closed normally shuts its kernel down (its closing beacon, which
cxkit's pre-launch hook makes pass its XSRF check: see test_gate.py); a tab
that goes without it (a phone's browser killed, its network gone, a context
closed here) leaves its kernel running, so the participants' server culls
idle kernels that no page is connected to. This runs the shipped configuration
with the timeouts shortened, against a real server and a real Chromium.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxkit.apps.servers import CONFIG_DIR, VoilaServer, start_server
from cxkit.store import Workspace
from tests.apps.conftest import PHONE, open_page, widgets_ready
from tests.apps.conftest import parent_of as _parent
from tests.apps.conftest import wait_until as _wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
READY = "Que voudriez-vous que nos clients disent de nous"
IDLE_S = 10
"""Longer than a loaded machine takes to load a page's scripts after its kernel ran the
notebook: before the page connects, its kernel has no connection and could be culled."""


@pytest.fixture
def culling_server(
    jupyter_env: dict[str, str], workspace_url: str, tmp_path: Path
) -> Iterator[VoilaServer]:
    """The participants' server with its shipped settings, idle timeout cut to seconds."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR / "participant", config)  # voila.json and voila.py (the gate)
    shipped = json.loads((config / "voila.json").read_text())
    culling = shipped["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and culling["cull_connected"] is False
    culling.update(cull_idle_timeout=IDLE_S, cull_interval=1)
    (config / "voila.json").write_text(json.dumps(shipped))
    server = start_server(
        "participant",
        env={**jupyter_env, "CXKIT_DB_URL": workspace_url},
        log_dir=tmp_path / "logs",
        config_dir=config,
    )
    yield server
    server.stop()


def test_a_closed_tabs_kernel_is_culled_and_an_open_ones_is_kept(
    browser: Any, workspace_url: str, culling_server: VoilaServer
) -> None:
    with Workspace.open(url=workspace_url) as ws:
        staying, leaving = ws.invite(ENGAGEMENT, "atelier-1", count=2)
    pages = []
    for invitation in (staying, leaving):
        page = open_page(browser, culling_server.url("", token=invitation.token), viewport=PHONE)
        widgets_ready(page, READY)
        pages.append(page)
    assert _wait_for(lambda: len(culling_server.kernel_pids()) == 2, 30)
    # The shipped settings fork the pages' kernels from the server's zygote: those are culled.
    assert culling_server.zygote_pid() is not None
    assert {_parent(pid) for pid in culling_server.kernel_pids()} == {culling_server.zygote_pid()}
    kept_page, closed_page = pages
    kept_kernel = set(culling_server.kernel_pids())

    closed_page.context.close()  # the participant closes the tab; the kernel stays (voila#1458)

    assert _wait_for(lambda: len(culling_server.kernel_pids()) == 1, IDLE_S + 30), (
        culling_server.log_tail()
    )
    (survivor,) = culling_server.kernel_pids()
    assert survivor in kept_kernel
    time.sleep(IDLE_S + 2)  # well past the idle timeout: a connected page's kernel is never culled
    assert culling_server.kernel_pids() == [survivor]
    kept_page.get_by_text(READY).first.wait_for(state="visible")
    kept_page.context.close()
