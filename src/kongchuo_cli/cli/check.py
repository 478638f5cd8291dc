"""`kongchuo check`: read, judge, say how many must return; the exit code gates a CI job."""

from __future__ import annotations

import sys
from dataclasses import replace

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import (
    CHECK_VIEWS,
    EVALUATION,
    GATES,
    Choice,
    command,
    exit_codes,
    option,
)


def evaluate(given: dict, **more):
    """(evaluation, destination) for check and plan: the API's check over the files, with the problems of -o
    reported beside those of the inputs, and what was read said on stderr."""
    from kongchuo_cli import api
    from kongchuo_cli.policy.thresholds import file_for

    files = given["files"]
    read = [*files, *filter(None, [file_for(given["thresholds_path"], given["profile"])])]
    to, problems = run.destination(inputs=read, **given)
    with run.reading_progress(files, given["lang"], given["quiet"]) as shown:
        evaluation = run.call(lambda: api.check(
            list(files), thresholds=given["thresholds_path"], profile=given["profile"], by=given["by"],
            kind=given["kind"], system=given["system"], cohort=given["cohort"], year=given["year"],
            encoding=given["encoding"], sheet=given["sheet"], header_row=given["header_row"],
            id_checks=given["id_checks"], listed=None if given["verbose"] else api.LISTED_ROWS,
            on_file=shown and shown.file, on_progress=shown and shown.done, **more), problems)
    run.tell(evaluation, given["lang"], given["quiet"], given["verbose"], evaluation.inputs.tables)
    return evaluation, to


@command("help_check", exit_codes())
@option("--gate", type=Choice(GATES), default="total", help="gate")
@option("--strict", is_flag=True, help="strict")
@option("--junit", "junit_path", metavar="PATH", help="junit")
@option("--summary", is_flag=True, help="summary")
@option("--history", is_flag=True, help="history")
@option("--view", type=Choice(CHECK_VIEWS), help="check_view")
@EVALUATION
@run.reports_errors
def check(gate: str, strict: bool, junit_path: str | None, summary: bool, history: bool, view: str | None,
          **given) -> None:
    evaluation, to = evaluate(given, gate=gate, strict=strict, history=history)
    lang = given["lang"]
    also = []  # written with -o, all or none
    if junit_path is not None:
        from kongchuo_cli.output.files import check_not_input
        from kongchuo_cli.output.junit import to_junit

        check_not_input(junit_path, [*given["files"], *filter(None, [evaluation.thresholds.path, to.output])])
        also.append((junit_path, to_junit(evaluation.judged, lang, gate, strict)))
    if summary and not given["quiet"]:
        from kongchuo_cli.output.views.check_text import summary_line

        run.out(summary_line(evaluation.judged, lang, gate) + "\n")
    if to.output is not None or not summary:
        run.emit(evaluation.report(lang, view), to, also)
    else:
        run.emit(None, replace(to, quiet=True), also)  # the JUnit report alone
    if junit_path is not None and not given["quiet"]:
        run.say([run.written(junit_path)], lang)  # once it is written
    sys.exit(evaluation.exit_code)
