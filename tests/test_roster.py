"""Rosters and ledgers: made-up children only (names and IDs invented; check digits computed here, not by kongchuo).
Every count is worked by hand from the rows written below."""

import csv
import io
import json
import os
import stat
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import fake_roster  # noqa: E402

from kongchuo_cli.read.grid import ReadOptions  # noqa: E402
from kongchuo_cli.read.roster import counts as roster  # noqa: E402

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def made_up_id(region: str, born: str, sequence: str) -> str:
    """A valid-format made-up ID: the check character by GB 11643, computed here independently."""
    body = region + born + sequence
    return body + "10X98765432"[sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS)) % 11]


A1 = made_up_id("430101", "20160305", "001")  # born 2016: grade 3 in school year 2024 (age 8)
A2 = made_up_id("430101", "20150710", "002")
A3 = made_up_id("430101", "20110120", "003")  # grade 7 in 2024 (age 13)
B1 = made_up_id("430102", "20120909", "004")
B2 = made_up_id("430102", "20180401", "005")
ROSTER = [
    ["某县 2024 学年学籍名册（虚构）"],
    ["姓名", "身份证号", "全国学籍号", "乡镇", "学校", "年级", "学籍状态", "残疾类型", "就读方式", "脱贫户"],
    ["赵一", A1, "G" + A1, "甲镇", "中心小学", "三年级", "在读", "", "", "否"],
    ["钱二", A2, "G" + A2, "甲镇", "中心小学", "四年级", "辍学", "", "", "是"],
    ["孙三", A3, "G" + A3, "甲镇", "初级中学", "初一", "在读", "智力残疾", "随班就读", ""],
    ["李四", B1, "G" + B1, "乙镇", "中心小学", "六年级", "转出", "", "", "否"],
    ["周五", B2, "G" + B2, "乙镇", "中心小学", "一年级", "休学", "听力", "送教上门", "否"],
    ["吴六", made_up_id("430102", "20170101", "006"), "", "乙镇", "中心小学", "二年级", "在读", "肢体", "随班就读", "否"],
    ["郑七", made_up_id("430102", "20100101", "007"), "", "乙镇", "初级中学", "九年级", "辍学", "视力", "未入学", "是"],
    [],
    ["填表人：王老师 电话 13800000000"],
]


def write(path: Path, rows, encoding="utf-8-sig") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return str(path)


def test_counts_by_hand(tmp_path):
    table = roster.load(write(tmp_path / "r.csv", ROSTER), ReadOptions(), school_year=2024)
    counts = {unit.label: unit.counts for unit in table.units}
    assert set(counts) == {"甲镇/中心小学", "甲镇/初级中学", "乙镇/中心小学", "乙镇/初级中学"}
    # 甲镇/中心小学: 赵一 在读 + 钱二 辍学 (脱贫户): base 2, dropouts 1, poverty dropouts 1
    assert counts["甲镇/中心小学"] == {"primary_enrolled_start": 2, "primary_dropouts": 1, "junior_enrolled_start": 0,
                                      "junior_dropouts": 0, "disabled_children": 0, "disabled_regular_class": 0,
                                      "disabled_special_school": 0, "disabled_home_delivery": 0, "poverty_dropouts": 1}
    # 乙镇/中心小学: 李四 转出 leaves the base; 周五 休学 stays in it; 吴六 在读. Disabled: 周五 (听力, 送教上门);
    # 吴六's 肢体 is not one of the three kinds
    assert counts["乙镇/中心小学"]["primary_enrolled_start"] == 2
    assert (counts["乙镇/中心小学"]["disabled_children"], counts["乙镇/中心小学"]["disabled_home_delivery"]) == (1, 1)
    # 乙镇/初级中学: 郑七 辍学, 视力, 未入学, 脱贫户
    assert counts["乙镇/初级中学"] == {**dict.fromkeys(counts["乙镇/初级中学"], 0), "junior_enrolled_start": 1,
                                      "junior_dropouts": 1, "disabled_children": 1, "poverty_dropouts": 1}
    assert table.rows == 7  # the note under the table is not a pupil


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


NAMES = ("赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王老师", "13800000000")


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


