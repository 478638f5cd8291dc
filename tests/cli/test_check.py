"""`kongchuo check` end to end: exact output per format, exit codes, errors and warnings; county files of every
kind (encodings, workbooks, header layouts, several files, total rows); roll-ups; lines by kind of unit; grade
tables; rosters; files out and CI reports; the example county. Every figure is worked by hand.

The promises every command that reads files keeps (GBK, UTF-16, standard input, a missing file, an atomic -o,
`| head`) are tested once for all of them in tests/cli/test_every_reader.py.

Tests marked "Regression (review: …)" come from three reviews: of `check` against bad real-world files (each once
gave a wrong county figure, a traceback, or an echoed personal detail); of the file handling (workbooks and roll-ups
that once gave a wrong county figure, a flipped exit code, or an internal error); of the policy features (lines of the
wrong kind, explain disagreeing with check, JUnit).
"""

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart

from tests.helpers import ROOT, corpus
from tests.helpers.corpus import _with_cached_values, write_delimited
from tests.helpers.grade_tables import JIA, long_rows
from tests.helpers.rosters import A1, A2, A3, B1, B2, NAMES, ROSTER, made_up_id, write
from tests.helpers.small import (
    SMALL_COUNTY as SMALL,  # two townships worked by hand (see tests/helpers/small.py)
)
from tests.helpers.unit_lines import LINES, SCHOOLS

CSV_EN = """\
unit,is_total,indicator,name,numerator,denominator,rate,target,status,returns_needed,formula,note
甲镇,false,consolidation_9y,nine-year consolidation rate,95,100,95.0000,>= 96%,fail,1,adjusted,
甲镇,false,dropout_junior,junior dropout rate,3,100,3.0000,<= 2%,fail,1,,
乙镇,false,consolidation_9y,nine-year consolidation rate,194,200,97.0000,>= 96%,pass,0,adjusted,
乙镇,false,dropout_junior,junior dropout rate,1,200,0.5000,<= 2%,pass,0,,
Total,true,consolidation_9y,nine-year consolidation rate,289,300,96.3333,>= 96%,pass,0,adjusted,1 if each unit meets the line on its own.
Total,true,dropout_junior,junior dropout rate,4,300,1.3333,<= 2%,pass,0,,1 if each unit meets the line on its own.
"""
CONSOLIDATION = ["乡镇", "一年级入学人数", "毕业班在校生数"]
INJECTED = [["乡镇", "一年级入学人数", "毕业班在校生数"], ["=cmd|' /C calc'!A0", "100", "97"], ["@SUM(1+1)", "100", "90"]]
# Lines by kind of township: rural townships judged by the rural 两基 lines, a named township by its own.
TOWN_LINES = """version: 1
name: 两基（城乡分列）
extends: liangji-urban
groups:
  - name: 农村
    when: {城乡: 农村}
    extends: liangji-rural
  - when: {unit: 丙镇}
    indicators:
      dropout_junior: {target: "<= 2.5%", source: 县教育局}
"""
TOWN_KINDS = [["乡镇", "城乡", "初中辍学人数", "初中学年初在校生数"], ["甲镇", "城镇", "5", "200"], ["乙镇", "农村", "5", "200"],
              ["丙镇", "城镇", "5", "200"]]


@pytest.fixture
def small(write_table):
    return write_table(SMALL)


def check_json(run, *args):
    result = run("check", *map(str, args), "-f", "json", "--lang", "en")
    return result, json.loads(result.stdout) if result.stdout else None


def consolidation(document):
    """unit → (numerator, denominator, returns needed) of consolidation_9y, from a JSON document."""
    return {r["unit"]: (r["numerator"], r["denominator"], r["returns_needed"])
            for r in document["results"] if r["indicator"] == "consolidation_9y"}


def figures(result):
    """unit → (numerator, denominator, returns needed) of consolidation_9y, from a run with -f json."""
    return {r["unit"]: (r["numerator"], r["denominator"], r["returns_needed"])
            for r in json.loads(result.stdout)["results"] if r["indicator"] == "consolidation_9y"}


def totals(result):
    return [(r["unit"], r["numerator"], r["denominator"], r["returns_needed"])
            for r in json.loads(result.stdout)["results"] if r["is_total"]]


def results(result):
    return {r["unit"]: (r["target"], r["status"], r["returns_needed"]) for r in json.loads(result.stdout)["results"]}


def save(workbook, path):
    workbook.save(path)
    return str(path)


# --- formats and exit codes --------------------------------------------------------------------------------------


