"""``python -m cxkit``: the same as the ``cxkit`` command."""

import sys

from cxkit.cli import main

sys.exit(main())
