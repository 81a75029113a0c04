"""Pure HTML for what forms show: links, a download link, the benchmark table and chart.

Strings in, strings out, every typed value escaped: testable without a
widget, and the forms only put the result in a ``widgets.HTML``.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from urllib.parse import quote, urlencode

from cxkit.model import Benchmark
from cxkit.ui.texts import esc

PHASE_NOTEBOOKS = ("collection", "workshops", "restitution")
FOLLOW_UP_NOTEBOOKS = ("pilotage",)
"""After the restitution: the referential's measurements and scorecard."""
# Where a health check's section is fixed.
SECTION_NOTEBOOK = {
    "environment": "collection",
    "collection": "collection",
    "strategy": "workshops",
    "devices": "workshops",
    "referential": "workshops",
    "validation": "restitution",
}

_MIME = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def notebook_link(notebook: str, engagement_id: str, anchor: str | None = None) -> str:
    """A relative link to a sibling notebook: works in JupyterLab and under /voila/render/."""
    link = f"{quote(notebook)}.ipynb?{urlencode({'engagement': engagement_id})}"
    return f"{link}#{quote(anchor)}" if anchor else link


def anchor(text: str, href: str, new_tab: bool = False, css: str | None = None) -> str:
    """A link; ``css`` names its class (``cxkit-link`` draws it as a small button)."""
    target = ' target="_blank" rel="noopener"' if new_tab else ""
    klass = f' class="{esc(css)}"' if css else ""
    return f'<a href="{esc(href)}"{klass}{target}>{esc(text)}</a>'


def download_link(path: Path, text: str) -> str:
    """A link that downloads ``path`` from the page itself (a data: URI).

    Voilà serves only images from the notebook folder, so a link to the file
    would answer 403; the file's bytes travel in the link instead, which
    needs no server route and works in JupyterLab too.
    """
    mime = _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        f'<a class="cxkit-download" download="{esc(path.name)}" href="data:{mime or "application/octet-stream"};base64,{data}">'
        f"{esc(text)}</a>"
    )


def score_color(score: int | None, scale: int) -> str:
    """Red (1) to green (scale) through amber; grey when not scored."""
    if score is None:
        return "#eeeeee"
    ratio = 0.0 if scale <= 1 else max(0.0, min(1.0, (score - 1) / (scale - 1)))
    hue = round(120 * ratio)
    return f"hsl({hue}, 65%, 78%)"


def benchmark_table(benchmark: Benchmark, actor_header: str) -> str:
    """The benchmark as a coloured HTML table, actors by criteria."""
    head = "".join(f"<th style='padding:2px 6px'>{esc(c)}</th>" for c in benchmark.criteria)
    rows = []
    for row in benchmark.scores:
        weight = "font-weight:bold;" if row.kind == "self" else ""
        cells = "".join(
            f"<td style='background:{score_color(row.values.get(c), benchmark.scale)};"
            f"text-align:center;padding:2px 6px'>{esc(row.values.get(c, ''))}</td>"
            for c in benchmark.criteria
        )
        rows.append(
            f"<tr><th style='{weight}text-align:left;padding:2px 6px'>{esc(row.actor)}</th>{cells}</tr>"
        )
    return (
        "<table class='cxkit-bench' style='border-collapse:collapse;font-size:90%'>"
        f"<tr><th style='text-align:left;padding:2px 6px'>{esc(actor_header)}</th>{head}</tr>{''.join(rows)}</table>"
    )


_PALETTE = ("#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f")


def benchmark_chart(benchmark: Benchmark, max_actors: int = 6) -> str:
    """A grouped bar chart (inline SVG) of the client and the first actors, per criterion."""
    rows = sorted(benchmark.scores, key=lambda r: r.kind != "self")[:max_actors]
    criteria = benchmark.criteria
    if not rows or not criteria:
        return ""
    bar, gap, label_w, width = 9, 8, 170, 200
    group = bar * len(rows) + gap
    height = group * len(criteria) + 20 * ((len(rows) + 2) // 3) + 10
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{label_w + width + 30}' height='{height}'"
        " style='font-family:sans-serif;font-size:10px'>"
    ]
    for c, criterion in enumerate(criteria):
        y0 = c * group
        short = criterion if len(criterion) <= 28 else criterion[:27] + "…"
        parts.append(
            f"<text x='{label_w - 4}' y='{y0 + group / 2}' text-anchor='end'>{esc(short)}</text>"
        )
        for r, row in enumerate(rows):
            score = row.values.get(criterion)
            if score is None:
                continue
            w = width * score / benchmark.scale
            color = _PALETTE[r % len(_PALETTE)]
            parts.append(
                f"<rect x='{label_w}' y='{y0 + r * bar}' width='{w:.1f}' height='{bar - 1}' fill='{color}'>"
                f"<title>{esc(row.actor)}: {score}</title></rect>"
            )
    legend_y = group * len(criteria) + 12
    for r, row in enumerate(rows):
        x = (r % 3) * 130
        y = legend_y + (r // 3) * 20
        color = _PALETTE[r % len(_PALETTE)]
        name = row.actor if len(row.actor) <= 18 else row.actor[:17] + "…"
        parts.append(
            f"<rect x='{x}' y='{y - 8}' width='9' height='9' fill='{color}'/>"
            f"<text x='{x + 13}' y='{y}'>{esc(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
