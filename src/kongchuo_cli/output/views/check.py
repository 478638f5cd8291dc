"""`kongchuo check` as a report: one record per (row, indicator), the table a person reads with its footer
(which formula, which sources), and the summary lines.

Rates are exact fractions until here; display rounds (output.values), nothing else.
"""

from __future__ import annotations

from kongchuo_cli import __version__
from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.indicators.definitions import BY_ID, RATE, percent
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.judge.gate import ExitCode, exit_code, gated
from kongchuo_cli.model import FAIL, NA, PASS, WARN
from kongchuo_cli.output.report import STATUS_LABELS, Report
from kongchuo_cli.output.text import Column, draw
from kongchuo_cli.output.values import (
    RECORD_DECIMALS,
    STATUS_STYLES,
    TOTAL_LABEL,
    display_rate,
    lines_sheet,
    note_text,
    period_text,
    status_counts,
    unit_label,
)
from kongchuo_cli.policy.thresholds import BUILT_IN
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
    return {
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
        **({"cohort": result.period.cohort, "year": result.period.year} if result.period else {}),
    }


def check_report(evaluation: Judged, lang: str, gate: str, strict: bool) -> Report:
    """`check`'s results for every output format."""
    head = {
        "version": __version__,
        "thresholds": evaluation.thresholds.origin,
        "passed": exit_code(evaluation.results, gate, strict) == ExitCode.PASSED,
        "counts": status_counts(evaluation.results),
        "skipped": evaluation.skipped,
    }
    fields = {**FIELDS, **PERIOD_FIELDS} if _has_periods(evaluation) else FIELDS
    return Report(fields, [record(result, lang) for result in evaluation.results], NUMERIC_FIELDS,
                  frozenset({"rate"}), head, table=lambda color, width: to_table(evaluation, lang, gate, color, width),
                  sheets=[lines_sheet(evaluation.thresholds, lang)])


def _has_periods(evaluation: Judged) -> bool:
    return any(result.period is not None for result in evaluation.results)


SUMMARY_LISTED_NEEDS = 10  # beyond this the summary line names how many more


def summary_lines(evaluation: Judged, lang: str, gate: str) -> list[str]:
    """What the gated rows say, in a sentence or two: counts by status and the children to bring back."""
    decided = gated(evaluation.results, gate)
    counts = status_counts(decided)
    if gate == "units":
        scope: object = term("term_all_units")
    else:
        scope = TOTAL_LABEL if not decided or decided[0].is_total else decided[0].unit
    lines = [Message("summary_counts", {"scope": scope, "passed": counts[PASS], "warned": counts[WARN],
                                        "failed": counts[FAIL], "undefined": counts[NA]})]
    needs = [Message("summary_need", {"unit": "" if result.is_total else f"{result.unit} ",
                                      "indicator": result.indicator.term, "count": result.returns_needed})
             for result in sorted(decided, key=lambda result: not result.is_total) if result.status == FAIL]
    if len(needs) > SUMMARY_LISTED_NEEDS:
        needs = needs[:SUMMARY_LISTED_NEEDS] + [Message("summary_more", {"count": len(needs) - SUMMARY_LISTED_NEEDS})]
    if needs:
        lines.append(Message("summary_needs", {"needs": tuple(needs)}))
    return [line.render(lang) for line in lines]


def summary_line(evaluation: Judged, lang: str, gate: str) -> str:
    """One line for a CI log: counts of the gated rows and the children to return."""
    decided = gated(evaluation.results, gate)
    counts = status_counts(decided)
    needs = tuple(Message("summary_line_need", {"unit": "" if result.is_total else f"{result.unit} ",
                                                "indicator": result.indicator.term, "count": result.returns_needed})
                  for result in sorted(decided, key=lambda result: not result.is_total) if result.status == FAIL)
    listed = needs[:SUMMARY_LISTED_NEEDS] + ((Message("summary_more", {"count": len(needs) - SUMMARY_LISTED_NEEDS}),)
                                             if len(needs) > SUMMARY_LISTED_NEEDS else ())
    undefined = Message("summary_line_undefined", {"count": counts[NA]}) if counts[NA] else ""
    return Message("summary_line", {"failed": counts[FAIL], "warned": counts[WARN], "passed": counts[PASS],
                                    "undefined": undefined,
                                    "needs": Message("summary_line_needs", {"needs": listed}) if needs else ""}
                   ).render(lang)


