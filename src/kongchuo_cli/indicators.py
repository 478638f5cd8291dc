"""The indicators as data: names, the columns that feed them, their direction, and their exact ratio.

Every ratio is a pair of integers (numerator, denominator); a count indicator has no denominator. Each formula is
linear in the counts, so the ratio of summed counts is Σ numerators / Σ denominators, as aggregation requires.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kongchuo_cli.messages import Term

RATE, COUNT = "rate", "count"
AT_LEAST, AT_MOST = "at_least", "at_most"

Counts = Mapping[str, int]
Ratio = tuple[int, "int | None"]


def _movement(counts: Counts) -> tuple[int, int, int, int]:
    """转入, 转出, 死亡, 休学 of a cohort; an absent column counts as 0."""
    return tuple(counts.get(name, 0) for name in ("transfers_in", "transfers_out", "deaths", "suspended"))


def _raw(counts: Counts) -> Ratio:
    return counts["final_grade_enrolled"], counts["grade1_entrants"]


def _adjusted(counts: Counts) -> Ratio:
    transfers_in, transfers_out, deaths, suspended = _movement(counts)
    entrants = counts["grade1_entrants"]
    return counts["final_grade_enrolled"], entrants + transfers_in - transfers_out - deaths - suspended


def _numerator_adjusted(counts: Counts) -> Ratio:
    transfers_in, transfers_out, deaths, _ = _movement(counts)
    return counts["final_grade_enrolled"] - transfers_in + transfers_out, counts["grade1_entrants"] - deaths


@dataclass(frozen=True)
class Formula:
    id: str
    ratio: Callable[[Counts], Ratio]
    zh: str
    en: str


# 九年义务教育巩固率 variants (indicators.md §2); the choice can flip a verdict, so results always name it.
FORMULAS: dict[str, Formula] = {
    formula.id: formula
    for formula in (
        Formula("raw", _raw, "毕业班在校生数 ÷ 一年级入学人数", "final-grade stock ÷ grade-1 entrants"),
        Formula(
            "adjusted",
            _adjusted,
            "毕业班在校生数 ÷ (一年级入学人数 + 转入 - 转出 - 死亡 - 休学)",
            "final-grade stock ÷ (entrants + in - out - deaths - suspended)",
        ),
        Formula(
            "numerator_adjusted",
            _numerator_adjusted,
            "(毕业班在校生数 - 转入 + 转出) ÷ (一年级入学人数 - 死亡)",
            "(final-grade stock - in + out) ÷ (entrants - deaths)",
        ),
    )
}
DEFAULT_FORMULA = "adjusted"

DISABLED_PARTS = ("disabled_regular_class", "disabled_special_school", "disabled_home_delivery")


def _disabled_enrolled(counts: Counts) -> int:
    """入学 includes 随班就读 + 特教学校 + 送教上门; the parts are summed when the total column is absent."""
    if "disabled_enrolled" in counts:
        return counts["disabled_enrolled"]
    return sum(counts.get(part, 0) for part in DISABLED_PARTS)


def _pair(numerator: str, denominator: str) -> Callable[[Counts, str], Ratio]:
    return lambda counts, _formula: (counts[numerator], counts[denominator])


# A requirement is met by any one of its options; an option needs all of its columns.
Requirement = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    kind: str  # RATE or COUNT
    direction: str  # AT_LEAST: higher is better; AT_MOST: lower is better
    requires: tuple[Requirement, ...]
    optional: tuple[str, ...]
    decimals: int  # display precision of the rate, as national releases print it
    ratio: Callable[[Counts, str], Ratio]

    @property
    def term(self) -> Term:
        return Term(self.zh, self.en)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(name for requirement in self.requires for option in requirement for name in option) + self.optional

    def missing_columns(self, present: set[str]) -> tuple[str, ...]:
        """The columns that would complete the requirements not met, from the option closest to complete."""
        missing: list[str] = []
        for requirement in self.requires:
            if not any(present.issuperset(option) for option in requirement):
                closest = max(requirement, key=lambda option: len(present.intersection(option)))
                missing.extend(name for name in closest if name not in present)
        return tuple(missing)


def _single(*names: str) -> tuple[Requirement, ...]:
    return tuple(((name,),) for name in names)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "consolidation_9y", "九年义务教育巩固率", "nine-year consolidation rate", RATE, AT_LEAST,
        _single("grade1_entrants", "final_grade_enrolled"), ("transfers_in", "transfers_out", "deaths", "suspended"),
        1, lambda counts, formula: FORMULAS[formula].ratio(counts),
    ),
    Indicator(
        "dropout_primary", "小学辍学率", "primary dropout rate", RATE, AT_MOST,
        _single("primary_dropouts", "primary_enrolled_start"), (), 2,
        _pair("primary_dropouts", "primary_enrolled_start"),
    ),
    Indicator(
        "dropout_junior", "初中辍学率", "junior dropout rate", RATE, AT_MOST,
        _single("junior_dropouts", "junior_enrolled_start"), (), 2,
        _pair("junior_dropouts", "junior_enrolled_start"),
    ),
    Indicator(
        "enrollment_primary_net", "小学适龄儿童入学率", "primary net enrolment rate", RATE, AT_LEAST,
        _single("primary_age_enrolled", "primary_age_population"), (), 2,
        _pair("primary_age_enrolled", "primary_age_population"),
    ),
    Indicator(
        "enrollment_junior_gross", "初中阶段毛入学率", "junior gross enrolment rate", RATE, AT_LEAST,
        _single("junior_enrolled", "junior_age_population"), (), 1,
        _pair("junior_enrolled", "junior_age_population"),
    ),
    Indicator(
        "enrollment_disabled", "三类残疾儿童少年入学率", "disabled-children enrolment rate", RATE, AT_LEAST,
        ((("disabled_children",),), (("disabled_enrolled",), DISABLED_PARTS)), (), 1,
        lambda counts, _formula: (_disabled_enrolled(counts), counts["disabled_children"]),
    ),
    Indicator(
        "poverty_dropouts", "脱贫家庭辍学人数", "dropouts from poverty-relief families", COUNT, AT_MOST,
        _single("poverty_dropouts"), (), 0,
        lambda counts, _formula: (counts["poverty_dropouts"], None),
    ),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}
