"""What a grade table says between its years: where the stock-flow identity fails (next year's stock is not this
year's plus the movements), each cohort's sizes grade by grade, and the UIS flow rates with survival to each grade.

The conventions of `read.grades`: the row of year Y holds the stocks of autumn Y and the flows of the school year
Y−1, by the grade the pupils were in.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kongchuo_cli.read.grades import GradeTable

IN = ("transfers_in", "resumed", "other_in")
OUT = ("transfers_out", "deaths", "dropouts", "suspended", "other_out")


@dataclass(frozen=True)
class Gap:
    """Where a table does not add up: `found` in the table, `expected` from last year's stock and the flows."""

    unit: str
    year: int
    grade: int
    what: str  # "enrolled" (the next grade's stock), "graduates" or "entrants"
    expected: int
    found: int

    @property
    def size(self) -> int:
        return self.found - self.expected


def identity_gaps(table: GradeTable) -> list[Gap]:
    """Grade by grade and year by year: next year's stock = this year's + in − out − those who repeat (+ those of
    the next grade who repeat it); 毕业生 = the last grade's stock + in − out − repeaters; 一年级 (or 初一 of a
    junior school) = 招生 + repeaters. Only where both sides are in the table."""
    gaps = []
    for (unit, year, grade), counts in sorted(table.cells.items()):
        system = table.units[unit].system
        label = table.units[unit].label
        below = table.stock(unit, year - 1, grade - 1)
        if "enrolled" in counts and below is not None and grade - 1 != system.primary_last:
            moved = table.cells.get((unit, year, grade - 1), {})  # the flows of the grade below, last year
            expected = below + _net(moved) - moved.get("repeaters", 0) + counts.get("repeaters", 0)
            if counts["enrolled"] != expected:
                gaps.append(Gap(label, year, grade, "enrolled", expected, counts["enrolled"]))
        last_year = table.stock(unit, year - 1, grade)
        if last_year is not None and "graduates" in counts:
            expected = last_year + _net(counts) - counts.get("repeaters", 0)
            if counts["graduates"] != expected:
                gaps.append(Gap(label, year, grade, "graduates", expected, counts["graduates"]))
        if "entrants" in counts and "enrolled" in counts:
            expected = counts["entrants"] + counts.get("repeaters", 0)
            if counts["enrolled"] != expected:
                gaps.append(Gap(label, year, grade, "entrants", expected, counts["enrolled"]))
    return gaps


def _net(counts: dict[str, int]) -> int:
    return sum(counts.get(measure, 0) for measure in IN) - sum(counts.get(measure, 0) for measure in OUT)


# ---- ladders and UIS flow rates -----------------------------------------------------------------------------


def ladder(table: GradeTable, unit: int, cohort: int) -> list[int | None]:
    """The cohort's autumn stock in grades 1–9 (None outside the table)."""
    return [table.stock(unit, cohort + grade - 1, grade) for grade in range(1, 10)]


@dataclass(frozen=True)
class FlowRates:
    """UIS rates of grade g from school year t to t+1 (t = `year`): p = (E[g+1,t+1] − R[g+1,t+1]) / E[g,t];
    r = R[g,t+1] / E[g,t]; d = 1 − p − r."""

    grade: int
    enrolled: int
    repeaters: int
    promoted: int
    following: int | None = None  # next year's stock of the next grade: 年巩固率 = following ÷ enrolled

    @property
    def retention(self) -> Fraction | None:
        """年巩固率 (grade to grade): next year's next grade over this year's grade; above 100 % where pupils
        arrive (never capped)."""
        return None if self.following is None else Fraction(self.following, self.enrolled)

    @property
    def promotion(self) -> Fraction:
        return Fraction(self.promoted, self.enrolled)

    @property
    def repetition(self) -> Fraction:
        return Fraction(self.repeaters, self.enrolled)

    @property
    def dropout(self) -> Fraction:
        return 1 - self.promotion - self.repetition


def flow_rates(table: GradeTable, unit: int, year: int) -> list[FlowRates]:
    """The rates of every grade the unit has in `year` and whose successors (the next grade, or 毕业生 after
    the last one) are in the table for year+1."""
    rates = []
    for grade in range(1, 10):
        enrolled = table.stock(unit, year, grade)
        if not enrolled:
            continue
        repeaters = table.flow(unit, year + 1, grade, "repeaters")
        graduates = table.end(unit, year + 1, grade, "graduates")
        following = table.stock(unit, year + 1, grade + 1) if grade < 9 else None
        if following is not None:
            promoted = following - table.flow(unit, year + 1, grade + 1, "repeaters")
        elif graduates is not None:
            promoted = graduates
        else:
            continue
        rates.append(FlowRates(grade, enrolled, repeaters, promoted, following))
    return rates


def flow_years(tables: list[GradeTable]) -> list[int]:
    """The school years whose flow rates some unit's table can give (next year's figures present), oldest first."""
    return sorted({start for table in tables for unit in range(len(table.units)) for start in table.years
                   if flow_rates(table, unit, start)})


def survival_by_level(rates: list[FlowRates], primary_last: int | None
                      ) -> tuple[dict[int, Fraction], dict[int, Fraction]]:
    """({grade: survival to it}, {grade: transition rate}): UIS computes survival within one level, so it runs
    over the primary grades and again over the junior grades, each from the first grade the unit has (consecutive
    grades only); the step from the last primary grade to the first junior one is its transition rate (the
    promotion into 初一), never chained into survival. Nothing for a total of units of different school systems."""
    survived: dict[int, Fraction] = {}
    transition: dict[int, Fraction] = {}
    if primary_last is None:
        return survived, transition
    for level in (range(1, primary_last + 1), range(primary_last + 1, 10)):
        run = [rate for rate in rates if rate.grade in level]
        consecutive = [rate for position, rate in enumerate(run) if rate.grade == run[0].grade + position]
        reached = survival([rate.promotion for rate in consecutive], [rate.repetition for rate in consecutive])
        survived.update((rate.grade, value) for rate, value in zip(consecutive, reached))
    last = next((rate for rate in rates if rate.grade == primary_last), None)
    if last is not None and last.following is not None:  # the pupils moving on into junior school
        transition[primary_last] = last.promotion
    return survived, transition


def survival(promotion: list[Fraction], repetition: list[Fraction]) -> list[Fraction]:
    """Survival to each grade of a reconstructed cohort with constant rates, repetition unlimited:
    SR_1 = 1, SR_k = Π_{g<k} p_g / (1 − r_g). Exact."""
    rates, survived = [Fraction(1)], Fraction(1)
    for p, r in zip(promotion, repetition):
        survived *= p / (1 - r) if r != 1 else 0
        rates.append(survived)
    return rates
