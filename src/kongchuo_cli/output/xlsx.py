"""Sheets as the views describe them (output.sheet) → an .xlsx workbook that opens ready to read and prints as
it should: a title block, the table with borders, thousands separators and percent cells, statuses in Excel's own
colours, widths that count a Chinese character as two, frozen headers, native bar charts with the line drawn
across, and print setup (A4 landscape, one page wide, the header rows on every page, the title as page header,
page numbers). Every cell is in a named font (等线, a sans-serif Chinese face) so that bold never falls back to a
serif one. Nothing here knows what a sheet means."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from copy import copy

from kongchuo_cli.i18n import text
from kongchuo_cli.output.report import FORMULA_STARTS, Report
from kongchuo_cli.output.sheet import Cell, Chart, Look, Sheet, records_sheet
from kongchuo_cli.output.text import width_of

FONT = "等线"  # Office's Chinese face (DengXian); WPS and LibreOffice substitute their own sans-serif
SANS = 2  # the font family OOXML calls swiss: what to substitute where 等线 is missing
GB2312 = 134  # the font's character set: Chinese
SIZE, TITLE_SIZE = 11, 16
# Excel's own "Good", "Neutral" and "Bad" cell styles: (fill, font colour)
STATUS_COLOURS = {"pass": ("C6EFCE", "006100"), "warn": ("FFEB9C", "9C5700"), "fail": ("FFC7CE", "9C0006")}
HEADER_FILL = "F2F2F2"
RULE = "808080"
BAR, BAR_FAILING, LINE = "5B9BD5", "E0605E", "404040"
MAX_WIDTH, MIN_WIDTH = 40, 6  # a column of longer texts is this wide and its cells wrap
PAGE_WIDTH, PAGE_WIDTH_UPRIGHT = 110, 75  # characters: the notes and charts beside a narrower table are this wide
BLANK_WIDTH = 9
LINE_HEIGHT = 15.6  # points per line of 11-point text
CHARTS_PER_ROW = 4
CHART_MIN_WIDTH = 32  # characters of columns
CHART_ROWS = 15  # rows of 11-point text a chart is tall (about 8 cm)
ROWS_PER_PROGRESS = 500


def workbook(report: Report, lang: str, on_row: Callable[[int, int], None] | None = None) -> bytes:
    """The report's sheets (its book, else its records) as .xlsx bytes; `on_row(done, total)` hears of the rows
    written, for a progress display."""
    from openpyxl import Workbook

    sheets = report.book() if report.book is not None else [records_sheet(report, lang)]
    book = Workbook()
    book.remove(book.active)
    total, done = sum(len(sheet.rows) for sheet in sheets), 0

    def written() -> None:
        nonlocal done
        done += 1
        if on_row is not None and (done % ROWS_PER_PROGRESS == 0 or done == total):
            on_row(done, total)

    for sheet in sheets:
        _Renderer(book.create_sheet(sheet.name), sheet, lang, written).render()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _font(look: Look | None = None, size: int = SIZE, bold: bool = False, colour: str | None = None):
    from openpyxl.styles import Font

    return Font(name=FONT, family=SANS, charset=GB2312, size=size, bold=bold or bool(look and look.bold),
                color=colour or (look.colour if look else None))


def shown(cell: Cell) -> str:
    """Roughly what a cell displays (for its column's width): 93.3%, 1,862."""
    value, number_format = cell.value, cell.look.number_format or ""
    if value is None:
        return ""
    if isinstance(value, float) and number_format.endswith("%"):
        decimals = len(number_format.split(".")[1]) - 1 if "." in number_format else 0
        return f"{value:.{decimals}%}"
    if isinstance(value, int) and "," in number_format:
        return f"{value:,}"
    return str(value)


class _Renderer:
    def __init__(self, worksheet, sheet: Sheet, lang: str, written: Callable[[], None]) -> None:
        self.ws, self.sheet, self.lang, self.written = worksheet, sheet, lang, written
        self.columns = max(map(len, [*sheet.header, *sheet.rows[:1]]), default=1)
        self.widths = sheet.widths or self._widths()
        self.wrapping = {index for index, width in enumerate(self.widths) if width >= MAX_WIDTH}
        # the page: the table's columns, and blank ones beside a narrow table for the title, notes and charts
        least = PAGE_WIDTH if sheet.landscape else PAGE_WIDTH_UPRIGHT
        extra = max(0, math.ceil((least - sum(self.widths)) / BLANK_WIDTH)) if sheet.notes or sheet.charts else 0
        self.page = self.widths + [BLANK_WIDTH] * extra
        self.styled: dict[tuple, object] = {}  # a cell of each style written, to copy
        self.row = 1

    def render(self) -> None:
        from openpyxl.utils import get_column_letter

        ws, sheet = self.ws, self.sheet
        for index, width in enumerate(self.page, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        if sheet.title:
            self._across(sheet.title, _font(size=TITLE_SIZE, bold=True), centre=True, height=TITLE_SIZE * 1.8)
        for line in sheet.lines:
            self._across(line, _font(), centre=False)
        if sheet.title or sheet.lines:
            self.row += 1  # a blank line between the title block and the table
        first_header = self.row
        for cells in sheet.header:
            self._table_row(cells, header=True)
        first_body = self.row
        for cells in sheet.rows:
            self._table_row(cells, header=False)
            self.written()
        last_body = self.row - 1
        if sheet.notes:
            self.row += 1
            for note in sheet.notes:
                self._across(note, _font(), centre=False)
        last = self.row - 1
        if sheet.charts:
            last = self._charts(first_body)
        self._print_setup(first_header, first_body, last)
        if sheet.header:
            ws.freeze_panes = f"{get_column_letter(sheet.frozen + 1)}{first_body}"
        if sheet.filter and sheet.header:
            ws.auto_filter.ref = f"A{first_body - 1}:{get_column_letter(self.columns)}{max(last_body, first_body)}"

    def _widths(self) -> list[float]:
        """From the widest cell of each column (a Chinese character counts two); a header may take two lines."""
        widths = [MIN_WIDTH] * self.columns
        for cells in self.sheet.rows:
            for index, cell in enumerate(cells):
                widths[index] = max(widths[index], width_of(shown(cell)) + 2)
        for cells in self.sheet.header:
            for index, cell in enumerate(cells):
                if cell is not None and cell.across == 1:
                    widths[index] = max(widths[index], math.ceil(width_of(str(cell.value or "")) / 2) + 2)
        return [min(MAX_WIDTH, width) for width in widths]  # and a column cut short wraps

    def _across(self, written: str, font, centre: bool, height: float | None = None) -> None:
        """A line of text merged across the table's width (a title, a note), its row as tall as its text."""
        from openpyxl.styles import Alignment

        cell = self.ws.cell(self.row, 1, _safe(written))
        cell.font = font
        cell.alignment = Alignment(horizontal="center" if centre else "left", vertical="center", wrap_text=True)
        if len(self.page) > 1:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(self.page))
        lines = math.ceil(width_of(written) / max(sum(self.page) - 1, 1)) or 1
        self.ws.row_dimensions[self.row].height = height or LINE_HEIGHT * lines
        self.row += 1

    def _table_row(self, cells: list[Cell | None], header: bool) -> None:
        lines = 1
        for index, cell in enumerate(cells, start=1):
            target = self.ws.cell(self.row, index)
            if cell is None:  # covered by a merge: its border still drawn
                self._style(target, None, header, False)
                continue
            _write(target, cell.value)
            numeric = isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
            wraps = header or index - 1 in self.wrapping or cell.look.wrap
            self._style(target, cell.look, header, numeric, wraps)
            if cell.across > 1 or cell.down > 1:
                self.ws.merge_cells(start_row=self.row, start_column=index, end_row=self.row + cell.down - 1,
                                    end_column=index + cell.across - 1)
            if wraps and cell.down == 1:
                room = sum(self.widths[index - 1:index - 1 + cell.across]) - 1
                lines = max(lines, math.ceil(width_of(str(cell.value or "")) / max(room, 1)))
        self.ws.row_dimensions[self.row].height = LINE_HEIGHT * lines + (4 if header else 2)
        self.row += 1

    def _style(self, target, look: Look | None, header: bool, numeric: bool, wraps: bool = False) -> None:
        """A table cell's border, fill, font, number format and alignment; each distinct style is built once and
        copied after (openpyxl compares style objects field by field on every assignment: minutes for a county's
        list of children)."""
        key = (look, header, numeric, wraps)
        done = self.styled.get(key)
        if done is not None:
            target._style = copy(done._style)
            return
        from openpyxl.styles import Alignment, Border, PatternFill, Side

        side = Side(style="thin", color=RULE)
        target.border = Border(left=side, right=side, top=side, bottom=side)
        if look is not None:
            colour = None
            if look.status in STATUS_COLOURS:
                fill, colour = STATUS_COLOURS[look.status]
                target.fill = PatternFill("solid", start_color=fill, end_color=fill)
            elif header or look.shade:
                target.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
            target.font = _font(look, bold=header, colour=colour)
            if look.number_format:
                target.number_format = look.number_format
            target.alignment = Alignment(horizontal="center" if look.centre or header else
                                         ("right" if numeric else "left"), vertical="center",
                                         wrap_text=wraps, indent=look.indent)
        self.styled[key] = target

    def _charts(self, first_body: int) -> int:
        """The charts below the notes, side by side across the table's width, each anchored to the cells it
        covers (so that it is as wide as they are in any spreadsheet program): the last row they take."""
        from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

        per_row = max(1, min(len(self.sheet.charts), CHARTS_PER_ROW, int(sum(self.page) // CHART_MIN_WIDTH)))
        slots = max(per_row, min(2, int(sum(self.page) // CHART_MIN_WIDTH)))  # one chart: half the page, no more
        edges = [_nearest_edge(self.page, sum(self.page) * part / slots) for part in range(slots + 1)]
        top = self.row  # a row below the notes is left blank
        for row in range(top, top + CHART_ROWS * math.ceil(len(self.sheet.charts) / per_row) + 1):
            self.ws.row_dimensions[row].height = LINE_HEIGHT
        for position, chart in enumerate(self.sheet.charts):
            line_column = len(self.page) + 2 + position  # the line's values, in a hidden column beyond the page
            first_row = top + 1 + (position // per_row) * CHART_ROWS
            anchor = TwoCellAnchor(editAs="oneCell")
            anchor._from = AnchorMarker(col=edges[position % per_row], row=first_row - 1, colOff=40000, rowOff=40000)
            anchor.to = AnchorMarker(col=edges[position % per_row + 1], row=first_row - 1 + CHART_ROWS - 1)
            drawn = _bar_chart(self.ws, chart, first_body, line_column)
            drawn.anchor = anchor
            self.ws.add_chart(drawn)
        return top + math.ceil(len(self.sheet.charts) / per_row) * CHART_ROWS

    def _print_setup(self, first_header: int, first_body: int, last: int) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.page import PageMargins

        ws, sheet = self.ws, self.sheet
        ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if sheet.one_page else 0
        ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.6, header=0.3, footer=0.3)
        ws.print_options.horizontalCentered = True
        ws.print_area = f"A1:{get_column_letter(len(self.page))}{last}"
        if sheet.header:
            ws.print_title_rows = f"{first_header}:{first_body - 1}"
        title = (sheet.title or sheet.name).replace("&", "&&")
        ws.oddHeader.center.text = title
        ws.oddHeader.center.font = f"{FONT},Bold"
        ws.oddHeader.center.size = 10
        ws.oddFooter.center.text = text("book_pages", self.lang)
        ws.oddFooter.center.font = FONT
        ws.oddFooter.center.size = 9


def _nearest_edge(widths: list[float], offset: float) -> int:
    """The column edge (0: the left of the first column) nearest `offset` characters from the left."""
    edges = [sum(widths[:index]) for index in range(len(widths) + 1)]
    return min(range(len(edges)), key=lambda index: abs(edges[index] - offset))


def _bar_chart(ws, chart: Chart, first_body: int, line_column: int):
    """A column chart of the values, failing bars in red, and the line across them (a line series over values
    written in a hidden column; charts plot hidden cells here)."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.chart.marker import DataPoint
    from openpyxl.utils import get_column_letter

    first, last = first_body + chart.rows[0], first_body + chart.rows[-1]
    bar = BarChart()
    bar.type, bar.gapWidth, bar.legend = "col", 60, None
    bar.visible_cells_only = False
    bar.title = _title(chart.title)
    bar.add_data(Reference(ws, min_col=chart.column + 1, min_row=first, max_row=last))
    bar.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    series = bar.series[0]
    series.graphicalProperties.solidFill = BAR
    series.graphicalProperties.line.solidFill = BAR
    for position in chart.failing:
        point = DataPoint(idx=position)
        point.graphicalProperties.solidFill = BAR_FAILING
        point.graphicalProperties.line.solidFill = BAR_FAILING
        series.dPt.append(point)
    values = [value for value in (ws.cell(row, chart.column + 1).value for row in range(first, last + 1))
              if isinstance(value, (int, float))]
    if chart.line is not None:
        for row in range(first, last + 1):
            ws.cell(row, line_column, chart.line).font = _font()
        ws.column_dimensions[get_column_letter(line_column)].hidden = True
        line = LineChart()
        line.add_data(Reference(ws, min_col=line_column, min_row=first, max_row=last))
        drawn = line.series[0]
        drawn.graphicalProperties.line.solidFill = LINE
        drawn.graphicalProperties.line.width = 19050  # 1.5 pt, in EMU
        drawn.graphicalProperties.line.dashStyle = "dash"
        drawn.marker.symbol = "none"
        drawn.smooth = False
        bar += line
    bar.y_axis.number_format = ("0.0%" if max([*values, chart.line or 0], default=0) < 0.1 else "0%") \
        if chart.percent else "#,##0"
    charted = [*values, *([chart.line] if chart.line is not None else [])]
    bar.y_axis.scaling.min = _axis_floor(charted) if chart.percent else 0
    if chart.percent and 0.5 <= max(charted, default=0) <= 1:
        bar.y_axis.scaling.max = 1  # no rate above 100 %: no axis above it
    bar.y_axis.majorGridlines = None
    for axis in (bar.x_axis, bar.y_axis):
        axis.delete = False
        axis.txPr = _text_properties(800)
    return bar


def _axis_floor(values: list[float]) -> float:
    """Where a rate axis starts: 0, or a round 5 % below the lowest value when every value is above 50 % (bars of
    89 % and 97 % from 0 would look the same)."""
    lowest = min(values, default=0)
    return 0 if lowest < 0.5 else math.floor((lowest - 0.02) * 20) / 20


def _title(written: str):
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun

    properties = CharacterProperties(sz=1000, b=True, latin=_drawing_font(), ea=_drawing_font())
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=properties), r=[RegularTextRun(rPr=properties, t=written)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _text_properties(size: int):
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    properties = CharacterProperties(sz=size, latin=_drawing_font(), ea=_drawing_font())
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=properties), endParaRPr=properties)])


def _drawing_font():
    from openpyxl.drawing.text import Font

    return Font(typeface=FONT)


def _safe(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value  # no control characters


def _write(target, value: object) -> None:
    """A value into a cell; text that looks like a formula stays text, now and after the user edits it."""
    target.value = _safe(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        target.data_type = "s"
        target.quotePrefix = True
