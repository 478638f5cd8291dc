"""`kongchuo cohorts`: what grade tables say cohort by cohort — the ladder of each cohort's sizes, the UIS flow
rates with survival, and the places where the stock-flow identity fails — as reports for every output format."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from kongchuo_cli import __version__
from kongchuo_cli.i18n import Term, term
from kongchuo_cli.indicators.definitions import percent
from kongchuo_cli.indicators.flows import (
    FlowRates,
    Gap,
    flow_rates,
    identity_gaps,
    ladder,
    survival_by_level,
)
from kongchuo_cli.output.report import Report
from kongchuo_cli.output.sheet import HEADING, Cell, Look, Sheet, made_on, percent_cell, records_sheet
from kongchuo_cli.output.text import Column, draw, runs
from kongchuo_cli.output.values import TOTAL_LABEL
from kongchuo_cli.problems import Message
from kongchuo_cli.read.grades import GradeTable

GRADE_NAMES = tuple(f"{word}年级" for word in "一二三四五六七八九")
RATE_DECIMALS = 4
LOSS_MARK = "↓"  # in GBK, as the table's other marks
LOSS = "C00000"  # a loss in red


def _units(tables: list[GradeTable]) -> list[tuple[GradeTable, int]]:
    return [(table, unit) for table in tables for unit in range(len(table.units))]


def _cohorts(tables: list[GradeTable]) -> list[int]:
    """Every cohort seen in at least two grades (a diagonal of the table), oldest first."""
    years = sorted({year for table in tables for year in table.years})
    return [cohort for cohort in range(years[0] - 8, years[-1]) if
            any(sum(size is not None for size in ladder(table, unit, cohort)) >= 2 for table, unit in _units(tables))]


def _brief(rows: list, lang: str) -> str:
    return Message("brief_rows", {"count": len(rows)}).render(lang)


def _sum(values: list[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


# ---- the ladder ---------------------------------------------------------------------------------------------

LADDER_FIELDS = {"unit": "单位", "is_total": "是否合计", "cohort": "届(入学年)", "system": "学制",
                 **{f"grade_{grade}": name for grade, name in enumerate(GRADE_NAMES, 1)},
                 "first": "最初人数", "last": "最近人数", "change": "增减"}
LADDER_NUMERIC = frozenset({"cohort", *(f"grade_{grade}" for grade in range(1, 10)), "first", "last", "change"})


def ladder_report(tables: list[GradeTable], lang: str, subject: str = "") -> Report:
    """A record per unit and cohort: its autumn stock in each grade (the county total last)."""
    cohorts = _cohorts(tables)
    records = []
    everyone = _units(tables)
    for table, unit in everyone:
        for cohort in cohorts:
            sizes = ladder(table, unit, cohort)
            if sum(size is not None for size in sizes) >= 2:
                records.append(_ladder_record(table.units[unit].label, False, cohort,
                                              table.units[unit].system.name, sizes))
    if len(everyone) > 1:
        for cohort in cohorts:
            sizes = [_sum([ladder(table, unit, cohort)[grade] for table, unit in everyone]) for grade in range(9)]
            records.append(_ladder_record(TOTAL_LABEL.render(lang), True, cohort, "", sizes))
    report = Report(LADDER_FIELDS, records, LADDER_NUMERIC, frozenset(), {"version": __version__}, "cohorts",
                    table=lambda color, width: ladder_table(records, lang, color, width), brief=_brief(records, lang),
                    codes=frozenset({"is_total"}), plain=frozenset({"cohort"}))
    report.book = lambda: [ladder_sheet(records, lang, subject), records_sheet(report, lang)]
    return report


def _ladder_record(label: str, is_total: bool, cohort: int, system: str, sizes: list[int | None]) -> dict:
    present = [size for size in sizes if size is not None]
    return {"unit": label, "is_total": is_total, "cohort": cohort, "system": system,
            **{f"grade_{grade}": size for grade, size in enumerate(sizes, 1)},
            "first": present[0], "last": present[-1], "change": present[-1] - present[0]}


def ladder_table(records: list[dict], lang: str, color: bool, width: int | None) -> str:
    """Each unit's cohorts as rows, grades as columns; a ↓ marks a grade smaller than the one before it."""
    columns = [Column(Term("单位", "Unit"), key=True), Column(Term("届", "Cohort"), key=True),
               *(Column(Term(name, f"G{grade}"), right=True) for grade, name in enumerate(GRADE_NAMES, 1)),
               Column(Term("增减", "Change"), right=True)]
    sections = [[_ladder_row(fields, lang, first=position == 0) for position, fields in enumerate(run)]
                for run in runs(records, lambda fields: fields["unit"])]
    headers = [column.header.render(lang) for column in columns]
    title = Message("ladder_title").render(lang)
    return draw(title, columns, headers, sections, width, color, footer=[Message("ladder_footer").render(lang)])


