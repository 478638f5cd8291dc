"""Results → an .xlsx workbook that opens ready to read: one sheet of records, one of the lines used."""

from __future__ import annotations

import io

from kongchuo_cli.evaluate import FAIL, PASS, WARN, Evaluation
from kongchuo_cli.indicators import BY_ID
from kongchuo_cli.messages import Term
from kongchuo_cli.render import FIELDS, FORMULA_STARTS, NUMERIC_FIELDS, STATUS_LABELS, YES_NO, record
from kongchuo_cli.table import width_of
from kongchuo_cli.thresholds import BUILT_IN

# Excel's own "Good", "Neutral" and "Bad" cell styles: (fill, font colour)
STATUS_COLOURS = {PASS: ("C6EFCE", "006100"), WARN: ("FFEB9C", "9C5700"), FAIL: ("FFC7CE", "9C0006")}
MAX_COLUMN_WIDTH = 60
SHEETS = {"results": Term("结果", "results"), "lines": Term("标准", "thresholds")}
LINE_HEADERS = (Term("指标代码", "indicator"), Term("指标", "name"), Term("标准", "target"), Term("预警线", "warn"),
                Term("公式", "formula"), Term("来源", "source"))


def to_xlsx(evaluation: Evaluation, lang: str, gate: str, strict: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    results = workbook.active
    results.title = SHEETS["results"].render(lang)
    keys = list(FIELDS)
    _write_row(results, 1, [key if lang == "en" else FIELDS[key] for key in keys], Font(bold=True))
    status_column, rate_column = keys.index("status") + 1, keys.index("rate") + 1
    for row, result in enumerate(evaluation.results, start=2):
        fields = record(result, lang)
        values = [_xlsx_value(key, fields[key], lang) for key in keys]
        _write_row(results, row, values, Font(bold=True) if result.is_total else None)
        if fields["rate"] is not None:
            results.cell(row, rate_column).number_format = "0.00%"
        if result.status in STATUS_COLOURS:
            fill, colour = STATUS_COLOURS[result.status]
            cell = results.cell(row, status_column)
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
            cell.font = Font(color=colour, bold=result.is_total)
    results.freeze_panes = "A2"
    results.auto_filter.ref = results.dimensions

    lines = workbook.create_sheet(SHEETS["lines"].render(lang))
    thresholds = evaluation.thresholds
    origin = Term("内置", "built-in").render(lang) if thresholds.origin == BUILT_IN else thresholds.origin
    _write_row(lines, 1, [thresholds.name or "", origin], Font(bold=True))
    _write_row(lines, 3, [header.render(lang) for header in LINE_HEADERS], Font(bold=True))
    for row, (indicator_id, line) in enumerate(thresholds.lines.items(), start=4):
        _write_row(lines, row, [indicator_id, BY_ID[indicator_id].term.render(lang),
                                line.target.text if line.target else "", line.warn.text if line.warn else "",
                                line.formula if indicator_id == "consolidation_9y" else "", line.source or ""])
    lines.freeze_panes = "A4"
    for sheet in (results, lines):
        _fit_widths(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(key: str, value: object, lang: str) -> object:
    if key == "rate" and value is not None:
        return float(value) / 100  # a percent cell: Excel shows 0.93288 as 93.29 %
    if key in NUMERIC_FIELDS or (isinstance(value, bool) and lang == "en"):
        return value
    if value is None:
        return None
    if key == "status" and lang == "zh":
        return STATUS_LABELS[value].zh
    return YES_NO[value] if isinstance(value, bool) else value  # formula-like text is made safe when written


def _write_row(sheet, row: int, values: list[object], font=None) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell.value = value
            cell.data_type = "s"  # never a formula, whatever it looks like
            cell.quotePrefix = True  # and still text after the user edits the cell
        else:
            cell.value = value
        if font is not None:
            cell.font = font


def _fit_widths(sheet) -> None:
    """Column widths from the display width of their longest text (a Chinese character takes two)."""
    for column in sheet.columns:
        widest = max((width_of(str(cell.value)) for cell in column if cell.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_COLUMN_WIDTH, widest + 2)
