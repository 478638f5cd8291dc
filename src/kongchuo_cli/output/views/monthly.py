"""`kongchuo monthly` as a report: the township table of every month (one record per unit and month, then 合计),
the events and the data problems beside it in JSON, the tables a county reads at the terminal, and a workbook of
four sheets — 汇总, 变动明细, 未复学名册 (masked), 数据问题 — to print and send on."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kongchuo_cli import __version__
from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.indicators.definitions import percent
from kongchuo_cli.judge.monthly import Comparison, Event, Month, Problem, UnitRow
from kongchuo_cli.output.report import Report
from kongchuo_cli.output.sheet import COUNT, HEADING, PLAIN, Cell, Sheet, made_on, records_sheet, signatures
from kongchuo_cli.output.text import Column, draw
from kongchuo_cli.output.values import RECORD_DECIMALS, TOTAL_LABEL
from kongchuo_cli.problems import Message
from kongchuo_cli.read.roster.ledger import PRIORITIES
from kongchuo_cli.read.roster.snapshot import Case
from kongchuo_cli.read.vocabulary import QUALIFIER

GROUPS = {key: group for key, _, group in PRIORITIES}
# The record's keys (JSON keys, --lang en headers) and Chinese headers: the contract's eight first.
FIELDS: dict[str, str] = {
    "unit": "单位", "is_total": "是否合计", "opening": "期初在册", "new": "新增", "returned": "复学销号",
    "closed_other": "其他销号", "vanished": "无故消失", "closing": "期末在册", "period": "报告期",
    "reappeared": "其中重新纳入", "moved_in": "转入", "moved_out": "转出", "returned_to_date": "累计复学",
    "stale": "超期未劝返", "no_visit": "本月未走访", **{key: group.zh for key, group in GROUPS.items()},
}
PLAN_FIELDS = {"quota": "劝返任务", "quota_met": "任务完成(%)"}
COUNTS = ("opening", "new", "returned", "closed_other", "vanished", "closing", "reappeared", "moved_in", "moved_out",
          "returned_to_date", "stale", "no_visit", *GROUPS)
EVENT_FIELDS = {"event": Term("变动", "event"), "period": Term("报告期", "period"), "unit": Term("单位", "unit"),
                "township": Term("乡镇", "township"), "school": Term("学校", "school"), "name": Term("姓名", "name"),
                "id_number": Term("身份证号", "ID number"), "from": Term("变动前", "from"), "to": Term("变动后", "to"),
                "reason": Term("销号原因", "reason"), "placement": Term("安置方式", "placement"),
                "date": Term("日期", "date"), "match": Term("匹配依据", "matched by"),
                "row_before": Term("上期行号", "row before"), "row_after": Term("本期行号", "row after")}
PROBLEM_FIELDS = {"problem": Term("问题", "problem"), "period": Term("报告期", "period"), "file": Term("文件", "file"),
                  "unit": Term("单位", "unit"), "rows": Term("行号", "rows"), "name": Term("姓名", "name"),
                  "id_number": Term("身份证号", "ID number"), "message": Term("说明", "message")}
STILL_OUT_FIELDS = (Term("乡镇", "township"), Term("学校", "school"), Term("年级", "grade"), Term("姓名", "name"),
                    Term("身份证号", "ID number"), Term("台账类别", "category"), Term("劝返状态", "status"),
                    Term("优先群体", "priority"), Term("登记日期", "registered"), Term("劝返次数", "visits"),
                    Term("最近劝返日期", "last visit"), Term("法律措施", "legal measure"),
                    Term("核查结果", "check result"), Term("包保责任人", "responsible"), Term("原表行号", "row"))


def monthly_report(comparison: Comparison, lang: str, revealed: bool) -> Report:
    """The township table of every month as records; periods, events and problems beside them in JSON (the events
    and the lists of the workbook are built only for the format that shows them: a province has 100,000 cases)."""
    planned = comparison.quotas is not None
    fields = {**FIELDS, **(PLAN_FIELDS if planned else {})}
    records = [unit_record(row, lang, planned) for rows in comparison.tables for row in rows]
    head = {"version": __version__, "masked": not revealed, "periods": period_records(comparison)}
    tail = {"events": lambda: event_records(comparison, lang), "problems": lambda: problem_records(comparison, lang)}
    report = Report(fields, records, frozenset(COUNTS) | {"quota"}, frozenset({"quota_met"} if planned else ()),
                    head, "units",
                    table=lambda color, width: monthly_table(comparison, records, lang, revealed, color, width),
                    private=True, tail=tail, brief=Message("brief_rows", {"count": len(records)}).render(lang),
                    codes=frozenset({"is_total"}))
    report.book = lambda: [summary_sheet(comparison, report, lang), events_sheet(comparison, lang),
                           still_out_sheet(comparison, lang), problems_sheet(comparison, lang)]
    return report


def period_records(comparison: Comparison) -> list[dict[str, object]]:
    return [period_record(month) for month in comparison.months]


def event_records(comparison: Comparison, lang: str) -> list[dict[str, object]]:
    return [event_record(event, lang) for event in comparison.events]


def problem_records(comparison: Comparison, lang: str) -> list[dict[str, object]]:
    return [problem_record(problem, lang) for problem in comparison.problems]


# ---- records --------------------------------------------------------------------------------------------------


def unit_record(row: UnitRow, lang: str, planned: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "unit": TOTAL_LABEL.render(lang) if row.unit is None else row.unit, "is_total": row.unit is None,
        "opening": row.opening, "new": row.new, "returned": row.returned, "closed_other": row.closed_other,
        "vanished": row.vanished, "closing": row.closing, "period": row.month, "reappeared": row.reappeared,
        "moved_in": row.moved_in, "moved_out": row.moved_out, "returned_to_date": row.returned_to_date,
        "stale": row.stale, "no_visit": row.no_visit, **dict(zip(GROUPS, row.groups)),
    }
    if planned:
        record["quota"] = row.quota
        record["quota_met"] = (percent(row.returned_to_date, row.quota, RECORD_DECIMALS) if row.quota else None)
    return record


def period_record(month: Month) -> dict[str, object]:
    snapshot = month.snapshot
    opened = sum(case.open for case in snapshot.cases)
    return {"period": month.label, "file": snapshot.path, "sheet": snapshot.sheet,
            "date": snapshot.stated.isoformat() if snapshot.stated else None, "rows": snapshot.rows,
            "cases": len(snapshot.cases), "open": opened, "closed": len(snapshot.cases) - opened}


def event_record(event: Event, lang: str) -> dict[str, object]:
    case, before, after = event.after or event.before, event.before, event.after
    shown_from, shown_to = _from_to(event, lang)
    closing = event.kind in ("returned", "closed")
    dated = {"new": "registered", "returned": "closed_on", "closed": "closed_on", "visits": "last_visit",
             "legal": "legal_date"}.get(event.kind)
    day = getattr(after, dated) if dated and after is not None else None
    return {"event": event.kind, "period": event.month, "unit": event.unit, "township": case.township,
            "school": case.school, "name": case.name, "id_number": case.id_number, "from": shown_from,
            "to": shown_to, "reason": _reason_code(after.reason) if closing else None,
            "placement": (after.shown("placement") or None) if event.kind == "returned" else None,
            "date": day.isoformat() if day else None, "match": event.match,
            "row_before": before.line if before else None, "row_after": after.line if after else None}


def problem_record(problem: Problem, lang: str) -> dict[str, object]:
    case = problem.case
    return {"problem": problem.code, "period": problem.month, "file": problem.file,
            "unit": case.unit if case else None, "rows": list(problem.rows), "name": case.name if case else None,
            "id_number": case.id_number if case else None, "message": problem.message.render(lang)}


def _reason_code(reason: str | None) -> str | None:
    return "other" if reason == "?" else reason


def state(case: Case, lang: str) -> str:
    """Where a case stands: its 劝返状态 while open (在册 without one), its 销号 reason once closed."""
    if not case.open:
        return reason_label(case, lang)
    return _label("term_return", case.status, lang) if case.status else _label("term_monthly", "open", lang)


def reason_label(case: Case, lang: str) -> str:
    return case.shown("reason_text") if case.reason == "?" else _label("term_close", case.reason, lang)


@lru_cache(maxsize=512)
def _label(prefix: str, code: str | None, lang: str) -> str | None:
    """A code's name in the reader's language (the catalogue's prefix_code), 无法识别 for "?"; None stays None."""
    if code is None:
        return None
    return term("term_unknown" if code == "?" else f"{prefix}_{code}").render(lang)


def place(case: Case) -> str:
    return QUALIFIER.join(part for part in (case.township, case.school) if part) or "—"


def _from_to(event: Event, lang: str) -> tuple[object, object]:
    before, after = event.before, event.after
    kind = event.kind
    if kind == "new":
        return None, state(after, lang)
    if kind in ("returned", "closed", "reappeared", "vanished"):
        return (state(before, lang) if before else None), (state(after, lang) if after else None)
    if kind == "moved":
        return place(before), place(after)
    if kind == "visits":
        return before.visits or 0, after.visits
    if kind == "legal":
        return _label("term_legal", before.legal, lang), _label("term_legal", after.legal, lang)
    if event.what == "category":
        return _label("term_category", before.category, lang), _label("term_category", after.category, lang)
    return state(before, lang), state(after, lang)  # the 劝返状态 of an open case, the reason of a closed one


# ---- workbook sheets ------------------------------------------------------------------------------------------


def summary_sheet(comparison: Comparison, report: Report, lang: str) -> Sheet:
    """汇总: the township table of every month, under a title and the months it spans, to print and sign."""
    title = Message("monthly_summary_title", {"span": _span(comparison)}).render(lang)
    return replace(records_sheet(report, lang), name=term("book_summary").render(lang), title=title,
                   lines=[made_on(lang)], notes=[signatures(lang, "book_prepared", "book_checked", "book_approved")])


def _titled(name: str, title: str, headers: list[str], rows: list[list[object]], lang: str) -> Sheet:
    """A list as a workbook sheet: its title, the header (filtered), a row per item; numbers as numbers."""
    body = [[Cell(value, COUNT if isinstance(value, int) else PLAIN) for value in row] for row in rows]
    return Sheet(name, title, [made_on(lang)], [[Cell(header, HEADING) for header in headers]], body, filter=True)


def _span(comparison: Comparison) -> str:
    return f"{comparison.months[0].label} → {comparison.months[-1].label}"


def events_sheet(comparison: Comparison, lang: str) -> Sheet:
    match_names = {kind: term(f"term_match_{kind}").render(lang) for kind in ("id_number", "student_id", "name")}
    rows = [[_label("term_event", record["event"], lang),
             *(match_names.get(value, value) if key == "match" else
               _label("term_close", value, lang) if key == "reason" else value
               for key, value in list(record.items())[1:])] for record in event_records(comparison, lang)]
    title = Message("monthly_events_title", {"span": _span(comparison), "count": len(rows)}).render(lang)
    return _titled(term("term_sheet_events").render(lang), title, [field.render(lang) for field in EVENT_FIELDS.values()],
                   rows, lang)


def still_out_sheet(comparison: Comparison, lang: str) -> Sheet:
    rows = [[case.township, case.school, case.shown("grade"), case.name, case.id_number,
             _label("term_category", case.category, lang), state(case, lang), priority_groups(case, lang),
             case.registered.isoformat() if case.registered else None, case.visits,
             case.last_visit.isoformat() if case.last_visit else None, _label("term_legal", case.legal, lang),
             case.shown("check_result") or None, case.shown("responsible") or None, case.line]
            for case in comparison.still_out]
    title = Message("monthly_still_out_title", {"month": comparison.months[-1].label, "count": len(rows)}
                    ).render(lang)
    return _titled(term("term_sheet_still_out").render(lang), title, [field.render(lang) for field in STILL_OUT_FIELDS],
                   rows, lang)


def problems_sheet(comparison: Comparison, lang: str) -> Sheet:
    rows = [[problem_kind(record["problem"]).render(lang), *(listing(value).render(lang) if key == "rows" else value
                                                             for key, value in list(record.items())[1:])]
            for record in problem_records(comparison, lang)]
    title = Message("monthly_problems_title", {"count": len(rows)}).render(lang)
    return _titled(term("term_sheet_problems").render(lang), title,
                   [field.render(lang) for field in PROBLEM_FIELDS.values()], rows, lang)


# The kind of a data problem in words, for people (JSON keeps the code): the rest are the identity checks of `check`
PROBLEM_KINDS = {"vanished": "term_event_vanished", "twice": "term_problem_twice", "no_key": "term_problem_no_key",
                 "unstated_reason": "term_close_unstated", "bad_date": "term_unknown", "bad_visits": "term_unknown",
                 "bad_reason": "term_close_other", "bad_category": "term_unknown", "bad_legal": "term_unknown"}


def problem_kind(code: str) -> Term:
    return term(PROBLEM_KINDS.get(code, "term_problem_identity"))


def priority_groups(case: Case, lang: str) -> str | None:
    return listing(group for bit, group in enumerate(GROUPS.values()) if case.in_group(bit)).render(lang) or None


# ---- the tables a person reads --------------------------------------------------------------------------------

FLOW_COLUMNS = (("opening", Term("期初", "Start")), ("new", Term("新增", "New")),
                ("returned", Term("复学销号", "Returned")), ("closed_other", Term("其他销号", "Closed")),
                ("vanished", Term("消失", "Vanished")), ("closing", Term("期末", "End")))
MOVE_COLUMNS = (("moved_in", Term("转入", "In")), ("moved_out", Term("转出", "Out")))
WORK_COLUMNS = (("closing", Term("期末", "Open")), ("stale", Term("超期", "Stale")),
                ("no_visit", Term("未走访", "No visit")))
PLAN_COLUMNS = (("quota", Term("任务", "Quota")), ("returned_to_date", Term("累计复学", "Returned")),
                ("quota_met", Term("完成", "Met")))
SHORT_GROUPS = {"poverty": Term("脱贫户", "Poverty"), "disabled": Term("残疾", "Disabled"), "orphan": Term("孤儿", "Orphan"),
                "left_behind": Term("留守", "Left-behind"), "migrant": Term("随迁", "Migrant"),
                "distressed": Term("困境", "Distress")}
GROUP_COLUMNS = tuple((key, SHORT_GROUPS[key]) for key in GROUPS)  # every priority group has its short header
TREND_COLUMNS = (*FLOW_COLUMNS, ("returned_to_date", Term("累计复学", "To date")))


def monthly_table(comparison: Comparison, records: list[dict], lang: str, revealed: bool, color: bool,
                  width: int | None) -> str:
    """The last month's table (flows, then the open cases and the work on them), the plan's progress, the trend
    when there are more than two snapshots, then what happened and what to fix, in sentences."""
    width = width or 140
    last = [record for record in records if record["period"] == comparison.months[-1].label]
    moves = any(record["moved_in"] for record in last)
    title = Message("monthly_title", {"span": _span(comparison)}).render(lang)
    blocks = [_table(title, last, (*FLOW_COLUMNS, *(MOVE_COLUMNS if moves else ())), lang, width, color)]
    month = comparison.months[-1].label
    work = [(key, header) for key, header in WORK_COLUMNS if any(record[key] is not None for record in last)]
    if comparison.quotas is not None:
        work += PLAN_COLUMNS
    blocks.append(_table(Message("monthly_work_title", {"month": month}).render(lang), last, work, lang, width,
                         color))
    groups = [(key, header) for key, header in GROUP_COLUMNS if any(record[key] is not None for record in last)]
    if groups:
        blocks.append(_table(Message("monthly_groups_title", {"month": month}).render(lang), last, groups, lang,
                             width, color))
    if len(comparison.months) > 2:
        totals = [record for record in records if record["is_total"]]
        blocks.append(_table(Message("monthly_trend_title").render(lang), totals, TREND_COLUMNS, lang, width, color,
                             label="period"))
    return "\n".join(blocks) + "\n".join(footer(comparison, lang, revealed)) + "\n"


def _table(title: str, records: list[dict], shown, lang: str, width: int, color: bool, label: str = "unit") -> str:
    columns = [Column(Term("单位", "Unit") if label == "unit" else Term("报告期", "Period"), wraps=True),
               *(Column(header, right=True) for _, header in shown)]
    rows = [[(str(record[label]), "bold"), *((_cell(record, key), "bold" if record["is_total"] else None)
                                             for key, _ in shown)] for record in records]
    sections = [[row for row, record in zip(rows, records) if not record["is_total"]],
                [row for row, record in zip(rows, records) if record["is_total"]]]
    if label == "period":
        sections = [rows]
    return draw(title, columns, [column.header.render(lang) for column in columns],
                [section for section in sections if section], width, color)


def _cell(record: dict, key: str) -> str:
    value = record[key]
    if value is None:
        return "—"
    if key == "quota_met":  # at a tenth of a percent, rounded half up from the exact share
        return f"{percent(record['returned_to_date'], record['quota'], 1)}%"
    return f"{value:,}"


def footer(comparison: Comparison, lang: str, revealed: bool) -> list[str]:
    """What the tables mean, what happened (events by kind, 销号 by reason) and what to fix."""
    total = comparison.last[-1]
    kinds = {kind: 0 for kind in ("new", "returned", "closed", "vanished", "reappeared", "moved", "status", "visits",
                                  "legal")}
    month = comparison.months[-1].label
    for event in comparison.events:
        if event.month == month:
            kinds[event.kind] += 1
    lines = [Message("monthly_identity"),
             Message("monthly_events", {"events": listing(Message("monthly_event_count", {
                 "kind": term(f"term_event_{kind}"), "count": count}) for kind, count in kinds.items() if count)})
             if any(kinds.values()) else Message("monthly_no_events")]
    if total.closed_by_reason:
        lines.append(Message("monthly_closed_reasons", {"reasons": listing(Message("monthly_event_count", {
            "kind": term(f"term_close_{_reason_code(reason)}"), "count": count})
            for reason, count in total.closed_by_reason.most_common())}))
    if total.stale is not None:
        lines.append(Message("monthly_stale_note", {"days": comparison.stale_days}))
    problems = comparison.problems
    lines.append(Message("monthly_problems", {"count": len(problems)}) if problems else Message("monthly_no_problems"))
    lines.append(Message("returns_revealed" if revealed else "returns_masked"))
    return [line.render(lang) for line in lines]
