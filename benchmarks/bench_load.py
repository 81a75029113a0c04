"""Loading a large engagement: parse + validation + model, against a bare parse.

Baseline, in the same run: ``yaml.load`` of the same file with libyaml's C
loader (``yaml.CSafeLoader``), which builds plain dicts and checks nothing.
Target (issue 2): cxkit's load adds at most 50% to it (ratio <= 1.50).

    .venv/bin/python benchmarks/bench_load.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from _common import best_of, row

from cxkit.document import load_engagement, read_document, save_engagement
from cxkit.sample import large_engagement
from cxkit.validation import build_engagement

SIZES = {"interviews": 300, "competitors": 60, "criteria": 20, "standards": 120, "actions": 500}


def main() -> None:
    engagement = large_engagement(**SIZES)
    with tempfile.TemporaryDirectory() as tmp:
        path = save_engagement(engagement, Path(tmp) / "large.yaml")
        text = path.read_text(encoding="utf-8")
        print(
            f"large engagement: {path.stat().st_size / 1024:.0f} KiB of YAML, "
            + ", ".join(f"{v} {k}" for k, v in SIZES.items())
        )

        bare = best_of(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        parse = best_of(lambda: read_document(path))
        doc = read_document(path)
        validate = best_of(lambda: build_engagement(doc))
        full = best_of(lambda: load_engagement(path))

        print(row("bare yaml.load (CSafeLoader), baseline", bare))
        print(row("cxkit parse (duplicate-key guard, UTF-8 checks)", parse, bare))
        print(row("cxkit validation + model building alone", validate, bare))
        print(row("cxkit load_engagement (parse + validate + model)", full, bare))
        overhead = full / bare - 1
        verdict = "OK" if overhead <= 0.5 else "OVER TARGET"
        print(
            f"validation and model building add {overhead:.0%} to the bare parse (target <= 50%): {verdict}"
        )


if __name__ == "__main__":
    main()
