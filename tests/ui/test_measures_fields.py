"""The consultant's forms edit what the scorecard needs: a standard's direction, a KPI's plan."""

from __future__ import annotations

from html import unescape

from cxkit.store import Workspace
from cxkit.ui import workshops
from cxkit.ui.session import EditSession

DEMO = "horizon-mutuelle"


def test_a_kpis_horizon_and_baseline_period_are_typed_in_the_kpi_form(
    workspace: Workspace, session: EditSession
) -> None:
    form = workshops.KpisForm(session)
    form.kpis.select.value = 1  # delai-remb
    fields = {f.loc()[-1]: f for f in form.kpis.fields}
    fields["horizon"].widget.value = "2027"
    fields["baseline_period"].widget.value = "2026-q4"
    kpi = workspace.load(DEMO).engagement.strategy.kpis[1]
    assert (kpi.id, kpi.horizon, kpi.baseline_period) == ("delai-remb", 2027, "2026-Q4")
    fields["horizon"].widget.value = "fin 2027"
    said = unescape(fields["horizon"].error.value).replace("\u00a0", " ")
    assert "une année (2028) ou une période (2028-Q2, 2028-06) est attendue" in said
    assert workspace.load(DEMO).engagement.strategy.kpis[1].horizon == 2027  # not saved


def test_a_standards_direction_is_chosen_in_the_referential_form(
    workspace: Workspace, session: EditSession
) -> None:
    form = workshops.ReferentialForm(session)
    form.standards.select.value = 1  # std-tel
    fields = {f.loc()[-1]: f for f in form.standards.fields}
    direction = fields["direction"].widget
    assert [label for label, _ in direction.options][1:] == ["au moins", "au plus"]
    direction.value = "at-most"
    assert workspace.load(DEMO).engagement.referential.standards[1].direction == "at-most"
