"""What a notebook cell calls: open a page on an engagement, show its forms, list engagements.

A notebook stays a few lines: ``page = open_page(engagement, workspace)``
then ``page.form("segments")`` in the cell of each step. Opening never
raises into a cell: a wrong link or an unreachable workspace shows a
message in the page (Voilà would otherwise show a traceback).
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Callable

import ipywidgets as widgets

from cxkit.document import DEMO_ENGAGEMENT, new_engagement
from cxkit.errors import CxkitError
from cxkit.i18n import label, resolve_lang
from cxkit.ui import collection, meeting, restitution, workshops
from cxkit.ui.form import Form
from cxkit.ui.session import EditSession
from cxkit.ui.texts import esc, tr
from cxkit.ui.views import PHASE_NOTEBOOKS, anchor, notebook_link
from cxkit.ui.widgets import button, message_html

log = logging.getLogger(__name__)

FORMS: dict[str, Callable[[EditSession], Form]] = {
    "card": collection.CardForm,
    "customer": collection.CustomerForm,
    "company": collection.CompanyForm,
    "market": collection.MarketForm,
    "interviews": collection.InterviewsForm,
    "benchmark": collection.BenchmarkForm,
    "ambition": workshops.AmbitionForm,
    "pillars": workshops.PillarsForm,
    "iterations": workshops.IterationsForm,
    "kpis": workshops.KpisForm,
    "actions": workshops.ActionsForm,
    "referential": workshops.ReferentialForm,
    "sessions": workshops.SessionsForm,
    "checks": restitution.ChecksForm,
    "validation": restitution.ValidationForm,
    "meeting": meeting.MeetingForm,
    "exports": restitution.ExportsForm,
    "thread": restitution.ThreadForm,
}


def author_name() -> str:
    """Who signs the revisions: ``CXKIT_AUTHOR``, else the system user."""
    configured = os.environ.get("CXKIT_AUTHOR")
    if configured:
        return configured
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "consultant"


def open_workspace(workspace: str | None = None):  # type: ignore[no-untyped-def]
    """A workspace from a notebook parameter: a database URL, a folder, or the default."""
    from cxkit.store import Workspace

    if workspace and "://" in workspace:
        return Workspace.open(url=workspace)
    if workspace:
        return Workspace.open(folder=workspace)
    return Workspace.open()


class Page:
    """One engagement opened for editing in one notebook (or Voilà page)."""

    def __init__(self, session: EditSession | None, error: str | None = None) -> None:
        self.session = session
        self.error = error
        self.forms: dict[str, Form] = {}

    @property
    def lang(self) -> str:
        return self.session.lang if self.session else resolve_lang()

    def form(self, name: str) -> widgets.Widget:
        """The widget of the form ``name`` (see :data:`FORMS`); a message if it cannot open."""
        if self.session is None:
            return widgets.HTML(message_html(self.error or ""))
        try:
            made = FORMS[name](self.session)
        except CxkitError as exc:
            return widgets.HTML(message_html(exc.message(self.lang)))
        except Exception:
            log.exception("form %s failed to open", name)
            return widgets.HTML(message_html(tr("error.unexpected", self.lang)))
        self.forms[name] = made
        return made.widget

    def header(self) -> widgets.Widget:
        """The engagement's name, links to the other phases, and the save status."""
        if self.session is None:
            return widgets.HTML(message_html(self.error or ""))
        e = self.session.engagement
        links = " · ".join(
            anchor(tr(f"notebook.{n}", e.language), notebook_link(n, e.id))
            for n in ("home", *PHASE_NOTEBOOKS)
        )
        head = f"<h2>{esc(e.engagement.client)}</h2><div>{links}</div>"
        from cxkit.ui.widgets import StatusBar

        return widgets.VBox([widgets.HTML(head), StatusBar(self.session).box])


def open_page(
    engagement: str | None,
    workspace: str | None = None,
    *,
    author: str | None = None,
    delay: float = 1.0,
) -> Page:
    """Open ``engagement`` for editing; the demo is added to an empty workspace on first use."""
    lang = resolve_lang()
    if not engagement:
        return Page(None, tr("page.no_engagement", lang))
    try:
        ws = open_workspace(workspace)
        if engagement == DEMO_ENGAGEMENT:
            ws.ensure_demo()
        session = EditSession.open(ws, engagement, author or author_name(), delay=delay)
    except CxkitError as exc:
        return Page(None, exc.message(lang))
    except Exception:
        log.exception("opening %s failed", engagement)
        return Page(None, tr("error.unexpected", lang))
    return Page(session)


class HomeForm:
    """The engagements of a workspace: open one in any phase, or start a new one."""

    def __init__(self, workspace: str | None = None, *, author: str | None = None) -> None:
        self.lang = resolve_lang()
        self.author = author or author_name()
        self.table = widgets.HTML()
        self.message = widgets.HTML()
        self.client = widgets.Text(placeholder=tr("placeholder.client", self.lang))
        self.ident = widgets.Text(placeholder=tr("placeholder.id", self.lang))
        self.language = widgets.Dropdown(
            options=[(label("language", x, self.lang), x) for x in ("fr", "en")], value=self.lang
        )
        create = button(
            tr("home.create", self.lang),
            self.create,
            self.lang,
            self._say,
            icon="plus",
            button_style="primary",
        )
        self.widget = widgets.VBox(
            [
                self.table,
                widgets.HTML(f"<h4>{esc(tr('home.new', self.lang))}</h4>"),
                widgets.HBox([self.client, self.ident, self.language, create]),
                self.message,
            ]
        )
        try:
            self.ws = open_workspace(workspace)
            self.ws.ensure_demo()
        except CxkitError as exc:
            self.ws = None
            self._say(message_html(exc.message(self.lang)))
            return
        self.refresh()

    def _say(self, html: str) -> None:
        self.message.value = html

    def refresh(self) -> None:
        if self.ws is None:
            return
        rows = []
        for s in self.ws.list_engagements():
            links = " · ".join(
                anchor(tr(f"notebook.{n}", self.lang), notebook_link(n, s.id))
                for n in (*PHASE_NOTEBOOKS, "live")
            )
            rows.append(
                f"<tr><td><b>{esc(s.client)}</b><br><code>{esc(s.id)}</code></td>"
                f"<td>{esc(label('phase', s.phase, self.lang))}</td><td>r{s.revision}</td>"
                f"<td>{esc(s.saved_at.astimezone().strftime('%Y-%m-%d %H:%M'))}<br>{esc(s.author)}</td><td>{links}</td></tr>"
            )
        head = "".join(
            f"<th style='text-align:left;padding:3px 8px'>{esc(tr(k, self.lang))}</th>"
            for k in ("home.client", "home.phase", "home.revision", "home.saved", "home.open")
        )
        self.table.value = (
            f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(rows)}</table>"
        )

    def create(self) -> str | None:
        """Create the engagement typed in the form; its id, or None with a message why not."""
        if self.ws is None:
            return None
        client = self.client.value.strip()
        if not client:
            self._say(message_html(tr("home.client_needed", self.lang)))
            return None
        engagement = new_engagement(client, self.ident.value.strip() or None, self.language.value)
        self.ws.create(engagement, self.author)
        link = anchor(
            tr("notebook.collection", self.lang), notebook_link("collection", engagement.id)
        )
        self.message.value = (
            f"<div>✔ {esc(tr('home.created', self.lang, id=engagement.id))} {link}</div>"
        )
        self.client.value = self.ident.value = ""
        self.refresh()
        return engagement.id
