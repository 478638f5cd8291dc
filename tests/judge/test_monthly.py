"""Following the ledger month by month (judge/monthly.py): the order of the snapshots, matching by each key, every
event kind, the township table and its identity, the counts of the work on open cases, and a plan's progress; all
worked out by hand on the made-up county of tests/helpers/monthly.py."""

from __future__ import annotations

import pytest

from kongchuo_cli.judge.monthly import compare, order
from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.roster.snapshot import read_snapshot
from tests.helpers import monthly as ledger
from tests.helpers.fake_roster import write_ledger_months
from tests.helpers.rosters import made_up_id, write

FLOWS = ("opening", "new", "returned", "closed_other", "vanished", "closing")


@pytest.fixture
def read(tmp_path):
    """Snapshots written to files and read, by name: sep, oct, nov or any rows."""
    tables = {"sep": ledger.SEPTEMBER, "oct": ledger.OCTOBER, "nov": ledger.NOVEMBER}

    def snapshots(*names, **more):
        found = []
        for name in names:
            rows = more.get(name, tables.get(name))
            found.append(read_snapshot(write(tmp_path / f"{name}.csv", rows), ReadOptions()))
        return found

    return snapshots


def comparison_of(snapshots, **options):
    months, notices = order(snapshots)
    comparison = compare(months, **options)
    comparison.notices[:0] = notices
    return comparison


def table(comparison, month=-1):
    return {row.unit: tuple(getattr(row, name) for name in FLOWS) for row in comparison.tables[month]}


def events(comparison, month=None):
    return [(event.kind, (event.after or event.before).name, event.what) for event in comparison.events
            if month is None or event.month == month]


def codes(messages):
    return [message.code for message in messages]


# ---- two snapshots: every event, the table -------------------------------------------------------------------


def test_every_event_between_september_and_october(read):
    comparison = comparison_of(read("sep", "oct"))
    # tests/helpers/monthly.py: in EVENTS' order, then by the October row (the September one for 李四, who is gone)
    assert events(comparison) == [
        ("new", "陈*", None), ("new", "褚*", None),  # rows 8, 9
        ("returned", "钱*", None), ("returned", "褚*", None),  # 钱二 已复学; 褚十 registered and back in October
        ("closed", "冯*", None),  # 转学核实
        ("vanished", "李*", None),  # open in September, absent in October, no reason
        ("reappeared", "郑*", None),  # 已复学 in September, 劝返中 again
        ("moved", "周*", None),  # 乙镇/初级中学 → 甲镇/初级中学
        ("status", "吴*", "return_status"), ("status", "吴*", "category"),  # 未劝返 → 劝返中, 疑似辍学 → 辍学
        ("visits", "钱*", None), ("visits", "孙*", None), ("visits", "郑*", None),  # 0 → 1, 1 → 3, 2 → 3
        ("legal", "孙*", None),  # none → 批评教育
    ]
    moved = next(event for event in comparison.events if event.kind == "moved")
    assert (moved.before.unit, moved.after.unit, moved.match) == ("乙镇", "甲镇", "student_id")
    closed = next(event for event in comparison.events if event.kind == "closed")
    assert closed.after.reason == "transfer_verified"


def test_the_township_table_by_hand(read):
    comparison = comparison_of(read("sep", "oct"))
    # 甲镇: open in September 钱二, 孙三, 李四 (3); new 褚十 (1); returned 钱二, 褚十 (2); vanished 李四 (1); 周五 moved
    # in (1); open in October 孙三, 周五 (2): 3 + 1 + 1 − 2 − 0 − 1 = 2
    # 乙镇: open 周五, 吴六, 冯八 (3); new 陈九 and 郑七 reappeared (2); 冯八 转学核实 (1); 周五 moved out (1); open
    # 吴六, 郑七, 陈九 (3): 3 + 2 − 0 − 1 − 0 − 1 = 3
    assert table(comparison) == {"甲镇": (3, 1, 2, 0, 1, 2), "乙镇": (3, 2, 0, 1, 0, 3), None: (6, 3, 2, 1, 1, 5)}
    jia, yi, total = comparison.last
    assert (jia.moved_in, jia.moved_out, yi.moved_in, yi.moved_out) == (1, 0, 0, 1)
    assert (total.moved_in, total.moved_out, total.reappeared, yi.reappeared) == (1, 1, 1, 1)
    assert total.closed_by_reason == {"transfer_verified": 1}


