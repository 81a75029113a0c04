"""Phase 1 forms: engagement card, the three visions, interviews, benchmark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

import ipywidgets as widgets

from cxkit.errors import CxkitError
from cxkit.model import (
    ActorKind,
    Audience,
    Language,
    Market,
    Phase,
    SegmentPriority,
    SegmentValue,
    Team,
    Vision,
)
from cxkit.safety import guarded
from cxkit.typography import t_plural
from cxkit.ui.benchmark_import import read_benchmark
from cxkit.ui.form import Form
from cxkit.ui.guides import load_guide
from cxkit.ui.references import interview_name, segment_choices
from cxkit.ui.session import Doc, EditSession, Loc, problems_at
from cxkit.ui.texts import colon, esc, tr, vocab_options
from cxkit.ui.views import benchmark_chart, benchmark_table
from cxkit.ui.widgets import (
    ERROR_STYLE,
    Field,
    ListEditor,
    Reloadable,
    Spec,
    button,
    message_html,
    new_id,
    problems_html,
    shown_in,
)


class CardForm(Form):
    """The engagement card: who the client is, who runs the mission, which phase."""

    title_key = "form.card"

    def build(self) -> widgets.Widget:
        base = ("engagement",)
        return widgets.VBox(
            [
                self.fields(
                    [
                        Spec("client", "text", "client"),
                        Spec("sector", "text", "sector"),
                        Spec("market", "choice", "market", ("market", get_args(Market))),
                        Spec("language", "choice", "language", ("language", get_args(Language))),
                        Spec("consultants", "lines", "consultants"),
                        Spec("sponsor", "text", "sponsor"),
                        Spec("start", "date", "start"),
                        Spec("phase", "choice", "phase", ("phase", get_args(Phase))),
                    ],
                    base,
                ),
            ]
        )


class CustomerForm(Form):
    """Customer vision: segments, which to win or keep, which are worth most, what they expect."""

    title_key = "form.customer"

    def build(self) -> widgets.Widget:
        self.segments = self.keep(
            ListEditor(
                self.session,
                ("environment", "customer", "segments"),
                [
                    Spec("name", "text", "name"),
                    Spec("description", "textarea", "description"),
                    Spec("share", "number", "share"),
                    Spec("value", "choice", "value", ("value", get_args(SegmentValue))),
                    Spec(
                        "priority",
                        "choice",
                        "priority",
                        ("priority_segment", get_args(SegmentPriority)),
                    ),
                    Spec("expectations", "lines", "expectations"),
                    Spec("needs", "lines", "needs"),
                ],
                title=lambda s: str(s.get("name", "")),
                new_item=lambda doc: {"id": new_id(doc, "segment"), "name": self.tr("new.segment")},
            )
        )
        return self.segments.box


class CompanyForm(Form):
    """Company vision: strategy, key objectives, values and DNA."""

    title_key = "form.company"

    def build(self) -> widgets.Widget:
        return self.fields(
            [
                Spec("strategy", "textarea", "strategy"),
                Spec("objectives", "lines", "objectives", rows=4),
                Spec("values", "lines", "values"),
            ],
            ("environment", "company"),
        )


class MarketForm(Form):
    """Market vision: competitors' positioning and practices, cross-sector best practices."""

    title_key = "form.market"

    def build(self) -> widgets.Widget:
        self.competitors = self.keep(
            ListEditor(
                self.session,
                ("environment", "market", "competitors"),
                [
                    Spec("name", "text", "name"),
                    Spec("positioning", "textarea", "positioning"),
                    Spec("practices", "lines", "practices"),
                ],
                title=lambda c: str(c.get("name", "")),
                new_item=lambda doc: {
                    "id": new_id(doc, "concurrent"),
                    "name": self.tr("new.competitor"),
                },
            )
        )
        self.best_practices = self.keep(
            ListEditor(
                self.session,
                ("environment", "market", "best_practices"),
                [
                    Spec("actor", "text", "actor"),
                    Spec("sector", "text", "sector"),
                    Spec("practice", "textarea", "practice"),
                    Spec("applicability", "textarea", "applicability"),
                ],
                title=lambda b: f"{b.get('actor', '')} — {b.get('practice', '') or ''}"[:80],
                new_item=lambda doc: {"actor": self.tr("new.actor")},
            )
        )
        return widgets.VBox(
            [
                widgets.HTML(f"<h4>{esc(self.tr('part.competitors'))}</h4>"),
                self.competitors.box,
                widgets.HTML(f"<h4>{esc(self.tr('part.best_practices'))}</h4>"),
                self.best_practices.box,
            ]
        )


