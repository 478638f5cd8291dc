"""Counts × thresholds → one `Result` per (unit, indicator), with the returns needed to close each gap."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from kongchuo_cli.columns import BY_NAME
from kongchuo_cli.indicators import AT_LEAST, INDICATORS, RATE, Indicator
from kongchuo_cli.load import FileTable
from kongchuo_cli.messages import KongchuoError, Message, Where
from kongchuo_cli.thresholds import Line, Thresholds

PASS, WARN, FAIL, NA = "pass", "warn", "fail", "n/a"
STATUSES = (PASS, WARN, FAIL, NA)


@dataclass(frozen=True)
class Result:
    unit: str | None  # None for the total row kongchuo adds over several units
    is_total: bool
    indicator: Indicator
    numerator: int
    denominator: int | None  # None for a count indicator
    line: Line
    status: str
    returns_needed: int | None
    notes: tuple[Message, ...] = ()

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
        return self.line.formula if self.indicator.id == "consolidation_9y" else None


@dataclass(frozen=True)
class Evaluation:
    results: list[Result]
    skipped: list[str]  # indicators none of whose columns are present
    thresholds: Thresholds


def judge(indicator: Indicator, line: Line, numerator: int, denominator: int | None
          ) -> tuple[str, int | None, tuple[Message, ...]]:
    """(status, returns needed, notes) of one ratio against its line, compared exactly."""
    if indicator.kind == RATE and denominator == 0:
        return NA, None, (Message("note_zero_denominator"),)
    if indicator.kind == RATE and denominator < 0:
        return NA, None, (Message("note_negative_denominator", {"denominator": denominator}),)
    if line.target is None:
        return NA, None, (Message("note_no_rule"),)
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


def available_indicators(tables: list[FileTable]) -> tuple[list[Indicator], list[str]]:
    """The indicators every file can feed, and those no file mentions; a partial set of columns is an error."""
    available, skipped, problems = [], [], []
    for indicator in INDICATORS:
        having = [table for table in tables if table.columns.intersection(indicator.columns)]
        for table in having:
            for missing in indicator.missing_columns(set(table.columns)):
                params = {"indicator": indicator.term, "missing": BY_NAME[missing].headers[0]}
                problems.append(Message("indicator_partial", params, Where(table.path)))
        if not having:
            skipped.append(indicator.id)
        elif len(having) < len(tables):
            lacking = ", ".join(table.path for table in tables if table not in having)
            problems.append(Message("indicator_files_disagree", {"indicator": indicator.term, "files": lacking}))
        else:
            available.append(indicator)
    if problems:
        raise KongchuoError(problems)
    return available, skipped  # not empty: the header has a count column, and every count column feeds one


def evaluate(tables: list[FileTable], thresholds: Thresholds) -> Evaluation:
    """Every unit's indicators, then, with several units, a total row of Σ numerators / Σ denominators."""
    indicators, skipped = available_indicators(tables)
    units = [unit for table in tables for unit in table.units]
    results = []
    for indicator in indicators:
        line = thresholds.line(indicator.id)
        ratios = [(unit, indicator.ratio(unit.counts, line.formula)) for unit in units]
        unit_results = [_result(unit.label, False, indicator, line, *ratio) for unit, ratio in ratios]
        results.extend(unit_results)
        if len(units) > 1:
            numerator = sum(ratio[0] for _, ratio in ratios)
            denominator = None if indicator.kind != RATE else sum(ratio[1] for _, ratio in ratios)
            total = _result(None, True, indicator, line, numerator, denominator)
            # The county's need is not the sum of its units' needs (indicators.md §3): show both.
            units_need = sum(result.returns_needed or 0 for result in unit_results)
            if units_need:
                total = replace(total, notes=total.notes + (Message("note_units_need", {"needed": units_need}),))
            results.append(total)
    order = {unit.label: position for position, unit in enumerate(units)}
    results.sort(key=lambda result: len(units) if result.is_total else order[result.unit])  # stable: by unit
    return Evaluation(results, skipped, thresholds)


def _result(unit: str | None, is_total: bool, indicator: Indicator, line: Line, numerator: int,
            denominator: int | None) -> Result:
    status, needed, notes = judge(indicator, line, numerator, denominator)
    return Result(unit, is_total, indicator, numerator, denominator, line, status, needed, notes)

