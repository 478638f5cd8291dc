"""`kongchuo returns`: the list of children to bring back, masked unless --reveal."""

from __future__ import annotations

import click

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import INPUT, OUTPUT, command, option


@command("help_returns")
@click.argument("file")
@option("--reveal", is_flag=True, help="reveal")
@INPUT
@OUTPUT
@run.reports_errors
def returns(file: str, reveal: bool, encoding, sheet, header_row, **given) -> None:
    from kongchuo_cli import api
    from kongchuo_cli.problems import Message

    to, problems = run.destination(inputs=[file], **given)
    with run.reading_progress([file], given["lang"], given["quiet"]) as shown:
        if shown is not None:
            shown.file(file)
        found = run.call(lambda: api.returns(file, reveal=reveal, encoding=encoding, sheet=sheet,
                                             header_row=header_row, on_progress=shown and shown.done,
                                             listed=None if given["verbose"] else api.LISTED_ROWS), problems)
    lang = given["lang"]
    if reveal:  # always said, even with -q: personal data is on its way out
        run.say([Message("returns_reveal_warning")], lang)
    run.tell(found, lang, given["quiet"], verbose=False)
    run.emit(found.report(lang), to)
