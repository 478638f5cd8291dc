"""`kongchuo check` as a report: one record per (row, indicator), for every output format (the text a person
reads is in check_text).

Rates are exact fractions until here; display rounds (output.values), nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator

from kongchuo_cli import __version__
from kongchuo_cli.indicators.definitions import percent
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.judge.gate import ExitCode, exit_code, gated
from kongchuo_cli.model import FAIL
from kongchuo_cli.output.report import BATCH, Report, cell_value
from kongchuo_cli.output.values import RECORD_DECIMALS, note_text, status_counts, unit_label
from kongchuo_cli.output.views.check_book import check_book
from kongchuo_cli.output.views.check_text import to_table
from kongchuo_cli.problems import Message

# The record's keys (JSON keys and --lang en headers) with their Chinese headers, in the contract's order.
FIELDS: dict[str, str] = {
    "unit": "单位", "is_total": "是否合计", "indicator": "指标代码", "name": "指标", "numerator": "分子",
    "denominator": "分母", "rate": "比率(%)", "target": "标准", "status": "结果", "returns_needed": "需劝返人数",
    "formula": "公式", "note": "说明",
}
# From grade tables, two more: the cohort (its grade-1 school year; null for an annual rate) and the school year
# the figure describes.
PERIOD_FIELDS: dict[str, str] = {"cohort": "届(入学年)", "year": "学年"}
NUMERIC_FIELDS = {"numerator", "denominator", "rate", "returns_needed", "cohort", "year"}


def record(result: Result, lang: str) -> dict[str, object]:
    """One result as the contract's record (machine values; `name`, `unit` of the total and `note` follow lang)."""
    made = {
        "unit": unit_label(result, lang),
        "is_total": result.is_total,
        "indicator": result.indicator.id,
        "name": result.indicator.term.render(lang),
        "numerator": result.numerator,
        "denominator": result.denominator,
        "rate": percent(result.numerator, result.denominator, RECORD_DECIMALS) if result.has_rate else None,
        "target": result.line.target.text if result.line.target else None,
        "status": result.status,
        "returns_needed": result.returns_needed,
        "formula": result.formula,
        "note": note_text(result, lang),
    }
    if result.period:
        made["cohort"], made["year"] = result.period.cohort, result.period.year
    return made


def record_cells(results: list[Result], lang: str) -> Iterator[list[tuple[object, ...]]]:
    """The records' spreadsheet cells (CSV, TSV) a batch at a time: the cells formats would make of `record`, made
    from the results directly. A result's cells but its unit, numbers and rate follow from its indicator, line,
    status, need, notes and whether it has a period, which a province's 800,000 results share in a few thousand
    ways: each such set of cells, each unit's label and each rate is made once."""
    numeric = NUMERIC_FIELDS | {"rate"}
    flags = {flag: cell_value("is_total", flag, lang) for flag in (True, False)}
    labels: dict[str | None, object] = {}
    rates: dict[tuple[int, int], str] = {}
    shared: dict[tuple, tuple[object, ...]] = {}
    for start in range(0, len(results), BATCH):
        rows = []
        if len(shared) > BATCH:  # a key for each result with a note of its own: let them go
            shared.clear()
        for result in results[start:start + BATCH]:
            unit, numerator, denominator = result.unit, result.numerator, result.denominator
            label = labels.get(unit)
            if label is None:
                label = labels[unit] = cell_value("unit", unit_label(result, lang), lang)
            rate = ""
            if denominator:  # positive: a rate (a negative base never gets this far)
                rate = rates.get((numerator, denominator))
                if rate is None:
                    rate = rates[numerator, denominator] = percent(numerator, denominator, RECORD_DECIMALS)
            period = result.period
            # by identity: lines and notes are shared by the results that say them (a note with numbers, the gap
            # of one result, is its own, and its cells are made for it alone)
            key = (result.indicator, id(result.line), result.status, result.returns_needed, period is not None,
                   *map(id, result.notes))
            cells = shared.get(key)
            if cells is None:
                made = record(result, lang)
                cells = shared[key] = tuple(cell_value(field, made[field], lang, numeric) for field in _SHARED)
            row = (label, flags[result.is_total], *cells[:2], numerator, "" if denominator is None else denominator,
                   rate, *cells[2:])
            if period is not None:  # as `record` has them (a grade table's cohort and year)
                row += (cell_value("cohort", period.cohort, lang), period.year)
            rows.append(row)
        yield rows


_OWN = ("unit", "is_total", "numerator", "denominator", "rate")  # a result's own cells; record_cells puts them in
_SHARED = tuple(key for key in FIELDS if key not in _OWN)  # the order of FIELDS (test_check_cells checks the rows)


def check_report(evaluation: Judged, lang: str, gate: str, strict: bool, view: str | None = None,
                 subject: str = "") -> Report:
    """`check`'s results for every output format; `view` chooses the table's layout (None: long if it fits),
    `subject` names what was read in the workbook's title."""
    head = {
        "version": __version__,
        "thresholds": evaluation.thresholds.origin,
        "passed": exit_code(evaluation.results, gate, strict) == ExitCode.PASSED,
        "counts": status_counts(evaluation.results),
        "skipped": evaluation.skipped,
    }
    fields = {**FIELDS, **PERIOD_FIELDS} if evaluation.has_periods else FIELDS
    report = Report(fields, lambda: (record(result, lang) for result in evaluation.results), NUMERIC_FIELDS,
                    frozenset({"rate"}), head,
                    table=lambda color, width: to_table(evaluation, lang, gate, color, width, view),
                    brief=Message("brief_check", {"failed": status_counts(gated(evaluation.results, gate))[FAIL]}
                                  ).render(lang),
                    codes=frozenset({"is_total", "indicator"}), plain=frozenset({"cohort", "year"}),
                    cells=lambda: record_cells(evaluation.results, lang), length=lambda: len(evaluation.results))
    report.book = lambda: check_book(evaluation, report, lang, gate, subject)
    return report

