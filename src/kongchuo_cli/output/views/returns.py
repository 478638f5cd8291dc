"""`kongchuo returns` as a report: one record per child still out of school; the table a township reads; a
workbook with a sheet per township to send on as it is, and a summary."""

from __future__ import annotations

from collections import Counter

from kongchuo_cli import __version__
from kongchuo_cli.i18n import Term, listing, term
from kongchuo_cli.output.report import Report
from kongchuo_cli.output.sheet import COUNT, HEADING, Cell, Look, Sheet, made_on, sheet_names, signatures
from kongchuo_cli.output.text import Column, draw, runs
from kongchuo_cli.problems import Message
from kongchuo_cli.read.roster.ledger import PRIORITIES, ReturnList
from kongchuo_cli.read.vocabulary import RETURN_STATUSES

STATUS_NAMES = {status: term(f"term_return_{status}") for status in RETURN_STATUSES}
FIELDS = {"township": "乡镇", "school": "学校", "grade": "年级", "class": "班级", "name": "姓名", "id_number": "身份证号",
          "priority": "优先群体", "dropout_reason": "辍学原因", "return_status": "劝返状态", "responsible": "包保责任人",
          "row": "原表行号"}


def returns_report(found: ReturnList, lang: str, revealed: bool, subject: str = "") -> Report:
    """One record per child still out of school; the workbook has a sheet per township and a summary."""
    groups = {key: term for key, _, term in PRIORITIES}
    statuses = {key: name.render(lang) for key, name in STATUS_NAMES.items()}
    # each combination of groups rendered once: a province's ledger lists hundreds of thousands of children
    priorities = {shared: listing(groups[group] for group in shared).render(lang) or None
                  for shared in {tuple(child["groups"]) for child in found.children}}
    records = [{"township": child["township"], "school": child["school"], "grade": child["grade"],
                "class": child["class"], "name": child["name"], "id_number": child["id_number"],
                "priority": priorities[tuple(child["groups"])], "dropout_reason": child["dropout_reason"] or None,
                "return_status": statuses[child["status"]], "responsible": child["responsible"] or None,
                "row": child["row"]} for child in found.children]
    counts = {key: found.counts.get(key, 0) for key in (*STATUS_NAMES, "unknown")}
    head = {"version": __version__, "masked": not revealed, "still_out": len(records), "counts": counts}
    return Report(FIELDS, records, frozenset({"row"}), frozenset(), head, "children",
                  table=lambda color, width: returns_table(records, counts, lang, revealed, color, width),
                  book=lambda: returns_book(records, found, lang, revealed, subject), private=True,
                  brief=Message("brief_returns", {"count": len(records)}).render(lang), plain=frozenset({"row"}))


SHEET_KEYS = ("school", "grade", "class", "name", "id_number", "priority", "dropout_reason", "return_status",
              "responsible", "row")
SHEET_WIDTHS = (20, 8, 7, 9, 21, 14, 14, 12, 11, 9)


def returns_book(records: list[dict], found: ReturnList, lang: str, revealed: bool, subject: str) -> list[Sheet]:
    """A sheet per township to send on as it is (title, date, the children by school, where to sign), then the
    summary: each township's children by 劝返 status, and the total."""
    townships = list(dict.fromkeys(fields["township"] or "—" for fields in records))
    names = sheet_names([*townships, term("book_summary").render(lang)])
    keys = [key for key in SHEET_KEYS if any(fields[key] for fields in records)]  # no empty column (班级)
    sheets = [_township_sheet(name, township, [fields for fields in records if (fields["township"] or "—") ==
                                               township], keys, lang, revealed)
              for name, township in zip(names, townships)]
    return sheets + [_summary_sheet(names[-1], found, lang, subject)]


