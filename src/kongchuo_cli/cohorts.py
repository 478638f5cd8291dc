"""Following cohorts through a grade table: the summary counts of each indicator for a cohort or a school year,
the stock-flow identity checked grade by grade, the ladder of a cohort's sizes, and the UIS flow rates.

The conventions of `grades`: the row of year Y holds the stocks of autumn Y and the flows of the school year
Y−1 (by the grade the pupils were in). So a cohort that entered grade 1 in autumn Y0 (the 级 of Y0) is in grade g
in autumn Y0+g−1, and its movements while in grade g are in the rows (Y0+g, g).

Each derivation returns the counts under the summary table's column names, so that the indicators, lines,
returns needed and totals are exactly those of `kongchuo check` on a summary table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction

from kongchuo_cli.columns import normalize_header
from kongchuo_cli.evaluate import Evaluation, evaluate, layout
from kongchuo_cli.grades import GradeTable
from kongchuo_cli.indicators import INDICATORS, suspended_handling
from kongchuo_cli.load import FileTable, Unit
from kongchuo_cli.messages import KongchuoError, Message
from kongchuo_cli.thresholds import Thresholds

ANNUAL_INDICATORS = ("dropout_primary", "dropout_junior")
LOSSES_LIANGJI = ("dropouts", "deaths", "transfers_out", "other_out")  # 两基: 退学+死亡+转出+其他减少 (休学 by setting)
GAINS_LIANGJI = ("transfers_in", "other_in")  # − (转入 + 其他增加)


@dataclass(frozen=True)
class Period:
    """What a figure describes: the cohort by its grade-1 year (None for an annual rate), and the school year it
    ends in (the final stock's year, or the year of the flows)."""

    cohort: int | None
    year: int


@dataclass(frozen=True)
class Derived:
    counts: dict[str, int]
    period: Period
    notes: tuple[Message, ...] = ()


def _movements(table: GradeTable, unit: int, cohort: int, grades: range, measures: tuple[str, ...]
               ) -> tuple[dict[str, int], list[int]]:
    """The cohort's flows while in these grades (rows (cohort+g, g)), and the years whose rows are missing."""
    sums = dict.fromkeys(measures, 0)
    missing = []
    for grade in grades:
        year = cohort + grade
        if year not in table.unit_years(unit):  # the unit's whole year is absent, not just a quiet grade
            missing.append(year)
        for measure in measures:
            sums[measure] += table.flow(unit, year, grade, measure)
    return sums, missing


def _missing_note(missing: list[int]) -> tuple[Message, ...]:
    return (Message("note_movements_missing", {"years": "、".join(map(str, missing))}),) if missing else ()


def consolidation_9y(table: GradeTable, unit: int, cohort: int) -> Derived | None:
    """九年巩固率: 九年级 of autumn cohort+8 over 一年级 of autumn cohort, with the eight years' movements."""
    entered, final = table.stock(unit, cohort, 1), table.stock(unit, cohort + 8, 9)
    if entered is None or final is None:
        return None
    moved, missing = _movements(table, unit, cohort, range(1, 9),
                                ("transfers_in", "transfers_out", "deaths", "suspended", "resumed"))
    counts = {"grade1_entrants": entered, "final_grade_enrolled": final, "transfers_in": moved["transfers_in"],
              "transfers_out": moved["transfers_out"], "deaths": moved["deaths"],
              "suspended": moved["suspended"] - moved["resumed"]}  # still out on 休学: suspended less resumed
    return Derived(counts, Period(cohort, cohort + 8), _missing_note(missing))


def _stage_end(table: GradeTable, unit: int, cohort: int, last: int) -> tuple[int, int, tuple[Message, ...]] | None:
    """(finishers, last grade whose movements count, notes): the 毕业生数 reported after the last grade; in a
    table without 毕业生数, the last grade's autumn stock (毕业班)."""
    graduates = table.end(unit, cohort + last, last, "graduates")
    if graduates is not None:
        return graduates, last, ()
    stock = table.stock(unit, cohort + last - 1, last)
    if stock is None or "graduates" in table.measures:  # graduates reported: this cohort's are yet to come
        return None
    return stock, last - 1, (Message("note_final_stock", {"year": cohort + last - 1}),)


def consolidation_primary(table: GradeTable, unit: int, cohort: int) -> Derived | None:
    """小学巩固率: graduates over (招生 of the cohort's year + transfers in − out while in primary)."""
    last = table.units[unit].system.primary_last
    entrants = table.end(unit, cohort, 1, "entrants")
    start_notes: tuple[Message, ...] = ()
    if entrants is None:
        entrants = table.stock(unit, cohort, 1)
        start_notes = (Message("note_entrants_stock", {"year": cohort}),)
    end = _stage_end(table, unit, cohort, last)
    if entrants is None or end is None:
        return None
    finished, through, end_notes = end
    moved, missing = _movements(table, unit, cohort, range(1, through + 1), ("transfers_in", "transfers_out"))
    counts = {"primary_graduates": finished, "primary_entrants": entrants,
              "primary_transfers_in": moved["transfers_in"], "primary_transfers_out": moved["transfers_out"]}
    year = cohort + last - 1
    return Derived(counts, Period(cohort, year), start_notes + end_notes + _missing_note(missing))


def consolidation_junior(table: GradeTable, unit: int, cohort: int) -> Derived | None:
    """初中巩固率 (优质均衡): graduates over 初一 (autumn of its year) + transfers in − out − deaths while in junior.
    In 5-4 the junior stage has four grades (初一 = 六年级)."""
    system = table.units[unit].system
    first = system.junior_first
    entrants = table.stock(unit, cohort + first - 1, first)
    end = _stage_end(table, unit, cohort, 9)
    if entrants is None or end is None:
        return None
    finished, through, end_notes = end
    moved, missing = _movements(table, unit, cohort, range(first, through + 1),
                                ("transfers_in", "transfers_out", "deaths"))
    counts = {"junior_graduates": finished, "junior_entrants": entrants,
              "junior_transfers_in": moved["transfers_in"], "junior_transfers_out": moved["transfers_out"],
              "junior_deaths": moved["deaths"]}
    return Derived(counts, Period(cohort, cohort + 8), end_notes + _missing_note(missing))


def dropouts(table: GradeTable, unit: int, year: int, primary: bool, definition: str, suspended: str
             ) -> Derived | None:
    """年辍学率 of the school year `year`: its flows (the rows of year+1) over its autumn stocks (上学年初在校生)."""
    grades = [grade for grade in table.units[unit].system.stage(primary) if table.stock(unit, year, grade) is not None]
    if not grades or not any((unit, year + 1, grade) in table.cells for grade in grades):
        return None
    base = sum(table.stock(unit, year, grade) or 0 for grade in grades)

    def total(measures: tuple[str, ...]) -> int:
        return sum(table.flow(unit, year + 1, grade, measure) for grade in grades for measure in measures)

    lost = total(("dropouts",)) if definition == "dictionary" else total(LOSSES_LIANGJI) - total(GAINS_LIANGJI)
    on_leave = total(("suspended",))
    handling = suspended_handling(definition, suspended)
    if handling == "loss":
        lost += on_leave
    elif handling == "base":
        base -= on_leave
    notes: tuple[Message, ...] = ()
    if lost < 0:  # 两基: more came in than left; a negative dropout count means nothing
        notes, lost = (Message("note_net_gain", {"value": lost}),), 0
    prefix = "primary" if primary else "junior"
    return Derived({f"{prefix}_dropouts": lost, f"{prefix}_enrolled_start": base}, Period(None, year), notes)


Deriver = Callable[[GradeTable, int, int], "Derived | None"]
COHORT_DERIVERS: dict[str, Deriver] = {
    "consolidation_9y": consolidation_9y,
    "consolidation_junior_3y": consolidation_junior,
    "consolidation_primary": consolidation_primary,
}


def deriver(indicator_id: str, thresholds: Thresholds) -> Deriver:
    """The function that gives a unit's counts of this indicator for a cohort (or a school year)."""
    if indicator_id in COHORT_DERIVERS:
        return COHORT_DERIVERS[indicator_id]
    line = thresholds.line(indicator_id)
    primary = indicator_id == "dropout_primary"
    return lambda table, unit, year: dropouts(table, unit, year, primary, line.definition, line.suspended)


def candidates(table: GradeTable, indicator_id: str) -> list[int]:
    """The cohorts (or years) worth trying, newest first."""
    years = table.years
    if not years:
        return []
    if indicator_id in COHORT_DERIVERS:
        return list(range(years[-1], years[0] - 10, -1))
    return list(range(years[-1], years[0] - 1, -1))


def usable(table: GradeTable, indicator_id: str, thresholds: Thresholds) -> bool:
    """Whether the table has what the indicator needs: a dropout rate needs 辍学 (or, for 两基, some flow)."""
    if indicator_id not in ANNUAL_INDICATORS:
        return True
    if thresholds.line(indicator_id).definition == "dictionary":
        return "dropouts" in table.measures
    return bool(table.measures & {*LOSSES_LIANGJI, *GAINS_LIANGJI})


def periods(tables: list[GradeTable], indicator_id: str, thresholds: Thresholds, by_cohort: bool = False
            ) -> list[tuple[int, list]]:
    """[(year, [(table, unit, Derived)])] newest first: the units' figures grouped by the school year they are
    judged in (so a 5-4 unit's primary cohort stands beside the 6-3 ones finishing the same year), or by cohort."""
    derive = deriver(indicator_id, thresholds)
    groups: dict[int, list] = {}
    for table in tables:
        if not usable(table, indicator_id, thresholds):
            continue
        for unit in range(len(table.units)):
            for start in candidates(table, indicator_id):
                derived = derive(table, unit, start)
                if derived is not None:
                    key = derived.period.cohort if by_cohort else derived.period.year
                    groups.setdefault(key, []).append((table, unit, derived))
    return sorted(groups.items(), key=lambda group: group[0], reverse=True)


def as_tables(found: list, indicator_id: str) -> list[FileTable]:
    """The derived counts as summary tables (one per grade table), for `evaluate`; each unit carries only the
    columns it could compute, and the period and notes travel in the details."""
    tables = []
    for table in {id(table): table for table, _, _ in found}.values():
        units = []
        for owner, unit, derived in found:
            if owner is table:
                source = table.units[unit]
                units.append(Unit(source.label, derived.counts, source.where, source.groups, source.label_key))
        columns = frozenset(column for unit in units for column in unit.counts)
        details = {**table.details,
                   "periods": {(indicator_id, owner.units[unit].label): derived.period
                               for owner, unit, derived in found if owner is table},
                   "notes": {(indicator_id, owner.units[unit].label): derived.notes
                             for owner, unit, derived in found if owner is table and derived.notes},
                   "sparse": True}
        tables.append(FileTable(table.path, columns, units, None, [], details))
    return tables


def evaluate_grades(tables: list[GradeTable], thresholds: Thresholds, by: tuple[str, ...] = (),
                    cohort: int | None = None, year: int | None = None, history: bool = False
                    ) -> tuple[Evaluation, list[Message]]:
    """(evaluation, notices): each indicator judged for the latest cohort (or school year) any unit completes,
    or `cohort`/`year`; with `history`, every cohort and year as well, shown but not gated."""
    results, skipped, notices = [], [], []
    for indicator in INDICATORS:
        annual = indicator.id in ANNUAL_INDICATORS
        chosen = year if annual else cohort
        found = (periods(tables, indicator.id, thresholds, by_cohort=chosen is not None and not annual)
                 if indicator.id in COHORT_DERIVERS or annual else [])
        if not found:
            skipped.append(indicator.id)
            continue
        current = found[0][0] if chosen is None else chosen
        if chosen is not None and all(start != chosen for start, _ in found):
            starts = "、".join(str(start) for start, _ in sorted(found))
            notices.append(Message("period_absent" if annual else "cohort_absent",
                                   {"indicator": indicator.term, "year": chosen, "found": starts}))
            current = found[0][0]
        for start, units in found:
            if start == current or history:
                evaluation = evaluate(as_tables(units, indicator.id), thresholds, by)
                results.extend(replace(result, current=start == current) for result in evaluation.results)
    if not results:
        raise KongchuoError([Message("grades_nothing_complete", {"years": "、".join(
            str(year) for year in sorted({year for table in tables for year in table.years}))})])
    everyone = [Unit(unit.label, {}, unit.where, unit.groups, unit.label_key) for table in tables for unit in table.units]
    keys = tuple(normalize_header(name) for name in by)
    order = {row.label: position for position, row in enumerate(layout(everyone, keys))}
    indicator_order = {indicator.id: position for position, indicator in enumerate(INDICATORS)}
    results.sort(key=lambda result: (order.get(result.unit, len(order)), indicator_order[result.indicator.id],
                                     result.period.year if result.period else 0))
    return Evaluation(results, skipped, thresholds), notices


# ---- the stock-flow identity ------------------------------------------------------------------------------

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


def survival(promotion: list[Fraction], repetition: list[Fraction]) -> list[Fraction]:
    """Survival to each grade of a reconstructed cohort with constant rates, repetition unlimited:
    SR_1 = 1, SR_k = Π_{g<k} p_g / (1 − r_g). Exact."""
    rates, survived = [Fraction(1)], Fraction(1)
    for p, r in zip(promotion, repetition):
        survived *= p / (1 - r) if r != 1 else 0
        rates.append(survived)
    return rates


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