def _ladder_row(fields: dict, lang: str, first: bool) -> list[tuple[str, str | None]]:
    bold = "bold" if fields["is_total"] else None
    cells, before = [], None
    for grade in range(1, 10):
        size = fields[f"grade_{grade}"]
        if size is None:
            cells.append(("", None))
        elif before is not None and size < before:
            cells.append((f"{size:,}{LOSS_MARK}{before - size}", "red"))
        else:
            cells.append((f"{size:,}", bold))
        before = size
    cohort = f"{fields['cohort']}级" if lang == "zh" else str(fields["cohort"])
    return [(fields["unit"] if first else "", "bold"), (cohort, bold), *cells,
            (f"{fields['change']:+,}", "red" if fields["change"] < 0 else bold)]


def ladder_sheet(records: list[dict], lang: str, subject: str) -> Sheet:
    """The ladder as a printed sheet: each cell a number, a loss shown beside it (568↓4) by its number format, in
    red; the unit on the first row of its cohorts; the totals bold."""
    header = [[Cell(Term("单位", "Unit").render(lang), HEADING), Cell(Term("届", "Cohort").render(lang), HEADING),
               *(Cell(name if lang == "zh" else f"G{grade}", HEADING) for grade, name in enumerate(GRADE_NAMES, 1)),
               Cell(Term("增减", "Change").render(lang), HEADING)]]
    rows = []
    for run in runs(records, lambda fields: fields["unit"]):
        for position, fields in enumerate(run):
            bold, cells, before = fields["is_total"], [], None
            for grade in range(1, 10):
                size = fields[f"grade_{grade}"]
                loss = before - size if size is not None and before is not None and size < before else 0
                cells.append(Cell(size, Look(bold=bold, number_format=f'#,##0"{LOSS_MARK}{loss}"' if loss else "#,##0",
                                             colour=LOSS if loss else None)))
                before = size if size is not None else before
            rows.append([Cell(fields["unit"] if position == 0 else None, Look(bold=True)),
                         Cell(fields["cohort"], Look(bold=bold, number_format='0"级"' if lang == "zh" else "0")),
                         *cells, Cell(fields["change"], Look(bold=bold, number_format="+#,##0;-#,##0;0",
                                                             colour=LOSS if fields["change"] < 0 else None))])
    return Sheet(term("book_summary").render(lang), Message("ladder_title").render(lang),
                 [f"{subject}　{made_on(lang)}", term("book_people").render(lang)], header, rows,
                 [Message("ladder_footer").render(lang)], widths=[12, 9, *([10] * 9), 8])


# ---- UIS flow rates -----------------------------------------------------------------------------------------

FLOW_FIELDS = {"unit": "单位", "is_total": "是否合计", "year": "学年", "grade": "年级", "enrolled": "学年初在校生",
               "following": "次年高一年级", "repeaters": "次年留级", "promoted": "次年升级", "retention": "年巩固率(%)",
               "promotion": "升级率(%)", "repetition": "留级率(%)", "dropout": "辍学率(%)",
               "survival": "本学段巩固到本年级(%)", "transition": "升入初中比例(%)"}
FLOW_NUMERIC = frozenset({"year", "grade", "enrolled", "following", "repeaters", "promoted"})
FLOW_PERCENTS = frozenset({"retention", "promotion", "repetition", "dropout", "survival", "transition"})


