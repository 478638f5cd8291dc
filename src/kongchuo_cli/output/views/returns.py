"""`kongchuo returns` as a report: one record per child still out of school; the table a township reads; a
workbook with a sheet per township to send on as it is, and a summary."""

from __future__ import annotations

from kongchuo_cli import __version__
from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.output.report import Report
from kongchuo_cli.output.text import Column, draw, runs
from kongchuo_cli.problems import Message
from kongchuo_cli.read.roster.ledger import PRIORITIES, ReturnList
from kongchuo_cli.read.vocabulary import RETURN_STATUSES

STATUS_NAMES = {status: term(f"term_return_{status}") for status in RETURN_STATUSES}
FIELDS = {"township": "乡镇", "school": "学校", "grade": "年级", "class": "班级", "name": "姓名", "id_number": "身份证号",
          "priority": "优先群体", "dropout_reason": "辍学原因", "return_status": "劝返状态", "responsible": "包保责任人",
          "row": "原表行号"}


def returns_report(found: ReturnList, lang: str, revealed: bool) -> Report:
    """One record per child still out of school; the workbook has a sheet per township and a summary."""
    groups = {key: term for key, _, term in PRIORITIES}
    records = [{"township": child["township"], "school": child["school"], "grade": child["grade"],
                "class": child["class"], "name": child["name"], "id_number": child["id_number"],
                "priority": listing(groups[group] for group in child["groups"]).render(lang) or None,
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
                  sheets=[(term("term_sheet_summary"), summary)], split_by="township", private=True)


def returns_table(records: list[dict], counts: dict[str, int], lang: str, revealed: bool, color: bool,
                  width: int | None) -> str:
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
