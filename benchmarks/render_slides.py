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
from pathlib import Path


def to_pdf(deck: Path, out_dir: Path) -> Path:
    """Convert with a private LibreOffice profile, so a running office suite does not interfere."""
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
                str(deck),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / (deck.stem + ".pdf")


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
