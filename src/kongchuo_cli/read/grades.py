"""Per-grade tables of the yearly education statistics (教育事业统计) → counts by unit, school year and grade.

Two layouts are read: the long one (a row per unit, 学年 and 年级) and the yearbook's wide one (a row per unit and
学年, a column per grade, e.g. 一年级…九年级, or 在校学生数 over 一年级 in a two-row header; flows as 转入 over
一年级, or 一年级转入). Years are labelled by their start, as Chinese statistics do: the row of 2020 holds the
stocks (在校生) of autumn 2020 and the flows (转入, 辍学, 毕业…) of the school year that ended that summer, by the
grade the pupils were in. A blank stock means the unit has no such grade (a primary school has no 九年级); a blank
flow means none.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from functools import cached_property

from kongchuo_cli.model import Grouping, Reading
from kongchuo_cli.problems import KongchuoError, Message, Where, capped, fail
from kongchuo_cli.read.cells import MAX_DIGITS, echoed, parse_count
from kongchuo_cli.read.grid import Grid, refuse_unsaved
from kongchuo_cli.read.headers import Header, find_header, title_above
from kongchuo_cli.read.vocabulary import (
    GRADE_MEASURES,
    GRADE_TABLE_COLUMNS,
    GRADE_WORDS,
    QUALIFIER,
    SYSTEM_WORDS,
    clean_name,
    column_letter,
    normalize_header,
    parse_grade,
    place_level,
    total_kind,
)

LONG, WIDE = "long", "wide"


@dataclass(frozen=True)
class System:
    """A school system (学制): grades are years of schooling 1–9 in all of them; only the stages differ."""

    name: str
    primary_last: int  # 6 in 6-3 (and 九年一贯制, which keeps its 6-3 stages), 5 in 5-4

    @property
    def junior_first(self) -> int:
        return self.primary_last + 1

    def stage(self, primary: bool) -> range:
        return range(1, self.primary_last + 1) if primary else range(self.junior_first, 10)


SYSTEMS = {system.name: system for system in (System("6-3", 6), System("5-4", 5), System("九年一贯制", 6))}
DEFAULT_SYSTEM = "6-3"
_SYSTEM_WORDS = {normalize_header(word): name for name, words in SYSTEM_WORDS.items() for word in words}
STOCKS = frozenset({"enrolled"})
ENDS = frozenset({"entrants", "graduates"})  # blank: not reported (as a stock); the other flows: blank is 0
_GRADE_PATTERN = re.compile("|".join(sorted(map(re.escape, GRADE_WORDS), key=len, reverse=True)))
# Ends of a stage written without a grade (wide tables): 小学毕业生数 is the last primary grade's.
_STAGE_ENDS = {"小学": "primary", "初中": "junior", "": None}


@dataclass(frozen=True)
class GradeUnit:
    label: str
    system: System
    where: Where  # its first row
    groups: dict[str, str] = field(default_factory=dict)
    label_key: str | None = None


@dataclass
class GradeTable:
    path: str
    layout: str  # LONG or WIDE
    units: list[GradeUnit]
    cells: dict[tuple[int, int, int], dict[str, int]]  # (unit position, year, grade) → measure → count
    measures: frozenset[str]
    notices: list[Message] = field(default_factory=list)
    grouping: Grouping = Grouping()
    reading: Reading = Reading()

    @cached_property
    def years(self) -> list[int]:
        return sorted({year for _, year, _ in self.cells})

    @cached_property
    def _years_by_unit(self) -> dict[int, set[int]]:
        found: dict[int, set[int]] = {}
        for unit, year, _ in self.cells:
            found.setdefault(unit, set()).add(year)
        return found

    def description(self) -> Message:
        """What was read, for -v: where the header was."""
        return Message("read_details_grades", {"header": "+".join(map(str, self.reading.header_rows))},
                       Where(self.path))

    def unit_years(self, unit: int) -> set[int]:
        return self._years_by_unit.get(unit, set())

    def stock(self, unit: int, year: int, grade: int) -> int | None:
        return self.cells.get((unit, year, grade), {}).get("enrolled")

    def flow(self, unit: int, year: int, grade: int, measure: str) -> int:
        return self.cells.get((unit, year, grade), {}).get(measure, 0)

    def end(self, unit: int, year: int, grade: int, measure: str) -> int | None:
        """招生数 or 毕业生数 where reported, else None."""
        return self.cells.get((unit, year, grade), {}).get(measure)


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


@functools.lru_cache(maxsize=1024)
def parse_year(text: str) -> int | None:
    """2020, 2020年, 2020学年, 2020-2021学年, 2020/21 → 2020 (the start year)."""
    match = re.fullmatch(r"((?:19|20)\d\d)(?:年|学年|年度)?(?:[-/至~～—](?:(?:19|20)?\d\d)(?:年|学年|学年度)?)?(?:学年|学年度)?",
                         normalize_header(text))
    return int(match.group(1)) if match else None


def wide_column(header: str) -> tuple[str, str, tuple[str, int] | str | None] | None:
    """A wide table's column: ("grade", measure, grade) for 一年级 / 在校学生数一年级 / 转入一年级, or ("end",
    measure, stage) for 招生数 / 小学毕业生数; None for anything else."""
    key = normalize_header(header)
    match = _GRADE_PATTERN.search(key)
    if match:
        rest = key[:match.start()] + key[match.end():]
        measure = GRADE_MEASURES.match(rest) or ("enrolled" if rest in ("", "在校", "小计") else None)
        return ("grade", measure, GRADE_WORDS[match.group()]) if measure else None
    for prefix, stage in _STAGE_ENDS.items():
        measure = GRADE_MEASURES.match(key[len(prefix):]) if key.startswith(prefix) else None
        if measure in ENDS:
            return "end", measure, stage
    return None


def _fit(cells: list[str]) -> tuple[int, int] | None:
    """How well cells fit as a grade table's header: a 学年 column beside a 年级 column (long), or beside three
    grade columns or more (wide; the more the better: 在校学生数 over 一年级…). None: not a grade table's."""
    names = [GRADE_TABLE_COLUMNS.match(text) for text in cells]
    if "year" not in names:
        return None
    if "grade" in names:
        return 1, 0
    graded = sum(1 for text in cells if (column := wide_column(text)) and column[0] == "grade")
    return (0, graded) if graded >= 3 else None


