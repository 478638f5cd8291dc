"""`kongchuo check` on county files of every kind: encodings, workbooks, header layouts, several files, total,
subtotal and notes rows (the figures are worked by hand in tests/helpers/corpus.py).
"""

import json
import threading

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart

from tests.helpers import corpus
from tests.helpers.check import (
    CONSOLIDATION,
    check_json,
    consolidation,
    figures,
    totals,
)
from tests.helpers.corpus import with_cached_values, write_delimited


def save(workbook, path):
    workbook.save(path)
    return str(path)


# --- county files of every kind (the figures are worked by hand in tests/helpers/corpus.py) ----------------------


@pytest.mark.parametrize("make, read", [(corpus.gbk_csv, "encoding gb18030, delimiter ,"),
                                        (corpus.bom_csv, "encoding utf-8-sig, delimiter ,"),
                                        (corpus.utf16_tsv, "encoding utf-16, delimiter TAB"),
                                        (corpus.township_workbook, "sheet '汇总表'"),
                                        (corpus.old_workbook(".xls"), "sheet '汇总表'"),
                                        (corpus.old_workbook(".ods"), "sheet '汇总表'")])
def test_each_kind_of_township_file(run, tmp_path, make, read):
    path = make(tmp_path)
    result, document = check_json(run, path, "-v")
    assert result.exit_code == 1  # the county misses 96 %
    figures = consolidation(document)
    assert figures.pop("Total") == corpus.EXPECTED_TOTAL
    assert figures == corpus.EXPECTED_UNITS
    workbook = path.suffix in (".xlsx", ".xls", ".ods")
    header_rows = "2+3" if workbook else "2"
    note_row = 9 if workbook else 7
    # the 合计 row agrees with the towns (no warning); the notes row is skipped without echoing its text
    assert result.stderr.splitlines() == [
        f"Warning: {path}, row {note_row}: the row has no counts and was skipped (fine for a notes row such as "
        "填表人 or 说明).",
        f"{path}: {'text, ' if 'sheet' not in read else ''}{read}; header on row {header_rows}; 3 units, "
        "1 total or subtotal rows, 1 note rows skipped."]
    assert "13800000000" not in result.stderr and "王某某" not in result.stderr


def test_a_total_row_of_formulas_never_saved_is_recomputed(run, tmp_path):
    # the 合计 row's SUM formulas without their values (a file written by a program, never opened in Excel): not
    # refused; kongchuo sums the units, and says it could not compare
    path = corpus.township_workbook(tmp_path, cache=False)
    result, document = check_json(run, path)
    assert consolidation(document).pop("Total") == corpus.EXPECTED_TOTAL
    assert (f"Warning: {path}, row 7: the total row's formulas were saved without their values, so it cannot be "
            "compared with the units; kongchuo uses the sum of the units.") in result.stderr.splitlines()


def test_a_units_formula_never_saved_is_an_error(run, tmp_path):
    from openpyxl import load_workbook

    path = corpus.township_workbook(tmp_path)
    workbook = load_workbook(path)
    workbook["汇总表"]["C5"] = "=C4-52"  # 乙镇's stock as a formula, saved without a value
    workbook.save(path)
    result = run("check", str(path), "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: {path}: formulas without saved results (C5) would read as empty; open the file in Excel/WPS, save "
        "it, and try again.\n"))  # (re-saved by openpyxl, the 合计 row lost its values too: that row may)


def test_workbook_total_with_a_wrong_saved_value_is_reported(run, tmp_path):
    path = corpus.township_workbook(tmp_path, {"B": 450, "C": 430, "D": 5, "E": 8, "F": 5, "G": 2300})
    result, _ = check_json(run, path)
    assert f"{path}, row 7: the '合计' row differs from the sum of the units: 毕业班在校生数 430 in the file, 427 summed" \
           in result.stderr


@pytest.mark.parametrize("sheet", ["汇总表", "1"])
def test_sheet_by_name_or_number(run, tmp_path, sheet):
    path = corpus.township_workbook(tmp_path)
    assert consolidation(check_json(run, path, "--sheet", sheet)[1])["Total"] == corpus.EXPECTED_TOTAL


