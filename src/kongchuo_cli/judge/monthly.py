"""The ledger followed month by month (流失生月报): snapshots put in order, each case matched with its row of the
month before, what happened to it judged (an event), and the township table those judgments add up to.

This is the judging stage's work, beside `evaluate` and `plan`: which rows are one child (by 身份证号, else 全国学籍号,
else 姓名 + 出生日期 + 学校, the last warned) and whether a case that left the ledger came back to school, was closed
for another reason, or vanished (a data problem, never a return) are judgments about the county's records; the
table's counts are their sums, checked against the snapshots themselves:

    closing = opening + new − returned − closed_other − vanished (+ moved_in − moved_out, which cancel in 合计)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kongchuo_cli.i18n import listing, term
from kongchuo_cli.model import STALE_DAYS
from kongchuo_cli.problems import Message, Where
from kongchuo_cli.read.roster.ledger import PRIORITIES
from kongchuo_cli.read.roster.snapshot import Case, Snapshot
from kongchuo_cli.read.vocabulary import RETURNED, SNAPSHOT_DATE_HEADERS

EVENTS = ("new", "returned", "closed", "vanished", "reappeared", "moved", "status", "visits", "legal")
# The keys a case is followed by from one month to the next, strongest first; a match by the last one is warned.
MATCHES = (("id_number", "id_key"), ("student_id", "student_key"), ("name", "name_key"))
NAME_MATCH = "name"
# What the table counts beyond the flows, and the columns each needs (any one of them, in the later snapshot).
NEEDS = {"stale": ("last_visit", "registered"), "no_visit": ("visits", "last_visit")}


@dataclass(frozen=True)
class Month:
    """A snapshot in its place in the series, with the label that names it (its 统计时点, else its sheet or file)."""

    label: str
    snapshot: Snapshot

    @property
    def stated(self) -> date | None:
        return self.snapshot.stated


@dataclass(frozen=True)
class Event:
    """What happened to one case between two snapshots: its row before and after (None where it has none)."""

    kind: str  # one of EVENTS
    month: str  # the later snapshot's label
    before: Case | None
    after: Case | None
    match: str | None = None  # how the rows were matched: id_number, student_id or name
    what: str | None = None  # for a status event: return_status, category or reason

    @property
    def unit(self) -> str:
        """Where the event counts: a case leaving the open cases counts where it stood, anything else where it is."""
        if self.kind in ("returned", "closed", "vanished") and self.before is not None and self.before.open:
            return self.before.unit
        return (self.after or self.before).unit


@dataclass
class UnitRow:
    """One row of the township table: a unit (None: 合计) from one snapshot to the next."""

    unit: str | None
    month: str
    opening: int = 0  # 期初在册: open in the earlier snapshot
    new: int = 0  # 新增: open now, not open before (reappeared included), or opened and closed in between
    returned: int = 0  # 复学销号
    closed_other: int = 0  # 其他销号
    vanished: int = 0  # 无故消失: open before, absent now
    closing: int = 0  # 期末在册: open in the later snapshot
    reappeared: int = 0  # of `new`, closed before
    moved_in: int = 0  # open in both, from another unit
    moved_out: int = 0
    returned_to_date: int = 0  # returns since the first snapshot
    stale: int | None = None  # open, no visit (or registration) for more than the stale days; None: cannot say
    no_visit: int | None = None  # open, not visited since the snapshot before
    groups: tuple[int | None, ...] = ()  # open cases per priority group (PRIORITIES' order); None: no column
    quota: int | None = None  # from the plan
    closed_by_reason: Counter = field(default_factory=Counter)

    @property
    def balanced(self) -> bool:
        return self.closing == (self.opening + self.new + self.moved_in - self.moved_out - self.returned
                                - self.closed_other - self.vanished)


@dataclass(frozen=True)
class Problem:
    """A data problem to fix in the ledger: rows of one snapshot, and the case they are about where there is one."""

    code: str  # short: vanished, twice, or a row problem's code without its prefix
    month: str
    file: str
    rows: tuple[int, ...]
    message: Message
    case: Case | None = None


@dataclass
class Comparison:
    """The months compared: the snapshots in order, the table of each month after the first, the events between
    them, the data problems, and the last month's open cases."""

    months: list[Month]
    units: list[str]  # every unit, in the order first seen
    tables: list[list[UnitRow]]  # per month after the first: a row per unit, then 合计
    events: list[Event]
    problems: list[Problem]
    still_out: list[Case]  # the open cases of the last snapshot, ordered as a township reads them
    notices: list[Message] = field(default_factory=list)
    quotas: dict[str, int] | None = None
    stale_days: int = STALE_DAYS

    @property
    def last(self) -> list[UnitRow]:
        return self.tables[-1]


