"""Timing and peak memory of child processes, command and baseline alternated (stdlib only, Linux).

Peak memory is the child's own `ru_maxrss`, read from `os.wait4` on that child (never RUSAGE_CHILDREN, which mixes
every child reaped so far). Linux starts a new program's peak at the peak of the process it was forked from (the
copy of the parent's memory it runs in until exec counts), so every figure is at least the measuring process's own
peak: keep that process small, and generate no data in it.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000


@dataclass(frozen=True)
class Command:
    argv: tuple[str, ...]
    exits: tuple[int, ...] = (0,)  # the exit codes that mean it worked (kongchuo check: 1 is a failing line)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system, every thread: what other work on the machine changes least
    peak_rss: int  # bytes


class CommandFailed(Exception):
    def __init__(self, command: Command, code: int, stderr: str):
        tail = "\n".join(stderr.strip().splitlines()[-12:])
        super().__init__(f"{' '.join(command.argv)}\nexited {code}" + (f":\n{tail}" if tail else ""))


def run(command: Command, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Wall time of one run and the child's peak resident memory; CommandFailed on an unexpected exit code."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                                 cwd=cwd, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
        if child.returncode not in command.exits:
            stderr.seek(0)
            raise CommandFailed(command, child.returncode, stderr.read().decode(errors="replace"))
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)  # ru_maxrss: KiB on Linux


def own_peak_rss() -> int:
    """This process's peak resident memory in bytes: the least any child can report."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass(frozen=True)
class Comparison:
    command: list[Run]
    baseline: list[Run]  # paired with `command`, run for run

    @property
    def command_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.command)

    @property
    def baseline_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.baseline)

    @property
    def ratio(self) -> float:
        return self.command_seconds / self.baseline_seconds

    @property
    def cpu_ratio(self) -> float:
        return (statistics.median(run.cpu_seconds for run in self.command)
                / statistics.median(run.cpu_seconds for run in self.baseline))

    @property
    def spread(self) -> tuple[float, float]:
        """The least and the greatest ratio of one command run to the baseline run beside it."""
        ratios = [a.seconds / b.seconds for a, b in zip(self.command, self.baseline)]
        return min(ratios), max(ratios)

    @property
    def command_peak(self) -> int:
        return max(run.peak_rss for run in self.command)

    @property
    def baseline_peak(self) -> int:
        return max(run.peak_rss for run in self.baseline)


def compare(command: Command, baseline: Command, pairs: int, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Comparison:
    """One warm-up run of each (page cache, compiled bytecode), then `pairs` times command then baseline: a slow
    spell of the machine lands on both sides of a pair."""
    run(command, cwd, env)
    run(baseline, cwd, env)
    runs = [(run(command, cwd, env), run(baseline, cwd, env)) for _ in range(pairs)]
    return Comparison([a for a, _ in runs], [b for _, b in runs])
