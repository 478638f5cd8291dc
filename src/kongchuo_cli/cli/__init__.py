"""The command line, a thin skin over the Python API: one module per command parses its options, calls the API,
and renders. A command's module is imported only when it runs or --help lists it, and none imports rich, duckdb
or pandas until it runs, so that `kongchuo --help` and `--version` start fast."""

from __future__ import annotations

import gc
import importlib
import signal

import click

from kongchuo_cli import __version__
from kongchuo_cli.cli.options import described
from kongchuo_cli.cli.usage import Group
from kongchuo_cli.i18n import bilingual

# Every command: its name → its module under kongchuo_cli.cli (which defines a function of the same name), and its
# help in the catalogue (the list of commands is drawn from these, without importing any command's module).
COMMANDS = {
    "check": "help_check",
    "plan": "help_plan",
    "returns": "help_returns",
    "monthly": "help_monthly",
    "briefing": "help_briefing",
    "cohorts": "help_cohorts",
    "explain": "help_explain",
    "thresholds": "help_thresholds",
    "init": "help_init",
}


class LazyGroup(Group):
    """A group whose commands are imported by name when one runs (click's documented lazy-loading pattern); its
    --help lists them from the catalogue."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return getattr(importlib.import_module(f"kongchuo_cli.cli.{name}"), name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, described(COMMANDS[name])["short_help"]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, **described("help_main"), context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kongchuo", help=bilingual("help_version"))
def cli() -> None:
    pass


def main() -> None:
    if hasattr(signal, "SIGPIPE"):  # `kongchuo check … | head` ends quietly, as Unix tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from kongchuo_cli.signals import on_signals

    on_signals()
    # A run builds millions of small objects it keeps (a province's cells, units and results) and hardly any cycle:
    # the collector's default pace re-examined them all again and again, a fifth of a 100,000-school check. The
    # command line collects less often (as mypy does); the library leaves its host's settings alone.
    gc.set_threshold(100_000, 20, 20)
    cli(prog_name="kongchuo")
