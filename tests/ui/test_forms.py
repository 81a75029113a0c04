"""Each form on the demo, headless: set values, press buttons, read what the workspace holds."""

from __future__ import annotations

from html import unescape

import pytest
from traitlets import TraitError

from cxkit.store import Workspace
from cxkit.ui import collection, restitution, workshops
from cxkit.ui.app import FORMS, HomeForm, open_page
from cxkit.ui.session import EditSession

DEMO = "horizon-mutuelle"


def latest(ws: Workspace):  # type: ignore[no-untyped-def]
    return ws.load(DEMO).engagement


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_builds_on_the_demo(session: EditSession, name: str) -> None:
    form = FORMS[name](session)
    assert form.widget.children, name


def test_segments_add_edit_reorder_remove(workspace: Workspace, session: EditSession) -> None:
    form = collection.CustomerForm(session)
    seg = form.segments
    seg.add_button.click()
    assert latest(workspace).environment.customer.segments[-1].name == "Nouveau segment"
    fields = {f.loc()[-1]: f for f in seg.fields}
    fields["name"].widget.value = "Aidants familiaux"
    fields["value"].widget.value = "high"
    fields["expectations"].widget.value = "Être rappelé\n\nUn seul interlocuteur"
    seg.up_button.click()
    segments = latest(workspace).environment.customer.segments
    assert segments[-2].name == "Aidants familiaux"
    assert segments[-2].value == "high"
    assert segments[-2].expectations == ["Être rappelé", "Un seul interlocuteur"]
    assert seg.select.value == len(segments) - 2
    seg.remove_button.click()
    assert "Aidants familiaux" not in [
        s.name for s in latest(workspace).environment.customer.segments
    ]


def test_a_refused_value_is_shown_at_the_field_and_not_saved(
    workspace: Workspace, session: EditSession
) -> None:
    before = workspace.load(DEMO)
    form = collection.CustomerForm(session)
    form.segments.select.value = 1
    assert not [f for f in form.segments.fields if f.loc()[-1] == "id"], "ids are never shown"
    share = next(f for f in form.segments.fields if f.loc()[-1] == "share")
    share.widget.value = "beaucoup"
    assert share.error.value
    assert share.widget.value == "beaucoup", "what was typed stays in the field"
    assert workspace.load(DEMO).revision.number == before.revision.number
    assert "Non enregistré" in form.status.html.value


def test_a_number_reads_and_is_typed_the_french_way(
    workspace: Workspace, session: EditSession
) -> None:
    form = collection.CustomerForm(session)
    share = next(f for f in form.segments.fields if f.loc()[-1] == "share")
    assert share.widget.value == "0,22"  # not "0.22"
    share.widget.value = "0,3"
    assert not share.error.value
    assert latest(workspace).environment.customer.segments[0].share == 0.3


def test_removing_a_referenced_segment_is_refused(
    workspace: Workspace, session: EditSession
) -> None:
    form = collection.CustomerForm(session)
    form.segments.select.value = 1  # familles: interviews and the perimeter name it
    form.segments.remove_button.click()
    said = unescape(form.segments.error.value).replace("\u00a0", " ")
    assert "« Familles » est encore cité dans : " in said  # its name and where, in one line
    assert "Les entretiens" in said and said.count("encore cité") == 1
    assert "familles" not in said and "collection." not in said  # never its id, never a path
    assert [s.id for s in latest(workspace).environment.customer.segments][1] == "familles"


def test_interview_notes_against_the_guide_and_tagged_verbatims(
    workspace: Workspace, session: EditSession
) -> None:
    form = collection.InterviewsForm(session)
    form.interviews.select.value = 3  # int-cli-01, a customer
    guide, verbatims = form.interviews.children
    irritants = next(f for f in guide.fields if f.loc()[-1] == "irritants")
    irritants.widget.value = "Trois appels pour une réponse <b>orthodontie</b>"
    verbatims.add_button.click()
    vfields = {f.loc()[-1]: f for f in verbatims.fields}
    vfields["text"].widget.value = "Je veux suivre mon dossier comme un colis."
    vfields["vision"].widget.value = "customer"
    vfields["themes"].widget.value = ["suivi", "remboursement"]
    vfields["segment"].widget.value = "familles"
    interview = latest(workspace).collection.interviews[3]
    assert interview.answers["irritants"] == "Trois appels pour une réponse <b>orthodontie</b>"
    added = interview.verbatims[-1]
    assert (added.text, added.vision, added.themes, added.segment) == (
        "Je veux suivre mon dossier comme un colis.",
        "customer",
        ["suivi", "remboursement"],
        "familles",
    )
    # The segment is chosen by its name, from the engagement's segments; the id is stored.
    assert vfields["segment"].widget.options[:3] == (
        ("— choisir —", None),
        ("Jeunes actifs", "jeunes-actifs"),
        ("Familles", "familles"),
    )
    with pytest.raises(TraitError):  # nothing else can be chosen
        vfields["segment"].widget.value = "inconnus"
    assert latest(workspace).collection.interviews[3].verbatims[-1].segment == "familles"
    # Interviews are listed by who was met, never by their id.
    assert not [o for o, _ in form.interviews.select.options if "int-" in o]


