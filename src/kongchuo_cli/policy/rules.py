"""A line such as ">= 96%": parsed exactly, tested exactly, and the returns needed to make it hold.

A rate rule's value is a fraction of 1 (96% → 24/25); a count rule's value is the count itself, and a count is
judged as a rate over a denominator of 1, so one piece of arithmetic serves both.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from kongchuo_cli.indicators.definitions import AT_LEAST, AT_MOST, COUNT, Indicator

_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}
_RULE = re.compile(r"^\s*(>=|<=|==|≥|≤|>|<)\s*(\d{1,12}(?:\.\d{1,12})?)\s*(%?)\s*$")  # no line has more digits
_SYMBOLS = {"≥": ">=", "≤": "<="}


class RuleError(ValueError):
    """A rule that cannot be used; `code` and `params` name the message (see i18n.py)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Rule:
    op: str
    value: Fraction  # a fraction of 1 for a percentage
    percent: bool
    text: str  # as the user wrote it, for display

    @cached_property
    def _test(self) -> tuple[Callable[[int, int], bool], int, int]:
        """(comparison, the value's numerator, its denominator): read once, used for every unit."""
        return _COMPARE[self.op], self.value.numerator, self.value.denominator

    def holds(self, numerator: int, denominator: int = 1) -> bool:
        """Whether numerator/denominator satisfies the rule, compared exactly (denominator > 0)."""
        compare, value_numerator, value_denominator = self._test
        return compare(numerator * value_denominator, value_numerator * denominator)

    def returns_needed(self, numerator: int, denominator: int = 1) -> int:
        """The fewest children whose return makes the rule hold (docs/indicators.md).

        A return adds 1 to the numerator of an at-least rule and takes 1 dropout off an at-most rule; the
        denominator does not move.
        """
        product = self.value.numerator * denominator
        floor = product // self.value.denominator
        ceil = -(-product // self.value.denominator)
        needed = {
            ">=": ceil - numerator,
            ">": floor + 1 - numerator,
            "<=": numerator - floor,
            "==": numerator - floor,  # only "== 0" on counts is accepted, where it means "<= 0"
            "<": numerator - (ceil - 1),
        }[self.op]
        return max(0, needed)

    @property
    def direction(self) -> str:
        return AT_LEAST if self.op in (">=", ">") else AT_MOST

    def is_within(self, outer: Rule) -> bool:
        """Whether every value this rule admits, `outer` admits too (a warn line must be inside its target)."""
        if self.direction != outer.direction:
            return False
        if self.direction == AT_LEAST:
            return self.value > outer.value or (self.value == outer.value and (self.op == ">" or outer.op == ">="))
        return self.value < outer.value or (self.value == outer.value and (self.op == "<" or outer.op != "<"))


def parse_rule(text: str, indicator: Indicator) -> Rule:
    """Read `OP NUMBER[%]` for an indicator, exactly (never through float); RuleError says what is wrong."""
    match = _RULE.match(str(text))
    if not match:
        raise RuleError("rule_syntax", text=text)
    op, number, percent = match.groups()
    op = _SYMBOLS.get(op, op)
    value = Fraction(number)
    if op == "<" and value == 0:  # no count or rate is below 0: every unit would fail, whatever it did
        raise RuleError("rule_impossible", text=text)
    if indicator.kind == COUNT:
        if percent:
            raise RuleError("rule_percent_on_count", text=text)
        if op == "==" and value != 0:
            raise RuleError("rule_count_equals", text=text)
        if op in (">=", ">"):
            raise RuleError("rule_count_direction", text=text)
        return Rule(op, value, False, str(text).strip())
    if not percent:
        raise RuleError("rule_percent_missing", text=text)
    if op == "==":
        raise RuleError("rule_rate_equals", text=text)
    if indicator.direction == AT_LEAST and op not in (">=", ">"):
        raise RuleError("rule_direction_at_least", text=text)
    if indicator.direction == AT_MOST and op not in ("<=", "<"):
        raise RuleError("rule_direction_at_most", text=text)
    return Rule(op, value / 100, True, str(text).strip())
