"""The `kongchuo` group itself: start-up stays light (--help and --version of every command import no heavy
library: the commands load what they need when they run)."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args", [["--version"], ["--help"], *([name, "--help"] for name in (
    "check", "plan", "returns", "cohorts", "explain", "init", "thresholds"))])
def test_help_loads_neither_rich_nor_duckdb_nor_pandas(args):
    code = ("import sys\nfrom kongchuo_cli.cli import cli\ntry:\n    cli(%r)\nexcept SystemExit:\n    pass\n"
            "print(sorted(name for name in ('rich', 'duckdb', 'pandas', 'openpyxl') if name in sys.modules))" % (args,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"
