"""What every command does around its call to the Python API: problems become exit 2 with one line each (after
the warnings that often explain them); what was read and the warnings go to stderr; results are rendered once
and sent as they are made, to the terminal or to a file written atomically."""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import click

from kongchuo_cli.i18n import text
from kongchuo_cli.judge.gate import ExitCode
from kongchuo_cli.problems import KongchuoError, Message, Where

PROGRESS_BYTES = 2_000_000  # inputs smaller than this read in a blink: no progress display
PROGRESS_ROWS = 20_000  # nor workbooks of fewer records
DEFAULT_WIDTH = 80  # tables in a pipe or a file: what an 80-column terminal shows
STDOUT_HELD = 16_000_000  # bytes of output held back before standard output is written (see _to_stdout)


MAX_SHOWN_WARNINGS = 50  # on screen; -v shows them all (a file of 100,000 unknown columns is no reading)
MAX_SHOWN_ERRORS = 50


class CannotEvaluate(click.ClickException):
    """Input kongchuo cannot evaluate: every problem on its own line on stderr, exit 2 (1 means "gate failed")."""

    exit_code = ExitCode.CANNOT_EVALUATE

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(line, err=True)


def reports_errors(command):
    """Expected problems become messages (exit 2), after the warnings gathered on the way (unless -q); an
    unexpected one is a bug: one line, or the traceback with -v."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        lang = kwargs.get("lang", "zh")
        try:
            return command(*args, **kwargs)
        except KongchuoError as error:
            if not kwargs.get("quiet"):
                warn(error.notices, lang, kwargs.get("verbose", False))
            raise CannotEvaluate(error_lines(error, lang, kwargs.get("verbose", False))) from None
        except KeyboardInterrupt as error:  # Ctrl-C, SIGTERM, SIGHUP: temporary files are gone by now
            signum = getattr(error, "signum", signal.SIGINT)
            click.echo(text("interrupted", lang), err=True)
            raise click.exceptions.Exit(128 + signum) from None
        except (click.ClickException, click.exceptions.Exit, SystemExit, BrokenPipeError):
            raise
        except Exception as error:  # noqa: BLE001 - a bug: say so plainly, never a bare traceback by default
            if kwargs.get("verbose"):
                traceback.print_exc()
            code = "internal_error" if "verbose" in kwargs else "internal_error_plain"  # only where -v exists
            message = Message(code, {"detail": f"{type(error).__name__}: {error}"})
            raise CannotEvaluate(KongchuoError([message]).lines(lang)) from None

    return run


def error_lines(error: KongchuoError, lang: str, verbose: bool) -> list[str]:
    """The problems, one line each: the first MAX_SHOWN_ERRORS (with -v, every one kept) and how many more. A
    reader keeps at most MAX_LISTED_PROBLEMS, its last message counting the rest."""
    problems, more = list(error.problems), 0
    if problems and problems[-1].code == "more_errors":
        more = problems.pop().params["count"]
    if not verbose and len(problems) > MAX_SHOWN_ERRORS:
        more += len(problems) - MAX_SHOWN_ERRORS
        return [*KongchuoError(problems[:MAX_SHOWN_ERRORS]).lines(lang), text("errors_more", lang, count=more)]
    return [*KongchuoError(problems).lines(lang), *([text("more_errors", lang, count=more)] if more else [])]


def say(messages: list[Message], lang: str) -> None:
    """What was read, on stderr."""
    for message in messages:
        click.echo(message.render(lang), err=True)


def warn(messages: list[Message], lang: str, verbose: bool = False) -> None:
    """The warnings on stderr: the first MAX_SHOWN_WARNINGS and how many more (all of them with -v)."""
    prefix = text("warning_prefix", lang)
    shown = messages if verbose else messages[:MAX_SHOWN_WARNINGS]
    for message in shown:
        click.echo(f"{prefix}{message.render(lang)}", err=True)
    if len(messages) > len(shown):
        click.echo(f"{prefix}{text('warnings_more', lang, count=len(messages) - len(shown))}", err=True)


def tell(result, lang: str, quiet: bool, verbose: bool, described: list | None = None) -> None:
    """A use case's outcome on stderr: what was read and the warnings (unless -q); with -v, how each file was read."""
    if not quiet:
        say(result.info, lang)
        warn(result.notices, lang, verbose)
    if verbose:
        say([table.description() for table in described or ()], lang)