class GuideNotes(Reloadable):
    """Notes against the interview guide of the selected interview's audience."""

    def __init__(self, session: EditSession, item: Callable[[], Loc]) -> None:
        self.session = session
        self.item = item
        self.audience: str | None = "?"
        self.fields: list[Field] = []
        self.title = widgets.HTML()
        self.list = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.box = widgets.VBox([self.title, self.list], layout=widgets.Layout(width="100%"))

    def reload(self) -> None:
        lang = self.session.lang
        audience = self.session.get((*self.item(), "audience"))
        if audience != self.audience:
            self.audience = audience
            try:
                guide = load_guide(audience, lang)
            except CxkitError as exc:
                self.title.value = message_html(exc.message(lang))
                self.fields, self.list.children = [], ()
                return
            title = tr("part.guide", lang) + colon(lang) + guide.title
            self.title.value = f"<h4>{esc(title)}</h4>"
            boxes: list[widgets.Widget] = []
            self.fields = []
            for section in guide.sections:
                boxes.append(widgets.HTML(f"<i>{esc(section.title)}</i>"))
                for q in section.questions:
                    f = Field(
                        self.session,
                        self._answer_loc(q.id),
                        "textarea",
                        q.text,
                        rows=3,
                    )
                    self.fields.append(f)
                    boxes.append(f.box)
            self.list.children = tuple(boxes)
        for f in self.fields:
            f.reload()

    def _answer_loc(self, question: str) -> Callable[[], Loc]:
        return lambda: (*self.item(), "answers", question)


class InterviewsForm(Form):
    """Interviews: who, when, notes against the guide, verbatims tagged for analysis."""

    title_key = "form.interviews"

    def build(self) -> widgets.Widget:
        s = self.session
        self.interviews = self.keep(
            ListEditor(
                s,
                ("collection", "interviews"),
                [
                    Spec("audience", "choice", "audience", ("audience", get_args(Audience))),
                    Spec("team", "choice", "team", ("team", get_args(Team))),
                    Spec("role", "text", "role"),
                    Spec("segment", "ref", "segment", choices=lambda e, _lang: segment_choices(e)),
                    Spec("date", "date", "date"),
                    Spec("interviewer", "text", "interviewer"),
                    Spec("notes", "textarea", "notes", rows=4),
                ],
                title=self._interview_title,
                new_item=lambda doc: {"id": new_id(doc, "entretien")},
                children=[
                    lambda item: GuideNotes(s, item),
                    lambda item: self._verbatims(item),
                ],
            )
        )
        return self.interviews.box

    def _interview_title(self, item: dict[str, Any]) -> str:
        """The interview by who was met and when (its id means nothing to the consultant)."""
        e = self.session.engagement
        found = next((i for i in e.collection.interviews if i.id == item.get("id")), None)
        return interview_name(found, e, self.lang) if found else str(item.get("role") or "")

    def _verbatims(self, item: Callable[[], Loc]) -> Reloadable:
        s = self.session
        editor = ListEditor(
            s,
            lambda: (*item(), "verbatims"),
            [
                Spec("text", "textarea", "verbatim"),
                Spec("vision", "choice", "vision", ("vision", get_args(Vision))),
                Spec("themes", "tags", "themes"),
                Spec("segment", "ref", "segment", choices=lambda e, _lang: segment_choices(e)),
            ],
            title=lambda v: str(v.get("text", ""))[:80],
            new_item=lambda doc: {"text": self.tr("new.verbatim")},
            rows=4,
        )
        editor.box.children = (
            widgets.HTML(f"<h4>{esc(self.tr('part.verbatims'))}</h4>"),
            *editor.box.children,
        )
        return editor


