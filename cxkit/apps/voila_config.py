"""cxkit's code-side Voilà settings, applied by each server's ``config/<kind>/voila.py``.

``voila.json`` holds what plain data can say; this adds what needs code or
the server's environment: the participants' gate (a ``prelaunch_hook``),
the pages' language and texts, the login page, the identity header the
start-up check looks for (:func:`cxkit.apps.servers.answers_as`), and the
facilitator's cookie secret, kept with its token so that a restarted server
still knows the consultant's browser.
"""

from __future__ import annotations

import os
from typing import Any

from cxkit.apps.pages import CxkitIdentityProvider, CxkitNotFoundHandler, page_texts
from cxkit.apps.servers import ENV_COOKIE_SECRET, ENV_SERVER_ID, IDENTITY_HEADER
from cxkit.i18n import resolve_lang

ENV_FORK_KERNELS = "CXKIT_FORK_KERNELS"
"""``0``: start each participant's kernel the usual way, not forked from a warm zygote."""


def configure(c: Any, kind: str) -> None:
    """Fill the traitlets config ``c`` of a ``kind`` server (``facilitator`` or ``participant``)."""
    lang = resolve_lang()
    texts = page_texts(lang)
    c.VoilaConfiguration.resources = {"language_code": lang, "cxkit": texts}
    c.Voila.tornado_settings = {
        "headers": {IDENTITY_HEADER: os.environ.get(ENV_SERVER_ID, "")},
        "jinja_template_vars": {"cxkit": texts},
        "default_handler_class": CxkitNotFoundHandler,
    }
    c.HTMLExporter.language_code = lang  # <html lang> of the notebook pages
    c.Voila.identity_provider_class = CxkitIdentityProvider
    secret = os.environ.get(ENV_COOKIE_SECRET)
    if secret:
        c.Voila.cookie_secret = bytes.fromhex(secret)
    from cxkit.apps.gate import ParticipantGate, set_xsrf_cookie

    # Before a page's kernel starts: the participants' gate, or only the cookie that lets a
    # closed page shut its kernel down (both do that).
    hook = ParticipantGate(lang=lang) if kind == "participant" else set_xsrf_cookie
    c.VoilaConfiguration.prelaunch_hook = hook
    # Employees' team cards (card/<token>): on the participants' server, reached without an account.
    c.LightVoila.card_pages = kind == "participant"
    if kind == "participant":
        fork_kernels(c)


def fork_kernels(c: Any) -> None:
    """Participants' kernels forked from a warm zygote (:mod:`cxkit.apps.zygote`).

    A page then waits for no interpreter start and no import, and its kernel
    shares the zygote's memory until written: what a room of phones opening
    the link at once needs on a two-core laptop. Where the provisioner is not
    installed, the system has no pidfds (not Linux) or ``CXKIT_FORK_KERNELS=0``,
    kernels start the usual way.
    """
    from importlib.metadata import entry_points

    from cxkit.apps import zygote
    from cxkit.apps.fork_provisioner import NAME

    if os.environ.get(ENV_FORK_KERNELS, "1") == "0" or not hasattr(os, "pidfd_open"):
        return
    if not entry_points(group="jupyter_client.kernel_provisioners", name=NAME):
        return
    os.environ[zygote.ENV_SOCKET] = str(zygote.start(zygote.PARTICIPANT_PRELOAD))
    c.KernelProvisionerFactory.default_provisioner_name = NAME
