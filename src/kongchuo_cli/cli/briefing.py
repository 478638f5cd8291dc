"""`kongchuo briefing`: the 通报 that ranks the townships, as a Word document, a web page or Markdown."""

from __future__ import annotations

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import DOCUMENT_FORMATS, FILES, INPUT, LANG, THRESHOLDS, Choice, command, option


@command("help_briefing", spread=("--ledgers",))
@FILES
@option("--ledger", metavar="FILE", help="ledger")
@option("--previous", metavar="FILE", help="previous")
@option("--ledgers", "ledger_series", multiple=True, metavar="FILE…", help="ledgers")
@option("--plan", "plan_path", metavar="FILE", help="plan_file")
@option("--meta", "meta_path", metavar="FILE", help="meta")
@option("--reveal", is_flag=True, help="reveal")
@THRESHOLDS
@INPUT
@option("-f", "--format", "output_format", type=Choice(DOCUMENT_FORMATS), help="document_format")
@option("-o", "--output", metavar="PATH", help="document_output")
@LANG
@option("-q", "--quiet", is_flag=True, help="quiet")
@option("-v", "--verbose", is_flag=True, help="verbose")
@run.reports_errors
def briefing(files: tuple[str, ...], ledger: str | None, previous: str | None, ledger_series: tuple[str, ...],
             plan_path: str | None, meta_path: str | None, reveal: bool, thresholds_path: str | None,
             profile: str | None, encoding, sheet, header_row, **given) -> None:
    from kongchuo_cli import api
    from kongchuo_cli.policy.thresholds import file_for
    from kongchuo_cli.problems import Message, fail

    if ledger_series and (ledger or previous):
        raise fail("briefing_ledger_options")
    if previous and not ledger:
        raise fail("briefing_previous_alone")
    ledgers = list(ledger_series) or [name for name in (previous, ledger) if name]
    read = [*files, *ledgers, *filter(None, [plan_path, meta_path, file_for(thresholds_path, profile)])]
    to, problems = run.destination(inputs=read, output_encoding=None, color=None, formats=DOCUMENT_FORMATS,
                                   default="markdown", **given)
    lang = given["lang"]
    with run.reading_progress([*files, *ledgers], lang, given["quiet"]) as shown:
        result = run.call(lambda: api.briefing(
            list(files), ledgers=ledgers, plan=plan_path, meta=meta_path, reveal=reveal, thresholds=thresholds_path,
            profile=profile, encoding=encoding, sheet=sheet, header_row=header_row,
            on_file=shown and shown.file), problems)
    if reveal and ledgers:  # always said, even with -q: personal data is on its way out
        run.say([Message("returns_reveal_warning")], lang)
    run.tell(result, lang, given["quiet"], given["verbose"])
    report = result.report(lang)
    run.emit(report, to)
    if not given["quiet"]:
        run.warn(report.said, lang)
