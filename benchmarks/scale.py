"""How kongchuo grows with a roster's size (docs/scale.md): time, CPU time and peak memory of `check ROSTER --year Y
-f csv` with and without the identity checks and of `returns ROSTER -o x.csv`, beside DuckDB's plain GROUP BY over
the same file, at each size given; the growth fitted between the smallest and the largest size.

    python benchmarks/scale.py [--rows N …] [--parquet N …] [--repeat K] [--data FOLDER]

Each command runs `--repeat` times per size (default 1: at 30 M rows one run takes minutes) and the median is
shown, with the load average before it (other work on the machine slows every figure). Inputs come from data.py
(roster-N, roster-parquet-N), made in a process of their own; peak memory per child from os.wait4 (measure.py).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import data  # noqa: E402
from benchmarks.bench import BASELINES, ensure_data, kongchuo, load  # noqa: E402
from benchmarks.measure import MB, Command, run  # noqa: E402


def commands(roster: Path, out: Path) -> dict[str, Command]:
    year = ("--year", str(data.SCHOOL_YEAR))
    check = (*kongchuo(), "check", str(roster), *year, "-f", "csv", "-o", str(out / "k.csv"))
    found = {"check": Command(check, (0, 1)), "check --no-id-checks": Command((*check, "--no-id-checks"), (0, 1)),
             "returns": Command((*kongchuo(), "returns", str(roster), "-o", str(out / "r.csv")))}
    if roster.suffix == ".csv":  # DuckDB alone, the floors of check and returns (bench.py's baselines)
        found["duckdb group by"] = Command((sys.executable, str(BASELINES / "roster_by_school.py"), str(roster),
                                            str(out / "d.csv")))
        found["duckdb still out"] = Command((sys.executable, str(BASELINES / "still_out.py"), "roster", str(roster),
                                             str(out / "d.csv")))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", nargs="*", type=int, default=[1_000_000, 10_000_000], help="CSV roster sizes")
    parser.add_argument("--parquet", nargs="*", type=int, default=[], help="Parquet roster sizes")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent / ".data")
    args = parser.parse_args()
    names = [f"roster-{rows}" for rows in args.rows] + [f"roster-parquet-{rows}" for rows in args.parquet]
    ensure_data(args.data.resolve(), names)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {"COLUMNS": "80"}
    print(f"{os.cpu_count()} cores; kongchuo {' '.join(kongchuo())}; median of {args.repeat}", flush=True)
    print(f"{'rows':>11}  {'file':<8} {'MB':>7}  {'command':<21} {'seconds':>8} {'cpu s':>7} {'peak MB':>8}  load",
          flush=True)
    seconds: dict[tuple[str, str], dict[int, tuple[float, float]]] = {}  # (file, command) → rows → (wall, CPU)
    with tempfile.TemporaryDirectory(prefix="kongchuo-scale-") as scratch:
        for name in names:
            roster = data.path_of(args.data.resolve(), name)
            kind, rows = data.parse(name)
            for label, command in commands(roster, Path(scratch)).items():
                before = load()
                runs = [run(command, ROOT, env) for _ in range(args.repeat)]
                median = statistics.median(one.seconds for one in runs)
                cpu = statistics.median(one.cpu_seconds for one in runs)
                seconds.setdefault((roster.suffix, label), {})[rows] = (median, cpu)
                print(f"{rows:>11,}  {roster.suffix[1:]:<8} {roster.stat().st_size / MB:>7,.0f}  {label:<21} "
                      f"{median:>8.1f} {cpu:>7.1f} "
                      f"{max(one.peak_rss for one in runs) / MB:>8,.0f}  {before.removeprefix('load average ')}",
                      flush=True)
    print("\ngrowth: seconds ∝ rows^k between the smallest and the largest size (CPU time: what the load moves least)")
    for (suffix, label), timed in seconds.items():
        if len(timed) > 1:
            small, large = min(timed), max(timed)
            wall, cpu = (math.log(timed[large][part] / timed[small][part]) / math.log(large / small) for part in (0, 1))
            print(f"  {suffix[1:]:<8} {label:<21} k = {cpu:.2f} CPU, {wall:.2f} wall  (CPU {timed[small][1]:.1f} s → "
                  f"{timed[large][1]:.1f} s; CPU s per million rows at the largest {timed[large][1] * 1e6 / large:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
