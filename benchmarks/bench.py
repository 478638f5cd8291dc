"""Benchmarks of whole `kongchuo` commands, each a ratio to a baseline timed in the same run, with its target.

Ratios rather than seconds, so that the figures mean the same on a laptop and a CI runner. Every row runs its
command and its baseline alternately (one warm-up of each, then N pairs: command, baseline, command, …), reports the
median seconds of each, their ratio, the spread of the per-pair ratios (least–greatest), and the command's peak
resident memory, read per child from os.wait4 (benchmarks/measure.py says why this process must stay small).
Inputs are made once, seeded, by benchmarks/data.py in a process of its own, and cached in benchmarks/.data/.

    python benchmarks/bench.py [--only NAME …] [--scale small|full] [--repeat N] [--check] [--data FOLDER]

Exit 0; with --check, 1 when a target is missed; 2 when a command fails (the other rows still run). Linux only
(ru_maxrss in KiB). Run it with the python of an environment where kongchuo is installed (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import data  # noqa: E402  (standard library only: it generates in a process of its own)
from benchmarks.measure import MB, Command, CommandFailed, Comparison, compare, own_peak_rss, run  # noqa: E402

BENCH = Path(__file__).resolve().parent
BASELINES = BENCH / "baselines"
COUNTY = ROOT / "examples" / "county.csv"
THRESHOLDS = ROOT / "thresholds.yaml"  # what `kongchuo check` reads in the folder it runs in (ROOT)
CHECK_EXITS = (0, 1)  # 1: a gated row fails its line, a result
GB = 1000 * MB

# The sizes of the table (--scale full); --scale small divides the big ones by 10.
FULL = {"schools_csv": 100_000, "schools_memory": 1_000_000, "roster": 10_000_000, "gbk": 1_000_000,
        "xlsx": 50_000, "ledger": 1_000_000}
SCHOOLS = 5_000  # a large county's schools, at either scale
UNITS = (250, 1_000)  # grade-table units (× data.YEARS school years): the growth from one to the other
LINEAR_GROWTH = 4.4  # 1,000 / 250 units: 4 when the time grows linearly with no fixed cost; + 10 % for noise


@dataclass(frozen=True)
class Target:
    ratio: float | None = None  # the most command / baseline may be; None: reported only
    peak: int | None = None  # bytes the command's peak RSS must stay under

    def met(self, comparison: Comparison) -> bool:
        return ((self.ratio is None or comparison.ratio <= self.ratio)
                and (self.peak is None or comparison.command_peak < self.peak))

    def __str__(self) -> str:
        parts = ([f"≤ {self.ratio:g}"] if self.ratio else []) + ([f"< {self.peak / GB:g} GB"] if self.peak else [])
        return ", ".join(parts) or "(report)"


@dataclass(frozen=True)
class Row:
    name: str
    command: Command
    baseline: Command
    target: Target
    inputs: tuple[str, ...]  # data sets (data.py names) the commands read


def kongchuo() -> tuple[str, ...]:
    """The console script installed next to this python, else the module; the module when PYTHONPATH names a
    source tree (a worktree's code: the script would run whatever tree is installed)."""
    script = Path(sys.executable).parent / "kongchuo"
    if script.exists() and not os.environ.get("PYTHONPATH"):
        return (str(script),)
    return (sys.executable, "-m", "kongchuo_cli")


def table(scale: int, file: Callable[[str], Path], out: Path) -> list[Row]:
    """Every row of the issue's table, at `scale` (1 full, 10 small); `file` gives a data set's path, `out` is a
    folder for outputs."""
    size = {key: rows // scale for key, rows in FULL.items()}
    year = ("--year", str(data.SCHOOL_YEAR))  # the school year the rosters describe (ages fit it)

    def check(*args: str) -> Command:
        return Command((*kongchuo(), "check", *args), CHECK_EXITS)

    def kongchuo_command(*args: str) -> Command:
        return Command((*kongchuo(), *args))

    def script(name: str, *args: str) -> Command:
        return Command((sys.executable, str(BASELINES / name), *args))

    def to(name: str) -> tuple[str, ...]:
        return "-o", str(out / name)

    schools, county = f"schools-{SCHOOLS}", check(str(COUNTY))
    schools_csv, schools_memory = f"schools-{size['schools_csv']}", f"schools-{size['schools_memory']}"
    roster, gbk, gbk_utf8 = f"roster-{size['roster']}", f"roster-gbk-{size['gbk']}", f"roster-{size['gbk']}"
    xlsx, xlsx_csv, ledger = f"roster-xlsx-{size['xlsx']}", f"roster-{size['xlsx']}", f"ledger-{size['ledger']}"
    few, many = (f"grades-{units}" for units in UNITS)

    def flows(name: str) -> Command:
        return kongchuo_command("cohorts", "--view", "flow", str(file(name)))

    def by_township(name: str) -> tuple[Command, Command]:
        return (check(str(file(name)), "-f", "csv", *to("k.csv")),
                script("schools_by_township.py", str(file(name)), str(out / "d.csv")))

    def roster_check(name: str, *options: str) -> Command:
        return check(str(file(name)), *year, *options, "-f", "csv", *to("k.csv"))

    by_school = script("roster_by_school.py", str(file(roster)), str(out / "d.csv"))
    return [
        Row("version", kongchuo_command("--version"), Command((sys.executable, "-c", "import click")),
            Target(1.5), ()),
        Row("county", county, script("county_floor.py", str(COUNTY), str(THRESHOLDS)), Target(1.2), ()),
        Row("schools", check(str(file(schools))), county, Target(2.0), (schools,)),
        Row("schools-csv", *by_township(schools_csv), Target(3), (schools_csv,)),
        Row("schools-memory", *by_township(schools_memory), Target(peak=1 * GB), (schools_memory,)),
        Row("roster", roster_check(roster, "--no-id-checks"), by_school, Target(1.3), (roster,)),
        Row("roster-ids", roster_check(roster), by_school, Target(6, int(1.5 * GB)), (roster,)),
        Row("gbk", roster_check(gbk, "--no-id-checks"), roster_check(gbk_utf8, "--no-id-checks"), Target(1.5),
            (gbk, gbk_utf8)),
        Row("xlsx", roster_check(xlsx), roster_check(xlsx_csv), Target(3), (xlsx, xlsx_csv)),
        Row("xlsx-out", check(str(file(schools)), *to("k.xlsx")), check(str(file(schools)), *to("k.csv")),
            Target(2), (schools,)),
        Row("returns", kongchuo_command("returns", str(file(roster)), *to("k.csv")),
            script("still_out.py", "roster", str(file(roster)), str(out / "d.csv")), Target(2, 1 * GB), (roster,)),
        Row("returns-ledger", kongchuo_command("returns", str(file(ledger)), *to("k.csv")),
            script("still_out.py", "ledger", str(file(ledger)), str(out / "d.csv")), Target(), (ledger,)),
        Row("cohorts", flows(many), script("grade_flows.py", str(file(many)), str(out / "d.csv")), Target(),
            (many,)),
        Row("cohorts-growth", flows(many), flows(few), Target(LINEAR_GROWTH), (few, many)),
    ]


NAMES = [row.name for row in table(1, lambda name: Path(name), Path("OUT"))]


# --- the report -------------------------------------------------------------------------------------------------

def shown(argv: tuple[str, ...]) -> str:
    """A command as a reader wants it: programs and files by their names only."""
    program = kongchuo()
    if argv[:len(program)] == program:
        argv = ("kongchuo", *argv[len(program):])
    return shlex.join("python" if word == sys.executable else Path(word).name if os.sep in word else word
                      for word in argv)


COLUMNS = (("row", 15, "<"), ("command s", 10, ">"), ("baseline s", 10, ">"), ("ratio", 6, ">"),
           ("spread", 11, ">"), ("cpu ratio", 9, ">"), ("peak MB", 8, ">"), ("target", 13, ">"), ("result", 6, ">"))


def line(*cells: str) -> str:
    return "  ".join(f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS)).rstrip()


def result_line(row: Row, comparison: Comparison) -> str:
    low, high = comparison.spread
    return line(row.name, f"{comparison.command_seconds:.3f}", f"{comparison.baseline_seconds:.3f}",
                f"{comparison.ratio:.2f}", f"{low:.2f}–{high:.2f}", f"{comparison.cpu_ratio:.2f}",
                f"{comparison.command_peak / MB:,.0f}",
                str(row.target), "–" if row.target == Target() else "met" if row.target.met(comparison) else "MISSED")


def header(args: argparse.Namespace, folder: Path) -> None:
    threads = subprocess.run((sys.executable, "-c", "import duckdb; print(duckdb.execute(\"SELECT current_setting("
                              "'threads')\").fetchall()[0][0])"), capture_output=True, text=True).stdout.strip()
    floor = run(Command(("/bin/true",))).peak_rss
    print(f"python {platform.python_version()} on {platform.platform()}; {os.cpu_count()} cores; DuckDB threads "
          f"{threads or '?'} (its default, as kongchuo uses)")
    print(f"kongchuo {shown(kongchuo())}; scale {args.scale}; median of {args.repeat} pairs after a warm-up each; "
          f"data in {folder}")
    print(f"peak RSS floor: /bin/true reports {floor / MB:.1f} MB (this process's own peak {own_peak_rss() / MB:.1f}"
          f" MB); {load()}\n", flush=True)


def load() -> str:
    """Other work on the machine: the spread of the ratios widens with it (the cpu ratio moves least)."""
    return "load average " + " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def ensure_data(folder: Path, names: list[str]) -> None:
    """The inputs, made (if missing or stale) by data.py in a process of its own."""
    if names:
        subprocess.run((sys.executable, str(BENCH / "data.py"), str(folder), *names), check=True,
                       stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="rows: " + ", ".join(NAMES) + " (see benchmarks/README.md)")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=NAMES, help="these rows only")
    parser.add_argument("--scale", choices=("small", "full"), default="small",
                        help="full: the issue's sizes (10 M roster rows…); small (default): the big ones ÷ 10")
    parser.add_argument("--repeat", type=int, default=7, help="timed pairs per row, after a warm-up (default 7)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--data", type=Path, default=BENCH / ".data", help="the cache of inputs (default "
                                                                           "benchmarks/.data)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    folder = args.data.resolve()
    header(args, folder)

    # tables as a reader's terminal shows them; modules byte-compiled as an installed package's are (the warm-up
    # writes them): with PYTHONDONTWRITEBYTECODE every run compiles every module again (10 ms for i18n alone)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {"COLUMNS": "80"}
    with tempfile.TemporaryDirectory(prefix="kongchuo-bench-") as scratch:
        rows = [row for row in table(1 if args.scale == "full" else 10, lambda name: data.path_of(folder, name),
                                     Path(scratch)) if not args.only or row.name in args.only]
        ensure_data(folder, list(dict.fromkeys(name for row in rows for name in row.inputs)))
        for row in rows:
            print(f"{row.name:<15}  {shown(row.command.argv)}\n{'':<15}  vs {shown(row.baseline.argv)}")
        print()
        print(line(*(name for name, _, _ in COLUMNS)), flush=True)
        missed, failed = False, False
        for row in rows:
            try:
                comparison = compare(row.command, row.baseline, args.repeat, cwd=ROOT, env=env)
            except CommandFailed as error:
                print(line(row.name, "", "", "", "", "", "", str(row.target), "FAILED"), flush=True)
                print(f"bench.py: {row.name}: {error}", file=sys.stderr, flush=True)
                failed = True
                continue
            missed |= not row.target.met(comparison)
            print(result_line(row, comparison), flush=True)
    print(f"\n{load()}")
    return 2 if failed else 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
