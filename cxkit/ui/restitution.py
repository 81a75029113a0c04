"""Phase 3 forms: health checks, validation of each part, deliverables, the pillars' thread."""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import ipywidgets as widgets

from cxkit.checks import run_checks
from cxkit.errors import CxkitError
from cxkit.i18n import label
from cxkit.labels import capitalize
from cxkit.provenance import provenance_notes
from cxkit.typography import nbsp, t_plural
from cxkit.ui.findings import findings_html
from cxkit.ui.form import Form
from cxkit.ui.references import interview_name
from cxkit.ui.texts import colon, esc, quoted
from cxkit.ui.thread import pillar_threads
from cxkit.ui.views import download_link
from cxkit.ui.widgets import Spec, button, message_html
from cxkit.vocab import VALIDATED_SECTIONS, ValidationStatus


class ChecksForm(Form):
    """The method's health checks, live, each with a link to the form that fixes it."""

    title_key = "form.checks"

    def build(self) -> widgets.Widget:
        self.list = widgets.HTML()
        self.session.on_change(lambda _s: self._redraw_if_changed())
        return self.list

    def reload(self) -> None:
        super().reload()
        self.draw()

    def draw(self) -> None:
        e = self.session.engagement
        self.list.value = findings_html(run_checks(e), e.id, self.lang)


class ValidationForm(Form):
    """Who validated which part of the strategy, and when."""

    title_key = "form.validation"

    def build(self) -> widgets.Widget:
        boxes = []
        for section in VALIDATED_SECTIONS:
            name = capitalize(label("section", section, self.lang))
            boxes.append(widgets.HTML(f"<h4>{esc(name)}</h4>"))
            boxes.append(
                self.fields(
                    [
                        Spec(
                            "status",
                            "choice",
                            "validation_status",
                            ("status", get_args(ValidationStatus)),
                        ),
                        Spec("by", "text", "validated_by"),
                        Spec("date", "date", "date"),
                    ],
                    ("validation", section),
                )
            )
        return widgets.VBox(boxes)


Builder = Callable[..., Path]


def _deck_builder() -> Builder:
    """Imported when asked: python-pptx costs a page memory it may not need."""
    builder: Builder = importlib.import_module("cxkit.deck").build_deck
    return builder


def _workbook_builder() -> Builder:
    builder: Builder = importlib.import_module("cxkit.workbook").build_workbook
    return builder


class ExportsForm(Form):
    """Build the deck and the workbook; download them from the page (JupyterLab or Voilà)."""

    title_key = "form.exports"

    def build(self) -> widgets.Widget:
        self.folder = Path(tempfile.mkdtemp(prefix="cxkit-exports-"))
        self.progress = widgets.IntProgress(
            value=0, min=0, max=1, layout=widgets.Layout(width="50%")
        )
        self.progress_label = widgets.Label()
        self.links = widgets.HTML()
        self.message = widgets.HTML()
        self.deck_button = button(
            self.tr("exports.deck"),
            self.build_deck,
            self.lang,
            self._say,
            icon="file-powerpoint-o",
            button_style="primary",
        )
        self.workbook_button = button(
            self.tr("exports.workbook"),
            self.build_workbook,
            self.lang,
            self._say,
            icon="file-excel-o",
        )
        self.files: dict[str, Path] = {}
        return widgets.VBox(
            [
                widgets.HBox([self.deck_button, self.workbook_button]),
                widgets.HBox([self.progress, self.progress_label]),
                self.message,
                self.links,
            ]
        )

    def _say(self, html: str) -> None:
        self.message.value = html
        self.progress_label.value = ""

    def _progress(self, done: int, total: int) -> None:
        self.progress.max = max(1, total)
        self.progress.value = min(done, self.progress.max)
        self.progress_label.value = self.tr("exports.progress", done=done, total=total)

    def _build(self, kind: str, get: Callable[[], Builder], suffix: str, **kw: Any) -> Path | None:
        self.session.flush()
        builder = get()
        e = self.session.store.with_contributions(self.session.engagement)  # workshops' results
        path = self.folder / f"{e.id}-r{self.session.revision}{suffix}"
        self.progress.value = 0
        self._say("")
        try:
            built = Path(builder(e, path, lang=e.language, **kw))
        except CxkitError as exc:
            self._say(message_html(exc.message(self.lang)))
            return None
        self.files[kind] = built
        self.links.value = " ".join(
            download_link(p, self.tr(f"exports.download.{k}", name=p.name))
            for k, p in self.files.items()
        )
        self._say(message_html(self.tr("exports.done", name=built.name), ok=True))
        return built

    def build_deck(self) -> Path | None:
        return self._build("deck", _deck_builder, ".pptx", progress=self._progress)

    def build_workbook(self) -> Path | None:
        return self._build("workbook", _workbook_builder, ".xlsx", progress=self._progress)


