"""The benchmarks' input files: seeded, made up, written once into a cache folder and reused while its manifest
says they are what was asked for (kind, size, seed, school year, generator version and the file's size in bytes).

    python benchmarks/data.py FOLDER NAME…    # make what is missing or stale; print one path per NAME

NAME is one of (N rows or units):
    schools-N        summary table like examples/county.csv: a title row, 乡镇, 学校 and its count columns
    roster-N         学籍 roster (tests/helpers/fake_roster.py, school year SCHOOL_YEAR), UTF-8
    roster-gbk-N     the same rows in GBK
    roster-xlsx-N    the same rows in an .xlsx workbook (openpyxl, write-only; every cell text, as exports are)
    roster-parquet-N the same rows in a Parquet file (DuckDB, every column text)
    ledger-N         辍学学生台账 (fake_roster.write_ledger)
    grades-N         long grade table: N units × YEARS school years × 9 grades, adding up year to year

Run it as its own process (bench.py does): generating takes memory that must not count against the commands timed.
This module imports nothing beyond the standard library until it generates.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "examples" / "county.csv"
VERSION = 1  # raise when a generator changes what it writes: cached files are made again
SEED = 2025
YEARS = 10  # school years of a grade table
FIRST_YEAR = 2016


def current_school_year(today: date) -> int:
    """The school year running today (it starts on 1 September): rosters are made for it, so that `returns`, which
    checks ages against today, finds the pupils' ages right, as on a roster just exported."""
    return today.year if today.month >= 9 else today.year - 1


SCHOOL_YEAR = current_school_year(date.today())
_NAME = re.compile(r"(schools|roster|roster-gbk|roster-xlsx|roster-parquet|ledger|grades)-([0-9]+)")


def suffix(kind: str) -> str:
    return {"roster-xlsx": ".xlsx", "roster-parquet": ".parquet"}.get(kind, ".csv")


def parse(name: str) -> tuple[str, int]:
    found = _NAME.fullmatch(name)
    if not found or int(found.group(2)) < 1:
        raise SystemExit(f"data.py: no such data set: {name}")
    return found.group(1), int(found.group(2))


def path_of(folder: Path, name: str) -> Path:
    kind, _ = parse(name)
    return folder / (name + suffix(kind))


def parameters(name: str) -> dict:
    kind, size = parse(name)
    dated = kind in ("roster", "roster-gbk", "roster-xlsx", "roster-parquet", "ledger")
    return {"kind": kind, "size": size, "seed": SEED, "version": VERSION,
            **({"school_year": SCHOOL_YEAR} if dated else {}), **({"years": YEARS} if kind == "grades" else {})}


# --- summary tables ---------------------------------------------------------------------------------------------

_UNIT_SUFFIX = re.compile(r"[（(][^（）()]*[）)]$")  # 转入人数（人） → 转入人数


def county_header() -> list[str]:
    """The count columns of examples/county.csv (its second row; the first is a title, the first column 乡镇)."""
    with COUNTY.open(encoding="utf-8-sig", newline="") as file:
        return next(row for number, row in enumerate(csv.reader(file)) if number == 1)[1:]


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
    junior_age_enrolled = min(junior_population, junior) - rng.choices((0, 1, 2), weights=(60, 30, 10))[0]

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
        "初中适龄少年在校数": max(junior_age_enrolled, 0),
        "三类残疾适龄儿童少年数": disabled,
        "随班就读人数": regular,
        "特教学校就读人数": special,
        "送教上门人数": home,
        "脱贫家庭辍学人数": rng.choices((0, 1), weights=(97, 3))[0],
    }


SCHOOLS_PER_TOWNSHIP = 25


def write_schools(path: Path, schools: int) -> None:
    """A UTF-8 (BOM) CSV like examples/county.csv with 学校 after 乡镇: a title row, one row per school, no 合计."""
    counts = county_header()
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["基准测试县控辍保学指标汇总表（随机生成）"])
        writer.writerow(["乡镇", "学校", *counts])
        for number in range(schools):
            row = school_counts(rng)
            try:
                values = [row[_UNIT_SUFFIX.sub("", name.strip())] for name in counts]
            except KeyError as error:
                raise SystemExit(f"data.py: no generator for column {error} of {COUNTY}") from None
            writer.writerow([f"第{number // SCHOOLS_PER_TOWNSHIP + 1:05d}镇", f"第{number + 1:07d}学校", *values])


# --- grade tables -----------------------------------------------------------------------------------------------

GRADES = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级")
GRADE_HEADER = ("乡镇", "学制", "学年", "年级", "在校生数", "招生数", "毕业生数",
                "转入", "转出", "死亡", "休学", "复学", "辍学", "留级")
IN, OUT = ("转入", "复学"), ("转出", "死亡", "休学", "辍学")
PRIMARY_LAST = 6  # 6-3: 小学 grades 1–6, 初中 7–9; grade 7 is filled by 小学毕业生 and others, not checked


def _flows(rng: random.Random, grade: int) -> dict[str, int]:
    """A year's movements of one grade of one unit: small beside its stock (at least 150), so stocks stay positive."""
    junior = grade > PRIMARY_LAST
    return {"转入": rng.randint(0, 3), "转出": rng.randint(0, 3), "死亡": int(rng.random() < 0.02),
            "休学": int(rng.random() < 0.1), "复学": int(rng.random() < 0.05),
            "辍学": rng.randint(0, 2 if junior else 1), "留级": int(rng.random() < 0.2)}


