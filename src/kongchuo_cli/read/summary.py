"""Summary tables (one row per 乡镇 or 学校) → validated integer counts per unit.

Every problem of a file is collected and raised together, each naming the file, the spreadsheet's own row
number and the column; warnings (unused columns, a 合计 row that does not add up, skipped note rows) travel
with the result. Rows are classified, never guessed away: only rows *below* the table with no count at all are
notes; a named row with empty counts inside the table is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from kongchuo_cli.i18n import listing
from kongchuo_cli.model import CountsTable, Grouping, Reading, RowCounts, Unit
from kongchuo_cli.problems import KongchuoError, Message, Where, capped, fail
from kongchuo_cli.read.cells import MAX_DIGITS, echoed, parse_count
from kongchuo_cli.read.grid import Grid, ReadOptions, read_grid, refuse_unsaved
from kongchuo_cli.read.headers import (
    HEADER_SEARCH_ROWS,
    MAX_HEADER_ROWS,
    Header,
    cell,
    find_header,
    looks_personal,
    title_above,
)
from kongchuo_cli.read.vocabulary import (
    BY_NAME,
    NOT_DATA,
    QUALIFIER,
    SCOPED_PARTS,
    SUMMARY_COLUMNS,
    SUMS,
    UNIT,
    clean_name,
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
    columns: dict[int, str]  # index → canonical name of every count column (a summed name may have several)
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
    body, uncomputed = _without_unsaved_totals(grid, body, path)
    notices.extend(uncomputed)
    data, totals, skipped = _classify(body, layout, path)
    notices.extend(Message("row_without_counts", {}, Where(path, row=number)) for number in skipped)
    _check_quotes(data, grid, path)
    _check_merged_counts(grid, layout, {number for number, _ in data}, path)
    shifted = _extra_cells(data, layout, path)
    if shifted:  # unless the header found is too high, and the real one is among the rows
        raise KongchuoError(_header_among_the_data(capped(shifted), data, layout, path), notices)
    counts, problems, filled = _parse_counts(path, layout, data)
    if problems:
        raise KongchuoError(_header_among_the_data(problems, data, layout, path), notices)
    notices.extend(filled)
    units, subtotals_and_totals = [], []
    own = [layout.label] if layout.label is not None else []
    names = _cleaned(data, [*layout.coarser, *layout.texts, *own])
    group_keys = [(normalize_header(layout.header[index]), names[index])
                  for index in [*layout.coarser, *layout.texts, *own]]
    label_key = normalize_header(layout.header[layout.label]) if layout.label is not None else None
    labels = names[layout.label] if layout.label is not None else [""] * len(data)
    parents = [names[index] for index in reversed(layout.coarser)]
    positions = {column: position for position, column in enumerate(counts)}  # shared by the units' RowCounts
    for position, ((number, _), values) in enumerate(zip(data, zip(*counts.values()))):
        kind, total_text = totals.get(number, (None, ""))
        unit = Unit(total_text or _label(labels[position], [parent[position] for parent in parents], number),
                    RowCounts(positions, values), Where(path, row=number),
                    {key: column[position] for key, column in group_keys}, label_key)
        (subtotals_and_totals if kind else units).append(unit)
    grand = [unit for unit in subtotals_and_totals if totals[unit.where.row][0] == "grand"]
    total_row = grand[-1] if grand else None
    if not units and total_row is not None:  # a file of county totals only: that row is the data
        units, grand, total_row = [total_row], grand[:-1], None
    if not units:
        raise KongchuoError([Message("no_data_rows", {}, Where(path))], notices)
    for each in grand:  # every 合计/总计 row (two that disagree cannot both be right)
        notices.extend(_total_mismatch(each, units, layout))
    notices.extend(_sums_mismatch(units))
    group_columns = [*layout.coarser, *layout.texts]
    grouping = Grouping(label_key, tuple(normalize_header(layout.header[index]) for index in group_columns),
                        tuple(_shown(layout.header[index]) for index in group_columns))
    reading = Reading(grid.encoding, grid.delimiter, grid.sheet, layout.header_rows, len(subtotals_and_totals),
                      len(skipped), title_above(rows, layout.header_rows[0]))
    return CountsTable(path, frozenset(counts), units, total_row, notices, grouping, reading)


def _shown(header: str) -> str:
    """A header as messages show it: on one line."""
    return " ".join(header.split())


# ---- the header -------------------------------------------------------------------------------------------


def _known(cells: list[str]) -> int | None:
    """How many count columns a candidate header names (None: none, so it is not the header)."""
    return sum(SUMMARY_COLUMNS.match(text) not in (None, UNIT) for text in cells) or None


def find_summary_header(rows: list[list[str]], header_row: int | None = None) -> Header | None:
    return find_header(rows, _known, lambda name: SUMMARY_COLUMNS.match(name) is not None, header_row)


def _layout(rows: list[list[str]], path: str, header_row: int | None) -> tuple[Layout, list[Message]]:
    """The header: one row, or two or three joined when that recognises more columns; and the columns' roles."""
    if not rows or not any(text.strip() for row in rows for text in row):
        raise fail("file_empty", Where(path))
    if header_row is not None and not 1 <= header_row <= len(rows):
        raise fail("header_row_outside", Where(path), row=header_row, rows=len(rows))
    header = find_summary_header(rows, header_row)
    if header is None and header_row is not None:  # the row given: its columns are judged as they are
        if looks_personal(rows[header_row - 1]):  # never a child's row as a header: its cells would be quoted
            raise fail("header_row_personal", Where(path, row=header_row))
        header = Header(rows[header_row - 1], (header_row,))
    if header is None:
        raise fail("header_not_found", Where(path), rows=min(len(rows), HEADER_SEARCH_ROWS))
    return _roles(header.cells, header.rows, rows[header.last_row:], path)


