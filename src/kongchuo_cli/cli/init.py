"""`kongchuo init`: the template to fill in, and a thresholds.yaml to adapt."""

from __future__ import annotations

import click

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import LANG, command, option


@command("help_init")
@click.argument("folder", default=".", required=False)
@option("--force", is_flag=True, help="force")
@LANG
@run.reports_errors
def init(folder: str, force: bool, lang: str) -> None:
    from kongchuo_cli import api
    from kongchuo_cli.i18n import text

    written = api.init(folder, force)
    for path in written:
        run.out(text("init_done", lang, file=path) + "\n")
    run.out(text("init_next", lang, file=written[0]) + "\n")
