"""The employees' page, rendered without a browser: the card, nothing else, escaped, in its language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from cxkit.card_page import render_card_page
from cxkit.model import Engagement
from cxkit.team_cards import TeamScope, team_card
from cxkit.validation import build_engagement

NBSP = "\u00a0"
PHONE = TeamScope(channels=("Téléphone",))


class _Page(HTMLParser):
    """The text a reader sees (no style), and every tag and attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style and data.strip():
            self.text.append(data.strip())


def _read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _visible(html: str) -> str:
    return " ".join(_read(html).text)


def _page(engagement: Engagement, scope: TeamScope = PHONE) -> str:
    return render_card_page(team_card(engagement, scope))


def _changed(demo_doc: dict[str, Any], change: Any) -> Engagement:
    change(demo_doc)
    return build_engagement(demo_doc)


def test_the_contact_centres_page_shows_its_card_and_nothing_else(demo: Engagement) -> None:
    text = _visible(_page(demo))
    for shown in (
        "Rembourser 90",
        "Aucun membre n'attend plus de 3",
        "Tout courrier tient sur une page",
        "Appeler le membre hospitalisé",
        "Hospitalisation · Seniors, Familles",  # where std-hospi applies, segments by name
        "Rassurant",
        "Chaleureux",
        "Pédagogue",
        "Appel de bienvenue",
        "Taux de décroché en moins de 3",
        "La santé simplifiée, à vos côtés.",
        "Horizon Mutuelle",
    ):
        assert shown in text, shown
    # Another team's ritual, and nothing of the tool: no form, button, link or script.
    assert "Bilan annuel des garanties" not in text
    tags = {tag for tag, _ in _read(_page(demo)).tags}
    assert not tags & {"a", "button", "form", "input", "script", "nav", "iframe", "img", "link"}
    agency = _visible(_page(demo, TeamScope(channels=("Agence",))))
    assert "Aucun membre n'attend" not in agency and "Bilan annuel des garanties" in agency


def test_no_id_of_the_engagement_shows_anywhere_on_the_page(demo: Engagement) -> None:
    html = _page(demo)
    ids = {demo.id}
    ids |= {s.id for s in demo.referential.standards}
    ids |= {r.id for r in demo.referential.rituals}
    ids |= {k.id for k in demo.strategy.kpis}
    ids |= {p.id for p in demo.strategy.pillars}
    ids |= {s.id for s in demo.environment.customer.segments}
    found = [i for i in sorted(ids) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", html)]
    assert found == []


def test_the_page_is_self_contained_and_fetches_nothing(demo: Engagement) -> None:
    html = _page(demo)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    for fetch in ("http:", "https:", "//", "src=", "href=", "url(", "@import", "<script"):
        assert fetch not in html, fetch
    assert "@media print" in html and "@media (min-width" in html


def test_texts_are_escaped_after_the_french_spacing(demo_doc: dict[str, Any]) -> None:
    def poison(doc: dict[str, Any]) -> None:
        ref = doc["referential"]
        ref["postures"][0]["name"] = "<script>alert('x')</script>"
        ref["postures"][0]["description"] = 'Je dis "bonjour" & <b>souris</b> : toujours !'
        ref["standards"][0]["statement"] = "<img src=x onerror=alert(1)>"
        doc["engagement"]["client"] = "Horizon & Fils <SA>"

    html = _page(_changed(demo_doc, poison))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Je dis &quot;bonjour&quot; &amp; &lt;b&gt;souris&lt;/b&gt;" + NBSP + ":" in html
    assert "toujours\u202f!" in html  # the fine space before "!", then escaped text around it
    assert "Horizon &amp; Fils &lt;SA&gt;" in html
    text = _visible(html)
    assert "<script>alert('x')</script>" in text  # shown as typed, inert


def test_french_typography_numbers_and_quotes(demo: Engagement) -> None:
    text = _visible(_page(demo))
    assert f"«{NBSP}La santé simplifiée, à vos côtés.{NBSP}»" in text
    assert f"Seuil{NBSP}: 90{NBSP}%" in text
    assert f"Seuil{NBSP}: 3{NBSP}minutes" in text
    assert f"Mesuré par{NBSP}:" in text and f"Concerne{NBSP}:" in text
    assert f"De 6,5{NBSP}jours à 2{NBSP}jours" in text  # decimal comma, unit held to its number
    assert f"De 54{NBSP}% à 85{NBSP}%" in text
    assert f"Quand{NBSP}: Souscription" in text
    assert "Nos standards" in text and "Ce que nous suivons" in text


def test_an_english_engagement_gets_an_english_page(demo_doc: dict[str, Any]) -> None:
    english = _changed(demo_doc, lambda d: d["engagement"].update(language="en"))
    html = _page(english)
    text = _visible(html)
    assert '<html lang="en">' in html
    assert "Our standards" in text and "What we track" in text and "Nos standards" not in text
    assert "Threshold: 90%" in text and "From 6.5" in text
    assert "“La santé simplifiée, à vos côtés.”" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_card_without_standards_says_so_and_leaves_empty_sections_out(
    demo_doc: dict[str, Any], lang: str
) -> None:
    def strip(doc: dict[str, Any]) -> None:
        doc["engagement"]["language"] = lang
        for section in ("standards", "rituals"):
            doc["referential"][section] = []

    html = _page(_changed(demo_doc, strip))
    expected = "Aucun standard" if lang == "fr" else "No standard applies"
    assert expected in _visible(html)
    assert 'class="rituals"' not in html and 'class="postures"' in html
