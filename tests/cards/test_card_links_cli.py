"""Issuing and revoking the employees' card links from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from cxkit.commands.card_links import run_links, run_revoke
from cxkit.errors import NotFound
from cxkit.model import Engagement
from cxkit.store import Workspace
from cxkit.team_cards import TeamScope, perimeter_teams

ENGAGEMENT = "horizon-mutuelle"
FORMS = "http://10.1.2.3:8867/"


@pytest.fixture
def db(tmp_path: Path, demo: Engagement, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CXKIT_FORMS_URL", FORMS)
    url = f"sqlite:///{tmp_path / 'cxkit.db'}"
    with Workspace.open(url=url) as ws:
        ws.create(demo, "alice")
    return url


def _args(db: str, **given: object) -> argparse.Namespace:
    return argparse.Namespace(
        **{"db": db, "base_url": None, "link": False, "revoke": None, **given}
    )


def test_one_link_per_channel_each_opening_its_own_card(
    db: str, demo: Engagement, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_links(_args(db), ENGAGEMENT, perimeter_teams(demo), "fr") == 0
    head, *rows = capsys.readouterr().out.splitlines()
    assert head.startswith("Liens des 4 fiches d'équipe de Horizon Mutuelle")
    channels = demo.referential.perimeter.channels
    assert [row.split("  ")[0].strip() for row in rows] == channels
    with Workspace.open(url=db) as ws:
        for channel, row in zip(channels, rows, strict=True):
            url = row.split()[-1]
            assert url.startswith(FORMS + "card/")
            assert ws.card_link(url.rsplit("/", 1)[1]).scope == {"channels": (channel,)}


def test_a_combination_gets_one_link_with_its_members_as_declared(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    scope = TeamScope(channels=("telephone",), segments=("Seniors",))
    run_links(_args(db, base_url="https://cards.example/forms/"), ENGAGEMENT, [scope], "en")
    head, row = capsys.readouterr().out.splitlines()
    assert head.startswith("Link to Horizon Mutuelle's team card")
    url = row.split()[-1]
    assert url.startswith("https://cards.example/forms/card/")
    with Workspace.open(url=db) as ws:
        found = ws.card_link(url.rsplit("/", 1)[1])
    assert found.scope == {"channels": ("Téléphone",), "segments": ("seniors",)}


def test_a_link_is_revoked_by_its_address_token_or_id(
    db: str, demo: Engagement, capsys: pytest.CaptureFixture[str]
) -> None:
    run_links(_args(db), ENGAGEMENT, perimeter_teams(demo)[:1], "fr")
    url = capsys.readouterr().out.splitlines()[-1].split()[-1]
    assert run_revoke(_args(db, revoke=url), "fr") == 0
    assert "Lien retiré" in capsys.readouterr().out
    with Workspace.open(url=db) as ws:
        (link,) = ws.card_links(ENGAGEMENT)
        assert link.revoked_at is not None
    run_revoke(_args(db, revoke=link.id), "fr")  # again, by id: nothing changes, no error
    with pytest.raises(NotFound):
        run_revoke(_args(db, revoke="not-a-link-at-all"), "fr")
