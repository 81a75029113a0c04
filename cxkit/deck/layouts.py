"""The contract between the deck and a template: layouts found by name.

A template (ours, or a firm's corporate one) must hold a slide layout of
each name in :data:`REQUIRED_LAYOUTS`; they are the names PowerPoint gives
its own default layouts, so most corporate templates already have them.
:func:`check_template` reads only the template's layout names and refuses a
template that lacks any of them, naming every missing layout, before any
slide is built.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from cxkit.deck.plan import SlideKind
from cxkit.errors import TemplateError
from cxkit.paths import template

DEFAULT_TEMPLATE = "deck.pptx"

LAYOUTS: dict[SlideKind, str] = {
    "cover": "Title Slide",
    "section": "Section Header",
    "content": "Title Only",
}
"""Which layout draws which kind of slide."""

REQUIRED_LAYOUTS: tuple[str, ...] = tuple(dict.fromkeys(LAYOUTS.values()))

_NAME = re.compile(rb'<p:cSld\b[^>]*\bname="([^"]*)"')


def default_template() -> Path:
    return template(DEFAULT_TEMPLATE)


def layout_names(path: str | Path) -> list[str]:
    """The names of a template's slide layouts, read from the package without python-pptx."""
    try:
        with zipfile.ZipFile(path) as package:
            names = []
            for member in package.namelist():
                if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", member):
                    match = _NAME.search(package.read(member)[:4096])
                    if match:
                        names.append(_unescape(match.group(1).decode("utf-8")))
            return names
    except FileNotFoundError:
        raise TemplateError("error.template.missing", path=str(path)) from None
    except (zipfile.BadZipFile, OSError, KeyError):
        raise TemplateError("error.template.unreadable", path=str(path)) from None


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def check_template(path: str | Path) -> Path:
    """``path`` if it is a template with every required layout, else a TemplateError."""
    path = Path(path)
    if path.suffix.lower() != ".pptx":
        raise TemplateError("error.template.extension", path=str(path))
    present = set(layout_names(path))
    missing = [name for name in REQUIRED_LAYOUTS if name not in present]
    if missing:
        raise TemplateError(
            "error.template.layouts",
            path=str(path),
            missing=", ".join(f'"{m}"' for m in missing),
            present=", ".join(sorted(present)) or "—",
        )
    return path