def test_csv(run, small):
    result = run("check", small, "-f", "csv", "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (0, CSV_EN, "")


def test_tsv_in_chinese(run, small):
    result = run("check", small, "-f", "tsv")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["单位", "是否合计", "指标代码", "指标", "分子", "分母", "比率(%)", "标准", "结果",
                                    "需劝返人数", "公式", "说明"]
    assert lines[1].split("\t") == ["甲镇", "否", "consolidation_9y", "九年义务教育巩固率", "95", "100", "95.0000",
                                    ">= 96%", "未达标", "1", "adjusted", ""]
    assert lines[5].split("\t") == ["合计", "是", "consolidation_9y", "九年义务教育巩固率", "289", "300", "96.3333",
                                    ">= 96%", "达标", "0", "adjusted", "各单位分别达标共需劝返 1 人。"]


def test_json(run, small):
    result = run("check", small, "-f", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert list(document) == ["version", "thresholds", "passed", "counts", "skipped", "results"]
    assert (document["thresholds"], document["passed"]) == ("built-in", True)
    assert document["counts"] == {"pass": 4, "warn": 0, "fail": 2, "n/a": 0}
    assert document["skipped"] == ["consolidation_junior_3y", "consolidation_primary", "dropout_primary", "enrollment_primary_net", "enrollment_junior_gross",
                                   "enrollment_disabled", "poverty_dropouts"]
    assert document["results"][4] == {
        "unit": "Total", "is_total": True, "indicator": "consolidation_9y", "name": "nine-year consolidation rate",
        "numerator": 289, "denominator": 300, "rate": 96.3333, "target": ">= 96%", "status": "pass",
        "returns_needed": 0, "formula": "adjusted", "note": "1 if each unit meets the line on its own."}
    assert [(r["unit"], r["indicator"], r["rate"], r["status"], r["returns_needed"]) for r in document["results"]] == [
        ("甲镇", "consolidation_9y", 95.0, "fail", 1), ("甲镇", "dropout_junior", 3.0, "fail", 1),
        ("乙镇", "consolidation_9y", 97.0, "pass", 0), ("乙镇", "dropout_junior", 0.5, "pass", 0),
        ("Total", "consolidation_9y", 96.3333, "pass", 0), ("Total", "dropout_junior", 1.3333, "pass", 0)]


def test_markdown(run, small):
    lines = run("check", small, "-f", "markdown", "--lang", "en").stdout.splitlines()
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert cells[0] == ["unit", "is_total", "indicator", "name", "numerator", "denominator", "rate", "target",
                        "status", "returns_needed", "formula", "note"]
    assert set(lines[1]) <= set("|-: ")
    assert cells[1][6].endswith(":")  # numbers right-aligned
    assert cells[4] == ["乙镇", "false", "consolidation_9y", "nine-year consolidation rate", "194", "200", "97.0000",
                        ">= 96%", "pass", "0", "adjusted", ""]
    assert len(cells) == 2 + 6


def test_table(run, small):
    result = run("check", small, "--lang", "en")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
    rows = [[cell.strip() for cell in line.strip("│").split("│")] for line in result.stdout.splitlines()
            if line.startswith("│")]
    assert rows[0][:8] == ["甲镇", "nine-year consolidation rate", "95", "100", "95.0%", ">= 96%", "× fail", "1"]
    assert rows[4][:8] == ["Total", "nine-year consolidation rate", "289", "300", "96.3%", ">= 96%", "√ pass", "0"]
    assert result.stdout.rstrip().endswith("Total: 2 pass, 0 warn, 0 fail, 0 n/a.")


def test_table_in_chinese_names_the_returns(run, write_table):
    path = write_table([SMALL[0], ["甲镇", "100", "90", "3", "100"], ["乙镇", "200", "190", "1", "200"]])
    result = run("check", path)
    # 合计 280/300 = 93.33 %: ⌈288⌉ − 280 = 8; units: 甲 ⌈96⌉ − 90 = 6, 乙 ⌈192⌉ − 190 = 2
    assert result.exit_code == 1
    assert result.stdout.rstrip().splitlines()[-2:] == [
        "合计：达标 1 项，预警 0 项，未达标 1 项，不适用 0 项。", "需劝返复学：九年义务教育巩固率 8 人。"]
    assert "各单位分别达标共需劝返 8 人。" in result.stdout  # 6 + 2: the same here by coincidence of the data


def test_rounding_never_shows_a_failing_rate_as_the_line(run, write_table):
    # 2399/2500 = 95.96 %: at one decimal it would read 96.0 % beside a failed ">= 96%"
    path = write_table([SMALL[0][:3], ["甲镇", "2500", "2399"]])
    result = run("check", path, "--lang", "en")
    assert "95.96%" in result.stdout and "96.0%" not in result.stdout


@pytest.mark.parametrize("options, code", [((), 0), (("--gate", "units"), 1), (("--gate", "total", "--strict"), 1)])
def test_gate(run, small, tmp_path, options, code):
    warn = tmp_path / "warn.yaml"
    # 合计 289/300 = 96.33 %: meets 96 % but not the 97 % warn line
    warn.write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}\n', "utf-8")
    assert run("check", small, "-t", str(warn), "-f", "csv", *options).exit_code == code


def test_usage_errors_exit_2(run, small):
    assert run("check", small, "--format", "xml").exit_code == 2
    assert run("check").exit_code == 2


def test_python_dash_m(small):
    result = subprocess.run([sys.executable, "-m", "kongchuo_cli", "check", small, "-f", "csv", "--lang", "en"],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, CSV_EN)


@pytest.mark.parametrize("env, coloured", [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)])
def test_colour_follows_force_color_and_no_color(small, tmp_path, monkeypatch, env, coloured):
    from click.testing import CliRunner

    from kongchuo_cli.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", small], env=env)
    assert ("\x1b[1;31m× 未达标\x1b[0m" in result.stdout) is coloured
    assert ("\x1b[" in result.stdout) is coloured


# --- errors and warnings -----------------------------------------------------------------------------------------


# (a missing file is tested for every command that reads files, in tests/cli/test_every_reader.py)
@pytest.mark.parametrize(
    "args, message",
    [
        (("{small}", "-o", "{small}"), "Error: {small}: the output file is an input file; choose another name.\n"),
        (("{small}", "-o", "x.xls"), "Error: x.xls: cannot tell the output format from the extension; give --format "
                                     "(table, csv, tsv, json, markdown, xlsx).\n"),
        (("{small}", "-o", "no/such/dir/x.csv"), "Error: no/such/dir/x.csv: the output folder does not exist.\n"),
        (("{small}", "-t", "bad.yaml"), "Error: bad.yaml, line 3: a rate's line needs a %, e.g. '>= 96%'.\n"),
    ],
)
def test_cannot_evaluate(run, small, tmp_path, args, message):
    (tmp_path / "bad.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96"}\n', "utf-8")
    result = run("check", *[arg.format(small=small) for arg in args], "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(small=small))


def test_all_problems_of_all_inputs_in_one_run(run, write_table, tmp_path):
    bad = write_table([SMALL[0], ["甲镇", "100", "-1", "x", "100"]])
    (tmp_path / "bad.yaml").write_text("version: 3\n", "utf-8")
    result = run("check", bad, "missing.csv", "-t", "bad.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: bad.yaml, line 1: version must be 1, not '3'.",
        f"Error: {bad}, row 2, column C (毕业班在校生数): '-1' is negative; a count cannot be below 0.",
        f"Error: {bad}, row 2, column D (初中辍学人数): 'x' is not a number; enter a count.",
        "Error: missing.csv: file not found; check the path."]


def test_partial_indicator_names_the_missing_column(run, write_table):
    path = write_table([["乡镇", "一年级入学人数", "转入人数"], ["甲镇", "100", "2"]])
    result = run("check", path)
    assert result.exit_code == 2
    assert result.stderr == (f"错误：{path}：有九年义务教育巩固率的部分列，但缺少「毕业班在校生数」列；"
                             "请补上该列，或删去九年义务教育巩固率的其他列。\n")


def test_movement_columns_alone_are_not_enough(run, write_table):
    path = write_table([["乡镇", "转入人数"], ["甲镇", "1"]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr.splitlines()) == (2, [
        f"Error: {path}: has columns of nine-year consolidation rate but not '{column}'; add that column, or remove "
        "the other columns of nine-year consolidation rate." for column in ("一年级入学人数", "毕业班在校生数")])


# Regression (review: bad real-world files).
def test_a_disabled_part_missing_is_named(run, write_table):
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "随班就读人数", "送教上门人数"], ["甲", "100", "60", "30"]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: has columns of disabled-children enrolment rate but not '特教学校就读人数'; add that "
           "column, or remove the other columns of disabled-children enrolment rate.\n")


