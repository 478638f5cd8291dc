"""The townships ranked for the 通报: by the exact rate, the best first; equal rates share a rank and the next rank
counts them all; an undefined rate is listed last, unranked; a small base is marked."""

from kongchuo_cli import api
from kongchuo_cli.indicators.definitions import BY_ID
from kongchuo_cli.judge.rank import rank, ranked_indicators, worst

HEADER = ["乡镇", "一年级入学人数", "毕业班在校生数", "小学学年初在校生数", "小学辍学人数", "脱贫家庭辍学人数"]


def ranked(write_table, rows, indicator):
    judged = api.check(write_table([HEADER, *rows])).judged
    return [(entry.result.unit, entry.rank, entry.small) for entry in rank(judged, BY_ID[indicator])], judged


def test_equal_rates_share_a_rank_and_the_next_counts_them(write_table):
    rows = [["甲镇", 100, 95, 500, 5, 0], ["乙镇", 20, 19, 400, 2, 1], ["丙镇", 100, 97, 300, 3, 2],
            ["丁镇", 0, 0, 200, 1, 0], ["戊镇", 10, 9, 100, 0, 1]]
    # consolidation: 丙 97/100, 甲 95/100 = 乙 19/20 = 95 % (equal exactly), 戊 9/10 = 90 % over a base of 10 (< 20),
    # 丁 0/0 undefined: ranks 1, 2, 2, 4, then 丁 unranked
    found, _ = ranked(write_table, rows, "consolidation_9y")
    assert found == [("丙镇", 1, False), ("甲镇", 2, False), ("乙镇", 2, False), ("戊镇", 4, True), ("丁镇", None, False)]


def test_lower_is_better_for_dropouts_and_counts(write_table):
    rows = [["甲镇", 100, 95, 500, 5, 0], ["乙镇", 20, 19, 400, 2, 1], ["丙镇", 100, 97, 300, 3, 2],
            ["丁镇", 0, 0, 200, 1, 0], ["戊镇", 10, 9, 100, 0, 1]]
    # primary dropouts: 戊 0/100 = 0 %, 丁 1/200 = 0.5 % = 乙 2/400, 甲 5/500 = 1 % = 丙 3/300
    found, _ = ranked(write_table, rows, "dropout_primary")
    assert [(unit, place) for unit, place, _ in found] == [("戊镇", 1), ("乙镇", 2), ("丁镇", 2), ("甲镇", 4), ("丙镇", 4)]
    # poverty-family dropouts, a count: 0, 0, then 1, 1, then 2
    found, _ = ranked(write_table, rows, "poverty_dropouts")
    assert [(unit, place) for unit, place, _ in found] == [("甲镇", 1), ("丁镇", 1), ("乙镇", 3), ("戊镇", 3), ("丙镇", 5)]


def test_ranked_are_the_indicators_failed_anywhere(write_table):
    # consolidation fails (≥ 96 %: 甲 95 %), primary dropouts meet ≤ 1 % everywhere (甲 and 丙 at exactly 1 %), the
    # poverty count fails (乙, 丙, 戊); the total is not ranked
    rows = [["甲镇", 100, 95, 500, 5, 0], ["乙镇", 20, 19, 400, 2, 1], ["丙镇", 100, 97, 300, 3, 2]]
    _, judged = ranked(write_table, rows, "consolidation_9y")
    assert [indicator.id for indicator in ranked_indicators(judged)] == ["consolidation_9y", "poverty_dropouts"]
    assert "合计" not in [entry.result.unit for entry in rank(judged, BY_ID["consolidation_9y"])]


def test_the_worst_are_the_last_ranked_the_last_first(write_table):
    rows = [["甲镇", 100, 95, 500, 5, 0], ["乙镇", 20, 19, 400, 2, 1], ["丙镇", 100, 97, 300, 3, 2],
            ["丁镇", 0, 0, 200, 1, 0], ["戊镇", 10, 9, 100, 0, 1]]
    judged = api.check(write_table([HEADER, *rows])).judged
    by_indicator = {}
    for result in judged.results:
        if not result.is_total:
            by_indicator.setdefault(result.indicator.id, []).append(result)
    # consolidation: 戊 90 % last, then 甲 = 乙 95 % (in their order); 丁 undefined never; a None never
    assert worst(by_indicator["consolidation_9y"], 3) == [4, 0, 1]
    assert worst([None, *by_indicator["consolidation_9y"]], 2) == [5, 1]
    # dropouts, lower is better: 甲 = 丙 1 % last (in their order), then 乙 = 丁 0.5 %; a count: 丙's 2 first
    assert worst(by_indicator["dropout_primary"], 3) == [0, 2, 1]
    assert worst(by_indicator["poverty_dropouts"], 1) == [2]
    assert worst(by_indicator["consolidation_9y"], 10) == [4, 0, 1, 2]  # fewer than asked: every defined rate