def test_the_identity_holds_for_every_row(read):
    comparison = comparison_of(read("sep", "oct", "nov"))
    for rows in comparison.tables:
        for row in rows:
            # a unit's moves are its own columns; in 合计 they cancel and the contract's identity holds as written
            assert row.closing == (row.opening + row.new + row.moved_in - row.moved_out - row.returned
                                   - row.closed_other - row.vanished)
        total = rows[-1]
        assert total.moved_in == total.moved_out
        assert total.closing == total.opening + total.new - total.returned - total.closed_other - total.vanished


def test_the_open_cases_and_the_work_on_them(read):
    jia, yi, total = comparison_of(read("sep", "oct")).last
    # on 2024-10-31, 30 days: 周五 last visited 09-15 (46 days) and 吴六 never visited, registered 09-05 (56 days)
    # are stale; 孙三 (10-20), 郑七 (10-25) and 陈九 (registered 10-08, 23 days) are not
    assert (jia.stale, yi.stale, total.stale) == (1, 1, 2)
    # not visited since September: 周五 (2 visits, 09-15, as before), 吴六 (none), 陈九 (new, no visit)
    assert (jia.no_visit, yi.no_visit, total.no_visit) == (1, 2, 3)
    # groups in PRIORITIES' order: 脱贫户, 残疾, 孤儿/事实无人抚养, 留守, 随迁, 困境 (no column: None)
    # 甲镇 孙三 (脱贫户), 周五 (脱贫户, 留守); 乙镇 吴六 (智力), 郑七 (留守)
    assert jia.groups == (2, 0, None, 1, None, None)
    assert yi.groups == (0, 1, None, 1, None, None)
    assert total.groups == (2, 1, None, 2, None, None)


def test_fewer_days_make_more_stale(read):
    # 15 days: 孙三 (11 days) and 郑七 (6) are still fresh; 陈九, registered 23 days before, is stale now
    assert comparison_of(read("sep", "oct"), stale_days=15).last[-1].stale == 3


def test_the_problems_and_the_warnings(read):
    comparison = comparison_of(read("sep", "oct"))
    assert [(problem.code, problem.file.rsplit("/", 1)[-1], problem.rows) for problem in comparison.problems] == [
        ("twice", "oct.csv", (3, 10)),  # 孙三 listed twice in October, counted once (row 3)
        ("vanished", "sep.csv", (6,))]  # 李四, row 6 of September
    assert comparison.problems[1].case.name == "李*"
    assert codes(comparison.notices) == ["monthly_name_matched", "monthly_off_groups"]
    named = comparison.notices[0]
    assert (named.params["count"], named.params["rows"].items) == (1, (5,))  # 吴六, row 5 of October


# ---- three snapshots: the trend, cumulative returns, the plan ------------------------------------------------


