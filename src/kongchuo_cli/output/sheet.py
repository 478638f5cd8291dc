"""A workbook as the views describe it, for output/xlsx.py to render (views never touch openpyxl): each sheet a
title block, one table (header rows, printed again on every page; body rows with their number formats and looks),
notes below it, bar charts, and how it prints. And the sheet every command shares: a report's records (明细)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from kongchuo_cli.i18n import term
from kongchuo_cli.output.report import STATUS_LABELS, YES_NO, Report


@dataclass(frozen=True)
class Look:
    """How a cell looks; every cell is in the sheet's named font."""

    bold: bool = False
    status: str | None = None  # pass, warn, fail: filled as Excel's Good, Neutral, Bad
    number_format: str | None = None  # "0.0%", "#,##0"; text and None as they are
    colour: str | None = None  # the font's colour (RGB), a loss in red
    indent: int = 0
    wrap: bool = False
    centre: bool = False
    shade: bool = False  # the header's grey: a heading row inside the table


PLAIN = Look()
HEADING = Look(bold=True, wrap=True, centre=True)
COUNT = Look(number_format="#,##0")


@dataclass(slots=True)  # not frozen: a frozen dataclass is made three times slower, and a sheet has 500,000 cells
class Cell:
    value: object  # str, int, float (a percent as a fraction of 1), or None
    look: Look = PLAIN
    across: int = 1  # merged with the cells to its right (a header over two columns)
    down: int = 1  # merged with the cells below it (a header over both header rows)


@dataclass(frozen=True)
class Chart:
    """Bars of one table column over some of its body rows (the units), with the line drawn across them."""

    title: str
    column: int  # the table column of the values, from 0
    rows: tuple[int, ...]  # body rows charted, from 0, in the order shown (not consecutive: copied beside the table)
    line: float | None = None  # the standard, in the values' terms (0.96 for 96 %)
    line_name: str = ""
    failing: tuple[int, ...] = ()  # positions among `rows` whose bars are drawn red
    percent: bool = True


@dataclass
class Sheet:
    name: str
    title: str = ""
    lines: list[str] = field(default_factory=list)  # under the title: what, which standard, when; the units
    header: list[list[Cell | None]] = field(default_factory=list)  # None: covered by a merged cell
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # below the table, each across its width
    charts: list[Chart] = field(default_factory=list)
    widths: list[float] | None = None  # in characters; None: from the cells
    frozen: int = 1  # columns kept in view when scrolling right (the unit)
    filter: bool = False  # an autofilter on the (one-row) header
    one_page: bool = False  # the whole sheet on one page; else one page wide, as many tall as needed
    landscape: bool = True  # a narrow table prints upright


def signatures(lang: str, *codes: str) -> str:
    """The line a form is signed on: 填表人：　　　审核人：　　　联系电话："""
    gap = "　" * 8 if lang == "zh" else " " * 16
    return gap.join(term(code).render(lang) for code in codes)


SHEET_NAME_LENGTH = 31  # Excel's limit
_NOT_IN_NAMES = str.maketrans({character: "_" for character in "[]:*?/\\"})


def sheet_names(wanted: list[str]) -> list[str]:
    """Legal, distinct sheet names (a township named 城关镇/东区 gets 城关镇_东区)."""
    names: list[str] = []
    for name in wanted:
        name = name.translate(_NOT_IN_NAMES).strip("'")[:SHEET_NAME_LENGTH] or "—"
        while name in names:
            name = name[:SHEET_NAME_LENGTH - 3] + f"_{len(names)}"
        names.append(name)
    return names


def made_on(lang: str, today: datetime.date | None = None) -> str:
    """制表日期：2026年5月4日 / Made on 2026-05-04."""
    today = today or datetime.date.today()
    day = f"{today.year}年{today.month}月{today.day}日" if lang == "zh" else today.isoformat()
    return f"{term('book_made_on').render(lang)}{day}"


def percent_cell(shown: str | None, look: Look = PLAIN) -> Cell:
    """A rate as a percent cell at the precision shown ("93.3%" → 0.933 formatted 0.0%): the number the terminal
    and the published tables show, not a float that Excel would round its own way."""
    if shown is None:
        return Cell(None, look)
    digits = shown.rstrip("%")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Cell(float(Decimal(digits) / 100), _percent_look(look, decimals))


@functools.lru_cache(maxsize=64)
def _percent_look(look: Look, decimals: int) -> Look:
    """The look as a percent with so many decimals (one for the thousands of cells that share it)."""
    return replace(look, number_format="0" + ("." + "0" * decimals if decimals else "") + "%")


def rule_shown(text: str | None) -> str:
    """A line as print shows it: ≥ 96%, ≤ 1%, = 0."""
    if text is None:
        return "—"
    for written, printed in ((">=", "≥ "), ("<=", "≤ "), ("==", "= ")):
        if text.startswith(written):
            return printed + text[len(written):].strip()
    return text


def records_sheet(report: Report, lang: str, records: Iterable[dict] | None = None) -> Sheet:
    """明细 / Records: the report's records (or these, taken once) under their headers, numbers as numbers, percents
    as percent cells, statuses in words and colour, totals bold; in Chinese without the keys that hold codes for
    programs."""
    keys = [key for key in report.fields if not (lang == "zh" and key in report.codes)]
    headers = [key if lang == "en" else report.fields[key].replace("(%)", "") for key in keys]
    kinds = [(key, "percent" if key in report.percents else "status" if key == "status" else
              ("count" if key not in report.plain else "number") if key in report.numeric else "text")
             for key in keys]
    # the few looks of the sheet, made once and shared by its cells (a Look per cell took longer than writing it)
    looks = {(bold, kind): Look(bold=bold, number_format={"percent": "0.00%", "count": "#,##0"}.get(kind))
             for bold in (False, True) for kind in ("percent", "count", "number", "text")}
    marked = {(bold, status): Look(bold=bold, status=status) for bold in (False, True) for status in STATUS_LABELS}
    words = {status: label.render(lang) for status, label in STATUS_LABELS.items()}
    # and a cell shared by the cells that are alike (never changed once made): a province's 240,000 records
    # hold 2.9 million cells in a few hundred thousand ways
    made: dict[tuple, Cell] = {}
    rows = []
    for fields in report.each() if records is None else records:
        bold = bool(fields.get("is_total"))
        row = []
        for key, kind in kinds:
            value = fields[key]
            if kind == "percent" and value is not None:
                value, look = float(Decimal(value) / 100), looks[bold, kind]
            elif kind == "status" and value is not None:
                value, look = words[value], marked[bold, value]
            elif isinstance(value, bool):
                value, look = YES_NO[value] if lang == "zh" else str(value).lower(), looks[bold, "text"]
            elif isinstance(value, int) and kind in ("count", "number"):
                look = looks[bold, kind]
            else:
                look = looks[bold, "text"]
            alike = (value.__class__, value, id(look))
            cell = made.get(alike)
            if cell is None:
                if len(made) >= SHARED_CELLS:
                    made.clear()
                cell = made[alike] = Cell(value, look)
            row.append(cell)
        rows.append(row)
    return Sheet(term("book_records").render(lang), header=[[Cell(text, HEADING) for text in headers]], rows=rows,
                 filter=True)


SHARED_CELLS = 200_000  # distinct cells remembered while the records are made


def heading_row(text: str, columns: int) -> list[Cell | None]:
    """A row inside a table that heads the rows below it (an indicator, a school), across the table."""
    return [Cell(text, Look(bold=True, shade=True), across=columns), *([None] * (columns - 1))]