def compare(months: list[Month], stale_days: int = STALE_DAYS, quotas: dict[str, int] | None = None) -> Comparison:
    """The events between consecutive snapshots (in order: `order`), the township table of each month and the data
    problems; `quotas` (unit → children to bring back, from a plan) adds each unit's progress."""
    notices: list[Message] = []
    units = list(dict.fromkeys(case.unit for month in months for case in month.snapshot.cases))
    if quotas:
        missing = [unit for unit in quotas if unit not in units]
        if missing:
            notices.append(Message("monthly_plan_units_missing", {"units": listing(missing, 10)}))
        units += missing
    events, tables, problems, off = [], [], [], {}
    to_date: Counter = Counter()
    for previous, current in zip(months, months[1:]):
        pairs, named = match(previous.snapshot.cases, current.snapshot.cases)
        if named:
            notices.append(Message("monthly_name_matched", {"count": len(named), "month": current.label,
                                                            "rows": listing(named, 20)}, Where(current.snapshot.name)))
        found = judge_events(previous, current, pairs)
        rows = tally(units, current, previous, found, pairs, stale_days, off)
        for row in rows[:-1]:
            to_date[row.unit] += row.returned
            row.returned_to_date = to_date[row.unit]
        rows[-1].returned_to_date = sum(to_date.values())
        if quotas is not None:
            for row in rows[:-1]:
                row.quota = quotas.get(row.unit)
            rows[-1].quota = sum(quotas.values())
        events.extend(found)
        tables.append(rows)
        problems.extend(Problem("vanished", current.label, previous.snapshot.name, (event.before.line,),
                                Message("monthly_vanished", {"row": event.before.line,
                                                             "file": previous.snapshot.name}), event.before)
                        for event in found if event.kind == "vanished")
    notices.extend(_said_off(off))
    problems = [*_snapshot_problems(months), *problems]  # each snapshot's own, then the cases that vanished
    return Comparison(months, units, tables, events, problems, _still_out(months[-1], units), notices, quotas,
                      stale_days)


# ---- order ----------------------------------------------------------------------------------------------------


def order(snapshots: list[Snapshot]) -> tuple[list[Month], list[Message]]:
    """In the order of their 统计时点 when every snapshot states one, else in the order given (said when only some
    do); each labelled by its date, else its sheet or file name (its full name where two labels would clash)."""
    notices = []
    stated = [snapshot.stated for snapshot in snapshots]
    ordered = snapshots
    if all(stated):
        ordered = sorted(snapshots, key=lambda snapshot: snapshot.stated)
        if any(sorted_one is not given for sorted_one, given in zip(ordered, snapshots)):
            notices.append(Message("monthly_reordered", {"headers": listing(SNAPSHOT_DATE_HEADERS[:2])}))
        if len(set(stated)) < len(stated):
            notices.append(Message("monthly_same_date", {"dates": listing(sorted(
                {day.isoformat() for day in stated if stated.count(day) > 1}))}))
    elif any(stated):
        notices.append(Message("monthly_dates_partial", {"files": listing(
            snapshot.name for snapshot in snapshots if snapshot.stated is None)}))
    labels = [_label(snapshot) for snapshot in ordered]
    labels = [snapshot.name if labels.count(label) > 1 else label for snapshot, label in zip(ordered, labels)]
    return [Month(label, snapshot) for label, snapshot in zip(labels, ordered)], notices


