"""Where cxkit finds its shipped folders, a firm's templates and the workspace.

The repository keeps ``notebooks/`` and ``templates/`` at its top level, one
copy of each, where a contributor edits them; the build maps them into the
package (``setup.py``), so an installed cxkit holds them as
``cxkit/notebooks`` and ``cxkit/templates``. :func:`shipped_dir` looks in the
package first, then in the clone, so the same code runs installed from a
wheel and from an editable install of a clone. Nothing else may guess these
locations: call the functions below.

A firm customises templates in a folder of its own (``cxkit init-templates
DIR`` copies the shipped ones there) named by ``CXKIT_TEMPLATES``; a file it
does not hold falls back to the shipped copy.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Literal

PACKAGE_DIR = Path(__file__).resolve().parent
_CLONE_ROOT = PACKAGE_DIR.parent

Shipped = Literal["notebooks", "templates"]

ENV_TEMPLATES = "CXKIT_TEMPLATES"
ENV_WORKSPACE = "CXKIT_WORKSPACE"


def shipped_dir(name: Shipped) -> Path:
    """A folder shipped with cxkit: inside the installed package, else the clone's top level."""
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else _CLONE_ROOT / name


def notebooks_dir() -> Path:
    """The notebooks the Voilà apps serve (home, phase notebooks, live screen, participant)."""
    return shipped_dir("notebooks")


def notebook(name: str) -> Path:
    """One shipped notebook, by file name (``participant.ipynb``)."""
    return notebooks_dir() / name


def templates_dir() -> Path:
    """The templates folder in use: ``CXKIT_TEMPLATES`` if set, else the shipped one."""
    configured = os.environ.get(ENV_TEMPLATES)
    return Path(configured) if configured else shipped_dir("templates")


def template(name: str) -> Path:
    """A template file (``deck.pptx``, ``interview-guides/internal.yaml``).

    The firm's copy when its folder holds one, else the shipped copy: a firm
    overrides only what it changed.
    """
    own = templates_dir() / name
    return own if own.exists() else shipped_dir("templates") / name


def shipped_templates() -> list[Path]:
    """Every shipped template file, relative to the shipped folder, in a stable order."""
    root = shipped_dir("templates")
    return sorted(
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


def copy_templates(target: Path, *, overwrite: bool = False) -> tuple[list[Path], list[Path]]:
    """Copy the shipped templates into ``target``; returns (copied, kept).

    A file already in ``target`` is kept, never overwritten, unless
    ``overwrite``: a firm's edits are not lost by running the command twice.
    Each file is written under a temporary name, then renamed.
    """
    source = shipped_dir("templates")
    copied: list[Path] = []
    kept: list[Path] = []
    for relative in shipped_templates():
        dest = target / relative
        if dest.exists() and not overwrite:
            kept.append(relative)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(f".{dest.name}.partial")
        shutil.copyfile(source / relative, partial)
        os.replace(partial, dest)
        copied.append(relative)
    return copied, kept


def workspace_dir() -> Path:
    """The workspace folder: ``CXKIT_WORKSPACE`` if set, else ``workspace/`` of the current folder."""
    return Path(os.environ.get(ENV_WORKSPACE) or "workspace")
