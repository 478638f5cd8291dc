"""Counts × thresholds → one `Result` per (row, indicator), with the returns needed to close each gap.

A row is a unit of the files, a group of units (`--by 乡镇`), or the total; a row's ratio is the sum of its
members' numerators over the sum of their denominators, never a mean of rates.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from operator import itemgetter

from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.indicators.definitions import (
    AT_LEAST,
    INDICATORS,
    RATE,
    SHARED_COLUMNS,
    Indicator,
    Terms,
    suspended_handling,
    value,
)
from kongchuo_cli.model import FAIL, NA, PASS, WARN, CountsTable, Period, RowCounts, Unit
from kongchuo_cli.policy.thresholds import UNIT_KEYS, Line, Thresholds, UnitLines
from kongchuo_cli.problems import KongchuoError, Message, Where
from kongchuo_cli.read.vocabulary import BY_NAME, normalize_header


@dataclass(slots=True)  # never changed once judged (evaluate adds the parts' need to a row's notes as it judges it);
class Result:  # not frozen: a frozen dataclass sets each field through object.__setattr__, 6× the cost of a plain
    #            one, for each of 800,000 results of a province's schools
    unit: str | None  # None for the total row kongchuo adds over several units
    is_total: bool
    indicator: Indicator
    numerator: int
    denominator: int | None  # None for a count indicator
    line: Line
    status: str
    returns_needed: int | None
    notes: tuple[Message, ...] = ()
    level: int = 0  # 1 for a unit shown under its group (--by 乡镇,学校)
    period: Period | None = None  # from a grade table: the cohort and school year the figure describes
    current: bool = True  # False for earlier cohorts and years shown by `check --history`: never gated

    @property
    def has_rate(self) -> bool:
        """A rate indicator with a positive denominator (a zero one leaves the rate undefined)."""
        return self.denominator is not None and self.denominator > 0

    @property
    def rate(self) -> Fraction | None:
        """The exact rate as a fraction of 1; None for a count or an undefined rate."""
        return Fraction(self.numerator, self.denominator) if self.has_rate else None

    @property
    def formula(self) -> str | None:
        """The formula chosen among the indicator's variants; for an annual rate from a grade table, its
        definition and 休学 handling."""
        if self.indicator.variants is not None:
            return self.line.formula
        if self.indicator.annual and self.period is not None:
            return f"{self.line.definition}; suspended={suspended_handling(self.line.definition, self.line.suspended)}"
        return None


@dataclass(frozen=True)
class Judged:
    """Every row's results, the indicators no input could feed, and the lines that judged them."""

    results: list[Result]
    skipped: list[str]  # indicators none of whose columns are present
    thresholds: Thresholds

    @property
    def has_periods(self) -> bool:
        """Whether the results describe cohorts and school years (from grade tables)."""
        return any(result.period is not None for result in self.results)


@dataclass
class Row:
    """A row of the output: its members' ratios are summed; `children` are the rows shown under it whose own
    needs its note adds up (the county's need is not the sum of its units' needs: both are shown)."""

    label: str | None  # None: the total
    members: list[int]  # positions of units
    children: list[Row] = field(default_factory=list)
    level: int = 0  # depth under the groups of --by
    is_unit: bool = False  # a unit of the files (only units take the lines of their kind: groups and totals never)


def judge(indicator: Indicator, line: Line, numerator: int, denominator: int | None
          ) -> tuple[str, int | None, tuple[Message, ...]]:
    """(status, returns needed, notes) of one ratio against its line, compared exactly."""
    if indicator.kind == RATE and denominator == 0:
        return NA, None, plain_notes(("note_zero_denominator",))
    if line.target is None:
        return NA, None, plain_notes(("note_no_rule",))
    base = denominator if indicator.kind == RATE else 1
    if not line.target.holds(numerator, base):
        needed = line.target.returns_needed(numerator, base)
        missing = base - numerator if indicator.direction == AT_LEAST else numerator
        notes = (Message("note_unreachable", {"needed": needed, "missing": missing}),) if needed > missing else ()
        return FAIL, needed, notes
    if line.warn is not None and not line.warn.holds(numerator, base):
        gap = line.warn.returns_needed(numerator, base)
        return WARN, 0, (Message("note_warn_gap", {"warn": line.warn.text, "needed": gap}),)
    return PASS, 0, ()


