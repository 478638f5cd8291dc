"""Counts and lines → statuses, totals and returns needed, on small made-up counties worked by hand."""

from fractions import Fraction

import pytest

from kongchuo_cli.indicators.definitions import BY_ID
from kongchuo_cli.judge.evaluate import evaluate, judge
from kongchuo_cli.judge.gate import ExitCode, exit_code
from kongchuo_cli.model import FAIL, NA, PASS, WARN, CountsTable, Unit
from kongchuo_cli.policy.rules import parse_rule
from kongchuo_cli.policy.thresholds import Line, parse
from kongchuo_cli.problems import KongchuoError, Where

CONSOLIDATION = BY_ID["consolidation_9y"]
POLICY = parse("""
version: 1
name: test
indicators:
  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}
  dropout_junior: {target: "<= 2%"}
  poverty_dropouts: {target: "== 0"}
""", "test.yaml")


def table(*units, path="t.csv"):
    columns = frozenset(name for _, counts in units for name in counts)
    return CountsTable(path, columns, [Unit(label, counts, Where(path, row=row + 2))
                                     for row, (label, counts) in enumerate(units)], None)


def cohort(entrants, stock, **movement):
    return {"grade1_entrants": entrants, "final_grade_enrolled": stock, **movement}


def by(results, unit, indicator="consolidation_9y"):
    (match,) = [r for r in results if r.unit == unit and r.indicator.id == indicator]
    return match


def test_total_is_sum_of_numerators_over_sum_of_denominators():
    evaluation = evaluate([table(("甲镇", cohort(100, 95)), ("乙镇", cohort(200, 194)))], POLICY)
    # 甲 95/100 = 95 % fails ≥ 96 % by ⌈96⌉ − 95 = 1; 乙 194/200 = 97 % passes the warn line too
    assert (by(evaluation.results, "甲镇").status, by(evaluation.results, "甲镇").returns_needed) == (FAIL, 1)
    assert by(evaluation.results, "乙镇").status == PASS
    total = by(evaluation.results, None)
    # 289/300 = 96.33 %: meets 96 % but not the 97 % warn line, which needs ⌈291⌉ − 289 = 2 more
    assert (total.is_total, total.numerator, total.denominator, total.status) == (True, 289, 300, WARN)
    assert total.returns_needed == 0
    notes = [note.render("en") for note in total.notes]
    assert notes == ["2 more returns reach the warn line '>= 97%'.",
                     "the sum meets the line (the units above it make up the others' shortfall), but 1 if each unit "
                     "meets the line on its own."]


def test_not_the_mean_of_rates():
    # mean of 50 % and 100 % is 75 %; the county is (1 + 100) / (2 + 100) = 99.02 %
    evaluation = evaluate([table(("甲", cohort(2, 1)), ("乙", cohort(100, 100)))], POLICY)
    total = by(evaluation.results, None)
    assert (total.numerator, total.denominator, total.status) == (101, 102, PASS)


def test_results_are_grouped_by_unit_with_the_total_last():
    units = [("甲", {**cohort(100, 99), "junior_dropouts": 1, "junior_enrolled_start": 100}),
             ("乙", {**cohort(100, 99), "junior_dropouts": 3, "junior_enrolled_start": 100})]
    results = evaluate([table(*units)], POLICY).results
    assert [(r.unit, r.indicator.id) for r in results] == [
        ("甲", "consolidation_9y"), ("甲", "dropout_junior"), ("乙", "consolidation_9y"), ("乙", "dropout_junior"),
        (None, "consolidation_9y"), (None, "dropout_junior")]
    # 乙 3/100 > 2 %: ⌊2⌋ = 2 allowed, 3 − 2 = 1 return; county 4/200 = 2 % exactly: passes
    assert by(results, "乙", "dropout_junior").returns_needed == 1
    assert by(results, None, "dropout_junior").status == PASS


