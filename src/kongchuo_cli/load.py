"""Summary tables (one row per 乡镇 or 学校) → validated integer counts per unit.

Every problem of a file is collected and raised together, each naming the file, the spreadsheet's own row
number and the column; warnings (unused columns, a 合计 row that does not add up) travel with the result.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from kongchuo_cli.columns import BY_NAME, UNIT, column_letter, match_column, normalize_header, suggest_header
from kongchuo_cli.indicators import DISABLED_PARTS
from kongchuo_cli.messages import KongchuoError, Message, Where, fail

HEADER_SEARCH_ROWS = 20  # title rows above the header are skipped, within this many rows
MAX_LISTED_PROBLEMS = 200
# Rows that sum the units. 小计 (a subtotal) is left out of the units but not compared with the whole file.
GRAND_TOTAL_LABELS = frozenset({"合计", "总计", "全县", "总数", "total", "全县合计", "全县总计"})
TOTAL_LABELS = GRAND_TOTAL_LABELS | {"小计"}
CSV_DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class Unit:
    label: str
    counts: dict[str, int]  # canonical column → count, for the columns the file has
    where: Where  # file and spreadsheet row


@dataclass
class FileTable:
    path: str
    columns: frozenset[str]  # canonical count columns present
    units: list[Unit]
    total_row: Unit | None  # the file's own 合计 row, if any
    notices: list[Message] = field(default_factory=list)


def load_files(paths: list[str]) -> list[FileTable]:
    """Read every file, then check that no unit appears twice; all problems of all files are raised together."""
    tables, problems, notices = [], [], []
    for path in paths:
        try:
            tables.append(load_file(path))
        except KongchuoError as error:
            problems.extend(error.problems)
            notices.extend(error.notices)
    problems.extend(_duplicate_units(tables))
    if problems:
        raise KongchuoError(_capped(problems), notices + [notice for table in tables for notice in table.notices])
    return tables


def _label_key(label: str) -> str:
    """A row label as compared with the total labels: "合 计：" is 合计."""
    return normalize_header(label).rstrip(":")


def load_file(path: str) -> FileTable:
    rows = read_rows(path)
    header_index = _find_header(rows, path)
    header = rows[header_index]
    mapping, label_index, notices = _map_columns(header, rows[header_index + 1:], path)
    data = []
    for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if any(_cell(row, index).strip() for index in mapping.values()):
            data.append((number, row))
        elif any(cell.strip() for cell in row):  # 填表人, 说明…: its text is not echoed (it may name a person)
            notices.append(Message("row_without_counts", {}, Where(path, row=number)))
    if not data:
        raise fail("no_data_rows", Where(path))
    counts, problems = _parse_counts(path, header, mapping, data)
    if problems:
        raise KongchuoError(problems, notices)
    units, totals = [], []
    for position, (number, row) in enumerate(data):
        label = _cell(row, label_index).strip() if label_index is not None else ""
        unit = Unit(label or f"#{number}", {name: values[position] for name, values in counts.items()},
                    Where(path, row=number))
        (totals if _label_key(label) in TOTAL_LABELS else units).append(unit)
    grand_totals = [unit for unit in totals if _label_key(unit.label) in GRAND_TOTAL_LABELS]
    total_row = grand_totals[-1] if grand_totals else None
    if not units and total_row is not None:  # a file of county totals only: that row is the data
        units, total_row = [total_row], None
    if not units:
        raise KongchuoError([Message("no_data_rows", {}, Where(path))], notices)
    if total_row is not None:
        notices.extend(_total_mismatch(total_row, units, header, mapping))
    notices.extend(_disabled_parts_mismatch(units))
    return FileTable(path, frozenset(counts), units, total_row, notices)


def read_rows(path: str) -> list[list[str]]:
    """The file's rows as text cells, decoded and split (a row's index + 1 is its spreadsheet row number)."""
    file = Path(path)
    if file.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et", ".ods"):
        raise fail("format_unsupported", Where(path), suffix=file.suffix)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise fail("file_missing", Where(path)) from None
    except OSError as error:
        raise fail("file_unreadable", Where(path), reason=error.strerror or str(error)) from None
    text = decode(data, path)
    if not text.strip():
        raise fail("file_empty", Where(path))
    delimiter = "\t" if file.suffix.lower() == ".tsv" else _sniff_delimiter(text)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def decode(data: bytes, path: str) -> str:
    """BOM (UTF-8, UTF-16) → strict UTF-8 → strict GB18030 (Excel's "CSV" on Chinese Windows); never a guess."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    candidates = [encoding for bom, encoding in boms if data.startswith(bom)][:1] or ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise fail("encoding_unknown", Where(path))


def _sniff_delimiter(text: str) -> str:
    sample = text[:4096]
    return max(CSV_DELIMITERS, key=lambda delimiter: (sample.count(delimiter), delimiter == ","))


def _cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _find_header(rows: list[list[str]], path: str) -> int:
    """The first row with a known count column: title rows above it are skipped."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(match_column(cell) not in (None, UNIT) for cell in row):
            return index
    raise fail("header_not_found", Where(path), rows=min(len(rows), HEADER_SEARCH_ROWS))


def _map_columns(header: list[str], body: list[list[str]], path: str) -> tuple[dict[str, int], int | None, list]:
    """{canonical: index} of the count columns, the label column's index, and notices of unused columns."""
    mapping: dict[str, int] = {}
    problems, notices, unknown = [], [], []
    for index, written in enumerate(header):
        name = match_column(written)
        if name is None:
            if written.strip() or any(_cell(row, index).strip() for row in body):
                unknown.append(index)
        elif name in mapping:
            first = header[mapping[name]]
            problems.append(Message("duplicate_column", {"first": first, "second": written, "name": name},
                                    Where(path, column=written, letter=column_letter(index))))
        else:
            mapping[name] = index
    if problems:
        raise KongchuoError(problems)
    label_index = mapping.pop(UNIT, None)
    if label_index is None:  # no 单位 header: the first text column labels the rows (not a 序号 column)
        texts = [index for index in unknown
                 if any(isinstance(parse_count(_cell(row, index), True), str) for row in body)]
        if texts:
            label_index = texts[0]
            unknown.remove(label_index)
    for index in unknown:
        suggestion = suggest_header(header[index])
        hint = Message("unknown_column_hint", {"suggestion": suggestion}) if suggestion else ""
        notices.append(Message("unknown_column", {"hint": hint},
                               Where(path, column=header[index].strip() or "?", letter=column_letter(index))))
    return mapping, label_index, notices


_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + digit): str(digit) for digit in range(10)},
                             "，": ",", "．": ".", "－": "-", "\u3000": " ", "\xa0": " "})
