"""The pages' words: titles, introductions and section headings from the catalogs, and the home table.

A notebook's markdown is in one language, whereas a page follows its
engagement's language: so the notebooks hold no prose, and every sentence a
consultant reads comes from here, in French or in English, never both.
Catalog texts may use ``**bold**``, blank lines between paragraphs and
``- `` lines for a list; everything else is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets

from cxkit.i18n import label, t
from cxkit.typography import format_date, format_number, nbsp
from cxkit.ui.style import style_widget, styled
from cxkit.ui.texts import esc
from cxkit.ui.views import FOLLOW_UP_NOTEBOOKS, PHASE_NOTEBOOKS, anchor, notebook_link

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def rich(text: str, lang: str) -> str:
    """A catalog text as HTML: escaped, French spacing, paragraphs, lists and bold."""
    blocks = []
    for block in nbsp(text, lang).split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_bold(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{_bold(' '.join(lines))}</p>")
    return "".join(blocks)


def _bold(text: str) -> str:
    return _BOLD.sub(r"<b>\1</b>", esc(text))


def intro_html(notebook: str, lang: str) -> str:
    title = esc(nbsp(t(f"forms.intro.{notebook}.title", lang), lang))
    body = rich(t(f"forms.intro.{notebook}.text", lang), lang)
    return f"<div class='cxkit-intro'><h1>{title}</h1>{body}</div>"


def intro_widget(notebook: str, lang: str) -> widgets.Widget:
    """The page's title and introduction, with the forms' stylesheet."""
    return styled(widgets.VBox([style_widget(), widgets.HTML(intro_html(notebook, lang))]))


def section_html(name: str, lang: str) -> str:
    """A section's heading and the sentence that says what it is for."""
    title = esc(nbsp(t(f"forms.section.{name}.title", lang), lang))
    body = rich(t(f"forms.section.{name}.text", lang), lang)
    return f"<div class='cxkit-intro'><h2>{title}</h2>{body}</div>"


def engagements_table(summaries: Iterable[Any], lang: str) -> str:
    """The home table: each engagement by its client's name, with links to its pages as buttons."""
    head = "".join(
        f"<th>{esc(t(f'ui.{k}', lang))}</th>"
        for k in ("home.client", "home.phase", "home.revision", "home.saved", "home.open")
    )
    rows = []
    for s in summaries:
        links = "".join(
            anchor(t(f"ui.notebook.{n}", lang), notebook_link(n, s.id), css="cxkit-link")
            for n in (*PHASE_NOTEBOOKS, *FOLLOW_UP_NOTEBOOKS, "live")
        )
        saved = s.saved_at.astimezone()
        when = t(
            "forms.home.saved_at",
            lang,
            date=format_date(saved, lang, style="short"),
            time=saved.strftime("%H:%M"),
        )
        by = t("forms.home.by", lang, author=s.author)
        rows.append(
            f"<tr><td><b>{esc(s.client)}</b></td>"
            f"<td>{esc(label('phase', s.phase, lang))}</td>"
            f"<td>{esc(format_number(s.revision, lang))}</td>"
            f"<td>{esc(nbsp(when, lang))}<br><span class='cxkit-id'>{esc(by)}</span></td>"
            f"<td>{links}</td></tr>"
        )
    return f"<table class='cxkit-table'><tr>{head}</tr>{''.join(rows)}</table>"
