"""What was adopted in a workshop says where it came from: the thread, and the speaker notes.

An engagement whose pillar, KPI, lead, standard, ritual and posture were
adopted from participants' proposals (through the real store) keeps their
provenance; the consultant's thread names the workshop, the proposals and
the dots; each slide showing one of them carries it in its speaker notes
(read back from the written .pptx), never a contribution id.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation

from cxkit.deck import build_deck
from cxkit.model import Engagement
from cxkit.provenance import provenance_text
from cxkit.store import Workspace
from cxkit.ui.restitution import ThreadForm
from cxkit.ui.session import EditSession
from cxkit.ui.thread import pillar_threads
from tests.store.test_proposals import ACCEPTED, plain

ENGAGEMENT = "horizon-mutuelle"
WORKSHOP = "Ambition et piliers"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo with one proposal of each kind adopted (the KPI with a twin), and a pillar."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ws') / 'cxkit.db'}"
    with Workspace.open(url=url) as ws:
        ws.ensure_demo()
        (inv,) = ws.invite(ENGAGEMENT, "atelier-1")
        session = ws.participant(inv.token or "")
        groups = [
            [session.submit(kind, text=text, payload=sent).id]
            for kind, (text, sent, _) in ACCEPTED.items()
        ]
        text, sent, _ = ACCEPTED["kpi-proposal"]
        groups[0].append(session.submit("kpi-proposal", text=text, payload=sent).id)
        pillar = session.submit("pillar-proposal", text="On me répond du premier coup").id
        latest = ws.load(ENGAGEMENT).revision.number
        latest = ws.adopt_method_proposals(ENGAGEMENT, groups, "alice", latest).number
        ws.adopt_groups(ENGAGEMENT, [[pillar]], "alice", latest, names={pillar: "Efficace"})
        yield ws


@pytest.fixture(scope="module")
def adopted(store: Workspace) -> Engagement:
    return store.load(ENGAGEMENT).engagement


def test_the_words_of_a_provenance(adopted: Engagement) -> None:
    kpi = next(k for k in adopted.strategy.kpis if k.provenance)
    assert kpi.provenance is not None
    assert plain(provenance_text(adopted, kpi.provenance, "fr")) == (
        "Provenance : atelier « Ambition et piliers », 2 propositions, aucune gommette"
    )
    assert provenance_text(adopted, kpi.provenance, "en") == (
        "Provenance: workshop “Ambition et piliers”, 2 proposals, no dots"
    )


def test_the_thread_names_what_was_adopted_and_where(adopted: Engagement) -> None:
    threads = {th.pillar.id: th for th in pillar_threads(adopted)}
    fiable = [name for name, _ in threads["fiable"].adopted]
    assert fiable == ["Délai de réponse"]  # the KPI of pillar "fiable"
    proche = [name for name, _ in threads["proche"].adopted]
    assert proche == ["Décrocher en moins de 3 minutes", "Suivi en temps réel"]
    (efficace,) = [th for th in threads.values() if th.pillar.name == "Efficace"]
    (name, provenance) = efficace.adopted[0]
    assert name == "Efficace" and provenance is not None and provenance.workshop == "atelier-1"
    assert not threads["engage"].adopted  # written by hand: no provenance to show


def test_the_restitution_thread_view_shows_the_provenance(store: Workspace) -> None:
    shown = ThreadForm(EditSession.open(store, ENGAGEMENT, "claire", delay=0)).html.value
    assert "Adoptés en atelier" in shown
    assert (
        "Délai de réponse\u00a0: Provenance\u00a0: atelier «\u00a0Ambition et piliers\u00a0»"
        in shown
    )
    assert "c-0" not in shown


def _notes(path: Path) -> list[str]:
    deck = Presentation(str(path))
    return [
        slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        for slide in deck.slides
    ]


def test_each_slide_showing_an_adopted_object_carries_its_provenance(
    adopted: Engagement, tmp_path: Path
) -> None:
    notes = [plain(n) for n in _notes(build_deck(adopted, tmp_path / "deck.pptx"))]
    every = "\n".join(notes)
    for name in (
        "Délai de réponse",
        "Suivi en temps réel",
        "Décrocher en moins de 3 minutes",
        "Appel de bienvenue",
        "Rassurant",
        "Efficace",
    ):
        line = f"{name} : Provenance : atelier « {WORKSHOP} »"
        assert line in every, name
    assert "c-0" not in every
    kpi_slides = [n for n in notes if "Délai de réponse : Provenance" in n]
    assert len(kpi_slides) >= 2  # the dashboard and the appendix's table
