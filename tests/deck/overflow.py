"""Find text that overflows in a deck as an office suite really draws it.

    .venv/bin/python -m tests.deck.overflow DECK.pptx [--pdf DECK.pdf]

The deck is converted to PDF by LibreOffice (the helper of
``benchmarks/render_slides.py``); poppler's ``pdftotext -bbox`` gives every
word drawn with its box, in points (its output is XHTML-like but not
strict XML, so it is read with regular expressions). The words are then
compared with the slide's own shapes, read with python-pptx:

- ``off-page``: a word drawn partly beyond the page's edge; ``missing``: a
  word of a text box or table that the PDF does not show at all (poppler
  drops characters drawn wholly off the page).
- ``footer``: a word on the footer band (from the template's footer rule
  down to the bottom of the slide) that is not the footer's own text.
- ``outside-shape``: a word drawn outside every shape whose text holds it
  (a quote running past its card, a table grown below its frame).

Geometry: pdftotext's word box spans the font's ascent and descent, taller
than the glyphs; a word counts as inside a box when its horizontal extent
and the middle half of its height are inside, within :data:`TOLERANCE`
points. Chart frames are boxes too (their words are not matched against
chart data, whose labels LibreOffice may thin out); unmatched words (slide
numbers, chart axes) are not judged against shapes, nor a number drawn inside a
chart's frame (its value labels and axis, which a table beside it may repeat).
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from render_slides import to_pdf, to_pdfs  # noqa: E402

POINTS_PER_EMU = 72 / 914400
TOLERANCE = 2.0
"""Points a word may stray past a box (antialiasing, rounding of the layout)."""

Kind = Literal["off-page", "missing", "footer", "outside-shape"]

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.\-]+)" yMin="([\d.\-]+)" xMax="([\d.\-]+)" yMax="([\d.\-]+)">(.*?)</word>',
    re.S,
)
_SPACE = re.compile(r"[\s\u00a0\u202f\u2009\u200b]+")
_NUMBER = re.compile(r"[\d.,%\u2212-]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Rect:
    """A box in PDF points, origin at the page's top-left corner."""

    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, word: Rect, tolerance: float = TOLERANCE) -> bool:
        quarter = (word.y1 - word.y0) / 4
        return (
            word.x0 >= self.x0 - tolerance
            and word.x1 <= self.x1 + tolerance
            and word.y0 + quarter >= self.y0 - tolerance
            and word.y1 - quarter <= self.y1 + tolerance
        )

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Word:
    text: str
    box: Rect


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]


@dataclass(frozen=True)
class ShapeText:
    """A shape of a slide as python-pptx sees it: its name, its box and its text."""

    name: str
    box: Rect
    text: str
    judged: bool
    """Whether its words must all appear in the PDF (text frames and tables, not charts)."""

    @property
    def squeezed(self) -> str:
        return squeeze(self.text)


@dataclass(frozen=True)
class Problem:
    slide: int
    kind: Kind
    text: str
    shape: str = ""
    title: str = ""
    """The slide's title, to find it in the deck."""

    def __str__(self) -> str:
        where = f" ({self.shape})" if self.shape else ""
        title = f" «{self.title[:50]}»" if self.title else ""
        return f"slide {self.slide}{title}: {self.kind}{where}: {self.text}"


def squeeze(text: str) -> str:
    """Text compared without spaces of any kind, in one Unicode form and case (caps styles)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


# --- reading the PDF and the deck -------------------------------------------------------


def pdf_pages(pdf: Path) -> list[Page]:
    """Every page's words with their boxes, from ``pdftotext -bbox``."""
    result = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    # poppler writes characters beyond the BMP as two UTF-8-encoded surrogates (CESU-8).
    text = result.stdout.decode("utf-8", "surrogatepass")
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    pages = []
    for width, height, body in _PAGE.findall(text):
        words = tuple(
            Word(html.unescape(text), Rect(float(a), float(b), float(c), float(d)))
            for a, b, c, d, text in _WORD.findall(body)
        )
        pages.append(Page(float(width), float(height), words))
    return pages


