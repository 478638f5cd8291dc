"""`kongchuo briefing`: the 通报 the supervision office sends the townships, built from the very results `check`,
`monthly` and `returns` give (never computed again here): 一、总体情况 (the county against each line, with its
source, and the children still out); 二、各乡镇排名 (a ranking table and a bar chart per indicator failed anywhere);
三、本月进展 (the month's township table, when ledgers are compared); 四、存在问题 (sentences, each from a number: a
unit below a line, cases open too long or not visited, cases vanished, data problems); 五、工作要求 (the user's text);
the attachments: the summary table, the masked list of children still out, the data problems. Sections are
numbered as they come. Names and IDs appear only in the list of children, masked unless revealed."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from kongchuo_cli import __version__
from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.indicators.definitions import RATE, Indicator, percent
from kongchuo_cli.judge.evaluate import Judged, Result
from kongchuo_cli.judge.monthly import Comparison, UnitRow
from kongchuo_cli.judge.rank import SMALL_BASE, Ranked, rank, ranked_indicators
from kongchuo_cli.model import FAIL, NA, PASS, WARN
from kongchuo_cli.output.document import Attachment, Bars, Block, Document, Figure, Heading, Paragraph, Table
from kongchuo_cli.output.report import STATUS_LABELS, Report
from kongchuo_cli.output.sheet import rule_shown
from kongchuo_cli.output.values import RECORD_DECIMALS, display_rate, status_counts, thresholds_named
from kongchuo_cli.output.views.check_text import summary_lines
from kongchuo_cli.output.views.monthly import priority_groups, problem_kind, problem_records, state
from kongchuo_cli.output.views.returns import returns_report
from kongchuo_cli.policy.meta import Meta
from kongchuo_cli.problems import Message
from kongchuo_cli.read.roster.ledger import ReturnList

NUMERALS = "一二三四五六七八九"
MAX_DECIMALS = 6  # digits a rate is shown with at most, to tell two townships apart
FIELDS = {"indicator": "指标代码", "name": "指标", "rank": "名次", "unit": "单位", "numerator": "分子",
          "denominator": "分母", "rate": "比率(%)", "target": "标准", "status": "结果", "returns_needed": "需劝返"}


class Sources:
    """What the 通报 is built from: check's results, and the ledgers compared (monthly) or listed (returns)."""

    def __init__(self, judged: Judged, subject: str, meta: Meta, today: datetime.date,
                 comparison: Comparison | None = None, still_out: ReturnList | None = None,
                 problems: list[Message] = (), revealed: bool = False, plan: str | None = None) -> None:
        self.judged, self.subject, self.meta, self.today = judged, subject, meta, today
        self.comparison, self.still_out, self.problems = comparison, still_out, list(problems)
        self.revealed, self.plan = revealed, plan


def briefing_report(sources: Sources, lang: str) -> Report:
    """The rankings as records (JSON, the API's records); the document for docx, html and markdown."""
    records = [ranking_record(entry, lang) for indicator in ranked_indicators(sources.judged)
               for entry in rank(sources.judged, indicator)]
    head = {"version": __version__, "title": title(sources, lang), "masked": not sources.revealed}
    return Report(FIELDS, records, frozenset({"rank", "numerator", "denominator", "returns_needed"}),
                  frozenset({"rate"}), head, "rankings", private=sources.comparison is not None
                  or sources.still_out is not None, document=lambda: briefing(sources, lang),
                  brief=Message("brief_briefing", {"count": len(ranked_indicators(sources.judged))}).render(lang),
                  codes=frozenset({"indicator"}))


def ranking_record(entry: Ranked, lang: str) -> dict[str, object]:
    result = entry.result
    return {"indicator": result.indicator.id, "name": result.indicator.term.render(lang), "rank": entry.rank,
            "unit": result.unit, "numerator": result.numerator, "denominator": result.denominator,
            "rate": percent(result.numerator, result.denominator, RECORD_DECIMALS) if result.has_rate else None,
            "target": result.line.target.text if result.line.target else None, "status": result.status,
            "returns_needed": result.returns_needed}


