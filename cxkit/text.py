"""The one place where user text is made safe for XML, and so for PowerPoint.

Every string field of the model goes through :func:`clean_text` (via the
:data:`cxkit.value_types.Text` type), so nothing downstream (store, deck, workbook, widgets)
ever holds a character that XML 1.0 cannot carry. Cleaning once, at the
model's door, is the rule; nothing else strips or escapes characters.
"""

from __future__ import annotations

import re

# Vertical tab and form feed come from Word and PowerPoint as line breaks.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
# XML 1.0 forbids C0 controls but tab/newline/CR, lone surrogates and U+FFFE/FFFF;
# C1 controls (from mis-decoded Windows-1252) are legal but invisible garbage.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Terminal escape sequences (ECMA-48) pasted from a console: removed whole, else dropping
# the escape character alone leaves "[31m" in the text. CSI (colours, cursor moves);
# OSC, DCS, SOS, PM, APC strings up to their terminator (BEL or ST), never past the text
# when the terminator is missing; any other two-or-more-character escape. The 8-bit C1
# forms are not parsed: a C1 byte is more often mis-decoded Windows-1252 ("›" is 0x9B)
# than a terminal's, and it goes with the other C1 controls below.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[ -/]*[0-~]"
)


def clean_text(value: str) -> str:
    """Return ``value`` with line breaks normalised, terminal escape sequences and XML-illegal characters removed."""
    if value.isprintable() and "\r" not in value:
        return value  # the common case costs one C-level scan
    if "\x1b" in value:
        value = _ANSI.sub("", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    return _FORBIDDEN.sub("", value)


def slugify(value: str, fallback: str = "item") -> str:
    """Make an id from a label, the way the engagement file expects ids."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or fallback


ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut after a whole word and marked "…" when cut.

    A reader must see that a verbatim or a proposal goes on (speaker notes,
    choice lists); a word cut in two without a sign reads as a typo.
    """
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= (limit - 1) * 2 // 3:  # a word boundary near the end: cut there
        head = head[:space]
    return head.rstrip(" ,;:.-–—\n\t") + ELLIPSIS


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how names typed by different people are compared."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).split())
