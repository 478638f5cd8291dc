"""The documents cannot drift from the code: every column, header, indicator, formula, command and option is documented.

README.md is the front door; the substance lives in docs/: the column table in docs/inputs.md, the indicators and
formulas in docs/indicators.md, and every command and option somewhere in README.md or docs/*.md.
"""

import re

import pytest

from kongchuo_cli.indicators.definitions import FORMULAS, INDICATORS
from kongchuo_cli.read.vocabulary import COLUMNS
from tests.helpers import ROOT, cli_reference

README_PATH = ROOT / "README.md"
README = README_PATH.read_text("utf-8")
DOC_PATHS = sorted((ROOT / "docs").glob("*.md"))
DOCS = {path.name: path.read_text("utf-8") for path in DOC_PATHS}
EVERYTHING = "\n".join([README, *DOCS.values()])

# The two set-up commands: a user's first run and the test run (.ci/run runs the one after the test-command marker).
SETUP_COMMANDS = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && kongchuo check examples/county.csv",
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && python -m pytest",
)


@pytest.mark.parametrize("column", COLUMNS, ids=lambda column: column.name)
def test_every_column_and_header(column):
    inputs = DOCS["inputs.md"]
    column_table = inputs[inputs.index("| 列名 |"):]
    row = next(line for line in column_table.splitlines() if line.startswith(f"| `{column.name}` |"))
    assert row.split("|")[2].strip() == "、".join(column.headers)


def test_every_indicator_and_formula():
    indicators = DOCS["indicators.md"]
    for indicator in INDICATORS:
        assert f"| `{indicator.id}` | {indicator.zh} |" in indicators
    for formula in FORMULAS:
        assert f"| `{formula}` |" in indicators


@pytest.mark.parametrize("path, command", list(cli_reference.commands()), ids=lambda value: " ".join(value)
                         if isinstance(value, tuple) else "")
def test_every_command_and_option(path, command):
    assert f"kongchuo {' '.join(path)}" in EVERYTHING
    for parameter in command.params:
        for option in getattr(parameter, "opts", []):
            if option.startswith("--") and option not in ("--help",):
                assert option in EVERYTHING, option


def test_the_cli_reference_is_the_help_of_every_command():
    written = (ROOT / "docs" / "cli-reference.md").read_text("utf-8")
    assert written == cli_reference.render(), "stale: python -m tests.helpers.cli_reference > docs/cli-reference.md"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "<!-- test-command" in README and "test-command" in ci


def test_readme_is_a_short_front_door_with_both_setup_commands():
    assert README_PATH.stat().st_size <= 10_000
    lines = README.splitlines()
    for command in SETUP_COMMANDS:
        assert command in lines, command
    after_marker = README[README.index("<!-- test-command"):]
    first_block = after_marker[after_marker.index("```"):].split("\n")[1]
    assert first_block == SETUP_COMMANDS[1]


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("path", [README_PATH, *DOC_PATHS], ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_points_to_a_file(path):
    for target in LINK.findall(path.read_text("utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a web address, or a heading in the same file
        file = target.split("#", 1)[0]
        assert (path.parent / file).is_file(), f"{path.name}: {target}"
