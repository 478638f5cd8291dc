"""The UIS reconstructed cohort followed year by year: a check of the closed form `indicators.flows.survival`."""

from __future__ import annotations


def simulate_survival(promotion: list[float], repetition: list[float], years: int) -> list[float]:
    """The same reconstructed cohort followed year by year (1 pupil entering grade 1): the share that ever
    reaches each grade. Converges to `survival` as the years grow; a check of the closed form."""
    grades = len(promotion)
    in_grade = [0.0] * (grades + 1)
    in_grade[0] = 1.0
    reached = [1.0] + [0.0] * grades
    for _ in range(years):
        moved = [0.0] * (grades + 1)
        for grade in range(grades):
            moved[grade] += in_grade[grade] * repetition[grade]
            moved[grade + 1] += in_grade[grade] * promotion[grade]
            reached[grade + 1] += in_grade[grade] * promotion[grade]  # the last grade's pupils stop here
        in_grade = moved
    return reached
