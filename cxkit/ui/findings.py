"""The health checks as a consultant reads them: sentences, grouped by part, codes folded away.

A finding's code (``CX211``) and path (``environment.customer.segments[0]``)
help a developer and mean nothing to a consultant: they are kept, in a
``<details>`` fold under the sentence. Counted messages use the catalog's
plural forms ("2 avertissements", never "2 avertissement(s)"). Pure HTML
from the findings, tested without a widget.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxkit.checks import CHECK_SECTIONS, Finding
from cxkit.checks import _show as shown_param  # the checks' own way to word a parameter
from cxkit.i18n import catalog, resolve_lang, t
from cxkit.labels import capitalize
from cxkit.typography import nbsp, t_plural
from cxkit.ui.texts import colon, esc
from cxkit.ui.views import SECTION_NOTEBOOK, anchor, notebook_link


def finding_sentence(finding: Finding, lang: str) -> str:
    """The finding's message, with a counted noun in its plural form when the catalog has one."""
    key = f"forms.check.{finding.code}"
    count = finding.params.get("count")
    missing = finding.params.get("missing")
    if isinstance(missing, list):  # "indicateur, seuil manquants": as many as are missing
        count = len(missing)
    if isinstance(count, int) and f"{key}.other" in catalog(resolve_lang(lang)):
        params = {k: shown_param(k, v, lang) for k, v in finding.params.items() if k != "count"}
        return t_plural(key, count, lang, **params)
    return nbsp(finding.message(lang), lang)


def summary_text(findings: Sequence[Finding], lang: str) -> str:
    """ "3 avertissements, 1 information" in the page's language."""
    warnings = sum(1 for f in findings if f.severity == "warning")
    return t(
        "forms.checks.summary",
        lang,
        warnings=t_plural("forms.checks.warnings", warnings, lang),
        infos=t_plural("forms.checks.infos", len(findings) - warnings, lang),
    )


def finding_html(finding: Finding, lang: str) -> str:
    """One finding: its title and sentence; the code and path in a fold for developers."""
    icon = "⚠" if finding.severity == "warning" else "ℹ"
    title = t(f"check.{finding.code}.title", lang)
    details = (
        f"<details class='cxkit-dev'><summary>{esc(t('forms.checks.details', lang))}</summary>"
        f"<code>{esc(finding.code)}</code> · <code>{esc(finding.path)}</code></details>"
    )
    return (
        f"<li>{icon} <b>{esc(nbsp(title, lang))}</b>{colon(lang)}"
        f"{esc(finding_sentence(finding, lang))}"
        f"{details}</li>"
    )


def findings_html(findings: Sequence[Finding], engagement_id: str, lang: str) -> str:
    """Every finding by part, each part with a link to the page that fixes it."""
    if not findings:
        return f"<p>✔ {esc(t('ui.checks.none', lang))}</p>"
    parts = [f"<p>{esc(summary_text(findings, lang))}</p>"]
    for section in CHECK_SECTIONS:
        mine = [f for f in findings if f.section == section]
        if not mine:
            continue
        notebook = SECTION_NOTEBOOK[section]
        link = anchor(
            capitalize(t("ui.checks.fix", lang, form=t(f"ui.notebook.{notebook}", lang))),
            notebook_link(notebook, engagement_id),
            css="cxkit-link",
        )
        items = "".join(finding_html(f, lang) for f in mine)
        parts.append(
            f"<h4>{esc(t(f'section.{section}', lang))} {link}</h4>"
            f"<ul class='cxkit-findings'>{items}</ul>"
        )
    return "".join(parts)
