"""Regressions from reviewing the file handling: workbooks and roll-ups that once gave a wrong county figure, a
flipped exit code, or an internal error."""

import json

from corpus import _with_cached_values, write_delimited
from openpyxl import Workbook
from openpyxl.chart import BarChart

HEADER = ["乡镇", "一年级入学人数", "毕业班在校生数"]


def figures(result):
    return {r["unit"]: (r["numerator"], r["denominator"], r["returns_needed"])
            for r in json.loads(result.stdout)["results"] if r["indicator"] == "consolidation_9y"}


def save(workbook, path):
    workbook.save(path)
    return str(path)


def test_a_formula_never_saved_is_refused(run, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for row in [HEADER + ["转出人数"], ["甲镇", 1000, 900, "=10+40"]]:
        sheet.append(row)
    path = save(workbook, tmp_path / "f.xlsx")
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: formulas without saved results (D2) would read as empty; open the file in Excel/WPS, "
           "save it, and try again.\n")
    _with_cached_values(tmp_path / "f.xlsx", {"D2": 50})  # as Excel saves it
    # 900 / (1000 − 50) = 94.74 %: ⌈0.96 · 950⌉ − 900 = 12
    assert figures(run("check", path, "-f", "json", "--lang", "en")) == {"甲镇": (900, 950, 12)}


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


def test_a_three_row_header(run, tmp_path):
    # 乡镇 merged down three rows, 小学 across two columns, each lower name split over two rows (saved as CSV)
    rows = [["乡镇", "小学", ""], ["", "辍学", "学年初"], ["", "人数", "在校生数"], ["甲镇", "2", "1000"]]
    path = write_delimited(tmp_path / "h3.csv", rows, "utf-8")
    result = run("check", str(path), "-f", "json", "--lang", "en", "-v")
    record = json.loads(result.stdout)["results"][0]
    assert (record["indicator"], record["numerator"], record["denominator"]) == ("dropout_primary", 2, 1000)
    assert "header on row 1+2+3" in result.stderr


def test_a_remark_ending_in_subtotal_is_not_a_total(run, write_table):
    path = write_table([HEADER + ["备注"], ["甲镇", "1000", "800", "含教学点小计"], ["乙镇", "1000", "990", ""],
                        ["丙镇", "1000", "1000", "不计入合计"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    # all three count: 2790/3000 = 93 %: ⌈2880⌉ − 2790 = 90
    assert (result.exit_code, figures(result)["Total"]) == (1, (2790, 3000, 90))


def test_the_column_number_row_of_official_forms(run, write_table):
    path = write_table([HEADER, ["甲", "1", "2"], ["东镇", "1000", "958"], ["西镇", "1000", "957"]])
    # 1915/2000 = 95.75 %: ⌈1920⌉ − 1915 = 5 (the 栏次 row counted as a unit would give 1917/2000)
    assert figures(run("check", path, "-f", "json", "--lang", "en"))["Total"] == (1915, 2000, 5)


def test_the_default_sheet_is_the_first_visible_worksheet(run, tmp_path):
    workbook = Workbook()
    hidden = workbook.active
    hidden.title = "2024"
    for row in [HEADER, ["甲镇", 1000, 985]]:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    chart = workbook.create_chartsheet("图表")
    chart.add_chart(BarChart())
    visible = workbook.create_sheet("2025")
    for row in [HEADER, ["甲镇", 1000, 925]]:
        visible.append(row)
    path = save(workbook, tmp_path / "v.xlsx")
    # 925/1000: ⌈960⌉ − 925 = 35 (last year's hidden sheet would pass)
    assert figures(run("check", path, "-f", "json", "--lang", "en")) == {"甲镇": (925, 1000, 35)}
    result = run("check", path, "--sheet", "图表", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: '图表' is a chart, not a worksheet.\n")


def test_a_damaged_workbook_is_a_message(run, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: cannot be read as an Excel workbook (")
    assert "internal error" not in result.stderr


def test_by_with_a_blank_group_cell(run, write_table):
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "90"],
                        ["", "二小", "100", "95"]])
    result = run("check", path, "--by", "乡镇", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}, row 3: '乡镇' is empty, so the row cannot be grouped; if the sheet had merged cells, "
           "fill in every row.\n")


def test_by_across_files_of_different_levels(run, write_table):
    schools = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "95"],
                           ["甲镇", "二小", "200", "191"], ["乙镇", "一小", "700", "670"]], name="schools.csv")
    towns = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["丙镇", "100", "99"]], name="towns.csv")
    result = run("check", schools, towns, "--by", "乡镇", "-f", "json", "--lang", "en")
    # 甲镇 286/300: ⌈288⌉ − 286 = 2; 乙镇 670/700: ⌈672⌉ − 670 = 2; 丙镇 99/100 passes; 1055/1100: ⌈1056⌉ → 1
    assert figures(result) == {"甲镇": (286, 300, 2), "乙镇": (670, 700, 2), "丙镇": (99, 100, 0),
                               "Total": (1055, 1100, 1)}


def test_by_names_the_unit_column_out_of_place(run, write_table):
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "95"]])
    result = run("check", path, "--by", "学校,乡镇", "--lang", "en")
    assert result.stderr == "Error: the unit column can only come last in --by: '学校'.\n"


def test_explicit_utf8_strips_the_bom(run, write_table):
    path = write_table([HEADER, ["甲镇", "100", "97"]])  # Excel's CSV UTF-8, with its BOM
    result = run("check", path, "--encoding", "utf-8", "-f", "json", "--lang", "en")
    assert (result.exit_code, result.stderr, figures(result)) == (0, "", {"甲镇": (97, 100, 0)})


def test_a_count_in_a_date_formatted_cell(run, tmp_path):
    from datetime import datetime

    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(["甲镇", datetime(1900, 2, 14), 97])
    path = save(workbook, tmp_path / "d.xlsx")
    result = run("check", path, "--lang", "en")
    assert result.stderr == (f"Error: {path}, row 2, column B (一年级入学人数): '1900-02-14' is formatted as a date; set "
                             "the cell format to Number and enter the count again.\n")
