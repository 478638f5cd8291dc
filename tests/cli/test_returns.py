"""`kongchuo returns` end to end: the children still out of school by township and school, priority groups first,
masked unless --reveal, files readable by their owner only; on the made-up ledger of tests/helpers/rosters.py."""

import datetime
import json
import os
import stat

from tests.helpers.books import rgb
from tests.helpers.rosters import A2, A3, B1, LEDGER, ROSTER, write


def test_the_return_list_by_hand(tmp_path, run):
    path = write(tmp_path / "ledger.csv", LEDGER)
    result = run("returns", path, "-f", "json", "--lang", "en")
    document = json.loads(result.stdout)
    # still out: 钱二 (未劝返), 孙三 (劝返中), 李四 (未劝返), 郑七 (劝返中); 甲镇 first, priority groups first in a
    # school (钱二 脱贫户, then 孙三 留守), then 李四; 郑七 (孤儿, 随迁) in 乙镇
    children = document["children"]
    assert [(c["township"], c["name"], c["priority"]) for c in children] == [
        ("甲镇", "钱*", "poverty-relief family"), ("甲镇", "孙*", "left behind"), ("甲镇", "李*", None),
        ("乙镇", "郑*", "orphan or unsupported, migrant")]
    assert children[0]["id_number"] == A2[:8] + "****" + A2[-4:] and children[0]["responsible"] == "王干部"
    assert document["counts"] == {"out": 2, "in_progress": 2, "returned": 1, "transfer_verified": 1, "health": 1,
                                  "home_delivery": 0, "unknown": 0}
    assert document["masked"] is True
    for secret in (A2, A3, B1, "钱二", "孙三"):
        assert secret not in result.stdout


def test_reveal_says_so_and_files_are_private(tmp_path, run):
    path = write(tmp_path / "ledger.csv", LEDGER)
    revealed = run("returns", path, "--reveal", "-q", "-o", "list.csv")
    assert "--reveal" in revealed.stderr and "个人信息" in revealed.stderr
    text = (tmp_path / "list.csv").read_text("utf-8-sig")
    assert A2 in text and "钱二" in text
    assert stat.S_IMODE(os.stat(tmp_path / "list.csv").st_mode) == 0o600
    # still out: 钱二, 孙三, 李四, 郑七
    assert run("returns", path, "-o", "list.xlsx").stderr.endswith("已写入 list.xlsx（4 人仍失学）\n")
    assert stat.S_IMODE(os.stat(tmp_path / "list.xlsx").st_mode) == 0o600
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "list.xlsx")
    assert workbook.sheetnames == ["甲镇", "乙镇", "汇总"]  # a sheet per township, to send on as it is


def test_a_sheet_per_township_to_send_on(tmp_path, run):
    from openpyxl import load_workbook

    run("returns", write(tmp_path / "ledger.csv", LEDGER), "-o", "list.xlsx")
    workbook = load_workbook(tmp_path / "list.xlsx")
    sheet = workbook["甲镇"]
    today = datetime.date.today()
    # 甲镇: 钱二 and 李四 未劝返, 孙三 劝返中 (the ledger has no 班级: no empty column)
    assert [sheet.cell(row, 1).value for row in range(1, 4)] == [
        "甲镇需劝返学生名单", f"3 人（未劝返 2、劝返中 1）　制表日期：{today.year}年{today.month}月{today.day}日",
        "姓名和身份证号已遮蔽；--reveal 显示完整信息。"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5, max_row=8)]
    assert rows[0] == ["学校", "年级", "姓名", "身份证号", "优先群体", "辍学原因", "劝返状态", "包保责任人", "原表行号"]
    assert [row[2] for row in rows[1:]] == ["钱*", "孙*", "李*"] and rows[1][3] == A2[:8] + "****" + A2[-4:]
    assert rgb(sheet.cell(6, 5).font.color) == "C00000"  # 钱二 is of a 脱贫户: the group in red
    assert sheet.cell(10, 1).value.startswith("填表人：") and "联系电话：" in sheet.cell(10, 1).value
    assert (sheet.page_setup.orientation, sheet.print_title_rows) == ("landscape", "$5:$5")
    summary = workbook["汇总"]
    assert summary["A1"].value == "需劝返学生汇总表"
    # 甲镇 2 未劝返 + 1 劝返中; 乙镇 郑七 劝返中, 周五 已复学, 冯八 转学核实, 吴六 因身体原因; and the total, bold
    assert [[cell.value for cell in row][:7] for row in summary.iter_rows(min_row=4, max_row=7)] == [
        ["乡镇", "未劝返", "劝返中", "已复学", "转学核实", "因身体原因不具备学习条件", "送教上门"],
        ["甲镇", 2, 1, 0, 0, 0, 0], ["乙镇", 0, 1, 1, 1, 1, 0], ["合计", 2, 2, 1, 1, 1, 0]]
    assert summary["A7"].font.bold and summary["B7"].font.bold and not summary["B5"].font.bold