def test_warnings_go_to_stderr(run, write_table):
    path = write_table([SMALL[0] + ["备注", "小学辍学人"], SMALL[1] + ["新建校", "3"], SMALL[2] + ["", "1"]])
    result = run("check", path, "-f", "csv", "--lang", "en")
    assert result.stdout == CSV_EN
    # 备注 holds text: kept (for --by), not a likely typo; 小学辍学人 holds numbers: reported, with a suggestion
    assert result.stderr == (f"Warning: {path}, column G (小学辍学人): column not recognised, ignored (did you "
                             "mean '小学辍学人数'?).\n")


# Regression (review: bad real-world files).
def test_a_named_row_with_empty_counts_is_an_error(run, write_table):
    path = write_table([CONSOLIDATION + ["转入人数"], ["东镇", "100", "99", ""], ["西镇", "", "", ""],
                        ["南镇", "200", "199", ""]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}, row 3: every count of this row is empty; fill "
                                                    "them in (0 where there were none), or delete the row if it is "
                                                    "a heading.\n")


# Regression (review: bad real-world files).
def test_spaces_inside_a_number_are_not_ignored(run, write_table):
    path = write_table([CONSOLIDATION, ["甲", "1 0 0", "97"]])
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 2 and "'1 0 0' is not a number" in result.stderr


# Regression (review: bad real-world files).
def test_headers_on_two_lines_are_shown_on_one(run, tmp_path):
    path = write_delimited(tmp_path / "h.csv", [["乡镇", "一年级\n入学人数", "毕业班在校生数"], ["甲", "x", "97"]],
                           "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert "column B (一年级 入学人数): 'x' is not a number" in result.stderr


# Regression (review: bad real-world files).
def test_the_same_file_twice(run, write_table):
    path = write_table([CONSOLIDATION, ["甲", "100", "97"]])
    result = run("check", path, path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: the same file is given twice.\n")


# Regression (review: bad real-world files).
def test_a_folder_is_not_a_file(run, tmp_path):
    (tmp_path / "adir").mkdir()
    result = run("check", "adir")
    assert (result.exit_code, result.stderr) == (2, "错误：adir：这是一个文件夹，不是文件。\n")


# --- county files of every kind (the figures are worked by hand in tests/helpers/corpus.py) ----------------------


@pytest.mark.parametrize("make, read", [(corpus.gbk_csv, "encoding gb18030, delimiter ,"),
                                        (corpus.bom_csv, "encoding utf-8-sig, delimiter ,"),
                                        (corpus.utf16_tsv, "encoding utf-16, delimiter TAB"),
                                        (corpus.township_workbook, "sheet '汇总表'")])
def test_each_kind_of_township_file(run, tmp_path, make, read):
    path = make(tmp_path)
    result, document = check_json(run, path, "-v")
    assert result.exit_code == 1  # the county misses 96 %
    figures = consolidation(document)
    assert figures.pop("Total") == corpus.EXPECTED_TOTAL
    assert figures == corpus.EXPECTED_UNITS
    header_rows = "2+3" if path.suffix == ".xlsx" else "2"
    note_row = 9 if path.suffix == ".xlsx" else 7
    # the 合计 row agrees with the towns (no warning); the notes row is skipped without echoing its text
    assert result.stderr.splitlines() == [
        f"Warning: {path}, row {note_row}: the row has no counts and was skipped (fine for a notes row such as "
        "填表人 or 说明).",
        f"{path}: {'text, ' if 'sheet' not in read else ''}{read}; header on row {header_rows}; 3 units, "
        "1 total or subtotal rows, 1 note rows skipped."]
    assert "13800000000" not in result.stderr and "王某某" not in result.stderr


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
    _with_cached_values(tmp_path / "f.xlsx", {"D2": 50})  # as Excel saves it
    # 900 / (1000 − 50) = 94.74 %: ⌈0.96 · 950⌉ − 900 = 12
    assert figures(run("check", path, "-f", "json", "--lang", "en")) == {"甲镇": (900, 950, 12)}


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


# --- roll-up by a column (--by) ----------------------------------------------------------------------------------


def test_roll_up_by_township(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    result, document = check_json(run, path, "--by", "乡镇")
    assert consolidation(document) == {"甲镇": (190, 200, 2), "乙镇": (138, 150, 6), "丙乡": (99, 100, 0),
                                       "Total": (427, 450, 5)}
    assert document["results"][-1]["note"] == "8 if each unit meets the line on its own."


def test_roll_up_two_levels(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    document = check_json(run, path, "--by", "乡镇,学校名称")[1]
    assert list(consolidation(document).items()) == [
        ("甲镇", (190, 200, 2)), ("甲镇/中心小学", (115, 120, 1)), ("甲镇/第二小学", (75, 80, 2)),
        ("乙镇", (138, 150, 6)), ("乙镇/中心小学", (138, 150, 6)), ("丙乡", (99, 100, 0)),
        ("丙乡/中心小学", (99, 100, 0)), ("Total", (427, 450, 5))]
    assert document["results"][0]["note"] == "3 if each unit meets the line on its own."


def test_school_level_without_roll_up_qualifies_repeated_names(run, tmp_path):
    # 中心小学 is in three townships: each is its own unit, named with its township
    figures = consolidation(check_json(run, corpus.school_csv(tmp_path))[1])
    assert figures == {"甲镇/中心小学": (115, 120, 1), "甲镇/第二小学": (75, 80, 2), "乙镇/中心小学": (138, 150, 6),
                       "丙乡/中心小学": (99, 100, 0), "Total": (427, 450, 5)}


def test_roll_up_by_an_unknown_column(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    result = run("check", str(path), "--by", "城乡", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: no column '城乡' to group by; the columns are: 乡镇.\n")


# Regression (review: file handling).
def test_by_with_a_blank_group_cell(run, write_table):
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "90"],
                        ["", "二小", "100", "95"]])
    result = run("check", path, "--by", "乡镇", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}, row 3: '乡镇' is empty, so the row cannot be grouped; if the sheet had merged cells, "
           "fill in every row.\n")


# Regression (review: file handling).
def test_by_across_files_of_different_levels(run, write_table):
    schools = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "95"],
                           ["甲镇", "二小", "200", "191"], ["乙镇", "一小", "700", "670"]], name="schools.csv")
    towns = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["丙镇", "100", "99"]], name="towns.csv")
    result = run("check", schools, towns, "--by", "乡镇", "-f", "json", "--lang", "en")
    # 甲镇 286/300: ⌈288⌉ − 286 = 2; 乙镇 670/700: ⌈672⌉ − 670 = 2; 丙镇 99/100 passes; 1055/1100: ⌈1056⌉ → 1
    assert figures(result) == {"甲镇": (286, 300, 2), "乙镇": (670, 700, 2), "丙镇": (99, 100, 0),
                               "Total": (1055, 1100, 1)}


