"""Grade tables judged: each indicator for the latest cohort (or school year) the table completes, the counts of
each unit derived by `indicators.cohorts` and judged exactly as a summary table's; and the places where the
table does not add up, as warnings."""

from __future__ import annotations

from dataclasses import replace

from kongchuo_cli.i18n import listing
from kongchuo_cli.indicators.cohorts import COHORT_DERIVERS, Derived, periods
from kongchuo_cli.indicators.definitions import INDICATORS
from kongchuo_cli.indicators.flows import Gap, identity_gaps
from kongchuo_cli.judge.evaluate import Judged, evaluate, layout
from kongchuo_cli.model import GRADES, CountsTable, Unit
from kongchuo_cli.policy.thresholds import Thresholds
from kongchuo_cli.problems import KongchuoError, Message, Where
from kongchuo_cli.read.grades import GradeTable
from kongchuo_cli.read.vocabulary import normalize_header

MAX_LISTED_GAPS = 20  # identity gaps among the warnings; `kongchuo cohorts --view gaps` lists them all


def _counts_tables(found: list[tuple[GradeTable, int, Derived]]) -> list[CountsTable]:
    """The derived counts as tables of units (one per grade table), each unit with only the columns it could
    compute, the period they describe and what was assumed to derive them."""
    tables = []
    for table in {id(table): table for table, _, _ in found}.values():
        units = [Unit(table.units[unit].label, derived.counts, table.units[unit].where, table.units[unit].groups,
                      table.units[unit].label_key, derived.period, derived.notes)
                 for owner, unit, derived in found if owner is table]
        columns = frozenset(column for unit in units for column in unit.counts)
        tables.append(CountsTable(table.path, columns, units, grouping=table.grouping, reading=table.reading,
                                  kind=GRADES, sparse=True))
    return tables


def gap_notices(tables: list[GradeTable], listed: int | None = MAX_LISTED_GAPS) -> list[Message]:
    """Where each table does not add up (the first `listed` of each, or all), then how many more there are."""
    notices = []
    for table in tables:
        gaps = identity_gaps(table)
        shown = gaps if listed is None else gaps[:listed]
        notices.extend(gap_message(gap, table.path) for gap in shown)
        if len(gaps) > len(shown):
            notices.append(Message("gaps_more", {"count": len(gaps) - len(shown), "file": table.path}))
    return notices


def gap_message(gap: Gap, path: str) -> Message:
    return Message(f"gap_{gap.what}", {"unit": gap.unit, "year": gap.year, "grade": gap.grade,
                                       "expected": gap.expected, "found": gap.found, "gap": f"{gap.size:+d}"},
                   Where(path))


def evaluate_grades(tables: list[GradeTable], thresholds: Thresholds, by: tuple[str, ...] = (),
                    cohort: int | None = None, year: int | None = None, history: bool = False
                    ) -> tuple[Judged, list[Message]]:
    """(evaluation, notices): each indicator judged for the latest cohort (or school year) any unit completes,
    or `cohort`/`year`; with `history`, every cohort and year as well, shown but not gated."""
    results, skipped, notices = [], [], []
    for indicator in INDICATORS:
        annual = indicator.annual
        chosen = year if annual else cohort
        settings = thresholds.line(indicator.id).settings()
        found = (periods(tables, indicator.id, settings, by_cohort=chosen is not None and not annual)
                 if indicator.id in COHORT_DERIVERS or annual else [])
        if not found:
            skipped.append(indicator.id)
            continue
        current = found[0][0] if chosen is None else chosen
        if chosen is not None and all(start != chosen for start, _ in found):
            starts = listing(start for start, _ in sorted(found))
            notices.append(Message("period_absent" if annual else "cohort_absent",
                                   {"indicator": indicator.term, "year": chosen, "found": starts}))
            current = found[0][0]
        for start, units in found:
            if start == current or history:
                evaluation = evaluate(_counts_tables(units), thresholds, by)
                results.extend(replace(result, current=start == current) for result in evaluation.results)
    if not results:
        raise KongchuoError([Message("grades_nothing_complete", {"years": listing(
            sorted({year for table in tables for year in table.years}))})])
    everyone = [Unit(unit.label, {}, unit.where, unit.groups, unit.label_key) for table in tables for unit in table.units]
    keys = tuple(normalize_header(name) for name in by)
    order = {row.label: position for position, row in enumerate(layout(everyone, keys))}
    indicator_order = {indicator.id: position for position, indicator in enumerate(INDICATORS)}
    results.sort(key=lambda result: (order.get(result.unit, len(order)), indicator_order[result.indicator.id],
                                     result.period.year if result.period else 0))
    return Judged(results, skipped, thresholds), notices