def test_a_utf16_ledger_longer_than_the_peek(tmp_path, run):
    # 5,000 more children back at school push the file past the 256 KB read to find the header; UTF-16 line breaks
    # are two bytes, so the head must be cut between characters, not after a b"\n"
    back = [[f"学生{number}", "", "乙镇", "初级中学", "八年级", "其他", "已复学", "陈干部", "", "", "", "", ""]
            for number in range(5000)]
    path = write(tmp_path / "ledger.txt", [*LEDGER, *back], encoding="utf-16")
    assert os.path.getsize(path) > 256 * 1024
    result = run("returns", path, "-f", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert [child["name"] for child in document["children"]] == ["钱*", "孙*", "李*", "郑*"]
    assert document["counts"]["returned"] == 1 + 5000


def test_the_header_row_is_honoured(tmp_path, run):
    path = write(tmp_path / "ledger.csv", [["某县辍学学生台账（虚构）"], [], *LEDGER])  # the header on row 3
    result = run("returns", path, "--header-row", "3", "-f", "json", "--lang", "en")
    # 钱二 row 4, 孙三 5, 李四 6, then 周五 7, 吴六 8 (closed) and 郑七 9
    assert [child["row"] for child in json.loads(result.stdout)["children"]] == [4, 5, 6, 9]
    wrong = run("returns", path, "--header-row", "1", "--lang", "en")  # the title is no header
    assert (wrong.exit_code, wrong.stderr) == (2, f"Error: {path}: no roster header found: it needs one of 姓名, "
                                                  "身份证号 or 学籍号 and one of 年级, 学籍状态 or 劝返状态.\n")


def test_a_child_out_in_one_row_and_back_in_another_is_not_sent_for(tmp_path, run):
    # 钱二 (A2) is 未劝返 on row 2 and 已复学 on row 9: a conflict, reported with both rows, not on the list
    conflicting = [*LEDGER, ["钱二", A2, "甲镇", "中心小学", "四年级", "厌学", "已复学", "王干部", "是", "", "", "", ""]]
    result = run("returns", write(tmp_path / "ledger.csv", conflicting), "-f", "json", "--lang", "en")
    assert [child["name"] for child in json.loads(result.stdout)["children"]] == ["孙*", "李*", "郑*"]
    assert ("1 children are out of school in one row and back at school (or transferred) in another (rows 2, 9): "
            "not listed; check the ledger and correct one of the rows.") in result.stderr
    assert A2 not in result.stderr and "钱二" not in result.stderr


def test_returns_runs_the_identity_checks(tmp_path, run):
    wrong = [row[:] for row in LEDGER]
    wrong[1][1] = A2[:17] + ("0" if A2[17] != "0" else "1")  # 钱二's check digit, row 2
    result = run("returns", write(tmp_path / "ledger.csv", wrong), "--lang", "en", "-f", "csv")
    assert ("1 rows: the ID number's check digit (last character) does not match: check it against the card "
            "(rows 2).") in result.stderr
    assert wrong[1][1] not in result.stderr


def test_a_row_that_cannot_be_read_is_said_before_a_missing_status(tmp_path, run):
    # no 劝返状态 and no 学籍状态, and row 3 has a sixth cell under a header of five: the row is what to fix first
    rows = [["姓名", "身份证号", "乡镇", "学校", "年级"], ["张一", "", "甲镇", "中心小学", "三年级"],
            ["李二", "", "甲镇", "中心小学", "四年级", "多出的一格"]]
    result = run("returns", write(tmp_path / "ledger.csv", rows), "--lang", "en")
    assert result.exit_code == 2
    assert "row 3" in result.stderr and "6 cells where the header has 5 columns" in result.stderr
    assert "the list needs a 劝返状态 column" not in result.stderr


def test_values_that_cannot_be_read_are_counted_and_named_under_each_as_check_does(tmp_path, run):
    # returns reads the file once for its checks and its list: a row with a grade and a status that cannot be read
    # (row 3: 十年级, 不明) counts under both, as `check` counts it; the line under the table (填表人) under neither
    rows = [ROSTER[1], ["赵一", "", "", "甲镇", "中心小学", "三年级", "辍学", "", "", "否"],
            ["钱二", "", "", "甲镇", "中心小学", "十年级", "不明", "", "", "否"],
            ["孙三", "", "", "乙镇", "中心小学", "四年级", "不明", "", "", "否"], ["填表人：某某"]]
    path = write(tmp_path / "roster.csv", rows)
    returns = run("returns", path, "--lang", "en").stderr
    check = run("check", path, "--lang", "en", "--year", "2024").stderr
    # and named under each (named under its first problem only, the 学籍状态 warning of a file whose every such row
    # also had a bad grade named no row at all: "第  行等")
    for said in ("1 rows: the grade cannot be read (一年级…九年级, 初一…初四 or 1–9): not counted by stage (rows 3)",
                 "2 rows: the 学籍状态 cannot be read (在读, 辍学, 休学, 转出, 死亡, 毕业…): not counted (rows 3, 4)"):
        assert said in returns and said in check


def test_verbose_names_every_row_of_a_problem(tmp_path, run):
    # 25 rows whose grade cannot be read (rows 2–26): 20 named and "…" without -v, all 25 with it
    rows = [ROSTER[1], *(["某", "", "", "甲镇", "中心小学", "十年级", "辍学", "", "", "否"] for _ in range(25))]
    path = write(tmp_path / "roster.csv", rows)
    plain = run("returns", path, "--lang", "en").stderr
    verbose = run("returns", path, "--lang", "en", "-v").stderr
    assert "25 rows: the grade cannot be read" in plain and "rows 2, 3," in plain and ", 21…" in plain
    assert ", 22," not in plain
    assert "(rows " + ", ".join(str(row) for row in range(2, 27)) + ")" in verbose
