"""``cxkit cards``: the team cards, one printable page per team.

    cxkit cards SOURCE -o cards.pptx                       # one card per channel
    cxkit cards SOURCE --channel Téléphone --stage Hospitalisation -o tel-hospi.pptx
    cxkit cards ID --link [--channel Téléphone]            # employees' pages, one link per card
    cxkit cards ID --revoke TOKEN

With no filter, one card per channel of the referential's perimeter; with
filters (each may be repeated), ONE card for the combination. A member that
is not in the perimeter is refused with the perimeter's members named, exit
code 2, before anything is written. The command's options are declared by
:func:`add_cards_args` and the filters read by :func:`requested_scopes`, so a
further way to hand cards out (a link) is one more option and one more branch
in :func:`run_cards`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cxkit.cli import command, err, out
from cxkit.commands.card_links import add_link_args, run_card_links, wants_links
from cxkit.commands.deliverables import deliverable_options, open_deck_source
from cxkit.i18n import t
from cxkit.model import Engagement
from cxkit.team_cards import TeamScope, perimeter_teams, scope_problems

if TYPE_CHECKING:
    from cxkit.deck import Template

FILTERS: tuple[tuple[str, str], ...] = (
    ("--channel", "channels"),
    ("--stage", "journey_stages"),
    ("--segment", "segments"),
    ("--offer", "offers"),
)
"""Each filter option and the perimeter's dimension it names."""


def add_scope_args(p: argparse.ArgumentParser, lang: str) -> None:
    """The filters naming a team: members of the perimeter, each option repeatable."""
    for option, dimension in FILTERS:
        p.add_argument(
            option,
            dest=dimension,
            action="append",
            default=[],
            metavar="X",
            help=t(f"cli.help.cards_{dimension}", lang),
        )


def add_cards_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("source", metavar="SOURCE", help=t("cli.help.source", lang))
    p.add_argument("-o", "--output", help=t("cli.help.cards_output", lang))
    add_scope_args(p, lang)
    deliverable_options(p, lang)
    add_link_args(p, lang)


def scope_of(args: argparse.Namespace) -> TeamScope | None:
    """The team the filters name, None when there is no filter."""
    scope = TeamScope(**{dim: tuple(getattr(args, dim)) for _, dim in FILTERS})
    return None if scope == TeamScope() else scope


def requested_scopes(
    engagement: Engagement, args: argparse.Namespace, lang: str
) -> list[TeamScope] | None:
    """The teams to make cards for (one per channel without a filter, else the one named);
    None, after saying why on the error stream, when a member is not in the perimeter."""
    scope = scope_of(args)
    if scope is None:
        return perimeter_teams(engagement)
    problems = scope_problems(engagement, scope, lang)
    for problem in problems:
        err(problem)
    return None if problems else [scope]


@command("cards", add_cards_args)
def run_cards(args: argparse.Namespace) -> int:
    if wants_links(args):  # the employees' pages instead of a deck (commands/card_links.py)
        return run_card_links(args, requested_scopes)
    if not args.output:
        err(t("cli.cards.no_output", args.lang))
        return 2
    template, engagement, lang = open_deck_source(args)
    scopes = requested_scopes(engagement, args, lang)
    if scopes is None:
        return 2
    return write_cards(engagement, scopes, args.output, lang, template)


def write_cards(
    engagement: Engagement, scopes: list[TeamScope], output: str, lang: str, template: Template
) -> int:
    """Plan and write the deck (atomically: a failure leaves no file), then say so."""
    from cxkit.deck.team_cards import build_team_cards, plan_team_cards
    from cxkit.typography import t_plural

    plan = plan_team_cards(engagement, scopes, lang, template=template)
    path = build_team_cards(engagement, output, template=template, plan=plan)
    cards = t_plural("cards.count", len(scopes), lang)
    slides = t_plural("count.slides", len(plan.slides), lang)
    out(t("cli.cards.done", lang, path=path, cards=cards, slides=slides))
    return 0
