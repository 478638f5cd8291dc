"""What every command hands to the output formats: a `Report` of records, with how their cells are shown.

Records hold machine values: ints, text, booleans, None, and percents as exact decimal text ("93.2880"); each
format turns them into its own cells (`formats`). Only the human table is the command's own (`Report.table`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from kongchuo_cli.i18n import inert, term

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # text that a spreadsheet would run as a formula
STATUS_LABELS = {status: term(f"term_{status}") for status in ("pass", "warn", "fail", "n/a")}
YES_NO = {True: "是", False: "否"}
BATCH = 50_000  # records written at a time


@dataclass
class Report:
    fields: dict[str, str]  # record key → Chinese header, in order; the English header is the key
    made: list[dict[str, object]] | Callable[[], Iterable[dict[str, object]]]  # the records, or what makes them
    #   when asked for (a terminal table of 5,000 schools needs none of its 40,000 records)
    numeric: frozenset[str] = frozenset()  # right-aligned, never neutralised
    percents: frozenset[str] = frozenset()  # decimal text of a percent: a JSON number, an xlsx percent cell
    head: dict[str, object] = field(default_factory=dict)  # JSON keys before the records
    records_key: str = "results"
    table: Callable[[bool, int | None], str] | None = None  # the command's table for people: (colour, width)
    book: Callable[[], list] | None = None  # the workbook's sheets (output.sheet.Sheet); None: the records alone
    private: bool = False  # personal data: files are created readable by their owner only
    brief: str = ""  # what the output holds in a few words, said when it is written to a file (未达标 4 项)
    codes: frozenset[str] = frozenset()  # keys whose values are for programs (ids, flags): no Chinese sheet shows them
    plain: frozenset[str] = frozenset()  # numbers without a thousands separator (years, row numbers)
    # JSON keys after the records (a list: an item a line), each value or a function giving it (built for JSON only)
    tail: dict[str, object] = field(default_factory=dict)
    document: Callable[[], object] | None = None  # a document (output.document.Document) for docx, html, markdown
    said: list = field(default_factory=list)  # what writing had to leave out (a chart no font can draw): Messages
    # the records' spreadsheet cells (CSV, TSV) a batch of rows at a time, made without the records: for a command
    # that can make them faster than formats can from the records (the same cells; tests compare them)
    cells: Callable[[], Iterable[list[tuple[object, ...]]]] | None = None
    length: Callable[[], int] | None = None  # how many records `made` makes, told without making them

    @property
    def records(self) -> list[dict[str, object]]:
        if callable(self.made):
            self.made = list(self.made())
        return self.made

    def each(self) -> Iterator[dict[str, object]]:
        """The records one by one, made as they are used when nothing has asked for them whole: the 800,000
        records of a province's schools are never all held at once."""
        return iter(self.made() if callable(self.made) else self.made)

    def count(self) -> int:
        return self.length() if callable(self.made) and self.length is not None else len(self.records)

    def batches(self, size: int = BATCH) -> Iterator[list[dict[str, object]]]:
        """The records a batch at a time (`each`)."""
        records = self.each()
        while batch := list(islice(records, size)):
            yield batch

    def headers(self, lang: str) -> list[str]:
        return list(self.fields) if lang == "en" else list(self.fields.values())


def neutralised(text: str) -> str:
    """Text from the user that begins like a formula gets a leading apostrophe (OWASP's advice for CSV)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_value(key: str, value: object, lang: str, numeric: frozenset[str] = frozenset()) -> object:
    """A record value as a spreadsheet cell: blanks for null; Chinese words for status and flags under zh; text
    that would run as a formula neutralised."""
    if value is None:
        return ""
    if isinstance(value, str):  # never run as a formula, never drive a terminal
        value = inert(value if key in numeric else neutralised(value))
    if lang == "zh" and key == "status":
        return STATUS_LABELS[value].zh
    if isinstance(value, bool):
        return YES_NO[value] if lang == "zh" else str(value).lower()
    return value


def json_record(record: dict[str, object], percents: frozenset[str]) -> dict[str, object]:
    """A record as JSON holds it: percents as numbers (a 4-decimal percent's shortest float repr has the same
    digits). The Python API's records are these too."""
    return {key: float(value) if key in percents and value is not None else value for key, value in record.items()}
