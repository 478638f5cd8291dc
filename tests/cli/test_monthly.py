"""`kongchuo monthly` end to end, on the made-up county of tests/helpers/monthly.py: the JSON contract, the tables at
80 columns, masking and --reveal, files readable by their owner only, the workbook read back, a workbook of months
(--sheets), GBK and xlsx ledgers, a plan's progress, and the exit codes."""

from __future__ import annotations

import json
import os
import stat

import pytest
from openpyxl import Workbook, load_workbook

from kongchuo_cli.output.text import width_of
from tests.helpers import monthly as ledger
from tests.helpers.books import fitted
from tests.helpers.rosters import write

UNIT_KEYS = ["unit", "is_total", "opening", "new", "returned", "closed_other", "vanished", "closing"]


@pytest.fixture
def months(tmp_path):
    """The three snapshots as CSV files: (september, october, november)."""
    return tuple(write(tmp_path / f"{name}.csv", rows) for name, rows in
                 (("sep", ledger.SEPTEMBER), ("oct", ledger.OCTOBER), ("nov", ledger.NOVEMBER)))


def document(result):
    return json.loads(result.stdout)


def test_the_json_contract(run, months):
    result = run("monthly", months[0], months[1], "-f", "json", "--lang", "en")
    assert result.exit_code == 0
    found = document(result)
    assert list(found) == ["version", "masked", "periods", "units", "events", "problems"]
    assert [period["period"] for period in found["periods"]] == ["2024-09-30", "2024-10-31"]
    # September: 7 rows, 6 open, 郑七 closed; October: 9 rows, 孙三 twice, so 8 children, 5 open
    assert [(period["rows"], period["cases"], period["open"], period["closed"]) for period in found["periods"]] == [
        (7, 7, 6, 1), (9, 8, 5, 3)]
    units = found["units"]
    assert all(list(record)[:8] == UNIT_KEYS for record in units)
    # worked by hand in tests/judge/test_monthly.py
    assert [[record[key] for key in UNIT_KEYS] for record in units] == [
        ["甲镇", False, 3, 1, 2, 0, 1, 2], ["乙镇", False, 3, 2, 0, 1, 0, 3], ["Total", True, 6, 3, 2, 1, 1, 5]]
    assert [(record["stale"], record["no_visit"], record["poverty"], record["orphan"]) for record in units] == [
        (1, 1, 2, None), (1, 2, 0, None), (2, 3, 2, None)]
    assert [event["event"] for event in found["events"]] == [
        "new", "new", "returned", "returned", "closed", "vanished", "reappeared", "moved", "status", "status",
        "visits", "visits", "visits", "legal"]
    returned = found["events"][2]  # 钱二: 未劝返 in September (row 4), 已复学 on 2024-10-15 (row 2), 普通学校
    assert {key: returned[key] for key in ("unit", "name", "from", "to", "reason", "placement", "date", "match",
                                           "row_before", "row_after")} == {
        "unit": "甲镇", "name": "钱*", "from": "not yet persuaded", "to": "back at school", "reason": "returned",
        "placement": "普通学校", "date": "2024-10-15", "match": "id_number", "row_before": 4, "row_after": 2}
    moved = found["events"][7]
    assert (moved["from"], moved["to"], moved["match"]) == ("乙镇/初级中学", "甲镇/初级中学", "student_id")
    assert [(problem["problem"], problem["rows"]) for problem in found["problems"]] == [("twice", [3, 10]),
                                                                                      ("vanished", [6])]


def test_masked_by_default_and_said_on_stderr(run, months):
    result = run("monthly", *months, "-f", "json")
    assert document(result)["masked"] is True
    for secret in ledger.SECRETS:
        assert secret not in result.stdout and secret not in result.stderr
    # the warnings name rows, never a child
    assert "oct.csv：2 行：同一名学生出现不止一次，按第一行计（第 3、10 行）。" in result.stderr
    assert "sep.csv：1 行：无故消失：上期在册，本期台账中没有，也没有销号原因，不计为复学；请核实去向（第 6 行）。" in result.stderr
    assert "有 1 名学生只能按姓名、出生日期和学校与上期对应（第 5 行）" in result.stderr


def test_reveal_says_so_even_when_quiet_and_files_are_private(run, months, tmp_path):
    result = run("monthly", *months, "--reveal", "-q", "-o", "月报.json")
    assert "--reveal" in result.stderr and "个人信息" in result.stderr
    text = (tmp_path / "月报.json").read_text("utf-8")
    assert ledger.QIAN in text and "钱二" in text and '"masked": false' in text
    assert stat.S_IMODE(os.stat(tmp_path / "月报.json").st_mode) == 0o600
    run("monthly", *months, "-o", "月报.csv")  # the table only, but a run's files are private all the same
    assert stat.S_IMODE(os.stat(tmp_path / "月报.csv").st_mode) == 0o600