def _label(snapshot: Snapshot) -> str:
    if snapshot.stated is not None:
        return snapshot.stated.isoformat()
    return snapshot.sheet if snapshot.name != snapshot.path and snapshot.sheet else Path(snapshot.path).name


# ---- matching and events --------------------------------------------------------------------------------------


def match(before: list[Case], after: list[Case]) -> tuple[dict[int, tuple[int, str]], list[int]]:
    """Which earlier case each later one is: {index in after: (index in before, the key that matched)}, trying each
    key of MATCHES in turn on the cases still unmatched; and the later rows matched by name alone."""
    pairs: dict[int, tuple[int, str]] = {}
    taken: set[int] = set()
    for kind, attribute in MATCHES:
        field_at = Case._fields.index(attribute)
        index: dict[int, int] = {}
        for position, case in enumerate(before):
            key = case[field_at]
            if key is not None and key not in index and position not in taken:
                index[key] = position
        for position, case in enumerate(after):
            key = case[field_at]
            if key is not None and position not in pairs:
                earlier = index.pop(key, None)
                if earlier is not None:
                    pairs[position] = (earlier, kind)
                    taken.add(earlier)
    named = sorted(after[position].line for position, (_, kind) in pairs.items() if kind == NAME_MATCH)
    return pairs, named


def judge_events(previous: Month, current: Month, pairs: dict[int, tuple[int, str]]) -> list[Event]:
    """Every event between two snapshots, in EVENTS' order, then by the later row (the earlier one if gone)."""
    before, after = previous.snapshot.cases, current.snapshot.cases
    compared = previous.snapshot.columns & current.snapshot.columns
    found = []
    for position, case in enumerate(after):
        earlier, kind = pairs.get(position, (None, None))
        found.extend(changes(before[earlier] if earlier is not None else None, case, current.label, kind, compared))
    matched = {earlier for earlier, _ in pairs.values()}
    found.extend(Event("vanished", current.label, case, None)
                 for position, case in enumerate(before) if position not in matched and case.reason is None)
    return sorted(found, key=lambda event: (RANK[event.kind], (event.after or event.before).line))


RANK = {kind: position for position, kind in enumerate(EVENTS)}


def changes(before: Case | None, after: Case, month: str, matched_by: str | None = None,
            compared: frozenset[str] = frozenset()) -> list[Event]:
    """What happened to a case present now: new, closed (a return or another 销号), reopened, and what changed
    while it stayed (its unit or school, its status, the visits, the legal measures: only those whose columns
    both snapshots have, the `compared` ones, so that a column added this month is no change of every case)."""
    is_open = after.reason is None
    if before is None:
        return [Event("new", month, None, after)] + ([] if is_open else [_closing(None, after, month)])
    found = []
    was_open = before.reason is None
    if was_open != is_open:
        found.append(Event("reappeared", month, before, after, matched_by) if is_open else
                     _closing(before, after, month, matched_by))
    if before.unit != after.unit or (before.school != after.school and "school" in compared):
        found.append(Event("moved", month, before, after, matched_by))
    if was_open and is_open:
        if before.status != after.status and "return_status" in compared:
            found.append(Event("status", month, before, after, matched_by, "return_status"))
        if before.category != after.category and "ledger_category" in compared:
            found.append(Event("status", month, before, after, matched_by, "category"))
    elif not was_open and not is_open and before.reason != after.reason:
        found.append(Event("status", month, before, after, matched_by, "reason"))
    if after.visits is not None and after.visits > (before.visits or 0) and "visits" in compared:
        found.append(Event("visits", month, before, after, matched_by))
    if after.legal != before.legal and after.legal is not None and "legal_measure" in compared:
        found.append(Event("legal", month, before, after, matched_by))
    return found


