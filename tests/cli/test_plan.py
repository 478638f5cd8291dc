"""`kongchuo plan` end to end: the county's need shared out among its townships (请各乡镇认领), worked by hand;
the largest-remainder allocation itself is tested in tests/judge/test_plan.py."""

import json

from tests.helpers import ROOT, corpus


def test_plan_of_the_example_county(run):
    result = run("plan", str(ROOT / "examples" / "county.csv"), "-i", "consolidation_9y", "-f", "json", "--lang", "en",
                 "-t", str(ROOT / "thresholds.yaml"))
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["plan"]
    county = rows[-1]
    # 8,388 − 7,825 = 563 children lost; the county needs 228 (⌈0.96 · 8,388⌉ − 7,825)
    assert (county["unit"], county["lost"], county["share"], county["own_need"]) == ("Total", 563, 228, 228)
    units = {row["unit"]: row for row in rows[:-1]}
    # 城关镇 lost 1,870 − 1,690 = 180: quota 228 · 180 / 563 = 72.9, and needs ⌈1,795.2⌉ − 1,690 = 106 on its own
    assert (units["城关镇"]["lost"], units["城关镇"]["own_need"]) == (180, 106)
    # floors of 228·lost/563 sum to 223; the five largest remainders (in 563ths: 东坪 531, 城关 504, 柳林 475,
    # 青龙 354, 石桥 275) get one more each
    assert {unit: row["share"] for unit, row in units.items()} == {
        "城关镇": 73, "东坪镇": 28, "西河镇": 8, "南岭乡": 10, "北山乡": 8, "石桥镇": 24, "柳林镇": 20, "青龙乡": 19,
        "白沙镇": 11, "桃园乡": 12, "黄土岭乡": 12, "新华镇": 3}


def test_plan_defaults_to_every_failing_indicator(run):
    result = run("plan", str(ROOT / "examples" / "county.csv"), "-f", "json", "-t", str(ROOT / "thresholds.yaml"))
    totals = [(row["indicator"], row["share"]) for row in json.loads(result.stdout)["plan"] if row["is_total"]]
    # the county fails consolidation (228), net enrolment (24), disabled enrolment (2) and poverty dropouts (8)
    assert totals == [("consolidation_9y", 228), ("enrollment_primary_net", 24), ("enrollment_disabled", 2),
                      ("poverty_dropouts", 8)]


def test_plan_by_township_from_a_school_sheet(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    result = run("plan", str(path), "--by", "乡镇", "-f", "csv", "--lang", "en")
    lines = result.stdout.splitlines()
    # lost: 甲镇 200 − 190 = 10, 乙镇 12, 丙乡 1 (23 in all); the county needs 5:
    # quotas 50/23 = 2.17, 60/23 = 2.61, 5/23 = 0.22 → floors 2, 2, 0 and one more to 乙镇 (remainder 14/23)
    shares = [(line.split(",")[0], line.split(",")[8]) for line in lines[1:]]
    assert shares == [("甲镇", "2"), ("乙镇", "3"), ("丙乡", "0"), ("Total", "5")]


def test_plan_messages(run, write_table):
    one = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲", "100", "90"]])
    assert run("plan", one, "--lang", "en").stderr == (
        "Error: a plan needs several units (with one unit, its own need is the whole plan).\n")
    two = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲", "100", "90"], ["乙", "100", "99"]], name="b.csv")
    result = run("plan", two, "-i", "dropout_junior", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "Error: the data has no columns for 'dropout_junior'; the indicators here are: consolidation_9y.\n")


def test_plan_by_gap_says_its_method(run, monkeypatch):
    county = str(ROOT / "examples" / "county.csv")
    document = json.loads(run("plan", county, "-i", "九年巩固率", "--share-by", "gap", "-f", "json").stdout)
    assert (document["method"], document["share_by"]) == ("largest-remainder", "gap")
    # the townships at or above 96 % (南岭, 北山, 桃园, 新华) take none; shares worked in tests/judge/test_plan.py
    assert {row["unit"]: row["share"] for row in document["plan"] if row["share"] == 0} == {
        "南岭乡": 0, "北山乡": 0, "桃园乡": 0, "新华镇": 0}
    monkeypatch.setenv("COLUMNS", "400")  # the sentence on one line
    lines = run("plan", county, "-i", "九年巩固率").stdout.splitlines()
    assert lines[-1].startswith("分配方法：全县需劝返的人数按各单位流失人数的比例分给全部单位")
    assert "│ 九年义务教育巩固率 >= 96%：全县需劝返 228 人" in lines[4]  # the block's heading
    gap = run("plan", county, "-i", "九年巩固率", "--share-by", "gap").stdout.splitlines()
    assert gap[-1].startswith("分配方法：全县需劝返的人数只分给未达标的单位")


def test_the_plan_as_a_workbook(run, tmp_path):
    from openpyxl import load_workbook

    run("plan", str(ROOT / "examples" / "county.csv"), "-i", "九年巩固率", "-o", "plan.xlsx")
    book = load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames == ["汇总", "明细", "标准"]
    sheet = book["汇总"]
    assert sheet["A1"].value == "劝返任务分配表"
    assert [cell.value for cell in sheet[5]][:6] == ["单位", "比率", "流失人数", "分配劝返人数", "单独达标需劝返", None]
    assert sheet["A6"].value == "九年义务教育巩固率 ≥ 96%：全县需劝返 228 人"  # a heading across the block
    # 城关镇: 1,690/1,870 = 90.4 %, lost 180, shares 73 (worked in test_plan_of_the_example_county), needs 106 alone
    assert [sheet[f"{column}7"].value for column in "ACDE"] == ["城关镇", 180, 73, 106]
    assert sheet["B7"].value == 0.904 and sheet["B7"].number_format == "0.0%"
    assert [cell.value for cell in sheet[19]][:5] == ["合计", 0.933, 563, 228, 228] and sheet["A19"].font.bold
    notes = [sheet.cell(row, 1).value for row in range(21, sheet.max_row + 1) if sheet.cell(row, 1).value]
    assert notes[0].startswith("分配方法：全县需劝返的人数按各单位流失人数的比例分给全部单位")
    assert sheet.page_setup.orientation == "portrait"  # five narrow columns