def test_the_workbook_read_back(run, months, tmp_path):
    result = run("monthly", *months, "-o", "月报.xlsx")
    assert result.exit_code == 0 and result.stdout == ""
    assert stat.S_IMODE(os.stat(tmp_path / "月报.xlsx").st_mode) == 0o600
    book = load_workbook(tmp_path / "月报.xlsx")
    assert book.sheetnames == ["汇总", "变动明细", "未复学名册", "数据问题"]
    summary = [[cell.value for cell in row] for row in book["汇总"].iter_rows()]
    # a title, the date, a blank line, then the table (合计 rows in bold: no 是否合计 column in a Chinese sheet)
    assert summary[0][0] == "控辍保学月报：各乡镇在册与变动（2024-09-30 → 2024-11-30）"
    assert summary[3][:8] == ["单位", "期初在册", "新增", "复学销号", "其他销号", "无故消失", "期末在册", "报告期"]
    assert [row[:8] for row in summary[4:10]] == [  # October, then November (tests/judge/test_monthly.py)
        ["甲镇", 3, 1, 2, 0, 1, 2, "2024-10-31"], ["乙镇", 3, 2, 0, 1, 0, 3, "2024-10-31"],
        ["合计", 6, 3, 2, 1, 1, 5, "2024-10-31"], ["甲镇", 2, 0, 1, 0, 0, 1, "2024-11-30"],
        ["乙镇", 3, 1, 0, 1, 0, 3, "2024-11-30"], ["合计", 5, 1, 1, 1, 0, 4, "2024-11-30"]]
    summary_sheet = book["汇总"]
    assert summary_sheet["A7"].font.b and not summary_sheet["A5"].font.b
    assert summary_sheet.page_setup.orientation == "landscape" and fitted(summary_sheet.page_setup)[0] == 1
    assert summary_sheet.print_title_rows == "$4:$4"
    events = [[cell.value for cell in row] for row in book["变动明细"].iter_rows()]
    assert events[0][0] == "变动明细 2024-09-30 → 2024-11-30：20 项（姓名、身份证号默认遮蔽）"
    assert events[3][:3] == ["变动", "报告期", "单位"]
    assert [row[0] for row in events[4:]].count("无故消失") == 1 and len(events) == 4 + 14 + 6
    still_out = [[cell.value for cell in row] for row in book["未复学名册"].iter_rows()]
    # open on 2024-11-30: 周五 in 甲镇; 吴六, 郑七, 卫十一 in 乙镇 (the 初级中学 first, as the file lists it)
    assert [(row[0], row[3], row[-1]) for row in still_out[4:]] == [
        ("甲镇", "周*", 4), ("乙镇", "吴*", 5), ("乙镇", "郑*", 6), ("乙镇", "卫*", 8)]
    problems = [[cell.value for cell in row] for row in book["数据问题"].iter_rows()]
    assert [(row[0], row[4]) for row in problems[4:]] == [("同一学生多行", "3、10"), ("无故消失", "6")]
    text = "".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)
    assert not any(secret in text for secret in ledger.SECRETS)