class BenchmarkForm(Form):
    """The benchmark: actors by criteria, scores checked against the scale as typed."""

    title_key = "form.benchmark"
    page_size = 12

    def build(self) -> widgets.Widget:
        base = ("collection", "benchmark")
        self.page = 0
        self.cells: dict[tuple[int, str], widgets.Text] = {}
        scale = self.field(Spec("scale", "number", "scale"), base, after=self.redraw)
        criteria = self.field(
            Spec("criteria", "lines", "criteria", rows=5), base, after=self.redraw
        )
        self.grid = widgets.GridBox(layout=widgets.Layout(overflow="auto", width="100%"))
        self.grid_error = widgets.HTML()
        self.message = widgets.HTML()
        self.new_actor = widgets.Text(placeholder=self.tr("placeholder.actor"))
        self.new_kind = widgets.Dropdown(
            options=vocab_options("actor", get_args(ActorKind), self.lang), index=0
        )
        add = button(
            self.tr("benchmark.add_actor"), self.add_actor, self.lang, self._say, icon="plus"
        )
        self.prev = button("◀", lambda: self.turn(-1), self.lang, self._say)
        self.next = button("▶", lambda: self.turn(1), self.lang, self._say)
        self.page_label = widgets.Label()
        self.upload = widgets.FileUpload(
            accept=".csv,.xlsx",
            multiple=False,
            description=self.tr("benchmark.import"),
            layout=widgets.Layout(width="auto"),
        )
        self.upload.observe(self._uploaded, "value")
        self.table = widgets.HTML()
        self.chart = widgets.HTML()
        return widgets.VBox(
            [
                widgets.HBox([scale.box, self.upload]),
                criteria.box,
                widgets.HTML(f"<h4>{esc(self.tr('part.grid'))}</h4>"),
                widgets.HBox([self.prev, self.page_label, self.next]),
                self.grid,
                self.grid_error,
                widgets.HBox([self.new_actor, self.new_kind, add]),
                self.message,
                widgets.HBox([self.table, self.chart]),
            ]
        )

    def _say(self, html: str) -> None:
        self.message.value = html

    def reload(self) -> None:
        super().reload()
        self.redraw()

    def _rows(self) -> list[dict[str, Any]]:
        return self.session.get(("collection", "benchmark", "scores"), []) or []

    def turn(self, step: int) -> None:
        pages = max(1, -(-len(self._rows()) // self.page_size))
        self.page = max(0, min(pages - 1, self.page + step))
        self.redraw()

    def redraw(self) -> None:
        """Rebuild the grid's page, the coloured table and the chart from the engagement."""
        rows = self._rows()
        criteria: list[str] = self.session.get(("collection", "benchmark", "criteria"), []) or []
        pages = max(1, -(-len(rows) // self.page_size))
        self.page = min(self.page, pages - 1)
        self.page_label.value = self.tr("benchmark.page", page=self.page + 1, pages=pages)
        first = self.page * self.page_size
        cells: list[widgets.Widget] = [
            widgets.HTML(f"<b>{esc(self.tr('field.actor'))}</b>"),
            widgets.HTML(""),
        ]
        for c in criteria:  # a header wraps inside its column, never over the next one
            head = widgets.HTML(esc(c), layout=widgets.Layout(overflow="hidden"))
            head.add_class("cxkit-grid-head")
            cells.append(head)
        self.cells = {}
        for r in range(first, min(first + self.page_size, len(rows))):
            row = rows[r]
            cells.append(widgets.HTML(esc(row.get("actor", ""))))
            cells.append(
                button(
                    "✕",
                    self._remover(r),
                    self.lang,
                    self._say,
                    tooltip=self.tr("list.remove"),
                )
            )
            for c in criteria:
                value = (row.get("values") or {}).get(c)
                cell = widgets.Text(
                    value="" if value is None else str(value),
                    continuous_update=False,
                    layout=widgets.Layout(width="4em"),
                )
                cell.observe(lambda ch, r=r, c=c: self._typed(r, c, ch["new"]), "value")
                self.cells[(r, c)] = cell
                cells.append(cell)
        self.grid.layout.grid_template_columns = f"12em 3em repeat({len(criteria)}, 7em)"
        self.grid.children = tuple(cells)
        self.grid_error.value = ""
        benchmark = self.session.engagement.collection.benchmark
        self.table.value = benchmark_table(benchmark, self.tr("field.actor"))
        self.chart.value = benchmark_chart(benchmark)

    def _typed(self, row: int, criterion: str, text: str) -> None:
        guarded(shown_in(self.lang, self._say))(self.score)(row, criterion, text)

    def score(self, row: int, criterion: str, text: str) -> list[Any]:
        """Set one score; a refused one stays in its cell, framed red, with the reason below."""
        raw = text.strip()
        value: Any = None if not raw else (int(raw) if raw.lstrip("-").isdigit() else raw)
        loc = ("collection", "benchmark", "scores", row, "values", criterion)
        problems = self.session.set(loc, value)
        cell = self.cells.get((row, criterion))
        mine = problems_at(problems, loc)
        if cell is not None:
            cell.layout.border = "2px solid #b00020" if problems else ""
        if problems:
            actor = self.session.get(("collection", "benchmark", "scores", row, "actor"), "")
            head = esc(self.tr("benchmark.cell", actor=actor, criterion=criterion))
            self.grid_error.value = f"<div style='{ERROR_STYLE}'>{head}</div>" + problems_html(
                mine or problems, self.lang, here=loc
            )
        else:
            self.grid_error.value = ""
            benchmark = self.session.engagement.collection.benchmark
            self.table.value = benchmark_table(benchmark, self.tr("field.actor"))
            self.chart.value = benchmark_chart(benchmark)
        return problems

    def add_actor(self) -> None:
        name = self.new_actor.value.strip()
        if not name:
            self._say(message_html(self.tr("benchmark.actor_needed")))
            return
        row: dict[str, Any] = {"actor": name, "values": {}}
        if self.new_kind.value:
            row["kind"] = self.new_kind.value
        problems = self.session.apply(lambda doc: _scores(doc).append(row))
        self._say(problems_html(problems, self.lang))
        if not problems:
            self.new_actor.value = ""
            self.page = len(self._rows()) // self.page_size
            self.redraw()

    def _remover(self, row: int) -> Callable[[], None]:
        return lambda: self.remove_actor(row)

    def remove_actor(self, row: int) -> None:
        problems = self.session.apply(lambda doc: _scores(doc).pop(row))
        self._say(problems_html(problems, self.lang))
        if not problems:
            self.redraw()

    def import_file(self, data: bytes, filename: str) -> list[Any]:
        """Replace the benchmark with a CSV/Excel file's grid (refused whole if invalid)."""
        scale = self.session.get(("collection", "benchmark", "scale"), 5)
        mapping = read_benchmark(data, filename, scale)
        problems = self.session.set(("collection", "benchmark"), mapping)
        if problems:
            self._say(problems_html(problems, self.lang))
        else:
            self._say(
                message_html(
                    t_plural(
                        "forms.benchmark.imported", len(mapping["scores"]), self.lang, file=filename
                    ),
                    ok=True,
                )
            )
            super().reload()
            self.page = 0
            self.redraw()
        return problems

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        guarded(shown_in(self.lang, self._say))(
            lambda: self.import_file(bytes(upload["content"]), str(upload["name"]))
        )()


def _scores(doc: Doc) -> list[dict[str, Any]]:
    bench = doc.setdefault("collection", {}).setdefault("benchmark", {})
    scores: list[dict[str, Any]] = bench.setdefault("scores", [])
    return scores
