"""Building the deck of a large engagement, against bare python-pptx writing the same deck.

Baseline, in the same run and on the same template: python-pptx's plain
calls (``add_slide``, ``add_table`` + ``cell.text``, ``add_chart``,
``add_textbox``) write the same number of slides, with tables of the same
sizes and contents and the same charts, but no styling, fitting, notes or
footers. cxkit's time includes planning (pagination, text budgets),
rendering and the atomic write. Targets (issue 4): at most 1.5x the
baseline, and under 3 s on a 2-core machine.

    .venv/bin/python benchmarks/bench_deck.py
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from _common import best_of, row
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from cxkit.deck import build_deck, default_template, plan_deck
from cxkit.deck.layouts import LAYOUTS
from cxkit.deck.plan import Cards, Chart, DeckPlan, Statement, Table, TextBlock
from cxkit.sample import large_engagement

SIZES = {"interviews": 300, "competitors": 60, "criteria": 20, "standards": 120, "actions": 500}


def bare(plan: DeckPlan, template: Path) -> bytes:
    """The same slides, tables and charts with python-pptx's plain calls."""
    prs = Presentation(str(template))
    layouts = {k: prs.slide_layouts.get_by_name(n) for k, n in LAYOUTS.items()}
    box = (Inches(0.6), Inches(1.5), Inches(12.1), Inches(5.2))
    for spec in plan.slides:
        slide = prs.slides.add_slide(layouts[spec.kind])
        slide.shapes.title.text = spec.title
        for element in spec.elements:
            if isinstance(element, Table):
                shape = slide.shapes.add_table(
                    len(element.rows) + 1, len(element.columns), *box
                ).table
                for c, column in enumerate(element.columns):
                    shape.cell(0, c).text = column.header
                for r, cells in enumerate(element.rows, start=1):
                    for c, text in enumerate(cells):
                        shape.cell(r, c).text = text
            elif isinstance(element, Chart):
                data = CategoryChartData()
                data.categories = element.categories
                for series in element.series:
                    data.add_series(series.name, series.values)
                slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data)
            elif isinstance(element, Cards):
                for card in element.cards:
                    slide.shapes.add_textbox(*box).text_frame.text = f"{card.heading}\n{card.body}"
            elif isinstance(element, Statement):
                slide.shapes.add_textbox(*box).text_frame.text = element.text
            elif isinstance(element, TextBlock):
                text = "\n".join(p.text for p in element.paragraphs)
                slide.shapes.add_textbox(*box).text_frame.text = text
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def main() -> None:
    engagement = large_engagement(**SIZES)
    template = default_template()
    plan = plan_deck(engagement)
    tables = sum(len(s.tables()) for s in plan.slides)
    charts = sum(len(s.charts()) for s in plan.slides)
    print(
        f"large engagement ({', '.join(f'{v} {k}' for k, v in SIZES.items())}): "
        f"{len(plan.slides)} slides, {tables} tables, {charts} charts"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "large.pptx"
        baseline = best_of(lambda: bare(plan, template), repeat=3)
        planning = best_of(lambda: plan_deck(engagement), repeat=3)
        full = best_of(lambda: build_deck(engagement, out), repeat=3)
        print(row("bare python-pptx, same slides/tables/charts, baseline", baseline))
        print(row("cxkit plan_deck alone (pagination, fitting)", planning, baseline))
        print(row("cxkit build_deck (plan + render + atomic write)", full, baseline))
        ratio = full / baseline
        verdict = "OK" if ratio <= 1.5 and full < 3.0 else "OVER TARGET"
        print(
            f"build_deck is {ratio:.2f}x the bare baseline (target <= 1.50x) "
            f"in {full:.2f} s (target < 3 s): {verdict}"
        )


if __name__ == "__main__":
    main()
