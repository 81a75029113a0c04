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
from cxkit.i18n import label, resolve_lang, t
from cxkit.ui import agenda, collection, meeting, restitution, workshops
from cxkit.ui.form import Form
from cxkit.ui.intro import engagements_table, intro_widget, section_html
from cxkit.ui.session import EditSession
from cxkit.ui.style import style_widget, styled
from cxkit.ui.texts import esc, tr
from cxkit.ui.views import FOLLOW_UP_NOTEBOOKS, PHASE_NOTEBOOKS, anchor, notebook_link
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
    "agenda": agenda.AgendaForm,
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

    def intro(self, notebook: str) -> widgets.Widget:
        """The page's title and introduction, in the engagement's language (with the stylesheet)."""
        return intro_widget(notebook, self.lang)

    def section(self, name: str) -> widgets.Widget:
        """A step of the page: its heading and why it matters, then the form ``name``.

        The words come from the catalogs, so an English engagement reads English
        (a notebook's markdown could only be in one language).
        """
        heading = widgets.HTML(section_html(name, self.lang))
        form = self.form(name)
        made = self.forms.get(name)
        if made is not None:
            made.title.layout.display = "none"  # the section's heading already says it
        return styled(widgets.VBox([heading, form], layout=widgets.Layout(width="100%")))

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
        links = "".join(
            anchor(tr(f"notebook.{n}", self.lang), notebook_link(n, e.id))
            for n in ("home", *PHASE_NOTEBOOKS, *FOLLOW_UP_NOTEBOOKS)
        )
        head = f"<h2>{esc(e.engagement.client)}</h2><nav class='cxkit-links'>{links}</nav>"
        from cxkit.ui.widgets import StatusBar

        return styled(
            widgets.VBox([style_widget(), widgets.HTML(head), StatusBar(self.session).box])
        )


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
            options=[(label("language", x, self.lang), x) for x in ("fr", "en")],
            value=self.lang,
            layout=widgets.Layout(width="10em"),
        )
        create = button(
            tr("home.create", self.lang),
            self.create,
            self.lang,
            self._say,
            icon="plus",
            button_style="primary",
        )
        self.widget = styled(
            widgets.VBox(
                [
                    style_widget(),
                    widgets.HTML(section_html("home_list", self.lang)),
                    self.table,
                    widgets.HTML(f"<h4>{esc(tr('home.new', self.lang))}</h4>"),
                    widgets.HBox([self.client, self.ident, self.language, create]),
                    self.message,
                ],
                layout=widgets.Layout(width="100%"),
            )
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
        self.table.value = engagements_table(self.ws.list_engagements(), self.lang)

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
            tr("notebook.collection", self.lang),
            notebook_link("collection", engagement.id),
            css="cxkit-link",
        )
        created = t("forms.home.created", self.lang, client=client)
        self.message.value = f"<div>✔ {esc(created)} {link}</div>"
        self.client.value = self.ident.value = ""
        self.refresh()
        return engagement.id
