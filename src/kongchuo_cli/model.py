"""The records that travel between the stages: what was read (`Reading`), the units with their counts (`Unit`),
a table of them with the facts needed to group them (`CountsTable`, `Grouping`), and the period a count from a
grade table describes (`Period`). Every fact two modules share is a field here."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from kongchuo_cli.problems import Message, Where

SUMMARY, GRADES, ROSTER = "summary", "grades", "roster"
KINDS = (SUMMARY, GRADES, ROSTER)  # the kinds of input, told apart by their headers
PASS, WARN, FAIL, NA = "pass", "warn", "fail", "n/a"
STATUSES = (PASS, WARN, FAIL, NA)  # what a result says of its line (n/a: undefined rate, or no line)


@dataclass(frozen=True)
class Progress:
    """How far the reading of a file has come, as a fraction, told to whoever shows it (a progress bar): this
    step covers `start` to `end` of the file's reading."""

    report: Callable[[float], None] | None = None
    start: float = 0.0
    end: float = 1.0

    def __call__(self, done: float) -> None:
        if self.report is not None:
            self.report(self.start + (self.end - self.start) * min(max(done, 0.0), 1.0))

    def part(self, start: float, end: float) -> Progress:
        """A step within this one: its `start` to `end`, as fractions of this one."""
        span = self.end - self.start
        return Progress(self.report, self.start + span * start, self.start + span * end)


@dataclass(frozen=True)
class Period:
    """What a figure from a grade table describes: the cohort by its grade-1 school year (None for an annual
    rate, or where 6-3 and 5-4 cohorts finish together), and the school year it is judged in."""

    cohort: int | None
    year: int


class RowCounts(Mapping[str, int]):
    """A unit's counts, read-only and compact: the columns' positions, one dict shared by every unit of a table, and
    the unit's values in a tuple. A dict of its own for each of a province's 1,000,000 schools would hold 660 MB;
    these hold 250 MB."""

    __slots__ = ("positions", "numbers")

    def __init__(self, positions: dict[str, int], values: tuple[int, ...]) -> None:
        self.positions, self.numbers = positions, values

    def __getitem__(self, column: str) -> int:
        return self.numbers[self.positions[column]]

    def get(self, column: str, default=None):  # the hot path of every indicator's sum: one lookup, no exception
        position = self.positions.get(column)
        return default if position is None else self.numbers[position]

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(slots=True)  # never changed once read; not frozen (frozen costs a call per field, for each of the
class Unit:  # 100,000 rows of a province's school table)
    """A row of counts: a 乡镇 or 学校 of a summary table, a roster's school, or a cohort of a grade table."""

    label: str  # as results name it: 甲镇/中心小学 on a school-level sheet
    counts: Mapping[str, int]  # canonical column → count, for the columns the unit has (a dict, or RowCounts)
    where: Where  # file and spreadsheet row
    groups: dict[str, str] = field(default_factory=dict)  # text columns (乡镇, 城乡…): normalised header → value
    label_key: str | None = None  # the normalised header of the column that labels the unit
    period: Period | None = None  # counts derived from a grade table: the cohort or school year they describe
    notes: tuple[Message, ...] = ()  # what was assumed to derive them (a missing year counted as 0…)


@dataclass(frozen=True)
class Grouping:
    """The text columns a table's units can be grouped by (`--by`) and thresholds groups can name."""

    label_key: str | None = None  # the normalised header of the label column
    keys: tuple[str, ...] = ()  # normalised headers of the coarser unit columns and the other text columns
    names: tuple[str, ...] = ()  # the same headers as written, for messages

    def knows(self, key: str) -> bool:
        return key == self.label_key or key in self.keys


@dataclass(frozen=True)
class Reading:
    """How a file was read, for `-v`: its encoding and delimiter, or its sheet; where the header was; which rows
    were not units."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_rows: tuple[int, ...] = ()  # spreadsheet row numbers
    total_rows: int = 0
    skipped_rows: int = 0
    title: str | None = None  # the line above the header that names the table (示例县2025年…汇总表), if any
    parquet: bool = False  # a Parquet roster: columns by name, no encoding, delimiter or sheet

    def source(self) -> Message:
        if self.parquet:
            return Message("read_parquet")
        if self.sheet is not None:
            return Message("read_sheet", {"sheet": self.sheet})
        return Message("read_text", {"encoding": self.encoding, "delimiter": {"\t": "TAB"}.get(self.delimiter,
                                                                                              self.delimiter)})


@dataclass
class CountsTable:
    """The units of one input with their counts, whichever kind of file they came from."""

    path: str
    columns: frozenset[str]  # canonical count columns present
    units: list[Unit]
    total_row: Unit | None = None  # the file's own 合计 row, if any
    notices: list[Message] = field(default_factory=list)
    grouping: Grouping = Grouping()
    reading: Reading = Reading()
    kind: str = SUMMARY
    rows: int = 0  # a roster's rows (one per child)
    sparse: bool = False  # not every unit has every column (cohorts of grade tables)

    def description(self) -> Message:
        """What was read, for -v: the encoding or sheet, the header rows, and how the rows were used."""
        reading = self.reading
        return Message("read_details", {"source": reading.source(),
                                        "header": "+".join(str(row) for row in reading.header_rows),
                                        "units": len(self.units), "totals": reading.total_rows,
                                        "skipped": reading.skipped_rows}, Where(self.path))


# Settings the use cases take and their judges use, kept here so that naming a default costs no import
SHARE_BY = ("lost", "gap")  # plan: every unit by the children it lost; only the units below the line, by their gaps
STALE_DAYS = 30  # monthly: an open case with no visit for more days is stale
