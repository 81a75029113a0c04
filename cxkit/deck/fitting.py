"""Text budgets: how much room a text takes, without a font file.

python-pptx cannot measure text on Linux (``fit_text`` needs the font file)
and PowerPoint applies auto-fit only when a person edits the slide, so the
plan keeps its own budget: an average glyph width per point size (Calibri
and its metric twin Carlito average about half an em), and a greedy word
wrap. Characters the template's font does not hold are drawn in a fallback
font, wider and taller: the budget counts them wider (:func:`advance`), so
the estimate errs on the generous side and a slide that fits here fits in
PowerPoint and LibreOffice.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

POINTS_PER_INCH = 72.0
GLYPH_EM = 0.49
"""Average advance of a glyph of body text, in ems (Calibri averages about 0.46 on French prose)."""
LINE_SPACING = 1.2
ELLIPSIS = "…"


FALLBACK = 1.5
"""Advance of a letter of a script the template's font lacks (Hebrew, Arabic, Indic...),
drawn in a wider fallback font, in average glyphs."""
WIDE = 2.0
"""Advance of a full-width character (CJK) or an emoji."""


@lru_cache(maxsize=4096)
def advance(char: str) -> float:
    """How many average glyphs ``char`` takes: none for joiners, selectors and combining
    marks, two for emoji and CJK, :data:`FALLBACK` for scripts outside Latin, Greek and
    Cyrillic (which the template's font holds), one otherwise."""
    code = ord(char)
    if code < 0x370:
        return 0.0 if unicodedata.category(char) == "Mn" else 1.0
    if unicodedata.category(char) in ("Mn", "Me", "Cf") or 0xFE00 <= code <= 0xFE0F:
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or code >= 0x1F000:
        return WIDE
    if code < 0x530 or 0x2000 <= code < 0x2E80:  # Greek, Cyrillic; punctuation, symbols
        return 1.0
    return FALLBACK


FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """``text`` wrapped in Unicode direction isolates when it holds right-to-left letters,
    so the bidirectional algorithm cannot reorder the text set beside it (a date, a dot)."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}"
    return text


def text_width(text: str) -> float:
    """Width of ``text`` in average glyphs (see :func:`advance`)."""
    if text.isascii():
        return float(len(text))
    return float(sum(advance(c) for c in text))


def inches(text: str, size_pt: float) -> float:
    """The width ``text`` takes on one line at ``size_pt``, in inches."""
    return text_width(text) * size_pt * GLYPH_EM / POINTS_PER_INCH


def chars_per_line(width_in: float, size_pt: float) -> float:
    return max(1.0, width_in * POINTS_PER_INCH / (size_pt * GLYPH_EM))


def _fitting_prefix(word: str, cpl: float) -> int:
    """How many of ``word``'s characters hold on one line (at least one)."""
    used = 0.0
    for i, char in enumerate(word):
        used += advance(char)
        if used > cpl:
            return max(1, i)
    return len(word)


def wrap(text: str, width_in: float, size_pt: float) -> list[str]:
    """The lines ``text`` wraps into within ``width_in`` at ``size_pt`` (greedy, by words)."""
    cpl = chars_per_line(width_in, size_pt)
    lines: list[str] = []
    for paragraph in text.split("\n") or [""]:
        current = ""
        current_width = 0.0
        for word in paragraph.split(" "):
            w = text_width(word)
            while w > cpl:  # a word longer than a line is cut
                if current:
                    lines.append(current)
                    current, current_width = "", 0.0
                cut = _fitting_prefix(word, cpl)
                lines.append(word[:cut])
                word = word[cut:]
                w = text_width(word)
            extra = w + (1 if current else 0)
            if current and current_width + extra > cpl:
                lines.append(current)
                current, current_width = word, w
            else:
                current = f"{current} {word}" if current else word
                current_width += extra
        lines.append(current)
    return lines


def line_count(text: str, width_in: float, size_pt: float) -> int:
    if not text:
        return 1
    cpl = chars_per_line(width_in, size_pt)
    if "\n" not in text and text_width(text) <= cpl:
        return 1
    return len(wrap(text, width_in, size_pt))


def lines_height(lines: int, size_pt: float) -> float:
    """Height in inches of ``lines`` lines of ``size_pt`` text."""
    return lines * size_pt * LINE_SPACING / POINTS_PER_INCH


def text_height(text: str, width_in: float, size_pt: float) -> float:
    return lines_height(line_count(text, width_in, size_pt), size_pt)


def clip(text: str, width_in: float, size_pt: float, max_lines: int, tail: str = "") -> str:
    """``text`` cut to ``max_lines`` lines, ending with an ellipsis (then ``tail``, a closing
    quotation mark) when cut. The text kept is the text's own, its spaces and line breaks
    as typed, so the office suite wraps it as it wraps any text."""
    if line_count(text, width_in, size_pt) <= max_lines:
        return text
    lines = wrap(text, width_in, size_pt)[:max_lines]
    end = 0
    for line in lines:
        found = text.find(line, end)
        if found >= 0:
            end = found + len(line)
    start = end - len(lines[-1])
    room = chars_per_line(width_in, size_pt) - text_width(ELLIPSIS + tail)
    while end > start and text_width(text[start:end]) > room:
        end -= 1
    return text[:end].rstrip(" ,;.:\n") + ELLIPSIS + tail


def paragraphs_height(
    paragraphs: Sequence[str], width_in: float, size_pt: float, gap: float = 0.35
) -> float:
    """Height of paragraphs stacked with a gap of ``gap`` lines between them."""
    if not paragraphs:
        return 0.0
    lines = sum(line_count(p, width_in, size_pt) for p in paragraphs)
    return lines_height(lines, size_pt) + lines_height(1, size_pt) * gap * (len(paragraphs) - 1)


def best_size(
    paragraphs: Sequence[str],
    width_in: float,
    height_in: float,
    largest: float,
    floor: float,
    step: float = 1.0,
) -> float | None:
    """The largest size from ``largest`` down to ``floor`` at which the text fits, else None."""
    size = largest
    while size >= floor - 1e-9:
        if paragraphs_height(paragraphs, width_in, size) <= height_in:
            return size
        size -= step
    return None


def split_paragraphs(
    paragraphs: Sequence[str], width_in: float, height_in: float, size_pt: float
) -> list[list[str]]:
    """Paragraphs spread over as many pages as needed at ``size_pt`` (a paragraph too
    long for one page is cut between lines)."""
    pages: list[list[str]] = [[]]
    used = 0.0
    page_lines = max(1, math.floor(height_in / lines_height(1, size_pt)))
    for paragraph in paragraphs:
        pieces = [paragraph]
        if line_count(paragraph, width_in, size_pt) > page_lines:
            lines = wrap(paragraph, width_in, size_pt)
            pieces = [" ".join(lines[i : i + page_lines]) for i in range(0, len(lines), page_lines)]
        for piece in pieces:
            h = paragraphs_height([piece], width_in, size_pt)
            gap = lines_height(1, size_pt) * 0.35 if pages[-1] else 0.0
            if pages[-1] and used + gap + h > height_in:
                pages.append([])
                used, gap = 0.0, 0.0
            pages[-1].append(piece)
            used += gap + h
    return pages
