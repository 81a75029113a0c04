"""``cxkit cards ID --link`` and ``--revoke TOKEN``: the employees' links to their cards.

``--link`` issues one link per card the command would draw (one per channel of
the perimeter, or the one team its filters name) and prints each with its
team, pointing where ``cxkit invite`` points (``--base-url``, else
``CXKIT_FORMS_URL``, else the participants' server on this machine's room
address, with a warning when only this computer could open it). A link's
token is shown once, as an invitation's: keep the printed addresses (a
poster's QR code, an e-mail). ``--revoke`` stops a link, given its token (or
the whole address) or its id. The engagement must be in the workspace, named
by its id: the page reads its latest revision each time it is opened, so a
link writes no file and takes no ``-o``, ``--template``, ``--revision`` or
``--lang`` (the page speaks the engagement's language).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import asdict

from cxkit.cli import err, out
from cxkit.commands.deliverables import names_a_file
from cxkit.commands.workspace import links_base
from cxkit.i18n import t
from cxkit.model import Engagement
from cxkit.store import Workspace, card_link_url
from cxkit.store.card_links import CARD_PATH
from cxkit.team_cards import TeamScope, team_card

ScopesFor = Callable[[Engagement, argparse.Namespace, str], list[TeamScope] | None]
"""How ``cxkit cards`` reads its filters: the teams, or None once it said what is wrong."""


def add_link_args(p: argparse.ArgumentParser, lang: str) -> None:
    """The options ``cxkit cards`` takes for links."""
    p.add_argument("--link", action="store_true", help=t("cardpage.help.link", lang))
    p.add_argument("--revoke", metavar="TOKEN", help=t("cardpage.help.revoke", lang))
    p.add_argument("--base-url", help=t("cli.help.base_url", lang))


def wants_links(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "link", False) or getattr(args, "revoke", None))


def run_card_links(args: argparse.Namespace, scopes_for: ScopesFor) -> int:
    """``--revoke``, or ``--link``: check the options, then issue and print the links."""
    if args.revoke:
        return run_revoke(args)
    if args.output or args.template or args.revision is not None or args.deliverable_lang:
        err(t("cardpage.cli.link_options", args.lang))
        return 2
    if names_a_file(args.source):
        err(t("cardpage.cli.link_file", args.lang, source=args.source))
        return 2
    with Workspace.open() as ws:
        engagement = ws.load(args.source).engagement
        lang = args.lang or engagement.language
        scopes = scopes_for(engagement, args, lang)
        if scopes is None:
            return 2
        base = links_base(args, lang)
        lines = issue_links(ws, engagement, scopes, base)
    out(t("cardpage.cli.head", lang, count=len(lines), client=engagement.engagement.client))
    width = max(len(title) for title, _ in lines)
    for title, url in lines:
        out(f"{title.ljust(width)}  {url}")
    return 0


def issue_links(
    ws: Workspace, engagement: Engagement, scopes: Sequence[TeamScope], base_url: str
) -> list[tuple[str, str]]:
    """One new link per team, as (the team in words, the page's address)."""
    found = []
    for scope in scopes:
        card = team_card(engagement, scope)  # the members as the perimeter declares them
        members = {name: list(values) for name, values in asdict(card.scope).items() if values}
        link = ws.issue_card_link(engagement.id, members)
        assert link.token is not None
        found.append((card.title, card_link_url(base_url, link.token)))
    return found


def run_revoke(args: argparse.Namespace) -> int:
    """Stop the link named by ``--revoke`` (its token, its whole address, or its id)."""
    given = str(args.revoke).strip()
    marker = "/" + CARD_PATH
    token = given.rsplit(marker, 1)[1] if marker in given else given
    with Workspace.open() as ws:
        ws.revoke_card_link(token.split("?", 1)[0])
    out(t("cardpage.cli.revoked", args.lang))
    return 0
