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
