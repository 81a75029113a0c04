"""The forms' one stylesheet: what ipywidgets' defaults get wrong on a consultant's page.

ipywidgets draws an input 100 % wide *plus* its margin (so it runs past the
column), a button 148 px wide whatever its text (so a long label is cut with
"…"), and an HTML widget's lines 28 px apart (so a wrapped table cell or
grid header runs into the next). One ``<style>`` element, scoped to
``.cxkit-form``, fixes these once for every form; it is shown by the page's
intro and header, so a notebook needs no cell of its own for it.
"""

from __future__ import annotations

import ipywidgets as widgets

FORM_CLASS = "cxkit-form"

CSS = """
.cxkit-form, .cxkit-form .widget-box { max-width: 100%; box-sizing: border-box; }
.cxkit-form .widget-html-content { line-height: 1.45; }
.cxkit-form .widget-text, .cxkit-form .widget-textarea, .cxkit-form .widget-dropdown,
.cxkit-form .widget-select, .cxkit-form .widget-select-multiple, .cxkit-form .widget-tagsinput {
  max-width: calc(100% - 2 * var(--jp-widgets-margin)); box-sizing: border-box;
}
.cxkit-form .cxkit-full { width: calc(100% - 2 * var(--jp-widgets-margin)) !important; }
.cxkit-form .widget-button, .cxkit-form .jupyter-button {
  width: auto; min-width: 2.5em; max-width: 100%; padding: 0 10px; white-space: nowrap;
}
.cxkit-form .widget-hbox { flex-wrap: wrap; max-width: 100%; }
.cxkit-form textarea { font-family: inherit; font-size: var(--jp-widgets-font-size); line-height: 1.4; }
.cxkit-form table.cxkit-table { border-collapse: collapse; margin: 4px 0; }
.cxkit-form .widget-html, .cxkit-form .widget-html-content { max-width: 100%; min-width: 0; }
.cxkit-form .cxkit-table-scroll { max-width: 100%; overflow-x: auto; }
.cxkit-form table.cxkit-table th, .cxkit-form table.cxkit-table td {
  padding: 4px 10px; text-align: left; vertical-align: top; border-bottom: 1px solid #e0e0e0;
}
.cxkit-form .cxkit-id { color: #666; font-size: 85%; }
.cxkit-form nav.cxkit-links a, .cxkit-form a.cxkit-link, .cxkit-form a.cxkit-download {
  display: inline-block; margin: 2px 6px 2px 0; padding: 3px 10px; border-radius: 4px;
  border: 1px solid #1f4e79; color: #1f4e79; text-decoration: none; line-height: 1.4;
  white-space: nowrap;
}
.cxkit-form a.cxkit-download {
  background: #1f4e79; color: #fff; font-weight: 600;
  white-space: normal; overflow-wrap: anywhere; max-width: 100%; box-sizing: border-box;
}
.cxkit-form nav.cxkit-links a:hover, .cxkit-form a.cxkit-link:hover { background: #eef3f8; }
.cxkit-form a.cxkit-download:hover { background: #163a5a; }
.cxkit-form details.cxkit-dev { color: #666; font-size: 85%; margin: 2px 0 6px 1.5em; }
.cxkit-form details.cxkit-dev summary { cursor: pointer; }
.cxkit-form ul.cxkit-findings { padding-left: 1.2em; }
.cxkit-form ul.cxkit-findings > li { margin: 4px 0; }
.cxkit-form .cxkit-grid-head .widget-html-content {
  line-height: 1.2; font-size: 85%; white-space: normal; overflow-wrap: break-word;
  hyphens: auto; align-self: end;
}
.cxkit-form .cxkit-intro p { margin: 4px 0 8px; }
"""


def style_widget() -> widgets.HTML:
    """The stylesheet, as a widget to put once on a page (more than once does no harm)."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(display="none"))


def styled(widget: widgets.Widget) -> widgets.Widget:
    """``widget`` marked as a cxkit form, so the stylesheet applies to it."""
    widget.add_class(FORM_CLASS)
    return widget