@functools.cache
def plain_notes(codes: tuple[str, ...]) -> tuple[Message, ...]:
    """Notes without parameters, made once and shared by every result that says them (never changed once made):
    a province's 8,000,000 results would otherwise hold 3,000,000 copies of 未设阈值 alone, 600 MB."""
    return tuple(Message(code) for code in codes)


def units_need(own: int | None, parts: int) -> Message:
    """What a row's parts need on their own beside its need, and why that is more (never less: each part's need
    rounds up, and parts above the line make up part of the others' shortfall in the row's sum)."""
    if not own:
        return Message("note_units_need_met", {"needed": parts})
    if parts > own:
        return Message("note_units_need_more", {"needed": parts, "own": own})
    return Message("note_units_need", {"needed": parts})


NO_LINE = Line()  # an indicator the thresholds say nothing of (one object, shared by every result judged so)


def line_for(indicator: Indicator, lines: dict[str, Line], available: set[str]) -> tuple[Line, tuple[Message, ...]]:
    """The line that judges an indicator, and what must be said about it: an indicator without a line of its own
    is judged by the line of the one it stands in for when the data cannot give that one (三类 data under a line for
    all disabled children), and says so."""
    line = lines.get(indicator.id, NO_LINE)
    other = indicator.stands_in_for
    if line.target is None and other is not None and other not in available:
        substitute = lines.get(other, NO_LINE)
        if substitute.target is not None:
            return substitute, (Message("note_stand_in"),)
    return line, ()


def _how_counted(indicator: Indicator, units: list[Unit], options: _Options) -> tuple[Message, ...]:
    """What a row's numerator was computed from, when not the usual column (入学数 from its parts; 辍学 without
    失学), and the counts shown beside the rate (延缓入学 kept in the base)."""
    if not indicator.option_notes and not indicator.remarks:  # most indicators: nothing to say
        return ()
    if len(units) == 1:  # a unit's row: its one note, if any
        code = options.note(units[0].counts)
        notes = plain_notes((code,)) if code is not None else ()
    else:
        notes = plain_notes(tuple(code for code in dict.fromkeys(options.note(unit.counts) for unit in units)
                                  if code is not None))
    for column, code in indicator.remarks:
        count = sum(unit.counts.get(column, 0) for unit in units)
        if count:
            notes += (Message(code, {"count": count}),)
    return notes


class _Options:
    """An indicator's terms and what they say, for each set of columns: the units of one table share their
    columns, so the numerator's alternative is chosen once per table rather than once per unit and row, and for
    a table's RowCounts the terms become getters of the positions they sum."""

    def __init__(self, indicator: Indicator, formula: str) -> None:
        self.indicator, self.formula = indicator, formula
        self.chosen: dict[tuple[str, ...], tuple[Terms, Terms | None, str | None]] = {}
        # by the id of a table's shared positions (kept here, so that the id stays theirs): the getters and note
        self.compiled: dict[int, tuple[Callable, Callable | None, str | None, dict[str, int]]] = {}

    def _choice(self, counts: Mapping[str, int]) -> tuple[Terms, Terms | None, str | None]:
        columns = tuple(counts)
        choice = self.chosen.get(columns)
        if choice is None:
            choice = self.chosen[columns] = (*self.indicator.parts(counts, self.formula),
                                             self.indicator.option_note(counts))
        return choice

    def compiled_for(self, counts: RowCounts) -> tuple[Callable, Callable | None, str | None, dict[str, int]]:
        found = self.compiled.get(id(counts.positions))
        if found is None:
            numerator, denominator, note = self._choice(counts)
            positions = counts.positions
            found = self.compiled[id(positions)] = (_getter(numerator, positions), None if denominator is None
                                                    else _getter(denominator, positions), note, positions)
        return found

    def ratio(self, counts: Mapping[str, int]) -> tuple[int, int | None]:
        """Counts of a dict (grade tables' units); a table's RowCounts go by compiled_for's getters (_ratios)."""
        numerator, denominator, _ = self._choice(counts)
        return value(numerator, counts), None if denominator is None else value(denominator, counts)

    def note(self, counts: Mapping[str, int]) -> str | None:
        if counts.__class__ is RowCounts:
            return self.compiled_for(counts)[2]
        return self._choice(counts)[2]


