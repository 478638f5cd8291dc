"""Student rosters (学籍 exports, one row per pupil) and dropout ledgers (辍学学生台账, one row per dropout) →
the counts of a summary table per unit, and the children still out of school.

Rosters can be province-sized (10 million rows), so they are never read into Python rows: DuckDB scans the file
(in parallel, within a memory limit) and aggregates it with SQL built from the tables below. Names and ID numbers
never leave the scan except for the return list (`kongchuo returns`), masked unless the user asks otherwise; no
message quotes them.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kongchuo_cli.columns import normalize_header
from kongchuo_cli.grades import _GRADE_WORDS, SYSTEMS
from kongchuo_cli.identity import (
    MAX_AGE_OVER_GRADE,
    MIN_AGE_OVER_GRADE,
    PROBLEMS,
    sql_id_problem,
    sql_student_id_problem,
)
from kongchuo_cli.load import QUALIFIER, FileTable, Unit
from kongchuo_cli.messages import KongchuoError, Message, Where, fail
from kongchuo_cli.read import (
    EXCEL_SUFFIXES,
    STDIN,
    ZIP_MAGIC,
    Grid,
    ReadOptions,
    decode,
    read_grid,
)

PEEK_BYTES = 256 * 1024  # enough for the title rows and the header of any roster
HEADER_SEARCH_ROWS = 20
MEMORY_LIMIT = "1GB"  # DuckDB spills to disk beyond this: a province fits in the 2 GB budget
LISTED_ROWS = 20  # rows named per kind of problem on stderr (all of them with -v)

# Every column a roster may have: canonical name → headers (English aliases too).
ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "学生姓名", "name"),
    "gender": ("性别", "gender", "sex"),
    "id_number": ("身份证号", "身份证号码", "身份证件号", "身份证件号码", "公民身份号码", "id_number", "id"),
    "student_id": ("全国学籍号", "学籍号", "学籍辅号", "student_id"),
    "birth_date": ("出生日期", "birth_date"),
    "county": ("区县", "县区", "县(区)", "县(市、区)", "county"),
    "township": ("乡镇", "乡镇(街道)", "乡镇街道", "乡镇名称", "township"),
    "school": ("学校", "学校名称", "就读学校", "school"),
    "grade": ("年级", "grade"),
    "class": ("班级", "class"),
    "status": ("学籍状态", "在校状态", "学生状态", "status"),
    "dropout_reason": ("辍学原因", "dropout_reason"),
    "return_status": ("劝返状态", "劝返情况", "return_status"),
    "responsible": ("包保责任人", "责任人", "劝返责任人", "responsible"),
    "disability": ("残疾类型", "残疾类别", "disability"),
    "attendance": ("就读方式", "安置方式", "attendance"),
    "poverty": ("脱贫户", "建档立卡", "脱贫家庭", "是否脱贫户", "是否建档立卡", "建档立卡户", "poverty"),
    "orphan": ("孤儿", "是否孤儿", "orphan"),
    "unsupported": ("事实无人抚养", "事实无人抚养儿童", "unsupported"),
    "left_behind": ("留守儿童", "是否留守儿童", "left_behind"),
    "migrant": ("随迁子女", "是否随迁子女", "migrant"),
}
_LOOKUP = {normalize_header(header): name for name, headers in ROSTER_COLUMNS.items() for header in headers}

# Values, by what they mean; matched after trimming. Whatever else is written is an error naming it.
STATUSES = {
    "enrolled": ("在读", "在校", "在籍", "正常", "在学", "复学", "enrolled"),
    "dropout": ("辍学", "失学", "退学", "dropout"),
    "suspended": ("休学", "suspended"),
    "left": ("转出", "转学", "死亡", "毕业", "结业", "transferred", "died", "graduated"),
    "suspected": ("疑似辍学", "suspected"),
}
RETURN_STATUSES = {  # 劝返状态: the first two are children still out of school
    "out": ("未劝返", "未返校", "待劝返", "not_returned"),
    "in_progress": ("劝返中", "正在劝返", "in_progress"),
    "returned": ("已复学", "已劝返", "已劝返复学", "已返校", "returned"),
    "transfer_verified": ("转学核实", "已转学", "transfer_verified"),
    "health": ("因身体原因不具备学习条件", "身体原因不具备学习条件", "身体原因", "health"),
    "home_delivery": ("送教上门", "home_delivery"),
}
STILL_OUT = ("out", "in_progress")
ATTENDANCE = {
    "disabled_regular_class": ("随班就读", "regular_class"),
    "disabled_special_school": ("特教学校就读", "特教学校", "特殊教育学校", "special_school"),
    "disabled_home_delivery": ("送教上门", "home_delivery"),
    "not_enrolled": ("未入学", "未就读", "not_enrolled"),
}
THREE_KINDS = ("视力", "听力", "言语", "语言", "智力")  # 三类残疾: visual, hearing (speech), intellectual
NO = ("", "否", "无", "不是", "n", "no", "0", "false", "×")  # a flag column: anything else (是, √, 脱贫户…) is yes


@dataclass(frozen=True)
class Header:
    row: int  # spreadsheet row number of the header
    columns: dict[str, int]  # canonical → position
    written: list[str]


def find_header(rows: list[list[str]]) -> Header | None:
    """A roster's header: a personal column (姓名, 身份证号 or 学籍号) and one about schooling (年级, 学籍状态 or
    劝返状态), within the first rows."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(row):
            name = _LOOKUP.get(normalize_header(cell))
            if name is not None and name not in columns:
                columns[name] = position
        personal = any(name in columns for name in ("name", "id_number", "student_id"))
        schooling = any(name in columns for name in ("grade", "status", "return_status"))
        if personal and schooling:
            return Header(index + 1, columns, [cell.strip() for cell in row])
    return None


