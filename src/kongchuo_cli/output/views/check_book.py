"""`kongchuo check -o 结果.xlsx`: the workbook a director signs. 汇总 (Summary) is one page: the title (what was
read, the standard, the date), the unit line, a row per unit and the total, a column per indicator headed by its
line with the rate at its published precision, a 需劝返 column for each indicator failing somewhere, the notes
that explain the figures, and a bar chart per failing indicator; 明细 (Records) holds every record in words; 标准
(Lines) the lines and their sources."""

from __future__ import annotations

import functools

from kongchuo_cli.i18n import term
from kongchuo_cli.indicators.definitions import RATE, Indicator
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.model import FAIL, WARN
from kongchuo_cli.output.report import Report
from kongchuo_cli.output.sheet import (
    COUNT,
    HEADING,
    Cell,
    Chart,
    Look,
    Sheet,
    made_on,
    percent_cell,
    records_sheet,
    rule_shown,
    signatures,
)
from kongchuo_cli.output.values import (
    display_rate,
    formula_words,
    lines_sheet,
    period_text,
    unit_label,
)
from kongchuo_cli.output.views.check_text import book_notes, summary_lines
from kongchuo_cli.policy.thresholds import Line
from kongchuo_cli.problems import Message

UNIT_WIDTH, RATE_WIDTH, NEED_WIDTH = 10, 10, 8
NEEDED, NONE_NEEDED = "C00000", "A6A6A6"  # children to bring back in red; a 0 in grey, out of the way
ONE_PAGE_ROWS = 30  # a county of up to this many units prints its summary on one page
CHART_BARS = 30  # a chart of more units shows the failing ones farthest from the line (_chart)


def check_book(evaluation: Judged, report: Report, lang: str, gate: str, subject: str) -> list[Sheet]:
    records = ({**record, "target": rule_shown(record["target"]) if record["target"] else None,
                "formula": words.render(lang) if (words := formula_words(result)) else None}
               for record, result in zip(report.each(), evaluation.results))  # made as the sheet takes them
    return [summary_sheet(evaluation, lang, gate, subject), records_sheet(report, lang, records),
            lines_sheet(evaluation.thresholds, lang)]


def summary_sheet(evaluation: Judged, lang: str, gate: str, subject: str) -> Sheet:
    current = [result for result in evaluation.results if result.current]
    indicators = list(dict.fromkeys(result.indicator for result in current))
    failing = {result.indicator.id for result in current if result.status == FAIL}
    rows: dict[tuple[str | None, int], dict[str, Result]] = {}
    for result in current:
        rows.setdefault((result.unit, result.level), {})[result.indicator.id] = result
    totals = {result.indicator.id: result for result in current if result.is_total}
    header = [[Cell(term("book_unit").render(lang), HEADING, down=2)], [None]]
    for indicator in indicators:
        needs = indicator.id in failing
        header[0] += [Cell(indicator.term.render(lang), HEADING, across=2 if needs else 1)] + [None] * needs
        header[1].append(Cell(_heading(indicator, totals.get(indicator.id) or _any(current, indicator), lang),
                              HEADING))
        if needs:
            header[1].append(Cell(term("book_needed").render(lang), HEADING))
    body, columns = [], {}
    for (unit, level), results in rows.items():
        first = next(iter(results.values()))
        bold = first.is_total
        cells = [Cell(unit_label(first, lang), _look(bold=level == 0, indent=level))]
        for indicator in indicators:
            columns[indicator.id] = len(cells)
            result = results.get(indicator.id)
            cells.append(_value(result, bold))
            if indicator.id in failing:
                needed = None if result is None else result.returns_needed
                cells.append(Cell(needed, _look(bold=bold or bool(needed), number_format="#,##0",
                                                colour=NEEDED if needed else NONE_NEEDED)))
        body.append(cells)
    units = list(range(len(rows) - bool(totals)))  # every row but the total (schools under their townships too)
    by_row = list(rows.values())
    charts = [_chart(indicator, [by_row[position].get(indicator.id) for position in units], units,
                     columns[indicator.id], (totals.get(indicator.id) or _any(current, indicator)).line, lang)
              for indicator in indicators if _charted(indicator, totals, current)]
    name = evaluation.thresholds.name or "—"
    lines = [Message("book_check_subject", {"subject": subject, "thresholds": name}).render(lang),
             f"{term('book_unit_line').render(lang)}　{made_on(lang)}"]
    notes = [*book_notes(evaluation, lang), *summary_lines(evaluation, lang, gate),
             signatures(lang, "book_prepared", "book_checked", "book_approved")]
    widths = [max(UNIT_WIDTH, *(len(cells[0].value or "") * 2 + 2 + 2 * cells[0].look.indent for cells in body))]
    for indicator in indicators:
        widths += [RATE_WIDTH] + ([NEED_WIDTH] if indicator.id in failing else [])
    return Sheet(term("book_summary").render(lang), term("book_check_title").render(lang), lines, header, body,
                 notes, charts, widths, one_page=len(body) <= ONE_PAGE_ROWS)


