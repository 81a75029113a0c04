"""cxkit: run CX ID customer-experience strategy engagements in Jupyter.

The front door: load or create an engagement, validate it, run the health
checks, write it back. The store, the deck and the forms live in their own
modules (``cxkit.store``, ``cxkit.deck``, ``cxkit.ui``) and are imported
only when used, so a participant's form stays light.
"""

from cxkit.checks import Finding, run_checks
from cxkit.document import load_demo, load_engagement, new_engagement, save_engagement
from cxkit.errors import CxkitError, EngagementInvalid, FileFormatError
from cxkit.model import Engagement
from cxkit.validation import Problem, build_engagement

__version__ = "0.1.0"

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
