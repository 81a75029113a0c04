"""Schema 5: a contribution's payload, an activity's options, and the migration from 4."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, text

from cxkit.model import Engagement
from cxkit.store import InvalidContribution, Workspace
from cxkit.store import schema as store_schema
from cxkit.store.kinds import PAYLOAD_FIELDS, PAYLOAD_TEXT, clean_payload

ENGAGEMENT = "horizon-mutuelle"


def test_a_payload_keeps_short_texts_numbers_and_lists_of_texts() -> None:
    given = {"indicator": "  NPS\t", "target": 45, "order": ["a", "b"]}
    assert clean_payload(given) == {"indicator": "NPS", "target": 45.0, "order": ["a", "b"]}
    assert clean_payload(None) is None


@pytest.mark.parametrize(
    "payload",
    [
        "not a mapping",
        {"": "no name"},
        {"x": True},
        {"x": float("nan")},
        {"x": {"nested": 1}},
        {"x": [1, 2]},
        {"x": "y" * (PAYLOAD_TEXT + 1)},
        {f"f{i}": 1 for i in range(PAYLOAD_FIELDS + 1)},
    ],
)
def test_a_payload_out_of_shape_is_refused(payload: Any) -> None:
    with pytest.raises(InvalidContribution):
        clean_payload(payload)


def test_a_kind_without_fields_drops_a_payload(ws: Workspace, demo: Engagement) -> None:
    ws.create(demo, "alice")
    (inv,) = ws.invite(ENGAGEMENT, "atelier-1")
    stored = ws.participant(inv.token or "").submit("comment", text="Bien", payload={"x": 1})
    assert stored.payload is None
    (kept,) = ws.contributions(ENGAGEMENT)
    assert kept.details == {}


def test_an_activity_keeps_its_options_until_replaced(ws: Workspace, demo: Engagement) -> None:
    ws.create(demo, "alice")
    options = {"candidates": ["fiable", "simple"], "prompt": "Classez"}
    ws.set_activity(ENGAGEMENT, "atelier-1", "vote", options=options)
    ws.set_activity(ENGAGEMENT, "atelier-1", "vote", status="paused")
    state = ws.live_state(ENGAGEMENT, "atelier-1").activity("vote")
    assert (state.status, dict(state.options)) == ("paused", options)
    ws.set_activity(ENGAGEMENT, "atelier-1", "vote", options={})
    assert ws.live_state(ENGAGEMENT, "atelier-1").activity("vote").options == {}


def test_a_version_4_workspace_is_migrated_to_5(db_url: str, demo: Engagement) -> None:
    with Workspace.open(url=db_url) as ws:
        ws.create(demo, "alice")
        (inv,) = ws.invite(ENGAGEMENT, "atelier-1")
        ws.participant(inv.token or "").submit("comment", text="avant migration")
    engine = create_engine(db_url)
    with engine.begin() as conn:  # back to the shape version 4 wrote
        for table in store_schema.V5_TABLES:
            conn.execute(text(f"DROP TABLE {table.name}"))
        for table, column, _ in store_schema.V5_COLUMNS:
            conn.execute(text(f"ALTER TABLE {table.name} DROP COLUMN {column}"))
        conn.execute(store_schema.meta.update().values(value="4"))
    engine.dispose()
    with Workspace.open(url=db_url) as ws:
        with ws.engine.connect() as conn:
            assert store_schema.stored_version(conn) == store_schema.SCHEMA_VERSION == 6
            assert conn.dialect.has_table(conn, store_schema.agenda.name)
        assert [c.text for c in ws.contributions(ENGAGEMENT)] == ["avant migration"]
        ws.set_activity(ENGAGEMENT, "atelier-1", "comment", options={"prompt": "Un mot"})
        state = ws.live_state(ENGAGEMENT, "atelier-1").activity("comment")
        assert state.options == {"prompt": "Un mot"}
