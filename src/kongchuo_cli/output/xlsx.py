"""Sheets as the views describe them (output.sheet) → an .xlsx workbook that opens ready to read and prints as
it should: a title block, the table with borders, thousands separators and percent cells, statuses in Excel's own
colours, widths that count a Chinese character as two, frozen headers, native bar charts with the line drawn
across, and print setup (A4 landscape, one page wide, the header rows on every page, the title as page header,
page numbers). Every cell is in a named font (等线, a sans-serif Chinese face) so that bold never falls back to a
serif one. Nothing here knows what a sheet means.

Written with XlsxWriter, in memory (no temporary file holds children's data): 400,000 styled cells take it 4 s of
processor time where openpyxl's write-only mode takes 11 s and its ordinary mode 20 s. The table's plain body
rows (no merged cell) are kept as the sheet gives them and written out as XML in one piece when the workbook is
saved (_Worksheet): XlsxWriter's own way, a call, a record and an attribute list per cell, was most of the time
a province's check workbook took."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from typing import NamedTuple

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

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
MADE_CELLS = 200_000  # distinct plain cells remembered while a sheet is written
CHARTS_PER_ROW = 4
CHART_MIN_WIDTH = 32  # characters of columns
CHART_ROWS = 15  # rows of 11-point text a chart is tall (about 8 cm)
CHART_INSET = 4  # pixels between a chart and the cell edges it is anchored to
ROWS_PER_PROGRESS = 500
DIGIT = 7  # pixels of a digit of 11-point text: a column `width` characters wide is about 7 × width pixels
HEADER_LIMIT = 255  # characters of a page header, codes included
CELL_LIMIT = 32_767  # characters of a cell
PRINT_A4 = 9
# characters no XML may hold (a unit named with an escape sequence): left out, as openpyxl did
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")  # text Excel would read as a character code: its _ escaped


def workbook(report: Report, lang: str, on_row: Callable[[int, int], None] | None = None) -> bytes:
    """The report's sheets (its book, else its records) as .xlsx bytes; `on_row(done, total)` hears of the rows
    written, for a progress display."""
    sheets = report.book() if report.book is not None else [records_sheet(report, lang)]
    buffer = io.BytesIO()
    # text is written as text, always: never turned into a formula, a link or a number
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False, "nan_inf_to_errors": True})
    total, done = sum(len(sheet.rows) for sheet in sheets), 0

    def written() -> None:
        nonlocal done
        done += 1
        if on_row is not None and (done % ROWS_PER_PROGRESS == 0 or done == total):
            on_row(done, total)

    formats = _Formats(book)
    for sheet in sheets:
        _Renderer(book, formats, sheet, lang, written).render()
    book.close()
    return buffer.getvalue()


class _Formats:
    """Each distinct cell style made once for the workbook, found again by the Look object itself first (a sheet
    of 50,000 rows shares a handful of them; hashing a Look per cell would cost more than writing it)."""

    def __init__(self, book) -> None:
        self.book = book
        self.by_value: dict[tuple, object] = {}
        self.by_identity: dict[tuple, object] = {}

    def cell(self, look: Look, header: bool, numeric: bool, wraps: bool, quoted: bool):
        key = (id(look), header, numeric, wraps, quoted)
        found = self.by_identity.get(key)
        if found is None:
            found = self.by_identity[key] = self._made((look, header, numeric, wraps, quoted))
        return found

    def plain(self, size: int = SIZE, bold: bool = False, centre: bool | None = None):
        """Text outside the table (a title, a note: `centre` True or False, wrapped) or a bare number (None)."""
        return self._made(("plain", size, bold, centre))

    def _made(self, key: tuple):
        found = self.by_value.get(key)
        if found is None:
            found = self.by_value[key] = self.book.add_format(_properties(*key) if key[0] != "plain"
                                                              else _plain_properties(*key[1:]))
        return found


def _font(size: int = SIZE, bold: bool = False, colour: str | None = None) -> dict:
    font = {"font_name": FONT, "font_family": SANS, "font_charset": GB2312, "font_size": size, "bold": bold}
    if colour:
        font["font_color"] = "#" + colour
    return font


def _plain_properties(size: int, bold: bool, centre: bool | None) -> dict:
    properties = _font(size, bold)
    if centre is not None:
        properties.update(align="center" if centre else "left", valign="vcenter", text_wrap=True)
    return properties


def _properties(look: Look, header: bool, numeric: bool, wraps: bool, quoted: bool) -> dict:
    """A table cell's border, fill, font, number format and alignment."""
    properties = {"border": 1, "border_color": "#" + RULE}
    colour = None
    if look.status in STATUS_COLOURS:
        fill, colour = STATUS_COLOURS[look.status]
        properties.update(pattern=1, bg_color="#" + fill)
    elif header or look.shade:
        properties.update(pattern=1, bg_color="#" + HEADER_FILL)
    properties.update(_font(bold=header or look.bold, colour=colour or look.colour))
    if look.number_format:
        properties["num_format"] = look.number_format
    properties.update(align="center" if look.centre or header else ("right" if numeric else "left"),
                      valign="vcenter", text_wrap=wraps, indent=look.indent, quote_prefix=quoted)
    return properties