def test_three_snapshots_by_hand(read):
    comparison = comparison_of(read("sep", "oct", "nov"))
    assert [month.label for month in comparison.months] == ["2024-09-30", "2024-10-31", "2024-11-30"]
    # November: 孙三 已复学 (甲镇), 陈九 超龄 (乙镇), 卫十一 new (乙镇); 钱二, 冯八 and 褚十, closed in October, are
    # no longer listed: no event
    assert events(comparison, "2024-11-30") == [
        ("new", "卫*", None), ("returned", "孙*", None), ("closed", "陈*", None),
        ("visits", "孙*", None), ("visits", "周*", None),  # 3 → 4, 2 → 3
        ("legal", "周*", None)]  # none → 批评教育、限期复学通知书: the higher step
    assert comparison.events[-1].after.legal == "notice"
    # 甲镇 2 + 0 − 1 = 1 (周五); 乙镇 3 + 1 − 1 = 3 (吴六, 郑七, 卫十一)
    assert table(comparison) == {"甲镇": (2, 0, 1, 0, 0, 1), "乙镇": (3, 1, 0, 1, 0, 3), None: (5, 1, 1, 1, 0, 4)}
    # returns since September: 甲镇 钱二, 褚十 in October and 孙三 in November
    assert [(row.unit, row.returned_to_date) for row in comparison.last] == [("甲镇", 3), ("乙镇", 0), (None, 3)]
    assert [rows[-1].returned_to_date for rows in comparison.tables] == [2, 3]
    # 2024-11-30: 吴六 (registered 09-05) and 郑七 (last visit 10-25, 36 days) stale; not visited since October:
    # 吴六, 郑七 (3 visits, 10-25, as before) and 卫十一 (new, none); 周五 went from 2 visits to 3
    assert [(row.stale, row.no_visit) for row in comparison.last] == [(0, 0), (2, 3), (2, 3)]


def test_progress_against_a_plan(read):
    quotas = {"甲镇": 4, "乙镇": 2, "丙乡": 1}
    comparison = comparison_of(read("sep", "oct", "nov"), quotas=quotas)
    # 丙乡 has a quota but no case: listed, with nothing returned, and said
    assert [(row.unit, row.quota, row.returned_to_date) for row in comparison.last] == [
        ("甲镇", 4, 3), ("乙镇", 2, 0), ("丙乡", 1, 0), (None, 7, 3)]
    assert "monthly_plan_units_missing" in codes(comparison.notices)


# ---- order -------------------------------------------------------------------------------------------------


def test_the_stated_dates_decide_the_order(read):
    given = read("nov", "sep", "oct")
    comparison = comparison_of(given)
    assert [month.label for month in comparison.months] == ["2024-09-30", "2024-10-31", "2024-11-30"]
    assert "monthly_reordered" in codes(comparison.notices)
    assert table(comparison) == table(comparison_of(read("sep", "oct", "nov")))


def test_without_dates_the_order_given(read):
    undated = [row for row in ledger.SEPTEMBER if row and not row[0].startswith("统计时点")]
    comparison = comparison_of(read("undated", "oct", undated=undated))
    assert [month.label for month in comparison.months] == ["undated.csv", "2024-10-31"]
    assert "monthly_dates_partial" in codes(comparison.notices)
    assert table(comparison)[None] == (6, 3, 2, 1, 1, 5)  # the same months as before


def test_stale_cases_need_the_date_of_the_snapshot(read):
    october = [[*row[1:]] for row in ledger.OCTOBER]  # without its 统计时点 column
    comparison = comparison_of(read("sep", "undated", undated=october))
    assert comparison.last[-1].stale is None and comparison.last[-1].no_visit == 3
    assert "monthly_off_stale_date" in codes(comparison.notices)


# ---- matching ----------------------------------------------------------------------------------------------

HEADER = ["姓名", "身份证号", "全国学籍号", "出生日期", "乡镇", "学校", "劝返状态"]
KID = made_up_id("430101", "20120101", "021")
OTHER = made_up_id("430101", "20120101", "023")


@pytest.mark.parametrize("before, after, key", [
    (["甲", KID, "", "", "东镇", "一小", "未劝返"], ["甲", KID, "", "", "东镇", "一小", "劝返中"], "id_number"),
    (["甲", "", "G" + KID, "", "东镇", "一小", "未劝返"], ["甲", "", "G" + KID, "", "东镇", "一小", "劝返中"], "student_id"),
    # the ID corrected between the months, the 学籍号 the same
    (["甲", OTHER, "G" + KID, "", "东镇", "一小", "未劝返"], ["甲", KID, "G" + KID, "", "东镇", "一小", "劝返中"],
     "student_id"),
    # no ID, no 学籍号: the name, the birth date (written two ways) and the school
    (["甲", "", "", "2012-01-01", "东镇", "一小", "未劝返"], ["甲", "", "", "2012年1月1日", "东镇", "一小", "劝返中"],
     "name"),
])
def test_matching_by_each_key(read, before, after, key):
    comparison = comparison_of(read("a", "b", a=[HEADER, before], b=[HEADER, after]))
    assert [(event.kind, event.match) for event in comparison.events] == [("status", key)]
    assert ("monthly_name_matched" in codes(comparison.notices)) == (key == "name")


