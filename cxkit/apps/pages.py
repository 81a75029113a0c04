"""Voilà's own pages in the engagement's language: login, loading, errors, refusals.

Voilà and jupyter_server ship English pages (the login page's "Setup a
Password" and ``jupyter server list``, "Running ...", "Executing 2 of 2",
``<html lang="en">``). The ``cxkit`` template replaces each with its own
(``cxkit/apps/share/jupyter/voila/templates/cxkit/``), filled with the texts
of :func:`page_texts` in the server's language; the login page is served by
:class:`CxkitLoginHandler` through :class:`CxkitIdentityProvider`.
"""

from __future__ import annotations

from typing import Any

import tornado.web
from jupyter_server.auth.identity import PasswordIdentityProvider
from jupyter_server.base.handlers import JupyterHandler
from voila.voila_identity_provider import VoilaLoginHandler

from cxkit.i18n import resolve_lang, t

# Template variable names: ``resources.cxkit`` on the notebook's page, ``cxkit`` on the others.
_TEXTS = {
    "loading": "servers.page.loading",
    "noscript": "servers.page.noscript",
    "login_title": "servers.login.title",
    "login_label": "servers.login.label",
    "login_submit": "servers.login.submit",
    "login_wrong": "servers.login.wrong",
    "not_found_title": "servers.error.not_found.title",
    "not_found_body": "servers.error.not_found.body",
    "error_title": "servers.error.generic.title",
    "error_body": "servers.error.generic.body",
}


def page_texts(lang: str | None) -> dict[str, str]:
    """Every text the template's pages show, in ``lang``, and the language code for ``<html lang>``."""
    lang = resolve_lang(lang)
    texts = {name: t(key, lang) for name, key in _TEXTS.items()}
    texts["login_body"] = t("servers.login.body", lang, command="cxkit app")
    texts["lang"] = lang
    return texts


class CxkitLoginHandler(VoilaLoginHandler):
    """Voilà's login route with cxkit's own page (the template's ``login.html``)."""

    def get_template(self, name: str) -> Any:
        if name == "login.html":
            return self.settings["voila_jinja2_env"].get_template(name)
        return super().get_template(name)


class CxkitPageHandler(JupyterHandler):
    """A route of cxkit's own whose errors show the ``cxkit`` template's pages (``error.html``)."""

    def get_template(self, name: str) -> Any:
        return self.settings["voila_jinja2_env"].get_template(name)


class CxkitNotFoundHandler(CxkitPageHandler):
    """Any address no route serves: cxkit's 404 page (Tornado's default is a bare English one)."""

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()  # who is asking (the page's template needs it), then: not found
        raise tornado.web.HTTPError(404)


class CxkitIdentityProvider(PasswordIdentityProvider):
    """jupyter_server's token identity, with :class:`CxkitLoginHandler` for its login page.

    Voilà hands its own login handler class to the provider it builds; this one keeps ours.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["login_handler_class"] = CxkitLoginHandler
        super().__init__(**kwargs)
