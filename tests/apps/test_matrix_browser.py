"""The 2×2 matrix in a real Chromium: a 375 px phone places two leads, the projector shows the
medians at 1280×720, and the facilitator's one click makes a new revision with the priorities.

Its own servers and workspace: the apply writes a revision, which the other
browser tests, sharing theirs, must not see happen under them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxkit.apps.servers import VoilaServer
from cxkit.store import Workspace
from tests.apps.conftest import (
    PHONE,
    open_page,
    screenshot,
    start_pair,
    stop_all,
    widgets_ready,
)
from tests.apps.test_browser import fits_the_phone
from tests.apps.test_live_screen import HD, LAPTOP, fits_the_projector, project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGAGEMENT = "horizon-mutuelle"
MATRIX = "Matrice impact × facilité"
SUIVI, VOTE = "Suivi du remboursement", "Les membres votent"


@pytest.fixture
def own_pair(
    jupyter_env: dict[str, str], tmp_path: Path
) -> Iterator[tuple[Workspace, VoilaServer, VoilaServer]]:
    url = f"sqlite:///{tmp_path / 'cxkit.db'}"
    ws = Workspace.open(url=url)
    ws.ensure_demo()
    facilitator, forms = start_pair(jupyter_env, url, tmp_path / "logs")
    yield ws, facilitator, forms[0]
    stop_all([facilitator, *forms])
    ws.close()


def tap(page: Any, row: int, axis: str, count: int) -> None:
    """Tap + ``count`` times on one axis of a lead's row, each tap answered before the next."""
    lead = page.locator(".cxkit-place-row").nth(row)
    for n in range(1, count + 1):
        lead.locator(f"button.cxkit-place-plus.cxkit-place-{axis}").click()
        lead.locator(f".cxkit-place-value-{axis}").get_by_text(f"{n} sur 4").wait_for()


def test_a_phone_places_two_leads_the_screen_shows_medians_apply_writes_priorities(
    browser: Any, own_pair: tuple[Workspace, VoilaServer, VoilaServer]
) -> None:
    ws, facilitator, forms = own_pair
    workshop = ws.load(ENGAGEMENT).engagement.workshops[0]
    controls = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=LAPTOP
    )
    widgets_ready(controls, "Ouvrir le lien de la salle")
    controls.locator(".cxkit-workshop select").select_option(label=workshop.title)

    # The facilitator unfolds the matrix panel and keeps two leads for the round.
    panel = controls.locator(".cxkit-matrix-panel")
    panel.get_by_text(MATRIX).first.click()
    panel.locator(".cxkit-matrix-leads > div").first.wait_for()
    for row in panel.locator(".cxkit-matrix-leads > div").all():
        text = row.inner_text()
        box = row.locator("input[type=checkbox]")
        box.check() if (SUIVI in text or VOTE in text) else box.uncheck()
    panel.locator("button.cxkit-matrix-set").click()
    controls.locator(".cxkit-live-status").get_by_text("La matrice place 2 pistes").wait_for()

    # A phone at 375 px places both leads with its thumbs, by title, and sends.
    (invitation,) = ws.invite(ENGAGEMENT, workshop.id, activities=["placement"])
    phone = open_page(browser, forms.url(token=invitation.token or ""), viewport=PHONE)
    widgets_ready(phone, "Placez les pistes d'action")
    assert phone.locator(".cxkit-place-row").count() == 2
    assert "act-" not in phone.inner_text("body")
    tap(phone, 0, "impact", 3)
    tap(phone, 0, "ease", 2)
    tap(phone, 1, "impact", 4)
    tap(phone, 1, "ease", 4)
    phone.locator(".cxkit-place-row").nth(0).get_by_text("Projets majeurs").wait_for()
    phone.locator("button.cxkit-place-send").click()
    phone.get_by_text("Merci, vos 2 placements sont enregistrés.").wait_for()
    phone.locator(".cxkit-mine").get_by_text(SUIVI).wait_for()
    fits_the_phone(phone, "matrix-phone-375")
    phone.context.close()

    # Four more people place them, as their phones would.
    others = ws.invite(ENGAGEMENT, workshop.id, count=4, activities=["placement"])
    for inv, suivi, vote in zip(
        others, [(4, 1), (3, 2), (2, 2), (4, 1)], [(3, 3), (4, 3), (1, 4), (3, 4)], strict=True
    ):
        session = ws.participant(inv.token or "")
        for lead, (impact, ease) in (("act-suivi", suivi), ("act-vote", vote)):
            session.submit("placement", target=lead, payload={"impact": impact, "ease": ease})

    # The projector: the cloud, a numbered median per lead, the count; hidden until revealed.
    screen = controls.context.new_page()
    screen.set_viewport_size(HD)
    screen.goto(controls.locator("a.cxkit-screen-link").evaluate("(a) => a.href"))
    project(controls, MATRIX)
    screen.get_by_text("10 placements · 5 personnes").wait_for()
    assert screen.locator(".cxkit-matrix-median").count() == 2
    assert screen.locator(".cxkit-matrix-dots circle").count() == 10
    key = screen.locator(".cxkit-matrix-key").inner_text()
    assert SUIVI in key and "Projets majeurs" in key and "Gains rapides" in key
    for words in ("Gains rapides", "Projets majeurs", "Compléments", "Tâches ingrates"):
        assert screen.locator("svg text", has_text=words).count() == 1
    fits_the_projector(screen, "matrix-screen")
    controls.locator("button.cxkit-conceal").click()
    screen.get_by_text("Les résultats s'afficheront bientôt.").wait_for()
    assert screen.locator(".cxkit-matrix-median").count() == 0
    assert screen.get_by_text("10 placements").count() == 1
    controls.locator("button.cxkit-reveal").click()
    screen.locator(".cxkit-matrix-median").first.wait_for()

    # One click: the leads' priorities and horizons, in one new revision.
    panel.locator(".cxkit-matrix-plan").get_by_text("priorité haute").wait_for()
    panel.locator("button.cxkit-matrix-apply").scroll_into_view_if_needed()
    screenshot(controls, "matrix-controls-1440")
    panel.locator("button.cxkit-matrix-apply").click()
    controls.locator(".cxkit-live-status").get_by_text("révision 2").wait_for()
    stored = ws.load(ENGAGEMENT)
    actions = {a.id: (a.priority, a.horizon) for d in stored.engagement.devices for a in d.actions}
    assert stored.revision.number == 2
    assert actions["act-suivi"] == ("medium", "moyen terme")  # medians 3 and 2
    assert actions["act-vote"] == ("high", "court terme")  # medians 3 and 4
    assert actions["act-rappel"] == ("high", 2027)  # not placed: as it was
    controls.context.close()
