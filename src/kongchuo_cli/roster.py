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

from kongchuo_cli.columns import normalize_header, unit_level
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
from kongchuo_cli.read import EXCEL_SUFFIXES, STDIN, ZIP_MAGIC, ReadOptions, decode, read_grid

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
PERSONAL = ("name", "id_number", "student_id", "birth_date")
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


def peek(path: str, options: ReadOptions) -> tuple[list[list[str]], dict]:
    """The first rows of a file, without reading all of it (a workbook is read whole: rosters in Excel are
    county-sized)."""
    if path == STDIN or path.lower().endswith(EXCEL_SUFFIXES):
        grid = read_grid(path, options)
        return grid.rows[:HEADER_SEARCH_ROWS + 1], grid.details
    try:
        with open(path, "rb") as handle:
            head = handle.read(PEEK_BYTES)
    except OSError:
        return [], {}  # read_grid reports it properly
    if head.startswith(ZIP_MAGIC):
        grid = read_grid(path, options)
        return grid.rows[:HEADER_SEARCH_ROWS + 1], grid.details
    cut = head.rfind(b"\n")
    head = head[:cut + 1] if cut > 0 and len(head) == PEEK_BYTES else head
    try:
        text, encoding = decode(head, path, options.encoding)
    except KongchuoError:
        return [], {}
    delimiter = max((",", "\t", ";"), key=lambda mark: text.split("\n", 1)[0].count(mark))
    rows = list(csv.reader(text.splitlines()[:HEADER_SEARCH_ROWS + 1], delimiter=delimiter))
    return rows, {"encoding": encoding, "delimiter": delimiter}


def is_roster(path: str, options: ReadOptions) -> bool:
    rows, _ = peek(path, options)
    return find_header(rows) is not None


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
def opened(path: str, options: ReadOptions) -> Iterator[Source]:
    """The roster as a UTF-8 CSV for DuckDB; a GBK or UTF-16 file, a workbook or standard input is copied to a
    private temporary file (deleted afterwards)."""
    rows, details = peek(path, options)
    header = find_header(rows)
    if header is None:
        raise fail("roster_header_not_found", Where(path))
    encoding = details.get("encoding")
    if encoding in ("utf-8", "utf-8-sig") and path != STDIN and "sheet" not in details:
        yield Source(path, path, header, details["delimiter"], details)
        return
    descriptor, temporary = tempfile.mkstemp(prefix="kongchuo-roster-", suffix=".csv")  # 0600: personal data
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            if "sheet" in details or path == STDIN:
                csv.writer(handle).writerows(read_grid(path, options).rows)
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


def _grade(expression: str, system: str) -> str:
    """The year of schooling 1–9 of a written grade (一年级, 初一, 7…), NULL when unknown."""
    primary_last = SYSTEMS[system].primary_last
    pairs = {**{str(number): number for number in range(1, 10)},
             **{word: number if kind == "grade" else primary_last + number
                for word, (kind, number) in _GRADE_WORDS.items() if kind == "grade" or primary_last + number <= 9}}
    whens = " ".join(f"WHEN {_literal(word)} THEN {number}" for word, number in pairs.items())
    return f"CASE replace({expression}, ' ', '') {whens} ELSE NULL END"


def yes_sql(expression: str) -> str:
    return f"NOT ({expression} IS NULL OR {_in(f'lower({expression})', NO)})"


# ---- aggregation --------------------------------------------------------------------------------------------


@dataclass
class RosterCounts:
    table: FileTable
    problems: dict[str, int]  # identity problem code → rows
    examples: dict[str, list[int]]  # code → spreadsheet rows (the first few, or all with -v)
    rows: int


