"""The benchmarks' instrument (benchmarks/measure.py): each child's own peak memory, read from os.wait4, and a
command that exits as it should not stopping the row. Timed figures are never asserted here."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.measure import MB, Command, CommandFailed, run  # noqa: E402

# Run from a small process, as bench.py is: Linux starts a child's peak at its parent's (pytest's is ~100 MB).
PROBE = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.measure import Command, run
print(run(Command(("/bin/true",))).peak_rss)
print(run(Command((sys.executable, "-c", "held = b'x' * 200_000_000"))).peak_rss)
"""


def test_each_child_reports_its_own_peak_memory():
    true, holder = map(int, subprocess.run((sys.executable, "-c", PROBE), capture_output=True, text=True,
                                           check=True).stdout.split())
    assert true < 32 * MB  # /bin/true: about 1 MB of its own, under the probe's own ~12 MB floor
    # 200 MB of bytes written (so resident) on top of an interpreter's 8–20 MB
    assert 200 * MB <= holder < 240 * MB


def test_an_unexpected_exit_code_is_a_failure_that_says_so():
    with pytest.raises(CommandFailed, match="exited 1"):
        run(Command(("/bin/false",)))
    assert run(Command(("/bin/false",), exits=(0, 1))).peak_rss > 0
