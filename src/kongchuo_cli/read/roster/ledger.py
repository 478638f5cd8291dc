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
from kongchuo_cli.read.roster.counts import COPIED, LISTED_ROWS, aggregate, problem_notices
from kongchuo_cli.read.roster.identity import mask_id, mask_name
from kongchuo_cli.read.roster.source import Source, opened, spreadsheet_rows
from kongchuo_cli.read.roster.sql import (
    category_sql,
    column_sql,
    query,
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


def read_returns(path: str, options: ReadOptions, reveal: bool = False, progress: Progress = Progress(),
                 listed: int | None = LISTED_ROWS) -> ReturnList:
    """The children still out of school, with the identity checks of `check` (ID, 学籍号, age, duplicates) run over
    the same file; a child out in one row and back in another is not listed but reported with both rows.

    A province's roster never comes into Python row by row: the identity checks' scan keeps what the list needs of
    every row (`_kept`), and SQL over those rows counts them by township and status and brings back only the
    children still out; for a ledger (the only kind that can say a child is back), the children with both."""
    with opened(path, options, progress=progress.part(0, COPIED)) as source:
        copied = COPIED if source.csv_path != path else 0
        kind, status = _status(source)
        keyed = kind == "ledger" and _key_sql(source) is not None

        def the_list(connection) -> tuple[list[tuple], list[tuple]]:
            groups = query(connection, source, _listed_sql)
            conflicts = [tuple(lines) for lines, in query(connection, source, _conflicts_sql)] if keyed else []
            return groups, conflicts

        # a file without a status is said to be one after its rows are read (a row that cannot be read comes first)
        checked = aggregate(source, listed=listed, progress=progress.part(copied, 1),
                            keep=_kept(source, status, keyed) if status else None,
                            then=the_list if status else None, by_unit=False)
        if not status:
            raise KongchuoError([Message("returns_no_status", {}, Where(path))])
        groups, conflicts = checked.then
        said = [group for group in groups if group[3]]  # not the notes under the table
        listed = [group for group in said if group[0] is not None]
        read = max((group[6] for group in groups), default=0)  # the rows DuckDB read: the last line
        sheet_row = spreadsheet_rows(source, [line for _, _, _, _, _, line, *_ in listed] +
                                     [line for lines in conflicts for line in lines], read)
    counts, by_township = Counter(), {}
    for _, township, category, _, rows, *_ in sorted(said, key=lambda group: group[5]):  # in the file's order
        category = {"?": "unknown"}.get(category, category) or "blank"
        counts[category] += rows
        by_township.setdefault(township or "", Counter())[category] += rows
    conflicts = [tuple(sheet_row[line] for line in lines) for lines in conflicts]
    conflicting = {line for lines in conflicts for line in lines}
    children = [{"row": sheet_row[line], "status": category, "groups": priority.split(",") if priority else [],
                 **{name: value or "" for name, value in zip(SHOWN, shown)}}
                for _, _, category, _, _, line, _, priority, *shown in listed if sheet_row[line] not in conflicting]
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


def _status(source: Source) -> tuple[str, str]:
    """What the file is ("ledger": 劝返状态; "roster": 学籍状态, 辍学 read as 未劝返) and each row's category in SQL;
    ("", "") for a file with neither column."""
    columns = source.header.columns
    if "return_status" in columns:
        return "ledger", category_sql(column_sql(source, "return_status"), RETURN_STATUSES)
    if "status" in columns:
        return "roster", f"CASE WHEN {category_sql(column_sql(source, 'status'), STATUSES)} = 'dropout' THEN 'out' END"
    return "", ""


def _kept(source: Source, status: str, keyed: bool) -> dict[str, str]:
    """What the list needs of every row, kept by the identity checks' scan in table `kept` (so the list costs no
    scan of its own): the row's category, its place, whether it says anything (the notes under the table do not),
    the columns shown of a child still out (only for them: they are 0.2 % of a roster's rows), its priority groups
    and, for a ledger's conflicts, the child's key."""
    columns = {name: column_sql(source, name) or "NULL" for name in SHOWN if name not in ("township", "school")}
    flags = priority_flags(source)
    groups = ", ".join(f"CASE WHEN {' OR '.join(flags[name] for name in names)} THEN '{key}' END"
                       for key, names, _ in PRIORITIES)
    columns["priority"] = f"concat_ws(',', {groups})"  # the keys of its groups, in the order they are served
    out = f"listed_status IN ({_categories(STILL_OUT)})"
    kept = {"listed_status": status,  # each column may name those before it
            **{f"listed_{name}": column_sql(source, name) or "NULL" for name in ("township", "school")},
            "listed_said": "coalesce(listed_township, listed_school, listed_status) IS NOT NULL",
            **{f"listed_{name}": f"CASE WHEN {out} THEN {expression} END" for name, expression in columns.items()}}
    if keyed:
        kept["listed_key"] = _key_sql(source)
    return kept


_KEPT_LINES = "(SELECT *, rowid + 1 AS line FROM kept)"  # the rows kept, with their DuckDB line


def _listed_sql() -> str:
    """Rows by township and category (how many, the first and the last one's line; the notes under the table
    apart), and each child still out a group of its own with the columns shown and its priority groups: only those
    children leave DuckDB."""
    shown = ", ".join(f"any_value(listed_{name})" for name in ("priority", *SHOWN))
    return (f"SELECT CASE WHEN listed_status IN ({_categories(STILL_OUT)}) THEN line END AS listed_child, "
            f"listed_township, listed_status, listed_said, count(*), min(line), max(line), {shown} "
            f"FROM {_KEPT_LINES} "
            f"GROUP BY listed_child, listed_township, listed_status, listed_said")


def _key_sql(source: Source) -> str | None:
    """A child's key: the 身份证号, else the 学籍号."""
    keys = [f"nullif({column_sql(source, name)}, '')" for name in ("id_number", "student_id")
            if name in source.header.columns]
    return f"coalesce({', '.join(keys)})" if keys else None


def _conflicts_sql() -> str:
    """The lines of every child (by key) still out in one row and back at school, or transferred, in another; in
    the order each first appears."""
    return (f"SELECT list(line ORDER BY line) FROM {_KEPT_LINES} "
            f"WHERE listed_said AND listed_key IS NOT NULL GROUP BY listed_key "
            f"HAVING bool_or(listed_status IN ({_categories(STILL_OUT)})) "
            f"AND bool_or(listed_status IN ({_categories(CLOSED)})) ORDER BY min(line)")


def _categories(categories: tuple[str, ...]) -> str:
    return ", ".join(f"'{category}'" for category in categories)  # codes of ours: nothing to quote