def flow_report(tables: list[GradeTable], lang: str, chosen: int, subject: str = "") -> Report:
    """UIS rates by grade for a school year (one of `flows.flow_years`), and survival to each grade of a cohort
    reconstructed with those rates."""
    uis = any("repeaters" in table.measures for table in tables)  # UIS rates need the repeaters
    everyone = _units(tables)
    rows: list[tuple[dict, list[Fraction | None]]] = []
    for table, unit in everyone:
        rows.extend(_flow_rows(table.units[unit].label, False, chosen, flow_rates(table, unit, chosen), uis,
                               table.units[unit].system.primary_last))
    if len(everyone) > 1:  # the county's rates from its summed counts
        summed: dict[int, list[int | None]] = {}
        for table, unit in everyone:
            for rates in flow_rates(table, unit, chosen):
                counts = summed.setdefault(rates.grade, [0, 0, 0, 0])
                values = (rates.enrolled, rates.repeaters, rates.promoted, rates.following)
                summed[rates.grade] = [None if None in (total, value) else total + value
                                       for total, value in zip(counts, values)]
        totals = [FlowRates(grade, *counts) for grade, counts in sorted(summed.items())]
        systems = {table.units[unit].system.primary_last for table, unit in everyone}
        rows.extend(_flow_rows(TOTAL_LABEL.render(lang), True, chosen, totals, uis,
                               systems.pop() if len(systems) == 1 else None))
    head = {"version": __version__, "year": chosen, "method": "UIS reconstructed cohort" if uis else None,
            "assumptions": Message("flow_assumptions" if uis else "flow_no_repeaters").render(lang)}
    report = Report(FLOW_FIELDS, [record for record, _ in rows], FLOW_NUMERIC, FLOW_PERCENTS, head, "rates",
                    table=lambda color, width: flow_table(rows, lang, color, width, head["assumptions"]),
                    brief=_brief(rows, lang), codes=frozenset({"is_total"}), plain=frozenset({"year", "grade"}))
    report.book = lambda: [flow_sheet(rows, lang, head["assumptions"], subject), records_sheet(report, lang)]
    return report


def _flow_rows(label: str, is_total: bool, year: int, rates: list[FlowRates], uis: bool, primary_last: int | None
               ) -> list[tuple[dict, list[Fraction | None]]]:
    """(record, exact rates) per grade; survival within each level, the transition at the last primary grade."""
    survived, transition = survival_by_level(rates, primary_last)
    rows = []
    for rate in rates:
        exact = [rate.retention, *((rate.promotion, rate.repetition, rate.dropout, survived.get(rate.grade),
                                    transition.get(rate.grade)) if uis else (None,) * 5)]
        record = {"unit": label, "is_total": is_total, "year": year, "grade": rate.grade,
                  "enrolled": rate.enrolled, "following": rate.following,
                  "repeaters": rate.repeaters if uis else None, "promoted": rate.promoted if uis else None,
                  **{key: _percent(value, RATE_DECIMALS) for key, value in zip(FLOW_RATES, exact)}}
        rows.append((record, exact))
    return rows


FLOW_RATES = ("retention", "promotion", "repetition", "dropout", "survival", "transition")


def _percent(value: Fraction | None, decimals: int) -> str | None:
    return None if value is None else percent(value.numerator, value.denominator, decimals)


def flow_table(rows: list[tuple[dict, list[Fraction | None]]], lang: str, color: bool, width: int | None,
               footer: str) -> str:
    keys = ("grade", "enrolled", "following", "repeaters", "promoted", *FLOW_RATES)
    english = ("Grade", "Enrolled", "Next grade next year", "Repeat next", "Promoted next", "Grade-to-grade",
               "Promotion", "Repetition", "Dropout", "Survival in level", "Transition")
    uis = rows and rows[0][0]["promoted"] is not None
    shown = [(key, name) for key, name in zip(keys, english)  # without repeaters: the grade-to-grade rate only
             if uis or key in ("grade", "enrolled", "following", "retention")]
    columns = [Column(Term("单位", "Unit"), key=True),
               *(Column(Term(FLOW_FIELDS[key], name), right=key != "grade", key=key == "grade") for key, name in shown)]
    sections: list[list[list[tuple[str, str | None]]]] = []
    for run in runs(rows, lambda row: row[0]["unit"]):
        sections.append([_flow_cells(fields, exact, lang, uis, first=position == 0)
                         for position, (fields, exact) in enumerate(run)])
    headers = [column.header.render(lang) for column in columns]
    year = rows[0][0]["year"] if rows else "—"
    title = Message("flow_title", {"year": year}).render(lang)
    return draw(title, columns, headers, sections, width, color, footer=[footer])


