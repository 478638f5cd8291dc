"""The SQL kongchuo runs over a roster, in one place: the scan of the CSV (every cell as text, so IDs keep their
leading zeros), the values read by the vocabulary's tables, the identity checks per row, and the conditions of the
summary counts. Names and IDs stay inside DuckDB: only counts, row numbers and hashes come out."""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from kongchuo_cli.model import Progress
from kongchuo_cli.problems import KongchuoError, Where, fail
from kongchuo_cli.read.cells import DATE_FORMATS, MONTH_FORMATS
from kongchuo_cli.read.grades import SYSTEMS
from kongchuo_cli.read.roster.identity import (
    MAX_AGE_OVER_GRADE,
    MIN_AGE_OVER_GRADE,
    sql_id_problem,
    sql_student_id_problem,
)
from kongchuo_cli.read.roster.parquet import parquet_scan
from kongchuo_cli.read.roster.source import Source
from kongchuo_cli.read.vocabulary import (
    ATTENDANCE,
    GRADE_WORDS,
    NO,
    RETURN_STATUSES,
    STATUSES,
    THREE_KINDS,
)
from kongchuo_cli.signals import held

MEMORY_LIMIT = "700MB"  # DuckDB spills to disk beyond this. A province's 10 M rows, measured: `returns` peaks at
#   790 MB and `check` with its identity checks at 770 MB, no slower than under 1GB (1.03 GB and 1.01 GB)
POLL_SECONDS = 0.2  # how often a progress display hears how far a query is


@contextmanager
def connected() -> Iterator:
    """A DuckDB connection whose spills (a large roster overflowing memory: children's names and IDs) go to a
    private folder (0700, mkdtemp's mode), removed on every exit; a signal (SIGTERM…) unwinds through here too."""
    import duckdb

    folder = None
    try:
        with held():  # recorded before a signal can land, so that `finally` removes it
            folder = tempfile.mkdtemp(prefix="kongchuo-spill-")
        connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False,
                                            "temp_directory": folder})
        connection.execute("SET enable_progress_bar = false")  # DuckDB's own bar (after 2 s) on the user's terminal
        try:
            yield connection
        finally:
            connection.close()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def query(connection, source: Source, sql: Callable[[], str]) -> list[tuple]:
    """The rows of a query over the roster. DuckDB's own errors quote the row (a child's name and ID): they become
    a located message that never does."""
    import duckdb

    try:
        return connection.execute(sql()).fetchall()
    except duckdb.InterruptException:
        raise KeyboardInterrupt from None
    except duckdb.Error as error:
        if source.parallel and "parallel" in str(error):  # a cell with a line break: read on one thread
            source.parallel = False
            return query(connection, source, sql)
        machine = isinstance(error, (duckdb.OutOfMemoryException, duckdb.IOException))  # not the file's doing
        if machine and _disk_full(str(error)):
            raise fail("roster_disk_full", Where(source.path), folder=tempfile.gettempdir()) from None
        if isinstance(error, duckdb.OutOfMemoryException):
            raise fail("roster_out_of_memory", Where(source.path), limit=MEMORY_LIMIT) from None
        raise unreadable(source, str(error)) from None


SPILL_ROOM = 256 * 1024 * 1024  # less free space than this beside the spills: the disk, not the memory, ran out


def _disk_full(error: str) -> bool:
    """Whether DuckDB stopped for want of disk: its spills past the folder's cap (90 % of the free space), a write
    refused (ENOSPC; Windows says it in its own words and language), or the folder's disk all but full."""
    if "max_temp_directory_size" in error or "No space left" in error:
        return True
    try:
        return shutil.disk_usage(tempfile.gettempdir()).free < SPILL_ROOM
    except OSError:
        return False


