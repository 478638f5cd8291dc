"""The township plan (请各乡镇认领): the county's returns needed, split among its units in proportion to the
children each has lost, beside each unit's own need to meet the line alone."""

from __future__ import annotations

from dataclasses import dataclass

from kongchuo_cli.i18n import listing
from kongchuo_cli.indicators.definitions import AT_LEAST, BY_ID, RATE
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.model import FAIL
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


def make_plan(evaluation: Judged, indicator_ids: tuple[str, ...] = ()) -> list[PlanRow]:
    """For each indicator asked for (default: every indicator the total fails), its units' shares, then the
    county row. Units are the top-level rows (townships with --by 乡镇)."""
    totals = {result.indicator.id: result for result in evaluation.results if result.is_total}
    if not totals:
        raise KongchuoError([Message("plan_needs_units")])
    unknown = [indicator_id for indicator_id in indicator_ids if indicator_id not in totals]
    if unknown:
        problems = [Message("plan_indicator_absent" if name in BY_ID else "plan_indicator_unknown",
                            {"indicator": name, "allowed": listing(totals)}) for name in unknown]
        raise KongchuoError(problems)
    chosen = indicator_ids or tuple(name for name, total in totals.items() if total.status == FAIL)
    rows = []
    for indicator_id in chosen:
        total = totals[indicator_id]
        units = [result for result in evaluation.results
                 if result.indicator.id == indicator_id and not result.is_total and result.level == 0]
        losses = [lost_children(result) for result in units]
        shares = allocate(total.returns_needed or 0, losses)
        rows.extend(PlanRow(result, loss, share) for result, loss, share in zip(units, losses, shares))
        rows.append(PlanRow(total, sum(losses), sum(shares)))
    return rows
