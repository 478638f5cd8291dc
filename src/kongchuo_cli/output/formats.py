"""One way out: every format is a function (report, lang, …) → text, or bytes for a workbook, in one registry.
Machine formats are written with the csv and json modules; text that a spreadsheet would run as a formula is
neutralised in every spreadsheet format. The formats of many records also come as chunks of text (`STREAMED`), a
batch of records each, so that a province's output is written as it is made and never held whole."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from operator import itemgetter

from kongchuo_cli.i18n import listing
from kongchuo_cli.output.report import Report, cell_value, json_record
from kongchuo_cli.problems import fail

NUMBERS = frozenset({bool, int, float})  # types whose equal values are one key


def _rows(report: Report, lang: str, spreadsheet: bool = True, records: list[dict[str, object]] | None = None
          ) -> list[tuple[object, ...]]:
    """Cells of the records (all, or these); text that would run as a formula is neutralised for spreadsheets (CSV,
    TSV). A column holds few distinct values (names, lines, statuses, notes; a unit's name for each of its
    indicators): each is made a cell once, and the column mapped through them."""
    numeric = report.numeric | report.percents if spreadsheet else frozenset(report.fields)
    records = report.records if records is None else records
    keys = tuple(report.fields)
    if not keys or not all(tuple(record) == keys for record in records):  # records of other keys: cell by cell
        return [tuple(cell_value(key, value, lang, numeric) for key, value in record.items()) for record in records]
    columns = []
    for key in keys:
        values = list(map(itemgetter(key), records))
        try:
            distinct = set(values)
        except TypeError:  # a value that cannot be a key: cell by cell
            distinct = None
        if distinct is None or len(set(map(type, values)) & NUMBERS) > 1:  # True, 1 and 1.0 are one key
            columns.append([cell_value(key, value, lang, numeric) for value in values])
            continue
        cells = {value: value if type(value) is int else cell_value(key, value, lang, numeric) for value in distinct}
        columns.append(list(map(cells.__getitem__, values)))
    return list(zip(*columns))


def delimited_chunks(delimiter: str) -> Callable[[Report, str], Iterator[str]]:
    def chunks(report: Report, lang: str) -> Iterator[str]:
        """The header and the first batch's rows, then a batch's rows at a time."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(report.headers(lang))
        batches = report.cells() if report.cells is not None else (
            _rows(report, lang, records=batch) for batch in report.batches())
        for rows in batches:
            writer.writerows(rows)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        if buffer.tell():  # no records: the header alone
            yield buffer.getvalue()

    return chunks


def markdown_chunks(report: Report, lang: str) -> Iterator[str]:
    """The records as a pipe table, a batch of rows at a time; a report with a document (the 通报), that document.
    tabulate pads each column to its widest cell: the widths are found in a first pass over the records, and each
    batch is drawn with one more row of those widths, left out of the text. A table whose cells tabulate would
    measure otherwise (a line break, a terminal code, wide characters counted as two) is drawn whole."""
    if report.document is not None:
        from kongchuo_cli.output.document import markdown

        yield markdown(report.document())
        return
    from tabulate import WIDE_CHARS_MODE, tabulate

    headers = report.headers(lang)
    align = ["right" if key in report.numeric | report.percents else "left" for key in report.fields]
    widths, measurable = [0] * len(headers), not WIDE_CHARS_MODE
    for rows in _markdown_batches(report, lang):
        measurable = measurable and all(len(row) == len(headers) for row in rows)
        if not measurable:
            break
        for position, column in enumerate(zip(*rows)):
            measurable = measurable and "".join(column).isprintable()  # one line each, no control codes
            widths[position] = max(widths[position], *map(len, map(str.strip, column)))
    if not measurable or not any(widths):  # no records, or cells measured otherwise: tabulate sees them all
        rows = [row for batch in _markdown_batches(report, lang) for row in batch]
        yield tabulate(rows, headers, tablefmt="pipe", disable_numparse=True, colalign=align) + "\n"
        return
    widest = ["x" * width for width in widths]
    for number, rows in enumerate(_markdown_batches(report, lang)):
        lines = tabulate([*rows, widest], headers, tablefmt="pipe", disable_numparse=True, colalign=align
                         ).split("\n")[:-1]  # the row of widths left out
        yield "\n".join(lines if number == 0 else lines[2:]) + "\n"  # the header once