def test_a_different_birth_date_is_another_child(read):
    before = ["甲", "", "", "2012-01-01", "东镇", "一小", "未劝返"]
    after = ["甲", "", "", "2012-01-02", "东镇", "一小", "未劝返"]
    comparison = comparison_of(read("a", "b", a=[HEADER, before], b=[HEADER, after]))
    assert [event.kind for event in comparison.events] == ["new", "vanished"]


def test_a_vanished_case_is_never_a_return(read):
    before = [HEADER, ["甲", KID, "", "", "东镇", "一小", "未劝返"], ["乙", OTHER, "", "", "东镇", "一小", "未劝返"]]
    after = [HEADER, ["乙", OTHER, "", "", "东镇", "一小", "已复学"]]
    comparison = comparison_of(read("a", "b", a=before, b=after))
    # 甲 is gone: vanished, a problem; 乙 came back: returned
    assert table(comparison)["东镇"] == (2, 0, 1, 0, 1, 0)
    assert [problem.code for problem in comparison.problems] == ["vanished"]


def test_a_column_added_this_month_changes_nobody(read):
    before = [HEADER, ["甲", KID, "", "", "东镇", "一小", "未劝返"]]
    after = [[*HEADER, "劝返次数", "法律措施"], ["甲", KID, "", "", "东镇", "一小", "未劝返", "2", "批评教育"]]
    assert comparison_of(read("a", "b", a=before, b=after)).events == []


def test_a_closed_case_whose_reason_changed(read):
    before = [[*HEADER, "销号原因"], ["甲", KID, "", "", "东镇", "一小", "", "已复学"]]
    after = [[*HEADER, "销号原因"], ["甲", KID, "", "", "东镇", "一小", "", "转学核实"]]
    comparison = comparison_of(read("a", "b", a=before, b=after))
    assert [(event.kind, event.what) for event in comparison.events] == [("status", "reason")]
    assert table(comparison)["东镇"] == (0, 0, 0, 0, 0, 0)


# ---- any ledger --------------------------------------------------------------------------------------------


def test_the_identity_on_generated_months(tmp_path):
    """Three generated months of a county (tests/helpers/fake_roster.py): returns, other closings, vanished cases,
    moves, newcomers. The table is counted from the flows; the snapshots are counted here directly."""
    paths = write_ledger_months(tmp_path, 2000, months=3, seed=5)
    snapshots = [read_snapshot(str(path), ReadOptions()) for path in paths]
    comparison = comparison_of(snapshots)
    for previous, current, rows in zip(snapshots, snapshots[1:], comparison.tables):
        opened = {}
        for snapshot, name in ((previous, "opening"), (current, "closing")):
            for case in snapshot.cases:
                if case.reason is None:
                    opened[case.unit, name] = opened.get((case.unit, name), 0) + 1
        for row in rows[:-1]:
            assert (row.opening, row.closing) == (opened.get((row.unit, "opening"), 0),
                                                  opened.get((row.unit, "closing"), 0))
            assert row.closing == (row.opening + row.new + row.moved_in - row.moved_out - row.returned
                                   - row.closed_other - row.vanished)
        total = rows[-1]
        assert total.opening == 2000 and total.closing == 2000  # the generator keeps 2,000 open
        assert total.returned > 0 and total.vanished > 0 and total.moved_in > 0 and total.closed_other > 0
        assert total.closing == total.opening + total.new - total.returned - total.closed_other - total.vanished
