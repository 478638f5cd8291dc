"""A workbook (.xlsx, .xlsm, .xls, .ods) → the chosen sheet's cells as text, read by calamine (a Rust reader: fast,
and it reads the old binary .xls and LibreOffice's .ods as well as .xlsx).

Formulas read as the values Excel or WPS saved with them. A formula that was never calculated and saved (a file
written by a program, never opened in Excel) has no value: its cells are listed in `Grid.unsaved`, and each reader
decides (a 合计 row's can be recomputed; a unit's cannot). Before anything is unpacked, the sizes are checked: a
workbook that would unpack to gigabytes, or declares a sheet of billions of cells, is refused rather than read.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree

from kongchuo_cli.i18n import listing
from kongchuo_cli.problems import Where, fail
from kongchuo_cli.read.cells import MAX_CELLS

MAX_UNPACKED = 2_000_000_000  # bytes a workbook may unpack to (a sheet of a million rows is about 500 MB)
MAX_RATIO = 200  # and at most this many times its packed size, for a part above MAX_RATIO_FROM bytes
MAX_RATIO_FROM = 50_000_000
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # no spreadsheet program writes a cell beyond


def read_workbook(name: str, data: bytes, wanted: str | None, zipped: bool):
    """(rows, sheet title, merged cells ((first row, last row, first column, last column), 1-based rows and
    0-based columns), unsaved formula cells ((row, column index))). `zipped`: .xlsx/.xlsm/.ods; else .xls."""
    from python_calamine import (
        CalamineWorkbook,  # imported here: only workbooks need it
    )

    if zipped:
        _check_unpacked_size(name, data)
    xml, unsaved, scan = b"", [], None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        title = _choose_sheet(book, name, wanted)
        if zipped and data[:2] == b"PK":
            xml = _sheet_xml(data, title)
            _check_extent(name, xml, title)
            # formulas without values looked for while calamine parses, which leaves the interpreter free
            scan = threading.Thread(target=_scanned, args=(xml, unsaved), name="kongchuo-formulas")
            scan.start()
        sheet = book.get_sheet_by_name(title)
        if sheet.height * sheet.width > MAX_CELLS:
            raise fail("sheet_too_large", Where(name), sheet=title, rows=sheet.height, columns=sheet.width)
        values = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except Exception as error:  # noqa: BLE001 - calamine raises its own errors for damaged or encrypted files
        if getattr(error, "problems", None):
            raise
        code = "workbook_unreadable" if zipped else "workbook_old_or_encrypted"
        raise fail(code, Where(name), reason=type(error).__name__) from None
    finally:
        if scan is not None:
            scan.join()
    rows = _texts(values)
    ranges = [(top + 1, bottom + 1, left, right) for (top, left), (bottom, right) in merged]
    return rows, title, ranges, unsaved[0] if unsaved else _unsaved_formulas(xml)  # scanned here if that failed


def _scanned(xml: bytes, into: list) -> None:
    try:
        into.append(_unsaved_formulas(xml))
    except Exception:  # noqa: BLE001 - scanned again on the reading thread, where a failure is reported
        pass


def worksheet_titles(name: str, data: bytes, zipped: bool) -> list[str]:
    """The titles of the visible worksheets, in the workbook's order (not hidden ones, not charts)."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    if zipped:
        _check_unpacked_size(name, data)
    try:
        sheets = CalamineWorkbook.from_filelike(io.BytesIO(data)).sheets_metadata
    except Exception as error:  # noqa: BLE001 - calamine raises its own errors for damaged or encrypted files
        code = "workbook_unreadable" if zipped else "workbook_old_or_encrypted"
        raise fail(code, Where(name), reason=type(error).__name__) from None
    return [sheet.name for sheet in sheets
            if sheet.typ == SheetTypeEnum.WorkSheet and sheet.visible == SheetVisibleEnum.Visible]