def _township_sheet(name: str, township: str, children: list[dict], keys: list[str], lang: str,
                    revealed: bool) -> Sheet:
    statuses = Counter(fields["return_status"] for fields in children)
    looks = {(key, red): Look(colour="C00000" if red else None, wrap=key in ("school", "priority", "dropout_reason"))
             for key in keys for red in (False, True)}  # made once: a county's list can be thousands long
    rows = [[Cell(fields[key], looks[key, key == "priority" and bool(fields[key])]) for key in keys]
            for fields in children]
    lines = [Message("book_returns_count", {"count": len(children), "statuses": listing(
        f"{status} {count}" for status, count in statuses.items())}).render(lang) + f"　{made_on(lang)}",
             Message("returns_revealed" if revealed else "returns_masked").render(lang)]
    header = [[Cell(Term(FIELDS[key], key).render(lang), HEADING) for key in keys]]
    return Sheet(name, Message("book_returns_title", {"township": township}).render(lang), lines, header, rows,
                 [signatures(lang, "book_prepared", "book_checked", "book_phone")],
                 widths=[SHEET_WIDTHS[SHEET_KEYS.index(key)] for key in keys])


def _summary_sheet(name: str, found: ReturnList, lang: str, subject: str) -> Sheet:
    """Each township's children by 劝返 status (those still out first, in the order of their sheets), the total."""
    keys = list(STATUS_NAMES)
    header = [[Cell(Term("乡镇", "Township").render(lang), HEADING),
               *(Cell(STATUS_NAMES[key].render(lang), HEADING) for key in keys)]]
    order = list(dict.fromkeys([child["township"] for child in found.children] + list(found.by_township)))
    rows = [[Cell(township or "—", Look(bold=True)), *(Cell(found.by_township[township].get(key, 0), COUNT)
                                                       for key in keys)] for township in order]
    rows.append([Cell(term("term_total").render(lang), Look(bold=True)),
                 *(Cell(sum(tally.get(key, 0) for tally in found.by_township.values()), Look(bold=True,
                                                                                              number_format="#,##0"))
                   for key in keys)])
    return Sheet(name, term("book_returns_summary").render(lang), [f"{subject}　{made_on(lang)}"], header, rows,
                 [signatures(lang, "book_prepared", "book_checked", "book_phone")],
                 widths=[12, *([14] * len(keys))])


TABLE_KEYS = ("grade", "name", "id_number", "priority", "dropout_reason", "return_status", "responsible")
TABLE_ENGLISH = ("Grade", "Name", "ID number", "Priority", "Reason", "Status", "Responsible")
WRAPPING = frozenset({"priority", "dropout_reason", "responsible"})


def returns_table(records: list[dict], counts: dict[str, int], lang: str, revealed: bool, color: bool,
                  width: int | None) -> str:
    """A block per school, headed by its township and school and how many children; a row per child."""
    columns = [Column(Term(FIELDS[key], name), wraps=key in WRAPPING, min_width=6)
               for key, name in zip(TABLE_KEYS, TABLE_ENGLISH)]
    blocks = runs(records, lambda fields: (fields["township"], fields["school"]))
    sections = [[[(fields[key] or "", "bold red" if key == "priority" and fields[key] else None)
                  for key in TABLE_KEYS] for fields in block] for block in blocks]
    headings = [Message("returns_heading", {"township": block[0]["township"] or "—", "school": block[0]["school"] or "—",
                                            "count": len(block)}).render(lang) for block in blocks]
    title = Message("returns_title", {"count": len(records), "out": counts["out"],
                                      "in_progress": counts["in_progress"]}).render(lang)
    footer = [Message("returns_counted", {"returned": counts["returned"], "transfer": counts["transfer_verified"],
                                          "health": counts["health"], "home": counts["home_delivery"]}).render(lang),
              Message("returns_revealed" if revealed else "returns_masked").render(lang)]
    if not sections:
        return "\n".join([title, *footer]) + "\n"
    return draw(title, columns, [column.header.render(lang) for column in columns], sections, width, color, headings,
                footer)