def _roles(header: list[str], header_rows: tuple[int, ...], body: list[list[str]], path: str
           ) -> tuple[Layout, list[Message]]:
    columns: dict[int, str] = {}
    units: list[int] = []
    problems, unknown = [], []
    for index, written in enumerate(header):
        name = SUMMARY_COLUMNS.match(written)
        if name == UNIT:
            units.append(index)
        elif name is None:
            if written.strip() or any(cell(row, index).strip() for row in body):
                unknown.append(index)
        elif name in columns.values() and not BY_NAME[name].summed:
            first = _shown(header[next(each for each, known in columns.items() if known == name)])
            problems.append(Message("duplicate_column", {"first": first, "second": _shown(written), "name": name},
                                    Where(path, column=_shown(written), letter=column_letter(index))))
        else:
            columns[index] = name
    if not problems:
        problems = _scoped_parts(columns, header, path)
    if problems:
        raise KongchuoError(problems)
    if not columns:
        raise fail("header_no_counts", Where(path, row=header_rows[0]))
    units.sort(key=lambda index: place_level(header[index]))
    label, coarser = (units[0], units[1:]) if units else (None, [])
    texts = [index for index in unknown if any(_is_text(cell(row, index)) for row in body)]
    if label is None and texts:  # no 单位 header: the first text column labels the rows (not a 序号 column)
        label = texts.pop(0)
    notices = []
    named = [index for index in unknown if normalize_header(header[index]) not in NOT_DATA]  # 序号, 备注… go unsaid
    for index in named[:MAX_NAMED_COLUMNS]:  # a file of 100,000 columns: the first ones named, the rest counted
        suggestion = SUMMARY_COLUMNS.suggest(header[index])
        if (index == label or index in texts) and not suggestion:
            continue  # a text column (城乡…), kept for --by
        hint = Message("unknown_column_hint", {"suggestion": suggestion}) if suggestion else ""
        notices.append(Message("unknown_column", {"hint": hint},
                               Where(path, column=_shown(header[index]) or "?", letter=column_letter(index))))
    if len(named) > MAX_NAMED_COLUMNS:
        notices.append(Message("unknown_columns_more", {"count": len(named) - MAX_NAMED_COLUMNS}, Where(path)))
    return Layout(header, header_rows, columns, label, coarser, texts), notices


def _scoped_parts(columns: dict[int, str], header: list[str], path: str) -> list[Message]:
    """A disabled children's part written without 三类 (随班就读人数…) belongs to the scope the file has: 三类, or
    every kind of disability. With both scopes in the file it could be either: a problem naming the column."""
    names = set(columns.values())
    three = bool(names & {"disabled_children", "disabled_enrolled"})
    every = bool(names & {"disabled_all_children", "disabled_all_enrolled"})
    problems = []
    for index, name in columns.items():
        if name not in SCOPED_PARTS or normalize_header(header[index]).startswith("三类"):
            continue
        if three and every:
            problems.append(Message("disabled_part_unscoped", {"header": _shown(header[index])},
                                    Where(path, column=_shown(header[index]), letter=column_letter(index))))
        elif every:
            columns[index] = SCOPED_PARTS[name]
    return problems


MAX_NAMED_COLUMNS = 20  # unrecognised columns named one by one (with a suggestion each)


def _extra_cells(data: list[tuple[int, list[str]]], layout: Layout, path: str) -> list[Message]:
    """A row with filled cells beyond the header's last column has shifted (a cell holding a comma, a column
    missing from the header): its counts would be read from the wrong columns — a 20,000 % rate judged pass."""
    width = len(layout.header)
    filled = ((number, sum(1 for text in row[width:] if text.strip())) for number, row in data if len(row) > width)
    return [Message("row_extra_cells", {"count": count, "columns": width}, Where(path, row=number))
            for number, count in filled if count]


