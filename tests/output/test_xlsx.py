"""The workbook writer (output/xlsx.py) on sheets made here: what goes in comes back out of openpyxl unchanged,
whether a row is written whole (no merged cell) or a cell at a time (a row with a merge)."""

import io

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from kongchuo_cli import api
from kongchuo_cli.output.report import Report
from kongchuo_cli.output.sheet import COUNT, PLAIN, Cell, Look, Sheet, heading_row
from kongchuo_cli.output.xlsx import workbook
from tests.helpers.books import rgb

# texts a unit may be named that XML or Excel would read as something else
AWKWARD = ["<r>x</r>",  # XlsxWriter's shared strings took this for its own rich-text XML: an empty cell
           "_x0041_",  # Excel reads _xHHHH_ as a character code ("A") unless its "_" is escaped
           " 甲镇 ",  # spaces at either end, kept
           "甲 & 乙 <镇>",
           "= 0"]  # a rule as the sheet of lines shows it: text that must stay text when edited


def written(sheet: Sheet) -> bytes:
    return workbook(Report(fields={"unit": "单位"}, made=[], book=lambda: [sheet]), "zh")


def read_back(sheet: Sheet):
    return load_workbook(io.BytesIO(written(sheet)))[sheet.name]


def test_awkward_texts_come_back_as_written():
    sheet = Sheet("表", header=[[Cell("单位", Look(bold=True))]], rows=[[Cell(text)] for text in AWKWARD],
                  widths=[12])
    # read as kongchuo reads a workbook (calamine undoes Excel's escape of "_x", as Excel and LibreOffice do;
    # openpyxl leaves it: _x005F_x0041_)
    book = CalamineWorkbook.from_filelike(io.BytesIO(written(sheet)))
    assert [row[0] for row in book.get_sheet_by_name("表").to_python()[1:]] == AWKWARD
    assert [read_back(sheet).cell(row, 1).quotePrefix for row in range(2, 7)] == [False] * 4 + [True]


def test_a_control_character_is_left_out():
    sheet = read_back(Sheet("表", rows=[[Cell("甲\x01镇"), Cell("乙\x1b[31m镇")]], widths=[8, 8]))
    assert [sheet["A1"].value, sheet["B1"].value] == ["甲镇", "乙[31m镇"]


def test_numbers_looks_and_a_merged_row_among_whole_rows():
    fail = Look(status="fail", number_format="0.0%")
    rows = [[Cell("甲镇"), Cell(1862, COUNT), Cell(0.1 + 0.2, fail), Cell(None, PLAIN), Cell(True)],
            heading_row("乙镇以下", 5),
            [Cell("乙镇"), Cell(7, COUNT), Cell(0.5, fail), Cell("", PLAIN), Cell(False)]]
    sheet = read_back(Sheet("表", rows=rows, widths=[8] * 5))
    # 0.1 + 0.2 = 0.30000000000000004 is written to 16 significant digits, as Excel keeps it: 0.3
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["甲镇", 1862, 0.3, None, True], ["乙镇以下", None, None, None, None], ["乙镇", 7, 0.5, None, False]]
    assert [str(merged) for merged in sheet.merged_cells.ranges] == ["A2:E2"]
    assert sheet["A2"].font.b and rgb(sheet["A2"].fill.start_color) == "F2F2F2"  # the heading's shade
    assert (sheet["B1"].number_format, sheet["C3"].number_format) == ("#,##0", "0.0%")
    assert rgb(sheet["C1"].fill.start_color) == rgb(sheet["C3"].fill.start_color) == "FFC7CE"  # Excel's "Bad"
    assert all(sheet.cell(row, 4).border.left.style == "thin" for row in (1, 3))  # blank cells keep their borders


def test_a_row_is_as_tall_as_its_lines():
    # 15.6 points a line + 2, stored as Excel stores heights, in whole pixels: one line 17.6 pt → 23 px = 17.25 pt; a
    # text of 30 Chinese characters (60 columns) in a column 12 wide (11 of room) takes ⌈60 / 11⌉ = 6 lines:
    # 6 × 15.6 + 2 = 95.6 pt → 127 px = 95.25 pt; the sheet's other rows keep Excel's own 15 pt
    long = "甲" * 30
    rows = [[Cell("甲镇"), Cell("短")], [Cell("乙镇"), Cell(long, Look(wrap=True))], [Cell("丙镇"), Cell("短")]]
    sheet = read_back(Sheet("表", header=[[Cell("单位"), Cell("说明")]], rows=rows, widths=[8, 12]))
    assert [sheet.row_dimensions[row].height for row in (2, 3, 4)] == [17.25, 95.25, 17.25]
    assert not sheet.sheet_format.customHeight


def test_a_check_workbook_makes_its_records_as_it_takes_them_and_shares_alike_cells():
    report = api.check("examples/county.csv", profile="national-2025").report()
    assert report.count() == 12 * 8 + 8  # twelve townships and the total, eight indicators each, counted unmade
    summary, records, _ = report.book()
    assert callable(report.made)  # never held whole: a province's 240,000 records took 370 MB
    assert len(records.rows) == 104
    statuses = [row[6] for row in records.rows if row[6].value == "未达标" and not row[0].look.bold]
    assert len(statuses) > 1 and all(cell is statuses[0] for cell in statuses)  # one cell for the alike
    assert records.rows[0][0] is records.rows[1][0]  # 城关镇 in both its rows, one cell