def _charted(indicator: Indicator, totals: dict[str, Result], current: list[Result]) -> bool:
    """A chart for each indicator the county fails (without a total row: that any unit fails)."""
    if totals:
        return indicator.id in totals and totals[indicator.id].status == FAIL
    return any(result.indicator is indicator and result.status == FAIL for result in current)


def _any(results: list[Result], indicator: Indicator) -> Result:
    return next(result for result in results if result.indicator is indicator)


def _heading(indicator: Indicator, result: Result, lang: str) -> str:
    """Under the indicator's name: its line, and for a grade table the cohort or year judged."""
    rule = rule_shown(result.line.target.text) if result.line.target else term("book_no_line").render(lang)
    period = period_text(result, lang)
    return f"{rule}\n{period}" if period else rule


def _value(result: Result | None, bold: bool) -> Cell:
    """The rate at its published precision (a count as a count), coloured when it fails or warns."""
    if result is None:
        return Cell(None)
    status = result.status if result.status in (FAIL, WARN) else None
    if result.indicator.kind != RATE:
        return Cell(result.numerator, _look(bold=bold, status=status, number_format=COUNT.number_format))
    return percent_cell(display_rate(result) if result.has_rate else None, _look(bold=bold, status=status))


@functools.lru_cache(maxsize=64)
def _look(**fields) -> Look:
    """A look shared by the cells that have it (a province's summary has 70,000 cells and a dozen looks)."""
    return Look(**fields)


def _chart(indicator: Indicator, results: list[Result | None], rows: list[int], column: int, judged: Line,
           lang: str) -> Chart:
    """The units' bars (failing ones red) and the county's line across them. Of more than CHART_BARS units at the
    finest level (schools under their townships), the failing ones of that level only, those farthest from the line
    first, CHART_BARS at most: a province's 5,000 schools' bars are a smear, and passing ones crowd out the few to
    bring children back in."""
    line = judged.target
    rule = rule_shown(line.text) if line else "—"
    title = Message("book_chart_title", {"indicator": indicator.term, "rule": rule})
    finest = max((result.level for result in results if result is not None), default=0)
    units = [result if result is not None and result.level == finest else None for result in results]
    if sum(result is not None for result in units) > CHART_BARS:
        from kongchuo_cli.judge.rank import worst  # here: checking a county at the terminal loads no ranking

        failing = [result if result is not None and result.status == FAIL else None for result in units]
        chosen = worst(failing, CHART_BARS)
        if chosen:  # (the county fails only where some unit does; none: the bars as they are)
            count = sum(result is not None for result in failing)
            rows, results = [rows[position] for position in chosen], [results[position] for position in chosen]
            title = Message("book_chart_title_failing" if count == len(chosen) else "book_chart_title_farthest",
                            {"indicator": indicator.term, "rule": rule, "count": len(chosen), "failing": count})
    return Chart(title.render(lang), column, tuple(rows), float(line.value) if line else None,
                 failing=tuple(position for position, result in enumerate(results)
                               if result is not None and result.status == FAIL),
                 percent=indicator.kind == RATE)
