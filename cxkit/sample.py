"""Generated engagements of any size, for benchmarks and scale tests.

Built on the demo engagement so that every section is realistic, then
grown to the sizes a large mission reaches (hundreds of interviews,
dozens of competitors, a hundred standards, hundreds of action leads).
Deterministic: the same arguments give the same engagement.
"""

from __future__ import annotations

import random
from typing import Any

from cxkit.document import demo_path, read_document, to_document
from cxkit.model import Engagement
from cxkit.validation import build_engagement
from cxkit.vocab import DEVICE_KINDS

_WORDS = (
    "remboursement clarté proximité conseil délai agence application courrier attente "
    "famille senior garantie parcours écoute confiance simplicité réactivité solidarité "
    "transparence accompagnement digital téléphone rendez-vous hospitalisation devis"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def large_document(
    interviews: int = 300,
    competitors: int = 60,
    criteria: int = 20,
    standards: int = 120,
    actions: int = 500,
    seed: int = 7,
) -> dict[str, Any]:
    """The mapping of a large, valid engagement (as read from a file)."""
    rng = random.Random(seed)
    doc: dict[str, Any] = read_document(demo_path())
    doc["engagement"]["id"] = "grand-compte"
    segments = [s["id"] for s in doc["environment"]["customer"]["segments"]]
    pillars = [p["id"] for p in doc["strategy"]["pillars"]]
    perimeter = doc["referential"]["perimeter"]
    teams = ["marketing", "sales", "engagement", "customer-service", "management", "other"]

    doc["environment"]["market"]["competitors"] = [
        {
            "id": f"concurrent-{i:03d}",
            "name": f"Concurrent {i:03d}",
            "positioning": _sentence(rng, 10),
            "practices": [_sentence(rng, 6) for _ in range(2)],
        }
        for i in range(competitors)
    ]
    kept = doc["collection"]["interviews"]
    doc["collection"]["interviews"] = kept + [
        {
            "id": f"int-{i:04d}",
            "audience": "customer" if i % 2 else "internal",
            "team": teams[i % len(teams)],
            "role": f"Interlocuteur {i}",
            "segment": segments[i % len(segments)] if i % 2 else None,
            "date": f"2026-09-{1 + i % 28:02d}",
            "interviewer": "Claire Martin",
            "notes": _sentence(rng, 30),
            "verbatims": [
                {
                    "text": _sentence(rng, 14),
                    "vision": ("customer", "company", "market")[j % 3],
                    "themes": rng.sample(_WORDS, 2),
                }
                for j in range(3)
            ],
        }
        for i in range(max(0, interviews - len(kept)))
    ]
    for item in doc["collection"]["interviews"]:
        if item.get("segment", "") is None:
            del item["segment"]
    names = [f"Critère {i + 1:02d} {rng.choice(_WORDS)}" for i in range(criteria)]
    scale = doc["collection"]["benchmark"]["scale"]
    doc["collection"]["benchmark"] = {
        "scale": scale,
        "criteria": names,
        "scores": [
            {
                "actor": "Horizon Mutuelle",
                "kind": "self",
                "values": {n: rng.randint(1, scale) for n in names},
            }
        ]
        + [
            {
                "actor": f"Concurrent {i:03d}",
                "kind": "competitor",
                "values": {n: rng.randint(1, scale) for n in names},
            }
            for i in range(competitors)
        ],
    }
    doc["devices"] = [
        {
            "kind": kind,
            "name": f"Dispositif {kind}",
            "actions": [
                {
                    "id": f"act-{kind}-{j:04d}",
                    "title": _sentence(rng, 9),
                    "pillars": rng.sample(pillars, 2),
                    "priority": ("high", "medium", "low")[j % 3],
                    "horizon": 2027 + j % 3,
                    "owner": f"Direction {rng.choice(_WORDS)}",
                }
                for j in range(
                    actions // len(DEVICE_KINDS) + (1 if d < actions % len(DEVICE_KINDS) else 0)
                )
            ],
        }
        for d, kind in enumerate(DEVICE_KINDS)
    ]
    doc["referential"]["standards"] = [
        {
            "id": f"std-{i:04d}",
            "statement": _sentence(rng, 12),
            "pillars": [pillars[i % len(pillars)]],
            "indicator": _sentence(rng, 5),
            "threshold": 80 + i % 20,
            "unit": "%",
            "scope": "common" if i % 3 == 0 else "specific",
            **(
                {}
                if i % 3 == 0
                else {
                    "applies_to": {
                        "channels": [perimeter["channels"][i % len(perimeter["channels"])]]
                    }
                }
            ),
        }
        for i in range(standards)
    ]
    return doc


def large_engagement(**sizes: int) -> Engagement:
    return build_engagement(large_document(**sizes))


def large_engagement_document(**sizes: int) -> dict[str, Any]:
    """The same engagement as :func:`large_document`, as a writer would write it."""
    return to_document(large_engagement(**sizes))
