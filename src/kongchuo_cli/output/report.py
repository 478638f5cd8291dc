"""What every command hands to the output formats: a `Report` of records, with how their cells are shown.

Records hold machine values: ints, text, booleans, None, and percents as exact decimal text ("93.2880"); each
format turns them into its own cells (`formats`). Only the human table is the command's own (`Report.table`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kongchuo_cli.i18n import Term, term

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # text that a spreadsheet would run as a formula
STATUS_LABELS = {status: term(f"term_{status}") for status in ("pass", "warn", "fail", "n/a")}
YES_NO = {True: "是", False: "否"}


@dataclass
class Report:
    fields: dict[str, str]  # record key → Chinese header, in order; the English header is the key
    records: list[dict[str, object]]
    numeric: frozenset[str] = frozenset()  # right-aligned, never neutralised
    percents: frozenset[str] = frozenset()  # decimal text of a percent: a JSON number, an xlsx percent cell
    head: dict[str, object] = field(default_factory=dict)  # JSON keys before the records
    records_key: str = "results"
    table: Callable[[bool, int | None], str] | None = None  # the command's table for people: (colour, width)
    # more workbook sheets: their rows, or a function giving them (large ones are built only for a workbook)
    sheets: list[tuple[Term, list[list[object]] | Callable[[], list[list[object]]]]] = field(default_factory=list)
    split_by: str | None = None  # a workbook gets a sheet of records per value of this key (one per township)
    private: bool = False  # personal data: files are created readable by their owner only
    # JSON keys after the records (a list: an item a line), each value or a function giving it (built for JSON only)
    tail: dict[str, object] = field(default_factory=dict)
    records_sheet: Term | None = None  # the workbook's sheet of records, when not 结果 (results)
    printed: bool = False  # workbook sheets set up to print: A4 landscape, one page wide, the header repeated

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
    if isinstance(value, str) and key not in numeric:
        value = neutralised(value)
    if lang == "zh" and key == "status":
        return STATUS_LABELS[value].zh
    if isinstance(value, bool):
        return YES_NO[value] if lang == "zh" else str(value).lower()
    return value


def json_record(record: dict[str, object], percents: frozenset[str]) -> dict[str, object]:
    """A record as JSON holds it: percents as numbers (a 4-decimal percent's shortest float repr has the same
    digits). The Python API's records are these too."""
    return {key: float(value) if key in percents and value is not None else value for key, value in record.items()}
