"""A plan's quotas: how many children each unit is to bring back, from `kongchuo plan -o` output (a table in any
format kongchuo writes, or its JSON) or any table of unit + quota (a county's 认领 table).

A plan of several indicators gives each unit a share per indicator; a child back at school counts for all of them,
so a unit's quota is its largest share (said once)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from kongchuo_cli.i18n import term
from kongchuo_cli.problems import KongchuoError, Message, Where, fail
from kongchuo_cli.read.cells import echoed, parse_count
from kongchuo_cli.read.grid import WORKBOOK_SUFFIXES, ReadOptions, read_bytes, read_grid, worksheets
from kongchuo_cli.read.headers import cell, find_header
from kongchuo_cli.read.vocabulary import NO, QUOTA_COLUMNS, QUOTA_UNITS, column_letter, total_kind


@dataclass
class Quotas:
    by_unit: dict[str, int]  # unit → children to bring back
    notices: list[Message] = field(default_factory=list)


def read_quotas(path: str, options: ReadOptions = ReadOptions()) -> Quotas:
    """Each unit's quota; total rows are left out; a quota that is no count is an error naming its cell."""
    if Path(path).suffix.lower() == ".json":
        return _from_json(path)
    grid = read_grid(path, _records_sheet(path, options))
    header = find_header(grid.rows, _fit, lambda name: QUOTA_COLUMNS.match(name) is not None, options.header_row)
    if header is None:
        raise fail("plan_file_no_header", Where(path))
    columns: dict[str, int] = {}
    for position, text in enumerate(header.cells):
        columns.setdefault(QUOTA_COLUMNS.match(text) or "", position)
    unit = columns[next(name for name in QUOTA_UNITS if name in columns)]
    shares: dict[str, dict[str, int]] = {}  # indicator → unit → share
    problems = []
    for number, row in enumerate(grid.rows[header.last_row:], start=header.last_row + 1):
        label = cell(row, unit).strip()
        filled = [text.strip() for text in row if text.strip()]
        if len(filled) > 1 and len(set(filled)) == 1:
            continue  # one text merged across the table: an indicator's heading or a note under it
        total = "is_total" in columns and cell(row, columns["is_total"]).strip().lower() not in NO
        if not label or total or total_kind(label):
            continue
        written = cell(row, columns["quota"])
        quota = parse_count(written, blank_is_zero=True)
        if isinstance(quota, str):
            problems.append(Message(quota, {"value": echoed(written)}, Where(
                path, number, header.cells[columns["quota"]].strip(), column_letter(columns["quota"]))))
            continue
        indicator = cell(row, columns["indicator"]).strip() if "indicator" in columns else ""
        shares.setdefault(indicator, {})[label] = quota
    if problems:
        raise KongchuoError(problems)
    return _largest(shares, path)


def _records_sheet(path: str, options: ReadOptions) -> ReadOptions:
    """A workbook `kongchuo plan -o` wrote is read from its records (明细: a row per unit and indicator), not from the
    summary laid out to print; any other table as the options say."""
    if options.sheet is not None or not path.lower().endswith(WORKBOOK_SUFFIXES):
        return options
    try:
        titles = worksheets(path)
    except KongchuoError:
        return options  # not a workbook after all: read_grid says so
    records = [title for title in titles if title in (term("book_records").zh, term("book_records").en)]
    return replace(options, sheet=records[0]) if records else options


def _fit(cells: list[str]) -> int | None:
    """A plan's header names its units and their quotas."""
    names = {QUOTA_COLUMNS.match(text) for text in cells}
    if "quota" not in names or names.isdisjoint(QUOTA_UNITS):
        return None
    return len(names - {None})


def _from_json(path: str) -> Quotas:
    """`kongchuo plan -f json`: {"plan": [{"unit", "is_total", "indicator", "share", …}, …]}."""
    try:
        records = json.loads(read_bytes(path).decode("utf-8-sig"))["plan"]
        shares: dict[str, dict[str, int]] = {}
        for record in records:
            if not record["is_total"]:
                shares.setdefault(record["indicator"], {})[record["unit"]] = int(record["share"])
    except (ValueError, KeyError, TypeError):
        raise fail("plan_file_json", Where(path)) from None
    return _largest(shares, path)


def _largest(shares: dict[str, dict[str, int]], path: str) -> Quotas:
    units = list(dict.fromkeys(unit for by_unit in shares.values() for unit in by_unit))
    if not units:
        raise fail("plan_file_empty", Where(path))
    quotas = {unit: max(by_unit.get(unit, 0) for by_unit in shares.values()) for unit in units}
    said = [Message("plan_file_largest", {"count": len(shares)}, Where(path))] if len(shares) > 1 else []
    return Quotas(quotas, said)
