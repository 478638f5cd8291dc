"""Which kind of table an input is — a summary (a row per unit), a grade table (a row per unit, year and grade,
or per unit and year with a column per grade), a roster (a row per child) — and reading every input of a run as
that kind, with the problems of every file reported together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kongchuo_cli.model import GRADES, ROSTER, SUMMARY, CountsTable, Progress
from kongchuo_cli.problems import KongchuoError, Message, Where, capped, fail
from kongchuo_cli.read import grades, summary
from kongchuo_cli.read.grid import ReadOptions, read_grid
from kongchuo_cli.read.headers import HEADER_SEARCH_ROWS, PEEK_ROWS, looks_personal
from kongchuo_cli.read.roster import counts as roster
from kongchuo_cli.read.roster.source import Peek, find_roster_header, peek
from kongchuo_cli.read.vocabulary import PERSONAL, ROSTER_COLUMNS


@dataclass
class Inputs:
    kind: str
    tables: list  # CountsTable for summaries and rosters, GradeTable for grade tables


def read_inputs(paths: list[str], options: ReadOptions = ReadOptions(), kind: str | None = None,
                system: str = grades.DEFAULT_SYSTEM, on_file: Callable[[str], None] | None = None,
                school_year: int | None = None, listed: int | None = roster.LISTED_ROWS,
                id_checks: bool = True, progress: Progress = Progress()) -> Inputs:
    """Every file read as the kind it is (or `kind`); files of different kinds in one run are an error. A roster
    is recognised from its first rows and aggregated by DuckDB, never read whole into Python; how far its reading
    has come goes to `progress` (a fraction of the file begun last, as `on_file` heard)."""
    kinds: dict[str, str] = {}

    def parse(path: str):
        peeked = peek(path, options)  # a workbook is read here once, whatever it turns out to be
        if kind == ROSTER or (kind is None and find_roster_header(peeked.rows, options.header_row) is not None):
            kinds[path] = ROSTER
            return roster.load(path, options, system, school_year, listed, id_checks, peeked, progress)
        if peeked.reading.parquet or (kind is None and _names_children(peeked.rows)):  # Parquet: rosters only; a
            raise fail("roster_header_not_found", Where(path))  # roster without its schooling columns is never read
            #   as a summary, whose messages would quote its rows
        grid = peeked.grid
        if grid is None:  # a text file, of which only the first rows are read yet
            _refuse_headless(path, peeked, kind, options.header_row)
            grid = read_grid(path, options)
        kinds[path] = kind or (GRADES if grades.is_grade_table(grid, options.header_row) else SUMMARY)
        if kinds[path] == GRADES:
            return grades.table_from_grid(grid, options.header_row, system)
        return summary.table_from_grid(grid, options.header_row)

    try:
        tables = read_all(paths, parse, on_file)
    except KongchuoError:
        _same_kind(kinds)  # the more basic problem first: units of two kinds of table never line up
        raise
    _same_kind(kinds)
    return Inputs(next(iter(kinds.values()), kind or SUMMARY), tables)


def _refuse_headless(path: str, peeked: Peek, kind: str | None, header_row: int | None) -> None:
    """A header starts within the first rows: when the rows peeked hold text but no header, the file is refused
    with the message reading it whole gives when its first rows read cleanly, before it is read whole (a 320 MB file
    with none took 15 s and 4.7 GB to be told so)."""
    rows = peeked.rows
    if header_row is not None or len(rows) < PEEK_ROWS or not any(text.strip() for row in rows for text in row):
        return  # the rows searched may lie beyond the peek, or the file is blank there (said when read whole)
    if path.lower().endswith(".tsv") and peeked.reading.delimiter != "\t":
        return  # read whole with tabs, unlike the peek (which reads a roster named .tsv by its commas too)
    if (kind != SUMMARY and grades.find_grade_header(rows) is not None) or summary.find_summary_header(rows):
        return  # a header: read whole (its kind and every problem said as ever)
    if kind == GRADES:
        raise fail("grades_header_not_found", Where(path))
    raise fail("header_not_found", Where(path), rows=HEADER_SEARCH_ROWS)


def _names_children(rows: list[list[str]]) -> bool:
    """Whether the first rows hold a header naming children (姓名, 身份证号 or 学籍号) or a child's data itself."""
    return any(looks_personal(row) or {ROSTER_COLUMNS.match(text) for text in row} & set(PERSONAL) for row in rows)


def read_summaries(paths: list[str], options: ReadOptions = ReadOptions()) -> list[CountsTable]:
    """Summary tables only (the data `explain` and `thresholds check` look at)."""
    return read_all(paths, lambda path: summary.load_file(path, options))


def read_all(paths: list[str], parse: Callable[[str], object], on_file: Callable[[str], None] | None = None
             ) -> list:
    """Read every file, then check that no unit appears twice; all problems of all files are raised together.
    `on_file` hears of each file as it is begun (for a progress display)."""
    tables, problems, notices = [], [], []
    seen = set()
    for path in paths:
        if on_file is not None:
            on_file(path)
        if path in seen:
            problems.append(Message("file_given_twice", {}, Where(path)))
            continue
        seen.add(path)
        try:
            tables.append(parse(path))
        except KongchuoError as error:
            problems.extend(error.problems)
            notices.extend(error.notices)
    problems.extend(_duplicate_units(tables))
    if problems:
        raise KongchuoError(capped(problems), notices + [notice for table in tables for notice in table.notices])
    return tables


def _duplicate_units(tables: list) -> list[Message]:
    seen: dict[str, Where] = {}
    problems = []
    for table in tables:  # grade tables list each unit once per file too
        for unit in table.units:
            if unit.label in seen:
                problems.append(Message("duplicate_unit", {"unit": unit.label, "other": seen[unit.label]}, unit.where))
            else:
                seen[unit.label] = unit.where
    return problems


def _same_kind(kinds: dict[str, str]) -> None:
    if len(set(kinds.values())) > 1:
        raise KongchuoError([Message("kinds_mixed", {"kind": Message(f"kind_{kinds[path]}")}, Where(path))
                             for path in kinds])