def _net(flows: dict[str, int]) -> int:
    return sum(flows[name] for name in IN) - sum(flows[name] for name in OUT) - flows["留级"]


def write_grades(path: Path, units: int) -> None:
    """Long grade table, 6-3, that adds up as kongchuo checks it (read/grades.py, indicators/flows.identity_gaps):
    the row of year Y holds the autumn-Y stock and the flows of school year Y−1 by the grade the pupils were in;
    stock(Y, g) = stock(Y−1, g−1) + in − out − 留级(Y, g−1) + 留级(Y, g); 毕业生 = last year's stock of the grade
    + in − out − 留级; 一年级 = 招生 + 留级."""
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(GRADE_HEADER)
        for unit in range(1, units + 1):
            name = f"第{unit:05d}镇"
            size = rng.randint(150, 600)
            stock = [max(150, round(size * rng.uniform(0.9, 1.1))) for _ in GRADES]
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                first = year == FIRST_YEAR
                flows = [None if first else _flows(rng, grade) for grade in range(1, 10)]
                graduates = {}
                if not first:
                    entrants = max(150, round(size * rng.uniform(0.9, 1.1)))
                    new = [entrants + flows[0]["留级"]]
                    for grade in range(2, 10):
                        below = stock[grade - 2] + _net(flows[grade - 2]) + flows[grade - 1]["留级"]
                        if grade - 1 == PRIMARY_LAST:  # 小学毕业生 move on to 初中
                            graduates[grade - 1] = stock[grade - 2] + _net(flows[grade - 2])
                        new.append(below)
                    graduates[9] = stock[8] + _net(flows[8])
                    stock = new
                for grade in range(1, 10):
                    moved = flows[grade - 1] or {}
                    writer.writerow([name, "6-3", year, GRADES[grade - 1], stock[grade - 1],
                                     entrants if grade == 1 and not first else "", graduates.get(grade, ""),
                                     *(moved.get(measure, "") for measure in GRADE_HEADER[7:])])


# --- rosters and ledgers ----------------------------------------------------------------------------------------

def write_roster(path: Path, rows: int, encoding: str) -> None:
    sys.path.insert(0, str(ROOT))  # the generator lives with the tests that check it
    from tests.helpers import fake_roster

    fake_roster.write_roster(path, rows, seed=SEED, encoding=encoding, school_year=SCHOOL_YEAR, duplicate_ids=1e-5,
                             bad_check_digits=1e-5)


def write_roster_xlsx(path: Path, rows: int, folder: Path) -> None:
    """The rows of roster-N (made first if need be) in one sheet, each cell text (IDs keep their leading digits)."""
    from openpyxl import Workbook

    source = ensure(folder, f"roster-{rows}")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("学籍")
    with source.open(encoding="utf-8", newline="") as file:
        for row in csv.reader(file):
            sheet.append(row)
    book.save(path)


def write_roster_parquet(path: Path, rows: int, folder: Path) -> None:
    """The rows of roster-N (made first if need be) as Parquet, every column text as the CSV's cells are."""
    import duckdb

    source = str(ensure(folder, f"roster-{rows}")).replace("'", "''")
    target = str(path).replace("'", "''")
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{source}', header = true, all_varchar = true)) TO '{target}' "
               "(FORMAT parquet)")


def write_ledger(path: Path, rows: int) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.helpers import fake_roster

    fake_roster.write_ledger(path, rows, seed=SEED, school_year=SCHOOL_YEAR)


def generate(folder: Path, name: str, path: Path) -> None:
    kind, size = parse(name)
    if kind == "schools":
        write_schools(path, size)
    elif kind == "grades":
        write_grades(path, size)
    elif kind in ("roster", "roster-gbk"):
        write_roster(path, size, "gbk" if kind == "roster-gbk" else "utf-8")
    elif kind == "roster-xlsx":
        write_roster_xlsx(path, size, folder)
    elif kind == "roster-parquet":
        write_roster_parquet(path, size, folder)
    else:
        write_ledger(path, size)


# --- the cache --------------------------------------------------------------------------------------------------

def ensure(folder: Path, name: str) -> Path:
    """The file of `name` in `folder`, made unless the manifest says it is there as asked."""
    path = path_of(folder, name)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    wanted = parameters(name)
    recorded = manifest.get(path.name)
    if recorded and path.exists() and recorded == {**wanted, "bytes": path.stat().st_size}:
        return path
    print(f"data.py: making {path.name} …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + ".partial" + path.suffix)  # a file cut short is never taken for whole
    generate(folder, name, partial)
    partial.replace(path)
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}  # made meanwhile: roster-N
    manifest[path.name] = {**wanted, "bytes": path.stat().st_size}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    print(f"data.py: {path.name}: {path.stat().st_size / 1e6:,.1f} MB in {time.perf_counter() - start:.1f} s",
          file=sys.stderr, flush=True)
    return path


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        raise SystemExit(__doc__)
    folder = Path(argv[0])
    for name in argv[1:]:
        print(ensure(folder, name), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
