"""The participants' server's card route: ``card/<token>`` answers an employee with a team card.

A plain Tornado handler beside Voilà's (registered by
:class:`cxkit.apps.light.LightVoila` when its ``card_pages`` setting is on,
as the participants' server's config sets it): it reads the link in the
workspace, derives the card from the engagement's latest revision and
answers the page of :func:`cxkit.card_page.render_card_page`. No notebook,
no kernel, no widget: a phone gets about 8 kB of HTML and nothing else.

A link that is forged or revoked, or that names members the referential's
perimeter no longer has, gets the forms' short "this link is not valid" page
(``error.html``), as a 404, in the engagement's language when it is known,
else the server's. A workspace that cannot be read gets the forms' "not
available" page (503). Both are logged, never shown with a traceback.

The answer forbids every fetch and script (``Content-Security-Policy:
default-src 'none'``, inline style only), is not cached (a revoked link stops
at once) and tells no other site where the employee came from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from jupyter_server.utils import url_path_join
from tornado.ioloop import IOLoop

from cxkit.apps.gate import UNAVAILABLE, Refusal
from cxkit.apps.pages import CxkitPageHandler
from cxkit.errors import AccessDenied, NotFound
from cxkit.i18n import resolve_lang
from cxkit.safety import server_log
from cxkit.store import Workspace
from cxkit.store.card_links import CARD_PATH

NOT_VALID = ("apps.denied.title", "cardpage.denied.body")
"""The forms' title ("This link is not valid") with a sentence for an employee."""
ROUTE = rf"/{CARD_PATH}(.*)"
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


class CardPages:
    """What the route needs: the workspace (opened once, on first use) and the server's language."""

    def __init__(
        self, *, lang: str | None = None, workspace: Callable[[], Workspace] | None = None
    ) -> None:
        self.lang = resolve_lang(lang)
        self._open_workspace = workspace or Workspace.open
        self._ws: Workspace | None = None
        self._lock = threading.Lock()

    def workspace(self) -> Workspace:
        with self._lock:
            if self._ws is None:
                self._ws = self._open_workspace()
            return self._ws

    def page(self, token: str) -> str:
        """The card page of the link ``token``; :class:`Refusal` when there is none to show."""
        try:
            return self._page(token)
        except Refusal:
            raise
        except Exception:
            server_log().exception("the card page could not read the workspace")
            raise Refusal(503, UNAVAILABLE, self.lang) from None

    def _page(self, token: str) -> str:
        # Here, not at import: the model and the card's words load on the first card asked,
        # not in every participants' server that never serves one.
        from cxkit.card_page import render_card_page
        from cxkit.team_cards import TeamScope, scope_problems, team_card

        ws = self.workspace()
        try:
            link = ws.card_link(token)
        except AccessDenied as denied:
            engagement = denied.params.get("engagement")
            raise Refusal(404, NOT_VALID, self._lang_of(ws, engagement)) from None
        try:
            engagement = ws.load(link.engagement).engagement
        except NotFound:
            raise Refusal(404, NOT_VALID, self.lang) from None
        scope = TeamScope(**{name: tuple(members) for name, members in link.scope.items()})
        problems = scope_problems(engagement, scope)
        if problems:
            server_log().warning(
                "card link %s no longer fits the referential: %s", link.id, " ".join(problems)
            )
            raise Refusal(404, NOT_VALID, engagement.language)
        return render_card_page(team_card(engagement, scope))

    def _lang_of(self, ws: Workspace, engagement: object) -> str:
        """The engagement's language, for a revoked link's page; the server's otherwise."""
        if not isinstance(engagement, str):
            return self.lang
        try:
            found = ws.document(engagement).get("engagement", {}).get("language")
        except NotFound:
            return self.lang
        return resolve_lang(found if isinstance(found, str) else self.lang)


class CardPageHandler(CxkitPageHandler):
    """``GET card/<token>``: the card, or the short page saying the link is not valid."""

    pages: CardPages

    def initialize(self, pages: CardPages) -> None:
        self.pages = pages

    @property
    def content_security_policy(self) -> str:
        return POLICY

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Robots-Tag", "noindex, nofollow")

    async def get(self, token: str) -> None:
        # The workspace is read off the event loop: the server's websockets keep flowing.
        html = await IOLoop.current().run_in_executor(None, self.pages.page, token)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        await self.finish(html)


def card_routes(server_url: str, pages: CardPages | None = None) -> list[tuple[Any, ...]]:
    """The route to add, first, to the participants' server's (Voilà's last route takes any path)."""
    return [(url_path_join(server_url, ROUTE), CardPageHandler, {"pages": pages or CardPages()})]
