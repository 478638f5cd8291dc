"""`kongchuo explain`: what an indicator is, where its line comes from, and — for one unit of a data file — its
computation written out with its own numbers, so an official can check it by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from kongchuo_cli.i18n import listing
from kongchuo_cli.indicators.definitions import (
    AT_LEAST,
    BY_ID,
    RATE,
    Indicator,
    Terms,
    percent,
    spell,
    value,
)
from kongchuo_cli.judge.evaluate import Result
from kongchuo_cli.model import FAIL, NA, Unit
from kongchuo_cli.output.values import RECORD_DECIMALS, TOTAL_LABEL
from kongchuo_cli.policy.rules import Rule
from kongchuo_cli.policy.thresholds import Thresholds
from kongchuo_cli.problems import Message
from kongchuo_cli.read.vocabulary import BY_NAME

# The arithmetic of each operator, as docs/indicators.md writes it; a count is compared with the line itself.
RETURNS_RULES = {">=": "max(0, ⌈τ·D⌉ - N)", ">": "max(0, ⌊τ·D⌋ + 1 - N)", "<=": "max(0, X - ⌊τ·D⌋)",
                 "<": "max(0, X - (⌈τ·D⌉ - 1))"}
COUNT_RULES = {"==": "X", "<=": "max(0, X - v)", "<": "max(0, X - v + 1)"}


def exact(number: Fraction) -> str:
    """A fraction with a terminating decimal (every line is written in decimals) exactly, grouped: 1,795.2."""
    text = f"{Decimal(number.numerator) / Decimal(number.denominator):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe(indicator: Indicator, thresholds: Thresholds, lang: str) -> list[str]:
    """The indicator in general: names, formulas, columns, the active line and its source, the arithmetic."""
    line = thresholds.line(indicator.id)
    kind = Message(f"explain_{indicator.kind}_{indicator.direction}").render(lang)
    lines = [f"{indicator.zh}  {indicator.id}  ({indicator.en})", f"  {kind}"]
    if indicator.variants is not None:
        lines.append("  " + Message("explain_formulas", {"formula": line.formula}).render(lang))
        for formula in indicator.variants.values():
            mark = "*" if formula.id == line.formula else " "
            lines.append(f"  {mark} {formula.id:<19}{formula.spell(lang)}")
    else:
        options = [_quotient(option, indicator.denominator, lang) for option in indicator.numerator]
        lines.append("  " + Message("explain_formula", {"formula": options[0]}).render(lang))
        lines.extend("  " + Message("explain_formula_else", {"formula": option}).render(lang) for option in options[1:])
    required = [f"{BY_NAME[name].headers[0]} ({name})" for requirement in indicator.requires
                for name in requirement[0]]
    optional = [f"{BY_NAME[name].headers[0]} ({name})" for name in indicator.optional]
    lines.append("  " + Message("explain_columns", {"columns": listing(required)}).render(lang))
    if optional:
        lines.append("  " + Message("explain_optional", {"columns": listing(optional)}).render(lang))
    other = thresholds.line(indicator.stands_in_for) if indicator.stands_in_for else None
    if line.target is None and other is not None and other.target is not None:  # 三类 judged by the all-kinds line
        lines.append("  " + Message("explain_stand_in", {"other": BY_ID[indicator.stands_in_for].term,
                                                         "rule": other.target.text,
                                                         "source": other.source or Message("explain_no_source")}
                                    ).render(lang))
    elif line.target is None:
        lines.append("  " + Message("note_no_rule").render(lang))
    else:
        source = line.source or Message("explain_no_source").render(lang)
        lines.append("  " + Message("explain_line", {"rule": line.target.text, "source": source,
                                                     "thresholds": thresholds.name or thresholds.origin}).render(lang))
        if line.warn is not None:
            lines.append("  " + Message("explain_warn", {"rule": line.warn.text}).render(lang))
        if indicator.kind == RATE:
            move = "explain_move_up" if indicator.direction == AT_LEAST else "explain_move_down"
            arithmetic = {"rule": RETURNS_RULES[line.target.op], "tau": exact(line.target.value)}
        else:
            move, arithmetic = "explain_move_count", {"rule": COUNT_RULES[line.target.op],
                                                      "value": exact(line.target.value)}
        lines.append("  " + Message(move, arithmetic).render(lang))
    return lines


def _quotient(numerator: Terms, denominator: Terms | None, lang: str) -> str:
    if denominator is None:
        return spell(numerator, lang)
    return f"{spell(numerator, lang, True)} ÷ {spell(denominator, lang, True)}"


def _sum_of(terms: Terms, counts: dict[str, int], lang: str) -> str:
    """"一年级入学人数 + 转入人数 = 1,862 + 30 = 1,892" (just the value when there is one term)."""
    total = value(terms, counts)
    if len(terms) == 1:
        return f"{spell(terms, lang)} = {total:,}"
    numbers = f"{counts.get(terms[0][1], 0):,}" + "".join(f" {'+' if sign > 0 else '-'} {counts.get(column, 0):,}"
                                                          for sign, column in terms[1:])
    return f"{spell(terms, lang)} = {numbers} = {total:,}"


def computation(result: Result, counts: dict[str, int], where: str, lang: str) -> list[str]:
    """One unit's result written out step by step with its numbers, ending with the check that k returns reach
    the line and k − 1 do not."""
    indicator, line = result.indicator, result.line
    numerator_terms, denominator_terms = indicator.parts(counts, line.formula)
    numerator_terms = tuple(term for term in numerator_terms  # an optional column the data lack is no term
                            if term[1] in counts or term[1] not in indicator.optional)
    at_least = indicator.direction == AT_LEAST and indicator.kind == RATE
    n = "N" if at_least else "X"
    lines = [f"{where}:" if lang == "en" else f"{where}：", f"  {n} = {_sum_of(numerator_terms, counts, lang)}"]
    if denominator_terms is not None:
        lines.append(f"  D = {_sum_of(denominator_terms, counts, lang)}")
    if result.status == NA:
        return lines + ["  " + " ".join(note.render(lang) for note in result.notes)]
    base = result.denominator if indicator.kind == RATE else 1
    if indicator.kind == RATE:
        shown = percent(result.numerator, base, RECORD_DECIMALS)
        lines.append(f"  {n} ÷ D = {result.numerator:,} ÷ {base:,} = {shown}%")
    rule = line.target
    needed = result.returns_needed
    rounded = 0
    if indicator.kind == RATE:
        product = rule.value * base
        rounded = _rounded_for(rule, product)
        lines.append("  " + Message("explain_product", {"rule": rule.text, "tau": exact(rule.value), "base": f"{base:,}",
                                                        "product": exact(product), "rounded": f"{rounded:,}"}
                                    ).render(lang))
    notes = [f"  {note.render(lang)}" for note in result.notes]  # the same notes as check: warn gap, group…
    if result.status != FAIL:
        return lines + ["  " + Message("explain_met").render(lang)] + notes
    limit = f"{rounded:,}" if indicator.kind == RATE else exact(rule.value)
    count = f"{result.numerator:,}"
    calculation = {">=": f"{limit} - {count}", ">": f"{limit} + 1 - {count}", "<=": f"{count} - {limit}",
                   "<": f"{count} - ({limit} - 1)" if indicator.kind == RATE else f"{count} - {limit} + 1",
                   "==": f"{count} - 0"}[rule.op]
    lines.append("  " + Message("explain_needed", {"needed": needed, "calculation": calculation}).render(lang))
    after = result.numerator + needed if at_least else result.numerator - needed
    before = after - 1 if at_least else after + 1
    lines.append("  " + Message("explain_check", {
        "needed": needed, "after": _judged(after, base, indicator), "rule": rule.text,
        "fewer": needed - 1, "before": _judged(before, base, indicator)}).render(lang))
    return lines + notes


def _rounded_for(rule: Rule, product: Fraction) -> int:
    """⌈τ·D⌉ for >= and <, ⌊τ·D⌋ for >, <= and == (the rounding the arithmetic of the rule uses)."""
    floor = product.numerator // product.denominator
    return -(-product.numerator // product.denominator) if rule.op in (">=", "<") else floor


def _judged(numerator: int, base: int, indicator: Indicator) -> str:
    return f"{percent(numerator, base, RECORD_DECIMALS)}%" if indicator.kind == RATE else f"{numerator:,}"


def unit_counts(units: list[Unit], name: str) -> dict[str, int] | None:
    """The counts of a unit by name, or of the whole file (合计/Total): the sum of every unit's counts."""
    if name in TOTAL_NAMES:
        columns = {column for unit in units for column in unit.counts}
        return {column: sum(unit.counts.get(column, 0) for unit in units) for column in columns}
    matches = [unit for unit in units if unit.label == name]
    return dict(matches[0].counts) if matches else None


TOTAL_NAMES = (TOTAL_LABEL.zh, TOTAL_LABEL.en, TOTAL_LABEL.en.lower())
