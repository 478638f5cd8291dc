"""Following cohorts through a grade table: the summary counts of each indicator for a cohort or a school year.

The conventions of `grades`: the row of year Y holds the stocks of autumn Y and the flows of the school year
Y−1 (by the grade the pupils were in). So a cohort that entered grade 1 in autumn Y0 (the 级 of Y0) is in grade g
in autumn Y0+g−1, and its movements while in grade g are in the rows (Y0+g, g).

Each derivation returns the counts under the summary table's column names, so that the indicators, lines,
returns needed and totals are exactly those of `kongchuo check` on a summary table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kongchuo_cli.i18n import listing
from kongchuo_cli.indicators.definitions import BY_ID, suspended_handling
from kongchuo_cli.model import Period
from kongchuo_cli.problems import Message
from kongchuo_cli.read.grades import GradeTable

LOSSES_LIANGJI = ("dropouts", "deaths", "transfers_out", "other_out")  # 两基: 退学+死亡+转出+其他减少 (休学 by setting)
GAINS_LIANGJI = ("transfers_in", "other_in")  # − (转入 + 其他增加)


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
    return (Message("note_movements_missing", {"years": listing(missing)}),) if missing else ()


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


def deriver(indicator_id: str, settings: dict[str, str]) -> Deriver:
    """The function that gives a unit's counts of this indicator for a cohort (or a school year), computed as the
    thresholds' settings for it say (a dropout rate's definition and 休学 handling)."""
    if indicator_id in COHORT_DERIVERS:
        return COHORT_DERIVERS[indicator_id]
    primary = indicator_id == "dropout_primary"
    return lambda table, unit, year: dropouts(table, unit, year, primary, settings["definition"],
                                              settings["suspended"])


def candidates(table: GradeTable, indicator_id: str) -> list[int]:
    """The cohorts (or years) worth trying, newest first."""
    years = table.years
    if not years:
        return []
    if indicator_id in COHORT_DERIVERS:
        return list(range(years[-1], years[0] - 10, -1))
    return list(range(years[-1], years[0] - 1, -1))


def usable(table: GradeTable, indicator_id: str, settings: dict[str, str]) -> bool:
    """Whether the table has what the indicator needs: a dropout rate needs 辍学 (or, for 两基, some flow)."""
    if not BY_ID[indicator_id].annual:
        return True
    if settings["definition"] == "dictionary":
        return "dropouts" in table.measures
    return bool(table.measures & {*LOSSES_LIANGJI, *GAINS_LIANGJI})


def periods(tables: list[GradeTable], indicator_id: str, settings: dict[str, str], by_cohort: bool = False
            ) -> list[tuple[int, list]]:
    """[(year, [(table, unit, Derived)])] newest first: the units' figures grouped by the school year they are
    judged in (so a 5-4 unit's primary cohort stands beside the 6-3 ones finishing the same year), or by cohort."""
    derive = deriver(indicator_id, settings)
    groups: dict[int, list] = {}
    for table in tables:
        if not usable(table, indicator_id, settings):
            continue
        for unit in range(len(table.units)):
            for start in candidates(table, indicator_id):
                derived = derive(table, unit, start)
                if derived is not None:
                    key = derived.period.cohort if by_cohort else derived.period.year
                    groups.setdefault(key, []).append((table, unit, derived))
    return sorted(groups.items(), key=lambda group: group[0], reverse=True)
