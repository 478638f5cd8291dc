"""How one result's values are shown wherever they appear: the rate at its published precision (never rounded
onto a line it misses), the total's label, the notes, the period, and the status marks. Only display rounds."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from kongchuo_cli.i18n import Term, render_value, term
from kongchuo_cli.indicators.definitions import BY_ID, Indicator, percent, suspended_handling
from kongchuo_cli.judge.evaluate import Result
from kongchuo_cli.model import FAIL, NA, PASS, STATUSES, WARN
from kongchuo_cli.output.sheet import HEADING, Cell, Look, Sheet, made_on, rule_shown
from kongchuo_cli.policy.thresholds import BUILT_IN, Line, Thresholds
from kongchuo_cli.problems import Message

RECORD_DECIMALS = 4  # the record's `rate`: percent rounded to 4 decimals
# Marks of Chinese paper forms, and all in GBK (--output-encoding gbk): √ pass, ! warn, × fail
STATUS_STYLES = {PASS: ("√", "green"), WARN: ("!", "yellow"), FAIL: ("×", "bold red"), NA: ("—", "dim")}
TOTAL_LABEL = term("term_total")


def display_rate(result: Result) -> str:
    """The rate at the indicator's usual precision, with more digits where rounding would make it look equal to
    a line it does not equal (95.96% shown as 96.0% beside a failed ">= 96%" would mislead)."""
    if not result.has_rate:
        return "—"
    numerator, denominator = result.numerator, result.denominator
    lines = [rule.value for rule in (result.line.target, result.line.warn) if rule is not None]
    decimals = result.indicator.decimals
    shown = percent(numerator, denominator, decimals)
    while decimals < 8 and any(shown == _line_percent(line.numerator, line.denominator, decimals)
                               and numerator * line.denominator != line.numerator * denominator for line in lines):
        decimals += 1
        shown = percent(numerator, denominator, decimals)
    return f"{shown}%"


_line_percent = lru_cache(maxsize=256)(percent)  # a line's percent, reused for every unit


def unit_label(result: Result, lang: str) -> str:
    return TOTAL_LABEL.render(lang) if result.unit is None else result.unit


def note_text(result: Result, lang: str) -> str | None:
    if not result.notes:
        return None
    return ("" if lang == "zh" else " ").join(note_rendered(note, lang) for note in result.notes)  # each a sentence


def note_rendered(note: Message, lang: str) -> str:
    """A note in words; most repeat from row to row (the same stand-in, the same zero base): each is written once."""
    try:
        return _rendered(note.code, tuple(note.params.items()), note.where, lang)
    except TypeError:  # a value that cannot be a key (a list of sentences): written as it is
        return note.render(lang)


@lru_cache(maxsize=4096)
def _rendered(code: str, params: tuple[tuple[str, object], ...], where: object, lang: str) -> str:
    return Message(code, dict(params), where).render(lang)


def period_text(result: Result, lang: str) -> str:
    """2012级→2020 (a cohort, and the school year it is judged in) or 2019学年 (an annual rate)."""
    period = result.period
    if period is None:
        return ""
    if result.indicator.annual:
        return f"{period.year}学年" if lang == "zh" else f"{period.year}-{(period.year + 1) % 100:02d}"
    cohort = "" if period.cohort is None else period.cohort  # cohorts of 6-3 and 5-4 units finishing together
    return f"{cohort}级→{period.year}" if lang == "zh" and cohort else f"{cohort}→{period.year}"


def setting_words(indicator: Indicator, line: Line) -> Term | None:
    """An indicator's settings in words (调整口径; 两基口径，休学计为流失), if it has any: the machine values stay in
    the thresholds file and the record's `formula`, for programs."""
    if indicator.variants is not None:
        return term(f"term_formula_{line.formula}")
    if indicator.annual:
        definition = term(f"term_definition_{line.definition}")
        suspended = term(f"term_suspended_{suspended_handling(line.definition, line.suspended)}")
        return Term(f"{definition.zh}，{suspended.zh}", f"{definition.en}, {suspended.en}")
    return None


def formula_words(result: Result) -> Term | None:
    """How a result's rate was computed, in words, where the record names a formula."""
    return setting_words(result.indicator, result.line) if result.formula is not None else None


def thresholds_named(thresholds: Thresholds) -> object:
    """Where the lines come from: 内置 / built-in, or the file's path."""
    return term("term_built_in") if thresholds.origin == BUILT_IN else thresholds.origin


UNITS_NEED_NOTES = ("note_units_need", "note_units_need_more", "note_units_need_met")  # the parts' own needs


def status_counts(results: list[Result]) -> dict[str, int]:
    counted = Counter(result.status for result in results)  # one pass, not one per status
    return {status: counted[status] for status in STATUSES}


LINE_HEADERS = (Term("指标代码", "indicator"), Term("指标", "name"), Term("标准", "target"), Term("预警线", "warn"),
                Term("算法", "formula"), Term("来源", "source"), Term("适用单位", "applies to"))
LINE_WIDTHS = (12, 24, 9, 9, 16, 60, 12)  # characters; the source wraps
SOURCE = 5


def lines_sheet(thresholds: Thresholds, lang: str) -> Sheet:
    """标准 / Lines: which profile or file, and one row per line (the file's, then each kind of unit's); in Chinese
    without the ids, settings in words."""
    shown = [index for index in range(len(LINE_HEADERS)) if lang == "en" or index != 0]  # the id is for programs
    rows = []
    kinds = [("", thresholds.lines)] + [(group.name, group.lines) for group in thresholds.groups]
    for kind, lines in kinds:
        for indicator_id, line in lines.items():
            indicator = BY_ID[indicator_id]
            setting = setting_words(indicator, line)
            values = [indicator_id, indicator.term.render(lang), rule_shown(line.target.text if line.target else None),
                      rule_shown(line.warn.text) if line.warn else "", setting.render(lang) if setting else "",
                      line.source or "", kind]
            rows.append([Cell(values[index], Look(wrap=index == SOURCE)) for index in shown])
    origin = render_value(thresholds_named(thresholds), lang)
    return Sheet(term("book_lines").render(lang), thresholds.name or "", [f"{origin}　{made_on(lang)}"],
                 [[Cell(LINE_HEADERS[index].render(lang), HEADING) for index in shown]], rows,
                 widths=[LINE_WIDTHS[index] for index in shown])
