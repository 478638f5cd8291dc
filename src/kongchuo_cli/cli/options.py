"""Every option of every command, declared once, with its help from the catalogue; and the groups of options
that commands share (how inputs are read, where results go, which lines judge)."""

from __future__ import annotations

import click

from kongchuo_cli.cli.usage import Command, Refused
from kongchuo_cli.i18n import LANGS, bilingual, listing, text

# Kept here rather than imported, so that --help loads click and nothing else; tests check they agree.
FORMATS = ("table", "csv", "tsv", "json", "markdown", "xlsx")
DOCUMENT_FORMATS = ("docx", "html", "markdown", "json")
KINDS = ("summary", "grades", "roster")
SYSTEMS = ("6-3", "5-4", "九年一贯制")
GATES = ("total", "units")
VIEWS = ("ladder", "flow", "gaps")
CHECK_VIEWS = ("long", "compact")
SHARE_BY = ("lost", "gap")


class Encoding(click.ParamType):
    """A text encoding Python knows (gbk, gb18030, utf-8, utf-16…), checked when the options are read."""

    name = "encoding"

    def convert(self, value, param, ctx):
        from kongchuo_cli.read.grid import text_encoding

        found = text_encoding(value)  # rot13, base64…: codecs, but of no text
        if found is None:
            raise refused("usage_encoding", param, ctx, value=value)
        return found


class ColumnList(click.ParamType):
    """Comma-separated column names: 乡镇,学校 (the Chinese comma works too)."""

    name = "columns"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        names = tuple(name.strip() for name in value.replace("，", ",").split(",") if name.strip())
        if not names:
            raise refused("usage_no_columns", param, ctx)
        return names


class Choice(click.Choice):
    """click's Choice, refusing a value in both languages."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            raise refused("usage_value_choice", param, ctx, value=value, allowed=listing(self.choices)) from None


class Whole(click.IntRange):
    """A whole number within bounds (a year, a row), refused in both languages."""

    def _describe_range(self) -> str:
        return ""  # click's "[1949<=x<=2100]" in --help: the refusal says the range in words
    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            code = "usage_value_at_least" if self.max is None else "usage_value_between"
            raise refused(code, param, ctx, value=value, low=self.min, high=self.max) from None


def refused(code: str, param, ctx, **values) -> Refused:
    return Refused(text(code, "zh", **values), text(code, "en", **values), ctx, param)


def command(code: str, *blocks: str, spread: tuple[str, ...] = ()):
    """click.command whose help (from the catalogue) is laid out by display width and whose usage errors speak
    Chinese too; `spread` options take every value up to the next option."""
    return click.command(cls=Command, spread=spread, **described(code, *blocks))


def option(*declarations: str, help: str, **settings):
    """click.option with its help text from the catalogue, in both languages."""
    return click.option(*declarations, help=bilingual(f"help_{help}"), **settings)


def together(*decorators):
    """Several options as one decorator, in the order given."""

    def apply(command):
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


YEAR_RANGE = Whole(1949, 2100)

FILES = click.argument("files", nargs=-1, required=True)
LANG = option("--lang", type=Choice(LANGS), default="zh", help="lang")
SYSTEM = option("--system", type=Choice(SYSTEMS), default="6-3", help="system")
YEAR = option("--year", type=YEAR_RANGE, metavar="YEAR", help="year")
DATA = option("--data", multiple=True, metavar="FILE", help="data")
THRESHOLDS = together(
    option("-t", "--thresholds", "thresholds_path", metavar="PATH", help="thresholds_path"),
    option("-p", "--profile", metavar="NAME", help="profile"),
)
INPUT = together(  # how tables are read: every command that reads them
    option("--encoding", type=Encoding(), help="encoding"),
    option("--sheet", metavar="NAME|N", help="sheet"),
    option("--header-row", type=Whole(min=1), metavar="N", help="header_row"),
)
OUTPUT = together(  # where and how results go: every command that prints results
    option("-f", "--format", "output_format", type=Choice(FORMATS), help="format"),
    option("-o", "--output", metavar="PATH", help="output"),
    LANG,
    option("--output-encoding", type=Encoding(), help="output_encoding"),
    option("--color/--no-color", default=None, help="color"),
    option("-q", "--quiet", is_flag=True, help="quiet"),
    option("-v", "--verbose", is_flag=True, help="verbose"),
)
EVALUATION = together(  # what is evaluated and against which lines: check and plan
    FILES,
    THRESHOLDS,
    option("--by", type=ColumnList(), default=(), metavar="COLUMN[,COLUMN]", help="by"),
    option("--kind", type=Choice(KINDS), help="kind"),
    SYSTEM,
    option("--cohort", type=YEAR_RANGE, metavar="YEAR", help="cohort"),
    option("--no-id-checks", "id_checks", is_flag=True, default=True, flag_value=False, help="no_id_checks"),
    YEAR,
    INPUT,
    OUTPUT,
)


def described(code: str, *blocks: str) -> dict[str, str]:
    """A command's help: the Chinese sentence, the English paragraph, then any preformatted blocks; and for the list
    of commands, the Chinese up to its first full stop (click's own cut counts characters and words)."""
    chinese = text(code, "zh")
    return {"help": "\n\n".join([chinese, text(code, "en"), *blocks]), "short_help": chinese.split("。")[0] + "。"}


def exit_codes() -> str:
    """The exit codes as a block click leaves as it is (\\b)."""
    lines = [f"  {code:<3}  {bilingual(f'help_exit_{code}')}" for code in (0, 1, 2, 130)]
    return "\b\n" + "\n".join([f"{text('help_exit_codes', 'zh')} / {text('help_exit_codes', 'en')}:", *lines])