def _header_among_the_data(problems: list[Message], data: list[tuple[int, list[str]]], layout: Layout,
                           path: str) -> list[Message]:
    """When a row below the header found has text where most counts should be, that row is likely the real
    header (a form whose header starts lower): one message naming it, not one per cell."""
    for number, row in data[:MAX_HEADER_ROWS]:
        words = [index for index in layout.columns if parse_count(cell(row, index)) == "cell_not_number"]
        if len(words) * 2 > len(layout.columns) and _known(row):
            return [Message("header_below", {"row": number}, Where(path, row=number))]
    return problems


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
    count_indexes = set(layout.columns)

    def has_count(row: list[str]) -> bool:
        return any(isinstance(parse_count(cell(row, index)), int) for index in count_indexes)

    last = next((position for position in range(len(body) - 1, -1, -1) if has_count(body[position][1])), -1)
    data, totals = body[:last + 1], {}
    if data and _is_column_numbers(data[0][1], layout):  # 栏次: 甲, 1, 2, 3… under the header of official forms
        data = data[1:]
    # where a row's label can be: its label columns, or left of the counts (a 合计 merged across 序号 and 乡镇);
    # never a remark at the right (备注: 含教学点小计)
    label_columns = {index for index in (layout.label, *layout.coarser) if index is not None}
    first_count = min(count_indexes)
    candidates = sorted(label_columns | set(range(first_count)))
    for number, row in data:
        labelled = [(kind, row[index].strip()) for index in candidates
                    if index < len(row) and (kind := total_kind(row[index]))]
        if labelled:
            totals[number] = min(labelled)  # "grand" before "sub"
    return data, totals, [number for number, _ in body[last + 1:]]


COLUMN_NUMBER_LABELS = ("", "甲", "乙", "丙", "栏次", "栏目", "栏号")


def _is_column_numbers(row: list[str], layout: Layout) -> bool:
    """The row of official report forms that numbers the columns: counts 1, 2, 3… in column order, under a label
    such as 甲 or 栏次 (a unit whose counts happen to be 1, 2 is a unit)."""
    values = [cell(row, index).strip() for index in sorted(layout.columns)]
    label = cell(row, layout.label).strip() if layout.label is not None else ""
    return (values == [str(number) for number in range(1, len(values) + 1)] and len(values) > 1
            and (label in COLUMN_NUMBER_LABELS or label.isdigit()))


def _label(own: str, parents: list[str], number: int) -> str:
    """A unit's name: its own (cleaned) under the coarser units' (甲镇/中心小学), or its row number."""
    return QUALIFIER.join([*(parent for parent in parents if parent and parent != own), own or f"#{number}"])


def _cleaned(data: list[tuple[int, list[str]]], indexes: list[int]) -> dict[int, list[str]]:
    """Each text column's cells as names are compared (clean_name), each distinct text cleaned once (a township's
    name repeats down a sheet of its schools)."""
    columns = {}
    for index in dict.fromkeys(indexes):
        known: dict[str, str] = {}
        column = []
        for _, row in data:
            text = cell(row, index)
            name = known.get(text)
            if name is None:
                name = known[text] = clean_name(text)
            column.append(name)
        columns[index] = column
    return columns


def _without_unsaved_totals(grid: Grid, body: list[tuple[int, list[str]]], path: str
                            ) -> tuple[list[tuple[int, list[str]]], list[Message]]:
    """A workbook whose 合计 row holds formulas never calculated and saved: kongchuo makes its own total, and says
    it could not compare it with the file's (that row is left out). A unit's unsaved formula stays an error."""
    if not grid.unsaved:
        return body, []
    unsaved_rows = {row for row, _ in grid.unsaved}
    totals = {number for number, row in body if number in unsaved_rows and any(total_kind(text) for text in row)}
    refuse_unsaved(grid, totals)
    notices = [Message("total_unsaved", {}, Where(path, row=number)) for number in sorted(totals)]
    return [(number, row) for number, row in body if number not in totals], notices


