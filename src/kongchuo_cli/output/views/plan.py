"""`kongchuo plan` as a report: each unit's share of the county's returns, beside its own need to meet the line
alone."""

from __future__ import annotations

from kongchuo_cli import __version__
from kongchuo_cli.i18n import Term, term
from kongchuo_cli.indicators.definitions import percent
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.judge.plan import GAP, LOST, PlanRow
from kongchuo_cli.model import FAIL, WARN
from kongchuo_cli.output.report import Report
from kongchuo_cli.output.sheet import (
    HEADING,
    Cell,
    Look,
    Sheet,
    heading_row,
    made_on,
    percent_cell,
    records_sheet,
    rule_shown,
    signatures,
)
from kongchuo_cli.output.text import Column, draw
from kongchuo_cli.output.values import (
    RECORD_DECIMALS,
    STATUS_STYLES,
    display_rate,
    lines_sheet,
    unit_label,
)
from kongchuo_cli.problems import Message

PLAN_FIELDS: dict[str, str] = {
    "unit": "单位", "is_total": "是否合计", "indicator": "指标代码", "name": "指标", "rate": "比率(%)", "target": "标准",
    "status": "结果", "lost": "流失人数", "share": "分配劝返人数", "own_need": "单独达标需劝返", "note": "说明",
}
PLAN_NUMERIC = frozenset({"lost", "share", "own_need"})
PLAN_COLUMNS = (
    Column(Term("单位", "Unit"), key=True), Column(Term("比率", "Rate"), right=True),
    Column(Term("流失", "Lost"), right=True), Column(Term("分配", "Share"), right=True),
    Column(Term("单独达标需", "Own need"), right=True), Column(Term("说明", "Note"), wraps=True),
)
METHODS = {LOST: "plan_method_lost", GAP: "plan_method_gap"}  # the sentence that says how the need was shared


def plan_report(rows: list[PlanRow], evaluation: Judged, lang: str, share_by: str = LOST, subject: str = "") -> Report:
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
    head = {"version": __version__, "thresholds": evaluation.thresholds.origin, "method": "largest-remainder",
            "share_by": share_by}
    report = Report(PLAN_FIELDS, records, PLAN_NUMERIC, frozenset({"rate"}), head, "plan",
                    table=lambda color, width: plan_table(rows, records, evaluation, lang, share_by, color, width),
                    brief=Message("brief_plan", {"count": sum(row.result.is_total for row in rows)}).render(lang),
                    codes=frozenset({"is_total", "indicator"}))
    report.book = lambda: [plan_sheet(rows, records, evaluation, lang, share_by, subject),
                           records_sheet(report, lang, [{**fields, "target": rule_shown(fields["target"])}
                                                        for fields in records]),
                           lines_sheet(evaluation.thresholds, lang)]
    return report


SHEET_COLUMNS = (Term("单位", "Unit"), Term("比率", "Rate"), Term("流失人数", "Lost"), Term("分配劝返人数", "Share"),
                 Term("单独达标需劝返", "Own need"), Term("说明", "Note"))
SHEET_WIDTHS = (12, 10, 10, 12, 14, 40)


def plan_sheet(rows: list[PlanRow], records: list[dict], evaluation: Judged, lang: str, share_by: str,
               subject: str) -> Sheet:
    """汇总: a block per indicator headed by its line and the county's need; each unit's share beside its own
    need; the method in a sentence; where to sign. Upright: the table is narrow."""
    columns = SHEET_COLUMNS if any(fields["note"] for fields in records) else SHEET_COLUMNS[:-1]  # no empty notes
    body: list[list[Cell | None]] = []
    for position, (row, fields) in enumerate(zip(rows, records)):
        result = row.result
        if position == 0 or rows[position - 1].result.is_total:  # an indicator's block begins
            total = next(each.result for each in rows[position:] if each.result.is_total)
            body.append(heading_row(_heading(total, lang, rule_shown), len(columns)))
        bold = result.is_total
        look = Look(bold=bold, status=result.status if result.status in (FAIL, WARN) else None)
        body.append([Cell(fields["unit"], Look(bold=True)),
                     percent_cell(display_rate(result), look) if result.has_rate else Cell(result.numerator, look),
                     Cell(row.lost, Look(bold=bold, number_format="#,##0")),
                     Cell(row.share, Look(bold=True, number_format="#,##0", colour="C00000" if row.share else None)),
                     Cell(fields["own_need"], Look(bold=bold, number_format="#,##0")),
                     Cell(fields["note"], Look(bold=bold, wrap=True))][:len(columns)])
    method = Message(METHODS[share_by]).render(lang)
    lines = [Message("book_check_subject", {"subject": subject, "thresholds": evaluation.thresholds.name or "—"}
                     ).render(lang), made_on(lang)]
    return Sheet(term("book_summary").render(lang), term("book_plan_title").render(lang), lines,
                 [[Cell(column.render(lang), HEADING) for column in columns]], body,
                 [method, signatures(lang, "book_prepared", "book_checked", "book_approved")],
                 widths=list(SHEET_WIDTHS[:len(columns)]), landscape=False)



def plan_table(rows: list[PlanRow], records: list[dict], evaluation: Judged, lang: str, share_by: str, color: bool,
               width: int | None) -> str:
    """A block per indicator, headed by its line and the county's need; the method in a sentence below."""
    title = Message("plan_title", {"thresholds": evaluation.thresholds.name or "—"}).render(lang)
    if not rows:
        return title + "\n" + Message("plan_nothing").render(lang) + "\n"
    sections: list[list[list[tuple[str, str | None]]]] = [[]]
    headings = []
    for row, fields in zip(rows, records):
        result = row.result
        bold = "bold" if result.is_total else None
        mark, style = STATUS_STYLES[result.status]
        sections[-1].append([
            (fields["unit"], "bold"), (f"{display_rate(result)} {mark}" if result.has_rate else mark, style),
            (f"{row.lost:,}", bold), (f"{row.share:,}", "bold red" if row.share else bold),
            (f"{fields['own_need'] or 0:,}", bold), (fields["note"] or "", bold),
        ])
        if result.is_total:
            headings.append(_heading(result, lang))
            sections.append([])
    headers = [column.header.render(lang) for column in PLAN_COLUMNS]
    method = Message(METHODS[share_by]).render(lang)
    return draw(title, list(PLAN_COLUMNS), headers, sections[:-1], width, color, headings, footer=[method])


def _heading(total: Result, lang: str, shown=lambda rule: rule) -> str:
    """九年义务教育巩固率 >= 96%：全县需劝返 228 人 (the rule as `shown`: ≥ 96% in a workbook)"""
    return Message("plan_heading", {"indicator": total.indicator.term,
                                    "rule": shown(total.line.target.text) if total.line.target else "—",
                                    "needed": total.returns_needed or 0}).render(lang)
