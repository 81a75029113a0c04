"""The pilotage notebook's page, without a browser: the scorecard as HTML and SVG, a file
read on top of the stored measurements, stored only when asked, refused whole when broken."""

from __future__ import annotations

import re

from cxkit.model import Engagement
from cxkit.scorecard import scorecard
from cxkit.scorecard_text import ScorecardWords
from cxkit.ui.scorecard_views import charts_html, scorecard_html
from tests.scorecard_data import measured_demo


def _texts(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").replace("\u202f", " ")


def test_the_scorecard_html_says_each_verdict_in_words() -> None:
    e = measured_demo()
    html = scorecard_html(scorecard(e, "2027-Q1"), ScorecardWords(e, "fr"))
    text = _texts(html)
    assert "2 standards sur 3 tenus en T1 2027" in text
    for words in ("Non tenu", "Tenu", "Pas de mesure", "Se dégrade", "En retard", "Cible atteinte"):
        assert words in text
    assert "Les piliers Fiable et Engagé décrochent en T1 2027" in text
    assert "au plus 3 minutes" in text


def test_typed_text_is_escaped_in_tables_and_charts() -> None:
    data = measured_demo().model_dump(mode="json", exclude_none=True)
    data["referential"]["standards"][0]["statement"] = "<script>alert(1)</script> & co"
    e = Engagement.model_validate(data)
    card, words = scorecard(e, "2027-Q1"), ScorecardWords(e, "en")
    for html in (scorecard_html(card, words), charts_html(card, words)):
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_charts_draw_each_measured_standard_against_its_threshold() -> None:
    e = measured_demo()
    html = charts_html(scorecard(e, "2027-Q1"), ScorecardWords(e, "en"))
    assert html.count("<figure") == 3  # std-courrier never measured: no chart
    assert html.count("stroke-dasharray") == 3  # each threshold, dashed
    assert html.count("<polyline") == 3
    assert "Q2 2026" in html and "Missed · Worsening · 84% for at least 90%" in _texts(html)
    assert "Way covered towards the target (%)" in html
