"""Results → text: the box table for people, and csv/tsv/json/markdown records for machines.

Rates are exact fractions until here; this is the only place that rounds, and only for display.
"""

from __future__ import annotations

from functools import lru_cache

from kongchuo_cli import __version__
from kongchuo_cli.evaluate import FAIL, NA, PASS, STATUSES, WARN, Evaluation, Result
from kongchuo_cli.gate import ExitCode, exit_code, gated
from kongchuo_cli.indicators import BY_ID, DROPOUTS, FORMULAS, RATE
from kongchuo_cli.messages import Message, Term
from kongchuo_cli.plan import PlanRow
from kongchuo_cli.report import STATUS_LABELS, Report
from kongchuo_cli.table import Column
from kongchuo_cli.thresholds import BUILT_IN, Thresholds

RECORD_DECIMALS = 4  # the contract's `rate`: percent rounded to 4 decimals

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
# Marks of Chinese paper forms, and all in GBK (--output-encoding gbk): √ pass, ! warn, × fail
STATUS_STYLES = {PASS: ("√", "green"), WARN: ("!", "yellow"), FAIL: ("×", "bold red"), NA: ("—", "dim")}
TOTAL_LABEL = Term("合计", "Total")


def percent(numerator: int, denominator: int, decimals: int) -> str:
    """numerator/denominator × 100, rounded half up (as national releases round) to `decimals` places, on integers."""
    scaled = abs(numerator) * 100 * 10**decimals
    rounded = (2 * scaled + denominator) // (2 * denominator)
    whole, fraction = divmod(rounded, 10**decimals)
    sign = "-" if numerator < 0 and rounded else ""
    return f"{sign}{whole}.{fraction:0{decimals}d}" if decimals else f"{sign}{whole}"


def display_rate(result: Result) -> str:
    """The rate at the indicator's usual precision, with more digits where rounding would make it look equal to
    a line it does not equal (95.96% shown as 96.0% beside a failed ">= 96%" would mislead)."""
    if not result.has_rate:
        return "—"
    numerator, denominator = result.numerator, result.denominator
    lines = [rule.value for rule in (result.line.target, result.line.warn) if rule is not None]
    decimals = result.indicator.decimals
    shown = percent(numerator, denominator, decimals)
    while decimals < 8 and any(shown == _line_percent(line.numerator, line.denominator, decimals)
                               and numerator * line.denominator != line.numerator * denominator for line in lines):
        decimals += 1
        shown = percent(numerator, denominator, decimals)
    return f"{shown}%"


_line_percent = lru_cache(maxsize=256)(percent)  # a line's percent, reused for every unit


def unit_label(result: Result, lang: str) -> str:
    return TOTAL_LABEL.render(lang) if result.unit is None else result.unit


def note_text(result: Result, lang: str) -> str | None:
    if not result.notes:
        return None
    return ("" if lang == "zh" else " ").join(note.render(lang) for note in result.notes)  # each ends a sentence


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


def period_text(result: Result, lang: str) -> str:
    """2012级→2020 (a cohort, and the school year it is judged in) or 2019学年 (an annual rate)."""
    period = result.period
    if period is None:
        return ""
    if result.indicator.id in DROPOUTS:
        return f"{period.year}学年" if lang == "zh" else f"{period.year}-{(period.year + 1) % 100:02d}"
    cohort = "" if period.cohort is None else period.cohort  # cohorts of 6-3 and 5-4 units finishing together
    return f"{cohort}级→{period.year}" if lang == "zh" and cohort else f"{cohort}→{period.year}"


def status_counts(results: list[Result]) -> dict[str, int]:
    return {status: sum(result.status == status for result in results) for status in STATUSES}


def check_report(evaluation: Evaluation, lang: str, gate: str, strict: bool) -> Report:
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
                  sheets=[_lines_sheet(evaluation.thresholds, lang)])


def _has_periods(evaluation: Evaluation) -> bool:
    return any(result.period is not None for result in evaluation.results)


def _lines_sheet(thresholds: Thresholds, lang: str) -> tuple[Term, list[list[object]]]:
    """The lines used, as a workbook sheet: which profile or file, then one row per indicator."""
    origin = Term("内置", "built-in").render(lang) if thresholds.origin == BUILT_IN else thresholds.origin
    rows: list[list[object]] = [[thresholds.name or "", origin], []]
    rows.append([header.render(lang) for header in LINE_HEADERS])
    kinds = [("", thresholds.lines)] + [(group.name, group.lines) for group in thresholds.groups]
    for kind, lines in kinds:
        for indicator_id, line in lines.items():
            rows.append([indicator_id, BY_ID[indicator_id].term.render(lang), line.target.text if line.target else "",
                         line.warn.text if line.warn else "",
                         line.formula if indicator_id == "consolidation_9y" else "", line.source or "", kind])
    return Term("标准", "thresholds"), rows


LINE_HEADERS = (Term("指标代码", "indicator"), Term("指标", "name"), Term("标准", "target"), Term("预警线", "warn"),
                Term("公式", "formula"), Term("来源", "source"), Term("适用单位", "applies to"))


SUMMARY_LISTED_NEEDS = 10  # beyond this the summary line names how many more


