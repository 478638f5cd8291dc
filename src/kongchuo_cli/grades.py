"""Per-grade tables of the yearly education statistics (教育事业统计) → counts by unit, school year and grade.

Two layouts are read: the long one (a row per unit, 学年 and 年级) and the yearbook's wide one (a row per unit and
学年, a column per grade, e.g. 一年级…九年级, or 在校学生数 over 一年级 in a two-row header; flows as 转入 over
一年级, or 一年级转入). Years are labelled by their start, as Chinese statistics do: the row of 2020 holds the
stocks (在校生) of autumn 2020 and the flows (转入, 辍学, 毕业…) of the school year that ended that summer, by the
grade the pupils were in. A blank stock means the unit has no such grade (a primary school has no 九年级); a blank
flow means none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from kongchuo_cli.columns import normalize_header, unit_level
from kongchuo_cli.load import (
    GRAND_TOTAL_LABELS,
    QUALIFIER,
    SUBTOTAL_LABELS,
    capped,
    parse_count,
)
from kongchuo_cli.messages import KongchuoError, Message, Where, fail
from kongchuo_cli.read import Grid

LONG, WIDE = "long", "wide"
HEADER_SEARCH_ROWS = 20


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
_SYSTEM_WORDS = {normalize_header(word): name for name, words in {
    "6-3": ("6-3", "63", "六三", "六三制", "6·3", "6.3", "6+3", "六三学制"),
    "5-4": ("5-4", "54", "五四", "五四制", "5·4", "5.4", "5+4", "五四学制"),
    "九年一贯制": ("九年一贯制", "九年一贯", "一贯制"),
}.items() for word in words}

# What a grade table counts: one entry per measure, with its headers (stocks, then the 学生变动 flows).
MEASURES: dict[str, tuple[str, ...]] = {
    "enrolled": ("在校生数", "在校学生数", "在校生", "学生数", "在校人数", "enrolled"),
    "entrants": ("招生数", "招生人数", "招生", "新生数", "entrants"),
    "graduates": ("毕业生数", "毕业人数", "毕业生", "毕业", "graduates"),
    "transfers_in": ("转入", "转入人数", "转入学生数", "transfers_in"),
    "transfers_out": ("转出", "转出人数", "转出学生数", "transfers_out"),
    "deaths": ("死亡", "死亡人数", "deaths"),
    "suspended": ("休学", "休学人数", "suspended"),
    "resumed": ("复学", "复学人数", "resumed"),
    "dropouts": ("辍学", "辍学人数", "辍学学生数", "退学", "退学人数", "dropouts"),
    "repeaters": ("留级", "留级人数", "留级生数", "重读", "repeaters"),
    "other_in": ("其他增加", "其他增加人数", "other_in"),
    "other_out": ("其他减少", "其他减少人数", "other_out"),
}
STOCKS = frozenset({"enrolled"})
ENDS = frozenset({"entrants", "graduates"})  # blank: not reported (as a stock); the other flows: blank is 0
_MEASURE = {normalize_header(header): name for name, headers in MEASURES.items() for header in headers}
_YEAR = {normalize_header(word) for word in ("学年", "年份", "年度", "统计年度", "学年度", "year", "school_year")}
_GRADE = {normalize_header(word) for word in ("年级", "grade")}
_SYSTEM = {normalize_header(word) for word in ("学制", "system")}
_UNIT = {normalize_header(word) for word in ("单位", "乡镇", "学校", "学校名称", "单位名称", "乡镇名称", "乡镇(街道)",
                                             "乡镇街道", "区县", "县", "unit", "school", "township")}

_DIGITS = "一二三四五六七八九"
# A grade as written: 一年级, 七年级, 1年级, 初一 (junior year 1: grade 7 in 6-3, 6 in 5-4), or a bare 1–9.
_GRADE_WORDS: dict[str, tuple[str, int]] = {
    **{f"{word}年级": ("grade", number) for number, word in enumerate(_DIGITS, 1)},
    **{f"{number}年级": ("grade", number) for number in range(1, 10)},
    **{f"小学{word}年级": ("grade", number) for number, word in enumerate(_DIGITS[:6], 1)},
    **{f"初{word}": ("junior", number) for number, word in enumerate(_DIGITS[:4], 1)},
    **{f"初中{word}年级": ("junior", number) for number, word in enumerate(_DIGITS[:4], 1)},
}
_GRADE_PATTERN = re.compile("|".join(sorted(map(re.escape, _GRADE_WORDS), key=len, reverse=True)))
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
    details: dict[str, object] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted({year for _, year, _ in self.cells})

    @cached_property
    def _years_by_unit(self) -> dict[int, set[int]]:
        found: dict[int, set[int]] = {}
        for unit, year, _ in self.cells:
            found.setdefault(unit, set()).add(year)
        return found

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


def parse_grade(text: str) -> tuple[str, int] | None:
    """("grade", 7) for 七年级 or 7; ("junior", 1) for 初一, whose grade depends on the school system."""
    key = normalize_header(text)
    if key.isdigit() and 1 <= int(key) <= 9:
        return "grade", int(key)
    return _GRADE_WORDS.get(key)


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
        measure = _MEASURE.get(rest, "enrolled" if rest in ("", "在校", "小计") else None)
        return ("grade", measure, _GRADE_WORDS[match.group()]) if measure else None
    for prefix, stage in _STAGE_ENDS.items():
        if key.startswith(prefix) and _MEASURE.get(key[len(prefix):]) in ENDS:
            return "end", _MEASURE[key[len(prefix):]], stage
    return None


@dataclass(frozen=True)
class _Header:
    cells: list[str]
    rows: tuple[int, ...]  # spreadsheet row numbers
    layout: str


def find_header(rows: list[list[str]], header_row: int | None = None) -> _Header | None:
    """The header of a grade table: a 学年 column beside a 年级 column (long) or three grade columns (wide); up
    to three rows joined (在校学生数 over 一年级). None when the grid is not a grade table."""
    from kongchuo_cli.load import (
        _joined,  # the summary tables' way of joining merged header rows
    )

    candidates = [header_row - 1] if header_row else range(min(len(rows), HEADER_SEARCH_ROWS))
    for index in candidates:
        if index >= len(rows):
            return None
        options = [rows[index]]
        for depth in (2, 3):
            if index + depth <= len(rows):
                options.append(_joined(options[-1], rows[index + depth - 1]))
        for depth, cells in enumerate(options, start=1):
            keys = [normalize_header(cell) for cell in cells]
            has_year = any(key in _YEAR for key in keys)
            if has_year and any(key in _GRADE for key in keys):
                return _Header(cells, tuple(range(index + 1, index + depth + 1)), LONG)
            graded = [wide_column(cell) for cell in cells]
            if has_year and sum(1 for column in graded if column and column[0] == "grade") >= 3:
                # a deeper header wins when it names more grade columns (在校学生数 over 一年级…)
                deeper = [[wide_column(cell) for cell in option] for option in options[depth:]]
                if not any(sum(1 for column in more if column and column[0] == "grade") > len(
                        [column for column in graded if column and column[0] == "grade"]) for more in deeper):
                    return _Header(cells, tuple(range(index + 1, index + depth + 1)), WIDE)
    return None


def is_grade_table(grid: Grid) -> bool:
    return find_header(grid.rows) is not None


def table_from_grid(grid: Grid, header_row: int | None = None, default_system: str = DEFAULT_SYSTEM) -> GradeTable:
    """Read a grade table; every bad cell of the file is reported together."""
    path = grid.name
    header = find_header(grid.rows, header_row)
    if header is None:
        raise fail("grades_header_not_found", Where(path))
    return _Reader(path, header, default_system).read(grid.rows[header.rows[-1]:], header.rows[-1] + 1, grid.details)


class _Reader:
    def __init__(self, path: str, header: _Header, default_system: str) -> None:
        self.path, self.header, self.default_system = path, header, SYSTEMS[default_system]
        self.keys = [normalize_header(cell) for cell in header.cells]
        self.problems: list[Message] = []
        self.notices: list[Message] = []
        self.units: list[GradeUnit] = []
        self.positions: dict[str, int] = {}
        self.cells: dict[tuple[int, int, int], dict[str, int]] = {}
        self.seen: dict[tuple[int, int, int], int] = {}  # → the row that gave it
        self.measures: set[str] = set()

    def where(self, row: int, index: int | None = None) -> Where:
        if index is None:
            return Where(self.path, row=row)
        from kongchuo_cli.columns import column_letter

        return Where(self.path, row=row, column=" ".join(self.header.cells[index].split()),
                     letter=column_letter(index))

    def column(self, names: set[str]) -> int | None:
        return next((index for index, key in enumerate(self.keys) if key in names), None)

    def read(self, body: list[list[str]], first_row: int, details: dict) -> GradeTable:
        year_index = self.column(_YEAR)
        system_index = self.column(_SYSTEM)
        unit_indexes = sorted((index for index, key in enumerate(self.keys) if key in _UNIT),
                              key=lambda index: unit_level(self.header.cells[index]))
        if not unit_indexes:
            raise fail("grades_no_unit", Where(self.path, row=self.header.rows[0]))
        layout = self.header.layout
        grade_index = self.column(_GRADE) if layout == LONG else None
        measures = ({index: _MEASURE[key] for index, key in enumerate(self.keys) if key in _MEASURE}
                    if layout == LONG else
                    {index: column for index, cell in enumerate(self.header.cells) if (column := wide_column(cell))})
        if layout == LONG and "enrolled" not in measures.values():
            raise fail("grades_no_stock", Where(self.path, row=self.header.rows[0]))
        totals = skipped = 0
        for number, row in enumerate(body, start=first_row):
            if not any(cell.strip() for cell in row):
                continue
            labels = [_cell(row, index) for index in unit_indexes]
            if any(_is_total(label) for label in labels):
                totals += 1  # kongchuo adds its own total; a 合计 row would be counted twice
                continue
            year = parse_year(_cell(row, year_index))
            if year is None:
                if not any(isinstance(parse_count(_cell(row, index)), int) for index in measures):
                    skipped += 1  # notes under the table (填表人…): never echoed
                    continue
                self.problems.append(Message("grades_bad_year", {"value": _cell(row, year_index)[:24]},
                                             self.where(number, year_index)))
                continue
            unit = self.unit(row, number, unit_indexes, system_index)
            if unit is None:
                continue
            if layout == LONG:
                self.long_row(row, number, unit, year, grade_index, measures)
            else:
                self.wide_row(row, number, unit, year, measures)
        if self.problems:
            raise KongchuoError(capped(self.problems), self.notices)
        if not self.cells:
            raise KongchuoError([Message("no_data_rows", {}, Where(self.path))], self.notices)
        if skipped:
            self.notices.append(Message("grades_rows_skipped", {"count": skipped}, Where(self.path)))
        facts = {**details, "header_rows": self.header.rows, "layout": layout, "units": len(self.units),
                 "total_rows": totals, "skipped_rows": skipped,
                 "label_header": self.keys[unit_indexes[0]],
                 "group_headers": [self.keys[index] for index in unit_indexes[1:]],
                 "group_names": [" ".join(self.header.cells[index].split()) for index in unit_indexes[1:]]}
        return GradeTable(self.path, layout, self.units, self.cells, frozenset(self.measures), self.notices, facts)

    def unit(self, row: list[str], number: int, unit_indexes: list[int], system_index: int | None) -> int | None:
        own = _cell(row, unit_indexes[0])
        parents = [_cell(row, index) for index in reversed(unit_indexes[1:])]
        if not own:
            self.problems.append(Message("grades_blank_unit", {}, self.where(number, unit_indexes[0])))
            return None
        label = QUALIFIER.join([*(parent for parent in parents if parent and parent != own), own])
        system = self.default_system
        if system_index is not None and _cell(row, system_index):
            name = _SYSTEM_WORDS.get(normalize_header(_cell(row, system_index)))
            if name is None:
                self.problems.append(Message("grades_bad_system", {"value": _cell(row, system_index)[:24]},
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
            self.problems.append(Message(value, {"value": text[:24]}, self.where(number, index)))
            return None
        return value

    def put(self, unit: int, year: int, grade: int, measure: str, value: int, number: int) -> None:
        key = (unit, year, grade)
        counts = self.cells.setdefault(key, {})
        if measure in counts:
            first = self.seen.get((*key, measure))  # type: ignore[arg-type]
            self.problems.append(Message("grades_duplicate", {"unit": self.units[unit].label, "year": year,
                                                              "grade": grade, "first": first},
                                         Where(self.path, row=number)))
            return
        counts[measure] = value
        self.seen[(*key, measure)] = number  # type: ignore[index]
        self.measures.add(measure)

    def long_row(self, row, number, unit, year, grade_index, measures) -> None:
        written = parse_grade(_cell(row, grade_index))
        grade = self.grade(written, unit) if written else None
        if grade is None:
            if _cell(row, grade_index) and not _is_total(_cell(row, grade_index)):
                self.problems.append(Message("grades_bad_grade", {"value": _cell(row, grade_index)[:24]},
                                             self.where(number, grade_index)))
            return  # a 小计/合计 grade row sums the others
        for index, measure in measures.items():
            value = self.count(row, number, index, measure)
            if value is not None:
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


def _is_total(text: str) -> bool:
    key = normalize_header(text)
    return key in GRAND_TOTAL_LABELS or key.endswith(("合计", "总计", *SUBTOTAL_LABELS))