def _getter(of: Terms, positions: dict[str, int]) -> Callable[[tuple[int, ...]], int]:
    """`value(of, counts)` for counts of these positions, as a function of their numbers (an absent optional
    column counts as 0): most indicators take one column, and itemgetter takes it at C speed."""
    present = [(sign, positions[column]) for sign, column in of if column in positions]
    if len(present) == 1 and present[0][0] == 1:
        return itemgetter(present[0][1])
    return lambda numbers: sum([sign * numbers[position] for sign, position in present])


def available_indicators(tables: list[CountsTable]) -> tuple[list[Indicator], list[str]]:
    """The indicators every file can feed, and those no file mentions; a partial set of columns is an error."""
    available, skipped, problems = [], [], []
    for indicator in INDICATORS:
        having = [table for table in tables if _mentions(table.columns, indicator)]
        for table in having:
            for missing in indicator.missing_columns(set(table.columns)):
                params = {"indicator": indicator.term, "missing": BY_NAME[missing].headers[0]}
                problems.append(Message("indicator_partial", params, Where(table.path)))
        if not having:
            skipped.append(indicator.id)
        elif len(having) < len(tables):
            lacking = listing(table.path for table in tables if table not in having)
            problems.append(Message("indicator_files_disagree", {"indicator": indicator.term, "files": lacking}))
        else:
            available.append(indicator)
    if problems:
        raise KongchuoError(problems)
    return available, skipped  # not empty: the header has a count column, and every count column feeds one


def _mentions(columns: frozenset[str], indicator: Indicator) -> bool:
    """Whether a table means to give an indicator: a column of its own, or one it shares (初中适龄人口数, the
    base of two rates) with no other indicator the table gives a column of its own."""
    own = columns & (set(indicator.columns) - SHARED_COLUMNS)
    if own:
        return True
    shared = columns & set(indicator.columns) & SHARED_COLUMNS
    return bool(shared) and not any(columns & (set(other.columns) - SHARED_COLUMNS) for other in INDICATORS
                                    if other is not indicator and shared & set(other.columns))


def _ratios(units: list[Unit], indicator: Indicator, line: Line, sparse: bool, options: _Options
            ) -> list[tuple[int, int | None] | None]:
    """Each unit's ratio (None for a unit of a grade table without data for it); a negative numerator or base is
    bad data (e.g. more transfers out than pupils)."""
    ratios: list[tuple[int, int | None] | None] = []
    problems = []
    shared: dict[int | None, int | None] = {}  # each number once: results keep them, and a column has few distinct
    table_of, numerator_of, denominator_of = None, None, None  # the getters of the last table's RowCounts
    for unit in units:
        counts = unit.counts
        if sparse and indicator.missing_columns(set(counts)):
            ratios.append(None)
            continue
        if counts.__class__ is RowCounts:
            if counts.positions is not table_of:
                numerator_of, denominator_of, _, table_of = options.compiled_for(counts)
            numbers = counts.numbers
            numerator = numerator_of(numbers)
            denominator = None if denominator_of is None else denominator_of(numbers)
        else:
            numerator, denominator = options.ratio(counts)
        numerator, denominator = shared.setdefault(numerator, numerator), shared.setdefault(denominator, denominator)
        if numerator >= 0 and (denominator is None or denominator >= 0):
            ratios.append((numerator, denominator))
            continue
        for count, part in ((denominator, term("term_denominator")), (numerator, term("term_numerator"))):
            if count is not None and count < 0:
                formula = indicator.variant(line.formula)
                text = Term(formula.spell("zh"), formula.spell("en")) if formula else "—"
                problems.append(Message("ratio_negative", {"indicator": indicator.term, "part": part, "value": count,
                                                           "formula": text}, unit.where))
        ratios.append((numerator, denominator))
    if problems:
        raise KongchuoError(problems)
    return ratios


