"""The township plan (请各乡镇认领): the county's returns needed, split among its units, beside each unit's own need
to meet the line alone. Two ways to share (`SHARE_BY`): every unit in proportion to the children it has lost (the
default), or only the units below the line, in proportion to their own gaps, none asked for more than its gap."""

from __future__ import annotations

from dataclasses import dataclass

from kongchuo_cli.i18n import listing
from kongchuo_cli.indicators.definitions import AT_LEAST, BY_ID, RATE, matching, naming_problem
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.model import FAIL, SHARE_BY
from kongchuo_cli.problems import KongchuoError, Message


def allocate(need: int, losses: list[int]) -> list[int]:
    """Shares proportional to `losses` by the largest-remainder method: whole children, summing to the need (or
    to everyone lost, when the need is larger), none above its own loss. Ties go to the larger loss, then the
    earlier unit."""
    lost = sum(losses)
    if need >= lost:
        return list(losses)
    quotas = [need * loss for loss in losses]  # each share is quota / lost, exactly
    shares = [quota // lost for quota in quotas]
    remainders = [quota % lost for quota in quotas]
    order = sorted(range(len(losses)), key=lambda unit: (-remainders[unit], -losses[unit], unit))
    for unit in order[:need - sum(shares)]:
        shares[unit] += 1  # a unit with a remainder has share < quota < its loss: +1 stays within it
    return shares


def lost_children(result: Result) -> int:
    """Children a unit has lost for an indicator: missing from an at-least rate, dropouts for an at-most one."""
    if result.indicator.kind == RATE and result.indicator.direction == AT_LEAST:
        return max(0, (result.denominator or 0) - result.numerator)
    return result.numerator


@dataclass(frozen=True)
class PlanRow:
    result: Result  # the unit's (or, for the county row, the total's) own result
    lost: int
    share: int


LOST, GAP = SHARE_BY  # every unit by the children it lost; only the units below the line, by their own gaps


def weight(result: Result, share_by: str) -> int:
    """What a unit's share is proportional to, and at most: the children it lost, or (GAP) its own need when it
    fails its line, never more than it lost."""
    lost = lost_children(result)
    if share_by == LOST:
        return lost
    return min(result.returns_needed or 0, lost) if result.status == FAIL else 0


def make_plan(evaluation: Judged, names: tuple[str, ...] = (), share_by: str = LOST) -> list[PlanRow]:
    """For each indicator asked for by id or name (default: every indicator the total fails), its units' shares,
    then the county row. Units are the top-level rows (townships with --by 乡镇)."""
    totals = {result.indicator.id: result for result in evaluation.results if result.is_total}
    if not totals:
        raise KongchuoError([Message("plan_needs_units")])
    chosen, problems = [], []
    for name in names:
        found = matching(name)
        problem = naming_problem(name, found) or (
            None if found[0].id in totals else Message("plan_indicator_absent", {
                "indicator": found[0].typed, "allowed": listing(BY_ID[each].typed for each in totals)}))
        if problem is not None:
            problems.append(problem)
        elif found[0].id not in chosen:
            chosen.append(found[0].id)
    if problems:
        raise KongchuoError(problems)
    chosen = chosen or [name for name, total in totals.items() if total.status == FAIL]
    rows = []
    for indicator_id in chosen:
        total = totals[indicator_id]
        units = [result for result in evaluation.results
                 if result.indicator.id == indicator_id and not result.is_total and result.level == 0]
        losses = [lost_children(result) for result in units]
        shares = allocate(total.returns_needed or 0, [weight(result, share_by) for result in units])
        rows.extend(PlanRow(result, loss, share) for result, loss, share in zip(units, losses, shares))
        rows.append(PlanRow(total, sum(losses), sum(shares)))
    return rows

