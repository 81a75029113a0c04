"""Draw a :class:`DeckPlan` on a template with python-pptx.

Everything the plan decided (pages, boxes, sizes, clipping, the footer) is
taken as given: the renderer only converts the plan's inches (from the
template's body frame, which the plan was laid out on) into EMU and writes
native shapes, tables and charts, each element by the drawer registered for
its type. Placeholders the plan does not fill are removed rather than left empty.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Inches, Pt

from cxkit.deck.layouts import LAYOUTS, Template, check_template, default_template
from cxkit.deck.plan import (
    LABEL_SIZE,
    Box,
    Card,
    Cards,
    Chart,
    DeckPlan,
    Footer,
    SlidePlan,
    Statement,
    Table,
    TextBlock,
)
from cxkit.document import atomic_write

Progress = Callable[[int, int], None]

MUTED = RGBColor(0x6B, 0x74, 0x80)
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_SERIES_COLORS = (
    MSO_THEME_COLOR.ACCENT_2,
    MSO_THEME_COLOR.ACCENT_3,
    MSO_THEME_COLOR.ACCENT_4,
    MSO_THEME_COLOR.ACCENT_5,
    MSO_THEME_COLOR.ACCENT_6,
)
_XML_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}


_EMU = 914400


@dataclass(frozen=True)
class Frame:
    """The body frame's top-left corner on the slide: where the plan's boxes start."""

    left: float
    top: float

    def place(self, box: Box) -> tuple[int, int, int, int]:
        return (
            round((self.left + box.x) * _EMU),
            round((self.top + box.y) * _EMU),
            round(box.w * _EMU),
            round(box.h * _EMU),
        )


def render(
    plan: DeckPlan,
    template: str | Path | Template | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The ``.pptx`` bytes of ``plan`` drawn on ``template`` (the default one when None).

    The plan must have been laid out on that template's page: a plan made for
    another page would draw outside this one's frame.
    """
    checked = check_template(template or default_template())
    if checked.page != plan.page:
        raise ValueError("the plan was laid out on another template's page")
    prs = Presentation(str(checked.path))
    layouts = {kind: prs.slide_layouts.get_by_name(name) for kind, name in LAYOUTS.items()}
    frame = Frame(plan.page.body.x, plan.page.body.y)
    total = len(plan.slides)
    for number, slide_plan in enumerate(plan.slides, start=1):
        slide = prs.slides.add_slide(layouts[slide_plan.kind])
        _fill_placeholders(slide, slide_plan)
        for element in slide_plan.elements:
            _DRAWERS[type(element)](slide, element, frame, plan.lang)
        if slide_plan.kind == "content":
            _footer(slide, frame, plan.footer, number)
            if slide_plan.kicker:
                _label(slide, frame.place(plan.label_box), slide_plan.kicker)
        if slide_plan.notes:
            slide.notes_slide.notes_text_frame.text = slide_plan.notes
        if progress is not None:
            progress(number, total)
    _properties(prs, plan)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def build_pptx(
    plan: DeckPlan,
    output: str | Path,
    template: str | Path | Template | None = None,
    progress: Progress | None = None,
) -> Path:
    data = render(plan, template, progress)
    atomic_write(output, data)
    return Path(output)


def _properties(prs: Any, plan: DeckPlan) -> None:
    props = prs.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title = plan.title
    props.subject = plan.subject
    props.author = plan.author or "cxkit"
    props.last_modified_by = plan.author or "cxkit"
    props.language = _LANG_TAGS.get(plan.lang, plan.lang)
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = now
    props.modified = now


# --- placeholders -------------------------------------------------------------------


def _fill_placeholders(slide: Any, plan: SlidePlan) -> None:
    for shape in list(slide.placeholders):
        idx = shape.placeholder_format.idx
        if idx == 0:
            _set_text(shape.text_frame, plan.title.split("\n"))
            if plan.title_size:
                for p in shape.text_frame.paragraphs:
                    for r in p.runs:
                        r.font.size = Pt(plan.title_size)
        elif idx == 1 and plan.kind in ("cover", "section") and plan.subtitle:
            _set_text(shape.text_frame, plan.subtitle.split("\n"))
        else:
            shape._element.getparent().remove(shape._element)


