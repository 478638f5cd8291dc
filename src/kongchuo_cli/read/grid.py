"""Any input (CSV or TSV bytes in any of Excel's encodings, an .xlsx workbook, standard input) → a grid of text
cells whose index + 1 is the spreadsheet's own row number, and what was read, for `-v`."""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kongchuo_cli.i18n import listing
from kongchuo_cli.problems import Where, fail
from kongchuo_cli.read.cells import MAX_CELLS

STDIN = "-"
_STREAMS: dict[object, bytes] = {}  # the bytes of standard input or a pipe, read once
STREAM_CHUNK = 1_000_000
MAX_STREAM_BYTES = 2_000_000_000
# A table read whole into Python (a summary, a grade table, quotas: a row per unit; anything from a pipe, a roster
# too) is bounded: a text file beyond this is not read at all, and its reading stops beyond MAX_CELLS (a roster
# given as a file goes to DuckDB, bounded by neither)
MAX_TABLE_BYTES = 1_000_000_000
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")  # read by calamine
UNSUPPORTED = (".et", ".numbers")  # WPS's and Apple's own formats: saved as .xlsx first
ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx or .ods is a zip: recognised by its bytes, whatever its name
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format, and any password-protected workbook
WORKBOOK_MAGIC = (ZIP_MAGIC, OLE_MAGIC)  # the bytes a workbook starts with (both four)
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
    unsaved: tuple[tuple[int, int], ...] = ()  # (row, column index) of formulas saved without a value


def read_grid(name: str, options: ReadOptions = ReadOptions()) -> Grid:
    """By the file's bytes, not its name: a zip is a workbook, an OLE container an old or encrypted one."""
    data = read_bytes(name)
    suffix = Path(name).suffix.lower()
    if suffix in UNSUPPORTED:
        raise fail("format_unsupported", Where(name), suffix=suffix)
    if data.startswith(WORKBOOK_MAGIC):  # .xlsx/.ods are zips; .xls an OLE container
        return _read_workbook(name, data, options, zipped=data.startswith(ZIP_MAGIC))
    if suffix in WORKBOOK_SUFFIXES:  # named .xlsx, but the bytes of no workbook
        raise fail("not_a_workbook", Where(name), suffix=suffix)
    text, encoding = decode(data, name, options.encoding)
    del data  # not kept beside its text (a stream's stays in _STREAMS)
    if not text.strip():
        raise fail("file_empty", Where(name))
    delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 0  # the physical line the last row read ended on
    cells = 0
    try:
        for row in reader:
            rows.append(row)
            line = reader.line_num
            cells += len(row)
            if cells > MAX_CELLS:
                raise fail("stream_too_many_cells" if is_stream(name) else "table_too_large", Where(name),
                           cells=f"{MAX_CELLS:,}", rows=f"{len(rows):,}")
    except csv.Error as error:  # a quotation mark never closed: the row after the last one read opened it
        opened = text.split("\n", line + 1)[line].count('"') % 2 if "field larger" in str(error) else 1
        raise fail("stray_quote" if opened else "cell_too_long", Where(name, row=len(rows) + 1),
                   limit=csv.field_size_limit()) from None
    return Grid(name, rows, encoding=encoding, delimiter=delimiter)


def worksheets(name: str) -> list[str]:
    """The visible worksheets of a workbook, in order (a sheet per month); anything else is not a workbook."""
    from kongchuo_cli.read.workbook import worksheet_titles

    if not (is_stream(name) or _starts_as_workbook(name)):  # before a text file's size could be refused as a
        raise fail("sheets_not_workbook", Where(name))  # table's
    data = read_bytes(name)
    if not data.startswith(WORKBOOK_MAGIC):
        raise fail("sheets_not_workbook", Where(name))
    return worksheet_titles(name, data, zipped=data.startswith(ZIP_MAGIC))


def read_bytes(name: str) -> bytes:
    """A file's bytes. Standard input, a pipe (<(…)) or a device can be read only once: it is read once, kept for
    the run, and refused early when it is no text at all (/dev/zero, /dev/urandom) or beyond MAX_STREAM_BYTES."""
    if not is_stream(name):
        return _read_table_file(name)
    key = sys.stdin.buffer if name == STDIN else name
    if key not in _STREAMS:
        _STREAMS.clear()
        _STREAMS[key] = _read_stream(name)
    return _STREAMS[key]


def is_stream(name: str) -> bool:
    """Standard input, or something that is not a regular file: a pipe, a FIFO, a device."""
    if name == STDIN:
        return True
    try:
        return not stat.S_ISREG(os.stat(name).st_mode) and not stat.S_ISDIR(os.stat(name).st_mode)
    except OSError:
        return False  # read_head names the problem


