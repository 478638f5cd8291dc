"""`kongchuo monthly`: the dropout ledger followed month by month (流失生月报)."""

from __future__ import annotations

import sys

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import FILES, INPUT, OUTPUT, Whole, command, option


@command("help_monthly")
@FILES
@option("--sheets", is_flag=True, help="sheets")
@option("--plan", "plan_path", metavar="FILE", help="plan_file")
@option("--stale-days", type=Whole(min=0), default=30, metavar="DAYS", help="stale_days")
@option("--reveal", is_flag=True, help="reveal")
@option("--strict", is_flag=True, help="strict_monthly")
@INPUT
@OUTPUT
@run.reports_errors
def monthly(files: tuple[str, ...], sheets: bool, plan_path: str | None, stale_days: int, reveal: bool, strict: bool,
            encoding, sheet, header_row, **given) -> None:
    from kongchuo_cli import api
    from kongchuo_cli.problems import Message

    to, problems = run.destination(inputs=[*files, *filter(None, [plan_path])], **given)
    lang = given["lang"]
    with run.reading_progress(files, lang, given["quiet"]) as shown:
        result = run.call(lambda: api.monthly(list(files), sheets=sheets, plan=plan_path, stale_days=stale_days,
                                              reveal=reveal, strict=strict, encoding=encoding, sheet=sheet,
                                              header_row=header_row, on_file=shown and shown.file), problems)
    if reveal:  # always said, even with -q: personal data is on its way out
        run.say([Message("returns_reveal_warning")], lang)
    run.tell(result, lang, given["quiet"], verbose=False)
    run.emit(result.report(lang), to)
    sys.exit(result.exit_code)