def _markdown_batches(report: Report, lang: str) -> Iterator[list[list[str]]]:
    for batch in report.batches():
        yield [[str(cell).replace("|", "\\|") for cell in row] for row in _rows(report, lang, False, batch)]


def json_chunks(report: Report, lang: str) -> Iterator[str]:
    """One JSON object; each record on a line of its own (compact, and fast: json's C encoder); a batch of records
    a chunk."""
    head = [f"  {json.dumps(key)}: {_dumps(value)}" for key, value in report.head.items()]
    yield "{\n" + "".join(line + ",\n" for line in head) + f'  "{report.records_key}": [\n'
    separator = ""
    for batch in report.batches():
        yield separator + ",\n".join(f"    {_dumps(json_record(record, report.percents))}" for record in batch)
        separator = ",\n"
    tail = "".join(f',\n  {json.dumps(key)}: {_lines(value() if callable(value) else value)}'
                   for key, value in report.tail.items())
    yield "\n  ]" + tail + "\n}\n"


def _lines(value: object) -> str:
    """A list with an item a line, as the records are; anything else on one line."""
    if not isinstance(value, list) or not value:
        return _dumps(value)
    return "[\n" + ",\n".join(f"    {_dumps(item)}" for item in value) + "\n  ]"


# json escapes C0 controls itself; DEL, C1, bidi overrides and line separators are escaped too (\u202e: the same
# string to a JSON reader, inert on a terminal)
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
                                                     *range(0x2028, 0x202F), *range(0x2066, 0x206A))}


def _dumps(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if text.isprintable() else text.translate(_JSON_ESCAPES)


def to_table(report: Report, lang: str, color: bool = False, width: int | None = None) -> str:
    return report.table(color, width)


def to_xlsx(report: Report, lang: str, on_row: Callable[[int, int], None] | None = None) -> bytes:
    from kongchuo_cli.output.xlsx import (
        workbook,  # openpyxl only when a workbook is asked for
    )

    return workbook(report, lang, on_row)


def to_document(kind: str) -> Callable[[Report, str], str | bytes]:
    """A report's document as a Word file or a web page; what its charts had to leave out goes to `report.said`."""

    def render(report: Report, lang: str) -> str | bytes:
        from kongchuo_cli.output.chart import Drawing

        if report.document is None:
            raise fail("output_format_command", format=kind, formats=listing(FORMATS))
        drawing = Drawing()
        if kind == "docx":
            from kongchuo_cli.output.docx import to_docx as write
        else:
            from kongchuo_cli.output.html import to_html as write
        content = write(report.document(), drawing)
        report.said.extend(drawing.said)
        return content

    return render


def joined(chunks: Callable[..., Iterator[str]]) -> Callable[..., str]:
    """A streamed format's text whole."""
    return lambda report, lang, **options: "".join(chunks(report, lang, **options))


# The formats written a chunk at a time (a batch of records each).
STREAMED: dict[str, Callable[..., Iterator[str]]] = {
    "csv": delimited_chunks(","),
    "tsv": delimited_chunks("\t"),
    "json": json_chunks,
    "markdown": markdown_chunks,
}
# One way out: every format is a function (report, lang, …) → text, or bytes for a workbook or a Word file.
FORMATTERS: dict[str, Callable[..., str | bytes]] = {
    "table": to_table,
    **{name: joined(chunks) for name, chunks in STREAMED.items()},
    "xlsx": to_xlsx,
    "docx": to_document("docx"),
    "html": to_document("html"),
}
def rendered(name: str, report: Report, **options) -> Iterator[str] | bytes:
    """A format's output: its chunks of text, made as they are taken; or (a workbook) its bytes."""
    if name in STREAMED:
        return STREAMED[name](report, **options)
    content = FORMATTERS[name](report, **options)
    return content if isinstance(content, bytes) else iter([content])


FORMATS = ("table", "csv", "tsv", "json", "markdown", "xlsx")  # every command's records
DOCUMENT_FORMATS = ("docx", "html", "markdown", "json")  # a command that writes a document (briefing)
BINARY_FORMATS = frozenset({"xlsx", "docx"})  # never to a terminal