# Regression (review: file handling).
def test_by_names_the_unit_column_out_of_place(run, write_table):
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "95"]])
    result = run("check", path, "--by", "学校,乡镇", "--lang", "en")
    assert result.stderr == "Error: the unit column can only come last in --by: '学校'.\n"


# --- lines by kind of unit (groups in the thresholds file) -------------------------------------------------------


def test_rural_and_named_lines(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(TOWN_LINES, "utf-8")
    result = run("check", write_table(TOWN_KINDS), "-t", "lines.yaml", "-f", "json", "--lang", "en")
    records = {r["unit"]: (r["target"], r["status"], r["returns_needed"], r["note"])
               for r in json.loads(result.stdout)["results"]}
    # every unit 5/200 = 2.5 %: urban <= 2 % → 5 − ⌊4⌋ = 1; rural <= 3 % passes; 丙镇 <= 2.5 % passes on the line
    assert records == {
        "甲镇": ("<= 2%", "fail", 1, None),
        "乙镇": ("<= 3%", "pass", 0, "judged by the lines of '农村'."),
        "丙镇": ("<= 2.5%", "pass", 0, "judged by the lines of 'unit=丙镇'."),
        # the county keeps the file's own (urban) line: 15 − ⌊0.02 · 600⌋ = 3
        "Total": ("<= 2%", "fail", 3, "1 if each unit meets the line on its own.")}


def test_a_condition_on_a_column_the_data_lacks(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(TOWN_LINES.replace("城乡: 农村", "区域: 农村"), "utf-8")
    result = run("check", write_table(TOWN_KINDS), "-t", "lines.yaml", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "Error: lines.yaml, line 5: the group condition's column '区域' is not in the data; the columns are: 城乡.\n")


# Regression (review: policy features).
def test_groups_of_by_keep_the_file_lines(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "lines.yaml", "--by", "乡镇", "-f", "json", "--lang", "en")
    # every township row is judged by the file's urban <= 2 %, whatever kind its schools are, even 丙镇 with one school:
    # 甲镇 10/400 → ⌊8⌋ allowed → 2; 乙镇 5/200 → 1; 丙镇 5/200 → 1; county 20/800 → ⌊16⌋ → 4
    assert results(result) == {"甲镇": ("<= 2%", "fail", 2), "乙镇": ("<= 2%", "fail", 1),
                               "丙镇": ("<= 2%", "fail", 1), "Total": ("<= 2%", "fail", 4)}


# Regression (review: policy features).
def test_units_take_their_kind_and_name(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "lines.yaml", "-f", "json", "--lang", "en")
    assert results(result) == {"甲镇/中心小学": ("<= 2%", "fail", 1), "甲镇/二中": ("<= 3%", "pass", 0),
                               "乙镇/中心小学": ("<= 3%", "pass", 0), "丙镇/中心小学": ("<= 2.5%", "pass", 0),
                               "Total": ("<= 2%", "fail", 4)}
    assert "Line (农村) junior dropout rate <= 3%" in run("check", write_table(SCHOOLS), "-t", "lines.yaml",
                                                          "--lang", "en").stdout


# Regression (review: policy features).
def test_a_group_extends_only_the_lines_it_has(run, tmp_path):
    (tmp_path / "g.yaml").write_text("version: 1\nextends: national-2025\ngroups:\n  - when: {乡镇: 城关镇}\n"
                                     "    extends: liangji-rural\n", "utf-8")
    result = run("check", str(ROOT / "examples" / "county.csv"), "-t", "g.yaml", "--gate", "units", "-f", "json",
                 "--lang", "en")
    records = {(r["unit"], r["indicator"]): (r["target"], r["status"]) for r in json.loads(result.stdout)["results"]}
    # liangji-rural has no consolidation line: 城关镇 keeps the file's >= 96 % (1,690/1,870 = 90.4 %: fails)
    assert records[("城关镇", "consolidation_9y")] == (">= 96%", "fail")
    assert records[("城关镇", "dropout_junior")] == ("<= 3%", "pass")  # and takes the rural dropout line


# Regression (review: policy features).
# (`thresholds check --data` warns the same: tests/cli/test_thresholds.py)
def test_a_group_that_matches_nothing_is_warned(run, write_table, tmp_path):
    (tmp_path / "typo.yaml").write_text(LINES.replace("城乡: 农村", "城乡: 乡村").replace("丙镇/中心小学", "中心小学"),
                                        "utf-8")
    data = write_table(SCHOOLS)
    result = run("check", data, "-t", "typo.yaml", "--lang", "en", "-q", "--summary")
    checked = run("check", data, "-t", "typo.yaml", "--lang", "en", "-f", "csv")
    assert checked.stderr.splitlines() == [
        "Warning: typo.yaml, line 4: the group '农村' matches no unit (unit: must equal a unit as results name it, "
        "e.g. 甲镇/中心小学).",
        "Warning: typo.yaml, line 7: the group 'unit=中心小学' matches no unit (unit: must equal a unit as results "
        "name it, e.g. 甲镇/中心小学)."]
    assert result.stderr == ""  # -q


# Regression (review: policy features).
def test_a_condition_on_the_label_column(run, write_table, tmp_path):
    (tmp_path / "l.yaml").write_text('version: 1\nindicators:\n  dropout_junior: {target: "<= 2%"}\ngroups:\n'
                                     '  - when: {学校: 中心小学}\n    indicators:\n      dropout_junior: {target: "<= 3%"}\n',
                                     "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "l.yaml", "-f", "json", "--lang", "en")
    assert [target for target, _, _ in results(result).values()] == ["<= 3%", "<= 2%", "<= 3%", "<= 3%", "<= 2%"]


# --- grade tables (the cells are worked by hand in tests/helpers/grade_tables.py) --------------------------------


def test_check_judges_the_cohort_exactly(write_table, run):
    path = write_table(long_rows())
    result = run("check", path, "--cohort", "2012", "--year", "2019", "-f", "json", "--lang", "en")
    assert result.exit_code == 0  # the gated total passes every line (below)
    assert run("check", path, "--cohort", "2012", "--year", "2019", "--gate", "units").exit_code == 1
    records = {(r["unit"], r["indicator"]): r for r in json.loads(result.stdout)["results"]}
    nine = records["甲镇", "consolidation_9y"]
    # 188 / (200 + 3 − 5 − 1 − 1) = 188/196 = 95.918 % < 96 %: ⌈0.96 × 196⌉ − 188 = ⌈188.16⌉ − 188 = 1
    assert (nine["numerator"], nine["denominator"], nine["status"], nine["returns_needed"]) == (188, 196, "fail", 1)
    assert (nine["cohort"], nine["year"], nine["rate"]) == (2012, 2020, 95.9184)
    yi = records["乙镇", "consolidation_9y"]
    assert (yi["numerator"], yi["denominator"], yi["status"]) == (96, 99, "pass")  # 96.97 %
    total = records["Total", "consolidation_9y"]
    # Σ/Σ = 284/295 = 96.27 %: the county passes though 甲镇 does not
    assert (total["numerator"], total["denominator"], total["status"]) == (284, 295, "pass")
    junior = records["甲镇", "dropout_junior"]
    # school year 2019: 4 dropouts of grade 8 (row 2020) over the junior stock of autumn 2019 (grade 8: 192)
    # = 2.08 % > 2 %: 4 − ⌊0.02 × 192⌋ = 4 − 3 = 1
    assert (junior["numerator"], junior["denominator"], junior["returns_needed"], junior["year"]) == (4, 192, 1, 2019)
    assert junior["cohort"] is None and junior["formula"] == "dictionary; suspended=retained"


def test_latest_complete_cohort_and_year_by_default(write_table, run):
    result = run("check", write_table(long_rows()), "-f", "json", "--lang", "en")
    records = json.loads(result.stdout)["results"]
    periods = {(r["unit"], r["indicator"]): (r["cohort"], r["year"]) for r in records}
    assert periods["甲镇", "consolidation_9y"] == (2012, 2020)  # the only complete one
    assert periods["甲镇", "dropout_junior"] == (None, 2020)  # the newest year with next year's flows
    junior = [r for r in records if r["unit"] == "甲镇" and r["indicator"] == "dropout_junior"][0]
    assert (junior["numerator"], junior["denominator"]) == (1, 188)  # row 2021: 1 dropout over grade 9 of 2020


def test_youzhi_profile_judges_the_junior_cohort(write_table, run):
    result = run("check", write_table(long_rows()), "-p", "youzhi-2017", "-f", "json", "--lang", "en")
    records = {(r["unit"], r["indicator"]): r for r in json.loads(result.stdout)["results"]}
    junior = records["甲镇", "consolidation_junior_3y"]
    # 186 / 194 = 95.876 % >= 95 %
    assert (junior["numerator"], junior["denominator"], junior["status"], junior["rate"]) == (186, 194, "pass", 95.8763)


@pytest.mark.parametrize(("settings", "expected"), [
    ("", (0, 197)),  # dictionary: 休学 retained
    ("suspended: loss", (2, 197)),
    ("suspended: base", (0, 195)),
    ("definition: liangji", (2, 197)),  # 两基 counts 休学 as a loss
    ("definition: liangji\n    suspended: retained", (0, 197)),
])
def test_dropout_settings(write_table, run, tmp_path, settings, expected):
    (tmp_path / "t.yaml").write_text(
        f"version: 1\nindicators:\n  dropout_primary:\n    target: \"<= 1%\"\n    {settings}\n", "utf-8")
    # school year 2017: 甲镇's primary stock is grade 6 (197); the row of 2018 has 2 on 休学 and no dropout
    result = run("check", write_table(long_rows()), "-t", "t.yaml", "--year", "2017", "-f", "json")
    (record,) = [r for r in json.loads(result.stdout)["results"]
                 if r["indicator"] == "dropout_primary" and r["unit"] == "甲镇"]
    assert (record["numerator"], record["denominator"]) == expected


def test_identity_gaps_are_warned(write_table, run):
    cells = {**JIA, (2015, 4): {"在校生数": 201}}
    # 2015 grade 4 should be 203 (2014 grade 3, no movements): its cells give 201 (tests/indicators/test_flows.py)
    result = run("check", write_table(long_rows((("甲镇", "6-3", cells),))), "--lang", "en", "-f", "csv")
    assert "'甲镇', 2015, grade 4: 201 enrolled, but last year's grade below and the year's movements give 203 (-2)." \
        in result.stderr


def test_history_shows_every_period_but_gates_the_latest(write_table, run):
    path = write_table(long_rows())
    plain = json.loads(run("check", path, "-f", "json", "--lang", "en").stdout)["results"]
    history = run("check", path, "--history", "--gate", "units", "-f", "json", "--lang", "en")
    every = json.loads(history.stdout)["results"]
    years = sorted({r["year"] for r in every if r["unit"] == "甲镇" and r["indicator"] == "dropout_junior"})
    assert years == [2018, 2019, 2020]  # junior stock in 2018 (grade 7), 2019 (8), 2020 (9)
    # the 2019 junior rate fails (4/192) but is history: the gate looks at 2020 only (1/188)
    assert history.exit_code == run("check", path, "--gate", "units").exit_code
    assert len(every) > len(plain)
    assert "dimmed rows are earlier cohorts" in run("check", path, "--history", "--lang", "en").stdout


def test_a_cohort_not_in_the_table_is_said(write_table, run):
    result = run("check", write_table(long_rows()), "--cohort", "2015", "--lang", "en")
    assert "nine-year consolidation rate: no complete data for the cohort of 2015; cohorts found: 2012. The latest " \
           "is judged." in result.stderr


def test_summary_and_grade_tables_are_told_apart(write_table, run):
    summary = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "96"]], name="s.csv")
    graded = write_table(long_rows(), name="g.csv")
    result = run("check", summary, graded, "--lang", "en")
    assert result.exit_code == 2
    assert "s.csv: this is a summary table; give tables of one kind per run" in result.stderr
    assert "read as a grade table (long: a row per unit, year and grade): 2 units, school years 2012–2021." in run(
        "check", graded, "--lang", "en").stderr
    assert run("check", summary, "--kind", "grades").exit_code == 2  # told to read it as what it is not
    assert run("check", summary, "--history").exit_code == 2


