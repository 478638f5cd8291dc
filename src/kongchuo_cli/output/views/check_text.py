"""What `kongchuo check` says to a person in text: the long table (a row per unit and indicator) or the compact one
(a row per unit, a column per indicator), whichever fits; the footer (which formula, which sources); the summary
lines; and the one line for a CI log."""

from __future__ import annotations

from collections import Counter

from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.indicators.definitions import BY_ID, RATE
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.judge.gate import gated
from kongchuo_cli.model import FAIL, NA, PASS, WARN
from kongchuo_cli.output.report import STATUS_LABELS
from kongchuo_cli.output.text import Column, draw, fits, may_fit
from kongchuo_cli.output.values import (
    STATUS_STYLES,
    TOTAL_LABEL,
    UNITS_NEED_NOTES,
    display_rate,
    formula_words,
    note_rendered,
    note_text,
    period_text,
    status_counts,
    thresholds_named,
    unit_label,
)
from kongchuo_cli.problems import Message

LONG, COMPACT = "long", "compact"
VIEWS = (LONG, COMPACT)
SUMMARY_LISTED_NEEDS = 10  # beyond this the summary line names how many more

TABLE_COLUMNS = (
    Column(Term("单位", "Unit"), key=True), Column(Term("指标", "Indicator"), key=True),
    Column(Term("分子", "Num."), right=True), Column(Term("分母", "Denom."), right=True),
    Column(Term("比率", "Rate"), right=True), Column(Term("标准", "Line")), Column(Term("结果", "Status")),
    Column(Term("需劝返", "Returns"), right=True),
)
RATE_COLUMN = 4  # the one column of TABLE_COLUMNS measured only by laying the rows out (display_rate)
NOTE_COLUMN = Column(Term("说明", "Note"), wraps=True)
PERIOD_COLUMN = Column(Term("届/学年", "Cohort/year"))
UNIT_COLUMN = TABLE_COLUMNS[0]


def to_table(evaluation: Judged, lang: str, gate: str, color: bool = False, width: int | None = None,
             view: str | None = None) -> str:
    """The table a person reads, then the footer and the summary: the long view when asked for or when it fits
    the width, else the compact one."""
    title = Message("table_title", {"name": evaluation.thresholds.name or "—",
                                    "origin": thresholds_named(evaluation.thresholds)}).render(lang)
    footer = _footer(evaluation, lang) + [""] + summary_lines(evaluation, lang, gate)
    if view == LONG or (view is None and _long_may_fit(evaluation, lang, width)):
        columns, sections = _long(evaluation, lang)
        headers = [column.header.render(lang) for column in columns]
        if view == LONG or fits(columns, headers, sections, width):
            return draw(title, columns, headers, sections, width, color, footer=footer)
    columns, headers, sections = _compact(evaluation, lang)
    below = _needs(evaluation, lang) + _notes(evaluation, lang) + [Message("compact_more").render(lang), ""]
    return draw(title, columns, headers, sections, width, color, footer=below + footer)


def _long_may_fit(evaluation: Judged, lang: str, width: int | None) -> bool:
    """Whether the long view could fit, judged from the columns measured without laying it out (the unit, the
    indicator, the counts, the line, the status and the need): 5,000 schools make 40,000 rows of it."""
    results = evaluation.results
    texts = [{"  " * result.level + unit_label(result, lang) for result in results},
             {result.indicator.term.render(lang) for result in results},
             {f"{number:,}" for number in {result.numerator for result in results}},
             {f"{number:,}" for number in {result.denominator for result in results} if number is not None},
             {result.line.target.text if result.line.target else "—" for result in results},
             {f"{STATUS_STYLES[status][0]} {STATUS_LABELS[status].render(lang)}"
              for status in {result.status for result in results}},
             {f"{number:,}" for number in {result.returns_needed for result in results} if number is not None}]
    columns = [column for position, column in enumerate(TABLE_COLUMNS) if position != RATE_COLUMN]
    return may_fit(columns, [column.header.render(lang) for column in columns], texts, width)


def _long(evaluation: Judged, lang: str) -> tuple[list[Column], list[list[list[tuple[str, str | None]]]]]:
    """A block per unit, a row per indicator (and per period of a grade table); the total last."""
    periods = evaluation.has_periods
    columns = list(TABLE_COLUMNS)
    if periods:
        columns.insert(2, PERIOD_COLUMN)
    columns.append(NOTE_COLUMN)  # drawn only when some result has a note
    sections: list[list[list[tuple[str, str | None]]]] = []
    for position, result in enumerate(evaluation.results):
        first_of_unit = position == 0 or result.unit != evaluation.results[position - 1].unit
        if first_of_unit and result.level == 0:  # a group and the units shown under it share one block
            sections.append([])
        bold = "bold" if result.is_total else None
        mark, status_style = STATUS_STYLES[result.status]
        needed = result.returns_needed
        row = [
            ("  " * result.level + unit_label(result, lang) if first_of_unit else "",
             None if result.level else "bold"),
            (result.indicator.term.render(lang), bold),
            (f"{result.numerator:,}", bold),
            ("" if result.denominator is None else f"{result.denominator:,}", bold),
            (display_rate(result) if result.indicator.kind == RATE else "", bold),
            (result.line.target.text if result.line.target else "—", bold),
            (f"{mark} {STATUS_LABELS[result.status].render(lang)}", status_style if result.current else "dim"),
            ("" if needed is None else f"{needed:,}", "bold red" if needed and result.current else bold),
            (note_text(result, lang) or "", bold),
        ]
        if periods:
            row.insert(2, (period_text(result, lang), bold if result.current else "dim"))
        sections[-1].append(row)
    return columns, sections


