"""Which results decide the exit code, and the code itself (0 pass, 1 gate failed, 2 could not evaluate)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from kongchuo_cli.model import FAIL, WARN

if TYPE_CHECKING:  # the command line imports the exit codes without the machinery that judges
    from kongchuo_cli.judge.evaluate import Result

GATES = ("total", "units")  # which rows decide: the total (or the only unit), or every row shown


class ExitCode(IntEnum):
    PASSED = 0
    GATE_FAILED = 1
    CANNOT_EVALUATE = 2
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT); SIGTERM and SIGHUP exit 128 + their number, as shells expect


def gated(results: Sequence[Result], gate: str) -> list[Result]:
    """`total`: the total row, or the only unit when there is just one; `units`: every row. Only the periods
    judged (not the earlier cohorts and years `--history` shows)."""
    results = [result for result in results if result.current]
    if gate == "units":
        return results
    totals = [result for result in results if result.is_total]
    return totals or list(results)


def exit_code(results: Sequence[Result], gate: str = "total", strict: bool = False) -> ExitCode:
    failing = {FAIL, WARN} if strict else {FAIL}
    if any(result.status in failing for result in gated(results, gate)):
        return ExitCode.GATE_FAILED
    return ExitCode.PASSED