@dataclass(frozen=True)
class Peek:
    """The first rows of an input, and the whole grid when it had to be read whole (a workbook, standard input)
    so that nobody reads it twice."""

    rows: list[list[str]]
    details: dict
    grid: Grid | None = None


def peek(path: str, options: ReadOptions) -> Peek:
    """The first rows of a file, without reading all of it (a workbook is read whole: rosters in Excel are
    county-sized)."""
    head = b""
    if path != STDIN and not path.lower().endswith(EXCEL_SUFFIXES):
        try:
            with open(path, "rb") as handle:
                head = handle.read(PEEK_BYTES)
        except OSError:
            return Peek([], {})  # read_grid reports it properly
    if not head or head.startswith(ZIP_MAGIC):
        grid = read_grid(path, options)
        return Peek(grid.rows[:HEADER_SEARCH_ROWS + 1], grid.details, grid)
    cut = head.rfind(b"\n")
    head = head[:cut + 1] if cut > 0 and len(head) == PEEK_BYTES else head
    try:
        text, encoding = decode(head, path, options.encoding)
    except KongchuoError:
        return Peek([], {})
    delimiter = max((",", "\t", ";"), key=lambda mark: text.split("\n", 1)[0].count(mark))
    rows = list(csv.reader(text.splitlines()[:HEADER_SEARCH_ROWS + 1], delimiter=delimiter))
    return Peek(rows, {"encoding": encoding, "delimiter": delimiter})


# ---- the file as DuckDB sees it ------------------------------------------------------------------------------


@dataclass
class Source:
    """A roster ready for DuckDB: a UTF-8 CSV (the file itself, or a transcoded copy) and its header."""

    path: str  # as the user gave it
    csv_path: str
    header: Header
    delimiter: str
    details: dict = field(default_factory=dict)