def shown(value: object, number_format: str | None) -> str:
    """Roughly what a cell displays (for its column's width): 93.3%, 1,862."""
    number_format = number_format or ""
    if value is None:
        return ""
    if isinstance(value, float) and number_format.endswith("%"):
        decimals = len(number_format.split(".")[1]) - 1 if "." in number_format else 0
        return f"{value:.{decimals}%}"
    if isinstance(value, int) and "," in number_format:
        return f"{value:,}"
    return str(value)


def _pixels(width: float) -> int:
    """A column's pixels on screen for the width Excel stores (characters, its padding included)."""
    return int(width * DIGIT + 0.5)


class _Renderer:
    def __init__(self, book, formats: _Formats, sheet: Sheet, lang: str, written: Callable[[], None]) -> None:
        self.book, self.formats, self.sheet, self.lang, self.written = book, formats, sheet, lang, written
        self.ws = book.add_worksheet(sheet.name, worksheet_class=_Worksheet)
        self.columns = max(map(len, [*sheet.header, *sheet.rows[:1]]), default=1)
        self.widths = sheet.widths or self._widths()
        self.wrapping = {index for index, width in enumerate(self.widths) if width >= MAX_WIDTH}
        # the page: the table's columns, and blank ones beside a narrow table for the title, notes and charts
        least = PAGE_WIDTH if sheet.landscape else PAGE_WIDTH_UPRIGHT
        extra = max(0, math.ceil((least - sum(self.widths)) / BLANK_WIDTH)) if sheet.notes or sheet.charts else 0
        self.page = self.widths + [BLANK_WIDTH] * extra
        self.row = 0  # the next row to write, from 0 as XlsxWriter counts
        self.known: list[tuple] = []  # by column: the last plain cell's (look, sort, style attribute, wraps)
        self.made: dict[tuple, tuple[str, int]] = {}  # plain cells' XML (after the reference) and lines, by value

    def render(self) -> None:
        ws, sheet = self.ws, self.sheet
        for index, width in enumerate(self.page):  # in pixels: XlsxWriter adds its padding to a width in
            ws.set_column_pixels(index, index, _pixels(width))  # characters; the stored width stays `width`
        if sheet.title:
            self._across(sheet.title, self.formats.plain(TITLE_SIZE, bold=True, centre=True), TITLE_SIZE * 1.8)
        for line in sheet.lines:
            self._across(line, self.formats.plain(centre=False))
        if sheet.title or sheet.lines:
            self.row += 1  # a blank line between the title block and the table
        first_header = self.row
        for cells in sheet.header:
            self._table_row(cells, header=True)
        first_body = self.row
        for cells in sheet.rows:
            if not self._plain_row(cells):
                self._table_row(cells, header=False)
                self.written()
        last_body = self.row - 1
        if sheet.notes:
            self.row += 1
            for note in sheet.notes:
                self._across(note, self.formats.plain(centre=False))
        last = self.row - 1
        if sheet.charts:
            last = self._charts(first_body)
        self._print_setup(first_header, first_body, last)
        if sheet.header:
            ws.freeze_panes(first_body, sheet.frozen)
        if sheet.filter and sheet.header:
            ws.autofilter(first_body - 1, 0, max(last_body, first_body), self.columns - 1)

    def _widths(self) -> list[float]:
        """From the widest cell of each column (a Chinese character counts two); a header may take two lines."""
        widths = [MIN_WIDTH] * self.columns
        for index in range(self.columns):  # each distinct value measured once (a status, a rate down 40,000 rows)
            distinct = {(cell.value.__class__, cell.value, cell.look.number_format)
                        for cells in self.sheet.rows if index < len(cells) and (cell := cells[index]) is not None}
            for _, value, number_format in distinct:
                widths[index] = max(widths[index], width_of(shown(value, number_format)) + 2)
        for cells in self.sheet.header:
            for index, cell in enumerate(cells):
                if cell is not None and cell.across == 1:
                    widths[index] = max(widths[index], math.ceil(width_of(str(cell.value or "")) / 2) + 2)
        return [min(MAX_WIDTH, width) for width in widths]  # and a column cut short wraps

    def _across(self, written: str, form, height: float | None = None) -> None:
        """A line of text merged across the table's width (a title, a note), its row as tall as its text."""
        if len(self.page) > 1:
            self.ws.merge_range(self.row, 0, self.row, len(self.page) - 1, "", form)
        self.ws.text(self.row, 0, _safe(written), form)
        lines = math.ceil(width_of(written) / max(sum(self.page) - 1, 1)) or 1
        self.ws.set_row(self.row, height or LINE_HEIGHT * lines)
        self.row += 1

    def _table_row(self, cells: list[Cell | None], header: bool) -> None:
        ws, row, lines = self.ws, self.row, 1
        for index, cell in enumerate(cells):
            if cell is None:  # covered by a merge, which drew it
                continue
            value = cell.value
            kind = value.__class__
            numeric = kind is int or kind is float or (kind is not bool and isinstance(value, (int, float)))
            if not numeric and value is not None and kind is not bool:
                value = _safe(value if kind is str else str(value))
            # text that looks like a formula stays text, now and after the user edits it (a name written =cmd|…)
            quoted = value.__class__ is str and value.startswith(FORMULA_STARTS)
            wraps = header or index in self.wrapping or cell.look.wrap
            form = self.formats.cell(cell.look, header, numeric, wraps, quoted)
            if cell.across > 1 or cell.down > 1:
                ws.merge_range(row, index, row + cell.down - 1, index + cell.across - 1, "", form)
            if value is None or value == "":
                ws.write_blank(row, index, None, form)
            elif numeric:
                ws.write_number(row, index, value, form)
            elif kind is bool:
                ws.write_boolean(row, index, value, form)
            else:
                ws.text(row, index, value, form)
            if wraps and cell.down == 1:
                room = sum(self.widths[index:index + cell.across]) - 1
                lines = max(lines, math.ceil(width_of(str(value or "")) / max(room, 1)))
        ws.set_row(row, LINE_HEIGHT * lines + (4 if header else 2))
        self.row += 1

    def _plain_row(self, cells: list[Cell | None]) -> bool:
        """A body row without merged cells, written by the worksheet as one piece of XML: the same values, styles
        and height as a cell at a time would give. False, and nothing written, for a row with merged cells."""
        if not cells:
            return False
        written, lines, known, number = [], 1, self.known, str(self.row + 1)
        if len(known) < len(cells):
            known.extend([(None, None, "", False)] * (len(cells) - len(known)))
        for index, cell in enumerate(cells):
            if cell is None or cell.across != 1 or cell.down != 1:
                return False
            value, look = cell.value, cell.look
            kind = value.__class__
            if kind is str:
                if not value.isprintable():
                    value = _safe(value)
                sort = (_QUOTED if value.startswith(FORMULA_STARTS) else _TEXT) if value else _BLANK
            elif kind is int or kind is float:
                sort = _NUMBER
            elif value is None:
                sort = _BLANK
            elif kind is bool:
                sort = _BOOLEAN
            elif isinstance(value, (int, float)):
                sort = _NUMBER
            else:
                value = _safe(str(value))
                sort = (_QUOTED if value.startswith(FORMULA_STARTS) else _TEXT) if value else _BLANK
            same_look, same_sort, style, wraps = known[index]  # the cell above's style, most often this one's
            if same_look is not look or same_sort is not sort:
                wraps = index in self.wrapping or look.wrap
                form = self.formats.cell(look, False, sort is _NUMBER, wraps, sort is _QUOTED)
                style = f' s="{form._get_xf_index()}"'  # XlsxWriter's number for the style (see _Worksheet)
                known[index] = (look, sort, style, wraps)
            key = (index, style, sort, value)  # a cell as its column wrote one like it before (a status, a name)
            made = self.made.get(key)
            if made is None:
                made = self.made[key] = self._cell_xml(index, style, sort, value, wraps)
            written.append(f'<c r="{_COLUMNS[index]}{number}"{made[0]}')
            if made[1] > lines:
                lines = made[1]
        self.ws.plain_row(self.row, len(cells) - 1, "".join(written))
        self.ws.set_row(self.row, LINE_HEIGHT * lines + 2)
        self.row += 1
        self.written()
        if len(self.made) > MADE_CELLS:  # a sheet of as many distinct cells as cells: keep no more than this
            self.made.clear()
        return True

    def _cell_xml(self, index: int, style: str, sort: str, value: object, wraps: bool) -> tuple[str, int]:
        """A plain cell's XML after its reference, and the lines its text takes in its column (1 unless it wraps)."""
        if sort is _NUMBER:
            shown = f"{value:.16g}"  # as XlsxWriter writes a number
            xml = (f"{style}><v>{shown}</v></c>" if shown[-1].isdigit() else
                   f'{style} t="e"><v>{"#NUM!" if shown.endswith("nan") else "#DIV/0!"}</v></c>')
        elif sort is _BLANK:
            xml = style + "/>"
        elif sort is _BOOLEAN:
            xml = f'{style} t="b"><v>{int(value)}</v></c>'
        else:
            xml = f'{style} t="inlineStr"><is>{_xml_text(value)}</is></c>'
        lines = 1
        if wraps:
            room = self.widths[index] - 1 if index < len(self.widths) else 0
            lines = max(1, math.ceil(width_of(str(value or "")) / max(room, 1)))
        return xml, lines

    def _charts(self, first_body: int) -> int:
        """The charts below the notes, side by side across the table's width, each anchored to the cells it
        covers (so that it is as wide as they are in any spreadsheet program): the last row they take."""
        charts = self.sheet.charts
        per_row = max(1, min(len(charts), CHARTS_PER_ROW, int(sum(self.page) // CHART_MIN_WIDTH)))
        slots = max(per_row, min(2, int(sum(self.page) // CHART_MIN_WIDTH)))  # one chart: half the page, no more
        edges = [_nearest_edge(self.page, sum(self.page) * part / slots) for part in range(slots + 1)]
        top = self.row  # a row below the notes is left blank
        for row in range(top, top + CHART_ROWS * math.ceil(len(charts) / per_row) + 1):
            self.ws.set_row(row, LINE_HEIGHT)
        row_pixels = int(LINE_HEIGHT * 4 / 3)
        spare = len(self.page) + 1  # hidden columns beyond the page hold what the charts draw that the table lacks
        for position, chart in enumerate(charts):
            first_row = top + 1 + (position // per_row) * CHART_ROWS
            left, right = edges[position % per_row], edges[position % per_row + 1]
            drawn, spare = self._bar_chart(chart, first_body, spare)
            drawn.set_size({"width": sum(_pixels(width) for width in self.page[left:right]) - CHART_INSET,
                            "height": row_pixels * (CHART_ROWS - 1) - CHART_INSET})
            self.ws.insert_chart(first_row, left, drawn, {"x_offset": CHART_INSET, "y_offset": CHART_INSET,
                                                          "object_position": 2})  # moves with its cells
        return top + math.ceil(len(charts) / per_row) * CHART_ROWS

    def _bar_chart(self, chart: Chart, first_body: int, spare: int):
        """A column chart of the values, failing bars in red, and the line across them (a line series over values
        written in a hidden column; the chart plots hidden cells). Rows charted where they are when consecutive;
        others (the failing units chosen of many) copied first, names and values, into hidden columns from `spare`,
        down from the table's first row. (The chart, the next spare column.)"""
        charted_rows = [self.sheet.rows[row] for row in chart.rows]
        label_column, value_column, first = 0, chart.column, first_body + chart.rows[0]
        if chart.rows != tuple(range(chart.rows[0], chart.rows[0] + len(chart.rows))):
            label_column, value_column, first = spare, spare + 1, first_body
            form = self.formats.plain(centre=None)
            for row, cells in enumerate(charted_rows, start=first):
                self.ws.text(row, label_column, _safe(str(cells[0].value or "")), form)
                self._copy_value(row, value_column, cells[chart.column].value, form)
            self.ws.set_column(label_column, value_column, None, None, {"hidden": True})
            spare += 2
        last = first + len(chart.rows) - 1
        bar = self.book.add_chart({"type": "column"})
        failing = set(chart.failing)
        red = {"fill": {"color": "#" + BAR_FAILING}, "border": {"color": "#" + BAR_FAILING}}
        bar.add_series({"values": self._range(value_column, first, last),
                        "categories": self._range(label_column, first, last),
                        # what the chart shows until the program draws it from the cells (Excel's cache)
                        "values_data": [_charted_value(cells[chart.column].value) for cells in charted_rows],
                        "categories_data": [_charted_value(cells[0].value) for cells in charted_rows],
                        "fill": {"color": "#" + BAR}, "border": {"color": "#" + BAR}, "gap": 60,
                        "points": [red if position in failing else None for position in range(len(chart.rows))]})
        bar.set_title({"name": chart.title, "name_font": {"name": FONT, "size": 10, "bold": True}, "overlay": False})
        bar.set_legend({"none": True})
        bar.show_hidden_data()
        values = [value for value in (cells[chart.column].value for cells in charted_rows) if _is_number(value)]
        if chart.line is not None:
            form = self.formats.plain(centre=None)
            for row in range(first, last + 1):
                self.ws.write_number(row, spare, chart.line, form)
            self.ws.set_column(spare, spare, None, None, {"hidden": True})
            line = self.book.add_chart({"type": "line"})
            line.add_series({"values": self._range(spare, first, last), "marker": {"type": "none"},
                             "line": {"color": "#" + LINE, "width": 1.5, "dash_type": "dash"}, "smooth": False})
            bar.combine(line)
            spare += 1
        charted = [*values, *([chart.line] if chart.line is not None else [])]
        axis = {"num_format": ("0.0%" if max(charted, default=0) < 0.1 else "0%") if chart.percent else "#,##0",
                "min": _axis_floor(charted) if chart.percent else 0, "major_gridlines": {"visible": False},
                "num_font": {"name": FONT, "size": 8}}
        if chart.percent and 0.5 <= max(charted, default=0) <= 1:
            axis["max"] = 1  # no rate above 100 %: no axis above it
        bar.set_y_axis(axis)
        bar.set_x_axis({"num_font": {"name": FONT, "size": 8}})
        return bar, spare

    def _copy_value(self, row: int, column: int, value: object, form) -> None:
        """A charted value copied as it is: a number, else nothing (a rate that is undefined)."""
        if _is_number(value):
            self.ws.write_number(row, column, value, form)
        else:
            self.ws.write_blank(row, column, None, form)

    def _range(self, column: int, first: int, last: int) -> str:
        """Cells of a column as a chart refers to them: ='汇总'!$B$7:$B$9."""
        letters = xl_col_to_name(column)
        return f"='{self.sheet.name.replace(chr(39), chr(39) * 2)}'!${letters}${first + 1}:${letters}${last + 1}"

    def _print_setup(self, first_header: int, first_body: int, last: int) -> None:
        ws, sheet = self.ws, self.sheet
        if sheet.landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.set_paper(PRINT_A4)
        ws.fit_to_pages(1, 1 if sheet.one_page else 0)
        ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.6)
        ws.center_horizontally()
        ws.print_area(0, 0, last, len(self.page) - 1)
        if sheet.header:
            ws.repeat_rows(first_header, first_body - 1)
        ws.set_header(_page_header(sheet.title or sheet.name), {"margin": 0.3})
        ws.set_footer(f'&C&"{FONT}"&9{text("book_pages", self.lang)}', {"margin": 0.3})


def _page_header(title: str) -> str:
    """The title centred in bold 10-point 等线 at the top of every page: & doubled to print as itself (as ＆ where
    it would read as &G, XlsxWriter's mark of a picture), cut to Excel's 255 characters."""
    codes = f'&C&"{FONT},Bold"&10'
    written = title.replace("&", "&&")
    if "&G" in written:
        written = title.replace("&", "＆")
    return codes + _safe(written)[:HEADER_LIMIT - len(codes)].rstrip("&")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _charted_value(value: object) -> object:
    return value if value is None or isinstance(value, (int, float)) else _safe(str(value))


class _Worksheet(Worksheet):
    """XlsxWriter's worksheet, with whole rows of cells put in at once (`plain_row`) and written out at once as
    XML when the workbook is saved (XlsxWriter checks and records every cell, then builds each cell's element from
    a list of attributes: most of the time of a sheet of 400,000 cells), and text written inline (`text`). This
    leans on XlsxWriter's inner names `table` (its cells by row and column), `fh` (the sheet's XML being written),
    `_write_cell` (the writing of one cell), `_check_dimensions` (the sheet's extent) and Format._get_xf_index
    (a style's number), pinned by the version range in pyproject.toml; tests/output/test_xlsx.py and the
    commands' workbook tests read back what it writes."""

    def plain_row(self, row: int, last: int, cells: str) -> None:
        """A row's cells, from its first column to `last`, as XML (their styles numbered by _get_xf_index, as
        XlsxWriter numbers them when it writes a cell)."""
        if self._check_dimensions(row, 0) or self._check_dimensions(row, last):
            raise ValueError(f"row {row} is beyond a worksheet")  # its extent, as XlsxWriter's writing records it
        self.table[row][0] = _Written(cells)
        if last:
            self.table[row][last] = _WRITTEN

    def text(self, row: int, col: int, text: str, form) -> None:
        """Text in a cell, written inline by us: XlsxWriter's write_string takes a text of the form <r>…</r> for
        its own rich-text XML (a unit so named came out empty)."""
        if not text:
            self.write_blank(row, col, None, form)
            return
        if self._check_dimensions(row, col):
            raise ValueError(f"cell {row}, {col} is beyond a worksheet")
        self.table[row][col] = _Written(f'<c r="{_COLUMNS[col]}{row + 1}" s="{form._get_xf_index()}" '
                                        f't="inlineStr"><is>{_xml_text(text)}</is></c>')

    def _write_cell(self, row: int, col: int, cell) -> None:
        if cell.__class__ is _Written:
            self.fh.write(cell.xml)
            self.table[row][col] = _WRITTEN  # written out: its text goes (a province's rows hold 0.3 GB of it)
        else:
            super()._write_cell(row, col, cell)


class _Written(NamedTuple):
    xml: str


_WRITTEN = _Written("")  # the last cell of a plain row: written with its first
_NUMBER, _TEXT, _QUOTED, _BLANK, _BOOLEAN = "number", "text", "quoted", "blank", "boolean"  # how a cell is written


def _xml_text(text: str) -> str:
    """A text's <t> element as Excel reads it back unchanged: &, < and > escaped, _x0041_ not read as a character
    code, spaces at either end kept; cut to the most a cell holds."""
    if len(text) > CELL_LIMIT:
        text = text[:CELL_LIMIT]
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F\1", text)
    return f'<t xml:space="preserve">{text}</t>' if text[0].isspace() or text[-1].isspace() else f"<t>{text}</t>"


_COLUMNS = [xl_col_to_name(column) for column in range(16_384)]


def _nearest_edge(widths: list[float], offset: float) -> int:
    """The column edge (0: the left of the first column) nearest `offset` characters from the left."""
    edges = [sum(widths[:index]) for index in range(len(widths) + 1)]
    return min(range(len(edges)), key=lambda index: abs(edges[index] - offset))


def _axis_floor(values: list[float]) -> float:
    """Where a rate axis starts: 0, or a round 5 % below the lowest value when every value is above 50 % (bars of
    89 % and 97 % from 0 would look the same)."""
    lowest = min(values, default=0)
    return 0 if lowest < 0.5 else math.floor((lowest - 0.02) * 20) / 20


def _safe(value: str) -> str:
    return value if value.isprintable() else _CONTROL.sub("", value)  # no control characters