"""A `Report` → an .xlsx workbook that opens ready to read: the records on the first sheet (numbers as numbers,
percents as percent cells, status cells in Excel's own colours, totals in bold), then the report's other sheets."""

from __future__ import annotations

import io
from decimal import Decimal

from kongchuo_cli.i18n import term
from kongchuo_cli.output.report import FORMULA_STARTS, STATUS_LABELS, YES_NO, Report
from kongchuo_cli.output.text import width_of

# Excel's own "Good", "Neutral" and "Bad" cell styles: (fill, font colour)
STATUS_COLOURS = {"pass": ("C6EFCE", "006100"), "warn": ("FFEB9C", "9C5700"), "fail": ("FFC7CE", "9C0006")}
MAX_COLUMN_WIDTH = 60
RESULTS_SHEET = term("term_sheet_results")


def workbook(report: Report, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    parts = _parts(report, lang)
    sheets = []
    for position, (title, records) in enumerate(parts):
        sheet = book.active if position == 0 else book.create_sheet()
        sheet.title = title
        _records_sheet(sheet, report, records, lang)
        sheets.append(sheet)
    for title, rows in report.sheets:
        extra = book.create_sheet(title.render(lang))
        for row, values in enumerate(rows() if callable(rows) else rows, start=1):
            _write_row(extra, row, values, Font(bold=True) if row in (1, 3) else None)
        sheets.append(extra)
    for each in sheets:
        header_row = 1 if each.title in {title for title, _ in parts} else 3  # extra sheets: a title, a blank line
        _fit_widths(each, header_row if report.printed else 1)
        if report.printed:
            _print_setup(each, header_row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SHEET_TITLE_LENGTH = 31  # Excel's limit
_NOT_IN_TITLES = str.maketrans({character: "_" for character in "[]:*?/\\"})


def _parts(report: Report, lang: str) -> list[tuple[str, list[dict]]]:
    """(sheet title, records) for each records sheet: one, or one per value of `split_by` (names made legal and
    unique)."""
    if report.split_by is None:
        return [((report.records_sheet or RESULTS_SHEET).render(lang), report.records)]
    grouped: dict[str, list[dict]] = {}
    for fields in report.records:
        grouped.setdefault(str(fields[report.split_by] or "—"), []).append(fields)
    parts, taken = [], set()
    for value, records in grouped.items():
        title = value.translate(_NOT_IN_TITLES).strip("'")[:SHEET_TITLE_LENGTH] or "—"
        while title in taken:
            title = title[:SHEET_TITLE_LENGTH - 2] + f"_{len(taken)}"
        taken.add(title)
        parts.append((title, records))
    return parts or [(RESULTS_SHEET.render(lang), [])]


def _records_sheet(sheet, report: Report, records: list[dict], lang: str) -> None:
    from openpyxl.styles import Font, PatternFill

    keys = list(report.fields)
    _write_row(sheet, 1, report.headers(lang), Font(bold=True))
    for row, fields in enumerate(records, start=2):
        bold = bool(fields.get("is_total"))
        values = [_value(key, fields[key], lang, report) for key in keys]
        _write_row(sheet, row, values, Font(bold=True) if bold else None)
        for key in report.percents:
            if fields[key] is not None:
                sheet.cell(row, keys.index(key) + 1).number_format = "0.00%"
        if fields.get("status") in STATUS_COLOURS:
            fill, colour = STATUS_COLOURS[fields["status"]]
            cell = sheet.cell(row, keys.index("status") + 1)
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
            cell.font = Font(color=colour, bold=bold)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _value(key: str, value: object, lang: str, report: Report) -> object:
    if key in report.percents and value is not None:
        return float(Decimal(value) / 100)  # a percent cell (0.93288 shows as 93.29 %), from the exact decimal
    if value is None or key in report.numeric or (isinstance(value, bool) and lang == "en"):
        return value
    if key == "status" and lang == "zh":
        return STATUS_LABELS[value].zh
    return YES_NO[value] if isinstance(value, bool) else value  # formula-like text is made safe when written


def _write_row(sheet, row: int, values: list[object], font=None) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters are not allowed in a workbook
        cell.value = value
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # never a formula, whatever it looks like
            cell.quotePrefix = True  # and still text after the user edits the cell
        if font is not None:
            cell.font = font


def _shown(cell) -> str:
    """Roughly what the cell displays: a percent cell as 93.29%, not as its float."""
    return f"{cell.value:.2%}" if cell.number_format == "0.00%" and isinstance(cell.value, float) else str(cell.value)


def _fit_widths(sheet, first_row: int = 1) -> None:
    """Column widths from the display width of their longest text (a Chinese character takes two), from
    `first_row` down (a title above the header may run across the empty cells beside it)."""
    for column in sheet.columns:
        widest = max((width_of(_shown(cell)) for cell in column[first_row - 1:] if cell.value is not None),
                     default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_COLUMN_WIDTH, widest + 2)


RULED_ROWS = 5_000  # a county's lists are ruled; a province's (openpyxl styles a cell in about 100 µs) are not


def _print_setup(sheet, header_row: int) -> None:
    """A4 landscape, one page wide (as many pages down as it takes), the header repeated on every page, the sheet's
    name above and the page number below; the table ruled (up to RULED_ROWS rows), its header centred."""
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin")
    ruled, centred = Border(left=thin, right=thin, top=thin, bottom=thin), Alignment(horizontal="center",
                                                                                    vertical="center", wrap_text=True)
    if sheet.max_row <= RULED_ROWS:
        for row in sheet.iter_rows(min_row=header_row):
            for cell in row:
                cell.border = ruled
    for cell in sheet[header_row]:
        cell.alignment = centred
    sheet.oddHeader.center.text = "&A"
    sheet.oddFooter.center.text = "&P / &N"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = f"A{header_row + 1}"
