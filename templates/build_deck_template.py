"""Build templates/deck.pptx, cxkit's default 16:9 deck template.

Rebrand by editing BRAND below (one accent color, neutral greys, one font)
and running:

    .venv/bin/python templates/build_deck_template.py [OUT.pptx]

The template starts from python-pptx's own default (4:3), resized to 16:9
with every placeholder repositioned, its theme recolored and refonted, and
only the layouts cxkit draws on kept, under PowerPoint's standard names
("Title Slide", "Section Header", "Title Only", plus "Title and Content"
and "Blank" for a consultant's own slides). It holds no slide.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

BRAND = {
    "accent": "1F5C73",  # the one accent color: titles' rule, headers, the client's series
    "ink": "1E2530",  # text
    "muted": "6B7480",  # secondary text
    "light": "EEF1F4",  # table banding, card backgrounds
    "font": "Calibri",  # metric-compatible with Carlito, which LibreOffice ships
    # the other series of charts: distinct hues beside the accent, so each competitor reads apart
    "series": ["D9822B", "6E9A4F", "8A6BA8", "C4A53A", "8C96A3"],
}

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
TITLE_TOP, TITLE_HEIGHT = Inches(0.45), Inches(0.85)
BODY_TOP = Inches(1.55)
FOOTER_TOP = Inches(7.0)
KEEP = ("Title Slide", "Title and Content", "Section Header", "Title Only", "Blank")

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
A = f"{{{NS['a']}}}"


def _theme(prs: Presentation) -> None:
    """Recolor and refont the theme: PowerPoint's color pickers then offer the brand."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "cxkit")
    colors = {
        "dk1": BRAND["ink"],
        "lt1": "FFFFFF",
        "dk2": BRAND["accent"],
        "lt2": BRAND["light"],
        "accent1": BRAND["accent"],
        **{f"accent{i + 2}": c for i, c in enumerate(BRAND["series"])},
        "hlink": BRAND["accent"],
        "folHlink": BRAND["muted"],
    }
    for name, value in colors.items():
        slot = scheme.find(f"a:{name}", NS)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{A}srgbClr", val=value)
    fonts = root.find(".//a:fontScheme", NS)
    fonts.set("name", "cxkit")
    for latin in fonts.iter(f"{A}latin"):
        latin.set("typeface", BRAND["font"])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_style(element: etree._Element, size: int, color: str, bold: bool = False) -> None:
    """Set the size and color of every level of a master text style."""
    for level in element:
        rpr = level.find("a:defRPr", NS)
        if rpr is None:
            continue
        rpr.set("sz", str(size if level.tag.endswith("lvl1pPr") else max(size - 200, 1200)))
        rpr.set("b", "1" if bold else "0")
        for fill in rpr.findall("a:solidFill", NS):
            rpr.remove(fill)
        fill = etree.Element(f"{A}solidFill")
        etree.SubElement(fill, f"{A}srgbClr", val=color)
        rpr.insert(0, fill)


def _master(prs: Presentation) -> None:
    master = prs.slide_master
    styles = master.element.find("p:txStyles", NS)
    _text_style(styles.find("p:titleStyle", NS), 2600, BRAND["accent"])
    _text_style(styles.find("p:bodyStyle", NS), 1800, BRAND["ink"])
    title = styles.find("p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    for shape in master.placeholders:
        kind = shape.placeholder_format.idx
        if kind == 0:
            shape.left, shape.top, shape.width, shape.height = (
                MARGIN,
                TITLE_TOP,
                WIDTH - 2 * MARGIN,
                TITLE_HEIGHT,
            )
            shape.text_frame._bodyPr.set("anchor", "b")
        elif kind == 1:
            shape.left, shape.top = MARGIN, BODY_TOP
            shape.width, shape.height = WIDTH - 2 * MARGIN, FOOTER_TOP - BODY_TOP - Inches(0.2)
        else:
            _footer_position(shape)
    _decorate(prs, master.shapes._spTree, rule=True)


def _footer_position(shape: object) -> None:
    idx = shape.placeholder_format.idx  # type: ignore[attr-defined]
    third = (WIDTH - 2 * MARGIN) // 3
    shape.top, shape.height = FOOTER_TOP, Inches(0.3)  # type: ignore[attr-defined]
    shape.width = third  # type: ignore[attr-defined]
    shape.left = {10: MARGIN, 11: MARGIN + third, 12: MARGIN + 2 * third}.get(idx, MARGIN)  # type: ignore[attr-defined]


def _decorate(
    prs: Presentation, tree: etree._Element, rule: bool = False, band: bool = False
) -> None:
    """Add the brand's few lines to a master or layout shape tree."""
    scratch = prs.slides.add_slide(prs.slide_layouts.get_by_name("Blank"))
    shapes = []
    if rule:  # a short accent rule above every title
        shapes.append(((MARGIN, Inches(0.38), Inches(0.55), Inches(0.05)), BRAND["accent"]))
        shapes.append(((MARGIN, Inches(6.9), WIDTH - 2 * MARGIN, Emu(6350)), "D5DAE0"))
    if band:  # the cover's accent band on the left edge
        shapes.append(((0, 0, Inches(0.35), HEIGHT), BRAND["accent"]))
    next_id = 1000 + len(tree)
    for (x, y, w, h), color in shapes:
        shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, w, h)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(color)
        shape.line.fill.background()
        shape.shadow.inherit = False
        element = copy.deepcopy(shape._element)
        element.find(".//p:cNvPr", NS).set("id", str(next_id))
        element.find(".//p:cNvPr", NS).set("name", f"cxkit decoration {next_id}")
        next_id += 1
        tree.insert(2, element)
    # drop the scratch slide (python-pptx has no API for it)
    slide_ids = prs.slides._sldIdLst
    last = slide_ids[-1]
    prs.part.drop_rel(last.rId)
    slide_ids.remove(last)