def test_a_single_unit_gets_no_total_row_and_is_gated_itself():
    results = evaluate([table(("全县", cohort(1000, 950)))], POLICY).results
    assert [r.is_total for r in results] == [False]
    assert exit_code(results, "total") == ExitCode.GATE_FAILED


def test_skipped_lists_indicators_without_columns():
    evaluation = evaluate([table(("甲", cohort(10, 10)))], POLICY)
    assert evaluation.skipped == ["consolidation_junior_3y", "consolidation_primary", "dropout_primary",
                                  "dropout_junior", "enrollment_primary_net", "enrollment_junior_age",
                                  "enrollment_junior_gross", "enrollment_disabled", "enrollment_disabled_all",
                                  "poverty_dropouts"]


def test_zero_denominator_is_not_applicable():
    status, needed, notes = judge(CONSOLIDATION, POLICY.line("consolidation_9y"), 0, 0)
    assert (status, needed, [note.code for note in notes]) == (NA, None, ["note_zero_denominator"])


def test_negative_base_is_an_error_naming_the_row_and_formula():
    # 西镇: 10 + 0 − 30 = −20; counted in the total it would have turned a 90 % county into a pass
    with pytest.raises(KongchuoError) as raised:
        evaluate([table(("东镇", cohort(100, 90)), ("西镇", cohort(10, 9, transfers_out=30)))], POLICY)
    assert [problem.render("en") for problem in raised.value.problems] == [
        "t.csv, row 3: the base of nine-year consolidation rate is -20, which cannot be negative (final_grade_enrolled "
        "÷ (grade1_entrants + transfers_in - transfers_out - deaths - suspended)); check the transfers, deaths and "
        "suspended counts."]


def test_zero_denominator_in_a_file():
    # adjusted base 10 + 0 − 10 = 0: undefined, shown as n/a rather than 100 % or a crash
    results = evaluate([table(("甲", cohort(10, 0, transfers_out=10)), ("乙", cohort(100, 99)))], POLICY).results
    assert (by(results, "甲").status, by(results, "甲").rate) == (NA, None)
    assert by(results, None).denominator == 100


def test_no_line_means_not_applicable():
    status, needed, notes = judge(BY_ID["dropout_primary"], Line(), 5, 100)
    assert (status, needed, notes[0].code) == (NA, None, "note_no_rule")
    # a note without parameters is made once and shared: 3,000,000 results of a province without a line hold one
    assert judge(BY_ID["dropout_junior"], Line(), 7, 90)[2] is notes


def test_unreachable_by_returns_alone():
    # 190 of a base of 200 at >= 100 % (hypothetical line): ⌈200⌉ − 190 = 10, and 10 children are missing: reachable
    line = Line(parse_rule(">= 100%", CONSOLIDATION))
    assert judge(CONSOLIDATION, line, 190, 200)[2] == ()
    # numerator_adjusted can leave a base smaller than the need: 100 needed at > 100 % of 100 → 101 − 0 = 101 > 100
    status, needed, notes = judge(CONSOLIDATION, Line(parse_rule("> 100%", CONSOLIDATION)), 0, 100)
    assert (status, needed) == (FAIL, 101)
    assert notes[0].render("en") == "returns alone cannot reach the line: 101 needed but only 100 children are missing."


def test_rates_above_100_percent_are_kept():
    results = evaluate([table(("甲", cohort(1000, 1041)))], POLICY).results
    assert by(results, "甲").rate == Fraction(1041, 1000)  # 104.1 %
    assert by(results, "甲").status == PASS


def test_count_indicator():
    results = evaluate([table(("甲", {"poverty_dropouts": 2}), ("乙", {"poverty_dropouts": 0}))], POLICY).results
    total = by(results, None, "poverty_dropouts")
    assert (total.numerator, total.denominator, total.rate, total.status, total.returns_needed) == (2, None, None,
                                                                                                 FAIL, 2)