def _group_line(indicator: Indicator, group: UnitLines, available: set[str]) -> tuple[Line, tuple[Message, ...]]:
    """The line a group of units takes for an indicator, and its notes: which group's lines applied, and a stand-in."""
    line, notes = line_for(indicator, group.lines, available)
    return line, (Message("note_applied", {"name": group.name}), *notes)


def _common_period(found: list[Period | None]) -> Period | None:
    """A row's period: its units', without the cohort where they differ (5-4 and 6-3 primary cohorts finishing
    in the same year)."""
    present = {period for period in found if period is not None}
    if len(present) <= 1:
        return next(iter(present), None)
    return replace(present.pop(), cohort=None)


def layout(units: list[Unit], by: tuple[str, ...] = ()) -> list[Row]:
    """The rows in display order: units, or groups each followed by what `by` shows under them; the total last
    when there is more than one unit. A unit's value for a column is its group cell, or its own label where the
    column is the one that labels it (a township-level file beside a school-level one)."""

    def grouped(members: list[int], keys: tuple[str, ...], prefix: str, depth: int) -> list[Row]:
        key, rest = keys[0], keys[1:]
        if all(units[member].label_key == key for member in members):  # the units themselves
            return [Row(units[member].label, [member], level=depth, is_unit=True) for member in members]
        values: dict[str, list[int]] = {}
        for member in members:
            unit = units[member]
            values.setdefault(unit.label if unit.label_key == key else unit.groups[key], []).append(member)
        return [Row(f"{prefix}{value}", group, grouped(group, rest, f"{prefix}{value}/", depth + 1) if rest else [],
                    depth) for value, group in values.items()]

    everyone = list(range(len(units)))
    top = grouped(everyone, by, "", 0) if by else [Row(unit.label, [position], is_unit=True)
                                                   for position, unit in enumerate(units)]
    shown: list[Row] = []

    def flatten(rows: list[Row]) -> None:
        for row in rows:
            shown.append(row)
            flatten(row.children)

    flatten(top)
    if len(units) > 1:
        shown.append(Row(None, everyone, top))
    return shown


def check_groups(tables: list[CountsTable], by: tuple[str, ...]) -> tuple[str, ...]:
    """`by` as normalised headers; an unknown column, a unit column before the last place, or a unit with an empty
    group cell (a CSV saved from a merged 乡镇 column) is an error."""
    keys = tuple(normalize_header(name) for name in by)
    problems = []
    for name, key in zip(by, keys):
        for table in tables:
            if not table.grouping.knows(key):
                shown = listing(table.grouping.names) if table.grouping.names else "—"
                problems.append(Message("by_unknown", {"column": name, "columns": shown}, Where(table.path)))
    for name, key in zip(by[:-1], keys[:-1]):
        if any(table.grouping.label_key == key for table in tables):
            problems.append(Message("by_label_last", {"column": name}))
    if not problems:
        for table in tables:
            for unit in table.units:
                for name, key in zip(by, keys):
                    if unit.label_key != key and not unit.groups.get(key):
                        problems.append(Message("by_blank", {"column": name}, unit.where))
    if problems:
        raise KongchuoError(problems[:50])
    return keys


def check_unit_lines(tables: list[CountsTable], thresholds: Thresholds) -> list[Message]:
    """Problems of the thresholds' groups against the data: a condition on a column no file has (an error); the
    warnings, a group that matches no unit."""
    problems = []
    for group in thresholds.groups:
        for column, _ in group.when:
            if column not in UNIT_KEYS and not any(table.grouping.knows(column) for table in tables):
                found = [name for table in tables for name in table.grouping.names]
                names = listing(found) if found else "—"
                problems.append(Message("group_column_unknown", {"column": column, "columns": names},
                                        Where(thresholds.origin, line=group.position)))
    return problems