# --- rosters (the children are made up in tests/helpers/rosters.py) ----------------------------------------------


def test_check_on_a_roster(tmp_path, run):
    path = write(tmp_path / "r.csv", ROSTER)
    result = run("check", path, "--year", "2024", "-f", "json", "--lang", "en")
    records = {(r["unit"], r["indicator"]): r for r in json.loads(result.stdout)["results"]}
    total = records["Total", "dropout_primary"]
    # primary: 赵一, 钱二, 周五, 吴六 in the base (李四 transferred out); 钱二 dropped out: 1/4 = 25 % > 1 %
    assert (total["numerator"], total["denominator"], total["returns_needed"]) == (1, 4, 1)
    disabled = records["Total", "enrollment_disabled"]
    # three kinds: 孙三 (随班就读), 周五 (送教上门), 郑七 (未入学): 2 of 3 enrolled
    assert (disabled["numerator"], disabled["denominator"]) == (2, 3)
    assert records["Total", "poverty_dropouts"]["numerator"] == 2
    assert result.exit_code == 1
    assert "read as a roster: 7 rows, counted into 4 units." in result.stderr


def test_identity_problems_by_row_and_never_the_data(tmp_path, run):
    bad = [row[:] for row in ROSTER]
    bad[2][1] = A1[:17] + ("0" if A1[17] != "0" else "1")  # a wrong check digit, row 3
    bad[3][1] = A2[:6] + "20151331" + A2[14:]  # month 13, row 4
    bad[4][2] = "K" + A3  # not a 学籍号 form, row 5
    bad[8][1] = A3  # 孙三's ID again, in 乙镇: a transfer not closed (rows 5 and 9)
    bad[6][5] = "十年级"  # row 7
    bad[7][1] = made_up_id("430102", "20050101", "006")  # 19 in grade 2: too old (row 8)
    path = write(tmp_path / "bad.csv", bad)
    result = run("check", path, "--year", "2024", "--lang", "en", "-f", "csv")
    assert "1 rows: the ID number's check digit (last character) does not match: check it against the card (rows 3)." \
        in result.stderr
    assert "(rows 4)" in result.stderr and "(rows 5)" in result.stderr and "(rows 7)" in result.stderr
    assert "on 1 September the child is 4 or more years older than usual for the grade" in result.stderr
    assert "a transfer not closed; check it (counted as written) (rows 5, 9)." in result.stderr
    every_id = {A1, A2, A3, B1, B2, bad[2][1], bad[3][1], bad[7][1], "K" + A3}
    for secret in (*NAMES, *every_id, *(value[6:14] for value in every_id)):
        assert secret not in result.stderr and secret not in result.stdout
    verbose = run("check", path, "--year", "2024", "--lang", "en", "-v", "-f", "json")
    for secret in (*NAMES, *every_id):
        assert secret not in verbose.stderr