def title(sources: Sources, lang: str) -> str:
    if sources.meta.title:
        return sources.meta.title
    month = period(sources)
    return Message("briefing_title", {"year": month.year, "month": month.month}).render(lang)


def period(sources: Sources) -> datetime.date:
    """The month reported on: the last ledger's 统计时点, else the date of the document, else today."""
    stated = sources.comparison.months[-1].stated if sources.comparison else None
    return stated or sources.meta.date or sources.today


def briefing(sources: Sources, lang: str) -> Document:
    meta = sources.meta
    attachments = _attachments(sources, lang)
    sections = [_overall(sources, lang, attachments), _rankings(sources, lang)]
    if sources.comparison is not None:
        sections.append(_progress(sources.comparison, sources.plan, lang))
    sections.append(_problems(sources, lang, attachments))
    if meta.requirements:
        sections.append((term("briefing_requirements"), [Paragraph(text) for text in meta.requirements]))
    body: list[Block] = []
    for number, (heading, blocks) in enumerate(sections):
        body.append(Heading(f"{chinese_number(number + 1)}、{heading.render(lang)}" if lang == "zh" else
                            f"{number + 1}. {heading.render(lang)}"))
        body += blocks
    listed = [Attachment(Message("briefing_attachment", {"number": number}).render(lang), name.render(lang), blocks)
              for number, (name, blocks) in enumerate(attachments.values(), start=1)]
    lines = [Message("briefing_attachment_line" if number == 1 else "briefing_attachment_more",
                     {"number": number, "title": attachment.title}).render(lang)
             for number, attachment in enumerate(listed, start=1)]
    recipients = meta.recipients or term("briefing_recipients").render(lang)
    day = meta.date or sources.today
    printed = None
    if meta.printer:
        printed = (meta.printer, Message("briefing_printed", {"date": _day(meta.printed_on or day, lang)}
                                         ).render(lang))
    copies = Message("briefing_copies", {"names": term("briefing_comma").render(lang).join(meta.copies)}
                     ).render(lang) if meta.copies else None
    return Document(title(sources, lang), body, listed, lines, meta.mark or meta.issuer, meta.number,
                    f"{recipients}{term('briefing_colon').render(lang)}", meta.issuer, _day(day, lang), copies,
                    printed, meta.fonts, lang)


def chinese_number(number: int) -> str:
    """一 … 十, 十一 … 九十九: how 公文 number their sections."""
    tens, ones = divmod(number, 10)
    return (("" if tens < 2 else NUMERALS[tens - 1]) + ("十" if tens else "") + (NUMERALS[ones - 1] if ones else "")
            ) or "〇"


