"""Reading rosters (read/roster/): made-up children only (names and IDs invented; check digits computed in
tests/helpers/rosters.py, not by kongchuo). Every count is worked by hand from the rows written there."""

import csv
from collections import Counter

from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.roster import counts as roster
from tests.helpers import fake_roster
from tests.helpers.rosters import A1, ROSTER, write


def test_counts_by_hand(tmp_path):
    table = roster.load(write(tmp_path / "r.csv", ROSTER), ReadOptions(), school_year=2024)
    counts = {unit.label: unit.counts for unit in table.units}
    assert set(counts) == {"甲镇/中心小学", "甲镇/初级中学", "乙镇/中心小学", "乙镇/初级中学"}
    # 甲镇/中心小学: 赵一 在读 + 钱二 辍学 (脱贫户): base 2, dropouts 1, one poverty-family child out of school
    disabled = [f"{scope}_{part}" for scope in ("disabled", "disabled_all")
                for part in ("children", "regular_class", "special_school", "home_delivery", "other", "deferred")]
    assert counts["甲镇/中心小学"] == {"primary_enrolled_start": 2, "primary_dropouts": 1, "junior_enrolled_start": 0,
                                      "junior_dropouts": 0, **dict.fromkeys(disabled, 0), "poverty_out_of_school": 1}
    # 乙镇/中心小学: 李四 转出 leaves the base; 周五 休学 stays in it; 吴六 在读. Disabled: 周五 (听力, 送教上门), one
    # of the three kinds; 吴六 (肢体, 随班就读) counts among every kind only
    jia = counts["乙镇/中心小学"]
    assert jia["primary_enrolled_start"] == 2
    assert (jia["disabled_children"], jia["disabled_home_delivery"], jia["disabled_regular_class"]) == (1, 1, 0)
    assert (jia["disabled_all_children"], jia["disabled_all_home_delivery"], jia["disabled_all_regular_class"]) == (
        2, 1, 1)
    # 乙镇/初级中学: 郑七 辍学, 视力, 未入学, 脱贫户
    assert counts["乙镇/初级中学"] == {**dict.fromkeys(counts["乙镇/初级中学"], 0), "junior_enrolled_start": 1,
                                      "junior_dropouts": 1, "disabled_children": 1, "disabled_all_children": 1,
                                      "poverty_out_of_school": 1}
    assert table.rows == 7  # the note under the table is not a pupil


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
                    tally["poverty_out_of_school"] += 1
            part = {"随班就读": "regular_class", "特教学校就读": "special_school", "送教上门": "home_delivery"}.get(
                row["就读方式"])
            scopes = (["disabled"] if any(kind in row["残疾类型"] for kind in ("视力", "听力", "言语", "智力")) else []) + (
                ["disabled_all"] if row["残疾类型"] else [])  # the three kinds; every kind
            for scope in scopes:
                tally[f"{scope}_children"] += 1
                if part:
                    tally[f"{scope}_{part}"] += 1
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
