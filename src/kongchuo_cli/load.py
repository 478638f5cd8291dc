"""Summary tables (one row per 乡镇 or 学校) → validated integer counts per unit.

Every problem of a file is collected and raised together, each naming the file, the spreadsheet's own row
number and the column; warnings (unused columns, a 合计 row that does not add up, skipped note rows) travel
with the result. Rows are classified, never guessed away: only rows *below* the table with no count at all are
notes; a named row with empty counts inside the table is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kongchuo_cli.columns import (
    BY_NAME,
    NOT_DATA,
    UNIT,
    column_letter,
    match_column,
    normalize_header,
    suggest_header,
    unit_level,
)
from kongchuo_cli.indicators import DISABLED_PARTS
from kongchuo_cli.messages import KongchuoError, Message, Where, fail
from kongchuo_cli.read import Grid, ReadOptions, read_grid

HEADER_SEARCH_ROWS = 20  # title rows above the header are skipped, within this many rows
MAX_LISTED_PROBLEMS = 200
MAX_ECHOED_VALUE = 24  # a bad cell's text is quoted in the message, cut to this many characters
# Rows that sum the units: never counted as units. A grand total is checked against the sum of the units.
GRAND_TOTAL_LABELS = ("合计", "总计", "全县", "总数", "total")
SUBTOTAL_LABELS = ("小计",)
QUALIFIER = "/"  # 甲镇/中心小学: a school qualified by its township


@dataclass(frozen=True)
class Unit:
    label: str
    counts: dict[str, int]  # canonical column → count, for the columns the file has
    where: Where  # file and spreadsheet row
    groups: dict[str, str] = field(default_factory=dict)  # text columns (乡镇, 城乡…): header → value, for --by
    label_key: str | None = None  # the normalised header of the column that labels the unit


@dataclass
class FileTable:
    path: str
    columns: frozenset[str]  # canonical count columns present
    units: list[Unit]
    total_row: Unit | None  # the file's own 合计 row, if any
    notices: list[Message] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)  # what was read, for -v

    def description(self) -> Message:
        """What was read, for -v: the encoding or sheet, the header rows, and how the rows were used."""
        details = self.details
        source = (Message("read_sheet", {"sheet": details["sheet"]}) if "sheet" in details else
                  Message("read_text", {"encoding": details.get("encoding"),
                                        "delimiter": {"\t": "TAB"}.get(details.get("delimiter"),
                                                                       details.get("delimiter"))}))
        rows = "+".join(str(row) for row in details.get("header_rows", ()))
        return Message("read_details", {"source": source, "header": rows, "units": details.get("units", 0),
                                        "totals": details.get("total_rows", 0),
                                        "skipped": details.get("skipped_rows", 0)}, Where(self.path))


@dataclass(frozen=True)
class _Layout:
    """Where things are in the grid: the joined header, its rows, and the columns' roles."""

    header: list[str]
    header_rows: tuple[int, ...]  # spreadsheet row numbers
    counts: dict[str, int]  # canonical count column → index
    label: int | None  # the finest unit column, or the first text column
    coarser: list[int]  # coarser unit columns (乡镇 beside 学校), finest first
    texts: list[int]  # other text columns, kept as groups


def load_files(paths: list[str], options: ReadOptions = ReadOptions(),
               on_file: Callable[[str], None] | None = None, parse: Callable[[str], Any] | None = None) -> list:
    """Read every file (as a summary table, unless `parse` reads it otherwise), then check that no unit appears
    twice; all problems of all files are raised together. `on_file` hears of each file as it is begun (for a
    progress display)."""
    parse = parse or (lambda path: load_file(path, options))
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


def load_file(path: str, options: ReadOptions = ReadOptions()) -> FileTable:
    return table_from_grid(read_grid(path, options), options.header_row)


