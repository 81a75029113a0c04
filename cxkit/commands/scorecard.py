"""``cxkit scorecard``: a period's scorecard deck, from the engagement's measurements.

A period that is no period, or one without measurements (or an engagement
with none at all), is refused with a message naming the periods measured,
exit code 2, and no file written.
"""

from __future__ import annotations

import argparse

from cxkit.cli import command, err, out
from cxkit.commands.deliverables import deliverable_options, open_deck_source
from cxkit.errors import NotFound
from cxkit.i18n import t


def _scorecard_args(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("source", metavar="ENGAGEMENT", help=t("cli.help.source", lang))
    p.add_argument("--period", help=t("cli.help.scorecard_period", lang))
    p.add_argument("-o", "--output", required=True, help=t("cli.help.scorecard_output", lang))
    deliverable_options(p, lang)


@command("scorecard", _scorecard_args)
def run_scorecard(args: argparse.Namespace) -> int:
    from cxkit.deck.scorecard import build_scorecard, plan_scorecard
    from cxkit.periods import label
    from cxkit.scorecard import check_period
    from cxkit.typography import t_plural

    template, engagement, lang = open_deck_source(args)
    try:
        period = check_period(engagement, args.period, args.lang or lang)
    except NotFound as exc:  # a period the data cannot answer for: a usage error
        err(exc.message(args.lang or lang))
        return 2
    plan = plan_scorecard(engagement, period, lang, template=template)
    path = build_scorecard(engagement, period, args.output, template=template, plan=plan)
    slides = t_plural("count.slides", len(plan.slides), lang)
    out(t("scorecard.done", lang, period=label(period, lang), path=path, slides=slides))
    return 0
