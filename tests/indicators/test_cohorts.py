"""Cohorts derived from grade tables (indicators/cohorts.py): every figure below is worked by hand from the cells of
tests/helpers/grade_tables.py, whose docstring gives the conventions (the row of year Y holds the autumn-Y stock and the
flows of the school year Y−1; the cohort of 2012 is in grade g in autumn 2011+g and moves in the rows (2012+g, g))."""

from kongchuo_cli.indicators import cohorts
from tests.helpers.grade_tables import HEADER, grade_table, long_rows


def derived(function, table, unit, cohort):
    return function(table, unit, cohort).counts


def test_nine_year_cohort_6_3_by_hand():
    table = grade_table(long_rows())
    # E 200; movements: 转入 3, 转出 5, 死亡 1, 休学 2 less 复学 1 = 1 still on leave; grade 9 of 2020: 188
    assert derived(cohorts.consolidation_9y, table, 0, 2012) == {
        "grade1_entrants": 200, "final_grade_enrolled": 188, "transfers_in": 3, "transfers_out": 5, "deaths": 1,
        "suspended": 1}
    assert cohorts.consolidation_9y(table, 0, 2012).period == cohorts.Period(2012, 2020)
    assert cohorts.consolidation_9y(table, 0, 2013) is None  # no grade 1 of 2013


def test_primary_and_junior_cohorts_6_3_by_hand():
    table = grade_table(long_rows())
    # 小学: 195 graduates (2018) over 198 招生 + 3 in − 5 out = 196
    assert derived(cohorts.consolidation_primary, table, 0, 2012) == {
        "primary_graduates": 195, "primary_entrants": 198, "primary_transfers_in": 3, "primary_transfers_out": 5}
    # 初中: 186 graduates (2021) over 初一 of 2018 (195) + 0 in − 1 out − 0 deaths; 复学/辍学 are not adjustments
    assert derived(cohorts.consolidation_junior, table, 0, 2012) == {
        "junior_graduates": 186, "junior_entrants": 195, "junior_transfers_in": 0, "junior_transfers_out": 1,
        "junior_deaths": 0}


def test_cohorts_5_4_by_hand():
    table = grade_table(long_rows())
    # 小学五年: 98 graduates (2017) over grade 1's stock 100 (no 招生数) + 0 − 1 out
    primary = cohorts.consolidation_primary(table, 1, 2012)
    assert primary.counts == {"primary_graduates": 98, "primary_entrants": 100, "primary_transfers_in": 0,
                              "primary_transfers_out": 1}
    assert [note.code for note in primary.notes] == ["note_entrants_stock"]
    # 初中四年 (初一 = 六年级 of 2017: 97): 96 graduates over 97 + 1 in
    assert derived(cohorts.consolidation_junior, table, 1, 2012) == {
        "junior_graduates": 96, "junior_entrants": 97, "junior_transfers_in": 1, "junior_transfers_out": 0,
        "junior_deaths": 0}
    # nine years: 96 over 100 − 1 out (the 转出 of grade 5 counts; the dropouts do not adjust)
    assert derived(cohorts.consolidation_9y, table, 1, 2012)["transfers_out"] == 1


def test_liangji_nets_transfers(tmp_path):
    rows = [HEADER, ["丙镇", "", "2019", "1", "50", "", "", "", "", "", "", "", "", ""],
            ["丙镇", "", "2020", "1", "", "", "", "3", "1", "", "", "", "1", ""],
            ["丙镇", "", "2020", "2", "52", "", "", "", "", "", "", "", "", ""]]
    table = grade_table(rows)
    # (辍学 1 + 死亡 0 + 转出 1) − 转入 3 = −1: counted as 0, and said
    lost = cohorts.dropouts(table, 0, 2019, True, "liangji", "")
    assert lost.counts == {"primary_dropouts": 0, "primary_enrolled_start": 50}
    assert [note.code for note in lost.notes] == ["note_net_gain"]
    assert cohorts.dropouts(table, 0, 2019, True, "dictionary", "").counts["primary_dropouts"] == 1
