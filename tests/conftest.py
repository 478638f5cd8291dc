import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kongchuo_cli.cli import cli

ROOT = Path(__file__).resolve().parent.parent


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
    """Run `kongchuo ARGS` in an empty folder (so no ./thresholds.yaml is picked up); stdout and stderr apart."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke
