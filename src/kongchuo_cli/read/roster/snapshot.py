"""One snapshot of a dropout ledger (the county's 台账 as reported at a month's end) as the cases `kongchuo monthly`
follows from month to month: each row's keys (hashes of its 身份证号, 全国学籍号, and 姓名 + 出生日期 + 学校), its
unit, whether it is open or closed and why (销号原因, or a 劝返状态 that closes it), the work done (劝返次数, 最近劝返
日期, 法律措施) and its priority groups; the date it describes (统计时点); and its data problems, with the identity
checks of `check` run over the same file.

DuckDB reads the file and does the per-row work (values read by the vocabulary's tables, dates parsed, names and IDs
masked unless revealed); Python receives one compact record per row. The keys are hashes: an unrevealed name or ID
never leaves DuckDB.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

from kongchuo_cli.problems import KongchuoError, Message, Where
from kongchuo_cli.read.cells import parse_date
from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.headers import cell
from kongchuo_cli.read.roster.counts import aggregate, current_school_year
from kongchuo_cli.read.roster.identity import sql_mask_id, sql_mask_name
from kongchuo_cli.read.roster.ledger import PRIORITIES, priority_flags
from kongchuo_cli.read.roster.source import Source, opened, peek, spreadsheet_rows
from kongchuo_cli.read.roster.sql import category_sql, column_sql, connected, date_sql, query, scan_sql
from kongchuo_cli.read.vocabulary import (
    CLOSE_REASONS,
    LEDGER_CATEGORIES,
    LEGAL_STEPS,
    NO,
    RETURN_STATUSES,
    SNAPSHOT_DATE_HEADERS,
    STILL_OUT,
    clean_name,
    normalize_header,
)

# A 劝返状态 that closes the case (已复学, 转学核实, …): its 销号 reason has the same code
CLOSING_STATUSES = tuple(status for status in RETURN_STATUSES if status not in STILL_OUT)
DATES = ("registered", "closed_on", "last_visit", "legal_date")  # the date columns, read by date_sql
WRITTEN = (*DATES, "visits", "snapshot_date")  # kept as written too: a value that cannot be read is a problem
# The identity checks' duplicates are this module's own (by the key the child is followed by, 学籍号 and name too)
SEEN_TWICE = ("transfer_not_closed", "duplicate_row")


class Case(NamedTuple):
    """One row of a snapshot: a child's case as the ledger stood that month. A tuple, built by the hundred thousand
    straight from DuckDB's rows: what the months are compared by are fields of their own; what is only shown comes
    as one text (`texts`), cut up when it is shown (a province's ledger is read in a fraction of the time)."""

    line: int  # the spreadsheet row
    id_key: int | None  # hashes of the 身份证号, the 全国学籍号, and 姓名 + 出生日期 + 学校 (None where blank)
    student_key: int | None
    name_key: int | None
    unit: str  # the 乡镇 (the 学校 in a ledger without 乡镇), "—" when blank
    school: str
    category: str | None  # 台账类别: a LEDGER_CATEGORIES code, "?" for what cannot be read, None when blank
    status: str | None  # 劝返状态: a RETURN_STATUSES code, "?" or None
    reason: str | None  # None while open; once closed a CLOSE_REASONS code, "?" (reason_text) or "unstated"
    registered: date | None
    closed_on: date | None
    last_visit: date | None
    visits: int | None  # 劝返次数
    legal: str | None  # the highest step of LEGAL_STEPS the 法律措施 cell names, "?" or None
    legal_date: date | None
    groups: int  # the priority groups, a bit each in PRIORITIES' order
    texts: str  # SHOWN, joined by SEPARATOR

    @property
    def open(self) -> bool:
        return self.reason is None

    def in_group(self, position: int) -> bool:
        return bool(self.groups >> position & 1)

    def shown(self, name: str) -> str:
        """One of SHOWN: the name and ID (masked unless revealed), the 安置方式, the 销号原因 as written…"""
        return self.texts.split(SEPARATOR)[SHOWN.index(name)]

    @property
    def township(self) -> str:
        return self.shown("township")

    @property
    def name(self) -> str:
        return self.shown("name")

    @property
    def id_number(self) -> str:
        return self.shown("id_number")


# What is only shown of a case, in Case.texts: the 身份证号 (else the 学籍号), 安置方式 (placement) and a 销号原因
# kongchuo does not know (reason_text) as written
SHOWN = ("township", "grade", "name", "id_number", "placement", "check_result", "dropout_reason", "responsible",
         "reason_text")
SEPARATOR = "\x1f"  # the unit separator: never in a cell of a ledger


@dataclass(frozen=True)
class RowProblem:
    """A problem of some rows of a snapshot: the catalogue's roster_<code> (the identity checks) or ledger_<code>."""

    code: str
    rows: tuple[int, ...]  # spreadsheet rows, all of them
    column: str | None = None  # the header as written, for a column's problem (a date that cannot be read)

    def message(self) -> Message:
        return Message(self.code, {"column": self.column} if self.column else {})


@dataclass
class Snapshot:
    """A ledger as reported once: its cases (one per child), the rows of children listed twice, and its problems."""

    name: str  # the file, or file[sheet] for a sheet of a workbook of months
    path: str
    sheet: str | None
    stated: date | None  # its 统计时点 or 报送日期, when it says
    cases: list[Case]  # one per child: the first row of a child listed twice
    twice: list[tuple[Case, ...]]  # the rows of each child listed more than once, the counted one first
    columns: frozenset[str]  # the canonical roster columns the header names
    headers: dict[str, str]  # canonical → the header as written
    problems: list[RowProblem] = field(default_factory=list)
    notices: list[Message] = field(default_factory=list)
    rows: int = 0  # rows read as cases (children listed twice count each time)
    options: ReadOptions = ReadOptions()  # how it was read (its sheet), to read it again


def read_snapshot(path: str, options: ReadOptions, reveal: bool = False, named_by_sheet: bool = False,
                  checks: bool = True) -> Snapshot:
    """A ledger's cases, its 统计时点 (a column, or a title line above the header) and its problems, with the
    identity checks of `check` unless not `checks`. Names and IDs are masked unless `reveal`."""
    peeked = peek(path, options)
    with opened(path, options, peeked) as source:
        sheet = source.reading.sheet
        name = f"{path}[{sheet}]" if named_by_sheet and sheet else path
        columns = source.header.columns
        if not ({"id_number", "student_id"} & columns.keys() or {"name", "birth_date", "school"} <= columns.keys()):
            raise KongchuoError([Message("monthly_no_key", {}, Where(name))])
        headers = {canonical: source.header.written[position] for canonical, position in columns.items()}
        with connected() as connection:
            connection.execute("SET preserve_insertion_order = true")
            query(connection, source, lambda: f"CREATE TEMP TABLE cases AS {_cases_sql(source, reveal)}")
            stated, notices = _stated(connection, source, peeked.rows, name)
            rows = connection.execute(f"SELECT {', '.join(Case._fields)} FROM cases ORDER BY line").fetchall()
            # a child is its 身份证号, else its 学籍号, else its name, birth date and school
            listed_twice = {child for (child,) in connection.execute(
                "SELECT coalesce(id_key, student_key, name_key) AS child FROM cases WHERE child IS NOT NULL "
                "GROUP BY child HAVING count(*) > 1").fetchall()}
            problems = _problems(connection, source, headers)
        # DuckDB numbers the data rows; the sheet's own rows count blank lines and not a cell's line breaks
        sheet_row = spreadsheet_rows(source, [row[0] for row in rows])
        cleaned = functools.lru_cache(maxsize=None)(clean_name)  # 甲\u3000镇 is 甲镇, as everywhere; once a name
        rows = [(sheet_row[row[0]], *row[1:4], cleaned(row[4]) or "—", cleaned(row[5]), *row[6:]) for row in rows]
        problems = [replace(problem, rows=tuple(sheet_row.get(line, line) for line in problem.rows))
                    for problem in problems]
        snapshot = Snapshot(name, path, sheet, stated, [], [], frozenset(columns), headers, problems, notices,
                            len(rows), options)
        if checks:
            snapshot.problems[:0] = _identity(source, stated)
    snapshot.cases, snapshot.twice = _one_per_child(list(map(Case._make, rows)), listed_twice)
    return snapshot


def check_identity(snapshot: Snapshot) -> None:
    """The identity checks of `check` (ID numbers, 学籍号, age against grade) over a snapshot read without them:
    its problems come first."""
    with opened(snapshot.path, snapshot.options) as source:
        snapshot.problems[:0] = _identity(source, snapshot.stated)


def _identity(source: Source, stated: date | None) -> list[RowProblem]:
    """Ages are taken in the school year of the snapshot's date; children listed twice are this module's own."""
    checked = aggregate(source, school_year=current_school_year(stated) if stated else None, listed=None)
    return [RowProblem(f"roster_{code}", tuple(checked.examples.get(code, ())))  # spreadsheet rows already
            for code in checked.problems if code not in SEEN_TWICE]


def _one_per_child(rows: list[Case], listed_twice: set[int]) -> tuple[list[Case], list[tuple[Case, ...]]]:
    """Each child once, by the first of its rows (in the file's order); the rows of each child listed twice."""
    if not listed_twice:
        return rows, []
    cases, twice = [], {}
    for case in rows:
        child = next((key for key in (case.id_key, case.student_key, case.name_key) if key is not None), None)
        if child in listed_twice:
            twice.setdefault(child, []).append(case)
            if len(twice[child]) > 1:
                continue
        cases.append(case)
    return cases, [tuple(group) for group in twice.values()]


def _value(source: Source, name: str) -> str:
    """A column's trimmed text, NULL when blank or absent."""
    expression = column_sql(source, name)
    return "NULL" if expression is None else f"nullif({expression}, '')"


def _hash(expression: str) -> str:
    return f"CASE WHEN {expression} IS NULL THEN NULL ELSE hash({expression}) END"


def _cases_sql(source: Source, reveal: bool) -> str:
    """Every case row with its values read, and as written (written_…) where a value that cannot be read must be
    told apart from a blank."""
    written = {name: f"written_{name}" if name in WRITTEN else name for name in (
        "id_number", "student_id", "name", "birth_date", "township", "school", "grade", "ledger_category",
        "return_status", "close_reason", "legal_measure", "attendance", "check_result", "dropout_reason",
        "responsible", *WRITTEN)}
    flags = priority_flags(source)
    groups = " + ".join(f"CASE WHEN {' OR '.join(flags[name] for name in members)} THEN {1 << position} ELSE 0 END"
                        for position, (_, members, _) in enumerate(PRIORITIES))
    # a case is a row naming a child's place, schooling or ID: not a note under the table (填表人：…)
    telling = ("id_number", "student_id", "township", "school", "grade", "ledger_category", "return_status",
               "close_reason")
    scanned = (f"SELECT {', '.join(f'{_value(source, name)} AS {alias}' for name, alias in written.items())}, "
               f"({groups}) AS groups, row_number() OVER () AS number FROM {scan_sql(source)}")
    closing = ", ".join(f"'{status}'" for status in CLOSING_STATUSES)
    read = (f"SELECT *, CASE WHEN close_reason IS NOT NULL THEN {category_sql('close_reason', CLOSE_REASONS)} "
            f"WHEN status IN ({closing}) THEN status WHEN written_closed_on IS NOT NULL THEN 'unstated' END AS reason "
            f"FROM (SELECT *, {category_sql('return_status', RETURN_STATUSES)} AS status FROM ({scanned}) "
            f"WHERE coalesce({', '.join(telling)}) IS NOT NULL)")
    level = "township" if "township" in source.header.columns else "school"
    birth = f"coalesce(strftime({date_sql('birth_date')}, '%Y-%m-%d'), replace(birth_date, ' ', ''))"
    steps = " ".join(f"WHEN {' OR '.join(f'legal_measure LIKE {_like(word)}' for word in words)} THEN '{step}'"
                     for step, words in reversed(LEGAL_STEPS.items()))  # the highest step named
    no = ", ".join(f"'{word}'" for word in NO)
    identity = "coalesce(id_number, student_id)"
    shown = {"township": "township", "grade": "grade", "name": "name" if reveal else sql_mask_name("name"),
             "id_number": identity if reveal else sql_mask_id(identity), "placement": "attendance",
             "check_result": "check_result", "dropout_reason": "dropout_reason", "responsible": "responsible",
             "reason_text": "CASE WHEN reason = '?' THEN close_reason END"}
    return (
        f"SELECT number AS line, {_hash('upper(id_number)')} AS id_key, "
        f"{_hash('upper(student_id)')} AS student_key, "
        f"CASE WHEN name IS NULL OR birth_date IS NULL OR school IS NULL THEN NULL "
        f"ELSE hash(name || chr(31) || {birth} || chr(31) || school) END AS name_key, "
        f"coalesce({level}, '—') AS unit, coalesce(school, '') AS school, "
        f"{category_sql('ledger_category', LEDGER_CATEGORIES)} AS category, status, reason, "
        f"{', '.join(f'{date_sql(written[name])} AS {name}' for name in DATES)}, "
        f"try_cast(regexp_replace(written_visits, '[次\\s]', '', 'g') AS INTEGER) AS visits, "
        f"CASE WHEN legal_measure IS NULL OR lower(legal_measure) IN ({no}) THEN NULL {steps} ELSE '?' END AS legal, "
        f"groups, concat_ws(chr({ord(SEPARATOR)}), {', '.join(f'coalesce({shown[name]}, {EMPTY})' for name in SHOWN)})"
        f" AS texts, {', '.join(f'written_{name}' for name in WRITTEN)} FROM ({read})"
    )


EMPTY = "''"


def _like(word: str) -> str:
    return "'%" + word.replace("'", "''") + "%'"


# The ledger's own problems: (code, the column it is about or None, the SQL condition of its rows)
CHECKS = (
    ("ledger_bad_category", "ledger_category", "category = '?'"),
    ("ledger_bad_reason", "close_reason", "reason = '?'"),
    ("ledger_unstated_reason", "closed_on", "reason = 'unstated'"),
    ("ledger_bad_visits", "visits", "written_visits IS NOT NULL AND visits IS NULL"),
    ("ledger_bad_legal", "legal_measure", "legal = '?'"),
    *(("ledger_bad_date", name, f"written_{name} IS NOT NULL AND {name} IS NULL") for name in DATES),
    ("ledger_no_key", None, "id_key IS NULL AND student_key IS NULL AND name_key IS NULL"),
)


def _problems(connection, source: Source, headers: dict[str, str]) -> list[RowProblem]:
    """The rows of each of the ledger's own problems, for the columns it has."""
    checks = [(code, column, condition) for code, column, condition in CHECKS
              if column is None or column in source.header.columns]
    lists = ", ".join(f"list(line ORDER BY line) FILTER (WHERE {condition})" for _, _, condition in checks)
    found = connection.execute(f"SELECT {lists} FROM cases").fetchone()
    return [RowProblem(code, tuple(rows), headers.get(column) if column else None)
            for (code, column, _), rows in zip(checks, found) if rows]


def _stated(connection, source: Source, head: list[list[str]], name: str) -> tuple[date | None, list[Message]]:
    """The date the snapshot describes: its 统计时点 column (the most common date, said when there are several),
    else a title line above the header (统计时点：2024年10月31日, or the date in the next cell)."""
    if "snapshot_date" in source.header.columns:
        found = connection.execute(f"SELECT d, count(*) AS n FROM (SELECT {date_sql('written_snapshot_date')} AS d "
                                   f"FROM cases) WHERE d IS NOT NULL GROUP BY d ORDER BY n DESC, d DESC").fetchall()
        if found:
            several = [Message("monthly_several_dates", {"date": found[0][0].isoformat(), "count": len(found)},
                               Where(name))] if len(found) > 1 else []
            return found[0][0], several
    labels = tuple(normalize_header(label) for label in SNAPSHOT_DATE_HEADERS)
    for row in head[:source.header.rows[0] - 1]:
        for index, text in enumerate(row):
            written = normalize_header(text)
            label = next((label for label in labels if written.startswith(label)), None)
            if label is None:
                continue
            rest = written[len(label):].lstrip(":：")
            stated = parse_date(rest) if rest else parse_date(next(
                (cell(row, later) for later in range(index + 1, len(row)) if cell(row, later).strip()), ""))
            if stated is not None:
                return stated, []
    return None, []