def _set_text(frame: Any, lines: list[str]) -> None:
    frame.text = lines[0] if lines else ""
    for line in lines[1:]:
        frame.add_paragraph().text = line


# --- elements -------------------------------------------------------------------------


def _textbox(slide: Any, box: tuple[int, int, int, int]) -> Any:
    shape = slide.shapes.add_textbox(*box)
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = None
    return shape


def _run(
    paragraph: Any,
    text: str,
    size: float,
    bold: bool = False,
    color: Any = None,
    italic: bool = False,
    theme: Any = None,
) -> Any:
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.size = Pt(size)
    if bold:
        font.bold = True
    if italic:
        font.italic = True
    if color is not None:
        font.color.rgb = color
    elif theme is not None:
        font.color.theme_color = theme
    return run


def _text(slide: Any, block: TextBlock, frame: Frame, lang: str) -> None:
    shape = _textbox(slide, frame.place(block.box))
    tf = shape.text_frame
    for i, para in enumerate(block.paragraphs):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = _ALIGN[block.align]
        size = para.size or block.size
        if i:
            p.space_before = Pt(size * 0.35 if para.space is None else para.space)
        if para.level:
            p.level = 0
        color = MUTED if block.muted or para.muted else None
        theme = MSO_THEME_COLOR.ACCENT_1 if para.bold else None
        if para.lead:
            _run(p, para.lead, size, bold=True, italic=block.italic, theme=MSO_THEME_COLOR.ACCENT_1)
        _run(p, para.text, size, bold=para.bold, color=color, italic=block.italic, theme=theme)


def _table(slide: Any, table: Table, frame: Frame, lang: str) -> None:
    """A native table, its rows written as one XML string (python-pptx's cell API
    costs a tree walk per property, which dominates a 150-table deck)."""
    x, y, w, h = frame.place(table.box)
    shape = slide.shapes.add_table(1, len(table.columns), x, y, w, h)  # rows written below
    total = sum(c.width for c in table.columns)
    widths = [int(w * c.width / total) for c in table.columns]
    widths[-1] = w - sum(widths[:-1])
    scale = h / Inches(table.height) if table.height else 1.0
    heights = [int(Inches(rh) * scale) for rh in table.row_heights]
    aligns = [_XML_ALIGN[c.align] for c in table.columns]
    size = int(table.size * 100)
    tag = _LANG_TAGS.get(lang, lang)
    parts = ["<a:tblGrid>", *(f'<a:gridCol w="{cw}"/>' for cw in widths), "</a:tblGrid>"]
    header = tuple(c.header for c in table.columns)
    for r, (cells, rh) in enumerate(zip((header, *table.rows), heights, strict=True)):
        parts.append(f'<a:tr h="{rh}">')
        bold = ' b="1"' if r == 0 else ""
        anchor = "ctr" if r == 0 else "t"
        for text, align in zip(cells, aligns, strict=True):
            parts.append("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>")
            for line in text.split("\n"):
                run = (
                    f'<a:r><a:rPr lang="{tag}" sz="{size}"{bold} dirty="0"/>'
                    f"<a:t>{escape(line)}</a:t></a:r>"
                    if line
                    else ""
                )
                parts.append(
                    f'<a:p><a:pPr algn="{align}"/>{run}'
                    f'<a:endParaRPr lang="{tag}" sz="{size}" dirty="0"/></a:p>'
                )
            parts.append(f'</a:txBody><a:tcPr anchor="{anchor}"/></a:tc>')
        parts.append("</a:tr>")
    tbl = shape._element.graphic.graphicData.tbl
    new = parse_xml(f"<a:tbl {nsdecls('a')}>{''.join(parts)}</a:tbl>")
    for child in list(tbl)[1:]:  # keep the table properties (style, banding)
        tbl.remove(child)
    for child in list(new):
        tbl.append(child)


