"""Opening every form on a large engagement, and the autosave latency per edit (SQLite).

Baseline, in the same run: building as many bare ipywidgets (a Text each)
as the forms hold in all, with no engagement behind them. Targets
(issue 5): a form opens in under 1 s; a save in under 100 ms on SQLite.

    .venv/bin/python benchmarks/bench_forms.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from _common import best_of, row

from cxkit.sample import large_engagement
from cxkit.store import Workspace
from cxkit.ui.app import FORMS
from cxkit.ui.session import EditSession

SIZES = {"interviews": 300, "competitors": 60, "criteria": 20, "standards": 120, "actions": 500}


def count_widgets(widget: Any) -> int:
    children = getattr(widget, "children", ())
    return 1 + sum(count_widgets(c) for c in children)


def main() -> None:
    engagement = large_engagement(**SIZES)
    print("large engagement: " + ", ".join(f"{v} {k}" for k, v in SIZES.items()))
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(folder=Path(tmp)) as ws:
        ws.create(engagement, "bench")
        session = EditSession.open(ws, engagement.id, "bench", delay=0)
        built = {name: make(session) for name, make in FORMS.items()}
        total = sum(count_widgets(f.widget) for f in built.values())
        bare = best_of(lambda: [widgets.Text(value="x") for _ in range(total)], repeat=3)
        print(row(f"bare ipywidgets.Text x {total}, baseline", bare))
        slowest = ("", 0.0)
        every = 0.0
        for name, make in FORMS.items():
            seconds = best_of(lambda make=make: make(session), repeat=3)
            every += seconds
            slowest = max(slowest, (name, seconds), key=lambda p: p[1])
            print(row(f"  form {name}", seconds))
        print(row("every form of the engagement", every, bare))
        print(
            f"slowest form: {slowest[0]} {slowest[1] * 1000:.0f} ms (target < 1000 ms): "
            + ("OK" if slowest[1] < 1 else "OVER TARGET")
        )

        latencies = []
        for i in range(20):
            start = time.perf_counter()
            session.set(("collection", "interviews", 150, "notes"), f"Note {i} " * 20)
            latencies.append(time.perf_counter() - start)
            assert session.status.state == "saved", session.status
        latencies.sort()
        median = latencies[len(latencies) // 2]
        print(row("autosave per edit (validate + save), median of 20", median))
        print(row("autosave per edit, worst of 20", latencies[-1]))
        print(
            f"autosave median {median * 1000:.0f} ms (target < 100 ms): "
            + ("OK" if median < 0.1 else "OVER TARGET")
        )


if __name__ == "__main__":
    main()
