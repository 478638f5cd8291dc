"""`kongchuo cohorts`: grade tables followed cohort by cohort."""

from __future__ import annotations

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import (
    FILES,
    INPUT,
    OUTPUT,
    SYSTEM,
    VIEWS,
    YEAR,
    Choice,
    command,
    option,
)


@command("help_cohorts")
@FILES
@option("--view", type=Choice(VIEWS), default="ladder", help="view")
@SYSTEM
@YEAR
@INPUT
@OUTPUT
@run.reports_errors
def cohorts(files: tuple[str, ...], view: str, system: str, year: int | None, encoding, sheet, header_row,
            **given) -> None:
    from kongchuo_cli import api

    to, problems = run.destination(inputs=list(files), **given)
    found = run.call(lambda: api.cohorts(list(files), view=view, system=system, year=year, encoding=encoding,
                                         sheet=sheet, header_row=header_row), problems)
    run.tell(found, given["lang"], given["quiet"], given["verbose"], found.tables)
    run.emit(found.report(given["lang"]), to)
