"""`kongchuo thresholds list|show|check`: the built-in profiles, and a file's lint."""

from __future__ import annotations

import sys

import click

from kongchuo_cli.cli import run
from kongchuo_cli.cli.options import DATA, LANG, described
from kongchuo_cli.cli.usage import Group


@click.group(cls=Group, name="thresholds", **described("help_thresholds"))
def thresholds() -> None:
    pass


@thresholds.command(name="list", **described("help_thresholds_list"))
@LANG
@run.reports_errors
def list_profiles(lang: str) -> None:
    from kongchuo_cli.i18n import text
    from kongchuo_cli.policy.thresholds import DEFAULT_PROFILE, load_profile, profiles

    for name in profiles():
        mark = text("profile_default", lang) if name == DEFAULT_PROFILE else ""
        run.out(f"{name:<16}{load_profile(name).name}{mark}\n")


@thresholds.command(name="show", **described("help_thresholds_show"))
@click.argument("name")
@run.reports_errors
def show(name: str) -> None:
    from kongchuo_cli.policy.thresholds import load_profile, profile_text

    load_profile(name)  # an unknown name is an error listing the profiles
    run.out(profile_text(name))


@thresholds.command(name="check", **described("help_thresholds_check"))
@click.argument("path")
@DATA
@LANG
@run.reports_errors
def lint(path: str, data: tuple[str, ...], lang: str) -> None:
    from kongchuo_cli import api
    from kongchuo_cli.i18n import text

    found = api.lint_thresholds(path, data)
    for warning in found.warnings:
        run.out(f"{text('warning_prefix', lang)}{warning.render(lang)}\n")
    if found.warnings:
        sys.exit(1)
    run.out(text("lint_clean", lang, file=path, count=found.targets) + "\n")