def test_missing_sheet_lists_the_sheets(run, tmp_path):
    path = corpus.township_workbook(tmp_path)
    result = run("check", str(path), "--sheet", "Sheet9", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: no sheet 'Sheet9'; the sheets are: 汇总表, 说明.\n")  # a list joined in the reader's language


# Regression (review: file handling).
def test_the_default_sheet_is_the_first_visible_worksheet(run, tmp_path):
    workbook = Workbook()
    hidden = workbook.active
    hidden.title = "2024"
    for row in [CONSOLIDATION, ["甲镇", 1000, 985]]:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    chart = workbook.create_chartsheet("图表")
    chart.add_chart(BarChart())
    visible = workbook.create_sheet("2025")
    for row in [CONSOLIDATION, ["甲镇", 1000, 925]]:
        visible.append(row)
    path = save(workbook, tmp_path / "v.xlsx")
    # 925/1000: ⌈960⌉ − 925 = 35 (last year's hidden sheet would pass)
    assert figures(run("check", path, "-f", "json", "--lang", "en")) == {"甲镇": (925, 1000, 35)}
    result = run("check", path, "--sheet", "图表", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: '图表' is a chart, not a worksheet.\n")


# Regression (review: file handling).
def test_a_damaged_workbook_is_a_message(run, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: cannot be read as an Excel workbook (")
    assert "internal error" not in result.stderr


# Regression (review: file handling).
def test_a_formula_never_saved_is_refused(run, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for row in [CONSOLIDATION + ["转出人数"], ["甲镇", 1000, 900, "=10+40"]]:
        sheet.append(row)
    path = save(workbook, tmp_path / "f.xlsx")
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: formulas without saved results (D2) would read as empty; open the file in Excel/WPS, "
           "save it, and try again.\n")
    with_cached_values(tmp_path / "f.xlsx", {"D2": 50})  # as Excel saves it
    # 900 / (1000 − 50) = 94.74 %: ⌈0.96 · 950⌉ − 900 = 12
    assert figures(run("check", path, "-f", "json", "--lang", "en")) == {"甲镇": (900, 950, 12)}


def test_a_formula_is_looked_for_again_when_the_scan_beside_calamine_fails(run, tmp_path, monkeypatch):
    """The sheet's formulas are scanned on a thread while calamine parses; if that scan fails, the reading thread
    scans again, so that a formula never saved is still refused (and no thread's traceback is printed)."""
    from kongchuo_cli.read import workbook as reader

    scans = []

    def scan(xml):
        scans.append(threading.current_thread() is threading.main_thread())
        if not scans[-1]:
            raise MemoryError
        return original(xml)

    original = reader._unsaved_formulas
    monkeypatch.setattr(reader, "_unsaved_formulas", scan)
    workbook = Workbook()
    for row in [CONSOLIDATION + ["转出人数"], ["甲镇", 1000, 900, "=10+40"]]:
        workbook.active.append(row)
    path = save(workbook, tmp_path / "f.xlsx")
    result = run("check", path, "--lang", "en")
    assert scans == [False, True]  # on the thread, then again here
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: formulas without saved results (D2) would read as empty; open the file in Excel/WPS, "
           "save it, and try again.\n")


# Regression (review: file handling).
def test_a_merged_count_is_refused(run, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for row in [["乡镇", "学校", "小学适龄儿童数", "小学适龄儿童在校数"], ["甲镇", "一小", 1000, 495],
                ["甲镇", "二小", None, 500]]:
        sheet.append(row)
    sheet.merge_cells("C2:C3")  # the township's population, merged over its two schools
    path = save(workbook, tmp_path / "m.xlsx")
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}, row 2, column C (小学适龄儿童数): a count cell is merged across rows 2–3; a count belongs "
           "to one row: unmerge it and give each row its own count.\n")


# Regression (review: file handling).
def test_a_count_in_a_date_formatted_cell(run, tmp_path):
    from datetime import datetime

    workbook = Workbook()
    workbook.active.append(CONSOLIDATION)
    workbook.active.append(["甲镇", datetime(1900, 2, 14), 97])
    path = save(workbook, tmp_path / "d.xlsx")
    result = run("check", path, "--lang", "en")
    assert result.stderr == (f"Error: {path}, row 2, column B (一年级入学人数): '1900-02-14' is formatted as a date; set "
                             "the cell format to Number and enter the count again.\n")


def test_header_row_given(run, tmp_path):
    path = corpus.write_delimited(tmp_path / "t.csv", [["乡镇", "备注"], ["一年级入学人数 在这里", "x"]]
                                  + corpus.township_rows(title=False), "utf-8")
    assert consolidation(check_json(run, path, "--header-row", "3")[1])["Total"] == corpus.EXPECTED_TOTAL
    result = run("check", str(path), "--header-row", "4", "--lang", "en")  # a row of data, not a header
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}, row 4: the header has no known count column.\n")


# Regression (review: file handling).
def test_a_group_title_over_the_header(run, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["乡镇", "九年义务教育巩固率", None, None, "小学", None])
    sheet.append([None, "一年级入学人数", "毕业班在校生数", "转出人数", "辍学人数", "学年初在校生数"])
    sheet.append(["甲镇", 1000, 930, 10, 5, 900])
    sheet.append(["乙镇", 1000, 920, 0, 2, 800])
    for cells in ("A1:A2", "B1:D1", "E1:F1"):
        sheet.merge_cells(cells)
    result = run("check", save(workbook, tmp_path / "g.xlsx"), "-f", "json", "--lang", "en")
    # 1850 / (2000 − 10) = 92.96 %: ⌈0.96 · 1990⌉ = ⌈1910.4⌉ = 1911 → 61; it must fail, not be skipped
    assert result.exit_code == 1
    assert figures(result)["Total"] == (1850, 1990, 61)


# Regression (review: file handling).
def test_a_three_row_header(run, tmp_path):
    # 乡镇 merged down three rows, 小学 across two columns, each lower name split over two rows (saved as CSV)
    rows = [["乡镇", "小学", ""], ["", "辍学", "学年初"], ["", "人数", "在校生数"], ["甲镇", "2", "1000"]]
    path = write_delimited(tmp_path / "h3.csv", rows, "utf-8")
    result = run("check", str(path), "-f", "json", "--lang", "en", "-v")
    record = json.loads(result.stdout)["results"][0]
    assert (record["indicator"], record["numerator"], record["denominator"]) == ("dropout_primary", 2, 1000)
    assert "header on row 1+2+3" in result.stderr


# Regression (review: file handling).
def test_the_column_number_row_of_official_forms(run, write_table):
    path = write_table([CONSOLIDATION, ["甲", "1", "2"], ["东镇", "1000", "958"], ["西镇", "1000", "957"]])
    # 1915/2000 = 95.75 %: ⌈1920⌉ − 1915 = 5 (the 栏次 row counted as a unit would give 1917/2000)
    assert figures(run("check", path, "-f", "json", "--lang", "en"))["Total"] == (1915, 2000, 5)


def test_several_files_make_one_county(run, tmp_path):
    files = corpus.county_files(tmp_path)
    figures = consolidation(check_json(run, *files)[1])
    assert figures.pop("Total") == corpus.EXPECTED_TOTAL
    assert figures == corpus.EXPECTED_UNITS


def test_encoding_option(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    assert consolidation(check_json(run, path, "--encoding", "gbk")[1])["Total"] == corpus.EXPECTED_TOTAL
    result = run("check", str(path), "--encoding", "utf-8", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: cannot be read as utf-8 (byte ")
    assert run("check", str(path), "--encoding", "klingon").exit_code == 2  # a usage error at parse time


# Regression (review: file handling).
def test_explicit_utf8_strips_the_bom(run, write_table):
    path = write_table([CONSOLIDATION, ["甲镇", "100", "97"]])  # Excel's CSV UTF-8, with its BOM
    result = run("check", path, "--encoding", "utf-8", "-f", "json", "--lang", "en")
    assert (result.exit_code, result.stderr, figures(result)) == (0, "", {"甲镇": (97, 100, 0)})


# Regression (review: bad real-world files).
def test_a_stray_quote_is_an_error_not_lost_rows(run, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('乡镇,一年级入学人数,毕业班在校生数\n甲镇,100,97\n"乙镇,100,90\n丙镇,100,80\n', "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2, f"Error: {path}, row 3: a quotation mark (\") opened in this row is never closed, which would swallow "
           "the rows after it; remove the stray quote.")


# Regression (review: bad real-world files).
def test_a_stray_quote_in_a_large_file_is_no_traceback(run, tmp_path):
    path = tmp_path / "big.csv"
    body = "".join(f"第{n}校,100,97\n" for n in range(12000))
    path.write_text('乡镇,一年级入学人数,毕业班在校生数\n甲镇,100,97\n"乙镇,1,1\n' + body, "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 2 and "row 3: a quotation mark" in result.stderr


# Regression (review: bad real-world files).
def test_a_quote_closed_rows_later_is_caught(run, tmp_path):
    path = tmp_path / "q2.csv"
    path.write_text('乡镇,一年级入学人数,毕业班在校生数\n甲镇,100,97\n"乙镇,100,90\n丙镇",100,80\n', "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 2 and "row 3: a quotation mark" in result.stderr


# --- total, subtotal and notes rows ------------------------------------------------------------------------------


# Regression (review: bad real-world files).
def test_a_merged_total_cell_lands_in_the_number_column(run, write_table):
    # Excel saves a 合计 merged across 序号 and 乡镇 as "合计," — it must not become a unit named "#4"
    path = write_table([["序号"] + CONSOLIDATION, ["1", "甲镇", "100", "95"], ["2", "乙镇", "100", "92"],
                        ["合计", "", "200", "187"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    # 187/200 = 93.5 %: ⌈192⌉ − 187 = 5 (counted twice it would be 10)
    assert totals(result) == [("Total", 187, 200, 5)]
    assert result.stderr == ""


# Regression (review: bad real-world files).
def test_labels_ending_in_total_words(run, write_table):
    path = write_table([CONSOLIDATION, ["东镇", "100", "95"], ["东镇小计", "100", "95"], ["西镇", "200", "191"],
                        ["示例县合计", "300", "286"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    # units 东镇 and 西镇 only: 286/300 = 95.33 %: ⌈288⌉ − 286 = 2
    assert totals(result) == [("Total", 286, 300, 2)]


# Regression (review: file handling).
def test_a_remark_ending_in_subtotal_is_not_a_total(run, write_table):
    path = write_table([CONSOLIDATION + ["备注"], ["甲镇", "1000", "800", "含教学点小计"], ["乙镇", "1000", "990", ""],
                        ["丙镇", "1000", "1000", "不计入合计"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    # all three count: 2790/3000 = 93 %: ⌈2880⌉ − 2790 = 90
    assert (result.exit_code, figures(result)["Total"]) == (1, (2790, 3000, 90))


# Regression (review: bad real-world files).
def test_a_number_column_with_a_total_is_not_the_label(run, write_table):
    path = write_table([["序号", "乡镇名称", "一年级入学人数", "毕业班在校生数"], ["1", "甲镇", "100", "97"],
                        ["2", "乙镇", "100", "97"], ["合计", "", "200", "194"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    units = [r["unit"] for r in json.loads(result.stdout)["results"]]
    assert units == ["甲镇", "乙镇", "Total"]


# Regression (review: bad real-world files).
def test_a_contact_line_in_a_count_column_is_a_note_and_not_echoed(run, write_table):
    path = write_table([CONSOLIDATION, ["甲镇", "100", "97"], ["填表人：张三", "联系电话：13812345678", ""]])
    result = run("check", path, "--lang", "en", "-f", "csv")
    assert result.exit_code == 0
    assert "13812345678" not in result.stderr and "张三" not in result.stderr
