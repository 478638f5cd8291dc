"""The gate (judge/gate.py): results → the exit code, by the total or by every unit, strict or not."""

import pytest

from kongchuo_cli.indicators.definitions import BY_ID
from kongchuo_cli.judge.gate import ExitCode, exit_code
from kongchuo_cli.model import FAIL, NA, PASS, WARN
from kongchuo_cli.policy.thresholds import Line

CONSOLIDATION = BY_ID["consolidation_9y"]


@pytest.mark.parametrize(
    "statuses, gate, strict, code",
    [
        ([PASS, FAIL, PASS], "total", False, ExitCode.PASSED),  # only the total (last) decides
        ([PASS, FAIL, PASS], "units", False, ExitCode.GATE_FAILED),
        ([PASS, PASS, WARN], "total", False, ExitCode.PASSED),
        ([PASS, PASS, WARN], "total", True, ExitCode.GATE_FAILED),
        ([PASS, PASS, FAIL], "total", False, ExitCode.GATE_FAILED),
        ([NA, NA, NA], "units", True, ExitCode.PASSED),
    ],
)
def test_exit_code(statuses, gate, strict, code):
    from kongchuo_cli.judge.evaluate import Result

    results = [Result(f"u{i}" if i < 2 else None, i == 2, CONSOLIDATION, 0, 1, Line(), status, None)
               for i, status in enumerate(statuses)]
    assert exit_code(results, gate, strict) == code
    assert int(ExitCode.CANNOT_EVALUATE) == 2
