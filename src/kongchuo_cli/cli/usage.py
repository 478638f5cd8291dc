"""The command line's own words in both languages, as --help speaks before --lang is read: help laid out by display
width (a Chinese character takes two cells, so click's len() would misalign and overflow it), and click's usage
errors (a missing argument, an unknown command or option, a value not allowed) in Chinese with click's English
after a slash. Loads click and nothing heavier, so that --help starts fast."""

from __future__ import annotations

import difflib
import re

import click

from kongchuo_cli.i18n import bilingual, listing, text
from kongchuo_cli.output.text import fold, width_of

HEADINGS = {"Options": "heading_options", "Commands": "heading_commands"}


class Formatter(click.HelpFormatter):
    """click's help layout, measured in display cells; an option's help that does not fit on one line puts its
    Chinese and its English (written 中文 / English) on lines of their own."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        self._write_folded(f"{bilingual('usage_heading')}: {prog} {args}".rstrip(), "", " " * 4)

    def write_heading(self, heading: str) -> None:
        code = HEADINGS.get(heading)
        self.write(f"{'':>{self.current_indent}}{bilingual(code) if code else heading}:\n")

    def write_text(self, written: str) -> None:
        """Paragraphs folded to the width; a paragraph opening with \\b is kept line by line (click's rule)."""
        indent = " " * self.current_indent
        for position, paragraph in enumerate(re.split(r"\n\s*\n", written.strip("\n"))):
            if position:
                self.write("\n")
            lines = paragraph.splitlines()
            if lines and lines[0].strip() == "\b":
                self.write("".join(f"{indent}{line}\n" for line in lines[1:]))
            else:
                self._write_folded(" ".join(line.strip() for line in lines), indent, indent)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((width_of(term) for term, _ in rows), default=0), col_max) + col_spacing
        room = max(self.width - first - self.current_indent, 20)
        indent = " " * (first + self.current_indent)
        for term, definition in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            lines = [line for part in _parts(definition, room) for line in fold(part, room)] if definition else []
            if not lines:
                self.write("\n")
                continue
            fits = width_of(term) <= first - col_spacing  # else the help starts on the line below the term
            self.write(" " * (first - width_of(term)) if fits else "\n" + indent)
            self.write(lines[0] + "\n" + "".join(f"{indent}{line}\n" for line in lines[1:]))

    def _write_folded(self, line: str, first: str, rest: str) -> None:
        """A line folded to the width: `first` before its first part, `rest` before the others."""
        room = max(self.width - max(width_of(first), width_of(rest)), 20)
        for number, part in enumerate(fold(line, room)):
            self.write(f"{rest if number else first}{part}\n")


def _parts(definition: str, room: int) -> list[str]:
    """An option's help on one line if it fits, else its Chinese and its English apart."""
    if width_of(definition) <= room or " / " not in definition:
        return [definition]
    chinese, english = definition.split(" / ", 1)
    return [chinese, english]


class Context(click.Context):
    formatter_class = Formatter


class Refused(click.BadParameter):
    """A value an option does not take, said in both languages (click's own English is kept for the English)."""

    def __init__(self, chinese: str, english: str, ctx=None, param=None) -> None:
        super().__init__(english, ctx, param)
        self.chinese = chinese


class Usage(click.UsageError):
    """A usage error in Chinese, then English after a slash; with the usage line and where help is."""

    def __init__(self, chinese: str, english: str, ctx: click.Context | None) -> None:
        super().__init__(english, ctx)
        self.chinese = chinese

    def show(self, file=None) -> None:
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), err=True)
            click.echo(bilingual("usage_help", command=self.ctx.command_path) + "\n", err=True)
        click.echo(f"{text('error_prefix', 'zh')}{self.chinese} / {text('error_prefix', 'en')}{self.message}",
                   err=True)


# click's English usage errors that carry no fields to read, by their start: (pattern, catalogue code)
CLICK_WORDS = (
    (re.compile(r"Option '(?P<name>[^']+)' requires (an argument|\d+ arguments)"), "usage_needs_value"),
    (re.compile(r"Got unexpected extra arguments? \((?P<name>.*)\)"), "usage_extra"),
    (re.compile(r"Option '(?P<name>[^']+)' does not take a value"), "usage_takes_no_value"),
    (re.compile(r"No such command '(?P<name>[^']+)'"), "usage_no_command"),
)


def translated(error: click.UsageError, commands: tuple[str, ...] = ()) -> Usage:
    """click's usage error in both languages."""
    english, ctx = error.format_message(), error.ctx
    if isinstance(error, click.NoSuchOption):
        chinese = text("usage_no_option", "zh", name=error.option_name)
        if error.possibilities:
            chinese += text("usage_did_you_mean", "zh", names=listing(sorted(error.possibilities)))
    elif isinstance(error, click.MissingParameter):
        kind = "usage_missing_argument" if isinstance(error.param, click.Argument) else "usage_missing_option"
        name = error.param.make_metavar(ctx) if isinstance(error.param, click.Argument) else error.param.opts[0]
        chinese = text(kind, "zh", name=name)
    elif isinstance(error, click.BadParameter):
        hint = error.param.opts[0] if isinstance(error.param, click.Option) else (
            error.param.make_metavar(ctx) if error.param is not None else "")
        chinese = f"{hint} {error.chinese}" if isinstance(error, Refused) else text("usage_bad_value", "zh",
                                                                                     name=hint)
    else:
        match, code = next(((found, code) for pattern, code in CLICK_WORDS if (found := pattern.match(english))),
                           (None, "usage_other"))
        chinese = text(code, "zh", name=match.group("name") if match else "")
        close = difflib.get_close_matches(match.group("name"), commands, 3) if code == "usage_no_command" else []
        if close:
            chinese += text("usage_did_you_mean", "zh", names=listing(close))
    return Usage(chinese, english, ctx)


class Command(click.Command):
    """A command whose help is laid out by display width and whose usage errors speak Chinese too; its `spread`
    options take every argument up to the next option (--ledgers a.xlsx b.xlsx)."""

    context_class = Context

    def __init__(self, *args, spread: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.spread = spread

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = bilingual("help_help")
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, spread(args, self.spread))
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            error.ctx = error.ctx or ctx  # the parser's own errors come without it: the usage line needs it
            raise translated(error) from None


def spread(args: list[str], options: tuple[str, ...]) -> list[str]:
    """`--ledgers a b c` as click reads a repeated option, `--ledgers a --ledgers b --ledgers c`: the values up to
    the next option (or `--`). Given none, the option is left alone for click to say it needs a value."""
    read: list[str] = []
    current, given = None, False  # the spread option being read, and whether it has had a value
    for position, argument in enumerate(args):
        if current is not None and argument not in options and not argument.startswith("-"):
            read += [current, argument]
            given = True
            continue
        if current is not None and not given:
            read.append(current)
        current, given = (argument, False) if argument in options else (None, False)
        if argument == "--":
            return read + args[position:]
        if current is None:
            read.append(argument)
    return read + ([current] if current is not None and not given else [])


class Group(Command, click.Group):
    """A group of commands, as `Command`; an unknown command's name is compared with the known ones."""

    command_class = Command

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            raise translated(error, tuple(self.list_commands(ctx))) from None