def table_from_grid(grid: Grid, header_row: int | None = None) -> FileTable:
    path, rows = grid.name, grid.rows
    layout, notices = _layout(rows, path, header_row)
    body_start = layout.header_rows[-1]  # index of the first row below the header
    body = [(number, row) for number, row in enumerate(rows[body_start:], start=body_start + 1)
            if any(cell.strip() for cell in row)]
    data, totals, skipped = _classify(body, layout, path)
    notices.extend(Message("row_without_counts", {}, Where(path, row=number)) for number in skipped)
    _check_quotes(data, grid, path)
    _check_merged_counts(grid, layout, {number for number, _ in data}, path)
    counts, problems = _parse_counts(path, layout, data)
    if problems:
        raise KongchuoError(problems, notices)
    units, subtotals_and_totals = [], []
    group_keys = [(normalize_header(layout.header[index]), index)
                  for index in [*layout.coarser, *layout.texts, *([layout.label] if layout.label is not None else [])]]
    label_key = normalize_header(layout.header[layout.label]) if layout.label is not None else None
    for position, (number, row) in enumerate(data):
        kind, total_text = totals.get(number, (None, ""))
        counted = {name: values[position] for name, values in counts.items()}
        unit = Unit(total_text or _label(row, layout, number), counted, Where(path, row=number),
                    _groups(row, group_keys), label_key)
        (subtotals_and_totals if kind else units).append(unit)
    grand = [unit for unit in subtotals_and_totals if totals[unit.where.row][0] == "grand"]
    total_row = grand[-1] if grand else None
    if not units and total_row is not None:  # a file of county totals only: that row is the data
        units, total_row = [total_row], None
    if not units:
        raise KongchuoError([Message("no_data_rows", {}, Where(path))], notices)
    if total_row is not None:
        notices.extend(_total_mismatch(total_row, units, layout))
    notices.extend(_disabled_parts_mismatch(units))
    group_columns = [*layout.coarser, *layout.texts]
    details = {**grid.details, "header_rows": layout.header_rows, "units": len(units),
               "total_rows": len(subtotals_and_totals), "skipped_rows": len(skipped),
               "label_header": normalize_header(layout.header[layout.label]) if layout.label is not None else None,
               "group_headers": [normalize_header(layout.header[index]) for index in group_columns],
               "group_names": [_shown(layout.header[index]) for index in group_columns]}
    return FileTable(path, frozenset(counts), units, total_row, notices, details)


def _cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _shown(header: str) -> str:
    """A header as messages show it: on one line."""
    return " ".join(header.split())


# ---- the header -------------------------------------------------------------------------------------------


def _known(cells: list[str]) -> int:
    return sum(match_column(cell) not in (None, UNIT) for cell in cells)


