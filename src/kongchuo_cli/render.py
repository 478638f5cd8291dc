"""Results → text: the rich table for people, and csv/tsv/json/markdown records for machines.

Rates are exact fractions until here; this is the only place that rounds, and only for display.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from kongchuo_cli import __version__
from kongchuo_cli.evaluate import FAIL, NA, PASS, STATUSES, WARN, Evaluation, Result
from kongchuo_cli.gate import ExitCode, exit_code, gated
from kongchuo_cli.indicators import FORMULAS, RATE
from kongchuo_cli.thresholds import BUILT_IN

RECORD_DECIMALS = 4  # the contract's `rate`: percent rounded to 4 decimals

# The record's keys (JSON keys and --lang en headers) with their Chinese headers, in the contract's order.
FIELDS: dict[str, str] = {
    "unit": "单位", "is_total": "是否合计", "indicator": "指标代码", "name": "指标", "numerator": "分子",
    "denominator": "分母", "rate": "比率(%)", "target": "标准", "status": "结果", "returns_needed": "需劝返人数",
    "formula": "公式", "note": "说明",
}
NUMERIC_FIELDS = {"numerator", "denominator", "rate", "returns_needed"}
STATUS_LABELS = {PASS: ("达标", "pass"), WARN: ("预警", "warn"), FAIL: ("未达标", "fail"), NA: ("不适用", "n/a")}
STATUS_STYLES = {PASS: ("✔", "green"), WARN: ("!", "yellow"), FAIL: ("✘", "bold red"), NA: ("—", "dim")}
TOTAL_LABEL = {"zh": "合计", "en": "Total"}
YES_NO = {True: "是", False: "否"}


def percent(rate: Fraction, decimals: int) -> Decimal:
    """rate × 100 rounded half-up (as national releases round) to `decimals` places, computed on integers."""
    scale = 10**decimals
    numerator, denominator = rate.numerator * 100 * scale, rate.denominator
    sign = -1 if numerator < 0 else 1
    rounded = (2 * abs(numerator) + denominator) // (2 * denominator)
    return Decimal(sign * rounded).scaleb(-decimals)


def display_rate(result: Result) -> str:
    """The rate at the indicator's usual precision, with more digits where rounding would make it look equal to
    a line it does not equal (95.996% shown as 96.0% beside a failed ">= 96%" would mislead)."""
    rate = result.rate
    if rate is None:
        return "—"
    lines = [rule.value for rule in (result.line.target, result.line.warn) if rule is not None]
    decimals = result.indicator.decimals
    while any(percent(rate, decimals) == percent(value, decimals) and rate != value for value in lines) \
            and decimals < 8:
        decimals += 1
    return f"{percent(rate, decimals)}%"


def unit_label(result: Result, lang: str) -> str:
    return TOTAL_LABEL[lang] if result.unit is None else result.unit


def note_text(result: Result, lang: str) -> str | None:
    return ("；" if lang == "zh" else "; ").join(note.render(lang) for note in result.notes) or None


def record(result: Result, lang: str) -> dict[str, object]:
    """One result as the contract's record (machine values; `name`, `unit` of the total and `note` follow lang)."""
    return {
        "unit": unit_label(result, lang),
        "is_total": result.is_total,
        "indicator": result.indicator.id,
        "name": result.indicator.zh if lang == "zh" else result.indicator.en,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "rate": None if result.rate is None else percent(result.rate, RECORD_DECIMALS),
        "target": result.line.target.text if result.line.target else None,
        "status": result.status,
        "returns_needed": result.returns_needed,
        "formula": result.formula,
        "note": note_text(result, lang),
    }


def status_counts(results: list[Result]) -> dict[str, int]:
    return {status: sum(result.status == status for result in results) for status in STATUSES}


