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


def clean_text(value: str) -> str:
    """Return ``value`` with line breaks normalised and XML-illegal characters removed."""
    if value.isprintable() and "\r" not in value:
        return value  # the common case costs one C-level scan
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    return _FORBIDDEN.sub("", value)


def slugify(value: str, fallback: str = "item") -> str:
    """Make an id from a label, the way the engagement file expects ids."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or fallback
