"""Flows through a grade table (indicators/flows.py): the identity gaps (last year's grade below plus the year's
movements should give this year's enrolment) and the UIS reconstructed cohort's survival, worked by hand."""

from fractions import Fraction

from kongchuo_cli.indicators import flows
from tests.helpers.grade_tables import JIA, grade_table, long_rows
from tests.helpers.uis import simulate_survival


def test_identity_gaps_name_unit_year_grade_and_size():
    cells = {**JIA, (2015, 4): {"在校生数": 201}}
    table = grade_table(long_rows((("甲镇", "6-3", cells),)))
    # 2015 grade 4 should be 203 (2014 grade 3, no movements); 2016 grade 5 should be 201 − 5 = 196, is 198
    assert [(g.unit, g.year, g.grade, g.expected, g.found, g.size) for g in flows.identity_gaps(table)] == [
        ("甲镇", 2015, 4, 203, 201, -2), ("甲镇", 2016, 5, 196, 198, 2)]


def test_consistent_table_has_no_gaps():
    assert flows.identity_gaps(grade_table(long_rows())) == []


def test_uis_survival_closed_form_matches_the_reference():
    # p = 0.90, r = 0.05 for six grades: SR_6 = (0.9 / 0.95)^5 = (18/19)^5 = 0.763123
    rates = flows.survival([Fraction(9, 10)] * 5, [Fraction(1, 20)] * 5)
    assert rates[5] == Fraction(18, 19) ** 5 == Fraction(1889568, 2476099)
    assert round(float(rates[5]), 6) == 0.763123
    assert rates[0] == 1 and rates[1] == Fraction(18, 19)


def test_year_by_year_simulation_agrees_with_the_closed_form():
    promotion, repetition = [0.9, 0.85, 0.92, 0.8, 0.95], [0.05, 0.1, 0.0, 0.15, 0.02]
    simulated = simulate_survival(promotion, repetition, years=400)
    exact = flows.survival([Fraction(p).limit_denominator() for p in promotion],
                             [Fraction(r).limit_denominator() for r in repetition])
    assert [round(value, 12) for value in simulated] == [round(float(value), 12) for value in exact]
    # few years: repeaters have not all come through yet, so the simulation is below the limit
    assert simulate_survival(promotion, repetition, years=5)[5] < float(exact[5])


def test_survival_runs_within_each_level_and_the_transition_stands_apart():
    # 6-3: grades 5 and 6 of primary, 7 and 8 of junior. Promotion p = promoted / enrolled, repetition r:
    # grade 5: 90 of 100 promoted, 5 repeat; 6: 80 of 100 into 初一, none repeat; 7: 95 of 100, 0; 8: 90 of 100, 10
    rates = [flows.FlowRates(5, 100, 5, 90, 95), flows.FlowRates(6, 100, 0, 80, 80),
             flows.FlowRates(7, 100, 0, 95, 95), flows.FlowRates(8, 100, 10, 90, 100)]
    survived, transition = flows.survival_by_level(rates, primary_last=6)
    # primary from its first grade here (5): SR5 = 1, SR6 = 0.9 / (1 − 0.05) = 18/19; junior starts again: SR7 = 1,
    # SR8 = 0.95 / (1 − 0) = 19/20; 6 → 7 is the transition rate, 80/100, never multiplied into survival
    assert survived == {5: 1, 6: Fraction(18, 19), 7: 1, 8: Fraction(19, 20)}
    assert transition == {6: Fraction(4, 5)}
    # in 5-4 the levels split after grade 5: grade 6 starts junior, and 5 → 6 is the transition
    survived, transition = flows.survival_by_level(rates, primary_last=5)
    assert survived == {5: 1, 6: 1, 7: Fraction(4, 5), 8: Fraction(4, 5) * Fraction(19, 20)}
    assert transition == {5: Fraction(9, 10)}
    assert flows.survival_by_level(rates, primary_last=None) == ({}, {})  # a total of mixed systems: none
