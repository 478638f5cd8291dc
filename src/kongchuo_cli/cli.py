"""The command line: parse options, call the library, print. Heavy imports wait until a command runs, so that
`kongchuo --help` and `--version` start fast."""

from __future__ import annotations

import signal
import sys

import click

from kongchuo_cli import __version__

FORMATS = ("table", "csv", "tsv", "json", "markdown")
LANGS = ("zh", "en")
GATES = ("total", "units")


class CannotEvaluate(click.ClickException):
    """Input kongchuo cannot evaluate: every problem on its own line on stderr, exit 2 (1 means "gate failed")."""

    exit_code = 2

    def __init__(self, lines: list[str], lang: str) -> None:
        from kongchuo_cli.messages import Message

        super().__init__("\n".join(lines))
        self.lines = lines
        self.prefix = Message("error_prefix").render(lang)

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(f"{self.prefix}{line}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kongchuo")
def cli() -> None:
    """kongchuo（控辍保学）：义务教育巩固率、辍学率、入学率等指标的精确计算与达标判定，并给出需劝返复学的人数。

    kongchuo computes the compulsory-education indicators of a county exactly, judges them against the lines of a
    thresholds file, and says how many children must return to school to close each gap.
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-t", "--thresholds", "thresholds_path", type=click.Path(dir_okay=False),
              help="阈值文件 / thresholds YAML [default: ./thresholds.yaml, else the built-in national lines]")
@click.option("-f", "--format", "output_format", type=click.Choice(FORMATS),
              help="输出格式 / output format [default: table, or from the -o extension]")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="写入文件（完整写入或不写）/ write to a file, whole or not at all")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="标签语言 / labels and headers (JSON keys stay English)")
@click.option("--gate", type=click.Choice(GATES), default="total", show_default=True,
              help="决定退出码的行：合计行，或每个单位 / rows that decide the exit code")
@click.option("--strict", is_flag=True, help="预警也算未通过 / a warn fails the gate too")
def check(files: tuple[str, ...], thresholds_path: str | None, output_format: str | None, output: str | None,
          lang: str, gate: str, strict: bool) -> None:
    """读取汇总表，计算各项指标，对照标准判定，并给出需劝返人数。

    Read summary tables (one row per 乡镇 or 学校; CSV, UTF-8 or GBK), compute every indicator whose columns are
    present, judge each against its line, and give the returns needed to close each gap.

    \b
    退出码 / exit codes:
      0  通过 / no failing row
      1  有未达标 / a gated row fails (or warns, with --strict)
      2  无法判定 / cannot evaluate: bad input, thresholds or options
    """
    from kongchuo_cli import evaluate, load, render, thresholds
    from kongchuo_cli import output as out
    from kongchuo_cli.gate import exit_code
    from kongchuo_cli.messages import KongchuoError, Message

    problems: list = []
    notices: list = []

    def attempt(action):
        """Run one step; keep its problems so that one run reports those of every input."""
        try:
            return action()
        except KongchuoError as error:
            problems.extend(error.problems)
            notices.extend(error.notices)
            return None

    policy = attempt(lambda: thresholds.load(thresholds_path))
    tables = attempt(lambda: load.load_files(list(files)))
    if output is not None:
        inputs = [*files, *([thresholds_path] if thresholds_path else [])]
        attempt(lambda: out.check_not_input(output, inputs))
        output_format = attempt(lambda: out.choose_format(output_format, output))
    evaluation = attempt(lambda: evaluate.evaluate(tables, policy)) if not problems else None
    warning = Message("warning_prefix").render(lang)
    for notice in notices + [notice for table in tables or () for notice in table.notices]:
        click.echo(f"{warning}{notice.render(lang)}", err=True)
    if problems:
        raise CannotEvaluate([problem.render(lang) for problem in problems], lang)

    output_format = output_format or "table"
    options = {"lang": lang, "gate": gate, "strict": strict}
    terminal, color = _terminal() if output is None else (False, False)
    if output_format == "table":
        options.update(color=color, width=_terminal_width() if terminal else None)
    text = render.FORMATTERS[output_format](evaluation, **options)
    if output is None:
        click.echo(text, nl=False, color=color)
    else:
        try:
            out.write_atomic(output, text, output_format)
        except KongchuoError as error:
            raise CannotEvaluate([problem.render(lang) for problem in error.problems], lang) from None
    sys.exit(exit_code(evaluation.results, gate, strict))


def _terminal() -> tuple[bool, bool]:
    """(stdout is a terminal, colour wanted): rich's reading, which honours FORCE_COLOR and NO_COLOR."""
    from rich.console import Console

    console = Console(file=sys.stdout)
    return console.is_terminal, console.is_terminal and not console.no_color


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((140, 24)).columns


def main() -> None:
    if hasattr(signal, "SIGPIPE"):  # `kongchuo check … | head` ends quietly, as Unix tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cli(prog_name="kongchuo")
