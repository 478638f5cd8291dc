"""The returns-needed arithmetic of indicators.md §3, with values worked out by hand."""

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kongchuo_cli.indicators.definitions import BY_ID
from kongchuo_cli.policy.rules import RuleError, parse_rule

CONSOLIDATION = BY_ID["consolidation_9y"]
DROPOUT = BY_ID["dropout_junior"]
POVERTY = BY_ID["poverty_dropouts"]


def rule(text, indicator=CONSOLIDATION):
    return parse_rule(text, indicator)


@pytest.mark.parametrize(
    "text, indicator, numerator, denominator, needed",
    [
        # worked examples of the reference: ⌈0.95·4737⌉ = ⌈4500.15⌉ = 4501; 4501 − 4380 = 121
        (">= 95%", CONSOLIDATION, 4380, 4737, 121),
        # ⌊0.018·1500⌋ = 27; 35 − 27 = 8
        ("<= 1.8%", DROPOUT, 35, 1500, 8),
        # ⌈0.95·200⌉ = 190; 190 − 186 = 4
        (">= 95%", BY_ID["enrollment_disabled"], 186, 200, 4),
        # float traps: 95.4/100·500 is 477.00000000000006 in floats (⌈⌉ 478); exactly 477 → 477 − 470 = 7
        (">= 95.4%", CONSOLIDATION, 470, 500, 7),
        # 0.018·1500 is 26.999… in floats (⌊⌋ 26); exactly 27 → 30 − 27 = 3
        ("<= 1.8%", DROPOUT, 30, 1500, 3),
        # strict lines: > 96% of 100 needs 97 (⌊96⌋ + 1); < 1% of 100 allows 0 dropouts (⌈1⌉ − 1)
        ("> 96%", CONSOLIDATION, 96, 100, 1),
        ("< 1%", DROPOUT, 1, 100, 1),
        ("< 1%", DROPOUT, 3, 250, 1),  # ⌈2.5⌉ − 1 = 2 allowed; 3 − 2 = 1
        ("> 95%", CONSOLIDATION, 0, 7, 7),  # ⌊6.65⌋ + 1 = 7
        # counts judge X against the value itself
        ("== 0", POVERTY, 3, 1, 3),
        ("<= 2", POVERTY, 5, 1, 3),
        ("< 2", POVERTY, 5, 1, 4),
        # already met: nothing to do, however far above the line (rates above 100 % are real)
        (">= 100%", CONSOLIDATION, 1041, 1000, 0),
        ("<= 2%", DROPOUT, 0, 1000, 0),
    ],
)
def test_returns_needed_by_hand(text, indicator, numerator, denominator, needed):
    parsed = rule(text, indicator)
    assert parsed.returns_needed(numerator, denominator) == needed


@pytest.mark.parametrize(
    "text, numerator, denominator, holds",
    [
        (">= 96%", 96, 100, True),  # on the line: inclusive rules pass
        ("> 96%", 96, 100, False),  # strict rules fail
        (">= 96%", 2399, 2500, False),  # 95.96 %
        (">= 96%", 2400, 2500, True),
        (">= 100%", 1041, 1000, True),  # 104.1 % is a real published rate, never capped
        (">= 96.04%", 2401, 2500, True),  # exactly 96.04 %
        (">= 96.05%", 2401, 2500, False),
    ],
)
def test_boundaries_at_least(text, numerator, denominator, holds):
    assert rule(text).holds(numerator, denominator) is holds


@pytest.mark.parametrize(
    "text, dropouts, base, holds",
    [("<= 1%", 1, 100, True), ("< 1%", 1, 100, False), ("<= 2%", 31, 1500, False), ("<= 2%", 30, 1500, True)],
)
def test_boundaries_at_most(text, dropouts, base, holds):
    assert rule(text, DROPOUT).holds(dropouts, base) is holds