def test_benchmark_scores_checked_as_typed(workspace: Workspace, session: EditSession) -> None:
    form = collection.BenchmarkForm(session)
    cell = form.cells[(1, "Expérience mobile")]
    cell.value = "7"
    assert "hors de l'échelle" in unescape(form.grid_error.value)
    assert cell.layout.border
    assert latest(workspace).collection.benchmark.scores[1].values["Expérience mobile"] == 4
    cell.value = "5"
    assert latest(workspace).collection.benchmark.scores[1].values["Expérience mobile"] == 5
    assert not form.grid_error.value
    form.new_actor.value = "Mutuelle <script>"
    form.new_kind.value = "competitor"
    form.add_actor()
    scores = latest(workspace).collection.benchmark.scores
    assert scores[-1].actor == "Mutuelle <script>"
    assert "<script>" not in form.table.value and "&lt;script&gt;" in form.table.value


def test_benchmark_import_from_csv_and_refusal_of_bad_scores(
    workspace: Workspace, session: EditSession
) -> None:
    form = collection.BenchmarkForm(session)
    csv = b"Acteur;kind;Prix;Conseil\nHorizon Mutuelle;self;3;4\nAlma;competitor;5;2\n"
    assert form.import_file(csv, "grille.csv") == []
    bench = latest(workspace).collection.benchmark
    assert bench.criteria == ["Prix", "Conseil"]
    assert [(s.actor, s.kind, s.values) for s in bench.scores] == [
        ("Horizon Mutuelle", "self", {"Prix": 3, "Conseil": 4}),
        ("Alma", "competitor", {"Prix": 5, "Conseil": 2}),
    ]
    before = workspace.load(DEMO).revision.number
    assert form.import_file(b"Acteur,Prix\nAlma,8\n", "autre.csv")
    assert "hors de l'échelle" in unescape(form.message.value)
    assert workspace.load(DEMO).revision.number == before


def test_ambition_pillars_and_named_iterations(workspace: Workspace, session: EditSession) -> None:
    ambition = workshops.AmbitionForm(session)
    by_key = {f.loc()[-1]: f for f in ambition.parts}
    by_key["statement"].widget.value = "Être la mutuelle la plus simple de la région."
    by_key["type"].widget.value = "positioning"
    by_key["horizon"].widget.value = "2030"
    saved = latest(workspace).strategy.ambition
    assert (saved.statement, saved.type, saved.horizon) == (
        "Être la mutuelle la plus simple de la région.",
        "positioning",
        2030,
    )

    # A debounced session, as in a notebook. Naming the current state works even when
    # autosave already stored it: the name becomes a revision of its own, same content.
    session = EditSession.open(workspace, DEMO, "claire", delay=60)
    iterations = workshops.IterationsForm(session)
    before = workspace.history(DEMO)[-1]
    iterations.name.value = "atelier 1"
    iterations.save_iteration()
    named = workspace.history(DEMO)[-1]
    assert (named.number, named.summary) == (
        before.number + 1,
        "Itération des piliers\u00a0: atelier 1",
    )
    assert workspace.diff(DEMO, before.number, named.number) == []
    session.set(("strategy", "pillars", 1, "rationale"), "Les agences, atout face aux assurtechs.")
    iterations.name.value = "avant l'atelier 2"
    iterations.save_iteration()
    pillars = workshops.PillarsForm(session)
    name = next(f for f in pillars.pillars.fields if f.loc()[-1] == "name")
    name.widget.value = "Fiable et rapide"
    sources = next(f for f in pillars.pillars.fields if f.loc()[-1] == "sources")
    labels = {v: k for k, v in sources.widget.options}
    assert labels["familles"] == "Segment\u00a0: Familles" and labels["alma"].endswith(
        "Alma Assurances"
    )
    assert labels["int-cli-02"].startswith("Entretien\u00a0: Membre senior")  # never its id
    sources.widget.value = ("familles", "alma")
    with pytest.raises(TraitError):  # an id that names nothing cannot be chosen
        sources.widget.value = ("familles", "personne")
    assert iterations.diff.value == ""
    iterations.name.value = "après l'atelier 2"
    iterations.save_iteration()
    history = workspace.history(DEMO)
    assert history[-1].summary == "Itération des piliers\u00a0: après l'atelier 2"
    iterations.refresh()
    iterations.first.value = next(
        r.number for r in history if r.summary.endswith("avant l'atelier 2")
    )
    iterations.second.value = history[-1].number
    iterations.compare()
    assert "Fiable et rapide" in iterations.diff.value
    assert "strategy.pillars" not in iterations.diff.value  # a place in words, not a path
    assert "Pilier « Fiable et rapide » · Nom".replace(" ", "\u00a0") in unescape(
        iterations.diff.value
    ).replace(" ", "\u00a0")
    assert "Alma" in iterations.diff.value and "'alma'" not in iterations.diff.value
    assert latest(workspace).strategy.pillars[0].sources == ["familles", "alma"]


