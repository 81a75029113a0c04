"""The projected 2×2 matrix: impact up, ease across, the room's placements and each lead's median.

Inline SVG, nothing fetched, sized in viewport units like the rest of the
projected screen (:mod:`cxkit.apps.live_projection`), so it fills 1280×720
without scrolling. Placements are whole numbers, so many fall on the same
spot: each spot's dots are spread in a small sunflower around it (a cloud,
not a pile), one colour per lead. Each lead's median is a numbered marker of
its colour; the key beside the matrix names the numbers by the leads'
titles (escaped) and the quadrant each falls in. While the round's results
are hidden the store leaves the points out, and only the count is shown.
"""

from __future__ import annotations

import math
from collections import defaultdict

from cxkit.apps.live_projection import empty_body
from cxkit.i18n import t
from cxkit.prioritisation import SCALE, quadrant, quadrant_name
from cxkit.safety import esc
from cxkit.store.placement import Placements
from cxkit.typography import nbsp, t_plural

MAX_KEY = 10
"""Leads named in the key; the others are counted ("and 3 more leads")."""
PALETTE = ("#0969da", "#bf3989", "#1a7f37", "#bc4c00", "#8250df", "#0e7490", "#9a6700", "#cf222e")
SPREAD = 10.5
"""Radius (in hundredths of the matrix) of the cloud of placements around one spot."""
GOLDEN = math.pi * (3 - math.sqrt(5))

MATRIX_CSS = """
<style>
.cxkit-matrix{align-items:stretch}
.cxkit-matrix svg{height:80vh;width:80vh;flex:none;display:block}
.cxkit-matrix-side{flex:1 1 auto;min-width:0;display:flex;flex-direction:column;overflow:hidden}
.cxkit-matrix-count{font-size:4.4vh;font-weight:700;margin:0 0 1vh}
.cxkit-matrix-key{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:1.1vh}
.cxkit-matrix-key li{display:grid;grid-template-columns:5vh 1fr;gap:1vw;align-items:center}
.cxkit-matrix-key b{display:flex;align-items:center;justify-content:center;width:4.6vh;height:4.6vh;
 border-radius:50%;color:#fff;font-size:2.8vh}
.cxkit-matrix-key span{font-size:2.7vh;line-height:1.2;overflow:hidden;display:-webkit-box;
 -webkit-line-clamp:2;-webkit-box-orient:vertical;overflow-wrap:anywhere}
.cxkit-matrix-key em{font-style:normal;color:#57606a}
</style>
"""
QUADRANTS = (  # name, x, y of its label, anchor, fill of its quarter
    ("major-projects", 2, 6, "start", "#ddf4ff", 0, 0),
    ("quick-wins", 98, 6, "end", "#dafbe1", 50, 0),
    ("thankless-tasks", 2, 97, "start", "#f6f8fa", 0, 50),
    ("fill-ins", 98, 97, "end", "#fff8c5", 50, 50),
)


def _x(ease: float) -> float:
    return (ease - 0.5) / SCALE * 100


def _y(impact: float) -> float:
    return 100 - (impact - 0.5) / SCALE * 100


def _frame(lang: str) -> str:
    """The four quarters, named in the method's words, and the two axes."""
    parts = []
    for name, lx, ly, anchor, fill, qx, qy in QUADRANTS:
        parts.append(f'<rect x="{qx}" y="{qy}" width="50" height="50" fill="{fill}"/>')
        parts.append(
            f'<text x="{lx}" y="{ly}" text-anchor="{anchor}" font-size="4.4" font-weight="700" '
            f'fill="#424a53" stroke="#fff" stroke-width="1.2" paint-order="stroke">'
            f"{esc(quadrant_name(name, lang))}</text>"
        )
    impact, ease = t("matrix.axis.impact", lang), t("matrix.axis.ease", lang)
    parts += [
        '<path d="M50 0V100M0 50H100" stroke="#8c959f" stroke-width="0.4"/>',
        '<rect x="0" y="0" width="100" height="100" fill="none" stroke="#57606a" stroke-width="0.5"/>',
        f'<text x="-3" y="50" font-size="4.6" font-weight="700" text-anchor="middle" '
        f'transform="rotate(-90 -3 50)">{esc(impact)} →</text>',
        f'<text x="50" y="106" font-size="4.6" font-weight="700" text-anchor="middle">'
        f"{esc(ease)} →</text>",
    ]
    return "".join(parts)


