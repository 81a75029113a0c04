"""Render a deck's slides to PNG files, for a person to look at.

    .venv/bin/python benchmarks/render_slides.py [DECK.pptx] [--out DIR] [--slides 1,5,12] [--dpi 50]

Without a deck, builds the demo engagement's deck first. Needs LibreOffice
(``soffice``) and poppler (``pdftoppm``); prints the PNG paths.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path


def to_pdfs(documents: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert several decks or workbooks in ONE LibreOffice run (its start-up paid once), with
    a private profile so a running office suite does not interfere; the PDFs in the same
    order. Names must differ: each PDF is named after its document."""
    stems = [d.stem for d in documents]
    if len(set(stems)) != len(stems):
        raise ValueError(f"two documents would write the same PDF in {out_dir}: {stems}")
    profile = Path(tempfile.mkdtemp(prefix="cxkit-lo-"))
    try:
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *(str(d) for d in documents),
            ],
            check=True,
            capture_output=True,
            timeout=180 * len(documents),
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [out_dir / (stem + ".pdf") for stem in stems]


def to_pdf(deck: Path, out_dir: Path) -> Path:
    """Convert one deck or workbook (see :func:`to_pdfs` for several at once)."""
    return to_pdfs([deck], out_dir)[0]


def to_png(pdf: Path, out_dir: Path, dpi: int = 50, pages: list[int] | None = None) -> list[Path]:
    written: list[Path] = []
    for page in pages or [0]:
        cmd = [shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", str(dpi)]
        if page:
            cmd += ["-f", str(page), "-l", str(page)]
        subprocess.run([*cmd, str(pdf), str(out_dir / "slide")], check=True, timeout=120)
    written = sorted(out_dir.glob("slide-*.png"))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?")
    parser.add_argument("--out", default="slides-png")
    parser.add_argument("--slides", default="", help="comma-separated slide numbers (default all)")
    parser.add_argument("--dpi", type=int, default=50)
    parser.add_argument("--lang", default=None)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.deck:
        deck = Path(args.deck)
    else:
        from cxkit.deck import build_deck
        from cxkit.document import load_demo

        deck = build_deck(load_demo(), out / "demo.pptx", lang=args.lang)
    pdf = to_pdf(deck, out)
    pages = [int(n) for n in args.slides.split(",") if n.strip()] or None
    for path in to_png(pdf, out, args.dpi, pages):
        print(path)


if __name__ == "__main__":
    main()
