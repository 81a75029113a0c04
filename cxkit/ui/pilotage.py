"""The pilotage notebook's page: a measurement file read against the engagement, and its scorecard.

``page = open_pilotage(engagement, workspace, measurements=FILE)`` loads the
engagement from the workspace and reads the file (the demo's, for the demo,
when none is named) on top of the measurements already stored; nothing is
stored until the consultant presses the save button, which writes a new
revision like any edit. A file refused shows every problem with its row and
column, and the page goes on with the stored measurements. The verdicts and
their words come from :mod:`cxkit.scorecard` and :mod:`cxkit.scorecard_text`.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from cxkit.document import DEMO_ENGAGEMENT
from cxkit.errors import CxkitError
from cxkit.i18n import resolve_lang, t
from cxkit.model import Engagement
from cxkit.scorecard import measured_periods, scorecard
from cxkit.scorecard_text import ScorecardWords
from cxkit.ui.app import author_name, open_workspace
from cxkit.ui.intro import intro_widget, section_html
from cxkit.ui.scorecard_views import charts_html, scorecard_html
from cxkit.ui.style import styled
from cxkit.ui.texts import esc, tr
from cxkit.ui.views import download_link
from cxkit.ui.widgets import button, message_html

log = logging.getLogger(__name__)


class PilotagePage:
    """One engagement's measurements and scorecard, in the engagement's language."""

    def __init__(
        self,
        engagement: Engagement | None,
        *,
        workspace: Any = None,
        base_revision: int | None = None,
        author: str = "",
        error: str = "",
    ) -> None:
        self.engagement = engagement
        self.ws = workspace
        self.base_revision = base_revision
        self.author = author
        self.error = error
        self.lang = resolve_lang(engagement.language if engagement else None)
        self.note = ""
        self.note_ok = True
        self.unsaved = False
        self.message = widgets.HTML()
        self.table = widgets.HTML()
        self.charts_view = widgets.HTML()
        self.said = widgets.HTML()
        self.save_box = widgets.HBox()
        self.save_button = button(
            t("scorecard.page.save", self.lang),
            self.save,
            self.lang,
            self._say,
            icon="save",
            button_style="primary",
        )
        self.deck_button = button(
            t("scorecard.page.deck", self.lang),
            self.build_deck,
            self.lang,
            self._say_deck,
            icon="file-powerpoint-o",
        )
        self.deck_said = widgets.HTML()
        self.deck_link = widgets.HTML()
        self._folder: Path | None = None  # the page's decks, made with the first
        self.scorecard_box = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.picker = widgets.Dropdown(layout=widgets.Layout(width="12em"))
        self.picker.observe(lambda _change: self._draw(), names="value")

    # --- reading a file -------------------------------------------------------------------

    def read(self, path: str | Path) -> bool:
        """Add the file's measurements to the page's engagement (not stored); False if refused."""
        from cxkit.document import read_bytes

        try:
            data = read_bytes(path)
        except CxkitError as exc:
            self.note, self.note_ok = exc.message(self.lang), False
            return False
        return self.absorb(data, Path(path).name)

    def absorb(self, data: bytes, name: str) -> bool:
        """Add a file's measurements, given as its bytes (a file read, or one uploaded)."""
        from cxkit.measures import merge
        from cxkit.measures_import import read_measurements

        if self.engagement is None:
            return False
        try:
            read = read_measurements(data, name, self.engagement)
        except CxkitError as exc:
            self.note, self.note_ok = exc.message(self.lang), False
            return False
        merged = merge(self.engagement.measurements, read)
        self.engagement = self.engagement.model_copy(update={"measurements": merged})
        periods = ScorecardWords(self.engagement, self.lang).periods(
            measured_periods(self.engagement)
        )
        self.note = t("scorecard.page.read", self.lang, file=name, count=len(read), periods=periods)
        self.note_ok, self.unsaved = True, True
        return True

    def _uploaded(self, change: dict[str, Any]) -> None:
        """A file chosen on the page: read, said, and the scorecard redrawn (stored on save)."""
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            self.absorb(bytes(upload["content"]), str(upload["name"]))
        except Exception:  # a page shows a sentence, never a traceback
            log.exception("reading %s failed", upload.get("name"))
            self.note, self.note_ok = tr("error.unexpected", self.lang), False
        self._show_note()
        self._fill_scorecard(self.picker.value)

    def save(self) -> None:
        """Store the measurements as a new revision of the engagement."""
        if self.engagement is None or self.ws is None or self.base_revision is None:
            return
        revision = self.ws.save(
            self.engagement,
            self.author,
            self.base_revision,
            t("scorecard.page.summary", self.lang),
        )
        self.base_revision, self.unsaved = revision.number, False
        self._show_note()
        self._say(t("scorecard.page.saved", self.lang, revision=revision.number), ok=True)

    def _say(self, text: str, ok: bool = False) -> None:
        self.message.value = message_html(text, ok=ok)

    def build_deck(self) -> Path | None:
        """The picked period's scorecard deck, of the measurements the page shows (saved or not)."""
        from cxkit.deck.scorecard import build_scorecard

        period = self.picker.value
        if self.engagement is None or not period:
            return None
        self.deck_link.value = ""
        self._folder = self._folder or Path(tempfile.mkdtemp(prefix="cxkit-exports-"))
        path = self._folder / f"{self.engagement.id}-{period}.pptx"
        try:
            built = build_scorecard(self.engagement, period, path, lang=self.engagement.language)
        except CxkitError as exc:
            self._say_deck(exc.message(self.lang))
            return None
        words = ScorecardWords(self.engagement, self.lang)
        self.deck_link.value = download_link(
            built, t("scorecard.page.deck.download", self.lang, name=built.name)
        )
        self._say_deck(t("scorecard.page.deck.done", self.lang, period=words.period(period)), True)
        return built

    def _say_deck(self, text: str, ok: bool = False) -> None:
        self.deck_said.value = message_html(text, ok=ok)

    # --- the cells ------------------------------------------------------------------------

    def intro(self) -> widgets.Widget:
        return intro_widget("pilotage", self.lang)

    def imported(self) -> widgets.Widget:
        """What the file gave (or why it was refused), a file to choose, the button that stores it."""
        heading = widgets.HTML(section_html("pilotage_import", self.lang))
        if self.engagement is None:
            return styled(widgets.VBox([heading, widgets.HTML(message_html(self.error))]))
        upload = widgets.FileUpload(
            accept=".csv,.xlsx",
            multiple=False,
            description=t("scorecard.page.upload", self.lang),
            layout=widgets.Layout(width="auto"),
        )
        upload.observe(self._uploaded, "value")
        self._show_note()
        items = [heading, upload, self.said, self.save_box, self.message]
        return styled(widgets.VBox(items, layout=widgets.Layout(width="100%")))

    def _show_note(self) -> None:
        lines = "".join(f"<div>{esc(line)}</div>" for line in self.note.splitlines())
        color = "#1b5e20" if self.note_ok else "#b00020"
        self.said.value = f"<div style='color:{color}'>{lines}</div>"
        can_save = self.unsaved and self.ws is not None
        self.save_box.children = (self.save_button,) if can_save else ()

    def scorecard(self, period: str | None = None) -> widgets.Widget:
        """The period's verdicts (the latest measured unless ``period``), a picker to change it."""
        heading = widgets.HTML(section_html("pilotage_scorecard", self.lang))
        self._fill_scorecard(period)
        return styled(
            widgets.VBox([heading, self.scorecard_box], layout=widgets.Layout(width="100%"))
        )

    def _fill_scorecard(self, period: str | None) -> None:
        periods = measured_periods(self.engagement) if self.engagement else []
        if not periods:
            text = self.error or t("scorecard.page.none", self.lang)
            self.scorecard_box.children = (widgets.HTML(message_html(text)),)
            return
        words = ScorecardWords(self.engagement, self.lang)  # type: ignore[arg-type]
        self.picker.options = [(words.period(p), p) for p in reversed(periods)]
        self.picker.value = period if period in periods else periods[-1]
        self.picker.description = t("scorecard.col.period", self.lang)
        self._draw()
        deck = (widgets.HBox([self.deck_button]), self.deck_said, self.deck_link)
        self.scorecard_box.children = (self.picker, self.table, *deck)

    def charts(self) -> widgets.Widget:
        """The standards over the last periods and the KPIs' progress, for the picked period."""
        heading = widgets.HTML(section_html("pilotage_charts", self.lang))
        return styled(
            widgets.VBox([heading, self.charts_view], layout=widgets.Layout(width="100%"))
        )

    def _draw(self) -> None:
        if self.engagement is None or not self.picker.value:
            return
        self.deck_said.value = self.deck_link.value = ""  # a deck of another period is not this one
        try:
            card = scorecard(self.engagement, self.picker.value)
            words = ScorecardWords(self.engagement, self.lang)
            self.table.value = scorecard_html(card, words)
            self.charts_view.value = charts_html(card, words)
        except Exception:  # a page shows a sentence, never a traceback
            log.exception("scorecard of %s failed", self.picker.value)
            self.table.value = message_html(tr("error.unexpected", self.lang))


def open_pilotage(
    engagement: str | None,
    workspace: str | None = None,
    *,
    measurements: str | Path | None = None,
    author: str | None = None,
) -> PilotagePage:
    """The engagement from the workspace with ``measurements`` read on top (the demo's file
    for the demo when None); a page saying why when it cannot open."""
    lang = resolve_lang()
    if not engagement:
        return PilotagePage(None, error=tr("page.no_engagement", lang))
    try:
        ws = open_workspace(workspace)
        if engagement == DEMO_ENGAGEMENT:
            ws.ensure_demo()
        stored = ws.load(engagement)
    except CxkitError as exc:
        return PilotagePage(None, error=exc.message(lang))
    except Exception:
        log.exception("opening %s failed", engagement)
        return PilotagePage(None, error=tr("error.unexpected", lang))
    page = PilotagePage(
        stored.engagement,
        workspace=ws,
        base_revision=stored.revision.number,
        author=author or author_name(),
    )
    if measurements is None and engagement == DEMO_ENGAGEMENT:
        from cxkit.measures_import import demo_measurements_path

        measurements = demo_measurements_path()
    if measurements is not None:
        page.read(measurements)
    return page
