"""The township plan (judge/plan.py): the county's need shared out by the largest-remainder method, among every unit
by the children it lost, or among the units below the line by their own gaps."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kongchuo_cli
from kongchuo_cli.judge.plan import GAP, LOST, allocate, make_plan
from kongchuo_cli.problems import KongchuoError
from tests.helpers import ROOT


def county():
    """The example county judged by the national lines."""
    return kongchuo_cli.check(ROOT / "examples" / "county.csv", thresholds=ROOT / "thresholds.yaml").judged


@pytest.mark.parametrize(
    "need, losses, shares",
    [
        # quotas 5·3/7 = 2.14, 5·2/7 = 1.43, 1.43: floors 2, 1, 1 leave one; the remainders 3/7 tie → the earlier unit
        (5, [3, 2, 2], [2, 2, 1]),
        # quotas 10·10/16 = 6.25, 10·5/16 = 3.125, 10·1/16 = 0.625: floors 6, 3, 0 leave one → the largest remainder
        (10, [10, 5, 1], [6, 3, 1]),
        (0, [4, 5], [0, 0]),
        (9, [4, 5], [4, 5]),  # the whole loss
        (12, [4, 5], [4, 5]),  # more than was lost: everyone, and the plan says it falls short
        (3, [0, 7, 0], [0, 3, 0]),  # a unit that lost nobody is asked for nobody
    ],
)
def test_allocation_by_hand(need, losses, shares):
    assert allocate(need, losses) == shares


@given(losses=st.lists(st.integers(0, 2000), min_size=1, max_size=30), data=st.data())
def test_allocation_invariants(losses, data):
    need = data.draw(st.integers(0, sum(losses) + 50))
    shares = allocate(need, losses)
    assert sum(shares) == min(need, sum(losses))  # the county's need, or everyone lost
    assert all(0 <= share <= loss for share, loss in zip(shares, losses))  # nobody asked for more than it lost
    if need < sum(losses):
        for share, loss in zip(shares, losses):  # proportional within one child
            assert abs(share - Fraction(need * loss, sum(losses))) < 1


def test_share_by_gap_only_units_below_the_line_each_within_its_gap():
    plans = {share_by: {row.result.unit: row.share for row in make_plan(county(), ("九年巩固率",), share_by)}
             for share_by in (LOST, GAP)}
    # the example county needs 228; the townships below 96 % need on their own 城关 106, 东坪 40, 西河 6, 石桥 37,
    # 柳林 22, 青龙 24, 白沙 13, 黄土岭 14 (262). Quotas 228·gap/262: 92.24, 34.81, 5.22, 32.20, 19.15, 20.89, 11.31,
    # 12.18 → floors sum to 225; the three largest remainders (in 262ths: 青龙 232, 东坪 212, 白沙 82) get one more
    assert plans[GAP] == {"城关镇": 92, "东坪镇": 35, "西河镇": 5, "南岭乡": 0, "北山乡": 0, "石桥镇": 32, "柳林镇": 19,
                          "青龙乡": 21, "白沙镇": 12, "桃园乡": 0, "黄土岭乡": 12, "新华镇": 0, None: 228}
    # by the children lost (the default), 南岭乡 at 96.1 % takes 10 of them (228 · 25 / 563 = 10.12)
    assert (plans[LOST]["南岭乡"], plans[LOST][None]) == (10, 228)


def test_the_plan_names_its_indicators_by_id_or_name():
    judged = county()
    by_name = make_plan(judged, ("九年义务教育巩固率", "脱贫"))
    assert list(dict.fromkeys(row.result.indicator.id for row in by_name)) == ["consolidation_9y", "poverty_dropouts"]
    with pytest.raises(KongchuoError) as raised:
        make_plan(judged, ("巩固率", "初中三年巩固率"))
    assert [problem.render("zh") for problem in raised.value.problems] == [
        "「巩固率」可以指几个指标：九年义务教育巩固率、初中三年巩固率、小学巩固率；请写全名。",
        "数据中没有可计算「初中三年巩固率」的列；可用的指标：九年义务教育巩固率、小学辍学率、初中辍学率、小学适龄儿童入学率、"
        "初中阶段适龄少年入学率、初中阶段毛入学率、三类残疾儿童少年入学率、脱贫家庭失学辍学人数。"]
