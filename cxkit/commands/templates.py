"""``cxkit init-templates DIR``: a firm's own copy of the templates, to customise.

An installed cxkit keeps its templates inside the package, where nobody
should edit them. This copies them into a folder the firm owns; cxkit then
reads that folder when ``CXKIT_TEMPLATES`` names it, and falls back to the
shipped copy for any file the firm removed. A file already there is kept
unless ``--force``: running the command twice loses no edit.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cxkit.cli import command, out
from cxkit.errors import CxkitError
from cxkit.i18n import resolve_lang, t
from cxkit.paths import ENV_TEMPLATES, copy_templates


def _args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("folder", metavar="DIR", help=t("cli.help.templates_folder", lang))
    p.add_argument("--force", action="store_true", help=t("cli.help.templates_force", lang))


@command("init-templates", _args)
def run_init_templates(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang)
    target = Path(args.folder).expanduser().resolve()
    try:
        copied, kept = copy_templates(target, overwrite=args.force)
    except OSError as exc:
        raise CxkitError(
            "error.templates.write", lang, path=str(target), detail=exc.strerror or str(exc)
        ) from None
    out(t("cli.init_templates.done", lang, path=target))
    for relative in copied:
        out(f"  + {relative.as_posix()}")
    for relative in kept:
        out(t("cli.init_templates.kept", lang, file=relative.as_posix()))
    out(t("cli.init_templates.use", lang, env=ENV_TEMPLATES, path=target))
    return 0