def _joined(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: 小学 over 辍学人数 → 小学辍学人数; an empty upper cell takes the one to its left
    (a merged cell saved as CSV); a cell with nothing below stays as it is (merged downwards); and where the joined
    name means nothing but the lower one does (a group title such as 九年义务教育巩固率 over 一年级入学人数),
    the lower one."""
    width = max(len(upper), len(lower))
    filled, above = [], ""
    for index in range(width):
        top, bottom = _cell(upper, index).strip(), _cell(lower, index).strip()
        above = top or (above if bottom else "")
        filled.append(above)
    joined = []
    for index in range(width):
        above, bottom = filled[index], _cell(lower, index).strip()
        name = above + bottom if bottom and above != bottom else above or bottom
        spans = above and (filled[index - 1:index] == [above] or filled[index + 1:index + 2] == [above])
        if spans and bottom and match_column(name) is None and match_column(bottom) is not None:
            name = bottom  # a group title over several columns
        joined.append(name)
    return joined


def _layout(rows: list[list[str]], path: str, header_row: int | None) -> tuple[_Layout, list[Message]]:
    """The header: one row, or two or three joined when that recognises more columns; and the columns' roles."""
    if not rows or not any(cell.strip() for row in rows for cell in row):
        raise fail("file_empty", Where(path))
    if header_row is not None:
        if not 1 <= header_row <= len(rows):
            raise fail("header_row_outside", Where(path), row=header_row, rows=len(rows))
        candidates = [header_row - 1]
    else:
        candidates = list(range(min(len(rows), HEADER_SEARCH_ROWS)))
    for index in candidates:
        if not any(cell.strip() for cell in rows[index]) and header_row is None:
            continue  # a header never starts on an empty row
        options = [(rows[index], 1)]
        groups_above = len({cell.strip() for cell in rows[index]} - {""}) >= 2  # a merged title has one text
        for depth in (2, 3) if groups_above else ():  # the rows below may carry the rest of a merged header
            if index + depth <= len(rows):
                options.append((_joined(options[-1][0], rows[index + depth - 1]), depth))
        best, depth = max(options, key=lambda option: (_known(option[0]), -option[1]))
        if _known(best) or header_row is not None:
            return _roles(best, tuple(range(index + 1, index + depth + 1)), rows[index + depth:], path)
    raise fail("header_not_found", Where(path), rows=len(candidates))


def _roles(header: list[str], header_rows: tuple[int, ...], body: list[list[str]], path: str
           ) -> tuple[_Layout, list[Message]]:
    counts: dict[str, int] = {}
    units: list[int] = []
    problems, unknown = [], []
    for index, written in enumerate(header):
        name = match_column(written)
        if name == UNIT:
            units.append(index)
        elif name is None:
            if written.strip() or any(_cell(row, index).strip() for row in body):
                unknown.append(index)
        elif name in counts:
            first = _shown(header[counts[name]])
            problems.append(Message("duplicate_column", {"first": first, "second": _shown(written), "name": name},
                                    Where(path, column=_shown(written), letter=column_letter(index))))
        else:
            counts[name] = index
    if problems:
        raise KongchuoError(problems)
    if not counts:
        raise fail("header_no_counts", Where(path, row=header_rows[0]))
    units.sort(key=lambda index: unit_level(header[index]))
    label, coarser = (units[0], units[1:]) if units else (None, [])
    texts = [index for index in unknown if any(_is_text(_cell(row, index)) for row in body)]
    if label is None and texts:  # no 单位 header: the first text column labels the rows (not a 序号 column)
        label = texts.pop(0)
    notices = []
    for index in unknown:
        suggestion = suggest_header(header[index])
        if normalize_header(header[index]) in NOT_DATA or ((index == label or index in texts) and not suggestion):
            continue  # 序号, 备注…; or a text column (城乡…), kept for --by
        hint = Message("unknown_column_hint", {"suggestion": suggestion}) if suggestion else ""
        notices.append(Message("unknown_column", {"hint": hint},
                               Where(path, column=_shown(header[index]) or "?", letter=column_letter(index))))
    return _Layout(header, header_rows, counts, label, coarser, texts), notices


def _is_text(cell: str) -> bool:
    """A cell that names something: not a number, not empty, not a total label."""
    return isinstance(parse_count(cell, True), str) and _total_kind(cell) is None


# ---- rows -------------------------------------------------------------------------------------------------


def _total_kind(text: str) -> str | None:
    """"grand" for 合计/总计/全县/总数/Total (also 示例县合计), "sub" for 小计 (also 东镇小计), else None."""
    key = normalize_header(text).rstrip(":")
    if key in GRAND_TOTAL_LABELS or key.endswith(("合计", "总计")):
        return "grand"
    if key.endswith(SUBTOTAL_LABELS):
        return "sub"
    return None


def _classify(body: list[tuple[int, list[str]]], layout: _Layout, path: str
              ) -> tuple[list[tuple[int, list[str]]], dict[int, tuple[str, str]], list[int]]:
    """(rows holding counts, {row number: (kind, label)} of total rows, row numbers of notes below the table).

    A total row is known by any of its text cells (a 合计 merged across 序号 and 乡镇 lands in 序号). Notes
    (填表人, 说明…) are the rows after the last one with a valid count that hold no valid count themselves.
    """
    count_indexes = set(layout.counts.values())

    def has_count(row: list[str]) -> bool:
        return any(isinstance(parse_count(_cell(row, index)), int) for index in count_indexes)

    last = max((position for position, (_, row) in enumerate(body) if has_count(row)), default=-1)
    data, totals = body[:last + 1], {}
    if data and _is_column_numbers(data[0][1], layout):  # 栏次: 甲, 1, 2, 3… under the header of official forms
        data = data[1:]
    # where a row's label can be: its label columns, or left of the counts (a 合计 merged across 序号 and 乡镇);
    # never a remark at the right (备注: 含教学点小计)
    label_columns = {index for index in (layout.label, *layout.coarser) if index is not None}
    first_count = min(count_indexes)
    for number, row in data:
        labelled = [(kind, cell.strip()) for index, cell in enumerate(row)
                    if (index in label_columns or index < first_count) and (kind := _total_kind(cell))]
        if labelled:
            totals[number] = min(labelled)  # "grand" before "sub"
    return data, totals, [number for number, _ in body[last + 1:]]


def _is_column_numbers(row: list[str], layout: _Layout) -> bool:
    """The row of official report forms that numbers the columns: counts 1, 2, 3… in column order."""
    values = [_cell(row, index).strip() for index in sorted(layout.counts.values())]
    return values == [str(number) for number in range(1, len(values) + 1)] and len(values) > 1


def _label(row: list[str], layout: _Layout, number: int) -> str:
    own = _cell(row, layout.label).strip() if layout.label is not None else ""
    parents = [_cell(row, index).strip() for index in reversed(layout.coarser)]
    return QUALIFIER.join([*(parent for parent in parents if parent and parent != own), own or f"#{number}"])


def _groups(row: list[str], keys: list[tuple[str, int]]) -> dict[str, str]:
    """The row's text columns by normalised header (the label column included, by its own unqualified value)."""
    return {key: _cell(row, index).strip() for key, index in keys}


def _check_merged_counts(grid: Grid, layout: _Layout, data_rows: set[int], path: str) -> None:
    """A count merged down several rows would be counted once for each: refuse it."""
    problems = [Message("merged_count", {"first": first, "last": last},
                        Where(path, row=first, column=_shown(layout.header[column]), letter=column_letter(column)))
                for first, last, column in grid.details.get("merged_counts", ())
                if column in layout.counts.values() and first in data_rows]
    if problems:
        raise KongchuoError(problems)


def _check_quotes(data: list[tuple[int, list[str]]], grid: Grid, path: str) -> None:
    """A quotation mark left open swallows the rows after it into one cell: refuse rather than lose them."""
    delimiter = grid.details.get("delimiter")
    if delimiter is None:
        return
    for number, row in data:
        for index, cell in enumerate(row):
            if "\n" in cell and delimiter in cell:
                raise fail("stray_quote", Where(path, row=number))


# ---- cells ------------------------------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + digit): str(digit) for digit in range(10)},
                             "，": ",", "．": ".", "－": "-", "\u3000": " ", "\xa0": " "})