def _compact(evaluation: Judged, lang: str) -> tuple[list[Column], list[str], list]:
    """A row per unit (the total in a block of its own), a column per indicator headed by its line; each cell the
    rate and its mark (√ × ! —). Only the periods judged."""
    current = [result for result in evaluation.results if result.current]
    indicators = list(dict.fromkeys(result.indicator for result in current))
    lines = {result.indicator.id: result.line for result in current if result.is_total or result.level == 0}
    rows: dict[tuple[str | None, int], dict[str, Result]] = {}
    for result in current:
        rows.setdefault((result.unit, result.level), {})[result.indicator.id] = result
    columns = [UNIT_COLUMN, *(Column(indicator.short_term, right=True) for indicator in indicators)]
    headers = [UNIT_COLUMN.header.render(lang), *(f"{_two_lines(indicator.short_term.render(lang))}\n"
                                                  f"{_rule(lines.get(indicator.id))}" for indicator in indicators)]
    units, totals = [], []
    for (unit, level), results in rows.items():
        first = next(iter(results.values()))
        row = [("  " * level + unit_label(first, lang), None if level else "bold")]
        for indicator in indicators:
            result = results.get(indicator.id)
            if result is None:
                row.append(("", None))
                continue
            mark, style = STATUS_STYLES[result.status]
            shown = display_rate(result) if indicator.kind == RATE else f"{result.numerator:,}"
            row.append((f"{shown} {mark}", "bold" if result.is_total and result.status == PASS else style))
        (totals if first.is_total else units).append(row)
    return columns, headers, [section for section in (units, totals) if section]


def _two_lines(name: str) -> str:
    """A Chinese short name over two lines where its words part (九年 / 巩固率, 脱贫家庭 / 失学辍学), so that the
    column is no wider than its rates; English folds at its spaces."""
    if name.isascii() or len(name) <= 4:
        return name
    cut = len(name) - 3 if name.endswith("率") else len(name) // 2
    return f"{name[:cut]}\n{name[cut:]}"


def _rule(line) -> str:
    return line.target.text if line is not None and line.target is not None else "—"


def _needs(evaluation: Judged, lang: str) -> list[str]:
    """Below the compact table, per indicator failing somewhere: the total's need and the units' own needs."""
    current = [result for result in evaluation.results if result.current]
    lines, explained = [], False
    for indicator in dict.fromkeys(result.indicator for result in current):
        mine = [result for result in current if result.indicator is indicator]
        total = next((result for result in mine if result.is_total), None)
        failing = [result for result in mine if not result.is_total and result.level == 0 and result.status == FAIL]
        if not failing and (total is None or total.status != FAIL):
            continue
        units = listing((f"{result.unit} {result.returns_needed:,}" for result in failing), SUMMARY_LISTED_NEEDS)
        own = sum(result.returns_needed or 0 for result in failing)
        if total is None:
            lines.append(Message("compact_need_unit", {"indicator": indicator.term, "count": own}))
            continue
        code = "compact_need_total" if total.status == FAIL else "compact_need_met"
        lines.append(Message(code, {"indicator": indicator.term, "count": total.returns_needed or 0,
                                    "units": units, "sum": own}))
        explained = explained or own > (total.returns_needed or 0)
    if explained:
        lines.append(Message("compact_need_why"))
    return [line.render(lang) for line in lines]


def _notes(evaluation: Judged, lang: str) -> list[str]:
    """The results' notes the compact table has no room for, once each: for the indicator, or naming the units
    when only some rows say it (the units' needs are said above)."""
    current = [result for result in evaluation.results if result.current]
    said: dict[tuple[Term, str], list[str]] = {}
    for result in current:
        for note in result.notes:
            if note.code not in UNITS_NEED_NOTES and note.code != "note_no_rule":
                said.setdefault((result.indicator.term, note_rendered(note, lang)), []).append(unit_label(result, lang))
    rows = Counter(result.indicator.term for result in current)
    return [Message("compact_note" if len(units) == rows[indicator] else "compact_note_units",
                    {"indicator": indicator, "units": listing(units, SUMMARY_LISTED_NEEDS), "note": text}).render(lang)
            for (indicator, text), units in said.items()]