def _cloud(found: Placements) -> str:
    """Every placement as a small dot of its lead's colour, spread around its spot."""
    spots: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, placed in enumerate(found.leads):
        for impact, ease in placed.points:
            spots[impact, ease].append(n)
    dots = []
    for (impact, ease), leads in spots.items():
        for k, n in enumerate(leads):
            r, angle = SPREAD * math.sqrt((k + 0.5) / len(leads)), k * GOLDEN
            x, y = _x(ease) + r * math.cos(angle), _y(impact) + r * math.sin(angle)
            dots.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="0.9" fill="{PALETTE[n % len(PALETTE)]}" '
                'fill-opacity="0.55"/>'
            )
    return f'<g class="cxkit-matrix-dots">{"".join(dots)}</g>'


def _medians(found: Placements) -> str:
    """Each placed lead's median as a numbered marker; markers on the same spot side by side."""
    at: dict[tuple[float, float], list[tuple[int, float, float]]] = defaultdict(list)
    for n, placed in enumerate(found.leads):
        verdict = placed.verdict
        if verdict is not None:
            at[verdict.impact, verdict.ease].append((n, verdict.impact, verdict.ease))
    marks = []
    for same in at.values():
        for k, (n, impact, ease) in enumerate(same):
            angle = 2 * math.pi * k / len(same)
            shift = 4.2 if len(same) > 1 else 0.0
            x, y = _x(ease) + shift * math.cos(angle), _y(impact) + shift * math.sin(angle)
            marks.append(
                f'<g class="cxkit-matrix-median"><circle cx="{x:.1f}" cy="{y:.1f}" r="3.6" '
                f'fill="{PALETTE[n % len(PALETTE)]}" stroke="#fff" stroke-width="0.7"/>'
                f'<text x="{x:.1f}" y="{y + 1.4:.1f}" font-size="4" font-weight="700" '
                f'fill="#fff" text-anchor="middle">{n + 1}</text></g>'
            )
    return "".join(marks)


def _key(found: Placements, lang: str) -> str:
    """Number, colour, title and quadrant of each lead (its median's)."""
    items = []
    for n, placed in enumerate(found.leads[:MAX_KEY]):
        verdict = placed.verdict
        where = (
            f" <em>· {esc(quadrant_name(quadrant(verdict.impact, verdict.ease), lang))}</em>"
            if verdict is not None
            else ""
        )
        items.append(
            f'<li><b style="background:{PALETTE[n % len(PALETTE)]}">{n + 1}</b>'
            f"<span>{esc(placed.lead.title)}{where}</span></li>"
        )
    more = len(found.leads) - MAX_KEY
    if more > 0:
        items.append(
            f"<li><i></i><span>{esc(t_plural('matrix.screen.more', more, lang))}</span></li>"
        )
    return f'<ul class="cxkit-matrix-key">{"".join(items)}</ul>'


def counts_line(found: Placements, lang: str) -> str:
    """ "240 placements · 40 personnes"."""
    placements = t_plural("matrix.screen.placements", found.count, lang)
    people = t_plural("matrix.screen.people", found.people, lang)
    return f"{placements} · {people}"


def matrix_body(found: Placements, lang: str) -> str:
    """The projected matrix (or, hidden, the count alone), for :func:`live_projection.frame`."""
    if not found.leads:
        return empty_body(nbsp(t("matrix.screen.none", lang), lang))
    count = f'<p class="cxkit-matrix-count">{esc(counts_line(found, lang))}</p>'
    if found.hidden:
        hidden = nbsp(t("live.screen.results_hidden", lang), lang)
        return (
            '<div class="cxkit-screen-main" style="flex-direction:column;align-items:center;'
            f'justify-content:center">{count}<p class="cxkit-screen-empty" style="margin:0">'
            f"{esc(hidden)}</p></div>"
        )
    svg = (
        '<svg viewBox="-9 -2 111 112" role="img" font-family="inherit" '
        f'aria-label="{esc(t("apps.kind.placement", lang))}">'
        f"{_frame(lang)}{_cloud(found)}{_medians(found)}</svg>"
    )
    note = f'<p class="cxkit-screen-note">{esc(nbsp(t("matrix.screen.key", lang), lang))}</p>'
    side = f'<div class="cxkit-matrix-side">{count}{note}{_key(found, lang)}</div>'
    return f'{MATRIX_CSS}<div class="cxkit-screen-main cxkit-matrix">{svg}{side}</div>'