def _read_table_file(name: str) -> bytes:
    """A regular file's bytes; a text file beyond MAX_TABLE_BYTES is refused unread (a workbook has its own limits,
    checked before it is unpacked)."""
    try:
        size = os.path.getsize(name)
    except OSError:
        size = 0  # read_head names the problem
    if size > MAX_TABLE_BYTES and not _starts_as_workbook(name):
        raise fail("table_file_too_large", Where(name), size=f"{size / 1e6:,.0f}")
    return read_head(name)


def _starts_as_workbook(name: str) -> bool:
    return read_head(name, len(ZIP_MAGIC)).startswith(WORKBOOK_MAGIC)


def _read_stream(name: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    with (sys.stdin.buffer if name == STDIN else _opened(name)) as handle:
        while chunk := handle.read(STREAM_CHUNK):
            if not chunks and not chunk.strip(b"\x00"):
                raise fail("stream_not_text", Where(name))
            if not chunks and not chunk.startswith(WORKBOOK_MAGIC):
                decode(chunk, name, partial=True)  # random bytes are refused here, not after a gigabyte
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_STREAM_BYTES:
                raise fail("stream_too_large", Where(name), size=MAX_STREAM_BYTES // 1_000_000)
    return b"".join(chunks)


def _opened(name: str):
    """A file opened for reading without waiting: a FIFO nobody writes to reads as empty instead of hanging."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(name, flags)
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)  # opened: now wait for a writer's data as usual
    return os.fdopen(descriptor, "rb")


def read_head(name: str, size: int = -1) -> bytes:
    """A file's first `size` bytes (all of them by default); a missing or unreadable file is a located problem."""
    try:
        with _opened(name) as handle:
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
        if text_encoding(encoding) is None:
            raise fail("encoding_not_known", Where(name), encoding=encoding)
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


def text_encoding(name: str) -> str | None:
    """The codec's name when it turns bytes into text (gbk, utf-16…); None for an unknown name or a codec of
    another kind (rot13, base64, zlib, hex)."""
    try:
        codecs.lookup(name)
        "".encode(name)
        b"".decode(name)
    except (LookupError, TypeError, ValueError):
        return None
    return codecs.lookup(name).name


def _decoded(data: bytes, encoding: str, partial: bool) -> str:
    if not partial:
        return data.decode(encoding)
    return codecs.getincrementaldecoder(encoding)(errors="strict").decode(data, final=False)


def sniff_delimiter(text: str) -> str:
    """The delimiter most of the first lines agree on (Excel writes the same count on every line); comma on a tie."""
    lines = [line for line in text[:8192].splitlines() if line.strip()][:20]
    if not lines:  # nothing whole to look at (a first line longer than what was read)
        return ","

    def score(delimiter: str) -> tuple[int, int, bool]:
        common, agreeing = Counter(line.count(delimiter) for line in lines).most_common(1)[0]
        return (agreeing if common else 0), common, delimiter == ","

    return max(CSV_DELIMITERS, key=score)


def _read_workbook(name: str, data: bytes, options: ReadOptions, zipped: bool) -> Grid:
    """The chosen sheet's cells as text, merged text cells filled from their corner. A merged *count* stays in its
    first row only (copied down it would be counted once per row) and is reported."""
    from kongchuo_cli.read.workbook import read_workbook

    rows, title, merged, unsaved = read_workbook(name, data, options.sheet, zipped)
    merged_counts = []
    for top, bottom, left, right in merged:
        corner = rows[top - 1][left] if top - 1 < len(rows) and left < len(rows[top - 1]) else ""
        if corner and corner.replace(",", "").replace(".", "", 1).isdigit():
            if bottom > top:
                merged_counts.append((top, bottom, left))
            continue
        for row in range(top - 1, min(bottom, len(rows))):
            for column in range(left, min(right + 1, len(rows[row]))):
                rows[row][column] = corner
    return Grid(name, rows, sheet=title, merged_counts=tuple(merged_counts), unsaved=unsaved)


def refuse_unsaved(grid: Grid, allowed_rows: set[int] = frozenset()) -> None:
    """Formulas with no saved value read as empty: refused (naming the cells) unless in rows the reader can do
    without (a 合计 row kongchuo recomputes)."""
    cells = [(row, column) for row, column in grid.unsaved if row not in allowed_rows]
    if cells:
        from kongchuo_cli.read.vocabulary import column_letter

        raise fail("workbook_unsaved_formulas", Where(grid.name),
                   cells=listing((f"{column_letter(column)}{row}" for row, column in cells), 5))
