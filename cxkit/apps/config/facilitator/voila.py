# cxkit's code-side settings for the facilitator server (the rest is in voila.json beside it).
from cxkit.apps.voila_config import configure

configure(get_config(), "facilitator")  # type: ignore[name-defined]  # noqa: F821