def out(content: str, color: bool | None = None) -> None:
    """Text to standard output, which may be closed (>&-) or full (> /dev/full): said, never an internal error."""
    if sys.stdout is None:
        raise KongchuoError([Message("stdout_closed")])
    try:
        click.echo(content, nl=False, color=color)
        sys.stdout.flush()
    except OSError as error:
        raise KongchuoError([Message("stdout_unwritable", {"reason": error.strerror or str(error)})]) from None


@dataclass(frozen=True)
class Destination:
    """Where and how results go: the format (from -f, else -o's extension, else the table), the file, the rest."""

    output_format: str
    output: str | None
    lang: str
    encoding: str | None
    color: bool | None
    quiet: bool


def destination(output_format: str | None, output: str | None, lang: str, output_encoding: str | None,
                color: bool | None, quiet: bool, inputs: list[str], formats: tuple[str, ...] | None = None,
                default: str = "table", **_) -> tuple[Destination, list[Message]]:
    """The destination of the results, and the problems of -o (an input as output, an unknown extension, one
    this command does not write: `formats`, every command's records by default), reported with those of the
    inputs."""
    from kongchuo_cli.output.files import check_not_input, choose_format
    from kongchuo_cli.output.formats import FORMATS

    problems: list[Message] = []
    chosen = output_format or default
    try:
        if output is not None:
            check_not_input(output, inputs)
        chosen = choose_format(output_format, output, formats or FORMATS, default)
    except KongchuoError as error:
        problems.extend(error.problems)
    return Destination(chosen, output, lang, output_encoding, color, quiet), problems


def call(use_case: Callable[[], object], problems: list[Message]):
    """The use case's result; its problems and the given ones (of -o) are raised together."""
    try:
        result = use_case()
    except KongchuoError as error:
        raise KongchuoError(error.problems + problems, error.notices) from None
    if problems:
        raise KongchuoError(problems, getattr(result, "notices", []))
    return result


class BytesRead:
    """Where a progress bar over the bytes of several files stands: the files read before, and the part of the
    current one (a fraction, as the reader tells it)."""

    def __init__(self, sizes: dict[str, int], show: Callable[[int, str], None]) -> None:
        self.sizes, self.show = sizes, show
        self.before, self.current = 0, None

    def file(self, name: str) -> None:
        if self.current is not None:
            self.before += self.sizes.get(self.current, 0)
        self.current = name
        self.show(self.before, name)

    def done(self, fraction: float) -> None:
        if self.current is not None:
            self.show(self.before + round(fraction * self.sizes.get(self.current, 0)), self.current)


@contextlib.contextmanager
def reading_progress(files: tuple[str, ...] | list[str], lang: str, quiet: bool) -> Iterator[BytesRead | None]:
    """A transient progress bar on stderr, by bytes read, while large inputs are read; only on a terminal, never
    with -q."""
    from pathlib import Path

    sizes = {name: Path(name).stat().st_size for name in files if name != "-" and Path(name).is_file()}
    with _progress(sum(sizes.values()), PROGRESS_BYTES, quiet) as bar:
        if bar is None:
            yield None
            return
        progress, task = bar
        yield BytesRead(sizes, lambda completed, name: progress.update(
            task, completed=completed, description=text("reading", lang, file=name)))


@contextlib.contextmanager
def _progress(total: int | Callable[[], int], least: int, quiet: bool):
    """(rich's Progress, its task) over `total` units (or what `total()` counts, asked only where a bar could
    show) when there are at least `least` and stderr is a terminal; else None."""
    if quiet or not _is_terminal(sys.stderr):  # the common case decided before rich is loaded
        yield None
        return
    if callable(total):
        total = total()
    if total < least:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        yield progress, progress.add_task("", total=total)