def unreadable(source: Source, error: str) -> KongchuoError:
    """What is wrong with a row DuckDB could not read, and where: never the row itself."""
    if source.reading.parquet:  # a damaged page: no row to name
        return fail("parquet_damaged", Where(source.path))
    line = re.search(r"[Ll]ine:? (\d+)", error)
    columns = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", error)
    where = Where(source.path, row=int(line.group(1)) if line else None)
    if columns:
        return fail("roster_extra_cells", where, expected=int(columns.group(1)), found=int(columns.group(2)))
    if "quote" in error:
        return fail("stray_quote", where)
    return fail("roster_unreadable", where)


@contextmanager
def watched(connection, progress: Progress) -> Iterator[None]:
    """While a query runs on the connection, DuckDB's own estimate of how far it is goes to `progress` (from a
    thread: the query holds this one); its end is always said."""
    if progress.report is None:
        yield
        return
    for setting in ("enable_progress_bar = true", "enable_progress_bar_print = false", "progress_bar_time = 0"):
        connection.execute(f"SET {setting}")
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(POLL_SECONDS):
            done = connection.query_progress()
            if done >= 0:  # -1 before the query has begun
                progress(done / 100)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
    progress(1.0)


def scan_sql(source: Source) -> str:
    """The CSV as text columns c0, c1, … from the row after the header (IDs stay text: leading zeros, X); a Parquet
    roster the same way."""
    if source.reading.parquet:
        return parquet_scan(source.csv_path, len(source.header.written))
    columns = ", ".join(f"'c{position}': 'VARCHAR'" for position in range(len(source.header.written)))
    delimiter = source.delimiter.replace("'", "''")
    return (f"read_csv('{_quoted(source.csv_path)}', header=false, skip={source.skip}, auto_detect=false, "
            f"delim='{delimiter}', quote='\"', escape='\"', columns={{{columns}}}, null_padding=true"
            f"{'' if source.parallel else ', parallel=false'})")


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


def date_sql(expression: str) -> str:
    """A date cell as a DATE, read as cells.parse_date reads it (a month alone: its last day); NULL for a blank and
    for what is no date."""
    text = f"replace({expression}, ' ', '')"
    days, months = (", ".join(map(_literal, forms)) for forms in (DATE_FORMATS, MONTH_FORMATS))
    return f"coalesce(try_strptime({text}, [{days}])::DATE, last_day(try_strptime({text}, [{months}])))"


def _grades(system: str) -> dict[str, int]:
    """Every way of writing a grade → its year of schooling, for this school system (初一 = 7 in 6-3, 6 in 5-4)."""
    primary_last = SYSTEMS[system].primary_last
    return {**{str(number): number for number in range(1, 10)},
            **{word: number if kind == "grade" else primary_last + number
               for word, (kind, number) in GRADE_WORDS.items() if kind == "grade" or primary_last + number <= 9}}


KEYS = ("county", "township", "school", "grade", "status", "return_status", "disability", "attendance", "poverty")