def summary_lines(evaluation: Evaluation, lang: str, gate: str) -> list[str]:
    """What the gated rows say, in a sentence or two: counts by status and the children to bring back."""
    decided = gated(evaluation.results, gate)
    counts = status_counts(decided)
    if gate == "units":
        scope: object = Term("全部单位", "All units")
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


def summary_line(evaluation: Evaluation, lang: str, gate: str) -> str:
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


def to_table(evaluation: Evaluation, lang: str, gate: str, color: bool = False, width: int | None = None) -> str:
    """The table a person reads: one block per unit, the total last, pass/warn/fail marked, then a summary."""
    from kongchuo_cli.table import draw

    thresholds = evaluation.thresholds
    origin = Term("内置", "built-in") if thresholds.origin == BUILT_IN else thresholds.origin
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


def _footer(evaluation: Evaluation, lang: str) -> list[Message]:
    """Which formula and which sources produced the verdicts."""
    shown = {result.indicator.id: result for result in evaluation.results}
    lines = []
    consolidation = shown.get("consolidation_9y")
    if consolidation is not None:
        formula = FORMULAS[consolidation.formula]
        lines.append(Message("footer_formula", {"formula": formula.id, "text": Term(formula.spell("zh"), formula.spell("en"))}))
    for result in shown.values():
        if result.line.target is not None and result.line.source:
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
            if result.period is not None and result.indicator.id in DROPOUTS:
                lines.append(Message("footer_dropout", {"indicator": result.indicator.term,
                                                        "formula": result.formula}))
        if any(not result.current for result in evaluation.results):
            lines.append(Message("footer_history"))
    if evaluation.skipped:
        lines.append(Message("footer_skipped", {"indicators": ", ".join(evaluation.skipped)}))
    return [line.render(lang) for line in lines]


PLAN_FIELDS: dict[str, str] = {
    "unit": "单位", "is_total": "是否合计", "indicator": "指标代码", "name": "指标", "rate": "比率(%)", "target": "标准",
    "status": "结果", "lost": "流失人数", "share": "分配劝返人数", "own_need": "单独达标需劝返", "note": "说明",
}
PLAN_NUMERIC = frozenset({"lost", "share", "own_need"})
PLAN_COLUMNS = (
    Column(Term("单位", "Unit")), Column(Term("指标", "Indicator")), Column(Term("比率", "Rate"), right=True),
    Column(Term("标准", "Line")), Column(Term("流失", "Lost"), right=True), Column(Term("分配", "Share"), right=True),
    Column(Term("单独达标需", "Own need"), right=True), Column(Term("说明", "Note"), wraps=True),
)


def plan_report(rows: list[PlanRow], evaluation: Evaluation, lang: str) -> Report:
    """The plan for every output format: each unit's share of the county's returns, beside its own need."""
    records = []
    for row in rows:
        result = row.result
        note = None
        if result.is_total and row.share < (result.returns_needed or 0):
            note = Message("plan_short", {"needed": result.returns_needed, "lost": row.lost}).render(lang)
        records.append({
            "unit": unit_label(result, lang), "is_total": result.is_total, "indicator": result.indicator.id,
            "name": result.indicator.term.render(lang),
            "rate": percent(result.numerator, result.denominator, RECORD_DECIMALS) if result.has_rate else None,
            "target": result.line.target.text if result.line.target else None, "status": result.status,
            "lost": row.lost, "share": row.share, "own_need": result.returns_needed, "note": note,
        })
    head = {"version": __version__, "thresholds": evaluation.thresholds.origin, "method": "largest-remainder"}
    return Report(PLAN_FIELDS, records, PLAN_NUMERIC, frozenset({"rate"}), head, "plan",
                  table=lambda color, width: plan_table(rows, records, evaluation, lang, color, width),
                  sheets=[_lines_sheet(evaluation.thresholds, lang)])


def plan_table(rows: list[PlanRow], records: list[dict], evaluation: Evaluation, lang: str, color: bool,
               width: int | None) -> str:
    from kongchuo_cli.table import draw

    sections: list[list[list[tuple[str, str | None]]]] = [[]]
    for row, fields in zip(rows, records):
        bold = "bold" if row.result.is_total else None
        sections[-1].append([
            (fields["unit"], "bold"), (fields["name"], bold), (display_rate(row.result), bold),
            (fields["target"] or "—", bold), (f"{row.lost:,}", bold),
            (f"{row.share:,}", "bold red" if row.share else bold), (f"{fields['own_need'] or 0:,}", bold),
            (fields["note"] or "", bold),
        ])
        if row.result.is_total:
            sections.append([])
    sections = [section for section in sections if section]
    title = Message("plan_title", {"thresholds": evaluation.thresholds.name or "—"}).render(lang)
    if not sections:
        return title + "\n" + Message("plan_nothing").render(lang) + "\n"
    columns = list(PLAN_COLUMNS)
    if not any(fields["note"] for fields in records):  # no notes: no empty column
        columns.pop()
        sections = [[row[:-1] for row in section] for section in sections]
    headers = [column.header.render(lang) for column in columns]
    return draw(title, columns, headers, sections, width or 140, color)