_CELL = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?")
_MAX_DIGITS = 15  # beyond this a cell is no count (and beyond a spreadsheet's precision)


def parse_count(written: str, blank_is_zero: bool = False) -> int | str:
    """A count cell as an int, or the code of what is wrong with it ("1,234", "1234.0", "１２", " 7 " are fine)."""
    if written.isdigit() and written.isascii() and len(written) <= _MAX_DIGITS:
        return int(written)  # the common case, kept fast
    text = written.translate(_FULL_WIDTH).strip()
    if not text:
        return 0 if blank_is_zero else "cell_blank"
    match = _CELL.fullmatch(text)
    if match is None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return "cell_date"  # a count typed into a date-formatted cell
        return "cell_negative" if re.fullmatch(r"-\s*\d[\d,]*(\.\d*)?", text) else "cell_not_number"
    digits, decimals = match.group(1).replace(",", ""), match.group(2) or ""
    if decimals.strip("0"):
        return "cell_fraction"
    if len(digits) > _MAX_DIGITS:
        return "cell_too_large"
    return int(digits)


def _parse_counts(path: str, layout: _Layout, data: list[tuple[int, list[str]]]
                  ) -> tuple[dict[str, list[int]], list[Message]]:
    """Each count column as a list of ints; every bad cell becomes a Message (collected, never the first only)."""
    counts: dict[str, list[int]] = {}
    located: list[tuple[int, int, Message]] = []
    indexes = list(layout.counts.values())
    empty = {number for number, row in data if not any(_cell(row, index).strip() for index in indexes)}
    located.extend((number, -1, Message("row_all_blank", {}, Where(path, row=number))) for number in empty)
    for name, index in layout.counts.items():
        blank_is_zero = BY_NAME[name].blank_is_zero
        cells = [_cell(row, index) for _, row in data]
        values = [int(cell) if cell.isdigit() and cell.isascii() and len(cell) <= _MAX_DIGITS
                  else parse_count(cell, blank_is_zero) for cell in cells]  # the common case inline, for speed
        for (number, _), cell, value in zip(data, cells, values):
            if isinstance(value, str) and number not in empty:
                where = Where(path, row=number, column=_shown(layout.header[index]), letter=column_letter(index))
                echoed = cell.strip()
                if len(echoed) > MAX_ECHOED_VALUE:
                    echoed = echoed[:MAX_ECHOED_VALUE] + "…"
                located.append((number, index, Message(value, {"value": echoed}, where)))
        counts[name] = values
    located.sort(key=lambda item: item[:2])
    return counts, capped([message for _, _, message in located])


def capped(problems: list[Message]) -> list[Message]:
    if len(problems) <= MAX_LISTED_PROBLEMS:
        return problems
    extra = len(problems) - MAX_LISTED_PROBLEMS
    return problems[:MAX_LISTED_PROBLEMS] + [Message("more_errors", {"count": extra})]


# ---- checks across rows -----------------------------------------------------------------------------------


def _total_mismatch(total_row: Unit, units: list[Unit], layout: _Layout) -> list[Message]:
    differences = []
    for name, index in layout.counts.items():
        summed = sum(unit.counts[name] for unit in units)
        if total_row.counts[name] != summed:
            differences.append(Message("total_mismatch_column", {"column": _shown(layout.header[index]),
                                                                 "written": total_row.counts[name], "summed": summed}))
    if not differences:
        return []
    return [Message("total_mismatch", {"label": total_row.label, "columns": tuple(differences)}, total_row.where)]


def _disabled_parts_mismatch(units: list[Unit]) -> list[Message]:
    """When 入学数 and all three of its parts are given, they should agree."""
    notices = []
    for unit in units:
        if "disabled_enrolled" in unit.counts and all(part in unit.counts for part in DISABLED_PARTS):
            parts = sum(unit.counts[part] for part in DISABLED_PARTS)
            if parts != unit.counts["disabled_enrolled"]:
                notices.append(Message("disabled_parts_mismatch",
                                       {"parts": parts, "enrolled": unit.counts["disabled_enrolled"]}, unit.where))
    return notices


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
