"""Helpers shared by the benchmark scripts: timing by best-of-N, ratio printing."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds: the least disturbed by the machine."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(label: str, seconds: float, baseline: float | None = None) -> str:
    ratio = f"  ratio {seconds / baseline:5.2f}x" if baseline else ""
    return f"{label:<52} {seconds * 1000:9.1f} ms{ratio}"