def flow_sheet(rows: list[tuple[dict, list[Fraction | None]]], lang: str, assumptions: str, subject: str) -> Sheet:
    """The flow rates as a printed sheet: counts with separators, rates as percent cells; the assumptions below."""
    uis = bool(rows) and rows[0][0]["promoted"] is not None
    keys = [key for key in ("enrolled", "following", "repeaters", "promoted", *FLOW_RATES)
            if uis or key in ("enrolled", "following", "retention")]
    header = [[Cell(Term("单位", "Unit").render(lang), HEADING), Cell(Term("年级", "Grade").render(lang), HEADING),
               *(Cell(FLOW_FIELDS[key].replace("(%)", "") if lang == "zh" else key, HEADING) for key in keys)]]
    body = []
    for run in runs(rows, lambda row: row[0]["unit"]):
        for position, (fields, exact) in enumerate(run):
            bold = Look(bold=fields["is_total"])
            rates = dict(zip(FLOW_RATES, exact))
            body.append([Cell(fields["unit"] if position == 0 else None, Look(bold=True)),
                         Cell(GRADE_NAMES[fields["grade"] - 1] if lang == "zh" else fields["grade"], bold),
                         *(percent_cell(None if rates[key] is None else f"{_percent(rates[key], 2)}%", bold)
                           if key in rates else Cell(fields[key], replace(bold, number_format="#,##0"))
                           for key in keys)])
    year = rows[0][0]["year"] if rows else "—"
    return Sheet(term("book_summary").render(lang), Message("flow_title", {"year": year}).render(lang),
                 [f"{subject}　{made_on(lang)}"], header, body, [assumptions],
                 widths=[12, 8, *([12] * len(keys))])


def _flow_cells(fields: dict, exact: list[Fraction | None], lang: str, uis: bool, first: bool
                ) -> list[tuple[str, str | None]]:
    bold = "bold" if fields["is_total"] else None
    cells = [(GRADE_NAMES[fields["grade"] - 1] if lang == "zh" else str(fields["grade"]), bold)]
    cells += [("—" if fields[key] is None else f"{fields[key]:,}", bold)
              for key in ("enrolled", "following", "repeaters", "promoted")]
    cells += [("—" if value is None else f"{_percent(value, 2)}%", bold) for value in exact]
    if not uis:
        cells = cells[:3] + cells[5:6]
    return [(fields["unit"] if first else "", "bold"), *cells]


# ---- where the table does not add up ------------------------------------------------------------------------

GAP_FIELDS = {"file": "文件", "unit": "单位", "year": "学年", "grade": "年级", "what": "核对项", "expected": "应为",
              "found": "表中", "gap": "差"}
GAP_NUMERIC = frozenset({"year", "grade", "expected", "found", "gap"})
GAP_WHAT = {what: term(f"term_gap_{what}") for what in ("enrolled", "graduates", "entrants")}


def gaps_report(tables: list[GradeTable], lang: str, subject: str = "") -> Report:
    found: list[tuple[str, Gap]] = [(table.path, gap) for table in tables for gap in identity_gaps(table)]
    records = [{"file": path, "unit": gap.unit, "year": gap.year, "grade": gap.grade,
                "what": GAP_WHAT[gap.what].render(lang), "expected": gap.expected, "found": gap.found,
                "gap": gap.size} for path, gap in found]
    report = Report(GAP_FIELDS, records, GAP_NUMERIC, frozenset(), {"version": __version__, "count": len(records)},
                    "gaps", table=lambda color, width: gaps_table(records, lang, color, width),
                    brief=_brief(records, lang), plain=frozenset({"year", "grade"}))
    report.book = lambda: [replace(records_sheet(report, lang), name=term("book_summary").render(lang),
                                   title=Message("gaps_title", {"count": len(records)}).render(lang),
                                   lines=[f"{subject}　{made_on(lang)}"])]
    return report


def gaps_table(records: list[dict], lang: str, color: bool, width: int | None) -> str:
    if not records:
        return Message("gaps_none").render(lang) + "\n"
    keys = ("unit", "year", "grade", "what", "expected", "found", "gap")
    english = ("Unit", "Year", "Grade", "Check", "Expected", "Found", "Gap")
    columns = [Column(Term(GAP_FIELDS[key], name), right=key in GAP_NUMERIC, key=key == "unit")
               for key, name in zip(keys, english)]
    rows = [[(f"{fields[key]:+,}" if key == "gap" else str(fields[key]), "red" if key == "gap" else None)
             for key in keys] for fields in records]
    headers = [column.header.render(lang) for column in columns]
    title = Message("gaps_title", {"count": len(records)}).render(lang)
    return draw(title, columns, headers, [rows], width, color)
