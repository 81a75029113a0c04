"""Schema 6: team cards' links (issued, found, revoked) and the migration from 5."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text

from cxkit import team_cards
from cxkit.errors import AccessDenied, NotFound, StoreError
from cxkit.model import Engagement
from cxkit.store import Workspace, card_link_url
from cxkit.store import card_links as store_card_links
from cxkit.store import schema as store_schema

ENGAGEMENT = "horizon-mutuelle"


def test_a_link_is_shown_once_stored_as_its_hash_and_found_by_its_token(
    ws: Workspace, demo: Engagement
) -> None:
    ws.create(demo, "alice")
    issued = ws.issue_card_link(ENGAGEMENT, {"channels": [" Téléphone ", "Téléphone"]})
    assert issued.token and len(issued.token) == 16
    assert issued.scope == {"channels": ("Téléphone",)}
    found = ws.card_link(issued.token)
    assert (found.id, found.engagement, found.scope, found.token) == (
        issued.id,
        ENGAGEMENT,
        {"channels": ("Téléphone",)},
        None,
    )
    with ws.engine.connect() as conn:
        (row,) = conn.execute(select(store_schema.card_links)).mappings()
    assert issued.token not in str(dict(row))
    (listed,) = ws.card_links(ENGAGEMENT)
    assert listed.id == issued.id and listed.token is None and listed.revoked_at is None


def test_a_forged_or_revoked_token_finds_no_card(ws: Workspace, demo: Engagement) -> None:
    ws.create(demo, "alice")
    by_token = ws.issue_card_link(ENGAGEMENT, {"channels": ["Téléphone"]})
    by_id = ws.issue_card_link(ENGAGEMENT, {"journey_stages": ["Hospitalisation"]})
    assert by_token.token and by_id.token
    for forged in ("", "short", by_token.token + "x", "x" * 300, by_token.token.upper()):
        with pytest.raises(AccessDenied) as caught:
            ws.card_link(forged)
        assert caught.value.key == "cardpage.error.unknown_link"
    ws.revoke_card_link(by_token.token)
    ws.revoke_card_link(by_id.id)
    ws.revoke_card_link(by_id.id)  # a second revoke changes nothing
    for token in (by_token.token, by_id.token):
        with pytest.raises(AccessDenied) as caught:
            ws.card_link(token)
        assert caught.value.key == "cardpage.error.revoked_link"
        assert caught.value.params["engagement"] == ENGAGEMENT  # the refusal speaks its language
    assert all(link.revoked_at is not None for link in ws.card_links(ENGAGEMENT))
    with pytest.raises(NotFound):
        ws.revoke_card_link("c-nothing")


def test_a_link_to_nothing_is_refused_and_nothing_is_written(
    ws: Workspace, demo: Engagement
) -> None:
    with pytest.raises(NotFound):
        ws.issue_card_link("no-such-engagement", {"channels": ["Téléphone"]})
    ws.create(demo, "alice")
    with pytest.raises(StoreError) as caught:
        ws.issue_card_link(ENGAGEMENT, {"teams": ["Téléphone"]})
    assert "teams" in caught.value.message("en")
    for members in ("Téléphone", ["", "Agence"], [3]):
        with pytest.raises(StoreError):
            ws.issue_card_link(ENGAGEMENT, {"channels": members})  # type: ignore[dict-item]
    assert ws.card_links(ENGAGEMENT) == []


def test_a_token_never_reads_as_a_command_line_option() -> None:
    tokens = [store_card_links.new_token() for _ in range(2000)]  # 1 in 64 would start with "-"
    assert not [t for t in tokens if t.startswith("-")] and len(set(tokens)) == 2000


def test_the_store_names_the_dimensions_the_cards_name() -> None:
    assert store_card_links.DIMENSIONS == team_cards.DIMENSIONS


def test_the_cards_address_sits_under_the_forms_base_address() -> None:
    assert card_link_url("http://10.0.0.5:8867/", "abc") == "http://10.0.0.5:8867/card/abc"
    hub = "https://hub.example/services/cxkit-forms/?token=x"
    assert card_link_url(hub, "a_b-c") == "https://hub.example/services/cxkit-forms/card/a_b-c"
    assert card_link_url("", "abc") == "http://127.0.0.1:8867/card/abc"


def test_a_version_5_workspace_is_migrated_to_6(db_url: str, demo: Engagement) -> None:
    with Workspace.open(url=db_url) as ws:
        ws.create(demo, "alice")
        (inv,) = ws.invite(ENGAGEMENT, "atelier-1")
    engine = create_engine(db_url)
    with engine.begin() as conn:  # back to the shape version 5 wrote
        for table in store_schema.V6_TABLES:
            conn.execute(text(f"DROP TABLE {table.name}"))
        conn.execute(store_schema.meta.update().values(value="5"))
    engine.dispose()
    with Workspace.open(url=db_url) as ws:
        with ws.engine.connect() as conn:
            assert store_schema.stored_version(conn) == store_schema.SCHEMA_VERSION == 6
            assert conn.dialect.has_table(conn, store_schema.card_links.name)
        assert ws.participant(inv.token or "").engagement_id == ENGAGEMENT
        issued = ws.issue_card_link(ENGAGEMENT, {"channels": ["Agence"]})
        assert ws.card_link(issued.token or "").scope == {"channels": ("Agence",)}