def _chart(slide: Any, chart: Chart, frame: Frame, lang: str) -> None:
    """A native chart. Bars are fed bottom-up (last category, last series first) because
    office suites stack a bar chart's clusters and list its legend that way: the
    categories then read top-down and the legend in the order of the bars. A stacked bar's
    series run left to right in their order (a distribution from its lowest score)."""
    bar = chart.kind in ("bar", "stacked")
    data = CategoryChartData()
    data.categories = tuple(reversed(chart.categories)) if bar else chart.categories
    specs = tuple(reversed(chart.series)) if chart.kind == "bar" else chart.series
    for series in specs:
        values = tuple(reversed(series.values)) if bar else series.values
        data.add_series(series.name, values, number_format="0.#")
    kind = _CHART_TYPES[chart.kind]
    graphic = slide.shapes.add_chart(kind, *frame.place(chart.box), data)
    ch = graphic.chart
    ch.has_title = False  # the slide's title says it (an office suite titles a lone series)
    ch.has_legend = True
    ch.legend.position = XL_LEGEND_POSITION.BOTTOM
    ch.legend.include_in_layout = False
    ch.legend.font.size = Pt(12)
    ch.font.size = Pt(12)
    ch.font.color.rgb = RGBColor(0x1E, 0x25, 0x30)
    axis = ch.value_axis
    axis.minimum_scale = chart.minimum
    axis.maximum_scale = chart.maximum
    axis.major_unit = chart.step
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor(0xD5, 0xDA, 0xE0)
    axis.format.line.fill.background()
    axis.tick_labels.font.size = Pt(11)
    axis.tick_labels.font.color.rgb = MUTED
    plot = ch.plots[0]
    if chart.kind == "line":
        ch.category_axis.tick_labels.font.size = Pt(11)
        ch.category_axis.format.line.color.rgb = RGBColor(0xB9, 0xC1, 0xCA)
    if bar:
        ch.category_axis.tick_labels.font.size = Pt(12)
        ch.category_axis.format.line.color.rgb = RGBColor(0xB9, 0xC1, 0xCA)
        plot.gap_width = 60
        plot.overlap = 100 if chart.kind == "stacked" else -10
    if chart.labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = "0;;;" if chart.kind == "stacked" else "0.#"  # no "0" segment
        labels.number_format_is_linked = False
        labels.font.size = Pt(10)
        stacked = chart.kind == "stacked"  # a count inside its coloured segment
        labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if stacked else MUTED
    _series_colors(plot, specs, bar)


_CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked": XL_CHART_TYPE.BAR_STACKED,
    "radar": XL_CHART_TYPE.RADAR_MARKERS,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}


