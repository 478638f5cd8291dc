"""`kongchuo returns`: the children still out of school, from a dropout ledger (劝返状态 未劝返 or 劝返中) or a
学籍 roster (学籍状态 辍学), by township and school, priority groups first, with the person responsible.

Names and ID numbers are masked unless `reveal`; the files written are readable by their owner only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kongchuo_cli import __version__
from kongchuo_cli.grades import parse_grade
from kongchuo_cli.identity import mask_id, mask_name
from kongchuo_cli.messages import KongchuoError, Message, Term, Where
from kongchuo_cli.read import ReadOptions
from kongchuo_cli.report import Report
from kongchuo_cli.roster import (
    RETURN_STATUSES,
    STATUSES,
    STILL_OUT,
    category_sql,
    column_sql,
    connect,
    opened,
    scan_sql,
    yes_sql,
)
from kongchuo_cli.table import Column, runs

# Priority groups in the order they are served (the first a child belongs to decides its place in the list).
PRIORITIES: tuple[tuple[str, tuple[str, ...], Term], ...] = (
    ("poverty", ("poverty",), Term("脱贫户", "poverty-relief family")),
    ("disabled", ("disability",), Term("残疾", "disabled")),
    ("orphan", ("orphan", "unsupported"), Term("孤儿/事实无人抚养", "orphan or unsupported")),
    ("left_behind", ("left_behind",), Term("留守", "left behind")),
    ("migrant", ("migrant",), Term("随迁", "migrant")),
)
STATUS_NAMES = {"out": Term("未劝返", "not yet persuaded"), "in_progress": Term("劝返中", "being persuaded"),
                "returned": Term("已复学", "back at school"), "transfer_verified": Term("转学核实", "transfer verified"),
                "health": Term("因身体原因不具备学习条件", "unable to study for health reasons"),
                "home_delivery": Term("送教上门", "taught at home")}
FIELDS = {"township": "乡镇", "school": "学校", "grade": "年级", "class": "班级", "name": "姓名", "id_number": "身份证号",
          "priority": "优先群体", "dropout_reason": "辍学原因", "return_status": "劝返状态", "responsible": "包保责任人",
          "row": "原表行号"}
SHOWN = ("township", "school", "grade", "class", "name", "id_number", "dropout_reason", "responsible")


@dataclass
class ReturnList:
    children: list[dict]
    counts: Counter  # every row by 劝返 status (and "unknown" for what cannot be read)
    by_township: dict[str, Counter]
    source: str  # "ledger" (劝返状态) or "roster" (学籍状态 辍学)


def read_returns(path: str, options: ReadOptions, reveal: bool = False) -> ReturnList:
    with opened(path, options) as source:
        columns = source.header.columns
        if "return_status" in columns:
            status, kind = category_sql(column_sql(source, "return_status"), RETURN_STATUSES), "ledger"
        elif "status" in columns:
            status, kind = f"CASE WHEN {category_sql(column_sql(source, 'status'), STATUSES)} = 'dropout' THEN 'out' END", \
                "roster"
        else:
            raise KongchuoError([Message("returns_no_status", {}, Where(path))])
        text = {name: column_sql(source, name) or "NULL" for name in (*SHOWN, "disability")}
        flags = {name: yes_sql(column_sql(source, name)) if name in columns and name != "disability" else
                 (f"coalesce({column_sql(source, name)}, '') <> ''" if name in columns else "false")
                 for _, names, _ in PRIORITIES for name in names}
        select = ", ".join([f"{status} AS status", *(f"{expression} AS {name}" for name, expression in text.items()),
                            *(f"{expression} AS flag_{name}" for name, expression in flags.items()),
                            "row_number() OVER () AS line"])
        connection = connect()
        connection.execute("SET preserve_insertion_order = true")
        rows = connection.execute(f"SELECT * FROM (SELECT {select} FROM {scan_sql(source)}) "
                                  f"WHERE coalesce(township, school, status) IS NOT NULL").fetchall()
        connection.close()
        header_row = source.header.row
    names = ["status", *text, *(f"flag_{name}" for name in flags), "line"]
    children, counts, by_township = [], Counter(), {}
    for values in rows:
        row = dict(zip(names, values))
        category = {"?": "unknown"}.get(row["status"], row["status"]) or "blank"
        counts[category] += 1
        by_township.setdefault(row["township"] or "", Counter())[category] += 1
        if category not in STILL_OUT:
            continue
        groups = [key for key, flag_names, _ in PRIORITIES if any(row[f"flag_{name}"] for name in flag_names)]
        children.append({"row": header_row + row["line"], "status": category, "groups": groups,
                         **{name: row[name] or "" for name in SHOWN}})
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
    return ReturnList(children, counts, by_township, kind)


def returns_report(found: ReturnList, lang: str, revealed: bool) -> Report:
    """One record per child still out of school; the workbook has a sheet per township and a summary."""
    groups = {key: term for key, _, term in PRIORITIES}
    records = [{"township": child["township"], "school": child["school"], "grade": child["grade"],
                "class": child["class"], "name": child["name"], "id_number": child["id_number"],
                "priority": "、".join(groups[group].render(lang) for group in child["groups"]) or None,
                "dropout_reason": child["dropout_reason"] or None,
                "return_status": STATUS_NAMES[child["status"]].render(lang),
                "responsible": child["responsible"] or None, "row": child["row"]} for child in found.children]
    counts = {key: found.counts.get(key, 0) for key in (*STATUS_NAMES, "unknown")}
    head = {"version": __version__, "masked": not revealed, "still_out": len(records), "counts": counts}
    summary_header = [Term("乡镇", "township").render(lang),
                      *(STATUS_NAMES[key].render(lang) for key in STATUS_NAMES)]
    summary = [summary_header] + [[township or "—", *(tally.get(key, 0) for key in STATUS_NAMES)]
                                  for township, tally in found.by_township.items()]
    return Report(FIELDS, records, frozenset({"row"}), frozenset(), head, "children",
                  table=lambda color, width: returns_table(records, counts, lang, revealed, color, width),
                  sheets=[(Term("汇总", "summary"), summary)], split_by="township", private=True)


def returns_table(records: list[dict], counts: dict[str, int], lang: str, revealed: bool, color: bool,
                  width: int | None) -> str:
    from kongchuo_cli.table import draw

    keys = ("school", "grade", "name", "id_number", "priority", "dropout_reason", "return_status", "responsible")
    english = ("School", "Grade", "Name", "ID number", "Priority", "Reason", "Status", "Responsible")
    columns = [Column(Term("乡镇", "Township")), *(Column(Term(FIELDS[key], name), wraps=key == "dropout_reason")
                                                   for key, name in zip(keys, english))]
    sections = [[[(fields["township"] if position == 0 else "", "bold"),
                  *((fields[key] or "", "bold red" if key == "priority" and fields[key] else None) for key in keys)]
                 for position, fields in enumerate(run)] for run in runs(records, lambda fields: fields["township"])]
    title = Message("returns_title", {"count": len(records), "out": counts["out"],
                                      "in_progress": counts["in_progress"]}).render(lang)
    footer = [Message("returns_counted", {"returned": counts["returned"], "transfer": counts["transfer_verified"],
                                          "health": counts["health"], "home": counts["home_delivery"]}).render(lang),
              Message("returns_revealed" if revealed else "returns_masked").render(lang)]
    body = draw(title, columns, [column.header.render(lang) for column in columns], sections, width or 140, color) \
        if sections else title + "\n"
    return body + "\n".join(footer) + "\n"