def test_action_leads_in_a_device_without_leads_yet(
    workspace: Workspace, session: EditSession
) -> None:
    session.apply(lambda doc: doc["devices"].pop())  # no culture device any more
    form = workshops.ActionsForm(session)
    form.device.value = "culture"
    assert form.actions.items() == []
    form.actions.add_button.click()
    title = next(f for f in form.actions.fields if f.loc()[-1] == "title")
    title.widget.value = "Baromètre de la voix du membre"
    pillars = next(f for f in form.actions.fields if f.loc()[-1] == "pillars")
    pillars.widget.value = ["proche"]
    device = next(d for d in latest(workspace).devices if d.kind == "culture")
    assert [(a.title, a.pillars) for a in device.actions] == [
        ("Baromètre de la voix du membre", ["proche"])
    ]
    assert "Baromètre de la voix du membre" in form.matrix.value


def test_referential_standard_measurability_and_perimeter(
    workspace: Workspace, session: EditSession
) -> None:
    form = workshops.ReferentialForm(session)
    form.standards.add_button.click()
    fields = {f.loc()[-1]: f for f in form.standards.fields}
    assert form.standards.select.options[-1][0].startswith(f"{len(form.standards.items())}. ⚠")
    fields["statement"].widget.value = "Répondre à 90 % des courriels en 24 h"
    fields["indicator"].widget.value = "Part des courriels traités en 24 h"
    fields["threshold"].widget.value = "90"
    fields["unit"].widget.value = "%"
    assert "✓" in form.standards.select.options[-1][0]
    fields["channels"].widget.value = "Courriel"
    said = unescape(fields["channels"].error.value).replace("\u00a0", " ")
    assert "« Courriel » n'est pas dans le périmètre (canaux)" in said
    assert "referential." not in said  # a place in words, never a path
    std = latest(workspace).referential.standards[-1]
    assert (std.statement, std.threshold, std.unit, std.applies_to) == (
        "Répondre à 90 % des courriels en 24 h",
        90,
        "%",
        None,
    )


def test_restitution_checks_validation_and_thread(
    workspace: Workspace, session: EditSession
) -> None:
    checks = restitution.ChecksForm(session)
    assert "workshops.ipynb?engagement=horizon-mutuelle" in checks.list.value
    validation = restitution.ValidationForm(session)
    status = next(f for f in validation.parts if f.loc() == ("validation", "devices", "status"))
    status.widget.value = "validated"
    assert latest(workspace).validation.devices.status == "validated"
    assert "CX901" in checks.list.value, "checks follow every change"
    thread = restitution.ThreadForm(session)
    assert "Vos courriers, il faut un dictionnaire" in thread.html.value


def test_a_wrong_link_shows_a_message_not_a_traceback(workspace: Workspace) -> None:
    page = open_page("inexistant", workspace.url)
    widget = page.form("card")
    assert "inexistant" in widget.value
    assert page.session is None


def test_home_lists_creates_and_links(workspace: Workspace) -> None:
    home = HomeForm(workspace.url, author="claire")
    assert "collection.ipynb?engagement=horizon-mutuelle" in home.table.value
    assert "live.ipynb?engagement=horizon-mutuelle" in home.table.value
    home.client.value = "ACME Énergie"
    home.language.value = "en"
    assert home.create() == "acme-energie"
    assert workspace.load("acme-energie").engagement.language == "en"
    assert "acme-energie" in home.table.value
