"""The contract between the deck and a template: layouts found by name, and its page.

A template (ours, or a firm's corporate one) must hold a slide layout of
each name in :data:`REQUIRED_LAYOUTS`; they are the names PowerPoint gives
its own default layouts, so most corporate templates already have them.
:func:`check_template` reads only the template's layout names and refuses a
template that lacks any of them, naming every missing layout, before any
slide is built. The same reading measures the template's page (:class:`Page`):
the slide's size and the body frame below the content layout's title, so
the plan lays its boxes out in the very area the renderer will draw them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from cxkit.deck.plan import Box, Page, SlideKind
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
_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
_EMU_PER_INCH = 914400
BODY_GAP = 0.2
"""Inches between the content layout's title and the body frame."""
FOOTER_BAND = 0.75
"""Inches at the slide's foot kept for the footer and the slide number."""


@dataclass(frozen=True)
class Template:
    """A checked template: its path, its layouts' names and the page it gives the body."""

    path: Path
    layouts: tuple[str, ...]
    page: Page


def default_template() -> Path:
    return template(DEFAULT_TEMPLATE)


def _layout_files(package: zipfile.ZipFile) -> dict[str, str]:
    """Each slide layout's name and the package member holding it."""
    found: dict[str, str] = {}
    for member in package.namelist():
        if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", member):
            match = _NAME.search(package.read(member)[:4096])
            if match:
                found.setdefault(_unescape(match.group(1).decode("utf-8")), member)
    return found


def layout_names(path: str | Path) -> list[str]:
    """The names of a template's slide layouts, read from the package without python-pptx."""
    with _open(path) as package:
        return list(_layout_files(package))


def _open(path: str | Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise TemplateError("error.template.missing", path=str(path)) from None
    except (zipfile.BadZipFile, OSError):
        raise TemplateError("error.template.unreadable", path=str(path)) from None


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _title_xfrm(xml: bytes) -> tuple[int, int, int, int] | None:
    """Offset and extent (EMU) of the title placeholder (idx 0) of a layout or master."""
    root = ElementTree.fromstring(xml)
    for sp in root.iter(f"{{{_NS['p']}}}sp"):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", _NS)
        if ph is None or ph.get("idx", "0") != "0":
            continue
        off = sp.find("p:spPr/a:xfrm/a:off", _NS)
        ext = sp.find("p:spPr/a:xfrm/a:ext", _NS)
        if off is None or ext is None:
            return None
        return (
            int(off.get("x", 0)),
            int(off.get("y", 0)),
            int(ext.get("cx", 0)),
            int(ext.get("cy", 0)),
        )
    return None


def _master_of(package: zipfile.ZipFile, layout: str) -> str | None:
    folder, name = posixpath.split(layout)
    rels = ElementTree.fromstring(package.read(f"{folder}/_rels/{name}.rels"))
    for rel in rels:
        if rel.get("Type", "").endswith("/slideMaster"):
            return posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
    return None


def _page(package: zipfile.ZipFile, layout: str) -> Page | None:
    """The slide's size and the body frame: below the content layout's title (or the
    master's, which it inherits), within its left and right edges, above the footer band.
    None when the package has no slide size or no title to measure from."""
    size = ElementTree.fromstring(package.read("ppt/presentation.xml")).find("p:sldSz", _NS)
    if size is None:
        return None
    width, height = int(size.get("cx", 0)), int(size.get("cy", 0))
    xfrm = _title_xfrm(package.read(layout))
    if xfrm is None:
        master = _master_of(package, layout)
        xfrm = _title_xfrm(package.read(master)) if master else None
    if xfrm is None:
        return None
    x, y, w, h = (v / _EMU_PER_INCH for v in xfrm)
    top = y + h + BODY_GAP
    bottom = height / _EMU_PER_INCH - FOOTER_BAND
    return Page(
        width / _EMU_PER_INCH, height / _EMU_PER_INCH, Box(x, top, w, bottom - top), Box(x, y, w, h)
    )


def check_template(path: str | Path | Template) -> Template:
    """The template at ``path`` if it has every required layout, else a TemplateError.

    A :class:`Template` already checked is returned as it is, so a template is
    read once however many steps receive it.
    """
    if isinstance(path, Template):
        return path
    path = Path(path)
    if path.suffix.lower() != ".pptx":
        raise TemplateError("error.template.extension", path=str(path))
    with _open(path) as package:
        try:
            files = _layout_files(package)
            missing = [name for name in REQUIRED_LAYOUTS if name not in files]
            if missing:
                raise TemplateError(
                    "error.template.layouts",
                    path=str(path),
                    missing=", ".join(f'"{m}"' for m in missing),
                    present=", ".join(sorted(files)) or "—",
                )
            page = _page(package, files[LAYOUTS["content"]])
            if page is None:
                raise ValueError("no slide size or title frame")
        except (zipfile.BadZipFile, OSError, KeyError, ElementTree.ParseError, ValueError):
            raise TemplateError("error.template.unreadable", path=str(path)) from None
    return Template(path, tuple(files), page)