TABLE_COLUMNS = (
    Column(Term("单位", "Unit")), Column(Term("指标", "Indicator")), Column(Term("分子", "Num."), right=True),
    Column(Term("分母", "Denom."), right=True), Column(Term("比率", "Rate"), right=True), Column(Term("标准", "Line")),
    Column(Term("结果", "Status")), Column(Term("需劝返", "Returns"), right=True),
)
NOTE_COLUMN = Column(Term("说明", "Note"), wraps=True)
PERIOD_COLUMN = Column(Term("届/学年", "Cohort/year"))


def to_table(evaluation: Judged, lang: str, gate: str, color: bool = False, width: int | None = None) -> str:
    """The table a person reads: one block per unit, the total last, pass/warn/fail marked, then a summary."""
    thresholds = evaluation.thresholds
    origin = term("term_built_in") if thresholds.origin == BUILT_IN else thresholds.origin
    title = Message("table_title", {"name": thresholds.name or "—", "origin": origin}).render(lang)
    has_notes = any(result.notes for result in evaluation.results)
    periods = _has_periods(evaluation)
    columns = list(TABLE_COLUMNS)
    if periods:
        columns.insert(2, PERIOD_COLUMN)
    if has_notes:
        columns.append(NOTE_COLUMN)
    sections: list[list[list[tuple[str, str | None]]]] = []
    for position, result in enumerate(evaluation.results):
        first_of_unit = position == 0 or result.unit != evaluation.results[position - 1].unit
        if first_of_unit and result.level == 0:  # a group and the units shown under it share one block
            sections.append([])
        bold = "bold" if result.is_total else None
        mark, status_style = STATUS_STYLES[result.status]
        needed = result.returns_needed
        row = [
            ("  " * result.level + unit_label(result, lang) if first_of_unit else "",
             None if result.level else "bold"),
            (result.indicator.term.render(lang), bold),
            (f"{result.numerator:,}", bold),
            ("" if result.denominator is None else f"{result.denominator:,}", bold),
            (display_rate(result) if result.indicator.kind == RATE else "", bold),
            (result.line.target.text if result.line.target else "—", bold),
            (f"{mark} {STATUS_LABELS[result.status].render(lang)}", status_style if result.current else "dim"),
            ("" if needed is None else f"{needed:,}", "bold red" if needed and result.current else bold),
        ]
        if periods:
            row.insert(2, (period_text(result, lang), bold if result.current else "dim"))
        if has_notes:
            row.append((note_text(result, lang) or "", bold))
        sections[-1].append(row)
    footer = _footer(evaluation, lang) + [""] + summary_lines(evaluation, lang, gate)
    headers = [column.header.render(lang) for column in columns]
    return draw(title, columns, headers, sections, width or 140, color) + "\n".join(footer) + "\n"


def _footer(evaluation: Judged, lang: str) -> list[Message]:
    """Which formula and which sources produced the verdicts."""
    shown = {result.indicator.id: result for result in evaluation.results}
    lines = []
    for result in shown.values():
        formula = result.indicator.variant(result.formula) if result.indicator.variants else None
        if formula is not None:
            lines.append(Message("footer_formula", {"formula": formula.id,
                                                    "text": Term(formula.spell("zh"), formula.spell("en"))}))
    for result in shown.values():
        if result.line.target is not None and result.line.source:
            other = result.indicator.stands_in_for
            if other is not None and result.line == evaluation.thresholds.line(other):  # 三类 judged by its line
                lines.append(Message("footer_stand_in", {"indicator": result.indicator.term, "other": BY_ID[other].term,
                                                         "rule": result.line.target.text,
                                                         "source": result.line.source}))
                continue
            lines.append(Message("footer_line", {"indicator": result.indicator.term, "rule": result.line.target.text,
                                                 "source": result.line.source}))
    for group in evaluation.thresholds.groups:  # the lines of each kind of unit, with their sources too
        for indicator_id, line in group.lines.items():
            if indicator_id in shown and line.target is not None and line != evaluation.thresholds.line(indicator_id):
                lines.append(Message("footer_group_line", {"group": group.name, "indicator": BY_ID[indicator_id].term,
                                                           "rule": line.target.text,
                                                           "source": line.source or "—"}))
    if _has_periods(evaluation):
        lines.append(Message("footer_periods"))
        for result in shown.values():
            if result.period is not None and result.indicator.annual:
                lines.append(Message("footer_dropout", {"indicator": result.indicator.term,
                                                        "formula": result.formula}))
        if any(not result.current for result in evaluation.results):
            lines.append(Message("footer_history"))
    if evaluation.skipped:
        lines.append(Message("footer_skipped", {"indicators": listing(evaluation.skipped)}))
    return [line.render(lang) for line in lines]
