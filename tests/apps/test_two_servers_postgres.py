"""The path past one machine, shown on one: two participants' servers on one PostgreSQL.

Each Voilà server keeps nothing of its own (a kernel per page, its state in
the database), so a firm adds servers for a bigger room; here two
participants' servers on two ports serve one workshop, and what arrives
through either reaches the facilitator's live screen.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import (
    PHONE,
    PROJECTOR,
    open_page,
    screenshot,
    start_pair,
    stop_all,
    widgets_ready,
)
from tests.conftest import require_postgres

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A database of its own on CI's PostgreSQL server, dropped afterwards."""
    base = require_postgres()
    name = f"cxkit_apps_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def pg_servers(
    pg_url: str, jupyter_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[VoilaServer, list[VoilaServer]]]:
    Workspace.open(url=pg_url).ensure_demo()
    logs: Path = tmp_path_factory.mktemp("pg-logs")
    facilitator, forms = start_pair(jupyter_env, pg_url, logs, participants=2)
    yield facilitator, forms
    stop_all([facilitator, *forms])


def test_contributions_through_either_server_reach_the_live_screen(
    browser: Any, pg_url: str, pg_servers: tuple[VoilaServer, list[VoilaServer]]
) -> None:
    facilitator, forms = pg_servers
    assert len({s.port for s in forms}) == 2
    ws = Workspace.open(url=pg_url)
    workshop = ws.load(ENGAGEMENT).engagement.workshops[0].id
    invitations = ws.invite(ENGAGEMENT, workshop, count=2)
    live = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=PROJECTOR
    )
    widgets_ready(live, "Ouvrir le lien de la salle")
    sent = []
    for n, (server, invitation) in enumerate(zip(forms, invitations, strict=True), 1):
        assert invitation.token
        phone = open_page(browser, server.url(token=invitation.token), viewport=PHONE)
        widgets_ready(phone, "Que voudriez-vous que nos clients disent de nous")
        proposal = f"Proposition via le serveur {n} ({server.port})"
        phone.locator(".cxkit-proposal textarea").fill(proposal)
        phone.locator(".cxkit-proposal textarea").blur()
        phone.locator("button.cxkit-propose-send").click()
        phone.get_by_text("Merci, c'est enregistré.").wait_for()
        sent.append(proposal)
        phone.context.close()
    for proposal in sent:
        live.locator(".cxkit-proposals").get_by_text(proposal).wait_for()
    screenshot(live, "live-two-servers-postgres")
    stored = {c.text for c in ws.contributions(ENGAGEMENT, workshop)}
    assert set(sent) <= stored
    live.context.close()
