"""`kongchuo returns` end to end: the children still out of school by township and school, priority groups first,
masked unless --reveal, files readable by their owner only; on the made-up ledger of tests/helpers/rosters.py."""

import json
import os
import stat

from tests.helpers.rosters import A2, A3, B1, LEDGER, write


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
    assert [row[4].value for row in workbook["甲镇"].iter_rows(min_row=2)] == ["钱*", "孙*", "李*"]
    assert [[cell.value for cell in row] for row in workbook["汇总"].iter_rows()][1:] == [
        ["甲镇", 2, 1, 0, 0, 0, 0], ["乙镇", 0, 1, 1, 1, 1, 0]]


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
