"""Wall-clock benchmark of whole `kongchuo` commands, each reported as a ratio to a baseline timed in the same run.

Ratios rather than seconds, so that the figures mean the same on a fast laptop and a slow CI runner:

1. `kongchuo --version`                    vs `python -c "import click"`                                (≤ 2.0)
2. `kongchuo check examples/county.csv`    vs `python -c "import pandas, yaml, rich, tabulate, click"`  (≤ 1.3)
3. `kongchuo check <5,000 schools>`        vs `kongchuo check examples/county.csv`                      (≤ 2.0)
   and the same with `--format csv` (informational: how much of the time is the table)

Each figure is the median of N runs (`--repeat N`, default 7) after one warm-up run, stdout and stderr discarded.
The 5,000-school file is generated (seeded, so every run reads the same data) into a temporary directory.

Run from the repository root with the python of an environment where kongchuo is installed (stdlib only):

    python benchmarks/bench.py [--repeat N] [--schools N] [--check]

It prints a table and exits 0; with --check it exits 1 when a target is missed. Exit 2: a command failed
(`kongchuo check` may exit 1, the example county fails its lines; any other code is an error).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "examples" / "county.csv"
CHECK_EXITS = (0, 1)  # 1: a gated row fails its line, which is a result, not an error


@dataclass(frozen=True)
class Command:
    argv: tuple[str, ...]
    exits: tuple[int, ...] = (0,)  # exit codes that mean the command worked


@dataclass(frozen=True)
class Measurement:
    name: str
    command: Command
    baseline: Command
    target: float | None  # the ratio command / baseline must not exceed; None: informational


class CommandFailed(Exception):
    pass


def kongchuo() -> tuple[str, ...]:
    """The console script installed next to this python, else the module."""
    script = Path(sys.executable).parent / ("kongchuo.exe" if os.name == "nt" else "kongchuo")
    return (str(script),) if script.exists() else (sys.executable, "-m", "kongchuo_cli")


def python(code: str) -> Command:
    return Command((sys.executable, "-c", code))


def check(*args: str) -> Command:
    return Command((*kongchuo(), "check", *args), CHECK_EXITS)


def measurements(schools_file: Path, schools: int) -> list[Measurement]:
    county = check(str(COUNTY))
    return [
        Measurement("--version", Command((*kongchuo(), "--version")), python("import click"), 2.0),
        Measurement("check county", county, python("import pandas, yaml, rich, tabulate, click"), 1.3),
        Measurement(f"check {schools:,} schools", check(str(schools_file)), county, 2.0),
        Measurement(f"check {schools:,} schools --format csv", check(str(schools_file), "--format", "csv"), county,
                    None),
    ]


# --- timing ---------------------------------------------------------------------------------------------------

def run_once(command: Command) -> float:
    start = time.perf_counter()
    code = subprocess.run(command.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT).returncode
    elapsed = time.perf_counter() - start
    if code not in command.exits:  # run it again to show why
        stderr = subprocess.run(command.argv, capture_output=True, text=True, cwd=ROOT).stderr.strip()
        raise CommandFailed(f"{' '.join(command.argv)} exited {code}" + (f":\n{stderr}" if stderr else ""))
    return elapsed


def median_time(command: Command, repeat: int, cache: dict[Command, float]) -> float:
    """Median seconds of `repeat` runs after one warm-up; a command timed already (a shared baseline) is reused."""
    if command not in cache:
        run_once(command)
        cache[command] = statistics.median(run_once(command) for _ in range(repeat))
    return cache[command]


# --- the generated file ---------------------------------------------------------------------------------------

def county_header() -> list[str]:
    """The header of examples/county.csv: its second row (the first is a title)."""
    with COUNTY.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    return rows[1]


def school_counts(rng: random.Random) -> dict[str, int]:
    """One school's counts, keyed by the Chinese header (without a unit suffix), plausible and self-consistent."""
    entrants = rng.randint(20, 300)
    transfers_in = rng.randint(0, entrants // 10)
    transfers_out = rng.randint(0, entrants // 8)
    deaths = rng.choices((0, 1, 2), weights=(90, 8, 2))[0]
    suspended = rng.randint(0, entrants // 50)
    cohort = max(entrants + transfers_in - transfers_out - deaths - suspended, 0)
    final = round(cohort * rng.uniform(0.85, 1.0))

    primary = round(entrants * 6 * rng.uniform(0.9, 1.1))
    junior = round(entrants * 3 * rng.uniform(0.85, 1.05))
    primary_dropouts = 0 if rng.random() < 0.6 else rng.randint(1, max(1, primary // 150))
    junior_dropouts = 0 if rng.random() < 0.5 else rng.randint(1, max(1, junior // 60))

    primary_population = primary + rng.randint(0, 20)
    primary_age_enrolled = primary_population - rng.choices((0, 1, 2, 3), weights=(50, 25, 15, 10))[0]
    if rng.random() < 0.03:  # a few schools enrol more than the census counted: enrolled ≤ population "mostly"
        primary_age_enrolled = primary_population + 1
    junior_population = round(junior * rng.uniform(0.95, 1.1))

    disabled = rng.randint(0, max(1, primary // 80))
    regular = round(disabled * rng.uniform(0.4, 0.7))
    special = min(round(disabled * rng.uniform(0.1, 0.3)), disabled - regular)
    home = rng.randint(0, disabled - regular - special)

    return {
        "一年级入学人数": entrants,
        "毕业班在校生数": final,
        "转入人数": transfers_in,
        "转出人数": transfers_out,
        "死亡人数": deaths,
        "休学人数": suspended,
        "小学学年初在校生数": primary,
        "小学辍学人数": primary_dropouts,
        "初中学年初在校生数": junior,
        "初中辍学人数": junior_dropouts,
        "小学适龄儿童数": primary_population,
        "小学适龄儿童在校数": primary_age_enrolled,
        "初中适龄人口数": junior_population,
        "初中在校生数": junior,
        "三类残疾适龄儿童少年数": disabled,
        "随班就读人数": regular,
        "特教学校就读人数": special,
        "送教上门人数": home,
        "脱贫家庭辍学人数": rng.choices((0, 1), weights=(97, 3))[0],
    }


_UNIT_SUFFIX = re.compile(r"[（(][^（）()]*[）)]$")  # 转入人数（人） → 转入人数


def write_schools(path: Path, schools: int, seed: int = 2025) -> None:
    """A UTF-8 (BOM) CSV like examples/county.csv: a title row, the same header, one row per school, no 合计."""
    header = county_header()
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["基准测试县2025年控辍保学指标汇总表（随机生成）"])
        writer.writerow(header)
        for number in range(1, schools + 1):
            counts = school_counts(rng)
            try:
                values = [counts[_UNIT_SUFFIX.sub("", name.strip())] for name in header[1:]]
            except KeyError as error:
                raise SystemExit(f"bench.py: no generator for column {error} of {COUNTY}") from None
            writer.writerow([f"第{number:04d}学校", *values])


# --- report ---------------------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per command, after one warm-up (default 7)")
    parser.add_argument("--schools", type=int, default=5000, help="rows of the generated file (default 5000)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.repeat < 1 or args.schools < 1:
        parser.error("--repeat and --schools must be at least 1")

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(f"python {platform.python_version()} ({sys.executable}) on {platform.platform()}")
    print(f"cores: {cores} ({usable} usable); kongchuo: {' '.join(kongchuo())}; median of {args.repeat} runs")
    print()

    rows, missed, cache = [], False, {}
    with tempfile.TemporaryDirectory(prefix="kongchuo-bench-") as directory:
        schools_file = Path(directory) / "schools.csv"
        write_schools(schools_file, args.schools)
        try:
            for m in measurements(schools_file, args.schools):
                command = median_time(m.command, args.repeat, cache)
                baseline = median_time(m.baseline, args.repeat, cache)
                ratio = command / baseline
                ok = m.target is None or ratio <= m.target
                missed |= not ok
                verdict = "-" if m.target is None else "ok" if ok else "MISSED"
                target = "-" if m.target is None else f"≤ {m.target:.1f}"
                rows.append((m.name, f"{command:.3f}", f"{baseline:.3f}", f"{ratio:.3f}", target, verdict))
        except CommandFailed as error:
            print(f"bench.py: {error}", file=sys.stderr)
            return 2

    table = [("measurement", "command s", "baseline s", "ratio", "target", "result"), *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                        for i, (cell, width) in enumerate(zip(row, widths))))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
