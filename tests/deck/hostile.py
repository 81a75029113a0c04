"""A hostile engagement: the demo, with everything a real client's data can throw at a deck.

    .venv/bin/python -m tests.deck.hostile out.yaml   # writes it, for a person to render

Built from the demo file's mapping and valid under the model (every id it
adds is referenced properly): very long names and quotes, words longer than
a card is wide, emoji (with joiners, skin tones and flags), right-to-left text (Hebrew,
Arabic), Chinese and Japanese, HTML and markup, control characters and terminal colour codes
(which the model cleans on the way in), numbers far too large, seven
pillars (the method suggests four), long standards and postures.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

from cxkit.document import demo_path, read_document, save_engagement
from cxkit.model import Engagement
from cxkit.validation import build_engagement

EMOJI = "🚀 👩‍👩‍👧‍👦 🇫🇷 ✅ 👍🏽"
CJK = "漢字テスト 顧客体験"
RTL = "שירות לקוחות מצוין · خدمة عملاء ممتازة"
HTML = "<script>alert('x')</script> <b>gras</b> &amp; <i>italique</i>"
ANSI = "\x1b[31mrouge\x1b[0m \x07sonnerie\x00 \x1b]0;titre\x07fin"
LONG_WORD = "Anticonstitutionnellementintergouvernementalisationnellement" * 2
URL = "https://www.exemple-de-mutuelle-regionale.fr/espace-adherent/remboursements?id=123456789"
SENTENCE = (
    "Quand j'appelle, je veux qu'on sache déjà qui je suis, pourquoi j'appelle, ce qui s'est "
    "passé la dernière fois, et qu'on me rappelle vraiment quand on me le promet : ce n'est "
    "pas trop demander, si ? "
)


def long_text(words: int, *extra: str) -> str:
    """About ``words`` words of ordinary French, then the hostile extras."""
    base = (SENTENCE * (words // len(SENTENCE.split()) + 1)).split()[:words]
    return " ".join([*base, *extra])


def _pillar(index: int) -> dict[str, Any]:
    return {
        "id": f"pilier-{index}",
        "name": f"Pilier {index} : {long_text(14, EMOJI)}",
        "customers_say": long_text(90, RTL, HTML, LONG_WORD),
        "role": "differentiating" if index % 2 else "fundamental",
        "rationale": long_text(60, ANSI, URL),
    }


def hostile_document() -> dict[str, Any]:
    """The hostile engagement's raw mapping (a fresh copy each time)."""
    doc: dict[str, Any] = copy.deepcopy(read_document(demo_path()))
    info = doc["engagement"]
    info["client"] = "Compagnie Générale des Mutuelles Interprofessionnelles " + long_text(
        12, EMOJI
    )
    info["sector"] = long_text(20, RTL, CJK)
    info["consultants"] = [long_text(8, LONG_WORD), "<b>Hugo</b> \x1b[1mPetit\x1b[0m", RTL]
    info["sponsor"] = long_text(25, HTML)

    for segment in doc["environment"]["customer"]["segments"]:
        segment["name"] = long_text(12, EMOJI)
        segment["description"] = long_text(80, RTL, ANSI)
        segment["expectations"] = [long_text(40, HTML) for _ in range(6)]
    company = doc["environment"]["company"]
    company["strategy"] = long_text(150, URL, LONG_WORD)
    company["objectives"] = [long_text(35, RTL) for _ in range(8)]
    company["values"] = [long_text(6, EMOJI) for _ in range(6)]
    for competitor in doc["environment"]["market"]["competitors"]:
        competitor["name"] = long_text(10, LONG_WORD)
        competitor["positioning"] = long_text(70, HTML)
        competitor["practices"] = [long_text(30, RTL) for _ in range(5)]

    for interview in doc["collection"]["interviews"]:
        interview["role"] = long_text(15, EMOJI)
        interview["interviewer"] = long_text(6, LONG_WORD)
        for verbatim in interview.get("verbatims", []):
            verbatim["text"] = long_text(120, RTL, ANSI, HTML)

    strategy = doc["strategy"]
    strategy["ambition"]["statement"] = long_text(80, EMOJI, RTL, CJK)
    pillars = [_pillar(i) for i in range(1, 8)]
    strategy["pillars"] = pillars
    ids = [p["id"] for p in pillars]
    for i, kpi in enumerate(strategy["kpis"]):
        kpi["name"] = long_text(16, EMOJI, CJK)
        kpi["pillars"] = [] if i == 0 else [ids[i % len(ids)]]
        kpi["definition"] = long_text(50, HTML)
        kpi["baseline"] = -1000000
        kpi["target"] = 9990000000000000
        kpi["unit"] = "€ / h"

    for device in doc["devices"]:
        for j, action in enumerate(device.get("actions", [])):
            action["title"] = long_text(30, LONG_WORD)
            action["pillars"] = ids[j % 7 : j % 7 + 2]
            action["owner"] = long_text(10, RTL)
            action["description"] = long_text(90, ANSI, URL)

    referential = doc["referential"]
    referential["promise"]["statement"] = long_text(90, EMOJI)
    referential["promise"]["components"] = [long_text(45, RTL) for _ in range(7)]
    for k, standard in enumerate(referential["standards"]):
        standard["statement"] = long_text(110, HTML, LONG_WORD)
        standard["pillars"] = ids[k % 7 : k % 7 + 3]
        standard["indicator"] = long_text(30, URL)
    referential["postures"] = [
        {"name": long_text(10, EMOJI), "description": long_text(80, RTL, ANSI)} for _ in range(7)
    ]
    for ritual in referential["rituals"]:
        ritual["name"] = long_text(14, LONG_WORD)
        ritual["description"] = long_text(70, HTML)
        ritual["pillars"] = ids[:4]
    return doc


def hostile_engagement() -> Engagement:
    """The hostile engagement, validated by the model like any file."""
    return build_engagement(hostile_document())


if __name__ == "__main__":
    written = save_engagement(hostile_engagement(), Path(sys.argv[1]))
    print(written)