def _day(day: datetime.date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


# ---- 一、总体情况 ------------------------------------------------------------------------------------------------


def _county(judged: Judged) -> list[Result]:
    """The county's row of each indicator: the total, or the one unit of a table of one."""
    current = [result for result in judged.results if result.current]
    totals = [result for result in current if result.is_total]
    return totals or [result for result in current if result.level == 0]


def _overall(sources: Sources, lang: str, attachments: dict) -> tuple[Term, list[Block]]:
    judged = sources.judged
    county = _county(judged)
    counts = status_counts(county)
    said = Message("briefing_overall", {"subject": sources.subject, "thresholds": judged.thresholds.name or
                                        thresholds_named(judged.thresholds), "count": len(county),
                                        "passed": counts[PASS], "warned": counts[WARN], "failed": counts[FAIL],
                                        "undefined": counts[NA]})
    blocks: list[Block] = [Paragraph(said.render(lang)), *(Paragraph(line) for line in summary_lines(
        judged, lang, "total")[1:])]  # the children to bring back, as check says it
    headers = ("briefing_indicator", "briefing_county", "briefing_line", "briefing_status", "briefing_needed",
               "briefing_source_short")
    rows = tuple((result.indicator.term.render(lang), _value(result, lang), _rule(result),
                  STATUS_LABELS[result.status].render(lang), _needed(result), short_source(result.line.source))
                 for result in county)
    blocks.append(Table(tuple(term(code).render(lang) for code in headers), rows, frozenset({1, 4}),
                        widths=(4.2, 2.6, 1.8, 1.4, 1.4, 4)))
    if any(result.line.source for result in county):
        blocks.append(Paragraph(Message("briefing_sources_in", {"number": 1}).render(lang)))
    blocks += _still_out_said(sources, lang, attachments)
    return term("briefing_overall_heading"), blocks


def _still_out_said(sources: Sources, lang: str, attachments: dict) -> list[Block]:
    """The children still out, as the ledgers count them."""
    list_number = list(attachments).index("still_out") + 1 if "still_out" in attachments else None
    if sources.comparison is not None:
        total = sources.comparison.last[-1]
        return [Paragraph(Message("briefing_ledger_month", {
            "month": sources.comparison.months[-1].label, "closing": total.closing, "returned": total.returned,
            "to_date": total.returned_to_date, "list": _see(list_number)}).render(lang))]
    if sources.still_out is not None:
        counts = sources.still_out.counts
        return [Paragraph(Message("briefing_ledger_list", {
            "count": len(sources.still_out.children), "out": counts.get("out", 0),
            "in_progress": counts.get("in_progress", 0), "list": _see(list_number)}).render(lang))]
    return []


def _see(number: int | None) -> Message | str:
    return Message("briefing_see_list", {"number": number}) if number else ""


def short_source(source: str | None) -> str:
    """A line's source by the document's name alone (十四五公共服务规划, 国办发〔2021〕60号): what precedes its first
    colon, semicolon or bracket; the full text is under the summary table (附件1)."""
    if not source:
        return "—"
    return re.split(r"[：:；;（(]", source, maxsplit=1)[0].strip() or source


def _value(result: Result, lang: str, decimals: int | None = None) -> str:
    """The rate at its published precision (or `decimals`), with n/N over a small base; or the count."""
    if result.indicator.kind != RATE:
        return f"{result.numerator:,}"
    if not result.has_rate:
        return "—"
    rate = display_rate(result) if decimals is None else f"{percent(result.numerator, result.denominator, decimals)}%"
    if result.denominator < SMALL_BASE:
        return Message("briefing_small", {"rate": rate, "numerator": result.numerator,
                                          "denominator": result.denominator}).render(lang)
    return rate


def _distinct(results: list[Result], lang: str) -> list[str]:
    """Each result's value; where two would show the same rate but differ exactly (92.9% beside 92.9%), with as
    many more digits as tell them apart, so that a rank below is seen to be earned."""
    shown = [_value(result, lang) for result in results]
    rated = [position for position, result in enumerate(results) if result.indicator.kind == RATE and result.has_rate]
    decimals = max((len(shown[position].split("%")[0].partition(".")[2]) for position in rated), default=0)
    while decimals < MAX_DECIMALS:
        clashing = {one for one in rated for other in rated if one != other and shown[one] == shown[other]
                    and results[one].rate != results[other].rate}
        if not clashing:
            break
        decimals += 1
        for position in clashing:
            shown[position] = _value(results[position], lang, decimals)
    return shown


def _rule(result: Result) -> str:
    return rule_shown(result.line.target.text if result.line.target else None)


def _needed(result: Result) -> str:
    return "—" if result.returns_needed is None else f"{result.returns_needed:,}"


# ---- 二、各乡镇排名 ----------------------------------------------------------------------------------------------


def _rankings(sources: Sources, lang: str) -> tuple[Term, list[Block]]:
    judged = sources.judged
    indicators = ranked_indicators(judged)
    blocks: list[Block] = [Paragraph(Message("briefing_rank_rule", {"base": SMALL_BASE, "points": 100 // SMALL_BASE}
                                             ).render(lang))]
    if not indicators:
        return term("briefing_rankings_heading"), [Paragraph(term("briefing_all_met").render(lang))]
    totals = {result.indicator.id: result for result in _county(judged)}
    for number, indicator in enumerate(indicators, start=1):
        ranked = rank(judged, indicator)
        total = totals.get(indicator.id)
        line = (total or ranked[0].result).line
        named = Message("briefing_rank_heading", {"indicator": indicator.term, "rule": _rule(total or ranked[0].result)})
        blocks.append(Heading(f"（{chinese_number(number)}）{named.render(lang)}" if lang == "zh"
                              else f"({number}) {named.render(lang)}", level=2))
        blocks.append(_rank_table(ranked, total, indicator, lang))
        charted = [entry for entry in ranked if entry.rank is not None]
        bars = Bars(indicator.term.render(lang), tuple(entry.result.unit for entry in charted),
                    tuple(_plotted(entry.result) for entry in charted),
                    tuple(_distinct([entry.result for entry in charted], lang)),  # as the table shows them
                    tuple(entry.result.status == FAIL for entry in charted),
                    _line_value(indicator, line), Message("briefing_chart_line", {"rule": _rule(
                        total or ranked[0].result)}).render(lang),
                    term("briefing_percent" if indicator.kind == RATE else "briefing_children").render(lang))
        caption = Message("briefing_figure", {"number": number, "indicator": indicator.term}).render(lang)
        blocks.append(Figure(bars, caption, Message("briefing_chart_left_out", {"indicator": indicator.term}
                                                    ).render(lang)))
    return term("briefing_rankings_heading"), blocks


def _rank_table(ranked: list[Ranked], total: Result | None, indicator: Indicator, lang: str) -> Table:
    value = "briefing_rate" if indicator.kind == RATE else "briefing_count"
    headers = ("briefing_rank", "briefing_unit", value, "briefing_line", "briefing_needed")
    values = _distinct([entry.result for entry in ranked], lang)
    rows = [(str(entry.rank) if entry.rank is not None else "—", entry.result.unit, value, _rule(entry.result),
             _needed(entry.result)) for entry, value in zip(ranked, values)]
    if total is not None and total.is_total:
        rows.append(("—", term("briefing_county").render(lang), _value(total, lang), _rule(total), _needed(total)))
    return Table(tuple(term(code).render(lang) for code in headers), tuple(rows), frozenset({0, 2, 4}),
                 frozenset({len(rows) - 1}) if total is not None and total.is_total else frozenset(),
                 widths=(1, 3, 3.6, 1.8, 1.6))


def _plotted(result: Result) -> float:
    """A bar's height (drawing only: the table holds the exact figures): percent points, or children."""
    if result.indicator.kind == RATE:
        return 100 * result.numerator / result.denominator
    return float(result.numerator)


def _line_value(indicator: Indicator, line) -> float | None:
    if line.target is None:
        return None
    return float(line.target.value) * (100 if indicator.kind == RATE else 1)


# ---- 三、本月进展 ------------------------------------------------------------------------------------------------

PROGRESS = (("opening", "briefing_opening"), ("new", "term_event_new"), ("returned", "term_event_returned"),
            ("closed_other", "term_event_closed"), ("vanished", "term_event_vanished"),
            ("closing", "briefing_closing"), ("returned_to_date", "briefing_to_date"))


def _progress(comparison: Comparison, plan: str | None, lang: str) -> tuple[Term, list[Block]]:
    rows = comparison.last
    total = rows[-1]
    said = Message("briefing_progress", {
        "span": f"{comparison.months[-2].label} → {comparison.months[-1].label}", "opening": total.opening,
        "new": total.new, "returned": total.returned, "closed": total.closed_other, "vanished": total.vanished,
        "closing": total.closing, "first": comparison.months[0].label, "to_date": total.returned_to_date})
    blocks: list[Block] = [Paragraph(said.render(lang))]
    planned = comparison.quotas is not None
    if planned and total.quota:
        blocks.append(Paragraph(Message("briefing_plan_progress", {
            "plan": Path(plan).name if plan else "—", "quota": total.quota, "to_date": total.returned_to_date,
            "met": _met(total)}).render(lang)))
    headers = [term("briefing_unit").render(lang), *(term(code).render(lang) for _, code in PROGRESS)]
    if planned:
        headers += [term("briefing_quota").render(lang), term("briefing_met").render(lang)]
    body = []
    for row in rows:
        cells = [row.unit or term("briefing_county").render(lang), *(f"{getattr(row, key):,}" for key, _ in PROGRESS)]
        if planned:
            cells += ["—" if row.quota is None else f"{row.quota:,}", _met(row)]
        body.append(tuple(cells))
    table = Table(tuple(headers), tuple(body), frozenset(range(1, len(headers))), frozenset({len(body) - 1}),
                  widths=(2.4, *([1] * (len(headers) - 1))))
    return term("briefing_progress_heading"), [*blocks, table]


def _met(row: UnitRow) -> str:
    return f"{percent(row.returned_to_date, row.quota, 1)}%" if row.quota else "—"


# ---- 四、存在问题 ------------------------------------------------------------------------------------------------


def _problems(sources: Sources, lang: str, attachments: dict) -> tuple[Term, list[Block]]:
    """Each sentence names the units and their numbers: nothing is said that no number shows."""
    said: list[Message] = []
    judged = sources.judged
    totals = {result.indicator.id: result for result in _county(judged) if result.is_total}
    for indicator in ranked_indicators(judged):
        below = [entry.result for entry in rank(judged, indicator) if entry.result.status == FAIL]
        total = totals.get(indicator.id)
        failing = total is not None and total.status == FAIL
        named = {"indicator": indicator.term, "rule": _rule(total or below[0])}
        if not below:
            said.append(Message("briefing_problem_county_only", {**named, "value": _value(total, lang),
                                                                 "needed": _needed(total)}))
            continue
        county = Message("briefing_problem_county" if indicator.kind == RATE else "briefing_problem_county_count",
                         {"value": _value(total, lang), "needed": _needed(total)}) if failing else ""
        code = "briefing_problem_unit" if indicator.kind == RATE else "briefing_problem_unit_count"
        units = listing(Message(code, {"unit": result.unit, "value": _value(result, lang),
                                       "needed": _needed(result)}) for result in below)
        said.append(Message("briefing_problem_below", {**named, "county": county, "count": len(below),
                                                       "units": units}))
    comparison = sources.comparison
    if comparison is not None:
        rows = comparison.last[:-1]
        for key, code, extra in (("stale", "briefing_problem_stale", {"days": comparison.stale_days}),
                                 ("no_visit", "briefing_problem_no_visit", {}),
                                 ("vanished", "briefing_problem_vanished", {})):
            counted = [row for row in rows if getattr(row, key)]
            if counted:
                said.append(Message(code, {**extra, "count": sum(getattr(row, key) for row in counted),
                                           "units": listing(Message("briefing_problem_count", {
                                               "unit": row.unit, "count": getattr(row, key)}) for row in counted)}))
    if "problems" in attachments:
        kinds = _problem_kinds(sources, lang)
        said.append(Message("briefing_problem_data", {
            "count": sum(kinds.values()), "kinds": listing(Message("briefing_problem_kind", {
                "kind": kind, "count": count}) for kind, count in kinds.items()),
            "number": list(attachments).index("problems") + 1}))
    if not said:
        return term("briefing_problems_heading"), [Paragraph(term("briefing_no_problems").render(lang))]
    return term("briefing_problems_heading"), [Paragraph(f"{number}. {message.render(lang)}")
                                               for number, message in enumerate(said, start=1)]


def _problem_kinds(sources: Sources, lang: str) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for row in _problem_rows(sources, lang):
        kinds[row[0]] = kinds.get(row[0], 0) + 1
    return kinds


# ---- 附件 ------------------------------------------------------------------------------------------------------


def _attachments(sources: Sources, lang: str) -> dict[str, tuple[Term, list[Block]]]:
    """The summary table; the children still out (when ledgers are given); the data problems (when there are)."""
    county = _county(sources.judged)
    lines = [Paragraph(Message("briefing_source", {"indicator": result.indicator.term, "source": result.line.source})
                       .render(lang)) for result in county if result.line.source]
    found = {"summary": (term("briefing_summary_title"), [_summary_table(sources.judged, lang), *(
        [Paragraph(term("briefing_sources").render(lang), indent=False), *lines] if lines else [])])}
    children = _children(sources, lang)
    if children is not None:
        found["still_out"] = (term("briefing_still_out_title"), children)
    problems = _problem_rows(sources, lang)
    if problems:
        headers = ("briefing_number", "briefing_problem", "briefing_file", "briefing_unit", "briefing_rows",
                   "briefing_explanation")
        found["problems"] = (term("briefing_problems_title"), [Table(
            tuple(term(code).render(lang) for code in headers),
            tuple((str(number), *row) for number, row in enumerate(problems, start=1)), frozenset({0}),
            widths=(0.8, 1.8, 3.2, 1.6, 1.6, 5.2))])  # a file name such as 台账-10月.csv on one line
    return found


def _summary_table(judged: Judged, lang: str) -> Table:
    """A row per unit and the county, a column per indicator headed by its line: check's summary."""
    current = [result for result in judged.results if result.current and result.level == 0]
    indicators = list(dict.fromkeys(result.indicator for result in current))
    rows: dict[str | None, dict[str, Result]] = {}
    for result in current:
        rows.setdefault(result.unit, {})[result.indicator.id] = result
    header = [term("briefing_unit").render(lang)]
    for indicator in indicators:
        example = next(result for result in current if result.indicator is indicator)
        header.append(Message("briefing_summary_header", {"indicator": indicator.term, "rule": _rule(
            next((result for result in current if result.indicator is indicator and result.is_total), example))}
                              ).render(lang))
    body = [(term("briefing_county").render(lang) if unit is None else unit,
             *(_value(results[indicator.id], lang) if indicator.id in results else "—" for indicator in indicators))
            for unit, results in rows.items()]
    county = frozenset({len(body) - 1}) if None in rows else frozenset()
    return Table(tuple(header), tuple(body), frozenset(range(1, len(header))), county,
                 widths=(2, *([1.5] * len(indicators))))


CHILD_HEADERS = ("briefing_number", "briefing_township", "briefing_school", "briefing_grade", "briefing_name",
                 "briefing_id", "briefing_return_status", "briefing_priority")


def _children(sources: Sources, lang: str) -> list[Block] | None:
    """The children still out: the last ledger's open cases (monthly), or the list `returns` gives; masked unless
    revealed."""
    if sources.comparison is not None:
        rows = [(case.township, case.school, case.shown("grade"), case.name, case.id_number, state(case, lang),
                 priority_groups(case, lang) or "") for case in sources.comparison.still_out]
    elif sources.still_out is not None:
        records = returns_report(sources.still_out, lang, sources.revealed).records
        rows = [(record["township"], record["school"], record["grade"], record["name"], record["id_number"],
                 record["return_status"], record["priority"] or "") for record in records]
    else:
        return None
    body = tuple((str(number), *(value or "" for value in row)) for number, row in enumerate(rows, start=1))
    said = Message("returns_revealed" if sources.revealed else "returns_masked").render(lang)
    return [Paragraph(Message("briefing_still_out_count", {"count": len(body)}).render(lang) + said, indent=False),
            Table(tuple(term(code).render(lang) for code in CHILD_HEADERS), body, frozenset({0}),
                  widths=(0.8, 1.6, 2.4, 1.2, 1.2, 3.2, 1.6, 2))]


def _problem_rows(sources: Sources, lang: str) -> list[tuple[str, ...]]:
    """(kind, file, unit, rows, explanation) of every data problem: the ledgers' (monthly), then the warnings of
    reading the summary tables and the list; never a name or an ID."""
    rows = []
    if sources.comparison is not None:
        for record in problem_records(sources.comparison, lang):
            rows.append((problem_kind(record["problem"]).render(lang), Path(record["file"]).name,
                         record["unit"] or "", listing(record["rows"]).render(lang), record["message"]))
    for message in sources.problems:
        where = message.where
        rows.append((term("briefing_warning").render(lang), Path(where.file).name if where else "",
                     "", str(where.row) if where and where.row else "", Message(message.code, message.params
                                                                                  ).render(lang)))
    return rows