_CELL = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?")
_MAX_DIGITS = 15  # beyond this a cell is no count (and beyond a spreadsheet's precision)


def parse_count(written: str, blank_is_zero: bool = False) -> int | str:
    """A count cell as an int, or the code of what is wrong with it ("1,234", "1234.0", "１２", " 7 " are fine)."""
    if written.isdigit() and written.isascii() and len(written) <= _MAX_DIGITS:
        return int(written)  # the common case, kept fast
    text = "".join(written.translate(_FULL_WIDTH).split())
    if not text:
        return 0 if blank_is_zero else "cell_blank"
    match = _CELL.fullmatch(text)
    if match is None:
        return "cell_negative" if text.startswith("-") and text[1:2].isdigit() else "cell_not_number"
    digits, decimals = match.group(1).replace(",", ""), match.group(2) or ""
    if decimals.strip("0"):
        return "cell_fraction"
    if len(digits) > _MAX_DIGITS:
        return "cell_too_large"
    return int(digits)


def _parse_counts(path: str, header: list[str], mapping: dict[str, int], data: list[tuple[int, list[str]]]
                  ) -> tuple[dict[str, list[int]], list[Message]]:
    """Each count column as a list of ints; every bad cell becomes a Message (collected, never the first only)."""
    counts: dict[str, list[int]] = {}
    located: list[tuple[int, int, Message]] = []
    for name, index in mapping.items():
        blank_is_zero = BY_NAME[name].blank_is_zero
        cells = [_cell(row, index) for _, row in data]
        values = [int(cell) if cell.isdigit() and cell.isascii() and len(cell) <= _MAX_DIGITS
                  else parse_count(cell, blank_is_zero) for cell in cells]  # the common case inline, for speed
        for (number, row), value in zip(data, values):
            if isinstance(value, str):
                where = Where(path, row=number, column=header[index].strip(), letter=column_letter(index))
                located.append((number, index, Message(value, {"value": _cell(row, index).strip()}, where)))
        counts[name] = values
    located.sort(key=lambda item: item[:2])
    return counts, _capped([message for _, _, message in located])


def _capped(problems: list[Message]) -> list[Message]:
    if len(problems) <= MAX_LISTED_PROBLEMS:
        return problems
    extra = len(problems) - MAX_LISTED_PROBLEMS
    return problems[:MAX_LISTED_PROBLEMS] + [Message("more_errors", {"count": extra})]


def _total_mismatch(total_row: Unit, units: list[Unit], header: list[str], mapping: dict[str, int]) -> list[Message]:
    differences = []
    for name, index in mapping.items():
        summed = sum(unit.counts[name] for unit in units)
        if total_row.counts[name] != summed:
            differences.append(Message("total_mismatch_column",
                                       {"column": header[index].strip(), "written": total_row.counts[name],
                                        "summed": summed}))
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


def _duplicate_units(tables: list[FileTable]) -> list[Message]:
    seen: dict[str, Where] = {}
    problems = []
    for table in tables:
        for unit in table.units:
            if unit.label in seen:
                other = seen[unit.label]
                problems.append(Message("duplicate_unit", {"unit": unit.label, "other": other},
                                        unit.where))
            else:
                seen[unit.label] = unit.where
    return problems
