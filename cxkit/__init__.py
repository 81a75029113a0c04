"""cxkit: run CX ID customer-experience strategy engagements in Jupyter.

The front door: load or create an engagement, validate it, run the health
checks, write it back. Names are imported on first use (PEP 562), so that
``import cxkit.errors`` or a participant's form does not pay for the whole
model, the checks and the YAML parser: a participant's kernel stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "CxkitError": "cxkit.errors",
    "EngagementInvalid": "cxkit.errors",
    "FileFormatError": "cxkit.errors",
    "Engagement": "cxkit.model",
    "Finding": "cxkit.checks",
    "run_checks": "cxkit.checks",
    "Problem": "cxkit.validation",
    "build_engagement": "cxkit.validation",
    "load_demo": "cxkit.document",
    "load_engagement": "cxkit.document",
    "new_engagement": "cxkit.document",
    "save_engagement": "cxkit.document",
}

__all__ = [
    "CxkitError",
    "Engagement",
    "EngagementInvalid",
    "FileFormatError",
    "Finding",
    "Problem",
    "build_engagement",
    "load_demo",
    "load_engagement",
    "new_engagement",
    "run_checks",
    "save_engagement",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'cxkit' has no attribute {name!r}")


if TYPE_CHECKING:
    from cxkit.checks import Finding, run_checks
    from cxkit.document import load_demo, load_engagement, new_engagement, save_engagement
    from cxkit.errors import CxkitError, EngagementInvalid, FileFormatError
    from cxkit.model import Engagement
    from cxkit.validation import Problem, build_engagement