# --- files out ---------------------------------------------------------------------------------------------------


def test_output_file_has_a_bom_and_nothing_on_stdout(run, small, tmp_path):
    result = run("check", small, "-o", "results.csv", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "results.csv").read_bytes() == b"\xef\xbb\xbf" + CSV_EN.encode()


def test_output_format_from_extension(run, small, tmp_path):
    run("check", small, "-o", "results.json")
    assert json.loads((tmp_path / "results.json").read_text("utf-8"))["passed"] is True


def test_workbook_cell_by_cell(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    assert run("check", str(path), "-o", "results.xlsx").exit_code == 1
    workbook = load_workbook(tmp_path / "results.xlsx")
    assert workbook.sheetnames == ["结果", "标准"]
    sheet = workbook["结果"]
    assert [cell.value for cell in sheet[1]] == ["单位", "是否合计", "指标代码", "指标", "分子", "分母", "比率(%)", "标准",
                                                 "结果", "需劝返人数", "公式", "说明"]
    first = [cell.value for cell in sheet[2]]
    assert first[:6] == ["甲镇", "否", "consolidation_9y", "九年义务教育巩固率", 190, 198]
    assert first[6] == pytest.approx(0.959596)  # 190/198 as a percent cell
    assert first[7:11] == [">= 96%", "未达标", 1, "adjusted"]
    assert sheet.cell(2, 7).number_format == "0.00%"
    assert (sheet.cell(2, 9).fill.start_color.rgb, sheet.cell(2, 9).font.color.rgb) == ("00FFC7CE", "009C0006")
    assert sheet.cell(3, 9).fill.start_color.rgb == "00C6EFCE"  # 甲镇 primary dropouts pass
    total = [cell.value for cell in sheet[8]]
    assert total[:6] == ["合计", "是", "consolidation_9y", "九年义务教育巩固率", 427, 447]
    assert (total[9], total[11]) == (3, "各单位分别达标共需劝返 6 人。")
    assert sheet.cell(8, 1).font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 2 * 9 + 2  # 九年义务教育巩固率: nine characters of width two
    lines = workbook["标准"]
    assert [cell.value for cell in lines[1]][:2] == ["国家标准（十四五，2025）", "内置"]
    assert [cell.value for cell in lines[3]][-1] == "适用单位"
    assert [cell.value for cell in lines[4]] == ["consolidation_9y", "九年义务教育巩固率", ">= 96%", None, "adjusted",
                                                 "十四五公共服务规划（2025 年九年义务教育巩固率 96%）", None]


def test_formula_like_names_are_neutralised(run, write_table, tmp_path):
    path = write_table(INJECTED)
    csv_out = run("check", path, "-f", "csv", "--lang", "en").stdout.splitlines()
    assert csv_out[1].startswith("'=cmd|' /C calc'!A0,false,")
    assert csv_out[2].startswith("'@SUM(1+1),false,")
    run("check", path, "-o", "out.xlsx")
    cell = load_workbook(tmp_path / "out.xlsx")["结果"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)


def test_quiet(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    result = run("check", str(path), "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    assert run("check", str(path), "-q", "-o", "r.csv").exit_code == 1
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # -q still writes the file


def test_output_encoding(run, tmp_path):
    path = corpus.bom_csv(tmp_path)
    run("check", str(path), "-o", "gbk.csv", "--output-encoding", "gbk")
    data = (tmp_path / "gbk.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and data.decode("gbk").startswith("单位,是否合计")
    table = run("check", str(path), "-o", "t.txt", "--output-encoding", "gbk")  # the table's marks are in GBK
    assert table.exit_code == 1 and "×" in (tmp_path / "t.txt").read_bytes().decode("gbk")
    rare = corpus.write_delimited(tmp_path / "rare.csv", [["乡镇", "一年级入学人数", "毕业班在校生数"],
                                                          ["𠮷镇", "100", "97"]], "utf-8")
    result = run("check", str(rare), "-o", "r.csv", "--output-encoding", "gbk", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "Error: the character '𠮷' cannot be written in gbk; use --output-encoding gb18030 or utf-8.\n")
    assert not (tmp_path / "r.csv").exists()


def test_machine_formats_go_out_as_utf8_bytes(run, tmp_path):
    result = run("check", str(corpus.bom_csv(tmp_path)), "-f", "csv")
    assert result.stdout_bytes.decode("utf-8").startswith("单位,是否合计")


def test_colour_on_request(run, tmp_path):
    path = str(corpus.bom_csv(tmp_path))
    assert "\x1b[" in run("check", path, "--color").stdout
    assert "\x1b[" not in run("check", path, "--no-color").stdout


def test_an_unexpected_error_is_one_line_and_exit_2(run, tmp_path, monkeypatch):
    from kongchuo_cli import api

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "evaluate", broken)
    path = str(corpus.bom_csv(tmp_path))
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, "Error: kongchuo internal error (RuntimeError: boom); run again "
                                                    "with -v and report the output to the maintainers.\n")
    assert "Traceback" in run("check", path, "-v").stderr


# Regression (review: bad real-world files).
def test_output_never_overwrites_the_thresholds_file_in_the_folder(run, write_table, tmp_path):
    (tmp_path / "thresholds.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%"}\n',
                                              "utf-8")
    path = write_table([CONSOLIDATION, ["甲", "100", "97"]])
    result = run("check", path, "-o", "thresholds.yaml", "-f", "json")
    assert result.exit_code == 2
    assert (tmp_path / "thresholds.yaml").read_text("utf-8").startswith("version: 1")


# --- CI reports: JUnit XML and the one-line summary --------------------------------------------------------------


def test_junit_report_structure(run, write_table, tmp_path):
    path = write_table(SMALL)
    result = run("check", path, "--junit", "report.xml", "--gate", "units", "-q")
    assert result.exit_code == 1
    root = ElementTree.parse(tmp_path / "report.xml").getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    # 甲镇, 乙镇 and 合计 × consolidation and junior dropouts = 6 cases; 甲镇 fails both
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("errors")) == ("6", "2", "0", "0")
    assert (root.get("tests"), root.get("failures")) == ("6", "2")
    assert [(case.get("classname"), case.get("name")) for case in cases] == [
        ("甲镇", "consolidation_9y 九年义务教育巩固率"), ("甲镇", "dropout_junior 初中辍学率"),
        ("乙镇", "consolidation_9y 九年义务教育巩固率"), ("乙镇", "dropout_junior 初中辍学率"),
        ("合计", "consolidation_9y 九年义务教育巩固率"), ("合计", "dropout_junior 初中辍学率")]
    failure = cases[0].find("failure")
    # 95/100 against >= 96 %: ⌈96⌉ − 95 = 1 to return
    assert failure.get("message") == "95.0000% 未满足 >= 96%，需劝返 1 人"
    assert failure.text == "rate=95.0000% target=>= 96% returns_needed=1 numerator=95 denominator=100 formula=adjusted"
    assert cases[2].find("failure") is None and cases[2].find("system-out") is not None