def _rect(shape: Any, dx: int = 0, dy: int = 0) -> Rect | None:
    if shape.left is None or shape.width is None:
        return None
    x, y = (shape.left + dx) * POINTS_PER_EMU, (shape.top + dy) * POINTS_PER_EMU
    return Rect(x, y, x + shape.width * POINTS_PER_EMU, y + shape.height * POINTS_PER_EMU)


def _chart_text(chart: Any) -> str:
    parts: list[str] = []
    for plot in chart.plots:
        parts += [str(c) for c in plot.categories]
        parts += [s.name or "" for s in plot.series]
    return " ".join(parts)


def _shapes(shapes: Iterable[Any], dx: int = 0, dy: int = 0) -> Iterator[ShapeText]:
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:  # children (drawn in the group's own space)
            yield from _shapes(shape.shapes, dx, dy)
            continue
        box = _rect(shape, dx, dy)
        if box is None:
            continue
        if shape.has_text_frame and shape.text_frame.text.strip():
            yield ShapeText(shape.name, box, shape.text_frame.text, True)
        elif getattr(shape, "has_table", False) and shape.has_table:
            cells = [cell.text for row in shape.table.rows for cell in row.cells]
            yield ShapeText(shape.name, box, "\n".join(cells), True)
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            yield ShapeText(shape.name, box, _chart_text(shape.chart), False)


def slide_shapes(pptx: Path) -> list[list[ShapeText]]:
    """The text-bearing shapes of every slide, with their boxes in points."""
    prs = Presentation(str(pptx))
    return [list(_shapes(slide.shapes)) for slide in prs.slides]


