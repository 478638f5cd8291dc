"""The townships ranked on one indicator (调度排名), for the 通报: by the exact rate (a count by the count), the best
first; units equal on it share a rank and the next rank counts them all (1, 2, 2, 4); a unit whose rate is undefined
(no children in its base) is listed last without a rank. Townships are ranked, never officials."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from dataclasses import dataclass
from fractions import Fraction

from kongchuo_cli.indicators.definitions import AT_LEAST, RATE, Indicator
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.model import FAIL

# A rate over fewer children than this moves by more than 5 points with one child: it is shown as n/N beside it.
SMALL_BASE = 20


@dataclass(frozen=True)
class Ranked:
    result: Result
    rank: int | None  # None: the rate is undefined

    @property
    def small(self) -> bool:
        """A base so small that the rate is shown with its n/N."""
        result = self.result
        return result.indicator.kind == RATE and result.has_rate and result.denominator < SMALL_BASE


def ranked_indicators(judged: Judged) -> list[Indicator]:
    """The indicators a township or the county fails, in the order of the results."""
    current = [result for result in judged.results if result.current]
    return list(dict.fromkeys(result.indicator for result in current if result.status == FAIL))


def rank(judged: Judged, indicator: Indicator) -> list[Ranked]:
    """The top-level units' results on `indicator` in rank order (the total is not ranked)."""
    units = [result for result in judged.results if result.indicator is indicator and result.current
             and not result.is_total and result.level == 0]
    scored = [(result, _score(result)) for result in units]
    defined = sorted((pair for pair in scored if pair[1] is not None), key=lambda pair: pair[1])  # stable: ties
    scores = [score for _, score in defined]
    ranked = [Ranked(result, 1 + bisect_left(scores, score)) for result, score in defined]  # 1 + those better
    return ranked + [Ranked(result, None) for result, score in scored if score is None]


def worst(results: list[Result | None], count: int) -> list[int]:
    """The positions of the `count` results ranked last (the rate farthest on the wrong side), the last first; ties
    in their order; no result, or an undefined rate, never."""
    scored = ((score, position) for position, result in enumerate(results)
              if result is not None and (score := _score(result)) is not None)
    return [position for _, position in heapq.nsmallest(count, scored, key=lambda pair: (-pair[0], pair[1]))]


def _score(result: Result) -> Fraction | None:
    """Lower is better: the rate (or count) itself where lower is better, its negative where higher is."""
    if result.indicator.kind == RATE:
        if not result.has_rate:
            return None
        value = Fraction(result.numerator, result.denominator)
    else:
        value = Fraction(result.numerator)
    return -value if result.indicator.direction == AT_LEAST else value
