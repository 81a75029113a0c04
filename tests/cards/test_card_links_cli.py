"""``cxkit cards ID --link`` and ``--revoke``: the employees' links, as a consultant runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxkit.cli import main
from cxkit.document import demo_path
from cxkit.model import Engagement
from cxkit.store import Workspace

ENGAGEMENT = "horizon-mutuelle"
FORMS = "http://10.1.2.3:8867/"


@pytest.fixture
def db(tmp_path: Path, demo: Engagement, monkeypatch: pytest.MonkeyPatch) -> str:
    """A workspace holding the demo, where the commands find it; the forms' address set."""
    url = f"sqlite:///{tmp_path / 'cxkit.db'}"
    monkeypatch.setenv("CXKIT_DB_URL", url)
    monkeypatch.setenv("CXKIT_FORMS_URL", FORMS)
    with Workspace.open(url=url) as ws:
        ws.create(demo, "alice")
    return url


def _links(said: str) -> list[tuple[str, str]]:
    """(team, address) of each printed line after the heading."""
    return [(line.rsplit(None, 1)[0].strip(), line.split()[-1]) for line in said.splitlines()[1:]]


def _scope(db: str, url: str) -> dict[str, tuple[str, ...]]:
    with Workspace.open(url=db) as ws:
        return ws.card_link(url.rsplit("/", 1)[1]).scope


def test_one_link_per_channel_each_opening_its_own_card(
    db: str, demo: Engagement, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cards", ENGAGEMENT, "--link"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Liens des 4 fiches d'équipe de Horizon Mutuelle")
    links = _links(said)
    assert [team for team, _ in links] == demo.referential.perimeter.channels
    for team, url in links:
        assert url.startswith(FORMS + "card/") and len(url) == len(FORMS + "card/") + 16
        assert _scope(db, url) == {"channels": (team,)}


def test_a_combination_gets_one_link_with_its_members_as_declared(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--lang", "en", "cards", ENGAGEMENT, "--link", "--channel", "telephone"]
    assert main([*args, "--segment", "Seniors", "--base-url", "https://x.example/forms/"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Link to Horizon Mutuelle's team card")
    ((team, url),) = _links(said)
    assert team == "Téléphone · Seniors" and url.startswith("https://x.example/forms/card/")
    assert _scope(db, url) == {"channels": ("Téléphone",), "segments": ("seniors",)}


def test_a_link_is_revoked_by_its_address_token_or_id(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["cards", ENGAGEMENT, "--link", "--channel", "Agence"])
    ((_, url),) = _links(capsys.readouterr().out)
    assert main(["cards", ENGAGEMENT, "--revoke", url]) == 0
    assert "Lien retiré" in capsys.readouterr().out
    with Workspace.open(url=db) as ws:
        (link,) = ws.card_links(ENGAGEMENT)
    assert link.revoked_at is not None
    assert main(["cards", ENGAGEMENT, "--revoke", link.id]) == 0  # again: nothing changes
    assert main(["cards", ENGAGEMENT, "--revoke", "not-a-link-at-all"]) == 1
    assert "not-a-link-a" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--channel", "Fax"], "«\u00a0Fax\u00a0» n'est pas un canal du périmètre"),
        (["-o", "cards.pptx"], "retirez -o, --template, --revision et --lang"),
        (["--revision", "1"], "retirez -o, --template, --revision et --lang"),
        (["--lang", "en"], "dans la langue de l'engagement"),
    ],
)
def test_a_link_that_cannot_be_made_is_refused_and_nothing_is_stored(
    db: str,
    args: list[str],
    said: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["cards", ENGAGEMENT, "--link", *args]) == 2
    assert said in capsys.readouterr().err
    with Workspace.open(url=db) as ws:
        assert ws.card_links(ENGAGEMENT) == []
    assert not (tmp_path / "cards.pptx").exists()


def test_a_file_is_not_a_link_target(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cards", str(demo_path()), "--link"]) == 2
    assert "cxkit import" in capsys.readouterr().err
