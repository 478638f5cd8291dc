"""Fixtures only: every test module imports what it needs from tests.helpers."""

import csv
import io

import pytest
from click.testing import CliRunner

from kongchuo_cli.cli import cli


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch):
    """Rich output must not depend on the developer's terminal."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def write_table(tmp_path):
    """Write rows as a CSV file (Excel's 'CSV UTF-8' by default) and return its path as text."""

    def write(rows, name="county.csv", encoding="utf-8-sig", delimiter=","):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        return str(path)

    return write


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run `kongchuo ARGS` in an empty folder (so no ./thresholds.yaml is picked up); stdout and stderr apart;
    `input` (bytes) is what the command reads as standard input."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke
