"""``cxkit deck`` and ``cxkit workbook``: the restitution deliverables.

SOURCE is an engagement file (``.yaml``/``.yml``/``.json``, or any file
that exists) or the id of an engagement in the workspace, optionally at a
given ``--revision``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cxkit.cli import command, out
from cxkit.document import load_engagement
from cxkit.errors import NotFound
from cxkit.i18n import t
from cxkit.model import Engagement

if TYPE_CHECKING:
    from cxkit.deck.layouts import Template

_FILE_SUFFIXES = (".yaml", ".yml", ".json")


def names_a_file(source: str) -> bool:
    """Whether ``source`` names an engagement file (else it is an id in the workspace)."""
    path = Path(source)
    return path.exists() or path.suffix.lower() in _FILE_SUFFIXES


def load_source(source: str, revision: int | None = None, lang: str | None = None) -> Engagement:
    """The engagement named by ``source``: a file, else an id in the workspace."""
    path = Path(source)
    if names_a_file(source):
        if revision is not None:
            raise NotFound("error.deliverable.revision_with_file", lang, path=source)
        return load_engagement(path, lang)
    from cxkit.store import Workspace  # the store (and SQLAlchemy) only when asked for

    with Workspace.open() as ws:  # the participants' contributions too: the workshops' results
        return ws.with_contributions(ws.load(source, revision=revision).engagement)


def deliverable_lang(args: argparse.Namespace, engagement: Engagement) -> str:
    """The deliverable's language: ``--lang``, else the terminal's, else the engagement's."""
    return str(args.deliverable_lang or args.lang or engagement.language)


def open_deck_source(args: argparse.Namespace) -> tuple[Template, Engagement, str]:
    """A deck command's template (checked before anything loads), engagement and language."""
    from cxkit.deck import check_template, default_template

    template = check_template(args.template or default_template())
    engagement = load_source(args.source, args.revision, args.lang)
    return template, engagement, deliverable_lang(args, engagement)


def _common_args(p: argparse.ArgumentParser, lang: str, output_help: str) -> None:
    p.add_argument("source", metavar="SOURCE", help=t("cli.help.source", lang))
    p.add_argument("-o", "--output", required=True, help=t(output_help, lang))
    deliverable_options(p, lang, template=False)


def deliverable_options(p: argparse.ArgumentParser, lang: str, *, template: bool = True) -> None:
    """``--lang``, ``--revision`` (and ``--template``), as every deliverable command reads them."""
    p.add_argument(
        "--lang",
        dest="deliverable_lang",
        choices=("fr", "en"),
        help=t("cli.help.deliverable_lang", lang),
    )
    p.add_argument("--revision", type=int, help=t("cli.help.deliverable_revision", lang))
    if template:
        p.add_argument("--template", help=t("cli.help.template", lang))


def _deck_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("source", metavar="SOURCE", help=t("cli.help.source", lang))
    p.add_argument("-o", "--output", required=True, help=t("cli.help.deck_output", lang))
    deliverable_options(p, lang)


@command("deck", _deck_args)
def run_deck(args: argparse.Namespace) -> int:
    from cxkit.deck import build_deck, plan_deck
    from cxkit.typography import t_plural

    template, engagement, lang = open_deck_source(args)
    plan = plan_deck(engagement, lang, template=template)
    path = build_deck(engagement, args.output, template=template, plan=plan)
    out(
        t("cli.deck.done", lang, path=path, slides=t_plural("count.slides", len(plan.slides), lang))
    )
    return 0


def _workbook_args(p: argparse.ArgumentParser, lang: str) -> None:
    _common_args(p, lang, "cli.help.workbook_output")


@command("workbook", _workbook_args)
def run_workbook(args: argparse.Namespace) -> int:
    from cxkit.typography import t_plural
    from cxkit.workbook import build_workbook, sheets

    engagement = load_source(args.source, args.revision, args.lang)
    lang = deliverable_lang(args, engagement)
    parts = sheets(engagement, lang)
    path = build_workbook(engagement, args.output, lang=lang, parts=parts)
    out(t("cli.workbook.done", lang, path=path, sheets=t_plural("count.sheets", len(parts), lang)))
    return 0
