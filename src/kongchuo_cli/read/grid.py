"""Any input (CSV or TSV bytes in any of Excel's encodings, an .xlsx workbook, standard input) → a grid of text
cells whose index + 1 is the spreadsheet's own row number, and what was read, for `-v`."""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kongchuo_cli.i18n import listing
from kongchuo_cli.problems import Where, fail

STDIN = "-"
_STDIN_READ: dict[object, bytes] = {}  # the bytes of standard input, by stream
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
OLD_SPREADSHEETS = (".xls", ".et", ".ods", ".numbers")
ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip: recognised by its bytes, whatever its name
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format, and any password-protected workbook
CSV_DELIMITERS = (",", "\t", ";")
AUTO_ENCODINGS = ("utf-8", "gb18030")  # after a BOM: strict UTF-8, then Excel's "CSV" on Chinese Windows


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None  # overrides the detection
    sheet: str | None = None  # a sheet's name, or its position counted from 1
    header_row: int | None = None  # the spreadsheet row where the header starts


@dataclass
class Grid:
    name: str  # the path as given, or "-" for standard input
    rows: list[list[str]]
    encoding: str | None = None  # a text file's encoding and delimiter, or a workbook's sheet: for -v
    delimiter: str | None = None
    sheet: str | None = None
    merged_counts: tuple[tuple[int, int, int], ...] = ()  # (first row, last row, column index) of merged numbers


def read_grid(name: str, options: ReadOptions = ReadOptions()) -> Grid:
    """By the file's bytes, not its name: a zip is a workbook, an OLE container an old or encrypted one."""
    data = read_bytes(name)
    suffix = Path(name).suffix.lower()
    if data.startswith(ZIP_MAGIC) and suffix not in (".ods", ".numbers"):
        return _read_workbook(name, data, options)
    if data.startswith(OLE_MAGIC):
        raise fail("workbook_old_or_encrypted", Where(name))
    if suffix in OLD_SPREADSHEETS + EXCEL_SUFFIXES:
        raise fail("format_unsupported", Where(name), suffix=suffix)
    text, encoding = decode(data, name, options.encoding)
    if not text.strip():
        raise fail("file_empty", Where(name))
    delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:  # a quotation mark never closed: the row after the last one read opened it
        raise fail("stray_quote", Where(name, row=len(rows) + 1)) from None
    return Grid(name, rows, encoding=encoding, delimiter=delimiter)


def read_bytes(name: str) -> bytes:
    if name == STDIN:  # read once: the kind of table is told from the same bytes that are then read
        if sys.stdin.buffer not in _STDIN_READ:
            _STDIN_READ.clear()
            _STDIN_READ[sys.stdin.buffer] = sys.stdin.buffer.read()
        return _STDIN_READ[sys.stdin.buffer]
    return read_head(name)


