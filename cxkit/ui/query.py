"""A notebook's parameters: from its parameter cell, overridden by the page's link.

In JupyterLab or papermill a notebook takes its parameters from its
``parameters`` cell. Served by Voilà, the page's query string
(``?engagement=horizon-mutuelle&token=...``) reaches the kernel as the
``QUERY_STRING`` environment variable; with preheated kernels only after
``voila.utils.wait_for_request()``, and importing voila costs seconds, so
it is imported only when ``VOILA_PREHEAT`` says the kernel is preheated.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs


def _wait_for_voila_request() -> None:
    if os.environ.get("VOILA_PREHEAT", "").lower() in ("1", "true"):
        from voila.utils import wait_for_request

        wait_for_request()


def query_params() -> dict[str, str]:
    """The page's query string as a mapping (first value of each key); empty outside Voilà."""
    _wait_for_voila_request()
    parsed = parse_qs(os.environ.get("QUERY_STRING", ""), keep_blank_values=False)
    return {key: values[0] for key, values in parsed.items() if values}


def notebook_params(**defaults: str | None) -> dict[str, str | None]:
    """``defaults`` (the parameter cell's values) overridden by the page's query string.

    Only the keys named in ``defaults`` are taken from the link: a page
    cannot set a parameter the notebook does not declare.
    """
    link = query_params()
    return {key: link.get(key, value) for key, value in defaults.items()}
