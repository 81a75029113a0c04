"""``cxkit cards ENGAGEMENT --link`` and ``--revoke TOKEN``: the employees' links to their cards.

``--link`` issues one link per card the command would draw (one per channel of
the perimeter, or the one team its filters name) and prints each with its
team, pointing where ``cxkit invite`` points (``--base-url``, else
``CXKIT_FORMS_URL``, else the participants' server on this machine's room
address, with a warning when only this computer could open it). A link's
token is shown once, as an invitation's: keep the printed addresses (a
poster's QR code, an e-mail). ``--revoke`` stops a link, given its token (or
the whole address) or its id. The engagement must be in the workspace: the
page reads its latest revision each time it is opened.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import asdict

from cxkit.cli import out
from cxkit.commands.workspace import links_base
from cxkit.i18n import resolve_lang, t
from cxkit.store import Workspace, card_link_url
from cxkit.store.card_links import CARD_PATH
from cxkit.team_cards import TeamScope, team_card


def add_link_args(p: argparse.ArgumentParser, lang: str) -> None:
    """The options ``cxkit cards`` takes for links (``--db`` is the command's own)."""
    p.add_argument("--link", action="store_true", help=t("cardpage.help.link", lang))
    p.add_argument("--revoke", metavar="TOKEN", help=t("cardpage.help.revoke", lang))
    p.add_argument("--base-url", help=t("cli.help.base_url", lang))


def wants_links(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "link", False) or getattr(args, "revoke", None))


def run_links(
    args: argparse.Namespace, engagement_id: str, scopes: Sequence[TeamScope], lang: str | None
) -> int:
    """Issue one link per scope (checked by the caller) and print each with its team."""
    lang = resolve_lang(lang)
    base = links_base(args, lang)
    with Workspace.open(url=getattr(args, "db", None)) as ws:
        engagement = ws.load(engagement_id).engagement
        lines = []
        for scope in scopes:
            card = team_card(engagement, scope)
            members = {k: list(v) for k, v in asdict(card.scope).items() if v}
            link = ws.issue_card_link(engagement_id, members)
            assert link.token is not None
            lines.append((card.title, card_link_url(base, link.token)))
    out(t("cardpage.cli.head", lang, count=len(lines), client=engagement.engagement.client))
    width = max(len(title) for title, _ in lines)
    for title, url in lines:
        out(f"{title.ljust(width)}  {url}")
    return 0


def run_revoke(args: argparse.Namespace, lang: str | None) -> int:
    """Stop the link named by ``--revoke`` (its token, its whole address, or its id)."""
    given = str(args.revoke).strip()
    marker = "/" + CARD_PATH
    token = given.rsplit(marker, 1)[1] if marker in given else given
    with Workspace.open(url=getattr(args, "db", None)) as ws:
        ws.revoke_card_link(token.split("?", 1)[0])
    out(t("cardpage.cli.revoked", resolve_lang(lang)))
    return 0