def unmatched_groups(tables: list[CountsTable], thresholds: Thresholds) -> list[Message]:
    units = [unit for table in tables for unit in table.units]
    return [Message("group_matches_nothing", {"name": group.name}, Where(thresholds.origin, line=group.position))
            for group in thresholds.groups if not any(group.matches(unit.label, unit.groups) for unit in units)]


def _unit_lines(tables: list[CountsTable], thresholds: Thresholds, units: list[Unit]) -> list[UnitLines | None]:
    """Each unit's kind of lines (城乡: 农村), if the thresholds have any: the first group that matches."""
    problems = check_unit_lines(tables, thresholds)
    if problems:
        raise KongchuoError(problems)
    return [thresholds.group_for(unit.label, unit.groups) for unit in units]


def evaluate(tables: list[CountsTable], thresholds: Thresholds, by: tuple[str, ...] = ()) -> Judged:
    """Every row's indicators: the units (or their groups), then the total of Σ numerators / Σ denominators."""
    indicators, skipped = available_indicators(tables)
    keys = check_groups(tables, by) if by else ()
    units = [unit for table in tables for unit in table.units]
    rows = layout(units, keys)
    unit_lines = _unit_lines(tables, thresholds, units)
    position_of = {id(row): position for position, row in enumerate(rows)}
    parents = [(position, [position_of[id(child)] for child in row.children])
               for position, row in enumerate(rows) if row.children]
    by_indicator: list[list[Result | None]] = []
    problems = []
    sparse = any(table.sparse for table in tables)  # grade tables: not every unit has every cohort
    available = {indicator.id for indicator in indicators}
    for indicator in indicators:
        line, stand_in = line_for(indicator, thresholds.lines, available)
        options = _Options(indicator, line.formula)
        try:
            ratios = _ratios(units, indicator, line, sparse, options)
        except KongchuoError as error:
            problems.extend(error.problems)
            continue
        said = bool(indicator.option_notes or indicator.remarks)  # most indicators say nothing of how they count
        kinds: dict[int, tuple[Line, tuple[Message, ...]]] = {}  # a group of lines: its line and notes
        judged: list[Result | None] = []
        for row in rows:
            members = row.members
            if len(members) == 1:  # most rows: one unit, its own ratio
                member = members[0]
                ratio = ratios[member]
                if ratio is None:
                    judged.append(None)
                    continue
                unit = units[member]
                numerator, denominator = ratio
                row_line, applied = line, stand_in
                if row.is_unit:
                    group = unit_lines[member]
                    if group is not None:  # a unit takes the lines of its kind (made once for the group)
                        row_line, applied = kinds.get(id(group)) or kinds.setdefault(id(group), _group_line(
                            indicator, group, available))
                    if unit.notes:  # what was assumed to derive its counts
                        applied += unit.notes
                if said:
                    applied += _how_counted(indicator, [unit], options)
                period = unit.period
            else:
                present = [member for member in members if ratios[member] is not None]
                if not present:
                    judged.append(None)
                    continue
                row_line, applied = line, stand_in
                numerator = sum(ratios[member][0] for member in present)
                denominator = None if indicator.kind != RATE else sum(ratios[member][1] for member in present)
                applied += _how_counted(indicator, [units[member] for member in present], options)
                period = _common_period([units[member].period for member in members])
            status, needed, notes = judge(indicator, row_line, numerator, denominator)
            judged.append(Result(row.label, row.label is None, indicator, numerator, denominator, row_line, status,
                                 needed, applied + notes if notes else applied, row.level, period))
        for position, children in parents:  # the county's need beside the sum of its parts' own needs
            result = judged[position]
            if result is None:
                continue
            children_need = sum(judged[child].returns_needed or 0 for child in children if judged[child] is not None)
            if children_need:
                result.notes = result.notes + (units_need(result.returns_needed, children_need),)
        by_indicator.append(judged)
    if problems:
        raise KongchuoError(problems)
    results = [result for row_results in zip(*by_indicator) for result in row_results if result is not None]
    return Judged(results, skipped, thresholds)