def read_head(name: str, size: int = -1) -> bytes:
    """A file's first `size` bytes (all of them by default); a missing or unreadable file is a located problem."""
    try:
        with open(name, "rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        raise fail("file_missing", Where(name)) from None
    except IsADirectoryError:
        raise fail("file_is_folder", Where(name)) from None
    except OSError as error:
        raise fail("file_unreadable", Where(name), reason=error.strerror or str(error)) from None


def decode(data: bytes, name: str, encoding: str | None = None, partial: bool = False) -> tuple[str, str]:
    """(text, encoding): a BOM, else strict UTF-8, else strict GB18030; never a silent guess. A `partial` text (the
    head of a file) may end inside a character: that character is left out rather than called an error."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise fail("encoding_not_known", Where(name), encoding=encoding) from None
        if codecs.lookup(encoding).name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"  # Excel's "CSV UTF-8" starts with a BOM, which is not part of the header
        try:
            return _decoded(data, encoding, partial), encoding
        except UnicodeDecodeError as error:
            raise fail("encoding_wrong", Where(name), encoding=encoding, position=error.start) from None
    for bom, bom_encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                              (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _decoded(data, bom_encoding, partial), bom_encoding
            except UnicodeDecodeError as error:
                raise fail("encoding_wrong", Where(name), encoding=bom_encoding, position=error.start) from None
    for candidate in AUTO_ENCODINGS:
        try:
            return _decoded(data, candidate, partial), candidate
        except UnicodeDecodeError:
            continue
    raise fail("encoding_unknown", Where(name))


def _decoded(data: bytes, encoding: str, partial: bool) -> str:
    if not partial:
        return data.decode(encoding)
    return codecs.getincrementaldecoder(encoding)(errors="strict").decode(data, final=False)


def sniff_delimiter(text: str) -> str:
    """The delimiter most of the first lines agree on (Excel writes the same count on every line); comma on a tie."""
    lines = [line for line in text[:8192].splitlines() if line.strip()][:20]

    def score(delimiter: str) -> tuple[int, int, bool]:
        common, agreeing = Counter(line.count(delimiter) for line in lines).most_common(1)[0]
        return (agreeing if common else 0), common, delimiter == ","

    return max(CSV_DELIMITERS, key=score)


def _read_workbook(name: str, data: bytes, options: ReadOptions) -> Grid:
    """The chosen sheet's cells as text: formulas as their saved values, merged text cells filled from their
    corner. A merged *count* stays in its first row only (copied down it would be counted once per row) and is
    reported; a formula that was never calculated and saved is refused rather than read as empty."""
    from openpyxl import (
        load_workbook,  # imported here: it costs ~0.1 s and only workbooks need it
    )

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl, zipfile, zlib and XML parsers all raise their own
        raise fail("workbook_unreadable", Where(name), reason=type(error).__name__) from None
    sheet = _choose_sheet(workbook, name, options.sheet)
    rows = [[_cell_text(value) for value in row]
            for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column, values_only=True)]
    merged_counts = []
    for merged in sheet.merged_cells.ranges:
        corner = rows[merged.min_row - 1][merged.min_col - 1]
        if corner and corner.replace(",", "").replace(".", "", 1).isdigit():
            if merged.max_row > merged.min_row:
                merged_counts.append((merged.min_row, merged.max_row, merged.min_col - 1))
            continue
        for row in range(merged.min_row - 1, merged.max_row):
            for column in range(merged.min_col - 1, merged.max_col):
                rows[row][column] = corner
    if _has_formulas(data):
        _refuse_unsaved_formulas(name, data, sheet.title, rows)
    return Grid(name, rows, sheet=sheet.title, merged_counts=tuple(merged_counts))


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula (the zip is compressed, so look inside it)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(b"<f" in archive.read(item) for item in archive.namelist()
                   if item.startswith("xl/worksheets/") and item.endswith(".xml"))


def _refuse_unsaved_formulas(name: str, data: bytes, title: str, rows: list[list[str]]) -> None:
    """Formulas with no saved value (a file written by a program, never opened in Excel or WPS) read as empty."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    formulas = load_workbook(io.BytesIO(data))[title]
    unsaved = [f"{get_column_letter(column)}{row}"
               for row, values in enumerate(formulas.iter_rows(values_only=True), start=1)
               for column, value in enumerate(values, start=1)
               if isinstance(value, str) and value.startswith("=") and not rows[row - 1][column - 1]]
    if unsaved:
        raise fail("workbook_unsaved_formulas", Where(name), cells=listing(unsaved, 5))


def _choose_sheet(workbook, name: str, wanted: str | None):
    """--sheet by name or position; by default the first visible worksheet (not a hidden one, not a chart)."""
    from openpyxl.worksheet.worksheet import Worksheet

    titles = workbook.sheetnames
    if wanted is None:
        for title in titles:
            sheet = workbook[title]
            if isinstance(sheet, Worksheet) and sheet.sheet_state == "visible":
                return sheet
        raise fail("sheet_none", Where(name))
    if wanted in titles:
        chosen = workbook[wanted]
    elif wanted.isdigit() and 1 <= int(wanted) <= len(titles):
        chosen = workbook[titles[int(wanted) - 1]]
    else:
        raise fail("sheet_missing", Where(name), sheet=wanted, sheets=listing(titles))
    if not isinstance(chosen, Worksheet):
        raise fail("sheet_not_table", Where(name), sheet=chosen.title)
    return chosen


def _cell_text(value: object) -> str:
    """A workbook value as the text a CSV export would hold (whole floats without ".0")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")  # a count typed into a date-formatted cell: reported as a date
    return str(value)