def _series_colors(plot: Any, specs: tuple[Any, ...], bar: bool) -> None:
    """The client's series in the accent, each other one in its own theme color."""
    others = iter(_SERIES_COLORS * (1 + len(specs) // len(_SERIES_COLORS)))
    colors: dict[int, Any] = {}
    for spec in reversed(specs):  # colors assigned in reading order
        colors[id(spec)] = MSO_THEME_COLOR.ACCENT_1 if spec.emphasis else next(others)
    for series, spec in zip(plot.series, specs, strict=True):
        color = colors[id(spec)]
        if bar:
            series.format.fill.solid()
            series.format.fill.fore_color.theme_color = color
        else:
            series.format.line.color.theme_color = color
            series.format.line.width = Pt(3 if spec.emphasis else 1.75)
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.theme_color = color
            series.marker.format.line.color.theme_color = color
            series.smooth = False


def _cards(slide: Any, cards: Cards, frame: Frame, lang: str) -> None:
    for card, box, caption in zip(cards.cards, cards.boxes, cards.captions, strict=True):
        _card(slide, card, box, caption, cards, frame)


def _rectangle(slide: Any, box: tuple[int, int, int, int], color: Any) -> Any:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *box)
    shape.fill.solid()
    shape.fill.fore_color.theme_color = color
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _card(slide: Any, card: Card, box: Box, caption: Box, cards: Cards, frame: Frame) -> None:
    x, y, w, h = frame.place(box)
    back = _rectangle(slide, (x, y, w, h), MSO_THEME_COLOR.BACKGROUND_2)
    _rectangle(slide, (x, y, w, Inches(0.06)), MSO_THEME_COLOR.ACCENT_1)
    tf = back.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.TOP if card.body or card.tag else MSO_ANCHOR.MIDDLE
    for side in ("margin_left", "margin_right"):
        setattr(tf, side, Inches(0.2))
    tf.margin_top = Inches(0.25)
    # The body stops above the caption the plan placed at the card's foot.
    tf.margin_bottom = Inches(box.y + box.h - caption.y + 0.1)
    first = True

    def paragraph() -> Any:
        nonlocal first
        p = tf.paragraphs[0] if first else tf.add_paragraph()
        first = False
        p.alignment = PP_ALIGN.LEFT if (card.body or card.tag) else PP_ALIGN.CENTER
        return p

    if card.tag:
        tag = _run(paragraph(), card.tag, cards.caption_size, bold=True, color=MUTED)
        tag.font._rPr.set("cap", "all")  # small capitals by style: the text stays as typed
    if card.heading:
        p = paragraph()
        _run(p, card.heading, cards.heading_size, bold=True, theme=MSO_THEME_COLOR.ACCENT_1)
    if card.body:
        p = paragraph()
        p.space_before = Pt(8)
        _run(p, card.body, cards.body_size, italic=cards.quote, theme=MSO_THEME_COLOR.TEXT_1)
    if card.caption:
        cap = _textbox(slide, frame.place(caption))
        cap.text_frame.margin_left = cap.text_frame.margin_right = Inches(0.2)
        cap.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        _run(cap.text_frame.paragraphs[0], card.caption, cards.caption_size, color=MUTED)


def _statement(slide: Any, statement: Statement, frame: Frame, lang: str) -> None:
    if statement.caption:
        cap = _textbox(slide, frame.place(statement.caption_box))
        _run(
            cap.text_frame.paragraphs[0],
            statement.caption,
            statement.caption_size,
            bold=True,
            theme=MSO_THEME_COLOR.ACCENT_1,
        )
    _rectangle(slide, frame.place(statement.bar_box), MSO_THEME_COLOR.ACCENT_1)
    shape = _textbox(slide, frame.place(statement.box))
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for i, line in enumerate(statement.text.split("\n")):
        p = shape.text_frame.paragraphs[0] if i == 0 else shape.text_frame.add_paragraph()
        _run(p, line, statement.size, theme=MSO_THEME_COLOR.TEXT_1)


def _label(slide: Any, box: tuple[int, int, int, int], text: str) -> None:
    """The slide's topic, small capitals in the accent color, above its message."""
    shape = _textbox(slide, box)
    shape.name = "Topic"
    tf = shape.text_frame
    tf.margin_left = tf.margin_right = 0
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    run = _run(tf.paragraphs[0], text, LABEL_SIZE, bold=True, theme=MSO_THEME_COLOR.ACCENT_1)
    run.font._rPr.set("cap", "all")


def _footer(slide: Any, frame: Frame, footer: Footer, number: int) -> None:
    left = _textbox(slide, frame.place(footer.box))
    left.text_frame.margin_left = 0
    _run(left.text_frame.paragraphs[0], footer.text, footer.size, color=MUTED)
    right = _textbox(slide, frame.place(footer.number_box))
    right.text_frame.margin_right = 0
    p = right.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT
    run = _run(p, "‹#›", footer.size, color=MUTED)
    field = OxmlElement("a:fld")
    p._p.append(field)
    field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    field.set("type", "slidenum")
    field.append(run._r.find(qn("a:rPr")))
    text_el = OxmlElement("a:t")
    field.append(text_el)
    text_el.text = str(number)
    p._p.remove(run._r)


Drawer = Callable[[Any, Any, Frame, str], None]

_DRAWERS: dict[type, Drawer] = {
    TextBlock: _text,
    Table: _table,
    Chart: _chart,
    Cards: _cards,
    Statement: _statement,
}
"""How each kind of element is drawn: adding an element is one drawer here."""