class ThreadForm(Form):
    """Each pillar back to its evidence and forward to its KPIs, standards, rituals and leads."""

    title_key = "form.thread"

    def build(self) -> widgets.Widget:
        self.html = widgets.HTML()
        self.session.on_change(lambda _s: self._redraw_if_changed())
        return self.html

    def reload(self) -> None:
        super().reload()
        self.draw()

    def _list(self, key: str, items: list[str], limit: int = 6) -> str:
        if not items:
            none = esc(self.tr("thread.none"))
            return f"<li><b>{esc(self.tr(key))}</b>{colon(self.lang)}<span style='color:#b00020'>{none}</span></li>"
        separator = "\u202f; " if self.lang == "fr" else "; "
        shown = separator.join(esc(nbsp(i, self.lang)) for i in items[:limit])
        more = (
            f" <i>{esc(t_plural('forms.more', len(items) - limit, self.lang))}</i>"
            if len(items) > limit
            else ""
        )
        return f"<li><b>{esc(self.tr(key))}</b>{colon(self.lang)}{shown}{more}</li>"

    def draw(self) -> None:
        blocks = []
        e = self.session.engagement
        interviews = {i.id: interview_name(i, e, self.lang) for i in e.collection.interviews}
        for th in pillar_threads(e):
            p = th.pillar
            back = [
                self._list("thread.segments", [s.name for s in th.segments]),
                self._list("thread.interviews", [interviews.get(i, i) for i in th.interviews]),
                self._list(
                    "thread.verbatims",
                    [
                        f"{quoted(v.text, self.lang)} ({interviews.get(i, i)})"
                        for i, v in th.verbatims
                    ],
                    4,
                ),
                self._list("thread.competitors", th.competitors),
                self._list(
                    "thread.gaps",
                    [
                        f"{g.criterion}{colon(self.lang)}{g.actor} {g.actor_score} / {g.client_score}"
                        for g in th.gaps
                    ],
                ),
            ]
            forward = [
                self._list("thread.kpis", [k.name for k in th.kpis]),
                self._list("thread.standards", [s.statement for s in th.standards]),
                self._list("thread.rituals", [r.name for r in th.rituals]),
                self._list(
                    "thread.actions",
                    [f"{a.title} ({label('device', kind, self.lang)})" for kind, a in th.actions],
                ),
            ]
            if th.adopted:
                adopted = provenance_notes(e, th.adopted, self.lang)
                forward.append(self._list("thread.adopted", adopted, len(adopted)))
            said = esc(quoted(nbsp(p.customers_say or "", self.lang), self.lang))
            quote = f"<div><i>{said}</i></div>" if p.customers_say else ""
            blocks.append(
                f"<div style='border-left:4px solid #1f4e79;padding-left:8px;margin:8px 0'>"
                f"<h4>{esc(p.name)}</h4>{quote}"
                f"<b>{esc(self.tr('thread.back'))}</b><ul>{''.join(back)}</ul>"
                f"<b>{esc(self.tr('thread.forward'))}</b><ul>{''.join(forward)}</ul></div>"
            )
        self.html.value = "".join(blocks) or esc(self.tr("thread.no_pillars"))