def _closing(before: Case | None, after: Case, month: str, matched_by: str | None = None) -> Event:
    return Event("returned" if after.reason == RETURNED else "closed", month, before, after, matched_by)


# ---- the township table ---------------------------------------------------------------------------------------


def tally(units: list[str], current: Month, previous: Month, events: list[Event], pairs: dict[int, tuple[int, str]],
          stale_days: int, off: dict[str, list[str]]) -> list[UnitRow]:
    """A row per unit and the 合计 row for one month; `off` gathers what could not be counted, and in which months."""
    columns = current.snapshot.columns
    counts = {name: any(column in columns for column in needed) for name, needed in NEEDS.items()}
    for name, possible in counts.items():
        if not possible:
            off.setdefault(name, []).append(current.label)
    if counts["stale"] and current.stated is None:  # days since a visit need the day of the snapshot
        counts["stale"] = False
        off.setdefault("stale_date", []).append(current.label)
    has_group = [any(name in columns for name in members) for _, members, _ in PRIORITIES]
    for (_, _, group), possible in zip(PRIORITIES, has_group):
        if not possible:
            off.setdefault("groups", []).append(group)
    rows = {unit: UnitRow(unit, current.label, stale=0 if counts["stale"] else None,
                          no_visit=0 if counts["no_visit"] else None,
                          groups=tuple(0 if possible else None for possible in has_group)) for unit in units}
    before = previous.snapshot.cases
    for case in before:
        if case.open:
            rows[case.unit].opening += 1
    grouped: Counter = Counter()  # (unit, groups as bits) → open cases
    for position, case in enumerate(current.snapshot.cases):
        if not case.open:
            continue
        row = rows[case.unit]
        row.closing += 1
        grouped[case.unit, case.groups] += 1
        if counts["stale"] and _stale(case, current.stated, stale_days):
            row.stale += 1
        if counts["no_visit"]:
            earlier = pairs.get(position)
            row.no_visit += not _visited(before[earlier[0]] if earlier else None, case, previous.stated)
    for (unit, bits), count in grouped.items():
        rows[unit].groups = tuple(None if total is None else total + count * (bits >> bit & 1)
                                  for bit, total in enumerate(rows[unit].groups))
    for event in events:
        row = rows[event.unit]
        if event.kind in ("new", "reappeared"):
            row.new += 1
            row.reappeared += event.kind == "reappeared"
        elif event.kind == "returned":
            row.returned += 1
        elif event.kind == "closed":
            row.closed_other += 1
            row.closed_by_reason[event.after.reason] += 1
        elif event.kind == "vanished":
            row.vanished += 1
        elif event.kind == "moved" and event.before.open and event.after.open:
            rows[event.before.unit].moved_out += 1
            row.moved_in += 1
    table = list(rows.values())
    table.append(_total(table, current.label))
    unbalanced = [row.unit for row in table if not row.balanced]
    if unbalanced:  # the flows and the snapshots disagree: a fault in this module, never in the data
        raise RuntimeError(f"the township table does not add up for {unbalanced}")
    return table


def _total(rows: list[UnitRow], month: str) -> UnitRow:
    total = UnitRow(None, month)
    for name in ("opening", "new", "returned", "closed_other", "vanished", "closing", "reappeared", "moved_in",
                 "moved_out"):
        setattr(total, name, sum(getattr(row, name) for row in rows))
    for name in ("stale", "no_visit"):
        setattr(total, name, None if rows and getattr(rows[0], name) is None else
                sum(getattr(row, name) for row in rows))
    total.groups = tuple(None if rows and rows[0].groups[position] is None else
                         sum(row.groups[position] for row in rows) for position in range(len(PRIORITIES)))
    total.closed_by_reason = sum((row.closed_by_reason for row in rows), Counter())
    return total