def book_notes(evaluation: Judged, lang: str) -> list[str]:
    """Below the workbook's summary table: why the units' needs add up to more than the total's (for the indicators
    it shows needs of), the notes the table has no room for, and how rates were computed; the lines' sources are
    on the sheet of lines."""
    totals = [Message("compact_note", {"indicator": result.indicator.term, "note": note}).render(lang)
              for result in evaluation.results if result.current and result.is_total and result.status == FAIL
              for note in result.notes if note.code == "note_units_need_more"]  # where the two differ
    return totals + _notes(evaluation, lang) + _footer(evaluation, lang, sources=False)


def _footer(evaluation: Judged, lang: str, sources: bool = True) -> list[str]:
    """Which formula and which sources produced the verdicts (for a workbook, where the sheet of sources is)."""
    shown = {result.indicator.id: result for result in evaluation.results}
    lines = []
    for result in shown.values():
        formula = result.indicator.variant(result.formula) if result.indicator.variants else None
        if formula is not None:
            lines.append(Message("footer_formula", {"formula": formula_words(result),
                                                    "text": Term(formula.spell("zh"), formula.spell("en"))}))
    if not sources:
        lines.append(Message("book_sources"))
    for result in shown.values() if sources else ():
        if result.line.target is not None and result.line.source:
            other = result.indicator.stands_in_for
            if other is not None and result.line == evaluation.thresholds.line(other):  # 三类 judged by its line
                lines.append(Message("footer_stand_in", {"indicator": result.indicator.term, "other": BY_ID[other].term,
                                                         "rule": result.line.target.text,
                                                         "source": result.line.source}))
                continue
            lines.append(Message("footer_line", {"indicator": result.indicator.term, "rule": result.line.target.text,
                                                 "source": result.line.source}))
    for group in evaluation.thresholds.groups if sources else ():  # each kind of unit's lines, with their sources
        for indicator_id, line in group.lines.items():
            if indicator_id in shown and line.target is not None and line != evaluation.thresholds.line(indicator_id):
                lines.append(Message("footer_group_line", {"group": group.name, "indicator": BY_ID[indicator_id].term,
                                                           "rule": line.target.text,
                                                           "source": line.source or "—"}))
    if evaluation.has_periods:
        lines.append(Message("footer_periods"))
        for result in shown.values():
            if result.period is not None and result.indicator.annual:
                lines.append(Message("footer_dropout", {"indicator": result.indicator.term,
                                                        "formula": formula_words(result)}))
        if sources and any(not result.current for result in evaluation.results):  # the dim rows of a terminal
            lines.append(Message("footer_history"))
    if evaluation.skipped:
        lines.append(Message("footer_skipped", {"indicators": listing(BY_ID[each].term for each in evaluation.skipped)}))
    return [line.render(lang) for line in lines]


def summary_lines(evaluation: Judged, lang: str, gate: str) -> list[str]:
    """What the gated rows say, in a sentence or two: counts by status and the children to bring back."""
    decided = gated(evaluation.results, gate)
    counts = status_counts(decided)
    if gate == "units":
        scope: object = term("term_all_units")
    else:
        scope = TOTAL_LABEL if not decided or decided[0].is_total else decided[0].unit
    lines = [Message("summary_counts", {"scope": scope, "passed": counts[PASS], "warned": counts[WARN],
                                        "failed": counts[FAIL], "undefined": counts[NA]})]
    needs = [Message("summary_need", {"unit": "" if result.is_total else f"{result.unit} ",
                                      "indicator": result.indicator.term, "count": result.returns_needed})
             for result in sorted(decided, key=lambda result: not result.is_total) if result.status == FAIL]
    if len(needs) > SUMMARY_LISTED_NEEDS:
        needs = needs[:SUMMARY_LISTED_NEEDS] + [Message("summary_more", {"count": len(needs) - SUMMARY_LISTED_NEEDS})]
    if needs:
        lines.append(Message("summary_needs", {"needs": tuple(needs)}))
    return [line.render(lang) for line in lines]


def summary_line(evaluation: Judged, lang: str, gate: str) -> str:
    """One line for a CI log: the lines used, counts of the gated rows and the children to return."""
    decided = gated(evaluation.results, gate)
    counts = status_counts(decided)
    needs = tuple(Message("summary_line_need", {"unit": "" if result.is_total else f"{result.unit} ",
                                                "indicator": result.indicator.term, "count": result.returns_needed})
                  for result in sorted(decided, key=lambda result: not result.is_total) if result.status == FAIL)
    listed = needs[:SUMMARY_LISTED_NEEDS] + ((Message("summary_more", {"count": len(needs) - SUMMARY_LISTED_NEEDS}),)
                                             if len(needs) > SUMMARY_LISTED_NEEDS else ())
    undefined = Message("summary_line_undefined", {"count": counts[NA]}) if counts[NA] else ""
    return Message("summary_line", {"thresholds": evaluation.thresholds.name or thresholds_named(evaluation.thresholds),
                                    "failed": counts[FAIL], "warned": counts[WARN], "passed": counts[PASS],
                                    "undefined": undefined,
                                    "needs": Message("summary_line_needs", {"needs": listed}) if needs else ""}
                   ).render(lang)