def pupils_sql(source: Source, system: str, school_year: int, today: date | None, checks: bool,
               every_row: bool = False, keep: dict[str, str] | None = None) -> str:
    """Per row: the unit and category columns as written and, with `checks`, the identity problems. A row with no
    unit, grade or status is a note under the table (说明, 填表人): not a pupil. With `every_row`, the notes are
    kept (`pupil` false, no problems) and the rows stay in the file's order, so that a table made of them numbers
    them by its rowid; with `checks`, hashes of the child (its ID, else its 学籍号) and of the place come too;
    `keep` adds columns (name → SQL over the file's columns, each may name those before it)."""
    raw = {name: f"c{source.header.columns[name]}" if name in source.header.columns else "NULL" for name in KEYS}
    identity = column_sql(source, "id_number") if checks else None
    student = column_sql(source, "student_id") if checks else None
    telling = [raw[name] for name in ("county", "township", "school", "grade", "status", "return_status")
               if raw[name] != "NULL"]
    pupil = f"coalesce({', '.join(telling)}, '') <> ''"

    def pupils_only(expression: str) -> str:
        return f"CASE WHEN {pupil} THEN {expression} END" if every_row else expression

    keys = ", ".join(f"{raw[name]} AS {name}" for name in KEYS)
    rows = f"SELECT {keys}"
    if identity or student:
        rows += (f", {pupils_only(f'nullif({identity}, {chr(39) * 2})') if identity else 'NULL'} AS id_text, "
                 f"{pupils_only(f'nullif({student}, {chr(39) * 2})') if student else 'NULL'} AS student_text, "
                 f"{f'try_cast(substr({identity}, 1, 17) AS BIGINT)' if identity else 'NULL'} AS id_digits")
    name = column_sql(source, "name") if checks else None
    # a name with ? or � lost its characters to an encoding (GBK saved as ASCII, UTF-8 read as GBK…)
    if name:
        damaged = f"({name} LIKE '%?%' OR {name} LIKE '%\ufffd%')"
        rows += f", {pupils_only(damaged)} AS name_damaged"
    elif every_row:
        rows += ", NULL::BOOLEAN AS name_damaged"
    if every_row:
        rows += f", {pupil} AS pupil{_child_and_place(source) if checks else ''}"
    rows += "".join(f", {expression} AS {name}" for name, expression in (keep or {}).items())
    rows += f" FROM {scan_sql(source)}" + ("" if every_row else f" WHERE {pupil}")
    if not (identity or student):  # the first scan groups the rows by every column: none constant
        return f"SELECT *, NULL AS id_code, NULL AS student_code, NULL AS age_code FROM ({rows})" if every_row else rows
    id_code = sql_id_problem("id_text", today, "id_digits") if identity else "NULL"
    student_code = (f"CASE WHEN student_text = 'G' || id_text THEN NULL ELSE "  # a G number is its ID: checked once
                    f"{sql_student_id_problem('student_text', today)} END" if student else "NULL")
    born = "(id_digits // 1000) % 100000000"  # YYYYMMDD as a number
    age_code = (f"CASE WHEN id_code IS NOT NULL OR id_text IS NULL OR number IS NULL THEN NULL "
                f"WHEN {born} > ({school_year} - number - {MIN_AGE_OVER_GRADE}) * 10000 + 901 THEN 'age_too_young' "
                f"WHEN {born} <= ({school_year} - number - {MAX_AGE_OVER_GRADE} - 1) * 10000 + 901 "
                f"THEN 'age_too_old' END" if identity else "NULL")
    return (f"SELECT * EXCLUDE (id_text, student_text, id_digits, number, text), {student_code} AS student_code, "
            f"{age_code} AS age_code FROM (SELECT *, {id_code} AS id_code FROM "
            f"{_graded(rows, system, every_row)})")


def _child_and_place(source: Source) -> str:
    """Columns `child` (a hash of the ID, else the 学籍号; NULL when blank) and `place` (a hash of the unit), by
    which children listed twice are found while their IDs stay in DuckDB."""
    key = column_sql(source, "id_number") or column_sql(source, "student_id")
    if key is None:
        return ", NULL::UBIGINT AS child, NULL::UBIGINT AS place"
    place = " || '/' || ".join(f"coalesce({column_sql(source, name)}, '')" for name in ("county", "township", "school")
                               if name in source.header.columns) or "''"
    return f", CASE WHEN coalesce({key}, '') <> '' THEN hash({key}) END AS child, hash({place}) AS place"


def _graded(rows: str, system: str, ordered: bool) -> str:
    """The rows with `number`, the year of schooling of the written grade (NULL when it cannot be read), and
    `text`: by a join over the grade words, or, `ordered`, by a CASE, which keeps the rows' order (a join's probe
    may put the rows without a match after the others)."""
    grades = _grades(system)
    if ordered:
        whens = " ".join(f"WHEN {_literal(word)} THEN {number}" for word, number in grades.items())
        return f"(SELECT *, CASE replace(trim(grade), ' ', '') {whens} END AS number, NULL AS text FROM ({rows}))"
    values = ", ".join(f"({_literal(word)}, {number})" for word, number in grades.items())
    return (f"({rows}) LEFT JOIN (VALUES {values}) AS grades(text, number) "
            "ON grades.text = replace(trim(grade), ' ', '')")