def _stale(case: Case, on: date, stale_days: int) -> bool:
    """No visit (or, never visited, no registration) for more than `stale_days` days before the snapshot's date."""
    since = case.last_visit or case.registered
    return since is not None and (on - since).days > stale_days


def _visited(before: Case | None, after: Case, previous_date: date | None) -> bool:
    """Visited since the snapshot before: more visits counted, or a later last visit."""
    visits_before = before.visits if before is not None and before.visits is not None else 0
    if after.visits is not None and after.visits > visits_before:
        return True
    if after.last_visit is None:
        return False
    if before is not None and before.last_visit is not None:
        return after.last_visit > before.last_visit
    return previous_date is None or after.last_visit > previous_date


def _said_off(off: dict[str, list[str]]) -> list[Message]:
    """What could not be counted, said once each."""
    said = []
    for name, where in off.items():
        if name == "groups":
            said.append(Message("monthly_off_groups", {"groups": listing(dict.fromkeys(where))}))
        elif name == "stale_date":
            said.append(Message("monthly_off_stale_date", {"months": listing(where),
                                                           "headers": listing(SNAPSHOT_DATE_HEADERS[:2])}))
        else:
            said.append(Message("monthly_off", {"what": term(f"term_monthly_{name}"), "months": listing(where)}))
    return said


# ---- problems and the list of children still out ------------------------------------------------------------


def _snapshot_problems(months: list[Month]) -> list[Problem]:
    """Each snapshot's own problems: rows that cannot be read, and children listed twice."""
    found = []
    for month in months:
        snapshot = month.snapshot
        found.extend(Problem(problem.code.split("_", 1)[1], month.label, snapshot.name, problem.rows,
                             problem.message()) for problem in snapshot.problems)
        for rows in snapshot.twice:
            places = {(case.unit, case.school) for case in rows}
            found.append(Problem("twice", month.label, snapshot.name, tuple(case.line for case in rows), Message(
                "monthly_twice", {"rows": listing(case.line for case in rows), "counted": rows[0].line,
                                  "where": Message("monthly_twice_places" if len(places) > 1 else
                                                   "monthly_twice_same")}), rows[0]))
    return found


# Problems of one case each, said on stderr a line per snapshot: the phrase that says what they are
PER_CASE = {"vanished": "monthly_vanished_rows", "twice": "monthly_twice_rows"}
LISTED_ROWS = 20  # rows named per line on stderr: the JSON and the 数据问题 sheet list them all


def problem_notices(problems: list[Problem]) -> list[Message]:
    """The data problems as warnings: a line per kind of problem and file, with its first rows."""
    said, cases = [], {}
    for problem in problems:
        if problem.code in PER_CASE:
            cases.setdefault((problem.file, problem.code), []).extend(problem.rows)
        else:
            said.append(_rows_said(problem.file, problem.message, problem.rows))
    return said + [_rows_said(file, Message(PER_CASE[code]), rows) for (file, code), rows in cases.items()]


def _rows_said(file: str, what: Message, rows: tuple[int, ...] | list[int]) -> Message:
    more = Message("monthly_rows_more") if len(rows) > LISTED_ROWS else ""
    return Message("roster_rows", {"count": len(rows), "what": what, "rows": listing(rows[:LISTED_ROWS]),
                                   "more": more}, Where(file))


def _still_out(month: Month, units: list[str]) -> list[Case]:
    """The open cases of the last snapshot by unit and school, priority groups first (as `returns` lists them)."""
    places = {unit: position for position, unit in enumerate(units)}
    cases = [case for case in month.snapshot.cases if case.open]
    schools = {school: position for position, school in enumerate(dict.fromkeys(case.school for case in cases))}

    def first_group(case: Case) -> int:  # the lowest bit set: the group served first
        return (case.groups & -case.groups).bit_length() - 1 if case.groups else len(PRIORITIES)

    return sorted(cases, key=lambda case: (places[case.unit], schools[case.school], first_group(case), case.line))