def _check_unpacked_size(name: str, data: bytes) -> None:
    """A zip bomb (a few KB that unpack to gigabytes) is refused before anything is unpacked."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise fail("workbook_unreadable", Where(name), reason="BadZipFile") from None
    total = sum(member.file_size for member in members)
    inflated = any(member.file_size > MAX_RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                   for member in members)
    if total > MAX_UNPACKED or inflated:
        raise fail("workbook_too_large", Where(name), size=f"{total / 1e9:.1f}")


def _choose_sheet(book, name: str, wanted: str | None) -> str:
    """--sheet by name or position; by default the first visible worksheet (not a hidden one, not a chart)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    sheets = book.sheets_metadata
    titles = [sheet.name for sheet in sheets]
    if wanted is None:
        for sheet in sheets:
            if sheet.typ == SheetTypeEnum.WorkSheet and sheet.visible == SheetVisibleEnum.Visible:
                return sheet.name
        raise fail("sheet_none", Where(name))
    if wanted in titles:
        chosen = sheets[titles.index(wanted)]
    elif wanted.isdigit() and 1 <= int(wanted) <= len(titles):
        chosen = sheets[int(wanted) - 1]
    else:
        raise fail("sheet_missing", Where(name), sheet=wanted, sheets=listing(titles))
    if chosen.typ != SheetTypeEnum.WorkSheet:
        raise fail("sheet_not_table", Where(name), sheet=chosen.name)
    return chosen.name


def _texts(values: list[list]) -> list[list[str]]:
    """Every cell as text, in place: a row of text alone (most of a roster) is kept as calamine gave it, since a
    call per cell costs more than the reading itself on a county's roster."""
    for number, row in enumerate(values):
        if not all(map(str.__instancecheck__, row)):
            values[number] = [value if value.__class__ is str else _cell_text(value) for value in row]
    return values


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
    if isinstance(value, (time, timedelta)):
        return str(value)
    return str(value)


# ---- formulas without saved values (.xlsx: the sheet's XML) ------------------------------------------------------

_CELL = re.compile(rb"<c\b[^>]*\br=\"([A-Z]+)(\d+)\"[^>]*?(?:/>|>(.*?)</c>)", re.S)
# A cell's reference: r="B7" (or r='B7'), whatever the element's prefix and the attribute's place; "r=" alone is
# searched for because a literal start keeps a scan of a 170 MB sheet near half a second
_FAR_CELL = re.compile(rb'r=["\'][A-Z](?:[A-Z]|\d{7})')  # beyond column Z or row 999,999
_FAR_ROW = re.compile(rb'r=["\'][A-Z]+\d{7}')
_CELL_COLUMN = re.compile(rb'r=["\']([A-Z]+)\d')
_CELL_ROW = re.compile(rb'r=["\'][A-Z]+(\d+)')
_NAMESPACES = {"main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
               "rel": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
               "pkg": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _sheet_xml(data: bytes, title: str) -> bytes:
    """The XML of an .xlsx sheet (b"" for an .ods, or a part not found)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = _sheet_part(archive, title)
        return archive.read(part) if part is not None else b""


def _check_extent(name: str, xml: bytes, title: str) -> None:
    """calamine lays a sheet out as one block from its first used cell to its last, so that a 5 KB file with cells
    at A1 and XFD1048576 would ask for 17 billion cells (and abort the process, out of memory). Measured first from
    the cells' own references: a quick scan finds none beyond column Z or row 999,999 (26 million cells at most)
    in almost every file; only a wider one pays for counting its columns, and rows when those are not enough."""
    if not _FAR_CELL.search(xml):
        return
    columns = {_column_index(letters.decode()) for letters in set(_CELL_COLUMN.findall(xml))}
    width = max(columns) - min(columns) + 1
    if width * 999_999 <= MAX_CELLS and not _FAR_ROW.search(xml):
        return
    rows = [int(row) for row in _CELL_ROW.findall(xml)]
    height = max(rows) - min(rows) + 1
    if height * width > MAX_CELLS or max(rows) > EXCEL_ROWS or max(columns) >= EXCEL_COLUMNS:
        raise fail("sheet_too_large", Where(name), sheet=title, rows=height, columns=width)


def _unsaved_formulas(xml: bytes) -> tuple[tuple[int, int], ...]:
    """(row, column index) of every formula cell of the sheet with no saved value."""
    if b"<f" not in xml:
        return ()
    found = []
    for letters, row, body in _CELL.findall(xml):
        if body and b"<f" in body and not re.search(rb"<v>[^<]+</v>|<is>", body):
            found.append((int(row), _column_index(letters.decode())))
    return tuple(found)


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str | None:
    """The zip member holding the sheet of this title (xl/workbook.xml names it, its rels say where)."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    ids = {sheet.get("name"): sheet.get(f"{{{_NAMESPACES['rel']}}}id")
           for sheet in book.iterfind("main:sheets/main:sheet", _NAMESPACES)}
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iterfind("pkg:Relationship", _NAMESPACES)}
    target = targets.get(ids.get(title))
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1