def categorised_sql(rows: str, system: str, ordered: bool = False) -> str:
    """Rows (or groups of rows, with their count `n`) with their values read: grade number, status, flags;
    `ordered` keeps the rows' order."""
    kinds = " OR ".join(f"disability LIKE {_literal('%' + kind + '%')}" for kind in THREE_KINDS)
    return (
        f"SELECT trim(county) AS county, trim(township) AS township, trim(school) AS school, "
        f"number AS grade_number, (coalesce(trim(grade), '') <> '' AND number IS NULL) AS bad_grade, "
        f"{category_sql('trim(status)', STATUSES)} AS status, "
        f"{category_sql('trim(return_status)', RETURN_STATUSES)} AS return_status, "
        f"{category_sql('trim(attendance)', ATTENDANCE)} AS attendance, coalesce({kinds}, false) AS three_kinds, "
        f"{yes_sql('trim(disability)')} AS disabled, {yes_sql('trim(poverty)')} AS poverty, * EXCLUDE (county, township, school, grade, status, return_status, "
        f"disability, attendance, poverty, text, number) FROM {_graded(rows, system, ordered)}")


# Values kongchuo cannot read, and 疑似辍学 (not counted as dropouts): reported with their rows.
ROW_CHECKS = {"bad_grade": "bad_grade", "bad_status": "status = '?'", "bad_return_status": "return_status = '?'",
              "bad_attendance": "attendance = '?'", "suspected": "status = 'suspected'", "name_damaged": "name_damaged"}


ENROLMENT_FORMS = ("regular_class", "special_school", "home_delivery", "other", "deferred")


def count_columns(columns: dict[str, int], primary_last: int) -> dict[str, str]:
    """The summary columns the roster can give, with the SQL condition of the rows each counts. A dropout ledger
    (劝返状态: every row a dropout) gives no rate: its base would be the dropouts themselves."""
    counts: dict[str, str] = {}
    at_start = "status IN ('enrolled', 'dropout', 'suspended', 'suspected')"  # 转出, 死亡, 毕业 leave the base
    if "grade" in columns and "status" in columns and not is_ledger(columns):
        for stage, grades in (("primary", f"<= {primary_last}"), ("junior", f"> {primary_last}")):
            counts[f"{stage}_enrolled_start"] = f"grade_number {grades} AND {at_start}"
            counts[f"{stage}_dropouts"] = f"grade_number {grades} AND status = 'dropout'"
    if "disability" in columns and "attendance" in columns and not is_ledger(columns):
        for scope, condition in (("disabled", "three_kinds"), ("disabled_all", "disabled")):  # 三类, every kind
            counts[f"{scope}_children"] = condition
            for form in ENROLMENT_FORMS:
                counts[f"{scope}_{form}"] = f"{condition} AND attendance = '{form}'"
    if "poverty" in columns and ("status" in columns or "return_status" in columns):
        # 失学 and 辍学 alike (义务教育有保障: 不失学辍学)
        still_out = "return_status IN ('out', 'in_progress')" if "return_status" in columns else "status = 'dropout'"
        counts["poverty_out_of_school"] = f"poverty AND {still_out}"
    return counts


LEDGER_MARKS = ("return_status", "close_reason", "ledger_category")  # columns only a dropout ledger has


def is_ledger(columns: dict[str, int]) -> bool:
    """A dropout ledger (辍学学生台账) lists dropouts only, with their 劝返状态, 销号 or 台账类别; a 学籍 roster
    lists every pupil."""
    return any(name in columns for name in LEDGER_MARKS)
