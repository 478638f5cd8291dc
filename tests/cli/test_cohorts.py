"""`kongchuo cohorts` end to end: the ladder of each cohort, the UIS flow rates, and the identity gaps, on grade
tables worked by hand in tests/helpers/grade_tables.py."""

import json

from tests.helpers import ROOT
from tests.helpers.books import rgb
from tests.helpers.grade_tables import HEADER, JIA, WIDE, long_rows


def test_ladder_records(write_table, run):
    result = run("cohorts", write_table(long_rows()), "-f", "json", "--lang", "en")
    ladders = {(r["unit"], r["cohort"]): r for r in json.loads(result.stdout)["cohorts"]}
    jia = ladders["甲镇", 2012]
    assert [jia[f"grade_{g}"] for g in range(1, 10)] == [200, 200, 203, 203, 198, 197, 195, 192, 188]
    assert (jia["first"], jia["last"], jia["change"], jia["system"]) == (200, 188, -12, "6-3")
    total = ladders["Total", 2012]
    assert total["grade_9"] == 188 + 96 and total["is_total"] is True
    table = run("cohorts", write_table(long_rows(), name="b.csv")).stdout
    assert "198↓5" in table  # grade 5 of 甲镇: 5 fewer than grade 4


def test_uis_rates_from_a_table_with_repeaters(write_table, run):
    rows = [HEADER,
            ["丁镇", "", "2020", "1", "1000", "", "", "", "", "", "", "", "", ""],
            ["丁镇", "", "2021", "1", "1050", "1000", "", "", "", "", "", "", "", "50"],
            ["丁镇", "", "2021", "2", "920", "", "", "", "", "", "", "", "", "20"]]
    result = run("cohorts", write_table(rows), "--view", "flow", "-f", "json", "--lang", "en")
    (grade1,) = [r for r in json.loads(result.stdout)["rates"] if r["grade"] == 1]
    # promoted = 920 − 20 repeaters of grade 2 = 900: p = 90 %, r = 50/1000 = 5 %, d = 5 %; 年巩固率 920/1000
    assert (grade1["promoted"], grade1["promotion"], grade1["repetition"], grade1["dropout"]) == (900, 90, 5, 5)
    assert (grade1["retention"], grade1["survival"]) == (92, 100)
    assert "no migration" in json.loads(result.stdout)["assumptions"]


def test_grade_to_grade_rates_never_capped(write_table, run):
    result = run("cohorts", write_table(WIDE), "--view", "flow", "-f", "json", "--lang", "en")
    rates = {r["grade"]: r["retention"] for r in json.loads(result.stdout)["rates"]}
    # a real school sheet: 498 → 506 = 101.61 % (pupils arrived: above 100 %, not capped); 787 → 783 = 99.49 %
    assert (rates[3], rates[4]) == (101.6064, 99.4917)
    table_view = run("cohorts", write_table(WIDE), "--view", "flow")
    assert "101.61%" in table_view.stdout and "99.49%" in table_view.stdout


def test_gaps_view(write_table, run):
    cells = {**JIA, (2015, 4): {"在校生数": 201}}
    # 2015 grade 4 should be 203 (2014 grade 3, no movements); 2016 grade 5 should be 201 − 5 = 196, is 198
    gaps = run("cohorts", write_table(long_rows((("甲镇", "6-3", cells),)), name="b.csv"), "--view", "gaps", "-f",
               "csv", "--lang", "en")
    assert [line.split(",", 1)[1] for line in gaps.stdout.splitlines()[1:]] == [
        "甲镇,2015,4,enrolled (last year's grade below + movements),203,201,-2",
        "甲镇,2016,5,enrolled (last year's grade below + movements),196,198,2"]


def test_the_ladder_as_a_workbook_keeps_numbers_and_marks_losses(run, tmp_path):
    from openpyxl import load_workbook

    run("cohorts", str(ROOT / "examples" / "grades.csv"), "-o", "ladder.xlsx")
    sheet = load_workbook(tmp_path / "ladder.xlsx")["汇总"]
    assert sheet["A1"].value == "逐届人数（各年级秋季在校生）"
    assert [cell.value for cell in sheet[5]][:3] == ["单位", "届", "一年级"]
    # 城关镇's 2005 cohort: 572 in grade 8, 568 in grade 9 — four fewer; the cell stays the number 568
    assert [sheet[f"{column}6"].value for column in "ABJKL"] == ["城关镇", 2005, 572, 568, -4]
    assert sheet["K6"].number_format == '#,##0"↓4"' and rgb(sheet["K6"].font.color) == "C00000"
    assert sheet["J6"].number_format == "#,##0" and sheet["B6"].number_format == '0"级"'
