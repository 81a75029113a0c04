"""Where cxkit finds what a consultant may customise without code.

``templates/`` (deck template, interview guides) sits at the top of the
repository, beside ``cxkit/``, so a consultant edits it in place;
``CXKIT_TEMPLATES`` points elsewhere (a firm's own templates folder).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The templates folder: ``CXKIT_TEMPLATES`` if set, else the repository's ``templates/``."""
    configured = os.environ.get("CXKIT_TEMPLATES")
    return Path(configured) if configured else REPO_ROOT / "templates"


def template(name: str) -> Path:
    """A file of the templates folder, falling back to the repository's own copy."""
    own = templates_dir() / name
    return own if own.exists() else REPO_ROOT / "templates" / name
