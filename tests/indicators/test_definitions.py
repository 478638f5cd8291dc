"""Indicator formulas and display rounding, against the reference's examples and published figures."""

import pytest

from kongchuo_cli.indicators.definitions import BY_ID, FORMULAS, percent

CONSOLIDATION = BY_ID["consolidation_9y"]
COHORT = {"grade1_entrants": 1000, "final_grade_enrolled": 900, "transfers_in": 50, "transfers_out": 100,
          "deaths": 2}


@pytest.mark.parametrize(
    "formula, ratio, shown",
    [
        ("raw", (900, 1000), "90.00"),
        ("adjusted", (900, 948), "94.94"),  # 900 / (1000 + 50 − 100 − 2) — the reference's 94.94 %
        ("numerator_adjusted", (950, 998), "95.19"),  # (900 − 50 + 100) / (1000 − 2) — the reference's 95.19 %
    ],
)
def test_consolidation_formulas(formula, ratio, shown):
    assert BY_ID["consolidation_9y"].ratio(COHORT, formula) == ratio
    assert percent(*ratio, 2) == shown


def test_adjusted_takes_suspended_off_the_base():
    assert CONSOLIDATION.ratio({**COHORT, "suspended": 8}, "adjusted") == (900, 940)


def test_absent_movement_columns_count_as_zero():
    assert CONSOLIDATION.ratio({"grade1_entrants": 300, "final_grade_enrolled": 289}, "adjusted") == (289, 300)


def test_disabled_enrolment_sums_its_parts_when_the_total_is_absent():
    parts = {"disabled_children": 40, "disabled_regular_class": 21, "disabled_special_school": 9,
             "disabled_home_delivery": 6}
    assert BY_ID["enrollment_disabled"].ratio(parts, "adjusted") == (36, 40)
    with_total = {**parts, "disabled_enrolled": 37}
    assert BY_ID["enrollment_disabled"].ratio(with_total, "adjusted") == (37, 40)


# MOE 小学学龄儿童净入学率 (indicators.md §6): counts in 万人 with one decimal, so ×10 gives integers.
@pytest.mark.parametrize(
    "year, population, enrolled, published",
    [(1995, 123754, 121925, "98.5"), (1999, 129914, 128728, "99.1"), (2003, 109083, 107616, "98.7"),
     (2007, 99479, 98968, "99.5"), (2009, 96066, 95486, "99.4"), (2011, 95224, 95025, "99.8")],
)
def test_published_net_enrolment_rates(year, population, enrolled, published):
    numerator, denominator = BY_ID["enrollment_primary_net"].ratio(
        {"primary_age_population": population, "primary_age_enrolled": enrolled}, "adjusted")
    assert percent(numerator, denominator, 1) == published


@pytest.mark.parametrize(
    "numerator, denominator, decimals, shown",
    [
        (4380, 4737, 2, "92.46"),  # the reference's worked example
        (1, 8, 1, "12.5"),
        (1, 800, 2, "0.13"),  # 0.125 rounds half up
        (2083, 2000, 1, "104.2"),  # 104.15 → 104.2, never capped at 100
        (289, 300, 4, "96.3333"),
        (1, 25, 4, "4.0000"),  # trailing zeros kept: a fixed number of places
        (-1, 8, 1, "-12.5"),
        (1, 3, 0, "33"),
    ],
)
def test_percent_rounds_half_up(numerator, denominator, decimals, shown):
    assert percent(numerator, denominator, decimals) == shown


@pytest.mark.parametrize("formula, zh, en", [
    ("raw", "毕业班在校生数 ÷ 一年级入学人数", "final_grade_enrolled ÷ grade1_entrants"),
    ("adjusted", "毕业班在校生数 ÷ (一年级入学人数 + 转入人数 - 转出人数 - 死亡人数 - 休学人数)",
     "final_grade_enrolled ÷ (grade1_entrants + transfers_in - transfers_out - deaths - suspended)"),
    ("numerator_adjusted", "(毕业班在校生数 - 转入人数 + 转出人数) ÷ (一年级入学人数 - 死亡人数)",
     "(final_grade_enrolled - transfers_in + transfers_out) ÷ (grade1_entrants - deaths)"),
])
def test_formulas_spell_themselves(formula, zh, en):
    # the contract's formulas: raw N/E; adjusted N/(E + TI − TO − DE − SU); numerator_adjusted (N − TI + TO)/(E − DE)
    assert (FORMULAS[formula].spell("zh"), FORMULAS[formula].spell("en")) == (zh, en)
