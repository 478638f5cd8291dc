"""The indicators as data: names, the columns that feed them, their direction, and their exact ratio.

A numerator or denominator is a signed sum of columns (`Terms`): the same data computes the ratio, spells the
formula in either language, and writes out a computation step by step (`kongchuo explain`). Every ratio is a
pair of integers; a count indicator has no denominator. Each formula is linear in the counts, so aggregation
is Σ numerators / Σ denominators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from kongchuo_cli.i18n import Term, listing
from kongchuo_cli.problems import KongchuoError, Message
from kongchuo_cli.read.vocabulary import (  # the columns the formulas sum
    BY_NAME,
    DISABLED_ALL_PARTS,
    DISABLED_PARTS,
)

RATE, COUNT = "rate", "count"
AT_LEAST, AT_MOST = "at_least", "at_most"

Counts = Mapping[str, int]
Ratio = tuple[int, "int | None"]
Terms = tuple[tuple[int, str], ...]  # a signed sum of columns: ((+1, "grade1_entrants"), (-1, "deaths"))


def terms(*columns: str) -> Terms:
    """terms("grade1_entrants", "+transfers_in", "-deaths"): the first term is added."""
    return tuple((-1, column[1:]) if column.startswith("-") else (1, column.lstrip("+")) for column in columns)


def value(of: Terms, counts: Counts) -> int:
    """The sum of the terms; an absent (optional) column counts as 0."""
    total = 0
    for sign, column in of:  # a plain loop: this runs for every unit and indicator
        total += sign * counts.get(column, 0)
    return total


def spell(of: Terms, lang: str, bracket: bool = False) -> str:
    """The terms in words: 一年级入学人数 + 转入人数 - 死亡人数 (bracketed when a part of a quotient)."""
    words = [BY_NAME[column].headers[0] if lang == "zh" else column for _, column in of]
    text = words[0] + "".join(f" {'+' if sign > 0 else '-'} {word}" for (sign, _), word in zip(of[1:], words[1:]))
    return f"({text})" if bracket and len(of) > 1 else text


@dataclass(frozen=True)
class Formula:
    id: str
    numerator: Terms
    denominator: Terms

    def spell(self, lang: str) -> str:
        return f"{spell(self.numerator, lang, True)} ÷ {spell(self.denominator, lang, True)}"


# 九年义务教育巩固率 variants (docs/indicators.md); the choice can flip a verdict, so results always name it.
FORMULAS: dict[str, Formula] = {
    formula.id: formula
    for formula in (
        Formula("raw", terms("final_grade_enrolled"), terms("grade1_entrants")),
        Formula("adjusted", terms("final_grade_enrolled"),
                terms("grade1_entrants", "+transfers_in", "-transfers_out", "-deaths", "-suspended")),
        Formula("numerator_adjusted", terms("final_grade_enrolled", "-transfers_in", "+transfers_out"),
                terms("grade1_entrants", "-deaths")),
    )
}
DEFAULT_FORMULA = "adjusted"

# A requirement is met by any one of its options; an option needs all of its columns.
Requirement = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, eq=False)  # one object per indicator (INDICATORS): compared and hashed as itself, which is
class Indicator:                   # what is meant and fast (results are grouped by their indicator)
    id: str
    zh: str
    en: str
    kind: str  # RATE or COUNT
    direction: str  # AT_LEAST: higher is better; AT_MOST: lower is better
    requires: tuple[Requirement, ...]
    optional: tuple[str, ...]
    decimals: int  # display precision of the rate, as national releases print it
    numerator: tuple[Terms, ...] = ()  # alternatives: the first whose columns are there (optional ones aside)
    denominator: Terms | None = None  # None: a count
    variants: dict[str, Formula] | None = field(default=None, compare=False)  # formulas chosen by the thresholds'
    #   `formula` setting; None: the numerator and denominator above
    annual: bool = False  # from grade tables, a rate of one school year (not of a cohort)
    option_notes: tuple[str | None, ...] = ()  # per numerator alternative: what a result computed by it says
    stands_in_for: str | None = None  # judged by that indicator's line when the data cannot give it (and said so)
    remarks: tuple[tuple[str, str], ...] = ()  # (column, note): a count shown beside the rate when not 0
    short: tuple[str, str] = ("", "")  # (zh, en): a column header's name, also accepted wherever the id is

    def variant(self, formula: str) -> Formula | None:
        """The formula a thresholds `formula` chooses, for an indicator with variants."""
        return None if self.variants is None else self.variants[formula]

    def option(self, counts: Counts) -> int:
        """Which numerator alternative these counts use: the first whose columns are all present (optional
        columns aside), else the last."""
        for position, option in enumerate(self.numerator):
            if all(column in counts or column in self.optional for _, column in option):
                return position
        return len(self.numerator) - 1

    def parts(self, counts: Counts, formula: str) -> tuple[Terms, Terms | None]:
        """The numerator's and denominator's terms for these counts (and this choice of formula)."""
        if self.variants is not None:
            chosen = self.variants[formula]
            return chosen.numerator, chosen.denominator
        if len(self.numerator) == 1:
            return self.numerator[0], self.denominator
        return self.numerator[self.option(counts)], self.denominator

    def option_note(self, counts: Counts) -> str | None:
        """The catalogue code of what the alternative these counts use says, if it says anything."""
        if not self.option_notes:
            return None
        return self.option_notes[self.option(counts)]

    def ratio(self, counts: Counts, formula: str) -> Ratio:
        numerator, denominator = self.parts(counts, formula)
        return value(numerator, counts), None if denominator is None else value(denominator, counts)

    @cached_property  # one Term per indicator: read for every result shown
    def term(self) -> Term:
        return Term(self.zh, self.en)

    @cached_property  # one Term per indicator: read for every result shown
    def short_term(self) -> Term:
        return Term(*self.short)

    @cached_property  # one Term per indicator: read for every result shown
    def typed(self) -> Term:
        """The indicator as a message names what a user may type: its Chinese name, or its id in English."""
        return Term(self.zh, self.id)

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
    Indicator("consolidation_9y", "九年义务教育巩固率", "nine-year consolidation rate", RATE, AT_LEAST,
              _single("grade1_entrants", "final_grade_enrolled"),
              ("transfers_in", "transfers_out", "deaths", "suspended"), 1, variants=FORMULAS,
              short=("九年巩固率", "9-year consolidation")),
    Indicator("consolidation_junior_3y", "初中三年巩固率", "three-year junior consolidation rate", RATE, AT_LEAST,
              _single("junior_graduates", "junior_entrants"),
              ("junior_transfers_in", "junior_transfers_out", "junior_deaths"), 1,
              (terms("junior_graduates"),),
              terms("junior_entrants", "+junior_transfers_in", "-junior_transfers_out", "-junior_deaths"),
              short=("初中三年巩固率", "junior 3-year consolidation")),
    Indicator("consolidation_primary", "小学巩固率", "primary consolidation rate", RATE, AT_LEAST,
              _single("primary_graduates", "primary_entrants"), ("primary_transfers_in", "primary_transfers_out"), 1,
              (terms("primary_graduates"),),
              terms("primary_entrants", "+primary_transfers_in", "-primary_transfers_out"),
              short=("小学巩固率", "primary consolidation")),
    Indicator("dropout_primary", "小学辍学率", "primary dropout rate", RATE, AT_MOST,
              _single("primary_dropouts", "primary_enrolled_start"), (), 2,
              (terms("primary_dropouts"),), terms("primary_enrolled_start"), annual=True,
              short=("小学辍学率", "primary dropout")),
    Indicator("dropout_junior", "初中辍学率", "junior dropout rate", RATE, AT_MOST,
              _single("junior_dropouts", "junior_enrolled_start"), (), 2,
              (terms("junior_dropouts"),), terms("junior_enrolled_start"), annual=True,
              short=("初中辍学率", "junior dropout")),
    Indicator("enrollment_primary_net", "小学适龄儿童入学率", "primary net enrolment rate", RATE, AT_LEAST,
              _single("primary_age_enrolled", "primary_age_population"), (), 2,
              (terms("primary_age_enrolled"),), terms("primary_age_population"),
              short=("小学入学率", "primary enrolment")),
    # youths of junior-school age (12–14) in junior school or above ÷ youths of that age: the 两基 line's indicator
    Indicator("enrollment_junior_age", "初中阶段适龄少年入学率", "junior age-specific enrolment rate", RATE, AT_LEAST,
              _single("junior_age_enrolled", "junior_age_population"), (), 2,
              (terms("junior_age_enrolled"),), terms("junior_age_population"),
              short=("初中适龄入学率", "junior age enrolment")),
    # any age ÷ the population of that age (above 100 % where older pupils are enrolled)
    Indicator("enrollment_junior_gross", "初中阶段毛入学率", "junior gross enrolment rate", RATE, AT_LEAST,
              _single("junior_enrolled", "junior_age_population"), (), 1,
              (terms("junior_enrolled"),), terms("junior_age_population"),
              short=("初中毛入学率", "junior gross enrolment")),
    # 入学 = 随班就读 + 特教学校 + 送教上门 + 其他形式: the parts are summed when the total column is absent;
    # 延缓入学 stays in the base. Lines for every kind of disability judge 三类 data only when said (stands_in_for).
    Indicator("enrollment_disabled", "三类残疾儿童少年入学率", "disabled-children enrolment rate", RATE, AT_LEAST,
              ((("disabled_children",),), (("disabled_enrolled",), DISABLED_PARTS)),
              ("disabled_other", "disabled_deferred"), 1,
              (terms("disabled_enrolled"), terms(*DISABLED_PARTS, "disabled_other")), terms("disabled_children"),
              option_notes=(None, "note_enrolled_from_parts"), stands_in_for="enrollment_disabled_all",
              remarks=(("disabled_deferred", "note_deferred"),), short=("三类残疾入学率", "disabled (3 kinds)")),
    Indicator("enrollment_disabled_all", "适龄残疾儿童少年义务教育入学率", "enrolment rate of all disabled children",
              RATE, AT_LEAST,
              ((("disabled_all_children",),), (("disabled_all_enrolled",), DISABLED_ALL_PARTS)),
              ("disabled_all_other", "disabled_all_deferred"), 1,
              (terms("disabled_all_enrolled"), terms(*DISABLED_ALL_PARTS, "disabled_all_other")),
              terms("disabled_all_children"), option_notes=(None, "note_enrolled_from_parts"),
              remarks=(("disabled_all_deferred", "note_deferred"),), short=("残疾儿童入学率", "disabled (all kinds)")),
    # 义务教育有保障 (不失学辍学): 失学 + 辍学; a file with 辍学 alone is judged on it, and says 失学 is not in it
    Indicator("poverty_dropouts", "脱贫家庭失学辍学人数", "children of poverty-relief families out of school", COUNT,
              AT_MOST, ((("poverty_out_of_school",), ("poverty_never_enrolled", "poverty_dropouts"),
                         ("poverty_dropouts",)),), (), 0,
              (terms("poverty_out_of_school"), terms("poverty_never_enrolled", "poverty_dropouts"),
               terms("poverty_dropouts")), option_notes=(None, None, "note_dropouts_only"),
               short=("脱贫家庭失学辍学", "poverty families out")),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}


def _plain(name: str) -> str:
    return "".join(name.split()).replace("\u3000", "").lower()


def matching(name: str) -> list[Indicator]:
    """The indicators a name can mean: the one whose id, full or short name (Chinese or English, spaces and case
    aside) it is; else every one whose name contains it (巩固率: three of them). Empty: none."""
    wanted = _plain(name)
    if not wanted:
        return []
    exact = [indicator for indicator in INDICATORS
             if wanted in map(_plain, (indicator.id, indicator.zh, indicator.en, *indicator.short))]
    return exact or [indicator for indicator in INDICATORS
                     if any(wanted in _plain(text) for text in (indicator.zh, indicator.en, *indicator.short))]
# Columns more than one indicator reads (初中适龄人口数: the base of the age-specific and the gross rate)
SHARED_COLUMNS = frozenset(column for column in {name for indicator in INDICATORS for name in indicator.columns}
                           if sum(column in indicator.columns for indicator in INDICATORS) > 1)


def naming_problem(name: str, found: list[Indicator]) -> Message | None:
    """What is wrong with a name that does not mean exactly one indicator: unknown (the indicators listed), or
    ambiguous (the candidates listed)."""
    if len(found) == 1:
        return None
    if found:
        return Message("indicator_ambiguous", {"name": name, "candidates": listing(each.term for each in found)})
    return Message("indicator_unknown", {"name": name, "allowed": listing(each.typed for each in INDICATORS)})


def resolve(name: str) -> Indicator:
    """The indicator a name means (see `matching`); KongchuoError when it means none, or several."""
    found = matching(name)
    problem = naming_problem(name, found)
    if problem is not None:
        raise KongchuoError([problem])
    return found[0]


# How a rate is computed where sources differ: one entry per thresholds key (docs/indicators.md). Every unit of a
# run uses the same choice, or the total would add ratios of different kinds.
VARIANTS = tuple(indicator.id for indicator in INDICATORS if indicator.variants)
DROPOUTS = tuple(indicator.id for indicator in INDICATORS if indicator.annual)


@dataclass(frozen=True)
class Setting:
    key: str
    indicators: tuple[str, ...]
    choices: tuple[str, ...]
    default: str


SETTINGS: tuple[Setting, ...] = (
    Setting("formula", VARIANTS, tuple(FORMULAS), DEFAULT_FORMULA),
    # from grade tables: 辍学 alone (中小学教育词典), or the 两基 net loss (休学+退学+死亡+转出+其他减少 − 转入 − 其他增加)
    Setting("definition", DROPOUTS, ("dictionary", "liangji"), "dictionary"),
    # 休学: a loss, out of the base, or still enrolled; "" = as the definition's source does (两基 a loss, else retained)
    Setting("suspended", DROPOUTS, ("loss", "base", "retained"), ""),
)
SETTING_BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SETTINGS}


def suspended_handling(definition: str, suspended: str) -> str:
    return suspended or ("loss" if definition == "liangji" else "retained")



def percent(numerator: int, denominator: int, decimals: int) -> str:
    """numerator/denominator × 100, rounded half up (as national releases round) to `decimals` places, on integers."""
    scaled = abs(numerator) * 100 * 10**decimals
    rounded = (2 * scaled + denominator) // (2 * denominator)
    whole, fraction = divmod(rounded, 10**decimals)
    sign = "-" if numerator < 0 and rounded else ""
    return f"{sign}{whole}.{fraction:0{decimals}d}" if decimals else f"{sign}{whole}"
