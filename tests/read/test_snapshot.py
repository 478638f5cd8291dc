"""A snapshot of a dropout ledger as `monthly` reads it (read/roster/snapshot.py): open or closed and why, the 台账
类别, the dates, the visits, the legal ladder, the 统计时点, masks, children listed twice, and every value that cannot
be read reported with its rows; CSV in GBK and a workbook read like UTF-8."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from kongchuo_cli.problems import KongchuoError
from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.roster.snapshot import check_identity, read_snapshot
from tests.helpers import monthly as ledger
from tests.helpers.rosters import made_up_id, write

KID = made_up_id("430101", "20120101", "021")
HEADER = ["姓名", "身份证号", "乡镇", "学校", "年级", "劝返状态", "销号日期", "销号原因", "台账类别", "登记日期", "劝返次数",
          "法律措施"]


def row(name, state="", closed_on="", reason="", category="", registered="", visits="", legal="", number="02"):
    return [name, made_up_id("430101", "20120101", f"0{number}"), "东镇", "一小", "六年级", state, closed_on, reason,
            category, registered, visits, legal]


def snapshot_of(tmp_path, rows, name="ledger.csv", **options):
    return read_snapshot(write(tmp_path / name, rows), ReadOptions(), **options)


def problems(snapshot):
    return {(problem.code, problem.column): problem.rows for problem in snapshot.problems}


def test_open_or_closed_and_why(tmp_path):
    snapshot = snapshot_of(tmp_path, [HEADER,
                                      row("甲", "未劝返", number="11"),  # row 2: open
                                      row("乙", "劝返中", number="13"),  # 3: open
                                      row("丙", "", "2024-10-01", "已复学", number="15"),  # 4: a return
                                      row("丁", "转学核实", number="17"),  # 5: closed by its 劝返状态 alone
                                      row("戊", "未劝返", "2024-10-02", "超龄", number="19"),  # 6: the 销号原因 wins
                                      row("己", "劝返中", "2024-10-03", number="21"),  # 7: a date, no reason
                                      row("庚", "", "", "参军", number="23")])  # 8: a reason kongchuo does not know
    assert [(case.status, case.reason) for case in snapshot.cases] == [
        ("out", None), ("in_progress", None), (None, "returned"), ("transfer_verified", "transfer_verified"),
        ("out", "over_age"), ("in_progress", "unstated"), (None, "?")]
    assert snapshot.cases[-1].shown("reason_text") == "参军"
    assert problems(snapshot) == {("ledger_unstated_reason", "销号日期"): (7,),
                                  ("ledger_bad_reason", "销号原因"): (8,)}


def test_categories_dates_visits_and_the_legal_ladder(tmp_path):
    snapshot = snapshot_of(tmp_path, [HEADER,
                                      row("甲", "未劝返", category="疑似辍学", registered="2024/9/3", visits="3次",
                                          legal="批评教育、限期复学通知书", number="11"),
                                      row("乙", "未劝返", category="适龄未入学", registered="2024年9月4日",
                                          legal="行政处罚决定书", number="13"),
                                      row("丙", "未劝返", category="辍学", registered="20240905", visits="0",
                                          legal="无", number="15"),
                                      row("丁", "未劝返", category="休学", registered="九月", visits="三",
                                          legal="罚款", number="17")])
    assert [(case.category, case.registered, case.visits, case.legal) for case in snapshot.cases] == [
        ("suspected", date(2024, 9, 3), 3, "notice"),  # the highest step the cell names
        ("never_enrolled", date(2024, 9, 4), None, "penalty"),
        ("dropout", date(2024, 9, 5), 0, None),
        ("?", None, None, "?")]
    assert problems(snapshot) == {("ledger_bad_category", "台账类别"): (5,), ("ledger_bad_visits", "劝返次数"): (5,),
                                  ("ledger_bad_legal", "法律措施"): (5,), ("ledger_bad_date", "登记日期"): (5,)}


@pytest.mark.parametrize("title, stated", [
    (["统计时点：2024年10月31日"], date(2024, 10, 31)),
    (["报送日期", "", "2024/10/31"], date(2024, 10, 31)),  # the date in a cell beside its label
    (["统计时点: 2024-10"], date(2024, 10, 31)),  # a month alone: its last day
    (["某县辍学学生台账"], None),
])
def test_the_stated_date_above_the_header(tmp_path, title, stated):
    assert snapshot_of(tmp_path, [title, HEADER, row("甲", "未劝返")]).stated == stated


def test_the_stated_date_as_a_column(tmp_path):
    rows = [["统计时点", *HEADER], ["2024-10-31", *row("甲", "未劝返", number="11")],
            ["2024-10-31", *row("乙", "未劝返", number="13")], ["2024-09-30", *row("丙", "未劝返", number="15")]]
    snapshot = snapshot_of(tmp_path, rows)
    assert snapshot.stated == date(2024, 10, 31)  # the most common, and said
    assert [(notice.code, notice.params["count"]) for notice in snapshot.notices] == [("monthly_several_dates", 2)]


def test_names_and_ids_masked_unless_revealed(tmp_path):
    rows = [HEADER, row("张小明", "未劝返", number="11")]
    (masked,) = snapshot_of(tmp_path, rows).cases
    (revealed,) = snapshot_of(tmp_path, rows, "again.csv", reveal=True).cases
    number = rows[1][1]
    assert (masked.name, masked.id_number) == ("张*", number[:8] + "****" + number[-4:])
    assert (revealed.name, revealed.id_number) == ("张小明", number)
    assert number not in repr(masked) and "小明" not in repr(masked)  # the key is a hash, not the ID


def test_a_child_listed_twice_is_counted_once(tmp_path):
    rows = [HEADER, row("甲", "未劝返", number="11"), row("乙", "未劝返", number="13"), row("甲", "劝返中", number="11")]
    snapshot = snapshot_of(tmp_path, rows)
    assert [case.line for case in snapshot.cases] == [2, 3]
    assert [[case.line for case in group] for group in snapshot.twice] == [[2, 4]]
    assert snapshot.rows == 3


def test_a_ledger_nobody_can_be_followed_in(tmp_path):
    with pytest.raises(KongchuoError) as raised:
        snapshot_of(tmp_path, [["姓名", "乡镇", "劝返状态"], ["甲", "东镇", "未劝返"]])
    assert [problem.code for problem in raised.value.problems] == ["monthly_no_key"]
    # a ledger that can, with a row that cannot: no ID, no 学籍号, no birth date
    rows = [["姓名", "身份证号", "出生日期", "乡镇", "学校", "劝返状态"], ["甲", KID, "2012-01-01", "东镇", "一小", "未劝返"],
            ["乙", "", "", "东镇", "一小", "未劝返"], ["填表人：王老师"]]
    snapshot = snapshot_of(tmp_path, rows, "some.csv")
    assert [case.line for case in snapshot.cases] == [2, 3]  # the note under the table is no case
    assert problems(snapshot) == {("ledger_no_key", None): (3,)}


def test_the_identity_checks_of_check(tmp_path):
    wrong = KID[:17] + ("0" if KID[17] != "0" else "1")
    snapshot = snapshot_of(tmp_path, [["姓名", "身份证号", "乡镇", "学校", "劝返状态"], ["甲", wrong, "东镇", "一小", "未劝返"]],
                           checks=False)
    assert snapshot.problems == []
    check_identity(snapshot)
    assert problems(snapshot) == {("roster_id_check_digit", None): (2,)}


def test_gbk_and_a_workbook_read_like_utf8(tmp_path):
    utf8 = snapshot_of(tmp_path, ledger.OCTOBER, "utf8.csv")
    gbk = read_snapshot(write(tmp_path / "gbk.csv", ledger.OCTOBER, encoding="gbk"), ReadOptions())
    book = Workbook()
    for values in ledger.OCTOBER:
        book.active.append(values)
    book.save(tmp_path / "october.xlsx")
    workbook = read_snapshot(str(tmp_path / "october.xlsx"), ReadOptions())
    assert gbk.cases == utf8.cases == workbook.cases
    assert gbk.stated == workbook.stated == date(2024, 10, 31)
    assert len(utf8.cases) == 8 and workbook.sheet == "Sheet"
