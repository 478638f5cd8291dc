"""The `kongchuo` group itself: start-up stays light (--help and --version import no heavy library)."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_help_and_version_do_not_import_pandas(args):
    code = ("import sys\nfrom kongchuo_cli.cli import cli\ntry:\n    cli(%r)\nexcept SystemExit:\n    pass\n"
            "print('pandas' in sys.modules, 'rich' in sys.modules, 'duckdb' in sys.modules)" % (args,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False False False"