def _check_merged_counts(grid: Grid, layout: Layout, data_rows: set[int], path: str) -> None:
    """A count merged down several rows would be counted once for each: refuse it."""
    problems = [Message("merged_count", {"first": first, "last": last},
                        Where(path, row=first, column=_shown(layout.header[column]), letter=column_letter(column)))
                for first, last, column in grid.merged_counts
                if column in layout.columns and first in data_rows]
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
                  ) -> tuple[dict[str, list[int]], list[Message], list[Message]]:
    """(each count column as a list of ints, the problems, the notices): every bad cell becomes a Message
    (collected, never the first only); columns of one summed name are added; a blank total whose parts are all
    given takes their sum (said in a notice) rather than being an error."""
    parsed: dict[int, list[int | str]] = {}
    located: list[tuple[int, int, Message]] = []
    rows = [row for _, row in data]
    whole = all(len(row) > max(layout.columns, default=0) for row in rows)
    unclean = []  # columns with a cell that is not plain digits: only they can hold a problem
    for index, name in layout.columns.items():
        texts = list(map(itemgetter(index), rows)) if whole else [cell(row, index) for row in rows]
        joined = "".join(texts)
        if all(texts) and joined.isdigit() and joined.isascii() and max(map(len, texts), default=0) <= MAX_DIGITS:
            ints = {text: int(text) for text in set(texts)}  # each count once: a column holds few distinct ones
            parsed[index] = list(map(ints.__getitem__, texts))  # at C speed: 100,000 rows in milliseconds
            continue
        unclean.append(index)
        blank_is_zero = BY_NAME[name].blank_is_zero
        parsed[index] = [int(text) if text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS
                         else parse_count(text, blank_is_zero) for text in texts]
    empty = {number for number, row in data if not any(cell(row, index).strip() for index in layout.columns)
             } if unclean else set()
    located.extend((number, -1, Message("row_all_blank", {}, Where(path, row=number))) for number in empty)
    counts, filled = _sum_columns(parsed, layout, data, path)
    for index in unclean:
        values = parsed[index]
        for (number, row), value in zip(data, values):
            if isinstance(value, str) and number not in empty:
                where = Where(path, row=number, column=_shown(layout.header[index]), letter=column_letter(index))
                located.append((number, index, Message(value, {"value": echoed(cell(row, index))}, where)))
    located.sort(key=lambda item: item[:2])
    return counts, capped([message for _, _, message in located]), filled


def _sum_columns(parsed: dict[int, list[int | str]], layout: Layout, data: list[tuple[int, list[str]]], path: str
                 ) -> tuple[dict[str, list[int]], list[Message]]:
    """The columns by name (summed ones added), and a blank total filled from its parts where they are all given:
    parsed is updated in place so that a filled cell is no longer a problem."""
    by_name: dict[str, list[int]] = {}
    for index, name in layout.columns.items():
        by_name.setdefault(name, []).append(index)
    filled = []
    for total, (required, optional) in SUMS.items():
        if total not in by_name or not all(part in by_name for part in required):
            continue
        (index,) = by_name[total]
        parts = [column for part in (*required, *optional) for column in by_name.get(part, ())]
        for position, (number, _) in enumerate(data):
            values = [parsed[column][position] for column in parts]
            if parsed[index][position] == "cell_blank" and all(isinstance(value, int) for value in values):
                parsed[index][position] = sum(values)
                filled.append(Message("total_from_parts", {"column": _shown(layout.header[index]),
                                                           "value": sum(values)},
                                      Where(path, row=number, column=_shown(layout.header[index]),
                                            letter=column_letter(index))))
    counts = {name: parsed[indexes[0]] if len(indexes) == 1 and set(map(type, parsed[indexes[0]])) == {int}
              else [sum(value for value in values if isinstance(value, int))
                    for values in zip(*(parsed[index] for index in indexes))]
              for name, indexes in by_name.items()}  # a name of one clean column: that column as it is
    return counts, filled


# ---- checks across rows -----------------------------------------------------------------------------------


def _total_mismatch(total_row: Unit, units: list[Unit], layout: Layout) -> list[Message]:
    differences = []
    for name, index in {name: index for index, name in reversed(layout.columns.items())}.items():
        summed = sum(unit.counts[name] for unit in units)
        if total_row.counts[name] != summed:
            differences.append(Message("total_mismatch_column", {"column": _shown(layout.header[index]),
                                                                 "written": total_row.counts[name], "summed": summed}))
    if not differences:
        return []
    return [Message("total_mismatch", {"label": total_row.label, "columns": tuple(differences)}, total_row.where)]


def _sums_mismatch(units: list[Unit]) -> list[Message]:
    """Where a total and all of its parts are given (入学数 and its 随班就读, 特教学校, 送教上门…), they should agree;
    the total is used."""
    notices = []
    for unit in units:
        for total, (required, optional) in SUMS.items():
            if total in unit.counts and all(part in unit.counts for part in required):
                given = [part for part in (*required, *optional) if part in unit.counts]
                parts = sum(unit.counts[part] for part in given)
                if parts != unit.counts[total]:
                    names = listing(BY_NAME[part].headers[0] for part in given)
                    notices.append(Message("parts_mismatch", {"names": names, "parts": parts,
                                                              "total": unit.counts[total],
                                                              "column": BY_NAME[total].headers[0]}, unit.where))
    return notices