def test_junit_strict_and_skipped(run, write_table, tmp_path):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数", "小学辍学人数", "小学学年初在校生数"],
                        ["甲", "100", "97", "0", "0"]])
    (tmp_path / "t.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 98%"}\n'
                                     '  dropout_primary: {target: "<= 1%"}\n', "utf-8")
    run("check", path, "-t", "t.yaml", "--junit", "j.xml", "--strict", "--lang", "en", "-q")
    suite = ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite")
    # 97 % is a warn (below 98 %) → a failure with --strict; 0 of 0 primary pupils: undefined → skipped
    assert (suite.get("failures"), suite.get("skipped")) == ("1", "1")
    assert suite.findall("testcase")[1].find("skipped").get("message") == "the denominator is 0: the rate is undefined."


# Regression (review: policy features).
def test_junit_warn_failure_and_control_characters(run, write_table, tmp_path):
    (tmp_path / "warn.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}\n',
                                        "utf-8")
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲\x01镇", "100", "96"]])
    assert run("check", path, "-t", "warn.yaml", "--strict", "--junit", "j.xml", "-q", "--lang", "en").exit_code == 1
    case = ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite/testcase")
    assert case.get("classname") == "甲镇"
    # 96/100 meets 96 %; ⌈97⌉ − 96 = 1 reaches the warn line
    assert case.find("failure").get("message") == "1 more returns reach the warn line '>= 97%'."


