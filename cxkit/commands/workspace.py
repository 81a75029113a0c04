"""``cxkit import/export/list/history/diff/demo/invite/contributions``: the workspace store.

The workspace is the one ``Workspace.open()`` finds (``CXKIT_DB_URL``, else
``CXKIT_WORKSPACE``/``./workspace``), or the one ``--db URL`` names. Saves are
signed with ``--author`` (default: ``$USER``, else ``cxkit``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
from typing import Any
from urllib.parse import urlsplit

from cxkit.apps.network import forms_base_url, loopback_warning
from cxkit.cli import command, err, out
from cxkit.document import DEMO_ENGAGEMENT, load_demo, load_engagement, save_engagement
from cxkit.errors import CxkitError
from cxkit.i18n import label, resolve_lang, t
from cxkit.spreadsheet import csv_text
from cxkit.store import DEFAULT_BASE_URL, Change, Workspace, participant_link, room_link
from cxkit.store.rooms import DEFAULT_CAPACITY

_DURATION = re.compile(r"^\s*(\d+)\s*([mhd]?)\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "": "hours"}


def parse_duration(text: str) -> dt.timedelta:
    """``30m``, ``8h``, ``2d`` (a bare number is hours)."""
    match = _DURATION.match(text.lower())
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(t("cli.invite.bad_duration", None, value=text))
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def default_author() -> str:
    return os.environ.get("USER") or "cxkit"


def _open(args: argparse.Namespace) -> Workspace:
    return Workspace.open(url=getattr(args, "db", None))


def _local(at: dt.datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _common(p: argparse.ArgumentParser, lang: str, author: bool = False) -> None:
    p.add_argument("--db", metavar="URL", help=t("cli.help.db", lang))
    if author:
        p.add_argument("--author", default=default_author(), help=t("cli.help.author", lang))


# --- import / export ------------------------------------------------------------------


def _import_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("path", help=t("cli.help.engagement_file", lang))
    _common(p, lang, author=True)


@command("import", _import_args)
def run_import(args: argparse.Namespace) -> int:
    engagement = load_engagement(args.path, args.lang)  # a refused file changes nothing
    lang = args.lang or engagement.language
    with _open(args) as ws:
        revision = ws.import_engagement(engagement, args.author)
    out(
        t(
            "cli.import.done",
            lang,
            path=args.path,
            id=engagement.id,
            revision=revision.number,
            summary=revision.summary,
        )
    )
    return 0


def _export_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("id", help=t("cli.help.engagement_id", lang))
    p.add_argument("-o", "--output", required=True, help=t("cli.help.output_file", lang))
    p.add_argument("--revision", type=int, help=t("cli.help.revision", lang))
    _common(p, lang)


@command("export", _export_args)
def run_export(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        stored = ws.load(args.id, args.revision)
        exported = ws.with_contributions(stored.engagement)  # the participants' too
    written = save_engagement(exported, args.output)
    lang = args.lang or stored.engagement.language
    out(t("cli.export.done", lang, id=args.id, revision=stored.revision.number, path=written))
    return 0


# --- list / history / diff --------------------------------------------------------------


def _list_args(p: argparse.ArgumentParser, lang: str) -> None:
    _common(p, lang)


@command("list", _list_args)
def run_list(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang)
    with _open(args) as ws:
        summaries = ws.list_engagements()
    if not summaries:
        out(t("cli.list.empty", lang))
        return 0
    rows = [
        (
            s.id,
            s.client,
            str(s.revision),
            _local(s.saved_at),
            s.author,
            label("phase", s.phase, lang),
        )
        for s in summaries
    ]
    header = tuple(t(f"cli.list.column.{c}", lang) for c in _LIST_COLUMNS)
    out(_table([header, *rows]))
    return 0


_LIST_COLUMNS = ("id", "client", "revision", "saved_at", "author", "phase")


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


def _history_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("id", help=t("cli.help.engagement_id", lang))
    _common(p, lang)


@command("history", _history_args)
def run_history(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        revisions = ws.history(args.id)
    out(_table([(str(r.number), _local(r.at), r.author, r.summary) for r in reversed(revisions)]))
    return 0


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_change(change: Change) -> str:
    """One line of ``cxkit diff``: ``~ path: old → new``, ``+ path: new``, ``- path: old``."""
    if change.kind == "added":
        return f"+ {change.path}: {_short(change.new)}"
    if change.kind == "removed":
        return f"- {change.path}: {_short(change.old)}"
    return f"~ {change.path}: {_short(change.old)} → {_short(change.new)}"


def _diff_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("id", help=t("cli.help.engagement_id", lang))
    p.add_argument("r1", type=int, help=t("cli.help.revision", lang))
    p.add_argument("r2", type=int, help=t("cli.help.revision", lang))
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("cli.help.report_format", lang)
    )
    _common(p, lang)


@command("diff", _diff_args)
def run_diff(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang)
    with _open(args) as ws:
        changes = ws.diff(args.id, args.r1, args.r2)
    if args.format == "json":
        out(
            json.dumps(
                [{"path": c.path, "kind": c.kind, "old": c.old, "new": c.new} for c in changes],
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        return 0
    if not changes:
        out(t("cli.diff.none", lang, r1=args.r1, r2=args.r2))
        return 0
    out(t("cli.diff.head", lang, id=args.id, r1=args.r1, r2=args.r2, count=len(changes)))
    for change in changes:
        out(render_change(change))
    return 0


# --- demo ------------------------------------------------------------------------------


def _demo_args(p: argparse.ArgumentParser, lang: str) -> None:
    _common(p, lang, author=True)


@command("demo", _demo_args)
def run_demo(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang)
    with _open(args) as ws:
        if ws.exists(DEMO_ENGAGEMENT):
            latest = ws.history(DEMO_ENGAGEMENT)[-1]
            out(t("cli.demo.present", lang, id=DEMO_ENGAGEMENT, revision=latest.number))
            return 0
        ws.create(load_demo(), args.author)
    out(t("cli.demo.done", lang, id=DEMO_ENGAGEMENT))
    return 0


# --- participants ------------------------------------------------------------------------


def _invite_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("id", help=t("cli.help.engagement_id", lang))
    p.add_argument("--workshop", required=True, help=t("cli.help.workshop", lang))
    p.add_argument("--count", type=int, default=1, help=t("cli.help.count", lang))
    p.add_argument("--expires", type=parse_duration, default="8h", help=t("cli.help.expires", lang))
    p.add_argument("--dots", type=int, default=5, help=t("cli.help.dots", lang))
    p.add_argument("--team", help=t("cli.help.team", lang))
    p.add_argument("--room", action="store_true", help=t("cli.help.room", lang))
    p.add_argument(
        "--capacity", type=int, default=DEFAULT_CAPACITY, help=t("cli.help.capacity", lang)
    )
    p.add_argument("--base-url", help=t("cli.help.base_url", lang))
    _common(p, lang)


def links_base(args: argparse.Namespace, lang: str) -> str:
    """Where the printed links point: ``--base-url``, else ``CXKIT_FORMS_URL``, else the
    participants' server on this machine's room-network address (a warning if phones cannot
    reach it)."""
    base = str(args.base_url or forms_base_url("0.0.0.0", urlsplit(DEFAULT_BASE_URL).port or 8867))
    warning = loopback_warning(base, lang, area="cli")
    if warning:
        err(warning)
    return base


@command("invite", _invite_args)
def run_invite(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang)
    args.base_url = links_base(args, lang)
    if args.room:
        return _invite_room(args, lang)
    with _open(args) as ws:
        created = ws.invite(
            args.id,
            args.workshop,
            count=args.count,
            expires=args.expires,
            dots=args.dots,
            team=args.team,
        )
    out(
        t(
            "cli.invite.head",
            lang,
            count=len(created),
            workshop=args.workshop,
            expires=_local(created[0].expires_at),
        )
    )
    for invitation in created:
        assert invitation.token is not None
        out(f"{invitation.participant}  {participant_link(args.base_url, invitation.token)}")
    return 0


def _invite_room(args: argparse.Namespace, lang: str) -> int:
    """``cxkit invite --room``: one link for the whole room, printed once (its token is not kept)."""
    if args.count != 1 or args.team:
        raise CxkitError("cli.invite.room_options")
    with _open(args) as ws:
        room = ws.open_room(
            args.id,
            args.workshop,
            expires=args.expires,
            dots=args.dots,
            capacity=args.capacity,
        )
    assert room.token is not None
    out(
        t(
            "cli.invite.room",
            lang,
            workshop=args.workshop,
            capacity=room.capacity,
            expires=_local(room.expires_at),
        )
    )
    out(room_link(args.base_url, room.token))
    return 0


_CONTRIBUTION_FIELDS = (
    "id",
    "workshop",
    "participant",
    "team",
    "kind",
    "target",
    "text",
    "value",
    "details",
    "at",
    "status",
    "into",
)


def _contributions_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("id", help=t("cli.help.engagement_id", lang))
    p.add_argument("--workshop", help=t("cli.help.workshop", lang))
    p.add_argument(
        "--format", choices=("csv", "json"), default="csv", help=t("cli.help.report_format", lang)
    )
    _common(p, lang)


@command("contributions", _contributions_args)
def run_contributions(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        ws.load(args.id)  # NotFound for an unknown engagement, not an empty list
        found = ws.contributions(args.id, args.workshop)
    rows = [c.model_dump(mode="json") for c in found]
    if args.format == "json":
        out(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:  # a structured contribution's fields, as one JSON cell
        row["details"] = json.dumps(row["details"], ensure_ascii=False) if row["details"] else ""
    out(csv_text(rows, _CONTRIBUTION_FIELDS).rstrip("\r\n"))  # cells that cannot run as formulas
    return 0
