"""Summary tables (one row per 乡镇 or 学校) → validated integer counts per unit.

Every problem of a file is collected and raised together, each naming the file, the spreadsheet's own row
number and the column; warnings (unused columns, a 合计 row that does not add up, skipped note rows) travel
with the result. Rows are classified, never guessed away: only rows *below* the table with no count at all are
notes; a named row with empty counts inside the table is an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from kongchuo_cli.model import CountsTable, Grouping, Reading, Unit
from kongchuo_cli.problems import KongchuoError, Message, Where, capped, fail
from kongchuo_cli.read.cells import MAX_DIGITS, echoed, parse_count
from kongchuo_cli.read.grid import Grid, ReadOptions, read_grid
from kongchuo_cli.read.headers import HEADER_SEARCH_ROWS, Header, cell, find_header
from kongchuo_cli.read.vocabulary import (
    BY_NAME,
    DISABLED_PARTS,
    NOT_DATA,
    QUALIFIER,
    SUMMARY_COLUMNS,
    UNIT,
    column_letter,
    normalize_header,
    place_level,
    total_kind,
)


@dataclass(frozen=True)
class Layout:
    """Where things are in the grid: the joined header, its rows, and the columns' roles."""

    header: list[str]
    header_rows: tuple[int, ...]  # spreadsheet row numbers
    counts: dict[str, int]  # canonical count column → index
    label: int | None  # the finest unit column, or the first text column
    coarser: list[int]  # coarser unit columns (乡镇 beside 学校), finest first
    texts: list[int]  # other text columns, kept as groups


def load_file(path: str, options: ReadOptions = ReadOptions()) -> CountsTable:
    return table_from_grid(read_grid(path, options), options.header_row)


def table_from_grid(grid: Grid, header_row: int | None = None) -> CountsTable:
    path, rows = grid.name, grid.rows
    layout, notices = _layout(rows, path, header_row)
    body_start = layout.header_rows[-1]  # index of the first row below the header
    body = [(number, row) for number, row in enumerate(rows[body_start:], start=body_start + 1)
            if any(text.strip() for text in row)]
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
    grouping = Grouping(label_key, tuple(normalize_header(layout.header[index]) for index in group_columns),
                        tuple(_shown(layout.header[index]) for index in group_columns))
    reading = Reading(grid.encoding, grid.delimiter, grid.sheet, layout.header_rows, len(subtotals_and_totals),
                      len(skipped))
    return CountsTable(path, frozenset(counts), units, total_row, notices, grouping, reading)


def _shown(header: str) -> str:
    """A header as messages show it: on one line."""
    return " ".join(header.split())


# ---- the header -------------------------------------------------------------------------------------------


def _known(cells: list[str]) -> int | None:
    """How many count columns a candidate header names (None: none, so it is not the header)."""
    return sum(SUMMARY_COLUMNS.match(text) not in (None, UNIT) for text in cells) or None


def _layout(rows: list[list[str]], path: str, header_row: int | None) -> tuple[Layout, list[Message]]:
    """The header: one row, or two or three joined when that recognises more columns; and the columns' roles."""
    if not rows or not any(text.strip() for row in rows for text in row):
        raise fail("file_empty", Where(path))
    if header_row is not None and not 1 <= header_row <= len(rows):
        raise fail("header_row_outside", Where(path), row=header_row, rows=len(rows))
    header = find_header(rows, _known, lambda name: SUMMARY_COLUMNS.match(name) is not None, header_row)
    if header is None and header_row is not None:  # the row given: its columns are judged as they are
        header = Header(rows[header_row - 1], (header_row,))
    if header is None:
        raise fail("header_not_found", Where(path), rows=min(len(rows), HEADER_SEARCH_ROWS))
    return _roles(header.cells, header.rows, rows[header.last_row:], path)


def _roles(header: list[str], header_rows: tuple[int, ...], body: list[list[str]], path: str
           ) -> tuple[Layout, list[Message]]:
    counts: dict[str, int] = {}
    units: list[int] = []
    problems, unknown = [], []
    for index, written in enumerate(header):
        name = SUMMARY_COLUMNS.match(written)
        if name == UNIT:
            units.append(index)
        elif name is None:
            if written.strip() or any(cell(row, index).strip() for row in body):
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
    units.sort(key=lambda index: place_level(header[index]))
    label, coarser = (units[0], units[1:]) if units else (None, [])
    texts = [index for index in unknown if any(_is_text(cell(row, index)) for row in body)]
    if label is None and texts:  # no 单位 header: the first text column labels the rows (not a 序号 column)
        label = texts.pop(0)
    notices = []
    for index in unknown:
        suggestion = SUMMARY_COLUMNS.suggest(header[index])
        if normalize_header(header[index]) in NOT_DATA or ((index == label or index in texts) and not suggestion):
            continue  # 序号, 备注…; or a text column (城乡…), kept for --by
        hint = Message("unknown_column_hint", {"suggestion": suggestion}) if suggestion else ""
        notices.append(Message("unknown_column", {"hint": hint},
                               Where(path, column=_shown(header[index]) or "?", letter=column_letter(index))))
    return Layout(header, header_rows, counts, label, coarser, texts), notices