def _known(name: str) -> bool:
    return GRADE_TABLE_COLUMNS.match(name) is not None or wide_column(name) is not None


def find_grade_header(rows: list[list[str]], header_row: int | None = None) -> tuple[Header, str] | None:
    """The header of a grade table and its layout (LONG or WIDE); None when the grid is not a grade table."""
    header = find_header(rows, _fit, _known, header_row)
    if header is None:
        return None
    return header, LONG if "grade" in [GRADE_TABLE_COLUMNS.match(text) for text in header.cells] else WIDE


def is_grade_table(grid: Grid, header_row: int | None = None) -> bool:
    return find_grade_header(grid.rows, header_row) is not None


def table_from_grid(grid: Grid, header_row: int | None = None, default_system: str = DEFAULT_SYSTEM) -> GradeTable:
    """Read a grade table; every bad cell of the file is reported together."""
    path = grid.name
    found = find_grade_header(grid.rows, header_row)
    if found is None:
        raise fail("grades_header_not_found", Where(path))
    header, layout = found
    return _Reader(path, header, layout, default_system).read(grid.rows[header.last_row:], header.last_row + 1, grid)


class _Reader:
    def __init__(self, path: str, header: Header, layout: str, default_system: str) -> None:
        self.path, self.header, self.layout, self.default_system = path, header, layout, SYSTEMS[default_system]
        self.keys = [normalize_header(cell) for cell in header.cells]
        self.names = [GRADE_TABLE_COLUMNS.match(cell) for cell in header.cells]
        self.problems: list[Message] = []
        self.notices: list[Message] = []
        self.units: list[GradeUnit] = []
        self.positions: dict[str, int] = {}
        self.cells: dict[tuple[int, int, int], dict[str, int]] = {}
        self.seen: dict[tuple[int, int, int], int] = {}  # → the first row that gave its counts
        self.measures: set[str] = set()

    def where(self, row: int, index: int | None = None) -> Where:
        if index is None:
            return Where(self.path, row=row)
        return Where(self.path, row=row, column=" ".join(self.header.cells[index].split()),
                     letter=column_letter(index))

    def column(self, name: str) -> int | None:
        return next((index for index, found in enumerate(self.names) if found == name), None)

    def read(self, body: list[list[str]], first_row: int, grid: Grid) -> GradeTable:
        year_index = self.column("year")
        system_index = self.column("system")
        unit_indexes = sorted((index for index, cell in enumerate(self.header.cells) if place_level(cell) is not None),
                              key=lambda index: place_level(self.header.cells[index]))
        if not unit_indexes:
            raise fail("grades_no_unit", Where(self.path, row=self.header.rows[0]))
        layout = self.layout
        grade_index = self.column("grade") if layout == LONG else None
        measures = ({index: measure for index, cell in enumerate(self.header.cells)
                     if (measure := GRADE_MEASURES.match(cell))}
                    if layout == LONG else
                    {index: column for index, cell in enumerate(self.header.cells) if (column := wide_column(cell))})
        if layout == LONG and "enrolled" not in measures.values():
            raise fail("grades_no_stock", Where(self.path, row=self.header.rows[0]))
        totals, skipped, total_rows = 0, 0, set()
        for number, row in enumerate(body, start=first_row):
            if not any(cell.strip() for cell in row):
                continue
            labels = [_cell(row, index) for index in unit_indexes]
            if any(total_kind(label) for label in labels):
                totals += 1  # kongchuo adds its own total; a 合计 row would be counted twice
                total_rows.add(number)
                continue
            year = parse_year(_cell(row, year_index))
            if year is None:
                if not any(isinstance(parse_count(_cell(row, index)), int) for index in measures):
                    skipped += 1  # notes under the table (填表人…): never echoed
                    continue
                self.problems.append(Message("grades_bad_year", {"value": echoed(_cell(row, year_index))},
                                             self.where(number, year_index)))
                continue
            unit = self.unit(row, number, unit_indexes, system_index)
            if unit is None:
                continue
            if layout == LONG:
                self.long_row(row, number, unit, year, grade_index, measures)
            else:
                self.wide_row(row, number, unit, year, measures)
        refuse_unsaved(grid, total_rows)  # a 合计 row's formulas can go without values: it is not read
        if self.problems:
            raise KongchuoError(capped(self.problems), self.notices)
        if not self.cells:
            raise KongchuoError([Message("no_data_rows", {}, Where(self.path))], self.notices)
        if skipped:
            self.notices.append(Message("grades_rows_skipped", {"count": skipped}, Where(self.path)))
        grouping = Grouping(self.keys[unit_indexes[0]], tuple(self.keys[index] for index in unit_indexes[1:]),
                            tuple(" ".join(self.header.cells[index].split()) for index in unit_indexes[1:]))
        reading = Reading(grid.encoding, grid.delimiter, grid.sheet, self.header.rows, totals, skipped,
                          title_above(grid.rows, self.header.rows[0]))
        return GradeTable(self.path, layout, self.units, self.cells, frozenset(self.measures), self.notices,
                          grouping, reading)

    def unit(self, row: list[str], number: int, unit_indexes: list[int], system_index: int | None) -> int | None:
        own = _cell(row, unit_indexes[0])
        parents = [_cell(row, index) for index in reversed(unit_indexes[1:])]
        if not own:
            self.problems.append(Message("grades_blank_unit", {}, self.where(number, unit_indexes[0])))
            return None
        label = QUALIFIER.join([*(clean_name(parent) for parent in parents if parent and parent != own),
                                clean_name(own)])
        system = self.default_system
        if system_index is not None and _cell(row, system_index):
            name = _SYSTEM_WORDS.get(normalize_header(_cell(row, system_index)))
            if name is None:
                self.problems.append(Message("grades_bad_system", {"value": echoed(_cell(row, system_index))},
                                             self.where(number, system_index)))
                return None
            system = SYSTEMS[name]
        position = self.positions.get(label)
        if position is None:
            position = self.positions[label] = len(self.units)
            groups = {self.keys[index]: _cell(row, index) for index in unit_indexes}
            self.units.append(GradeUnit(label, system, Where(self.path, row=number), groups, self.keys[unit_indexes[0]]))
        elif self.units[position].system != system:
            self.problems.append(Message("grades_system_changes", {"unit": label, "first": self.units[position].system.name,
                                                                   "second": system.name}, Where(self.path, row=number)))
        return position

    def grade(self, written: tuple[str, int], unit: int) -> int | None:
        kind, number = written
        if kind == "grade":
            return number
        grade = self.units[unit].system.primary_last + number  # 初一 is 7 in 6-3, 6 in 5-4
        return grade if grade <= 9 else None

    def count(self, row: list[str], number: int, index: int, measure: str) -> int | None:
        text = _cell(row, index)
        if not text:
            return None if measure in STOCKS or measure in ENDS else 0
        value = parse_count(text)
        if isinstance(value, str):
            self.problems.append(Message(value, {"value": echoed(text)}, self.where(number, index)))
            return None
        return value

    def put(self, unit: int, year: int, grade: int, measure: str, value: int, number: int) -> None:
        key = (unit, year, grade)
        counts = self.cells.get(key)
        if counts is None:
            counts = self.cells[key] = {}
            self.seen[key] = number
        if measure in counts:
            self.problems.append(Message("grades_duplicate", {"unit": self.units[unit].label, "year": year,
                                                              "grade": grade, "first": self.seen[key]},
                                         Where(self.path, row=number)))
            return
        counts[measure] = value
        self.measures.add(measure)

    def long_row(self, row, number, unit, year, grade_index, measures) -> None:
        written = parse_grade(_cell(row, grade_index))
        grade = self.grade(written, unit) if written else None
        if grade is None:
            if _cell(row, grade_index) and not total_kind(_cell(row, grade_index)):
                self.problems.append(Message("grades_bad_grade", {"value": echoed(_cell(row, grade_index))},
                                             self.where(number, grade_index)))
            return  # a 小计/合计 grade row sums the others
        width = len(row)
        for index, measure in measures.items():  # the cells of 90,000 rows: the common case inline
            text = row[index].strip() if index < width else ""
            if text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS:
                self.put(unit, year, grade, measure, int(text), number)
            elif (value := self.count(row, number, index, measure)) is not None:
                self.put(unit, year, grade, measure, value, number)

    def wide_row(self, row, number, unit, year, columns) -> None:
        ends = []
        for index, (kind, measure, where) in columns.items():
            value = self.count(row, number, index, measure)
            if value is None:
                continue
            if kind == "end":
                ends.append((index, measure, where, value))
                continue
            grade = self.grade(where, unit)
            if grade is not None:
                self.put(unit, year, grade, measure, value, number)
        system = self.units[unit].system
        grades = {grade for (position, at, grade) in self.cells if position == unit and at == year}
        for index, measure, stage, value in ends:
            if stage is None:  # 招生数 or 毕业生数 of a row that has one stage only
                stages = {grade <= system.primary_last for grade in grades}
                if len(stages) != 1:
                    self.problems.append(Message("grades_stage_unclear", {"header": self.header.cells[index]},
                                                 self.where(number, index)))
                    continue
                stage = "primary" if stages.pop() else "junior"
            span = system.stage(stage == "primary")
            grade = span[0] if measure == "entrants" else span[-1]
            self.put(unit, year, grade, measure, value, number)