def test_values_are_exact_rationals():
    assert rule(">= 95.4%").value == Fraction(477, 500)
    assert rule("≥ 96%").op == ">="  # the symbol form is accepted
    assert rule("≤1.8%", DROPOUT).value == Fraction(9, 500)
    assert rule(">= 96%").text == ">= 96%"


@pytest.mark.parametrize(
    "text, indicator, code",
    [
        ("96%", CONSOLIDATION, "rule_syntax"),
        (">= ninety", CONSOLIDATION, "rule_syntax"),
        (">= -5%", CONSOLIDATION, "rule_syntax"),
        (">= 96", CONSOLIDATION, "rule_percent_missing"),
        ("== 0%", POVERTY, "rule_percent_on_count"),
        ("== 1", POVERTY, "rule_count_equals"),
        (">= 1", POVERTY, "rule_count_direction"),
        ("== 96%", CONSOLIDATION, "rule_rate_equals"),
        ("<= 96%", CONSOLIDATION, "rule_direction_at_least"),
        (">= 1%", DROPOUT, "rule_direction_at_most"),
        ("< 0", POVERTY, "rule_impossible"),
        ("< 0%", DROPOUT, "rule_impossible"),
    ],
)
def test_bad_rules_are_named(text, indicator, code):
    with pytest.raises(RuleError) as raised:
        parse_rule(text, indicator)
    assert raised.value.code == code


@pytest.mark.parametrize(
    "inner, outer, within",
    [
        (">= 97%", ">= 96%", True),
        (">= 95%", ">= 96%", False),
        ("> 96%", ">= 96%", True),
        (">= 96%", "> 96%", False),
        (">= 96%", ">= 96%", True),
    ],
)
def test_warn_line_inside_target(inner, outer, within):
    assert rule(inner).is_within(rule(outer)) is within


def test_warn_line_inside_target_at_most():
    assert rule("<= 0.5%", DROPOUT).is_within(rule("<= 1%", DROPOUT))
    assert not rule("<= 1.5%", DROPOUT).is_within(rule("<= 1%", DROPOUT))
    assert not rule("<= 1%", DROPOUT).is_within(rule("< 1%", DROPOUT))


def _brute_force(parsed, numerator, denominator, at_least):
    """Reference: try k = 0, 1, 2, … with Fraction comparisons until the rule holds."""
    for k in range(100_000):
        value = Fraction(numerator + k if at_least else numerator - k, denominator)
        ok = {">=": value >= parsed.value, ">": value > parsed.value, "<=": value <= parsed.value,
              "<": value < parsed.value}[parsed.op]
        if ok:
            return k
    raise AssertionError("no k found")


percent_text = st.builds(lambda whole, hundredths: f"{whole}.{hundredths:02d}", st.integers(0, 150),
                         st.integers(0, 99))


@given(op=st.sampled_from([">=", ">"]), percent=percent_text, denominator=st.integers(1, 3000), data=st.data())
def test_at_least_returns_are_minimal(op, percent, denominator, data):
    numerator = data.draw(st.integers(0, 2 * denominator))
    parsed = rule(f"{op} {percent}%")
    needed = parsed.returns_needed(numerator, denominator)
    assert parsed.holds(numerator + needed, denominator)
    if needed:
        assert not parsed.holds(numerator + needed - 1, denominator)
    assert needed == _brute_force(parsed, numerator, denominator, at_least=True)


@given(op=st.sampled_from(["<=", "<"]), percent=percent_text, denominator=st.integers(1, 3000), data=st.data())
def test_at_most_returns_are_minimal(op, percent, denominator, data):
    dropouts = data.draw(st.integers(0, denominator))
    assume(not (op == "<" and Fraction(percent) == 0))  # "< 0%" is refused: nothing is below 0
    parsed = rule(f"{op} {percent}%", DROPOUT)
    needed = parsed.returns_needed(dropouts, denominator)
    assert parsed.holds(dropouts - needed, denominator)
    if needed:
        assert not parsed.holds(dropouts - needed + 1, denominator)
    assert needed == _brute_force(parsed, dropouts, denominator, at_least=False)