# Regression (review: policy features).
def test_junit_and_output_must_differ(run, write_table):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "97"]])
    result = run("check", path, "--junit", "r.json", "-o", "r.json", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, "Error: r.json: the output file is an input file; choose another "
                                                    "name.\n")


def test_summary_line(run, write_table):
    path = write_table([SMALL[0], ["甲镇", "100", "90", "3", "100"], ["乙镇", "200", "190", "1", "200"]])
    # 合计 280/300: ⌈288⌉ − 280 = 8 to return; junior dropouts 4/300 pass
    result = run("check", path, "--summary")
    assert (result.exit_code, result.stdout) == (1, "未达标 1 项，预警 0 项，达标 1 项 — 需劝返：九年义务教育巩固率 8 人\n")
    english = run("check", path, "--summary", "--lang", "en").stdout
    assert english == "1 fail, 0 warn, 1 pass — children to return: 8 for nine-year consolidation rate\n"


def test_summary_with_an_output_file(run, write_table, tmp_path):
    path = write_table(SMALL)
    result = run("check", path, "--summary", "-o", "r.json", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "0 fail, 0 warn, 2 pass\n")
    assert (tmp_path / "r.json").read_text("utf-8").startswith("{")


# --- the example county ------------------------------------------------------------------------------------------


def test_example_county_against_hand_computed_totals(run):
    result = run("check", str(ROOT / "examples" / "county.csv"), "-f", "json", "-t", str(ROOT / "thresholds.yaml"))
    assert result.exit_code == 1
    totals = {r["indicator"]: r for r in json.loads(result.stdout)["results"] if r["is_total"]}
    # Column sums of the twelve townships (the file's own 合计 row agrees, so no warning is printed):
    # entrants 8570, stock 7825, in 325, out 450, deaths 14, suspended 43 → base 8570 + 325 − 450 − 14 − 43 = 8388
    # ⌈0.96 · 8388⌉ = ⌈8052.48⌉ = 8053 → 8053 − 7825 = 228; townships on their own: 106 + 40 + 6 + 37 + 22 + 24
    # + 13 + 14 = 262
    assert (totals["consolidation_9y"]["numerator"], totals["consolidation_9y"]["denominator"]) == (7825, 8388)
    assert (totals["consolidation_9y"]["rate"], totals["consolidation_9y"]["returns_needed"]) == (93.2880, 228)
    assert totals["consolidation_9y"]["note"] == "各单位分别达标共需劝返 262 人。"
    # 186/23776 = 0.7823 % and 151/11476 = 1.3158 %: both within their lines
    assert [(totals[i]["rate"], totals[i]["status"]) for i in ("dropout_primary", "dropout_junior")] == [
        (0.7823, "pass"), (1.3158, "pass")]
    # 23826 of 23850 at >= 100 %: 24 children not in school
    assert (totals["enrollment_primary_net"]["status"], totals["enrollment_primary_net"]["returns_needed"]) == ("fail", 24)
    # 11476/11618 = 98.7778 %
    assert (totals["enrollment_junior_gross"]["rate"], totals["enrollment_junior_gross"]["status"]) == (98.7778, "pass")
    # enrolled = 随班就读 187 + 特教 80 + 送教上门 46 = 313 of 324; ⌈0.97 · 324⌉ = ⌈314.28⌉ = 315 → 2
    assert (totals["enrollment_disabled"]["numerator"], totals["enrollment_disabled"]["returns_needed"]) == (313, 2)
    assert (totals["poverty_dropouts"]["numerator"], totals["poverty_dropouts"]["returns_needed"]) == (8, 8)
    assert result.stderr == ""


def test_province_example_thresholds(run):
    result = run("check", str(ROOT / "examples" / "county.csv"), "-f", "json",
                 "-t", str(ROOT / "examples" / "thresholds-hunan-2020.yaml"))
    totals = {r["indicator"]: r for r in json.loads(result.stdout)["results"] if r["is_total"]}
    # ⌈0.98 · 8388⌉ = ⌈8220.24⌉ = 8221 → 8221 − 7825 = 396; disabled at 95 %: 313/324 = 96.6 % passes
    assert (totals["consolidation_9y"]["target"], totals["consolidation_9y"]["returns_needed"]) == (">= 98%", 396)
    assert totals["enrollment_disabled"]["status"] == "pass"
    assert totals["dropout_primary"]["status"] == "n/a"  # no line in that file
