"""Which kind of table an input is — a summary (a row per unit), a grade table (a row per unit, year and grade,
or per unit and year with a column per grade), a roster (a row per child) — and reading every input as that kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kongchuo_cli import grades, load, roster
from kongchuo_cli.messages import KongchuoError, Message, Where
from kongchuo_cli.read import ReadOptions, read_grid

SUMMARY, GRADES, ROSTER = "summary", "grades", "roster"
KINDS = (SUMMARY, GRADES, ROSTER)


@dataclass
class Inputs:
    kind: str
    tables: list  # load.FileTable for summaries, grades.GradeTable for grade tables


def read_inputs(paths: list[str], options: ReadOptions = ReadOptions(), kind: str | None = None,
                system: str = grades.DEFAULT_SYSTEM, on_file: Callable[[str], None] | None = None,
                school_year: int | None = None, listed: int | None = roster.LISTED_ROWS,
                id_checks: bool = True) -> Inputs:
    """Every file read as the kind it is (or `kind`); files of different kinds in one run are an error. A roster
    is recognised from its first rows and aggregated by DuckDB, never read whole into Python."""
    kinds: dict[str, str] = {}

    def parse(path: str):
        peeked = roster.peek(path, options)  # a workbook is read here once, whatever it turns out to be
        if kind == ROSTER or (kind is None and roster.find_header(peeked.rows) is not None):
            kinds[path] = ROSTER
            return roster.load(path, options, system, school_year, listed, id_checks, peeked)
        grid = peeked.grid or read_grid(path, options)
        kinds[path] = kind or (GRADES if grades.is_grade_table(grid) else SUMMARY)
        if kinds[path] == GRADES:
            return grades.table_from_grid(grid, options.header_row, system)
        return load.table_from_grid(grid, options.header_row)

    try:
        tables = load.load_files(paths, options, on_file, parse)
    except KongchuoError:
        _same_kind(kinds)  # the more basic problem first: units of two kinds of table never line up
        raise
    _same_kind(kinds)
    return Inputs(next(iter(kinds.values()), kind or SUMMARY), tables)


def _same_kind(kinds: dict[str, str]) -> None:
    if len(set(kinds.values())) > 1:
        raise KongchuoError([Message("kinds_mixed", {"kind": Message(f"kind_{kinds[path]}")}, Where(path))
                             for path in kinds])