def to_json(evaluation: Evaluation, lang: str, gate: str, strict: bool) -> str:
    document = {
        "version": __version__,
        "thresholds": evaluation.thresholds.origin,
        "passed": exit_code(evaluation.results, gate, strict) == ExitCode.PASSED,
        "counts": status_counts(evaluation.results),
        "skipped": evaluation.skipped,
        "results": [record(result, lang) for result in evaluation.results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_number) + "\n"


def _json_number(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)  # a 4-decimal percent: its shortest repr is the same digits
    raise TypeError(type(value).__name__)


def _cell(key: str, value: object, lang: str) -> object:
    """A record value as a spreadsheet cell: blanks for null; Chinese words for status and flags under zh."""
    if value is None:
        return ""
    if lang == "zh" and key == "status":
        return STATUS_LABELS[value][0]
    if isinstance(value, bool):
        return YES_NO[value] if lang == "zh" else str(value).lower()
    return value


def _rows(evaluation: Evaluation, lang: str) -> tuple[list[str], list[list[object]]]:
    headers = list(FIELDS) if lang == "en" else list(FIELDS.values())
    rows = [[_cell(key, value, lang) for key, value in record(result, lang).items()] for result in evaluation.results]
    return headers, rows


def _delimited(delimiter: str) -> Callable[..., str]:
    def render(evaluation: Evaluation, lang: str, gate: str, strict: bool) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        headers, rows = _rows(evaluation, lang)
        writer.writerow(headers)
        writer.writerows(rows)
        return buffer.getvalue()

    return render


def to_markdown(evaluation: Evaluation, lang: str, gate: str, strict: bool) -> str:
    from tabulate import tabulate

    headers, rows = _rows(evaluation, lang)
    align = ["right" if key in NUMERIC_FIELDS else "left" for key in FIELDS]
    return tabulate(rows, headers, tablefmt="pipe", disable_numparse=True, colalign=align) + "\n"


def summary_lines(evaluation: Evaluation, lang: str, gate: str) -> list[str]:
    """What the gated rows say, in a sentence or two: counts by status and the children to bring back."""
    decided = gated(evaluation.results, gate)
    counts = status_counts(decided)
    failing = [result for result in decided if result.status == FAIL]
    scope = {"total": ("合计", "Total"), "units": ("全部单位", "All units")}[gate]
    if decided and not decided[0].is_total and gate == "total":
        scope = (decided[0].unit, decided[0].unit)
    if lang == "zh":
        lines = [f"{scope[0]}：达标 {counts[PASS]} 项，预警 {counts[WARN]} 项，未达标 {counts[FAIL]} 项，"
                 f"不适用 {counts[NA]} 项。"]
        needs = [f"{_where(result, lang)}{result.indicator.zh} {result.returns_needed} 人" for result in failing]
        if needs:
            lines.append("需劝返复学：" + "；".join(needs) + "。")
        return lines
    lines = [f"{scope[1]}: {counts[PASS]} pass, {counts[WARN]} warn, {counts[FAIL]} fail, {counts[NA]} n/a."]
    needs = [f"{_where(result, lang)}{result.indicator.en} {result.returns_needed}" for result in failing]
    if needs:
        lines.append("Children to bring back: " + "; ".join(needs) + ".")
    return lines


def _where(result: Result, lang: str) -> str:
    """The unit's name before a need, where several units are listed."""
    if result.is_total:
        return ""
    return f"{result.unit} " if lang == "en" else f"{result.unit}"


def to_table(evaluation: Evaluation, lang: str, gate: str, strict: bool, color: bool = False,
             width: int | None = None) -> str:
    """The table a person reads: one block per unit, the total last, pass/warn/fail marked, then a summary."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    zh = lang == "zh"
    thresholds = evaluation.thresholds
    origin = ("内置" if zh else "built-in") if thresholds.origin == BUILT_IN else thresholds.origin
    title = f"{'阈值' if zh else 'Thresholds'}: {thresholds.name or '—'} ({origin})"
    table = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    for header, justify in (("单位" if zh else "Unit", "left"), ("指标" if zh else "Indicator", "left"),
                            ("分子" if zh else "Num.", "right"), ("分母" if zh else "Denom.", "right"),
                            ("比率" if zh else "Rate", "right"), ("标准" if zh else "Line", "left"),
                            ("结果" if zh else "Status", "left"), ("需劝返" if zh else "Returns", "right"),
                            ("说明" if zh else "Note", "left")):
        table.add_column(header, justify=justify, overflow="fold")
    if not any(result.notes for result in evaluation.results):
        table.columns.pop()  # no notes: no empty column
    has_notes = any(result.notes for result in evaluation.results)
    for position, result in enumerate(evaluation.results):
        first_of_unit = position == 0 or result.unit != evaluation.results[position - 1].unit
        if first_of_unit and position:
            table.add_section()
        mark, style = STATUS_STYLES[result.status]
        status = Text(f"{mark} {STATUS_LABELS[result.status][0 if zh else 1]}", style=style)
        needed = result.returns_needed
        table.add_row(
            Text(unit_label(result, lang), style="bold") if first_of_unit else "",
            result.indicator.zh if zh else result.indicator.en,
            f"{result.numerator:,}",
            "" if result.denominator is None else f"{result.denominator:,}",
            display_rate(result) if result.indicator.kind == RATE else "",
            result.line.target.text if result.line.target else "—",
            status,
            Text(f"{needed:,}", style="bold red") if needed else ("" if needed is None else "0"),
            *([note_text(result, lang) or ""] if has_notes else []),
            style="bold" if result.is_total else None,
        )
    # On a terminal rich itself honours NO_COLOR; elsewhere no colour at all.
    console = Console(file=io.StringIO(), force_terminal=color, no_color=None if color else True,
                      width=width or 140, highlight=False, emoji=False)
    console.print(table)
    for line in _footer(evaluation, lang) + [""] + summary_lines(evaluation, lang, gate):
        console.print(line, markup=False)
    return console.file.getvalue()


def _footer(evaluation: Evaluation, lang: str) -> list[str]:
    """Which formula and which sources produced the verdicts."""
    zh = lang == "zh"
    shown = {result.indicator.id: result for result in evaluation.results}
    lines = []
    consolidation = shown.get("consolidation_9y")
    if consolidation is not None:
        formula = FORMULAS[consolidation.formula]
        lines.append(f"{'巩固率公式' if zh else 'Consolidation formula'}: {formula.id} = {formula.zh if zh else formula.en}")
    for result in shown.values():
        line = result.line
        if line.target is not None and line.source:
            name = result.indicator.zh if zh else result.indicator.en
            lines.append(f"{'标准' if zh else 'Line'} {name} {line.target.text}: {line.source}")
    if evaluation.skipped:
        lines.append(f"{'未计算（无对应列）' if zh else 'Not computed (no columns)'}: {', '.join(evaluation.skipped)}")
    return lines


FORMATTERS: dict[str, Callable[..., str]] = {
    "table": to_table,
    "csv": _delimited(","),
    "tsv": _delimited("\t"),
    "json": to_json,
    "markdown": to_markdown,
}
