"""The projected heat map of the pillars × relational devices matrix.

One row per pillar, one column per device (the method's order), each cell
coloured by how many action leads cover it: solid for leads already in the
engagement, lighter for the room's proposals, and the empty cells marked as
the ones still to cover; the cells of an open round are outlined. Sized in
viewport units like the rest of the projected screen (at most 4 pillars × 5
devices: it always fits). :class:`CoveragePanel` is the facilitator's
side: open a round of lead proposals on the empty cells (dealt to the
invited teams if asked), close it.
"""

from __future__ import annotations

from collections.abc import Collection

import ipywidgets as widgets

from cxkit.apps.blocks import FULL, paragraph
from cxkit.apps.live_base import Controls, row
from cxkit.i18n import label, t
from cxkit.safety import esc
from cxkit.store.coverage import CellKey, CoverageMap, spread
from cxkit.typography import nbsp, t_plural

COVERAGE_CSS = """
<style>
.cxkit-heat{border-collapse:separate;border-spacing:.6vh;width:100%;table-layout:fixed;
 font-size:2.6vh;line-height:1.2}
.cxkit-heat th{font-weight:700;color:#1b1f24;padding:.6vh;overflow-wrap:anywhere}
.cxkit-heat thead th{font-size:2.3vh;vertical-align:bottom}
.cxkit-heat tbody th{text-align:left;width:18%}
.cxkit-heat td{height:11vh;border-radius:.8vh;text-align:center;vertical-align:middle;
 background:#f6f8fa;color:#57606a;border:.35vh solid transparent}
.cxkit-heat td.cxkit-lead-1{background:#b6e3ff;color:#0a3069}
.cxkit-heat td.cxkit-lead-2{background:#54aeff;color:#0a3069}
.cxkit-heat td.cxkit-lead-3{background:#0969da;color:#fff}
.cxkit-heat td.cxkit-round{border-color:#bf8700}
.cxkit-heat td b{display:block;font-size:4vh}
.cxkit-heat td small{display:block;font-size:2vh}
.cxkit-heat-legend{font-size:2.4vh;color:#57606a;margin:1vh 0 0}
</style>
"""


def _cell(adopted: int, proposed: int, in_round: bool, lang: str) -> str:
    total = adopted + proposed
    classes = [f"cxkit-lead-{min(total, 3)}"] if total else []
    if in_round:
        classes.append("cxkit-round")
    if not total:
        inner = f"<small>{esc(t('coverage.cell.empty', lang))}</small>"
    else:
        detail = t_plural("coverage.cell.proposed", proposed, lang) if proposed else ""
        inner = f"<b>{total}</b><small>{esc(detail)}</small>"
    return f'<td class="{" ".join(classes)}">{inner}</td>'


def coverage_body(matrix: CoverageMap, lang: str, round_cells: Collection[CellKey] = ()) -> str:
    """The heat map, with a line saying how many cells are covered and what the colours mean."""
    if not matrix.pillars:
        empty = esc(nbsp(t("coverage.no_pillars", lang), lang))
        return f'<div class="cxkit-screen-main"><p class="cxkit-screen-empty">{empty}</p></div>'
    head = "".join(f"<th>{esc(label('device', d, lang))}</th>" for d in matrix.devices)
    rows = []
    for pillar, name in matrix.pillars:
        cells = "".join(
            _cell(
                matrix.cell(pillar, d).adopted,
                matrix.cell(pillar, d).proposed,
                (pillar, d) in round_cells,
                lang,
            )
            for d in matrix.devices
        )
        rows.append(f"<tr><th>{esc(name)}</th>{cells}</tr>")
    total = len(matrix.pillars) * len(matrix.devices)
    legend = nbsp(
        t(
            "coverage.legend",
            lang,
            covered=matrix.covered,
            total=total,
            empty=total - matrix.covered,
        ),
        lang,
    )
    return (
        f'{COVERAGE_CSS}<div class="cxkit-screen-main"><div style="flex:1 1 auto;min-width:0">'
        f'<table class="cxkit-heat"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="cxkit-heat-legend">{esc(legend)}</p></div></div>'
    )


class CoveragePanel:
    """The facilitator's controls of a coverage round: open it on the empty cells, close it."""

    def __init__(self, c: Controls) -> None:
        self.c = c
        self.spread = widgets.Checkbox(
            value=False, description=c.tr("coverage.spread"), indent=False, layout=FULL
        )
        body = widgets.VBox(
            [
                paragraph(c.tr("coverage.help")),
                self.spread,
                row(
                    c.button("coverage.open", self.open_round, "primary"),
                    c.button("coverage.close", self.close_round),
                ),
            ],
            layout=FULL,
        )
        self.widget = widgets.Accordion(
            children=[body], titles=(t("coverage.title", c.lang),), selected_index=None, layout=FULL
        )
        self.widget.add_class("cxkit-coverage-panel")

    def _teams(self) -> list[str]:
        """The teams invited to the workshop (personal links carry one; a room's do not)."""
        invited = self.c.ws.invitations(self.c.engagement_id, self.c.workshop)
        return sorted({i.team for i in invited if i.team})

    def open_round(self) -> None:
        if not self.c.workshop:
            return
        ws, eng, workshop = self.c.ws, self.c.engagement_id, self.c.workshop
        empty = ws.coverage(eng, workshop).empty()
        teams = spread(empty, self._teams()) if self.spread.value else None
        state = ws.open_coverage_round(eng, workshop, teams=teams)
        opened = len(state.options.get("cells", []))
        self.c.say(self.c.count("coverage.opened", opened))
        self.c.after_change()

    def close_round(self) -> None:
        if not self.c.workshop:
            return
        self.c.ws.close_coverage_round(self.c.engagement_id, self.c.workshop)
        self.c.say(self.c.tr("coverage.closed"))
        self.c.after_change()
