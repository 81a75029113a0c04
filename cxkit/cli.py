"""The ``cxkit`` command line: what is not interactive.

Commands live in :mod:`cxkit.commands`, one module per area, each
registering its subcommands with :func:`command`. A :class:`CxkitError` is
printed as its message, never a traceback, with exit code 1; a usage
error exits 2 (argparse's convention). Help texts come from the catalogs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cxkit import __version__
from cxkit.errors import CxkitError
from cxkit.i18n import resolve_lang, t

# Areas of the command line, in the order ``cxkit --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "cxkit.commands.engagement",
    "cxkit.commands.workspace",
    "cxkit.commands.deliverables",
    "cxkit.commands.cards",
    "cxkit.commands.measures",
    "cxkit.commands.scorecard",
    "cxkit.commands.apps",
    "cxkit.commands.templates",
    "cxkit.commands.hub",
)

Run = Callable[[argparse.Namespace], int]
AddArgs = Callable[[argparse.ArgumentParser, str], None]


@dataclass(frozen=True)
class Command:
    name: str
    run: Run
    add_args: AddArgs


COMMANDS: dict[str, Command] = {}


def command(name: str, add_args: AddArgs) -> Callable[[Run], Run]:
    """Register ``run`` as ``cxkit <name>``; ``add_args(parser, lang)`` declares its arguments."""

    def register(run: Run) -> Run:
        COMMANDS[name] = Command(name, run, add_args)
        return run

    return register


def out(text: str = "") -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _load_commands() -> None:
    for module in COMMAND_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    _load_commands()
    lang = resolve_lang(lang)
    parser = argparse.ArgumentParser(prog="cxkit", description=t("cli.description", lang))
    parser.add_argument("--lang", choices=("fr", "en"), help=t("cli.help.lang", lang))
    parser.add_argument(
        "--version",
        action="version",
        version=f"cxkit {__version__}",
        help=t("cli.help.version", lang),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in COMMANDS.values():
        p = sub.add_parser(
            cmd.name,
            help=t(f"cli.{cmd.name}.help", lang),
            description=t(f"cli.{cmd.name}.help", lang),
        )
        cmd.add_args(p, lang)
    return parser


def _early_lang(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_early_lang(argv))
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except CxkitError as exc:
        err(exc.message(args.lang))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `cxkit contributions … | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