def emit(report, to: Destination, also: list[tuple[str, bytes]] = ()) -> None:
    """Render once and send it as it is made: to the file (written beside it and renamed, together with the files
    `also` written by the same run: all of them or none), or to stdout (machine formats as bytes, so a Windows
    console's code page never garbles a CSV)."""
    from kongchuo_cli.output import files
    from kongchuo_cli.output.formats import BINARY_FORMATS, rendered
    from kongchuo_cli.problems import fail

    if to.output is None and to.quiet:
        files.write_all([(path, data, False) for path, data in also])
        return
    terminal, colour_wanted = _terminal() if to.output is None else (False, False)
    if to.output_format in BINARY_FORMATS and terminal:
        raise fail(f"{to.output_format}_to_terminal", Where("-"))
    options: dict[str, object] = {"lang": to.lang}
    color = to.color
    if to.output_format == "table":
        color = (colour_wanted if color is None else color) and to.output is None
        options.update(color=color, width=table_width())
    if to.output_format == "xlsx":
        with _progress(report.count, PROGRESS_ROWS, to.quiet) as bar:
            if bar is not None:
                progress, task = bar
                progress.update(task, description=text("writing", to.lang, file=to.output))
                options["on_row"] = lambda done, total: progress.update(task, completed=done, total=total)
            content = rendered(to.output_format, report, **options)
    else:
        content = rendered(to.output_format, report, **options)  # chunks, made as they are written
    if to.output is not None:
        data = content if isinstance(content, bytes) else files.encoded(
            content, to.encoding, bom=to.output_format in files.BOM_FORMATS)
        files.write_all([(to.output, data, report.private), *((path, data, False) for path, data in also)])
        if not to.quiet:
            say([written(to.output, report.brief)], to.lang)
        return
    files.write_all([(path, data, False) for path, data in also])
    if to.output_format == "table" and to.encoding is None:
        out("".join(content), color)  # click speaks the terminal's own encoding
        return
    _to_stdout([content] if isinstance(content, bytes) else files.encoded(content, to.encoding, bom=False))


def _to_stdout(chunks: Iterable[bytes]) -> None:
    """Bytes to standard output as they come; the first STDOUT_HELD bytes are held back, so that an output that
    small fails (a character the encoding lacks) with nothing written, as a file would."""
    if sys.stdout is None:
        raise KongchuoError([Message("stdout_closed")])
    held: list[bytes] | None = []
    size = 0
    try:
        for data in chunks:
            if held is None:
                sys.stdout.buffer.write(data)
                continue
            held.append(data)
            size += len(data)
            if size >= STDOUT_HELD:
                sys.stdout.buffer.writelines(held)
                held = None
        sys.stdout.buffer.writelines(held or ())
        sys.stdout.flush()
    except OSError as error:
        raise KongchuoError([Message("stdout_unwritable", {"reason": error.strerror or str(error)})]) from None


def written(path: str, brief: str = "") -> Message:
    """已写入 结果.xlsx（未达标 4 项）: a file written, and what it holds."""
    return Message("written", {"file": path, "brief": Message("written_brief", {"brief": brief}) if brief else ""})


def _terminal() -> tuple[bool, bool]:
    """(stdout is a terminal, colour wanted), read as rich reads them: FORCE_COLOR makes any stream a terminal,
    NO_COLOR (set and not empty) or TERM=dumb takes the colour away. Decided without loading rich."""
    import os

    terminal = _is_terminal(sys.stdout)
    plain = os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM", "").lower() in ("dumb", "unknown")
    return terminal, terminal and not plain


def _is_terminal(stream) -> bool:
    import os

    if os.environ.get("FORCE_COLOR", "") != "":
        return True
    try:
        return stream is not None and stream.isatty()
    except ValueError:  # a closed stream
        return False


def table_width() -> int:
    """The width tables are drawn to: COLUMNS when set, else the terminal's, else (a pipe, a file) 80."""
    import os
    import shutil

    try:
        return max(int(os.environ["COLUMNS"]), 20)
    except (KeyError, ValueError):
        pass
    terminal = sys.stdout is not None and sys.stdout.isatty()  # None: standard output closed (said later)
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if terminal else DEFAULT_WIDTH