@contextmanager
def opened(path: str, options: ReadOptions, peeked: Peek | None = None) -> Iterator[Source]:
    """The roster as a UTF-8 CSV for DuckDB; a GBK or UTF-16 file, a workbook or standard input is copied to a
    private temporary file (deleted afterwards)."""
    peeked = peeked or peek(path, options)
    details = peeked.details
    header = find_header(peeked.rows)
    if header is None:
        raise fail("roster_header_not_found", Where(path))
    encoding = details.get("encoding")
    if encoding in ("utf-8", "utf-8-sig") and peeked.grid is None:
        yield Source(path, path, header, details["delimiter"], details)
        return
    descriptor, temporary = tempfile.mkstemp(prefix="kongchuo-roster-", suffix=".csv")  # 0600: personal data
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            if peeked.grid is not None:
                csv.writer(handle).writerows(peeked.grid.rows)
                delimiter = ","
            else:
                _transcode(path, encoding, handle)
                delimiter = details["delimiter"]
        yield Source(path, temporary, header, delimiter, details)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _transcode(path: str, encoding: str, out) -> None:
    """GB18030/UTF-16 → UTF-8 in blocks: a 1 GB file never sits in memory."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with open(path, "rb") as handle:
        while block := handle.read(16 * 1024 * 1024):
            out.write(decoder.decode(block))
        out.write(decoder.decode(b"", final=True))


def connect():
    import duckdb

    connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False})
    return connection


def scan_sql(source: Source) -> str:
    """The CSV as text columns c0, c1, … from the row after the header (IDs stay text: leading zeros, X)."""
    columns = ", ".join(f"'c{position}': 'VARCHAR'" for position in range(len(source.header.written)))
    delimiter = source.delimiter.replace("'", "''")
    return (f"read_csv('{_quoted(source.csv_path)}', header=false, skip={source.header.row}, auto_detect=false, "
            f"delim='{delimiter}', quote='\"', escape='\"', columns={{{columns}}}, null_padding=true)")


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def column_sql(source: Source, name: str) -> str | None:
    position = source.header.columns.get(name)
    return None if position is None else f"trim(c{position})"


def _in(expression: str, values: tuple[str, ...]) -> str:
    return f"{expression} IN ({', '.join(_literal(value) for value in values)})"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def category_sql(expression: str, table: dict[str, tuple[str, ...]]) -> str:
    """CASE mapping written values to their category (lower-cased ASCII aliases too); NULL for blanks, '?' for
    anything unknown."""
    whens = " ".join(f"WHEN {_in(f'lower({expression})', tuple(value.lower() for value in values))} "
                     f"THEN {_literal(category)}" for category, values in table.items())
    return f"CASE WHEN {expression} IS NULL OR {expression} = '' THEN NULL {whens} ELSE '?' END"


def yes_sql(expression: str) -> str:
    return f"NOT ({expression} IS NULL OR {_in(f'lower({expression})', NO)})"


def _grades(system: str) -> dict[str, int]:
    """Every way of writing a grade → its year of schooling, for this school system (初一 = 7 in 6-3, 6 in 5-4)."""
    primary_last = SYSTEMS[system].primary_last
    return {**{str(number): number for number in range(1, 10)},
            **{word: number if kind == "grade" else primary_last + number
               for word, (kind, number) in _GRADE_WORDS.items() if kind == "grade" or primary_last + number <= 9}}


# ---- aggregation --------------------------------------------------------------------------------------------

KEYS = ("county", "township", "school", "grade", "status", "return_status", "disability", "attendance", "poverty")


@dataclass
class RosterCounts:
    table: FileTable
    problems: dict[str, int]  # problem code → rows
    examples: dict[str, list[int]]  # code → spreadsheet rows (the first few, or all)
    rows: int


def _pupils_sql(source: Source, system: str, school_year: int, today: date | None, checks: bool,
                numbered: bool = False) -> str:
    """Per row: the unit and category columns as written and, with `checks`, the identity problems (and with
    `numbered` the row's place in the file and hashes of the child and the place). A row with no unit, grade or
    status is a note under the table (说明, 填表人): not a pupil."""
    raw = {name: f"c{source.header.columns[name]}" if name in source.header.columns else "NULL" for name in KEYS}
    identity = column_sql(source, "id_number") if checks else None
    student = column_sql(source, "student_id") if checks else None
    telling = [raw[name] for name in ("county", "township", "school", "grade", "status", "return_status")
               if raw[name] != "NULL"]
    # the file's order, numbered before anything can reorder the rows: costly, so only when rows must be named
    scanned = f"(SELECT *, row_number() OVER () AS line FROM {scan_sql(source)})" if numbered else scan_sql(source)
    keys = ", ".join(f"{raw[name]} AS {name}" for name in KEYS)
    rows = f"SELECT {keys}{', line' if numbered else ''}"
    if identity or student:
        rows += (f", {f'nullif({identity}, {chr(39) * 2})' if identity else 'NULL'} AS id_text, "
                 f"{f'nullif({student}, {chr(39) * 2})' if student else 'NULL'} AS student_text, "
                 f"{f'try_cast(substr({identity}, 1, 17) AS BIGINT)' if identity else 'NULL'} AS id_digits")
    rows += f" FROM {scanned} WHERE coalesce({', '.join(telling)}, '') <> ''"
    if not (identity or student):
        return f"SELECT *, NULL AS id_code, NULL AS student_code, NULL AS age_code FROM ({rows})"
    id_code = sql_id_problem("id_text", today, "id_digits") if identity else "NULL"
    student_code = (f"CASE WHEN student_text = 'G' || id_text THEN NULL ELSE "  # a G number is its ID: checked once
                    f"{sql_student_id_problem('student_text', today)} END" if student else "NULL")
    born = "(id_digits // 1000) % 100000000"  # YYYYMMDD as a number
    age_code = (f"CASE WHEN id_code IS NOT NULL OR number IS NULL THEN NULL "
                f"WHEN {born} > ({school_year} - number - {MIN_AGE_OVER_GRADE}) * 10000 + 901 THEN 'age_too_young' "
                f"WHEN {born} <= ({school_year} - number - {MAX_AGE_OVER_GRADE} - 1) * 10000 + 901 "
                f"THEN 'age_too_old' END" if identity else "NULL")
    hashes = (", hash(coalesce(id_text, student_text)) AS child, hash(coalesce(county, '') || '/' || "
              "coalesce(township, '') || '/' || coalesce(school, '')) AS place" if numbered else "")
    return (f"SELECT * EXCLUDE (id_text, student_text, id_digits, number, text), {student_code} AS student_code, "
            f"{age_code} AS age_code{hashes} FROM (SELECT *, {id_code} AS id_code FROM ("
            f"SELECT * FROM ({rows}) {_grade_join(system, 'grade')}))")


def _grade_join(system: str, column: str) -> str:
    """A join giving `number`, the year of schooling of the written grade (NULL when it cannot be read)."""
    grades = ", ".join(f"({_literal(word)}, {number})" for word, number in _grades(system).items())
    return f"LEFT JOIN (VALUES {grades}) AS grades(text, number) ON grades.text = replace(trim({column}), ' ', '')"


def _categorised_sql(rows: str, system: str) -> str:
    """Rows (or groups of rows, with their count `n`) with their values read: grade number, status, flags."""
    kinds = " OR ".join(f"disability LIKE {_literal('%' + kind + '%')}" for kind in THREE_KINDS)
    return (
        f"SELECT trim(county) AS county, trim(township) AS township, trim(school) AS school, "
        f"number AS grade_number, (coalesce(trim(grade), '') <> '' AND number IS NULL) AS bad_grade, "
        f"{category_sql('trim(status)', STATUSES)} AS status, "
        f"{category_sql('trim(return_status)', RETURN_STATUSES)} AS return_status, "
        f"{category_sql('trim(attendance)', ATTENDANCE)} AS attendance, coalesce({kinds}, false) AS three_kinds, "
        f"{yes_sql('trim(poverty)')} AS poverty, * EXCLUDE (county, township, school, grade, status, return_status, "
        f"disability, attendance, poverty, text, number) FROM ({rows}) {_grade_join(system, 'grade')}")


def _children_sql(source: Source) -> str:
    """Per row with an ID (身份证号, else 学籍号): hashes of the child and of the place (the IDs stay in DuckDB)."""
    key = column_sql(source, "id_number") or column_sql(source, "student_id")
    if key is None:
        return "SELECT NULL::UBIGINT AS child, NULL::UBIGINT AS place WHERE false"
    place = " || '/' || ".join(f"coalesce({column_sql(source, name)}, '')" for name in ("county", "township", "school")
                               if name in source.header.columns) or "''"
    return f"SELECT hash({key}) AS child, hash({place}) AS place FROM {scan_sql(source)} WHERE coalesce({key}, '') <> ''"


# Values kongchuo cannot read, and 疑似辍学 (not counted as dropouts): reported with their rows.
ROW_CHECKS = {"bad_grade": "bad_grade", "bad_status": "status = '?'", "bad_return_status": "return_status = '?'",
              "bad_attendance": "attendance = '?'", "suspected": "status = 'suspected'"}


def aggregate(source: Source, system: str = "6-3", school_year: int | None = None, today: date | None = None,
              listed: int | None = LISTED_ROWS, checks: bool = True) -> RosterCounts:
    """The summary counts of every unit and, with `checks`, the identity problems: one scan grouped by unit in
    SQL (only the units come back to Python), and one grouped by a hash of each child's ID for the children
    listed twice. A further scan locates the rows of the problems found, only when there are some."""
    school_year = school_year or current_school_year(today or date.today())
    counts = _count_columns(source.header.columns, SYSTEMS[system].primary_last)
    codes = [code for code in PROBLEMS if checks]
    tallies = {**counts, **{code: f"'{code}' IN (id_code, student_code, age_code)" for code in codes}, **ROW_CHECKS}
    select = ", ".join(f"sum(n) FILTER (WHERE {condition}) AS {name}" for name, condition in tallies.items())
    # rows grouped by their values as written first (a cheap hash of a few text columns), so the values are read
    # once per distinct combination rather than once per row
    written = (f"SELECT * EXCLUDE (n), sum(n) AS n FROM (SELECT *, 1 AS n FROM "
               f"({_pupils_sql(source, system, school_year, today, checks)})) GROUP BY ALL")
    connection = connect()
    try:
        grouped = connection.execute(f"SELECT county, township, school, {select}, sum(n) "
                                     f"FROM ({_categorised_sql(written, system)}) GROUP BY ALL").fetchall()
        # measured on 10 million rows: a grouping set over units and children in one scan took twice the time
        # and 2.1 GB; a second scan grouping by a hash of the ID stays well under 1 GB
        twice = connection.execute(
            f"SELECT child, count(*), min(place) <> max(place) FROM ({_children_sql(source)}) GROUP BY child "
            f"HAVING count(*) > 1").fetchall() if checks else []
    except Exception as error:  # noqa: BLE001 - DuckDB's message may quote a row: never shown
        raise _unreadable(source, error) from None
    names = list(tallies)
    units: dict[tuple[str, str, str], dict[str, int]] = {}
    problems = dict.fromkeys([*codes, *ROW_CHECKS], 0)
    total = 0
    for row in grouped:
        place = tuple((value or "").strip() for value in row[:3])
        found = dict(zip(names, row[3:-1]))
        tally = units.setdefault(place, dict.fromkeys(counts, 0))
        for name in counts:
            tally[name] += found[name] or 0  # a sum over no rows is NULL
        for code in problems:
            problems[code] += found[code] or 0
        total += row[-1]
    children = {}  # hash of a child listed twice → its problem
    for child, number, two_places in twice:
        children[child] = "transfer_not_closed" if two_places else "duplicate_row"
        problems[children[child]] = problems.get(children[child], 0) + number
    problems = {code: count for code, count in problems.items() if count}
    examples = {}
    if set(problems) - {"transfer_not_closed", "duplicate_row"}:
        numbered = _pupils_sql(source, system, school_year, today, checks, numbered=True)
        if set(problems) & set(ROW_CHECKS):  # values to read as well: only then on every row
            numbered = _categorised_sql(numbered, system)
        examples = _examples(connection, numbered, listed, row_checks=bool(set(problems) & set(ROW_CHECKS)))
    if children:
        examples.update(_children_rows(connection, source, children, listed))
    connection.close()
    return RosterCounts(_as_table(source, dict(sorted(units.items())), counts), problems, examples, total)


def current_school_year(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


def _count_columns(columns: dict[str, int], primary_last: int) -> dict[str, str]:
    """The summary columns the roster can give, with the SQL condition of the rows each counts."""
    counts: dict[str, str] = {}
    at_start = "status IN ('enrolled', 'dropout', 'suspended', 'suspected')"  # 转出, 死亡, 毕业 leave the base
    if "grade" in columns and "status" in columns:
        for stage, grades in (("primary", f"<= {primary_last}"), ("junior", f"> {primary_last}")):
            counts[f"{stage}_enrolled_start"] = f"grade_number {grades} AND {at_start}"
            counts[f"{stage}_dropouts"] = f"grade_number {grades} AND status = 'dropout'"
    if "disability" in columns and "attendance" in columns:
        counts["disabled_children"] = "three_kinds"
        for part in ("disabled_regular_class", "disabled_special_school", "disabled_home_delivery"):
            counts[part] = f"three_kinds AND attendance = '{part}'"
    if "poverty" in columns and ("status" in columns or "return_status" in columns):
        still_out = "return_status IN ('out', 'in_progress')" if "return_status" in columns else "status = 'dropout'"
        counts["poverty_dropouts"] = f"poverty AND {still_out}"
    return counts


def _examples(connection, rows_sql: str, listed: int | None, row_checks: bool) -> dict[str, list[int]]:
    """The spreadsheet rows of each problem of a row (the first `listed`, or all), in the file's order."""
    codes = ", ".join(["id_code", "student_code", "age_code",
                       *(f"CASE WHEN {condition} THEN '{code}' END" for code, condition in ROW_CHECKS.items()
                         if row_checks)])
    limit = "" if listed is None else f"QUALIFY row_number() OVER (PARTITION BY code ORDER BY line) <= {listed}"
    rows = connection.execute(
        f"SELECT code, line FROM (SELECT line, coalesce({codes}) AS code FROM ({rows_sql})) WHERE code IS NOT NULL "
        f"{limit} ORDER BY code, line").fetchall()
    return _by_code(rows)


def _children_rows(connection, source: Source, children: dict[int, str], listed: int | None) -> dict[str, list[int]]:
    """The rows of the children listed twice (found by the hash of their ID)."""
    key = column_sql(source, "id_number") or column_sql(source, "student_id")
    wanted = ", ".join(map(str, children))
    rows = connection.execute(
        f"SELECT child, line FROM (SELECT hash({key}) AS child, row_number() OVER () AS line FROM "
        f"{scan_sql(source)}) WHERE child IN ({wanted}) ORDER BY line").fetchall()
    found = _by_code([(children[child], line) for child, line in rows])
    return found if listed is None else {code: lines[:listed] for code, lines in found.items()}


def _by_code(rows: list[tuple[str, int]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for code, line in rows:
        found.setdefault(code, []).append(line)
    return found


def _unreadable(source: Source, error: Exception) -> KongchuoError:
    line = re.search(r"[Ll]ine:? (\d+)", str(error))
    where = Where(source.path, row=int(line.group(1)) + source.header.row if line else None)
    return KongchuoError([Message("roster_unreadable", {}, where)])


def _as_table(source: Source, units: dict[tuple[str, str, str], dict[str, int]], counts: dict) -> FileTable:
    """The units as a summary table: a school qualified by its township (and county), or the township."""
    columns = source.header.columns
    levels = [name for name in ("county", "township", "school") if name in columns]
    finest = levels[-1] if levels else None
    keys = {name: normalize_header(source.header.written[columns[name]]) for name in levels}
    found = []
    for place, tally in units.items():
        values = dict(zip(("county", "township", "school"), place))
        label = QUALIFIER.join(values[name] for name in levels if values[name]) or "—"
        found.append(Unit(label, tally, Where(source.path), {keys[name]: values[name] for name in levels},
                          keys.get(finest)))
    details = {**source.details, "header_rows": (source.header.row,), "units": len(found), "total_rows": 0,
               "skipped_rows": 0, "label_header": keys.get(finest),
               "group_headers": [keys[name] for name in levels if name != finest],
               "group_names": [source.header.written[columns[name]] for name in levels if name != finest]}
    return FileTable(source.path, frozenset(counts), found, None, [], details)


# What each problem of a row means, beside identity.PROBLEMS (its ID checks).
ROW_PROBLEMS: dict[str, tuple[str, str]] = {
    "bad_grade": ("年级无法识别（应为 一年级…九年级、初一…初四 或 1–9），未计入分学段人数",
                  "the grade cannot be read (一年级…九年级, 初一…初四 or 1–9): not counted by stage"),
    "bad_status": ("学籍状态无法识别（在读、辍学、休学、转出、死亡、毕业…），未计入",
                   "the 学籍状态 cannot be read (在读, 辍学, 休学, 转出, 死亡, 毕业…): not counted"),
    "bad_return_status": ("劝返状态无法识别（未劝返、劝返中、已复学、转学核实、因身体原因不具备学习条件、送教上门）",
                          "the 劝返状态 cannot be read (未劝返, 劝返中, 已复学, 转学核实, 因身体原因不具备学习条件, 送教上门)"),
    "bad_attendance": ("就读方式无法识别（随班就读、特教学校就读、送教上门、未入学），未计入入学",
                       "the 就读方式 cannot be read (随班就读, 特教学校就读, 送教上门, 未入学): not counted as enrolled"),
    "suspected": ("疑似辍学：未计入辍学人数，请核实后改为辍学或在读",
                  "suspected dropout (疑似辍学): not counted as a dropout; verify it and write 辍学 or 在读"),
    "transfer_not_closed": ("同一学生在两所学校都有学籍：转学手续未办完，请核对（计数未去重）",
                            "the same child is on two schools' rolls: a transfer not closed; check it (counted as "
                            "written)"),
    "duplicate_row": ("同一学生在同一学校出现不止一次：重复行，请删去多余的行（计数未去重）",
                      "the same child appears more than once in one school: a duplicate row; delete the extra ones "
                      "(counted as written)"),
}


def problem_notices(counts: RosterCounts, path: str, header_row: int) -> list[Message]:
    """A warning per kind of problem: how many rows and which (spreadsheet rows); never a name or an ID."""
    from kongchuo_cli.messages import Term

    notices = []
    for code, count in counts.problems.items():
        rows = [header_row + line for line in counts.examples.get(code, [])]
        more = Message("roster_rows_more") if len(rows) < count else ""
        what = Term(*PROBLEMS.get(code) or ROW_PROBLEMS[code])
        notices.append(Message("roster_rows", {"count": count, "what": what, "rows": "、".join(map(str, rows)),
                                               "more": more}, Where(path)))
    return notices


def load(path: str, options: ReadOptions, system: str = "6-3", school_year: int | None = None,
         listed: int | None = LISTED_ROWS, checks: bool = True, peeked: Peek | None = None) -> FileTable:
    """A roster as a summary table of its units, with its problems as warnings."""
    with opened(path, options, peeked) as source:
        counts = aggregate(source, system, school_year, listed=listed, checks=checks)
    table = counts.table
    table.notices.extend(problem_notices(counts, path, source.header.row))
    table.details["roster_rows"] = counts.rows
    if not table.columns:
        raise KongchuoError([Message("roster_nothing_to_count", {}, Where(path))], table.notices)
    return table

