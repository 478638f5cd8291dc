"""A roster as DuckDB reads it: its header found in the first rows (without reading the whole file), and the
file itself when it is UTF-8 text, else a private temporary UTF-8 copy (GBK, UTF-16, a workbook, standard input)."""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kongchuo_cli.model import Progress, Reading
from kongchuo_cli.problems import Where, fail
from kongchuo_cli.read.grid import (
    WORKBOOK_MAGIC,
    WORKBOOK_SUFFIXES,
    Grid,
    ReadOptions,
    decode,
    is_stream,
    read_grid,
    read_head,
    refuse_unsaved,
    sniff_delimiter,
)
from kongchuo_cli.read.headers import PEEK_ROWS, find_header
from kongchuo_cli.read.roster import transcode
from kongchuo_cli.read.roster.parquet import is_parquet, parquet_columns
from kongchuo_cli.read.vocabulary import PERSONAL, ROSTER_COLUMNS, SCHOOLING
from kongchuo_cli.signals import held

PEEK_BYTES = 256 * 1024  # enough for the title rows and the header of any roster
BLOCK_BYTES = 16 * 1024 * 1024  # a GBK or UTF-16 roster is copied to UTF-8 this much at a time
PARALLEL_BYTES = 16 * 1024 * 1024  # a GBK roster from this size is copied in two parts at once (a second Python
#   starts in about 30 ms, the time a half of 8 MB takes to copy)
FIRST_PART = 0.45  # of it, copied by this process, which then imports DuckDB (0.1 s) while the other copies the rest
COUNTED_BYTES = 1024 * 1024  # line breaks are counted this much at a time


@dataclass(frozen=True)
class RosterHeader:
    rows: tuple[int, ...]  # spreadsheet row numbers of the header
    columns: dict[str, int]  # canonical → position (the first column of that meaning)
    written: list[str]  # the header as written, one name per column

    @property
    def row(self) -> int:
        """The header's last row: the data starts below it."""
        return self.rows[-1]


def _fit(cells: list[str]) -> int | None:
    """A roster's header names a child (姓名, 身份证号 or 学籍号) and its schooling (年级, 学籍状态 or 劝返状态);
    the more roster columns it names, the better."""
    names = {ROSTER_COLUMNS.match(text) for text in cells} - {None}
    if names.isdisjoint(PERSONAL) or names.isdisjoint(SCHOOLING):
        return None
    return len(names)


def find_roster_header(rows: list[list[str]], header_row: int | None = None) -> RosterHeader | None:
    header = find_header(rows, _fit, lambda name: ROSTER_COLUMNS.match(name) is not None, header_row)
    if header is None:
        return None
    columns: dict[str, int] = {}
    for position, text in enumerate(header.cells):
        name = ROSTER_COLUMNS.match(text)
        if name is not None and name not in columns:
            columns[name] = position
    return RosterHeader(header.rows, columns, [text.strip() for text in header.cells])


@dataclass(frozen=True)
class Peek:
    """The first rows of an input, and the whole grid when it had to be read whole (a workbook, standard input)
    so that nobody reads it twice."""

    rows: list[list[str]]
    reading: Reading
    grid: Grid | None = None
    line_ends: tuple[int, ...] = ()  # of a text file: the physical line each record ends on (a cell may hold a
    #   line break); empty for a grid, copied one record a line

def peek(path: str, options: ReadOptions) -> Peek:
    """The first rows of a file, without reading all of it (a workbook is read whole: rosters in Excel are
    county-sized)."""
    if is_parquet(path):  # its columns by name: the header is row 1
        return Peek([parquet_columns(path)], Reading(parquet=True), line_ends=(1,))
    wanted = max(PEEK_ROWS, (options.header_row or 0) + 1)
    whole = is_stream(path) or path.lower().endswith(WORKBOOK_SUFFIXES)  # a pipe can be read only once
    head = b"" if whole else read_head(path, PEEK_BYTES)
    if not head or head.startswith(WORKBOOK_MAGIC):
        grid = read_grid(path, options)
        return Peek(grid.rows[:wanted], Reading(grid.encoding, grid.delimiter, grid.sheet), grid)
    partial = len(head) == PEEK_BYTES
    text, encoding = decode(head, path, options.encoding, partial)
    if partial:  # the rows read whole: up to the last line break (UTF-16's is two bytes, so cut the text)
        text = text[:text.rfind("\n") + 1]
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, ends = [], []
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
            if len(rows) == wanted:
                break
    except csv.Error:
        pass  # a quote left open: the rows read so far are the peek; DuckDB names the row
    return Peek(rows, Reading(encoding, delimiter), line_ends=tuple(ends))


