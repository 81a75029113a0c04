"""``cxkit validate``, ``convert``, ``new`` and ``schema``: engagement files on disk."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cxkit.checks import CHECK_SECTIONS, Finding, run_checks
from cxkit.cli import command, err, out
from cxkit.document import atomic_write, new_engagement, read_document, save_engagement
from cxkit.errors import EngagementInvalid
from cxkit.file_schema import schema_text
from cxkit.i18n import resolve_lang, t
from cxkit.model import Engagement
from cxkit.validation import Problem, build_engagement, document_language


def health_report(
    engagement: Engagement, findings: list[Finding], lang: str, title: str = ""
) -> str:
    """The health warnings of an engagement, grouped by section of the method."""
    lines = [
        t(
            "cli.validate.valid",
            lang,
            file=title or engagement.id,
            client=engagement.engagement.client,
        )
    ]
    if not findings:
        lines.append(t("cli.validate.healthy", lang))
        return "\n".join(lines)
    warnings = sum(1 for f in findings if f.severity == "warning")
    lines.append(t("cli.validate.summary", lang, warnings=warnings, infos=len(findings) - warnings))
    for section in CHECK_SECTIONS:
        group = [f for f in findings if f.section == section]
        if not group:
            continue
        lines += ["", t(f"section.{section}", lang)]
        for f in group:
            lines.append(f"  {f.code} {t(f'severity.{f.severity}', lang)} · {f.path}")
            lines.append(f"        {f.message(lang)}")
    return "\n".join(lines)


def problems_report(path: str | Path, problems: list[Problem], lang: str) -> str:
    lines = [t("cli.validate.invalid", lang, file=path, count=len(problems))]
    lines += ["  " + p.render(lang) for p in problems]
    return "\n".join(lines)


def _validate_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("path", help=t("cli.help.engagement_file", lang))
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("cli.help.report_format", lang)
    )


@command("validate", _validate_args)
def run_validate(args: argparse.Namespace) -> int:
    doc = read_document(args.path)
    lang = resolve_lang(args.lang or document_language(doc))
    try:
        engagement = build_engagement(doc, lang)
    except EngagementInvalid as exc:
        if args.format == "json":
            report = {
                "file": args.path,
                "valid": False,
                "errors": [p.as_dict(lang) for p in exc.problems],
                "warnings": [],
            }
            out(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            out(problems_report(args.path, exc.problems, lang))
        return 1
    findings = run_checks(engagement)
    if args.format == "json":
        report = {
            "file": args.path,
            "valid": True,
            "errors": [],
            "warnings": [f.as_dict(lang) for f in findings],
        }
        out(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        out(health_report(engagement, findings, lang, title=args.path))
    return 0


def _convert_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("path", help=t("cli.help.engagement_file", lang))
    p.add_argument("-o", "--output", required=True, help=t("cli.help.output_file", lang))


@command("convert", _convert_args)
def run_convert(args: argparse.Namespace) -> int:
    doc = read_document(args.path)
    engagement = build_engagement(doc, args.lang or document_language(doc))
    written = save_engagement(engagement, args.output)
    out(t("cli.convert.done", args.lang or engagement.language, source=args.path, target=written))
    return 0


def _new_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--client", required=True, help=t("cli.help.client", lang))
    p.add_argument("--id", help=t("cli.help.id", lang))
    p.add_argument("-o", "--output", required=True, help=t("cli.help.output_file", lang))
    p.add_argument("--force", action="store_true", help=t("cli.help.force", lang))


@command("new", _new_args)
def run_new(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang)
    target = Path(args.output)
    if target.exists() and not args.force:
        err(t("cli.new.exists", lang, path=target))
        return 1
    engagement = new_engagement(args.client, args.id, lang)
    save_engagement(engagement, target)
    out(t("cli.new.done", lang, path=target, id=engagement.id))
    return 0


def _schema_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("-o", "--output", help=t("cli.schema.output", lang))


@command("schema", _schema_args)
def run_schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output:
        out(text.rstrip("\n"))
        return 0
    atomic_write(args.output, text.encode("utf-8"))
    out(t("cli.schema.done", resolve_lang(args.lang), path=args.output))
    return 0