def _place(layout: object, idx: int, box: tuple[int, int, int, int]) -> object:
    shape = next(s for s in layout.placeholders if s.placeholder_format.idx == idx)  # type: ignore[attr-defined]
    shape.left, shape.top, shape.width, shape.height = box
    return shape


def _lst_style(shape: object, size: int, color: str, anchor: str, bold: bool = False) -> None:
    body = shape.text_frame._txBody  # type: ignore[attr-defined]
    body.bodyPr.set("anchor", anchor)
    lst = body.find("a:lstStyle", NS)
    for child in list(lst):
        lst.remove(child)
    level = etree.SubElement(lst, f"{A}lvl1pPr", algn="l", marL="0", indent="0")
    etree.SubElement(level, f"{A}buNone")
    rpr = etree.SubElement(level, f"{A}defRPr", sz=str(size), b="1" if bold else "0")
    fill = etree.SubElement(rpr, f"{A}solidFill")
    etree.SubElement(fill, f"{A}srgbClr", val=color)


def _layouts(prs: Presentation) -> None:
    for layout in list(prs.slide_layouts):
        if layout.name not in KEEP:
            prs.slide_layouts.remove(layout)
    content_w = WIDTH - 2 * MARGIN
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.idx >= 10:
                _footer_position(shape)
        if layout.name == "Title Slide":
            layout.element.set("showMasterSp", "0")
            left = Inches(1.1)
            title = _place(layout, 0, (left, Inches(2.0), Inches(10.8), Inches(1.9)))
            _lst_style(title, 4400, BRAND["ink"], "b", bold=True)
            sub = _place(layout, 1, (left, Inches(4.1), Inches(10.8), Inches(1.6)))
            _lst_style(sub, 1800, BRAND["muted"], "t")
            _decorate(prs, layout.shapes._spTree, band=True)
        elif layout.name == "Section Header":
            layout.element.set("showMasterSp", "0")
            layout.background.fill.solid()
            layout.background.fill.fore_color.rgb = RGBColor.from_string(BRAND["accent"])
            title = _place(layout, 0, (Inches(1.1), Inches(3.1), Inches(11), Inches(1.4)))
            _lst_style(title, 4000, "FFFFFF", "t", bold=True)
            number = _place(layout, 1, (Inches(1.1), Inches(2.2), Inches(11), Inches(0.8)))
            _lst_style(number, 2400, "C9D6DC", "b")
        elif layout.name in ("Title and Content", "Title Only"):
            _place(layout, 0, (MARGIN, TITLE_TOP, content_w, TITLE_HEIGHT))
            if layout.name == "Title and Content":
                _place(
                    layout, 1, (MARGIN, BODY_TOP, content_w, FOOTER_TOP - BODY_TOP - Inches(0.2))
                )


def build(out: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _theme(prs)
    _master(prs)
    _layouts(prs)
    props = prs.core_properties
    props.title, props.author, props.subject = "cxkit deck template", "cxkit", ""
    props.last_modified_by, props.revision, props.keywords = "cxkit", 1, ""
    prs.save(str(out))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("deck.pptx")
    print(build(target))
