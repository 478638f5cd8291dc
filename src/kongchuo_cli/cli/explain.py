"""`kongchuo explain`: an indicator in words, and one unit's computation written out."""

from __future__ import annotations

import click

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import DATA, INPUT, LANG, THRESHOLDS, command, option


@command("help_explain")
@click.argument("indicator", required=False)
@THRESHOLDS
@DATA
@option("--unit", metavar="NAME", help="unit")
@LANG
@INPUT
@run.reports_errors
def explain(indicator: str | None, thresholds_path, profile, data, unit, lang, encoding, sheet, header_row) -> None:
    from kongchuo_cli import api

    found = api.explain(indicator, thresholds=thresholds_path, profile=profile, data=data, unit=unit,
                        encoding=encoding, sheet=sheet, header_row=header_row)
    run.out(found.text(lang))
