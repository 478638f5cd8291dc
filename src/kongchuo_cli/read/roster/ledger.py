"""The children still out of school, from a dropout ledger (劝返状态 未劝返 or 劝返中) or a 学籍 roster (学籍状态
辍学), by township and school, priority groups first, with the person responsible.

Names and ID numbers are masked unless `reveal`, before they leave this module.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.model import Progress
from kongchuo_cli.problems import KongchuoError, Message, Where
from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.roster.counts import COPIED, aggregate, problem_notices
from kongchuo_cli.read.roster.identity import mask_id, mask_name
from kongchuo_cli.read.roster.source import Source, opened, spreadsheet_rows
from kongchuo_cli.read.roster.sql import (
    category_sql,
    column_sql,
    connected,
    query,
    scan_sql,
    watched,
    yes_sql,
)
from kongchuo_cli.read.vocabulary import (
    RETURN_STATUSES,
    STATUSES,
    STILL_OUT,
    parse_grade,
)

# Priority groups in the order they are served (the first a child belongs to decides its place in the list).
PRIORITIES: tuple[tuple[str, tuple[str, ...], Term], ...] = (
    ("poverty", ("poverty",), term("term_priority_poverty")),
    ("disabled", ("disability",), term("term_priority_disabled")),
    ("orphan", ("orphan", "unsupported"), term("term_priority_orphan")),
    ("left_behind", ("left_behind",), term("term_priority_left_behind")),
    ("migrant", ("migrant",), term("term_priority_migrant")),
    ("distressed", ("distressed",), term("term_priority_distressed")),
)
SHOWN = ("township", "school", "grade", "class", "name", "id_number", "dropout_reason", "responsible")
CHECKED = 0.7  # of DuckDB's work on a ledger, the identity checks; the list itself is one more scan


@dataclass
class ReturnList:
    children: list[dict]
    counts: Counter  # every row by 劝返 status (and "unknown" for what cannot be read)
    by_township: dict[str, Counter]
    source: str  # "ledger" (劝返状态) or "roster" (学籍状态 辍学)
    notices: list[Message] = field(default_factory=list)  # the identity checks' problems, conflicts


CLOSED = ("returned", "transfer_verified")  # back at school, or at another: never to be fetched


def priority_flags(source: Source) -> dict[str, str]:
    """Each priority column's SQL condition (false where the ledger has no such column): a 是/否 flag, or for
    残疾类型 any kind written."""
    columns = source.header.columns
    return {name: yes_sql(column_sql(source, name)) if name in columns and name != "disability" else
            (f"coalesce({column_sql(source, name)}, '') <> ''" if name in columns else "false")
            for _, names, _ in PRIORITIES for name in names}


def read_returns(path: str, options: ReadOptions, reveal: bool = False, progress: Progress = Progress()
                 ) -> ReturnList:
    """The children still out of school, with the identity checks of `check` (ID, 学籍号, age, duplicates) run over
    the same file; a child out in one row and back in another is not listed but reported with both rows."""
    with opened(path, options, progress=progress.part(0, COPIED)) as source:
        copied = COPIED if source.csv_path != path else 0
        checked = aggregate(source, progress=progress.part(copied, copied + (1 - copied) * CHECKED))
        columns = source.header.columns
        if "return_status" in columns:
            status, kind = category_sql(column_sql(source, "return_status"), RETURN_STATUSES), "ledger"
        elif "status" in columns:
            status, kind = f"CASE WHEN {category_sql(column_sql(source, 'status'), STATUSES)} = 'dropout' THEN 'out' END", \
                "roster"
        else:
            raise KongchuoError([Message("returns_no_status", {}, Where(path))])
        text = {name: column_sql(source, name) or "NULL" for name in (*SHOWN, "student_id", "disability")}
        flags = priority_flags(source)
        select = ", ".join([f"{status} AS status", *(f"{expression} AS {name}" for name, expression in text.items()),
                            *(f"{expression} AS flag_{name}" for name, expression in flags.items()),
                            "row_number() OVER () AS line"])
        with connected() as connection:
            connection.execute("SET preserve_insertion_order = true")  # rows numbered in the file's order
            with watched(connection, progress.part(copied + (1 - copied) * CHECKED, 1)):
                rows = query(connection, source, lambda: f"SELECT * FROM (SELECT {select} FROM {scan_sql(source)}) "
                                                         f"WHERE coalesce(township, school, status) IS NOT NULL")
        sheet_row = spreadsheet_rows(source, [values[-1] for values in rows])
    names = ["status", *text, *(f"flag_{name}" for name in flags), "line"]
    children, counts, by_township = [], Counter(), {}
    rows_of: dict[str, list[tuple[int, str]]] = {}  # a child's key (身份证号, else 学籍号) → (row, category)
    for values in rows:
        row = dict(zip(names, values))
        category = {"?": "unknown"}.get(row["status"], row["status"]) or "blank"
        counts[category] += 1
        by_township.setdefault(row["township"] or "", Counter())[category] += 1
        key = (row["id_number"] or row["student_id"] or "").strip()
        if key:
            rows_of.setdefault(key, []).append((sheet_row[row["line"]], category))
        if category not in STILL_OUT:
            continue
        groups = [key for key, flag_names, _ in PRIORITIES if any(row[f"flag_{name}"] for name in flag_names)]
        children.append({"row": sheet_row[row["line"]], "status": category, "groups": groups,
                         **{name: row[name] or "" for name in SHOWN}})
    conflicts = [tuple(number for number, _ in found) for found in rows_of.values()
                 if {category for _, category in found} & set(STILL_OUT) and
                 {category for _, category in found} & set(CLOSED)]
    conflicting = {number for rows_of_child in conflicts for number in rows_of_child}
    children = [child for child in children if child["row"] not in conflicting]
    for child in children:
        if not reveal:
            child["name"], child["id_number"] = mask_name(child["name"]), mask_id(child["id_number"])
    rank = {key: position for position, (key, _, _) in enumerate(PRIORITIES)}
    order = {name: position for position, name in enumerate(dict.fromkeys(  # places in the file's own order
        place for child in sorted(children, key=lambda child: child["row"])
        for place in (child["township"], child["school"])))}
    children.sort(key=lambda child: (order[child["township"]], order[child["school"]],
                                     min((rank[group] for group in child["groups"]), default=len(rank)),
                                     (parse_grade(child["grade"]) or ("", 99))[1], child["row"]))
    notices = problem_notices(checked, path)
    if conflicts:
        notices.append(Message("returns_conflict", {"count": len(conflicts), "rows": listing(
            Message("returns_conflict_rows", {"rows": listing(rows_of_child)}) for rows_of_child in conflicts)},
            Where(path)))
    return ReturnList(children, counts, by_township, kind, notices)