@dataclass
class Source:
    """A roster ready for DuckDB: a UTF-8 CSV (the file itself, or a transcoded copy) and its header."""

    path: str  # as the user gave it
    csv_path: str
    header: RosterHeader
    delimiter: str
    reading: Reading
    skip: int  # physical lines above the data (the header's last record may end lower than its number)
    parallel: bool = True  # DuckDB's parallel reader, unless a cell holds a line break


def spreadsheet_rows(source: Source, numbers, read: int | None = None) -> dict[int, int]:
    """DuckDB's data rows (numbered from 1 below the header; it leaves blank lines out) → the spreadsheet's own
    rows (every record counted from the top, blank ones included, a cell's line breaks not). Given the rows DuckDB
    `read` in all: when there are as many lines below the header, every row is one line and none is blank, so the
    numbers are only shifted by the header (counting line breaks runs at memory speed); else the file is read as
    far as the last row asked for, counting records."""
    wanted = set(numbers)
    found: dict[int, int] = {}
    if not wanted:
        return found
    # a Parquet file has no spreadsheet: its rows are those it would have with the column names on row 1
    if source.reading.parquet or (read is not None and _lines_below_header(source) == read):
        return {number: number + source.header.row for number in wanted}
    last, record, data, inside = max(wanted), 0, 0, False
    with open(source.csv_path, encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            starts = not inside
            if '"' in line:
                inside = _ends_inside_quotes(line, source.delimiter, inside)
            if not starts:
                continue
            record += 1
            if number <= source.skip or not line.strip("\r\n\ufeff"):
                continue
            data += 1
            if data in wanted:
                found[data] = record
            if data >= last:
                break
    for number in wanted - found.keys():  # never expected; if DuckDB split the lines otherwise, a near row, not none
        found[number] = number + source.header.row
    return found


def _lines_below_header(source: Source) -> int | None:
    """The lines of the file below its `skip` lines (the last one counted without its line break); None when the
    header's lines cannot be told apart in the first block. Counted once per file as it is (returns numbers the
    rows of its problems and of its list: a province's file is read once for both)."""
    status = os.stat(source.csv_path)
    return _counted_lines(source.csv_path, source.skip, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _counted_lines(path: str, skip: int, file_size: int, modified: int) -> int | None:
    """_lines_below_header's count; `file_size` and `modified` only key the cache (a file written again is counted
    again)."""
    buffer = bytearray(COUNTED_BYTES)  # one buffer read into again and again: no memory to fault in per block
    with open(path, "rb") as handle:
        size = handle.readinto(buffer)
        ends = [found.end() for _, found in zip(range(skip), re.finditer(rb"\r\n|\r|\n", buffer[:size]))]
        if len(ends) < skip or (ends and ends[-1] == size):
            return None  # the header's lines end beyond the block, or at its end (a \r\n cut in two?)
        start = ends[-1] if ends else 0
        lines, last = buffer.count(b"\n", start, size), buffer[size - 1:size] if size > start else b""
        while size := handle.readinto(buffer):
            lines, last = lines + buffer.count(b"\n", 0, size), buffer[size - 1:size]
    return lines + (last not in (b"", b"\n"))


def _ends_inside_quotes(line: str, delimiter: str, inside: bool) -> bool:
    """Whether a quoted cell is still open at the end of this line, as a CSV reader sees it: a quote opens a cell
    only at its start ('x"y' is three characters), and "" inside a quoted cell is one quote."""
    at_start, position = not inside, 0
    while position < len(line):
        character = line[position]
        if inside and character == '"':
            if line.startswith('""', position):
                position += 1
            else:
                inside = False
        elif not inside and character == '"' and at_start:
            inside = True
        at_start = not inside and character == delimiter
        position += 1
    return inside


@contextmanager
def opened(path: str, options: ReadOptions, peeked: Peek | None = None, progress: Progress = Progress()
           ) -> Iterator[Source]:
    """The roster as a UTF-8 CSV for DuckDB; a GBK or UTF-16 file, a workbook or standard input is copied to a
    private temporary file (deleted afterwards), the bytes copied told to `progress`."""
    peeked = peeked or peek(path, options)
    header = find_roster_header(peeked.rows, options.header_row)
    if header is None:
        raise fail("roster_header_not_found", Where(path))
    reading = Reading(peeked.reading.encoding, peeked.reading.delimiter, peeked.reading.sheet, header.rows,
                      parquet=peeked.reading.parquet)
    skip = peeked.line_ends[header.row - 1] if peeked.grid is None else header.row
    if reading.parquet or reading.encoding in ("utf-8", "utf-8-sig") and peeked.grid is None:
        yield Source(path, path, header, reading.delimiter, reading, skip)
        return
    if peeked.grid is not None:
        refuse_unsaved(peeked.grid)  # a pupil's cell without its value cannot be counted
    temporary = None
    try:
        with held():  # recorded before a signal can land, so that `finally` removes it
            descriptor, temporary = tempfile.mkstemp(prefix="kongchuo-roster-", suffix=".csv")  # 0600: personal data
        if peeked.grid is not None:  # one line a row, so that DuckDB's lines are the sheet's rows
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(map(_one_line, peeked.grid.rows))
            delimiter = ","
        else:
            with os.fdopen(descriptor, "wb") as handle:
                _transcode(path, reading.encoding, handle, progress)
            delimiter = reading.delimiter
        yield Source(path, temporary, header, delimiter, reading, skip)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _one_line(row: list[str]) -> list[str]:
    """A workbook row with the line breaks inside its cells made spaces (looked for in the whole row at once: a
    county's roster has hardly any)."""
    joined = "".join(row)
    if "\n" not in joined and "\r" not in joined:
        return row
    return [cell.replace("\r", " ").replace("\n", " ") for cell in row]


def _transcode(path: str, encoding: str, out, progress: Progress) -> None:
    """GB18030 (GBK) or UTF-16 → UTF-8 into the binary file `out`, in blocks: a 1 GB file never sits in memory. A
    large GB18030 file is copied in two parts at once (read/roster/transcode.py); a byte no character is made of
    is named with its line."""
    codec = codecs.lookup(encoding).name
    if codec not in transcode.FASTER_FOR:
        _decoded_in_blocks(path, encoding, out, progress)
        return
    size = os.path.getsize(path)
    part, helper = None, None
    with open(path, "rb") as source:
        try:
            parallel = size >= PARALLEL_BYTES and _can_start_python()
            cut = transcode.split(source, int(size * FIRST_PART)) if parallel else size
            if cut < size:
                with held():  # both recorded before a signal can land, so that `finally` ends and removes them
                    descriptor, part = tempfile.mkstemp(prefix="kongchuo-roster-", suffix=".part")  # 0600
                    os.close(descriptor)
                    helper = subprocess.Popen([sys.executable, "-I", "-S", transcode.__file__, path, str(cut),
                                               str(size), codec, part], stdin=subprocess.DEVNULL,
                                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            transcode.copy(source, 0, cut, codec, out, lambda done: progress(done / max(cut, 1)))
            if helper is not None:
                import duckdb  # noqa: F401 - needed next: imported here, on this thread, while the other part is copied
                position = helper.communicate()[0].strip()
                if helper.returncode == transcode.UNREADABLE:
                    raise transcode.Unreadable(int(position))
                if helper.returncode != 0:  # the other Python failed (no memory?): its part is copied here,
                    #   where what went wrong is told
                    transcode.copy(source, cut, size, codec, out)
                else:
                    transcode.append(part, out)
        except transcode.Unreadable as error:
            raise fail("encoding_wrong", Where(path, row=_line_at(source, error.position)), encoding=encoding,
                       position=error.position) from None
        finally:
            if helper is not None and helper.poll() is None:
                helper.kill()
                helper.wait()
            if part is not None:
                Path(part).unlink(missing_ok=True)


def _can_start_python() -> bool:
    """Whether this Python can start another running a file (not when frozen into one program)."""
    return bool(sys.executable) and not getattr(sys, "frozen", False)


def _line_at(source, position: int) -> int:
    """The line of the file a byte is on (counted from 1)."""
    source.seek(0)
    lines, left = 1, position
    while left > 0 and (block := source.read(min(transcode.BLOCK_BYTES, left))):
        lines, left = lines + block.count(b"\n"), left - len(block)
    return lines


def _decoded_in_blocks(path: str, encoding: str, out, progress: Progress) -> None:
    """Any other codec (UTF-16) block by block; a byte it cannot read is named with its position and its line."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    size, done, lines = max(os.path.getsize(path), 1), 0, 1
    with open(path, "rb") as handle:
        while True:
            block = handle.read(BLOCK_BYTES)
            pending = decoder.getstate()[0]  # the bytes of a character the last block cut in two
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                before = (pending + block)[:error.start].decode(encoding, errors="ignore")
                raise fail("encoding_wrong", Where(path, row=lines + before.count("\n")), encoding=encoding,
                           position=done - len(pending) + error.start) from None
            out.write(text.encode("utf-8"))
            if not block:
                return
            lines += text.count("\n")
            done += len(block)
            progress(done / size)