def _is_text(cell: str) -> bool:
    """A cell that names something: not a number, not empty, not a total label."""
    return isinstance(parse_count(cell, True), str) and total_kind(cell) is None


# ---- rows -------------------------------------------------------------------------------------------------


def _classify(body: list[tuple[int, list[str]]], layout: Layout, path: str
              ) -> tuple[list[tuple[int, list[str]]], dict[int, tuple[str, str]], list[int]]:
    """(rows holding counts, {row number: (kind, label)} of total rows, row numbers of notes below the table).

    A total row is known by any of its text cells (a 合计 merged across 序号 and 乡镇 lands in 序号). Notes
    (填表人, 说明…) are the rows after the last one with a valid count that hold no valid count themselves.
    """
    count_indexes = set(layout.counts.values())

    def has_count(row: list[str]) -> bool:
        return any(isinstance(parse_count(cell(row, index)), int) for index in count_indexes)

    last = max((position for position, (_, row) in enumerate(body) if has_count(row)), default=-1)
    data, totals = body[:last + 1], {}
    if data and _is_column_numbers(data[0][1], layout):  # 栏次: 甲, 1, 2, 3… under the header of official forms
        data = data[1:]
    # where a row's label can be: its label columns, or left of the counts (a 合计 merged across 序号 and 乡镇);
    # never a remark at the right (备注: 含教学点小计)
    label_columns = {index for index in (layout.label, *layout.coarser) if index is not None}
    first_count = min(count_indexes)
    for number, row in data:
        labelled = [(kind, text.strip()) for index, text in enumerate(row)
                    if (index in label_columns or index < first_count) and (kind := total_kind(text))]
        if labelled:
            totals[number] = min(labelled)  # "grand" before "sub"
    return data, totals, [number for number, _ in body[last + 1:]]


def _is_column_numbers(row: list[str], layout: Layout) -> bool:
    """The row of official report forms that numbers the columns: counts 1, 2, 3… in column order."""
    values = [cell(row, index).strip() for index in sorted(layout.counts.values())]
    return values == [str(number) for number in range(1, len(values) + 1)] and len(values) > 1


def _label(row: list[str], layout: Layout, number: int) -> str:
    own = cell(row, layout.label).strip() if layout.label is not None else ""
    parents = [cell(row, index).strip() for index in reversed(layout.coarser)]
    return QUALIFIER.join([*(parent for parent in parents if parent and parent != own), own or f"#{number}"])


def _groups(row: list[str], keys: list[tuple[str, int]]) -> dict[str, str]:
    """The row's text columns by normalised header (the label column included, by its own unqualified value)."""
    return {key: cell(row, index).strip() for key, index in keys}


def _check_merged_counts(grid: Grid, layout: Layout, data_rows: set[int], path: str) -> None:
    """A count merged down several rows would be counted once for each: refuse it."""
    problems = [Message("merged_count", {"first": first, "last": last},
                        Where(path, row=first, column=_shown(layout.header[column]), letter=column_letter(column)))
                for first, last, column in grid.merged_counts
                if column in layout.counts.values() and first in data_rows]
    if problems:
        raise KongchuoError(problems)


def _check_quotes(data: list[tuple[int, list[str]]], grid: Grid, path: str) -> None:
    """A quotation mark left open swallows the rows after it into one cell: refuse rather than lose them."""
    delimiter = grid.delimiter
    if delimiter is None:
        return
    for number, row in data:
        for text in row:
            if "\n" in text and delimiter in text:
                raise fail("stray_quote", Where(path, row=number))


# ---- cells ------------------------------------------------------------------------------------------------

def _parse_counts(path: str, layout: Layout, data: list[tuple[int, list[str]]]
                  ) -> tuple[dict[str, list[int]], list[Message]]:
    """Each count column as a list of ints; every bad cell becomes a Message (collected, never the first only)."""
    counts: dict[str, list[int]] = {}
    located: list[tuple[int, int, Message]] = []
    indexes = list(layout.counts.values())
    empty = {number for number, row in data if not any(cell(row, index).strip() for index in indexes)}
    located.extend((number, -1, Message("row_all_blank", {}, Where(path, row=number))) for number in empty)
    for name, index in layout.counts.items():
        blank_is_zero = BY_NAME[name].blank_is_zero
        written = [cell(row, index) for _, row in data]
        values = [int(text) if text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS
                  else parse_count(text, blank_is_zero) for text in written]  # the common case inline, for speed
        for (number, _), text, value in zip(data, written, values):
            if isinstance(value, str) and number not in empty:
                where = Where(path, row=number, column=_shown(layout.header[index]), letter=column_letter(index))
                located.append((number, index, Message(value, {"value": echoed(text)}, where)))
        counts[name] = values
    located.sort(key=lambda item: item[:2])
    return counts, capped([message for _, _, message in located])


# ---- checks across rows -----------------------------------------------------------------------------------


def _total_mismatch(total_row: Unit, units: list[Unit], layout: Layout) -> list[Message]:
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
