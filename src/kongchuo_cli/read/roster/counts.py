"""Student rosters (学籍 exports, one row per pupil) and dropout ledgers (辍学学生台账, one row per dropout) →
the counts of a summary table per unit, with the rows of every identity problem.

Rosters can be province-sized (10 million rows), so they are never read into Python rows: DuckDB scans the file
(in parallel, within a memory limit) and aggregates it with the SQL of `sql`. Names and ID numbers never leave the
scan; no message quotes them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date

from kongchuo_cli.i18n import listing
from kongchuo_cli.model import ROSTER, CountsTable, Grouping, Progress, Unit
from kongchuo_cli.problems import KongchuoError, Message, Where
from kongchuo_cli.read.grades import DEFAULT_SYSTEM, SYSTEMS
from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.roster.identity import ID_CHECKS
from kongchuo_cli.read.roster.source import Peek, Source, opened, spreadsheet_rows
from kongchuo_cli.read.roster.sql import (
    ROW_CHECKS,
    categorised_sql,
    connected,
    count_columns,
    is_ledger,
    pupils_sql,
    query,
    watched,
)
from kongchuo_cli.read.vocabulary import QUALIFIER, clean_name, normalize_header

LISTED_ROWS = 20  # rows named per kind of problem on stderr (all of them with -v)
COPIED = 0.3  # of a roster's reading, the copy a GBK or UTF-16 file needs first (measured: about a third)
SCANNED = 0.6  # of DuckDB's work, the first scan (the counts); the second finds children listed twice


@dataclass
class RosterCounts:
    table: CountsTable
    problems: dict[str, int]  # problem code → rows
    examples: dict[str, list[int]]  # code → spreadsheet rows (the first few, or all)
    rows: int
    then: object = None  # what the caller's query found among the rows kept (returns' list)


def aggregate(source: Source, system: str = DEFAULT_SYSTEM, school_year: int | None = None, today: date | None = None,
              listed: int | None = LISTED_ROWS, checks: bool = True, progress: Progress = Progress(),
              keep: dict[str, str] | None = None, then: Callable | None = None, by_unit: bool = True
              ) -> RosterCounts:
    """The summary counts of every unit: one scan grouped by unit in SQL (only the units come back to Python).
    With `checks`, or when values could not be read, a second scan keeps a few bytes a row in the file's order
    (its problems, hashes of the child and the place), from which the identity problems are counted, the children
    listed twice found, and the rows of every problem numbered. With `checks`, the caller's `keep` columns (name →
    SQL over the file's columns) are kept beside them, and `then(connection)` runs over table `kept` (a row's line
    is its rowid + 1): returns makes its list there, with no scan of its own. Without `by_unit` (returns counts no
    unit), there is no first scan: the second tallies the values that cannot be read, and the table has no units."""
    if (keep or then is not None or not by_unit) and not checks:
        raise ValueError("aggregate: `keep`, `then` and by_unit=False work on the rows the identity checks keep")
    school_year = school_year or current_school_year(today or date.today())
    counts = count_columns(source.header.columns, SYSTEMS[system].primary_last)
    # names are read with the identity checks, in the second scan
    tallies = {**counts, **dict(_VALUE_CHECKS)}
    select = ", ".join(f"sum(n) FILTER (WHERE {condition}) AS {name}" for name, condition in tallies.items())
    # rows grouped by their values as written first (a cheap hash of a few text columns), so the values are read
    # once per distinct combination rather than once per row
    def written() -> str:  # built when run: a retry on one thread reads the file differently
        return (f"SELECT * EXCLUDE (n), sum(n) AS n FROM (SELECT *, 1 AS n FROM "
                f"({pupils_sql(source, system, school_year, today, checks=False)})) GROUP BY ALL")

    with connected() as connection:
        if by_unit:
            with watched(connection, progress.part(0, SCANNED if checks else 1)):
                grouped = query(connection, source, lambda: f"SELECT county, township, school, {select}, sum(n) "
                                                            f"FROM ({categorised_sql(written(), system)}) GROUP BY ALL")
            units, found, total = _tallied(grouped, list(tallies), counts)
            values = bool(set(found) & set(ROW_CHECKS))  # rows to name by their values: read them on every row
        else:
            units, found, total, values = {}, {}, 0, True
        lines: dict[str, list[int]] = {}
        read = None  # rows DuckDB read, blank lines left out
        found_then = None
        if checks or values:
            with watched(connection, progress.part(SCANNED if by_unit else 0, 1)) if checks else nullcontext():
                _keep_rows(connection, source,
                           lambda: pupils_sql(source, system, school_year, today, checks, True, keep),
                           system, checks, values, list(keep or ()))
            if not by_unit:
                found, total = _value_problems(connection, source)
            if checks:
                found.update(_identity_problems(connection, source))
            twice = query(connection, source, lambda: "SELECT child, count(*), min(place) <> max(place) FROM kept "
                                                      "WHERE child IS NOT NULL GROUP BY child HAVING count(*) > 1"
                          ) if checks else []
            children = {}  # hash of a child listed twice → its problem: in two places, a transfer not closed
            for child, number, two_places in twice:
                children[child] = "transfer_not_closed" if two_places else "duplicate_row"
                found[children[child]] = found.get(children[child], 0) + number  # rows, as every count here
            if set(found) - {"transfer_not_closed", "duplicate_row"}:
                lines = _examples(connection, source, listed)
            if children:
                lines.update(_children_rows(connection, source, children, listed))
            read = query(connection, source, lambda: "SELECT count(*) FROM kept")[0][0] if lines else None
            found_then = then(connection) if then is not None else None
    order = [*(ID_CHECKS if checks else ()), *ROW_CHECKS, "transfer_not_closed", "duplicate_row"]
    problems = {code: found[code] for code in order if found.get(code)}
    rows = spreadsheet_rows(source, {line for numbers in lines.values() for line in numbers}, read)
    examples = {code: [rows[line] for line in numbers] for code, numbers in lines.items()}
    return RosterCounts(_as_table(source, dict(sorted(units.items())), counts, total), problems, examples, total,
                        found_then)


def _tallied(grouped: list[tuple], names: list[str], counts: dict[str, str]):
    """(units' counts, problems of values by code, rows) from the first scan's groups."""
    units: dict[tuple[str, str, str], dict[str, int]] = {}
    problems = dict.fromkeys(names[len(counts):], 0)
    total = 0
    for row in grouped:
        place = tuple(clean_name(value or "") for value in row[:3])
        found = dict(zip(names, row[3:-1]))
        tally = units.setdefault(place, dict.fromkeys(counts, 0))
        for name in counts:
            tally[name] += found[name] or 0  # a sum over no rows is NULL
        for code in problems:
            problems[code] += found[code] or 0
        total += row[-1]
    return units, {code: count for code, count in problems.items() if count}, total


def current_school_year(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


# Every code of a row's identity problems, as one DuckDB ENUM (a byte a row where text would take sixteen): the
# identity checks and a G 学籍号's ID checks (student_ + the ID's code); the values read are a bit each (value_bits).
CODES = tuple(dict.fromkeys([*ID_CHECKS, *(f"student_{code}" for code in ID_CHECKS if code.startswith("id_"))]))
# the values read, each a condition on a row (name_damaged, read with the identity checks, has a column of its own)
_VALUE_CHECKS = [(code, condition) for code, condition in ROW_CHECKS.items() if code != "name_damaged"]


def _keep_rows(connection, source: Source, rows_sql: Callable[[], str], system: str, checks: bool, values: bool,
               kept: list[str]) -> None:
    """Table `kept`: per row of the file, in its order (so DuckDB's row number is the rowid + 1), the row's
    identity problems, with `values` a bit for each value problem of a pupil's row (NULL for the notes under the
    table; a row may have several), and with `checks` the hashes of the child and the place. Made in one parallel
    scan: numbering the rows as they are read (a window over the scan) would read the file on one core."""
    connection.execute("SET preserve_insertion_order = true")
    connection.execute(f"CREATE TYPE problem AS ENUM ({', '.join(repr(code) for code in CODES)})")
    bits = " + ".join(f"CASE WHEN {condition} THEN {1 << bit} ELSE 0 END"
                      for bit, (_, condition) in enumerate(_VALUE_CHECKS))
    value_bits = f"CASE WHEN pupil THEN ({bits}) END" if values else "NULL"
    more = (", child, place" if checks else "") + "".join(f", {name}" for name in kept)  # and the caller's

    def sql() -> str:
        rows = categorised_sql(rows_sql(), system, ordered=True) if values else rows_sql()
        return (f"CREATE OR REPLACE TEMP TABLE kept AS SELECT id_code::problem AS id_code, "
                f"student_code::problem AS student_code, age_code::problem AS age_code, "
                f"({value_bits})::USMALLINT AS value_bits, name_damaged{more} FROM ({rows})")

    query(connection, source, sql)


def _value_problems(connection, source: Source) -> tuple[dict[str, int], int]:
    """(rows by value problem, pupils' rows) from the bits the second scan kept, when there was no first scan."""
    sums = ", ".join(f"sum((value_bits >> {bit}) & 1)" for bit in range(len(_VALUE_CHECKS)))
    *counts, pupils = query(connection, source, lambda: f"SELECT {sums}, count(value_bits) FROM kept")[0]
    return {code: count for (code, _), count in zip(_VALUE_CHECKS, counts) if count}, pupils


def _identity_problems(connection, source: Source) -> dict[str, int]:
    """Rows by identity problem (a row may have several: its ID, its 学籍号, its age), and rows whose name lost its
    characters to an encoding."""
    rows = query(connection, source, lambda: "SELECT code::VARCHAR, count(*) FROM (SELECT unnest([id_code, "
                                             "student_code, age_code]) AS code FROM kept) WHERE code IS NOT NULL "
                                             "GROUP BY code UNION ALL SELECT 'name_damaged', count(*) FROM kept "
                                             "WHERE name_damaged")
    return {code: count for code, count in rows if count and code in (*ID_CHECKS, "name_damaged")}


def _examples(connection, source: Source, listed: int | None) -> dict[str, list[int]]:
    """DuckDB's numbers of the rows of each problem (the first `listed`, or all), in the file's order: a row with
    several is named under each, as it is counted under each (named under its first only, a warning could count a
    row and name none)."""
    codes = ", ".join(["id_code::VARCHAR", "student_code::VARCHAR", "age_code::VARCHAR",
                       *(f"CASE WHEN value_bits & {1 << bit} <> 0 THEN '{code}' END"
                         for bit, (code, _) in enumerate(_VALUE_CHECKS)),
                       "CASE WHEN name_damaged THEN 'name_damaged' END"])
    limit = "" if listed is None else f"QUALIFY row_number() OVER (PARTITION BY code ORDER BY line) <= {listed}"
    some = ("id_code IS NOT NULL OR student_code IS NOT NULL OR age_code IS NOT NULL OR value_bits <> 0 OR "
            "name_damaged")  # a few rows in a hundred: only they are unnested
    rows = query(connection, source, lambda: f"SELECT code, line FROM (SELECT rowid + 1 AS line, unnest([{codes}]) "
                                             f"AS code FROM kept WHERE {some}) WHERE code IS NOT NULL {limit} "
                                             f"ORDER BY code, line")
    return _by_code(rows)


def _children_rows(connection, source: Source, children: dict[int, str], listed: int | None) -> dict[str, list[int]]:
    """DuckDB's numbers of the rows of the children listed twice (found by the hash of their ID)."""
    wanted = ", ".join(map(str, children))
    rows = query(connection, source, lambda: f"SELECT child, rowid + 1 AS line FROM kept WHERE child IN ({wanted}) "
                                             "ORDER BY line")
    found = _by_code([(children[child], line) for child, line in rows])
    return found if listed is None else {code: lines[:listed] for code, lines in found.items()}


def _by_code(rows: list[tuple[str, int]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for code, line in rows:
        found.setdefault(code, []).append(line)
    return found


def _as_table(source: Source, units: dict[tuple[str, str, str], dict[str, int]], counts: dict, rows: int
              ) -> CountsTable:
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
    grouping = Grouping(keys.get(finest), tuple(keys[name] for name in levels if name != finest),
                        tuple(source.header.written[columns[name]] for name in levels if name != finest))
    return CountsTable(source.path, frozenset(counts), found, None, [], grouping, source.reading, ROSTER, rows)


def problem_notices(counts: RosterCounts, path: str) -> list[Message]:
    """A warning per kind of problem: how many rows and which (spreadsheet rows); never a name or an ID."""
    notices = []
    for code, count in counts.problems.items():
        rows = counts.examples.get(code, [])
        more = Message("roster_rows_more") if len(rows) < count else ""
        what = Message(f"roster_{code}")
        notices.append(Message("roster_rows", {"count": count, "what": what, "rows": listing(rows), "more": more},
                               Where(path)))
    return notices


def load(path: str, options: ReadOptions, system: str = DEFAULT_SYSTEM, school_year: int | None = None,
         listed: int | None = LISTED_ROWS, checks: bool = True, peeked: Peek | None = None,
         progress: Progress = Progress()) -> CountsTable:
    """A roster as a summary table of its units, with its problems as warnings; how far the reading has come goes
    to `progress` (a copy to transcode first, then DuckDB's scans)."""
    with opened(path, options, peeked, progress.part(0, COPIED)) as source:
        counts = aggregate(source, system, school_year, listed=listed, checks=checks,
                           progress=progress.part(COPIED if source.csv_path != path else 0, 1))
    table = counts.table
    table.notices.extend(problem_notices(counts, path))
    ledger = is_ledger(source.header.columns)
    if ledger:  # said before anything else: it is why the rates are missing
        table.notices.insert(0, Message("ledger_in_check", {}, Where(path)))
    if not table.columns:
        code = "ledger_nothing_to_count" if ledger else "roster_nothing_to_count"
        raise KongchuoError([Message(code, {}, Where(path))], table.notices)
    return table

