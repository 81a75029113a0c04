"""Decks built once per session: the demo in French and English, a draft, a large engagement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cxkit.deck import DeckPlan, build_deck, plan_deck
from cxkit.document import load_demo, new_engagement
from cxkit.model import Engagement
from cxkit.sample import large_engagement

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="session")
def demo_engagement() -> Engagement:
    return load_demo()


@pytest.fixture(scope="session")
def draft() -> Engagement:
    return new_engagement("ACME Énergie", lang="fr")


@pytest.fixture(scope="session")
def large() -> Engagement:
    return large_engagement()


@pytest.fixture(scope="session")
def large_plan(large: Engagement) -> DeckPlan:
    return plan_deck(large, today=TODAY)


@pytest.fixture(scope="session")
def decks(tmp_path_factory: pytest.TempPathFactory, demo_engagement: Engagement) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("decks")
    return {
        "fr": build_deck(demo_engagement, folder / "demo-fr.pptx"),
        "en": build_deck(demo_engagement, folder / "demo-en.pptx", lang="en"),
    }


def slide_texts(slide: Any) -> str:
    """Every text of a slide: shapes, table cells and chart categories/series."""
    parts: list[str] = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if getattr(shape, "has_chart", False) and shape.has_chart:
            plot = shape.chart.plots[0]
            parts += [str(c) for c in plot.categories]
            parts += [s.name for s in plot.series]
    return "\n".join(parts)