def _derived(source: Source, system: str, school_year: int, today: date | None) -> str:
    """One SELECT over the scan giving, per row, what the counts need: unit, stage, status, flags, problem."""
    column = lambda name: column_sql(source, name)  # noqa: E731 - a short local spelling
    primary_last = SYSTEMS[system].primary_last
    parts = [f"coalesce({column('county')}, '') AS county" if column("county") else "'' AS county",
             f"coalesce({column('township')}, '') AS township" if column("township") else "'' AS township",
             f"coalesce({column('school')}, '') AS school" if column("school") else "'' AS school"]
    grade = _grade(column("grade"), system) if column("grade") else "NULL"
    parts.append(f"{grade} AS grade")
    parts.append(f"CASE WHEN grade IS NULL THEN NULL WHEN grade <= {primary_last} THEN 'primary' ELSE 'junior' END "
                 "AS stage" if column("grade") else "NULL AS stage")
    parts.append(f"({column('grade')} IS NOT NULL AND {column('grade')} <> '' AND grade IS NULL) AS bad_grade"
                 if column("grade") else "false AS bad_grade")
    parts.append(f"{category_sql(column('status'), STATUSES)} AS status" if column("status") else "NULL AS status")
    parts.append(f"{category_sql(column('return_status'), RETURN_STATUSES)} AS return_status"
                 if column("return_status") else "NULL AS return_status")
    parts.append(f"{category_sql(column('attendance'), ATTENDANCE)} AS attendance"
                 if column("attendance") else "NULL AS attendance")
    disability = column("disability")
    kinds = " OR ".join(f"{disability} LIKE {_literal('%' + kind + '%')}" for kind in THREE_KINDS)
    parts.append(f"({kinds}) AS three_kinds" if disability else "false AS three_kinds")
    parts.append(f"{yes_sql(column('poverty'))} AS poverty" if column("poverty") else "false AS poverty")
    identity, student = column("id_number"), column("student_id")
    parts.append(f"{sql_id_problem('id_text', today)} AS id_problem" if identity else "NULL AS id_problem")
    parts.append(f"{sql_student_id_problem('student_text', today)} AS student_problem" if student
                 else "NULL AS student_problem")
    if identity and column("grade"):  # age on 1 September of the school year against the grade
        born = "try_strptime(substr(id_text, 7, 8), '%Y%m%d')"
        age = (f"(date_diff('year', {born}, DATE '{school_year}-09-01') - "
               f"CASE WHEN strftime({born}, '%m%d') > '0901' THEN 1 ELSE 0 END)")
        parts.append(f"CASE WHEN id_problem IS NOT NULL OR grade IS NULL THEN NULL "
                     f"WHEN {age} < grade + {MIN_AGE_OVER_GRADE} THEN 'age_too_young' "
                     f"WHEN {age} > grade + {MAX_AGE_OVER_GRADE} THEN 'age_too_old' END AS age_problem")
    else:
        parts.append("NULL AS age_problem")
    texts = "".join(f", nullif({expression}, '') AS {alias}" for expression, alias in
                    ((identity, "id_text"), (student, "student_text")) if expression)
    # a row with no unit, grade or status is a note under the table (说明, 填表人): not a pupil
    telling = [expression for name in ("county", "township", "school", "grade", "status", "return_status")
               if (expression := column(name))]
    inner = f"SELECT *{texts} FROM {scan_sql(source)} WHERE coalesce({', '.join(telling)}, '') <> ''"
    # DuckDB resolves the aliases left to right within one SELECT (grade before stage, id_problem before age)
    return f"SELECT {', '.join(parts)} FROM ({inner})"


def aggregate(source: Source, system: str = "6-3", school_year: int | None = None, today: date | None = None,
              listed: int | None = LISTED_ROWS) -> RosterCounts:
    """The summary counts of every unit, the identity problems, and duplicates, from one scan (and a second one
    only to locate problem rows)."""
    school_year = school_year or current_school_year(today or date.today())
    derived = _derived(source, system, school_year, today)
    columns = source.header.columns
    counts = _count_columns(columns)
    codes = list(PROBLEMS)
    tallies = {**counts, **{code: f"'{code}' IN (id_problem, student_problem, age_problem)" for code in codes},
               **ROW_CHECKS}
    select = ", ".join([*(f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)::BIGINT AS {name}"  # NULL is not true
                          for name, condition in tallies.items()), "count(*) AS rows"])
    connection = connect()
    try:
        found = connection.execute(
            f"SELECT county, township, school, {select} FROM ({derived}) GROUP BY ALL ORDER BY ALL").fetchall()
    except Exception as error:  # noqa: BLE001 - DuckDB's message may quote a row: never shown
        raise _unreadable(source, error) from None
    names = ["county", "township", "school", *tallies, "rows"]
    groups = [dict(zip(names, row)) for row in found]
    problems = {key: sum(group[key] for group in groups) for key in names[3 + len(counts):-1]}
    examples = _examples(connection, derived, problems, listed) if any(problems.values()) else {}
    duplicates = _duplicates(connection, source) if "id_number" in columns or "student_id" in columns else {}
    problems.update({code: len(rows) for code, rows in duplicates.items()})
    examples.update({code: rows if listed is None else rows[:listed] for code, rows in duplicates.items()})
    connection.close()
    table = _as_table(source, groups, counts)
    return RosterCounts(table, {code: count for code, count in problems.items() if count}, examples,
                        sum(group["rows"] for group in groups))


# Values kongchuo cannot read, and 疑似辍学 (not counted as dropouts): reported with their rows.
ROW_CHECKS = {"bad_grade": "bad_grade", "bad_status": "status = '?'", "bad_return_status": "return_status = '?'",
              "bad_attendance": "attendance = '?'", "suspected": "status = 'suspected'"}