LEDGER = [
    ["姓名", "身份证号", "乡镇", "学校", "年级", "辍学原因", "劝返状态", "包保责任人", "脱贫户", "残疾类型", "孤儿", "留守儿童",
     "随迁子女"],
    ["钱二", A2, "甲镇", "中心小学", "四年级", "厌学", "未劝返", "王干部", "是", "", "", "", ""],
    ["孙三", A3, "甲镇", "中心小学", "三年级", "外出务工", "劝返中", "刘干部", "", "", "", "是", ""],
    ["李四", B1, "甲镇", "中心小学", "二年级", "厌学", "未劝返", "刘干部", "", "", "", "", ""],
    ["周五", B2, "乙镇", "初级中学", "八年级", "其他", "已复学", "陈干部", "", "", "", "", ""],
    ["吴六", made_up_id("430102", "20170101", "006"), "乙镇", "初级中学", "七年级", "身体原因", "因身体原因不具备学习条件",
     "陈干部", "", "智力", "", "", ""],
    ["郑七", made_up_id("430102", "20100101", "007"), "乙镇", "初级中学", "九年级", "其他", "劝返中", "陈干部", "", "",
     "是", "", "是"],
    ["冯八", made_up_id("430102", "20100202", "008"), "乙镇", "初级中学", "九年级", "其他", "转学核实", "陈干部", "", "", "",
     "", ""],
]


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
    run("returns", path, "-o", "list.xlsx")
    assert stat.S_IMODE(os.stat(tmp_path / "list.xlsx").st_mode) == 0o600
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "list.xlsx")
    assert workbook.sheetnames == ["甲镇", "乙镇", "汇总"]  # a sheet per township, to send on as it is
    assert [row[4].value for row in workbook["甲镇"].iter_rows(min_row=2)] == ["钱*", "孙*", "李*"]
    assert [[cell.value for cell in row] for row in workbook["汇总"].iter_rows()][1:] == [
        ["甲镇", 2, 1, 0, 0, 0, 0], ["乙镇", 0, 1, 1, 1, 1, 0]]


def test_gbk_roster_reads_the_same(tmp_path):
    utf8 = roster.load(write(tmp_path / "u.csv", ROSTER), ReadOptions(), school_year=2024)
    gbk = roster.load(write(tmp_path / "g.csv", ROSTER, "gbk"), ReadOptions(), school_year=2024)
    assert [(unit.label, unit.counts) for unit in gbk.units] == [(unit.label, unit.counts) for unit in utf8.units]


def test_aggregation_of_a_large_generated_roster_matches_a_plain_count(tmp_path):
    path = tmp_path / "big.csv"
    fake_roster.write_roster(path, 300_000, seed=7, duplicate_ids=0.001, bad_check_digits=0.001)
    table = roster.load(str(path), ReadOptions(), school_year=2024)
    # the reference: Python's csv module, row by row
    expected: dict[str, Counter] = {}
    primary = {"一年级", "二年级", "三年级", "四年级", "五年级", "六年级"}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            unit = "/".join((row["区县"], row["乡镇"], row["学校"]))
            tally = expected.setdefault(unit, Counter())
            stage = "primary" if row["年级"] in primary else "junior"
            if row["学籍状态"] in ("在读", "辍学", "休学"):
                tally[f"{stage}_enrolled_start"] += 1
            if row["学籍状态"] == "辍学":
                tally[f"{stage}_dropouts"] += 1
                if row["脱贫户"] == "是":
                    tally["poverty_dropouts"] += 1
            if any(kind in row["残疾类型"] for kind in ("视力", "听力", "言语", "智力")):
                tally["disabled_children"] += 1
                part = {"随班就读": "disabled_regular_class", "特教学校就读": "disabled_special_school",
                        "送教上门": "disabled_home_delivery"}.get(row["就读方式"])
                if part:
                    tally[part] += 1
    found = {unit.label: Counter({key: value for key, value in unit.counts.items() if value})
             for unit in table.units}
    assert found == expected
    assert sum(sum(tally.values()) for tally in expected.values()) > 300_000


def test_without_id_checks_the_counts_are_the_same(tmp_path):
    bad = [row[:] for row in ROSTER]
    bad[2][1] = A1[:17] + ("0" if A1[17] != "0" else "1")
    path = write(tmp_path / "r.csv", bad)
    checked = roster.load(path, ReadOptions(), school_year=2024)
    plain = roster.load(path, ReadOptions(), school_year=2024, checks=False)
    assert [(u.label, u.counts) for u in plain.units] == [(u.label, u.counts) for u in checked.units]
    assert len(checked.notices) == 1 and plain.notices == []


def test_a_roster_workbook_reads_the_same(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in ROSTER:
        workbook.active.append(row)
    workbook.save(tmp_path / "r.xlsx")
    from_csv = roster.load(write(tmp_path / "r.csv", ROSTER), ReadOptions(), school_year=2024)
    from_xlsx = roster.load(str(tmp_path / "r.xlsx"), ReadOptions(), school_year=2024)
    assert [(u.label, u.counts) for u in from_xlsx.units] == [(u.label, u.counts) for u in from_csv.units]
    assert from_xlsx.rows == 7