def test_the_tables_fit_80_columns(run, months, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for lang in ("zh", "en"):
        result = run("monthly", *months, "--lang", lang)
        lines = result.stdout.splitlines()
        assert result.exit_code == 0
        assert max(width_of(line) for line in lines if line[:1] in "┏┃│┡├└") <= 80
    assert "│ 合计 │    5 │    1 │        1 │        1 │    0 │    4 │" in run("monthly", *months).stdout


def test_a_plan_made_by_kongchuo_plan(run, months, tmp_path):
    write(tmp_path / "county.csv", [["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "90"], ["乙镇", "50", "49"]])
    assert run("plan", "county.csv", "-o", "plan.xlsx").exit_code == 0
    # consolidation 139/150 (90/100 and 49/50): ⌈0.96 · 150⌉ = 144, 5 short; the losses 10 and 1 share them as
    # 5·10/11 = 4.55 and 5·1/11 = 0.45: floors 4 and 0, the one left to the larger remainder (6/11 against 5/11)
    result = run("monthly", *months, "--plan", "plan.xlsx", "-f", "json", "--lang", "en")
    last = [record for record in document(result)["units"] if record["period"] == "2024-11-30"]
    # returns since September: 甲镇 3 of 5 (60 %); 乙镇 none of none (no share); the county 3 of 5
    assert [(record["unit"], record["quota"], record["returned_to_date"], record["quota_met"]) for record in last] == [
        ("甲镇", 5, 3, 60.0), ("乙镇", 0, 0, None), ("Total", 5, 3, 60.0)]
    table = run("monthly", *months, "--plan", "plan.xlsx").stdout
    assert "│ 合计 │    4 │    2 │      3 │    5 │        3 │ 60.0% │" in table


def test_a_workbook_of_months(run, tmp_path):
    book = Workbook()
    book.active.title = "9月"
    for title, rows in (("9月", ledger.SEPTEMBER), ("10月", ledger.OCTOBER), ("11月", ledger.NOVEMBER)):
        sheet = book[title] if title in book.sheetnames else book.create_sheet(title)
        for values in rows:
            sheet.append(values)
    book.save(tmp_path / "台账.xlsx")
    result = run("monthly", "台账.xlsx", "--sheets", "-f", "json", "--lang", "en")
    found = document(result)
    assert [(period["period"], period["sheet"]) for period in found["periods"]] == [
        ("2024-09-30", "9月"), ("2024-10-31", "10月"), ("2024-11-30", "11月")]
    assert [record["closing"] for record in found["units"] if record["is_total"]] == [5, 4]
    assert "台账.xlsx[10月]" in result.stderr  # warnings name the sheet


def test_gbk_and_xlsx_ledgers(run, tmp_path):
    september = write(tmp_path / "sep.csv", ledger.SEPTEMBER, encoding="gbk")
    book = Workbook()
    for values in ledger.OCTOBER:
        book.active.append(values)
    book.save(tmp_path / "oct.xlsx")
    result = run("monthly", september, "oct.xlsx", "-f", "json")
    assert [record["closing"] for record in document(result)["units"]] == [2, 3, 5]


@pytest.mark.parametrize("arguments, message", [
    (["sep.csv"], "错误：月报需要至少两期台账（两个文件，或 --sheets 与一个按月分表的工作簿），现在只有 1 期。"),
    (["sep.csv", "missing.csv"], "错误：missing.csv：找不到文件，请检查路径。"),
    (["sep.csv", "sep.csv"], "错误：sep.csv：同一文件给了两次。"),
    (["sep.csv", "oct.csv", "--sheets"], "错误：sep.csv：--sheets 需要 Excel 工作簿（每月一个工作表），这不是工作簿。"),  # and oct
    (["sep.csv", "names.csv"], "错误：names.csv：无法逐月跟踪学生：需要「身份证号」或「全国学籍号」列，或者「姓名」「出生日期」「学校」三列。"),
    (["sep.csv", "oct.csv", "--plan", "names.csv"],
     "错误：names.csv：劝返任务表中找不到单位列和任务列（如「单位」和「分配劝返人数」或「认领人数」）。"),
])
def test_what_cannot_be_read_exits_2(run, months, tmp_path, arguments, message):
    write(tmp_path / "names.csv", [["姓名", "乡镇", "劝返状态"], ["甲", "东镇", "未劝返"]])
    result = run("monthly", *arguments)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr.splitlines()


def test_strict_exits_1_on_data_problems(run, tmp_path, months):
    assert run("monthly", *months, "-q", "--strict").exit_code == 1  # 孙三 twice, 李四 vanished
    assert run("monthly", *months, "-q").exit_code == 0
    clean = [row for row in ledger.OCTOBER if row[1:3] != ["孙三", ledger.SUN]]  # no duplicate…
    clean.append(["2024-10-31", *ledger.case("李四", ledger.LI, "", "2012-09-09", "甲镇", "初级中学", "七年级",
                                              status="未劝返")])  # …and 李四 still there
    clean.insert(2, ["2024-10-31", *ledger.SUN_OCT])
    write(tmp_path / "clean.csv", clean)
    assert run("monthly", months[0], "clean.csv", "-q", "--strict").exit_code == 0


def test_a_row_with_three_identity_problems_is_counted_and_named_under_each(run, tmp_path):
    # row 3 of the latest month: a check digit that does not match, a 学籍号 that is no 学籍号 (X12) and a name that
    # lost a character (张?): three warnings of 1 row each, each naming row 3 (named under its first problem only,
    # the last two said "0 rows" and named none)
    bad_digit = ledger.QIAN[:-1] + ("0" if ledger.QIAN[-1] != "0" else "1")
    damaged = ledger.case("张?", bad_digit, "X12", "2015-07-10", "甲镇", "中心小学", "四年级", registered="2024-09-02",
                          status="未劝返")
    fine = ledger.case("李四", ledger.LI, "", "2012-09-09", "甲镇", "初级中学", "七年级", registered="2024-09-04",
                       status="未劝返")
    months = [write(tmp_path / f"{name}.csv", [ledger.HEADER, fine, damaged]) for name in ("m1", "m2")]
    said = run("monthly", *months, "--lang", "en").stderr
    for problem in ("the ID number's check digit", "the national student number is not", "the name holds a question"):
        assert f"1 rows: {problem}" in said
    assert said.count("(rows 3).") == 3
