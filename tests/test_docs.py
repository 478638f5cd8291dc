"""The README cannot drift from the code: every column, header, indicator and option is documented."""

import pytest
from conftest import ROOT

from kongchuo_cli.cli import cli
from kongchuo_cli.columns import COLUMNS
from kongchuo_cli.indicators import FORMULAS, INDICATORS

README = (ROOT / "README.md").read_text("utf-8")


@pytest.mark.parametrize("column", COLUMNS, ids=lambda column: column.name)
def test_every_column_and_header(column):
    column_table = README[README.index("| 列名 |"):]
    row = next(line for line in column_table.splitlines() if line.startswith(f"| `{column.name}` |"))
    assert row.split("|")[2].strip() == "、".join(column.headers)


def test_every_indicator_and_formula():
    for indicator in INDICATORS:
        assert f"| `{indicator.id}` | {indicator.zh} |" in README
    for formula in FORMULAS:
        assert f"| `{formula}` |" in README


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


@pytest.mark.parametrize("path, command", list(_commands(cli)), ids=lambda value: " ".join(value)
                         if isinstance(value, tuple) else "")
def test_every_command_and_option(path, command):
    assert f"kongchuo {' '.join(path)}" in README
    for parameter in command.params:
        for option in getattr(parameter, "opts", []):
            if option.startswith("--") and option not in ("--help",):
                assert option in README, option


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "<!-- test-command" in README and "test-command" in ci


def test_every_chinese_text_is_gbk():
    """--output-encoding gbk must never fail on kongchuo's own words: only on a user's rare character."""
    from kongchuo_cli.messages import CATALOGUE
    from kongchuo_cli.render import PLAN_COLUMNS, STATUS_STYLES, TABLE_COLUMNS

    texts = [zh for zh, _ in CATALOGUE.values()]
    texts += [indicator.zh for indicator in INDICATORS] + [formula.spell("zh") for formula in FORMULAS.values()]
    texts += [mark for mark, _ in STATUS_STYLES.values()]
    texts += [column.header.zh for column in (*TABLE_COLUMNS, *PLAN_COLUMNS)] + ["┏━┳┓┃┡╇┩│├─┼┤└┴┘"]
    for text in texts:
        text.encode("gbk")