def current_school_year(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


def _count_columns(columns: dict[str, int]) -> dict[str, str]:
    """Summary columns the roster can give, with the SQL condition of the rows each counts."""
    counts: dict[str, str] = {}
    at_start = "status IN ('enrolled', 'dropout', 'suspended', 'suspected')"  # 转出 and 死亡 leave the base
    if "grade" in columns and "status" in columns:
        for stage in ("primary", "junior"):
            counts[f"{stage}_enrolled_start"] = f"stage = '{stage}' AND {at_start}"
            counts[f"{stage}_dropouts"] = f"stage = '{stage}' AND status = 'dropout'"
    if "disability" in columns and "attendance" in columns:
        counts["disabled_children"] = "three_kinds"
        for part in ("disabled_regular_class", "disabled_special_school", "disabled_home_delivery"):
            counts[part] = f"three_kinds AND attendance = '{part}'"
    if "poverty" in columns and ("status" in columns or "return_status" in columns):
        out = ("return_status IN ('out', 'in_progress')" if "return_status" in columns else "status = 'dropout'")
        counts["poverty_dropouts"] = f"poverty AND {out}"
    return counts


def _examples(connection, derived: str, problems: dict[str, int], listed: int | None) -> dict[str, list[int]]:
    """The spreadsheet rows of each problem (the first `listed`, or all). Row order is the file's."""
    limit = "" if listed is None else f"QUALIFY row_number() OVER (PARTITION BY code ORDER BY line) <= {listed}"
    cases = " ".join(f"WHEN {condition} THEN '{code}'" for code, condition in ROW_CHECKS.items())
    connection.execute("SET preserve_insertion_order = true")  # the file's own order, for row numbers
    rows = connection.execute(
        f"SELECT code, line FROM (SELECT coalesce(id_problem, student_problem, age_problem, CASE {cases} END) AS code, "
        f"row_number() OVER () AS line FROM ({derived})) WHERE code IS NOT NULL {limit} ORDER BY code, line"
    ).fetchall()
    found: dict[str, list[int]] = {}
    for code, line in rows:
        found.setdefault(code, []).append(line)
    return found


def _duplicates(connection, source: Source) -> dict[str, list[int]]:
    """The same child twice: by 身份证号 (else 学籍号). In two schools it is a transfer not closed; in one, a
    duplicate row. Found by a 64-bit hash of the ID (the IDs themselves never leave DuckDB)."""
    key = column_sql(source, "id_number") or column_sql(source, "student_id")
    school = " || '/' || ".join(expression for name in ("township", "school")
                                if (expression := column_sql(source, name))) or "''"
    connection.execute("SET preserve_insertion_order = true")
    rows = connection.execute(
        f"WITH scanned AS (SELECT hash({key}) AS child, hash({school}) AS place, row_number() OVER () AS line "
        f"FROM {scan_sql(source)} WHERE {key} IS NOT NULL AND {key} <> ''), "
        f"twice AS (SELECT child, count(DISTINCT place) AS places FROM scanned GROUP BY child HAVING count(*) > 1) "
        f"SELECT CASE WHEN places > 1 THEN 'transfer_not_closed' ELSE 'duplicate_row' END, line "
        f"FROM scanned JOIN twice USING (child) ORDER BY line"
    ).fetchall()
    found: dict[str, list[int]] = {}
    for code, line in rows:
        found.setdefault(code, []).append(line)
    return found


def _unreadable(source: Source, error: Exception) -> KongchuoError:
    line = re.search(r"[Ll]ine:? (\d+)", str(error))
    where = Where(source.path, row=int(line.group(1)) + source.header.row if line else None)
    return KongchuoError([Message("roster_unreadable", {}, where)])


def _as_table(source: Source, groups: list[dict], counts: dict[str, str]) -> FileTable:
    """The units as a summary table: a school qualified by its township (and county), or the township."""
    columns = source.header.columns
    finest = next((name for name in ("school", "township", "county") if name in columns), None)
    keys = {name: normalize_header(source.header.written[columns[name]]) for name in ("county", "township", "school")
            if name in columns}
    units = []
    for group in groups:
        parts = [group[name] for name in ("county", "township", "school") if name in columns]
        label = QUALIFIER.join(part for part in parts if part) or "—"
        unit_counts = {name: int(group[name]) for name in counts}
        units.append(Unit(label, unit_counts, Where(source.path), {keys[name]: group[name] for name in keys},
                          keys.get(finest)))
    ordered = sorted(keys.values(), key=unit_level)
    details = {**source.details, "header_rows": (source.header.row,), "units": len(units), "total_rows": 0,
               "skipped_rows": 0, "label_header": keys.get(finest),
               "group_headers": [key for key in ordered if key != keys.get(finest)],
               "group_names": [source.header.written[columns[name]] for name in keys if keys[name] != keys.get(finest)]}
    return FileTable(source.path, frozenset(counts), units, None, [], details)


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
         listed: int | None = LISTED_ROWS) -> FileTable:
    """A roster as a summary table of its units, with its problems as warnings."""
    with opened(path, options) as source:
        counts = aggregate(source, system, school_year, listed=listed)
    table = counts.table
    table.notices.extend(problem_notices(counts, path, source.header.row))
    table.details["roster_rows"] = counts.rows
    if not table.columns:
        raise KongchuoError([Message("roster_nothing_to_count", {}, Where(path))], table.notices)
    return table

