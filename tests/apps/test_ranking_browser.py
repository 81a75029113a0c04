"""The ranking end to end: a 375 px phone orders and sends; the projector shows the room's order.

Real Voilà servers of this test's own (on a fresh SQLite workspace: the
ranking's options and what is projected belong to it alone), a real
headless Chromium. The phone moves a candidate with ↑ and sends; the
acknowledgement comes once stored. Three more people rank through the
store, as their phones would. The facilitator projects the ranking: bars
best first, as the store's Borda count orders them, nothing outside
1280×720; hidden until revealed; then switches the room to the action
leads from the folded controls, and the phone is shown the new list.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

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
WORKSHOP = "atelier-1"


@pytest.fixture(scope="module")
def own_servers(
    jupyter_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, VoilaServer, VoilaServer]]:
    folder: Path = tmp_path_factory.mktemp("ranking")
    url = f"sqlite:///{folder / 'cxkit.db'}"
    Workspace.open(url=url).ensure_demo()
    facilitator, forms = start_pair(jupyter_env, url, folder)
    yield url, facilitator, forms[0]
    stop_all([facilitator, *forms])


def names_on_phone(phone: Any) -> list[str]:
    return [n.strip() for n in phone.locator(".cxkit-rank-row .cxkit-candidate").all_inner_texts()]


def test_a_phone_ranks_and_the_projector_shows_the_rooms_order(
    browser: Any, own_servers: tuple[str, VoilaServer, VoilaServer]
) -> None:
    url, facilitator, forms = own_servers
    ws = Workspace.open(url=url)
    me, *others = ws.invite(ENGAGEMENT, WORKSHOP, count=4, activities=("ranking",))
    assert me.token
    phone = open_page(browser, forms.url(token=me.token), viewport=PHONE)
    widgets_ready(phone, "Classez par ordre de priorité")
    assert names_on_phone(phone) == ["Fiable", "Proche", "Clair", "Engagé"]
    assert [p.strip() for p in phone.locator(".cxkit-rank-place").all_inner_texts()] == [
        "1",
        "2",
        "3",
        "4",
    ]
    # Engagé to the top, one tap at a time, each answered before the next.
    for position in (3, 2, 1):
        phone.locator("button.cxkit-rank-up").nth(position).click()
        phone.locator(".cxkit-rank-row").nth(position - 1).get_by_text("Engagé").wait_for()
    # Each row's name arrives in its own message: the whole list, once they all did.
    expect(phone.locator(".cxkit-rank-row .cxkit-candidate")).to_have_text(
        ["Engagé", "Fiable", "Proche", "Clair"]
    )
    assert phone.locator("button.cxkit-rank-up").first.is_disabled()
    for box in (
        phone.locator("button.cxkit-rank-up").nth(1).bounding_box(),
        phone.locator("button.cxkit-ranking-send").bounding_box(),
    ):
        assert box and box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"]
    assert "engage" not in phone.inner_text("body").replace("Engagé", "")  # never an id
    phone.locator("button.cxkit-ranking-send").click()
    phone.locator(".cxkit-status").get_by_text("Votre classement est enregistré.").wait_for()
    phone.locator(".cxkit-mine").get_by_text("1.\u00a0Engagé · 2.\u00a0Fiable").wait_for()
    session = ws.participant(me.token)
    assert [c.payload for c in session.mine()] == [
        {"order": ["engage", "fiable", "proche", "clair"]}
    ]
    fits_the_phone(phone, "ranking-phone-375")

    for invitation in others:  # three more people rank, as their phones would
        ws.participant(invitation.token or "").submit(
            "ranking", payload={"order": ["proche", "engage", "clair", "fiable"]}
        )
    expected = [r.label for r in ws.ranking(ENGAGEMENT, WORKSHOP).rows]
    assert expected == ["Proche", "Engagé", "Clair", "Fiable"]  # 2+4·3, 4+3·3, 1+2·3, 3+1·3

    controls = open_page(
        browser, facilitator.notebook_url("live.ipynb", engagement=ENGAGEMENT), viewport=LAPTOP
    )
    widgets_ready(controls, "Ouvrir le lien de la salle")
    project(controls, "Classement")
    screen = controls.context.new_page()
    screen.set_viewport_size(HD)
    screen.goto(controls.locator("a.cxkit-screen-link").evaluate("(a) => a.href"))
    screen.locator(".cxkit-bar-row").first.wait_for()
    labels = [s.strip() for s in screen.locator(".cxkit-bar-label").all_inner_texts()]
    assert labels == expected
    assert screen.locator(".cxkit-bar-value").first.inner_text().strip() == "14\u00a0points"
    screen.get_by_text("4 classements reçus").wait_for()
    screen.get_by_text("Méthode de Borda").wait_for()
    fits_the_projector(screen, "ranking-screen")

    # Hidden until revealed: only how many came in.
    controls.locator("button.cxkit-conceal").click()
    screen.get_by_text("Les résultats s'afficheront bientôt.").wait_for()
    assert screen.locator(".cxkit-bar-row").count() == 0
    screen.get_by_text("4 classements reçus").wait_for()
    controls.locator("button.cxkit-reveal").click()
    screen.locator(".cxkit-bar-row").first.wait_for()

    # The facilitator switches the room to the action leads, in the folded controls.
    controls.locator(".cxkit-activity-options").get_by_text("ce que la salle classe").click()
    controls.locator(".cxkit-ranking-choice select").select_option(label="Pistes d'actions")
    controls.locator("button.cxkit-ranking-apply").click()
    controls.locator(".cxkit-live-status").get_by_text("Pistes d'actions (6 choix)").wait_for()
    controls.locator(".cxkit-ranking-current").scroll_into_view_if_needed()
    screenshot(controls, "ranking-controls-1440")
    screen.get_by_text("Aucun classement reçu").wait_for()
    screen.locator(".cxkit-bar-label", has_text="Rappel garanti").wait_for()
    fits_the_projector(screen, "ranking-screen-leads")

    # The phone sends its old order: it is shown the new list instead, nothing stored.
    phone.locator("button.cxkit-ranking-send").click()
    phone.locator(".cxkit-status").get_by_text("La liste à classer a changé").wait_for()
    first = phone.locator(".cxkit-rank-row .cxkit-candidate").first
    expect(first).to_contain_text("Rappel garanti")  # the new list, drawn row by row
    assert len(session.mine()) == 1
    phone.locator("button.cxkit-ranking-send").click()
    phone.locator(".cxkit-status").get_by_text("Votre classement est enregistré.").wait_for()
    screen.get_by_text("1 classement reçu").wait_for()
    fits_the_phone(phone, "ranking-phone-leads-375")
    phone.context.close()
    controls.context.close()
