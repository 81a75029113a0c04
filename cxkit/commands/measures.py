"""``cxkit measures ENGAGEMENT import FILE``: a BI export's values into the workspace.

The file is read and checked whole against the engagement's latest
revision before anything is stored; a refused file prints every problem
with its row and column and exits 2, and the workspace keeps its
revisions. An accepted one becomes a new revision (based on the one read,
so a concurrent edit is never overwritten), then is acknowledged.
``cxkit measures ENGAGEMENT list`` prints what is stored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cxkit import periods
from cxkit.cli import command, err, out
from cxkit.commands.workspace import default_author
from cxkit.errors import FileFormatError, MeasuresRefused
from cxkit.i18n import t
from cxkit.measures_import import import_into_workspace
from cxkit.store import Workspace
from cxkit.typography import format_number

ACTIONS = ("import", "list")


def _measures_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("id", metavar="ID", help=t("cli.help.engagement_id", lang))
    p.add_argument("action", choices=ACTIONS, metavar="ACTION", help=t("cli.measures.action", lang))
    p.add_argument("file", nargs="?", metavar="FILE", help=t("cli.measures.file", lang))
    p.add_argument("--source", help=t("cli.measures.source", lang))
    p.add_argument("--db", metavar="URL", help=t("cli.help.db", lang))
    p.add_argument("--author", default=default_author(), help=t("cli.help.author", lang))


@command("measures", _measures_args)
def run_measures(args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list(args)
    if not args.file:
        err(t("cli.measures.no_file", args.lang))
        return 2
    name = Path(args.file).name
    with Workspace.open(url=args.db) as ws:
        lang = args.lang or ws.load(args.id).engagement.language
        try:
            done = import_into_workspace(ws, args.id, args.file, args.author, args.source)
        except (MeasuresRefused, FileFormatError) as exc:
            err(exc.message(lang))
            return 2
    if not done.changed:
        out(t("cli.measures.unchanged", lang, file=name, id=args.id))
        return 0
    revision = done.revision.number
    out(t("cli.measures.done", lang, file=name, id=args.id, revision=revision, count=done.found))
    return 0


def _list(args: argparse.Namespace) -> int:
    with Workspace.open(url=args.db) as ws:
        engagement = ws.load(args.id).engagement
    lang = args.lang or engagement.language
    if not engagement.measurements:
        out(t("cli.measures.empty", lang, id=args.id))
        return 0
    for m in sorted(engagement.measurements, key=lambda m: (m.of, periods.sort_key(m.period))):
        line = f"{m.of}\t{periods.label(m.period, lang)}\t{format_number(m.value, lang)}"
        out(line + (f"\t{m.source}" if m.source else ""))
    return 0