def footer_top(template: Path | None = None) -> float:
    """Where the footer band starts, in points: the template master's footer rule.

    The rule is the master's thin full-width line in the lower fifth of the
    slide; a template without one falls back to the top of its footer
    placeholders.
    """
    from cxkit.deck.layouts import default_template

    prs = Presentation(str(template or default_template()))
    width, height = prs.slide_width, prs.slide_height
    rules = [
        s.top
        for s in prs.slide_master.shapes
        if not s.is_placeholder
        and s.width is not None
        and s.width > width / 2
        and s.height < Emu(914400 // 10)
        and s.top > height * 4 / 5
    ]
    footers = [
        s.top
        for s in prs.slide_master.placeholders
        if s.placeholder_format.type
        in (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE)
    ]
    top = min(rules or footers or [height])
    return float(top * POINTS_PER_EMU)


# --- judging -------------------------------------------------------------------------------


def _off_page(page: Page, word: Word) -> bool:
    box = word.box
    return (
        box.x0 < -TOLERANCE
        or box.y0 < -TOLERANCE
        or box.x1 > page.width + TOLERANCE
        or (box.y1 > page.height + TOLERANCE)
    )


def _overlap(box: Rect, word: Rect) -> float:
    """How much of the word's width lies over the box's columns, less its distance below or above."""
    across = min(box.x1, word.x1) - max(box.x0, word.x0)
    away = max(0.0, box.y0 - word.middle, word.middle - box.y1)
    return across - away


def _in(key: str, text: str) -> bool:
    """``key`` in ``text``, also in reverse: poppler gives right-to-left words in visual order."""
    return key in text or key[::-1] in text


def _missing(page: Page, shapes: list[ShapeText]) -> Iterator[tuple[str, str]]:
    """Words of judged shapes that the page does not show.

    Only words with a letter or digit count: emoji without a font are drawn as
    empty boxes that carry no text in the PDF, which is not an overflow. Arabic
    words are not looked for: poppler gives them shaped, as ligatures in visual
    order, which no normalisation turns back into the typed letters.
    """
    drawn = squeeze("".join(w.text for w in page.words))
    for shape in shapes:
        if not shape.judged:
            continue
        for token in _SPACE.split(shape.text):
            if not any(c.isalnum() for c in token) or _ARABIC.search(token):
                continue
            if not _in(squeeze(token), drawn):
                yield shape.name, token


def footer_texts(slides: list[list[ShapeText]], band_top: float) -> set[str]:
    """The texts of the deck's footer: those on the band of most slides that have one.

    A shape wholly on the band is the footer only if its text recurs (the
    client and subject line) or is a page number; a body element pushed down
    there is not.
    """
    seen: dict[str, int] = {}
    with_band = 0
    for shapes in slides:
        texts = {squeeze(s.text) for s in shapes if s.box.y0 >= band_top - TOLERANCE}
        with_band += bool(texts)
        for text in texts:
            seen[text] = seen.get(text, 0) + 1
    return {t for t, n in seen.items() if n >= max(2, with_band / 2) or t.isdigit()}


def check_page(
    number: int, page: Page, shapes: list[ShapeText], band_top: float, footer: set[str]
) -> list[Problem]:
    """The problems of one slide (``number`` counts from 1)."""
    problems = [Problem(number, "missing", token, name) for name, token in _missing(page, shapes)]
    footers = [s for s in shapes if s.box.y0 >= band_top - TOLERANCE and squeeze(s.text) in footer]
    body = [s for s in shapes if s not in footers]
    charts = [s for s in body if not s.judged]
    for word in page.words:
        if _off_page(page, word):
            problems.append(Problem(number, "off-page", word.text))
            continue
        if any(f.box.holds(word.box) for f in footers):
            continue  # the footer's own text
        if word.box.y1 - (word.box.y1 - word.box.y0) / 4 > band_top + TOLERANCE:
            problems.append(Problem(number, "footer", word.text))
            continue
        key = squeeze(word.text)
        owners = [s for s in body if key and _in(key, s.squeezed)]
        if owners and not any(s.box.holds(word.box) for s in owners):
            if _NUMBER.fullmatch(key) and any(c.box.holds(word.box) for c in charts):
                continue  # a chart's value label or axis tick that a table beside also shows
            nearest = max(owners, key=lambda s: _overlap(s.box, word.box))
            problems.append(Problem(number, "outside-shape", word.text, nearest.name))
    return problems


def check_pdf(pptx: Path, pdf: Path, template: Path | None = None) -> list[Problem]:
    """Every problem of a deck already converted to ``pdf``."""
    pages = pdf_pages(pdf)
    slides = slide_shapes(pptx)
    assert len(pages) == len(slides), f"{len(pages)} PDF pages for {len(slides)} slides"
    band_top = footer_top(template)
    footer = footer_texts(slides, band_top)
    problems: list[Problem] = []
    for number, (page, shapes) in enumerate(zip(pages, slides, strict=True), start=1):
        title = next((s.text for s in shapes if s.name.startswith("Title")), "")
        problems += [
            dataclasses.replace(p, title=title)
            for p in check_page(number, page, shapes, band_top, footer)
        ]
    return problems


def check_deck(pptx: Path, workdir: Path | None = None) -> list[Problem]:
    """Convert ``pptx`` with LibreOffice and return every overflow found in the PDF."""
    folder = workdir or Path(tempfile.mkdtemp(prefix="cxkit-overflow-"))
    return check_pdf(pptx, to_pdf(pptx, folder))


def check_decks(decks: Sequence[Path], workdir: Path) -> list[list[Problem]]:
    """:func:`check_deck` for several decks converted in one LibreOffice run (a test module's
    decks at once: its start-up is paid once); each deck's problems, in the decks' order."""
    return [check_pdf(pptx, pdf) for pptx, pdf in zip(decks, to_pdfs(decks, workdir), strict=True)]


def report(problems: list[Problem]) -> str:
    """One line per problem, consecutive words of the same slide and kind run together."""
    lines: list[str] = []
    previous: Problem | None = None
    for problem in problems:
        if previous and (previous.slide, previous.kind, previous.shape) == (
            problem.slide,
            problem.kind,
            problem.shape,
        ):
            lines[-1] += " " + problem.text
        else:
            lines.append(str(problem))
        previous = problem
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck")
    parser.add_argument("--pdf", help="an existing conversion of the deck")
    args = parser.parse_args()
    deck = Path(args.deck)
    problems = check_pdf(deck, Path(args.pdf)) if args.pdf else check_deck(deck)
    print(report(problems) or "no overflow")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
