"""`kongchuo plan`: the county's need shared out among its units (请各乡镇认领)."""

from __future__ import annotations

from kongchuo_cli.cli import run
from kongchuo_cli.cli.check import evaluate
from kongchuo_cli.cli.options import EVALUATION, SHARE_BY, Choice, command, option


@command("help_plan")
@option("-i", "--indicator", "indicators", multiple=True, metavar="NAME", help="indicator")
@option("--share-by", type=Choice(SHARE_BY), default="lost", help="share_by")
@EVALUATION
@run.reports_errors
def plan(indicators: tuple[str, ...], share_by: str, **given) -> None:
    from kongchuo_cli.api import Plan
    from kongchuo_cli.judge.plan import make_plan

    evaluation, to = evaluate(given)
    run.emit(Plan(evaluation, make_plan(evaluation.judged, indicators, share_by), share_by).report(given["lang"]), to)
