"""Every text kongchuo shows a person, in Chinese and English, in one catalogue; and the values that render in the
reader's language when a message is shown (terms, lists), never before.

The library speaks in `problems.Message`s (a code from this catalogue, its values, and where); only the command
line and the Python API's callers choose the language.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Term:
    """A name with its Chinese and English forms, e.g. an indicator's."""

    zh: str
    en: str

    def render(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Listing:
    """Items joined in the reader's language when shown: 甲、乙 in Chinese, "A, B" in English."""

    items: tuple[object, ...]
    more: bool = False  # the list was cut: an ellipsis follows

    def render(self, lang: str) -> str:
        text = ("、" if lang == "zh" else ", ").join(str(render_value(item, lang)) for item in self.items)
        return text + ("…" if self.more else "")


def listing(items, limit: int | None = None) -> Listing:
    """A Listing of the first `limit` items (all by default), marked as cut when there were more."""
    items = tuple(items)
    return Listing(items if limit is None else items[:limit], limit is not None and len(items) > limit)


def term(code: str) -> Term:
    """A catalogue entry as a Term: a name shown in either language (a status, a group, a label)."""
    return Term(*CATALOGUE[code])


def render_value(value: object, lang: str) -> object:
    """Messages, places, terms and lists render in the same language; a tuple of sentences is joined by ；/ ;; text
    from the input (a unit's name, a bad cell, a path) is made inert."""
    if isinstance(value, tuple):
        return ("；" if lang == "zh" else "; ").join(str(render_value(item, lang)) for item in value)
    render = getattr(value, "render", None)
    if render is not None:
        return render(lang)
    return value if isinstance(value, (int, float)) else inert(str(value))


def text(code: str, lang: str, **params: object) -> str:
    """A catalogue entry in one language with its values filled in."""
    zh, en = CATALOGUE[code]
    return (zh if lang == "zh" else en).format(**{key: render_value(value, lang) for key, value in params.items()})


# Control characters (C0, DEL, C1: ESC sequences, OSC, backspace, carriage return, NUL) and bidirectional overrides
# in a unit's name or a cell would move the cursor, recolour the screen, rewrite a line or reverse what a reader sees:
# each is shown as a visible escape instead (\x1b, \u202e).
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_BIDI = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_VISIBLE = {code: (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}") for code in (*_CONTROLS, *_BIDI)}


def inert(text: str) -> str:
    """Text from the input made harmless to a terminal or a text file; other text unchanged."""
    return text if text.isprintable() else text.translate(_VISIBLE)  # isprintable: no C0, C1 or Cf (bidi) at all


def bilingual(code: str, **params: object) -> str:
    """A text for both readers at once, where the language is not known yet (--help, an option's value):
    中文 / English."""
    return f"{text(code, 'zh', **params)} / {text(code, 'en', **params)}"


CATALOGUE: dict[str, tuple[str, str]] = {
    "error_prefix": ("错误：", "Error: "),
    "errors_more": ("……另有 {count} 处错误未列出；加 -v 列出更多。", "... and {count} more errors; -v lists more of them."),
    "warnings_more": ("另有 {count} 条警告未列出；加 -v 列出全部。", "{count} more warnings; -v lists them all."),
    "interrupted": ("已中断，未写入任何文件。", "interrupted: no file was written."),
    "stdout_closed": ("标准输出已关闭，结果无处可写；请用 -o 写入文件。",
                      "standard output is closed: nowhere to write the results; use -o to write a file."),
    "stdout_unwritable": ("无法写入标准输出：{reason}；请用 -o 写入文件。",
                          "cannot write to standard output: {reason}; use -o to write a file."),
    # where a problem is: file 第 3 行 C 列「转入」 / file, row 3, column C (转入)
    "located": ("{where}：{text}", "{where}: {text}"),
    "where_separator": (" ", ", "),
    "where_line": ("第 {line} 行", "line {line}"),
    "where_line_character": ("第 {line} 行第 {character} 个字符", "line {line}, character {character}"),
    "where_row": ("第 {row} 行", "row {row}"),
    "where_column_letter": ("{letter} 列「{column}」", "column {letter} ({column})"),
    "where_column": ("「{column}」列", "column {column}"),
    "warning_prefix": ("警告：", "Warning: "),
    # command-line help: shown in both languages at once (bilingual), as --help runs before --lang is read
    "help_main": ("kongchuo（控辍保学）：义务教育巩固率、辍学率、入学率等指标的精确计算与达标判定，并给出需劝返复学的人数。",
                  "kongchuo computes the compulsory-education indicators of a county exactly, judges them against "
                  "the lines of a thresholds file, and says how many children must return to school to close each "
                  "gap."),
    "help_check": ("读取汇总表（或年级表、学生名册），计算各项指标，对照标准判定，并给出需劝返人数。",
                   "Read summary tables (one row per 乡镇 or 学校; CSV in UTF-8 or GBK, or .xlsx; - for standard "
                   "input), grade tables or rosters, compute every indicator whose columns are present, judge each "
                   "against its line, and give the returns needed."),
    "help_exit_codes": ("退出码", "exit codes"),
    "help_exit_0": ("通过", "no failing row"),
    "help_exit_1": ("有未达标", "a gated row fails (or warns, with --strict)"),
    "help_exit_2": ("无法判定", "cannot evaluate: bad input, thresholds or options"),
    "help_exit_130": ("已中断，未写入文件（SIGTERM 143）", "interrupted, nothing written"),
    "help_plan": ("把全县需劝返人数分配到各单位（请各乡镇认领）。默认按各单位流失人数的比例分给全部单位；"
                  "--share-by gap 只分给未达标的单位，按各自缺口的比例，不超过各自所需。",
                  "Split the county's returns needed among its units (largest remainder: whole children, summing "
                  "to the county's need), beside each unit's own need to meet the line alone: by default every "
                  "unit in proportion to the children it lost; with --share-by gap only the units below the line, "
                  "in proportion to their own gaps, none asked for more than its gap. With --by 乡镇, the "
                  "townships share the need."),
    "help_returns": ("需劝返学生名单：仍失学的学生（未劝返、劝返中），按乡镇、学校列出，优先群体在前，附包保责任人。",
                     "The children still out of school, from a dropout ledger (劝返状态 未劝返 or 劝返中; 已复学, "
                     "转学核实, 因身体原因不具备学习条件 and 送教上门 are counted apart) or a 学籍 roster (学籍状态 "
                     "辍学): by township and school, priority groups first (脱贫户, 残疾, 孤儿/事实无人抚养, 留守, 随迁, 困境), "
                     "with the person responsible. Names and IDs are masked unless --reveal; files are written "
                     "readable by their owner only; -o names.xlsx has a sheet per township, to send on as it is."),
    "help_monthly": ("流失生月报：比较两期或多期辍学台账，列出新增、复学、其他销号、无故消失等变动，给出乡镇月报表和数据问题。",
                     "The dropout ledger month by month (流失生月报): two or more snapshots of the county's ledger "
                     "(files, or with --sheets a workbook's sheets), in the order of their 统计时点 or 报送日期 when "
                     "they state it, else as given. Each child is followed by 身份证号, else 全国学籍号, else 姓名 + "
                     "出生日期 + 学校 (warned); the events between snapshots (new, returned, closed, vanished, "
                     "reappeared, moved, status, visits, legal); the township table (opening + new - returned - "
                     "closed_other - vanished = closing), open cases by priority group, stale and unvisited cases, "
                     "and with --plan each unit's progress against its quota. Names and IDs are masked unless "
                     "--reveal; files are written readable by their owner only; -o x.xlsx has the sheets 汇总, "
                     "变动明细, 未复学名册 and 数据问题. Exit 0 for a report, 1 with --strict when the ledgers have "
                     "data problems, 2 when they cannot be read."),
    "help_cohorts": ("逐届跟踪年级表：每一届在各年级的人数（流失处标 ↓）、UIS 流动率，或数据对不上的地方。",
                     "Follow every cohort of grade tables (教育事业统计, long or wide): each cohort's size grade by "
                     "grade (a ↓ marks where it shrank), the UIS flow rates with survival to each grade, or every "
                     "place where next year's stock is not this year's plus the movements."),
    "help_thresholds": ("阈值文件与内置标准：列出、查看、检查。", "Thresholds files and built-in profiles: list, show, check."),
    "help_thresholds_list": ("列出内置标准。", "List the built-in profiles."),
    "help_thresholds_show": ("显示一个内置标准（YAML，可复制后修改）。", "Print a built-in profile's YAML, to copy and adapt."),
    "help_thresholds_check": ("检查阈值文件：列出所有错误（带行号）和可疑之处。退出码 0 无问题，1 有警告，2 有错误。",
                              "Lint a thresholds file: every error with its line; warnings for a warn line that can "
                              "never fire, a line looser than the profile it extends, and (with --data) lines for "
                              "indicators the data never provides. Exit 0 clean, 1 warnings, 2 errors."),
    "help_explain": ("解释指标：公式、所需列、标准及其来源、需劝返人数的算法；加 --data 与 --unit 时逐步写出该单位的计算。",
                     "Explain the indicators (or one, by id or name): formulas, columns, the active line with its "
                     "source, the returns arithmetic; with --data and --unit, that unit's computation step by step, "
                     "with its numbers."),
    "help_init": ("写出可填写的模板（CSV 与 xlsx）和继承国家标准的 thresholds.yaml。",
                  "Write a template to fill in (CSV with a BOM and .xlsx: every column under its Chinese header, an "
                  "example row, a 合计 row) and a thresholds.yaml extending the default profile. Existing files are "
                  "kept unless --force."),
    "help_encoding": ("CSV 的编码（默认自动：BOM、UTF-8、GB18030）", "CSV encoding"),
    "help_sheet": ("Excel 工作表名或序号（默认第一个）", "sheet name or number"),
    "help_header_row": ("表头所在行（默认自动查找）", "the row where the header starts"),
    "help_format": ("输出格式", "output format [default: table, or from the -o extension]"),
    "help_output": ("写入文件（完整写入或不写）", "write to a file, whole or not at all"),
    "help_lang": ("标签语言（默认 zh）", "labels and headers (JSON keys stay English) [default: zh]"),
    "help_output_encoding": ("输出编码，如旧软件需要 gbk", "output encoding [default: utf-8, BOM for CSV/TSV files]"),
    "help_color": ("表格颜色（默认仅终端）", "colour the table"),
    "help_quiet": ("只输出错误和退出码", "only errors and the exit code"),
    "help_verbose": ("说明读取了什么", "say what was read; tracebacks"),
    "help_kind": ("输入种类（默认按表头自动识别）：汇总表、年级表或学生名册", "input kind [default: from the header]"),
    "help_system": ("年级表的学制（默认 6-3；学制列优先）",
                    "school system of grade tables (a 学制 column wins) [default: 6-3]"),
    "help_cohort": ("年级表：判定这一届（入一年级的学年，如 2012）",
                    "grade tables: judge the cohort that entered grade 1 in YEAR [default: the latest complete one]"),
    "help_no_id_checks": ("名册：不逐行核对身份证号、学籍号、年龄和重复（全省汇总时快得多）",
                          "rosters: skip the per-row identity checks (a province-wide count in a fraction of the "
                          "time)"),
    "help_year": ("年级表：辍学率判定这一学年（如 2019 = 2019年9月至2020年8月），cohorts --view flow 用这一学年到下一学年的"
                  "变动；名册：名册所属学年（核对年龄）",
                  "grade tables: the school year of the dropout rates, or of the flow rates of cohorts --view flow "
                  "[default: the latest]; rosters: the school year the roster describes, for the age checks "
                  "[default: the current one]"),
    "help_thresholds_path": ("阈值文件", "thresholds YAML [default: ./thresholds.yaml, else the built-in national lines]"),
    "help_profile": ("内置标准，如 youzhi-2017（见 kongchuo thresholds list）", "a built-in profile"),
    "help_by": ("按列汇总，如 乡镇 或 乡镇,学校", "roll rows up by a column, e.g. 乡镇 or 乡镇,学校"),
    "help_gate": ("决定退出码的行：合计行（默认），或每一行", "rows that decide the exit code [default: total]"),
    "help_strict": ("预警也算未通过", "a warn fails the gate too"),
    "help_junit": ("写 JUnit XML 报告（GitLab/Jenkins）", "write a JUnit XML report for CI"),
    "help_summary": ("只输出一行结论（用于日志）", "print one summary line for logs"),
    "help_history": ("年级表：列出每一届、每一学年（只判定最新的）",
                     "grade tables: every cohort and year (only the latest is gated)"),
    "help_indicator": ("只分配这个指标（代码或名称，可重复）；默认：合计未达标的全部指标",
                       "only this indicator, by id or name (repeatable) [default: every one the total fails]"),
    "help_share_by": ("lost 按流失人数分给全部单位（默认）；gap 只分给未达标的单位，按各自缺口",
                      "lost: every unit by the children it lost [default]; gap: only the units below the line, by "
                      "their own gaps"),
    "help_check_view": ("表格的样式：long 每个单位、指标一行；compact 每个单位一行、每个指标一列（默认：放得下就用 long）",
                        "the table's layout: long, a row per unit and indicator; compact, a row per unit and a "
                        "column per indicator [default: long when it fits the width]"),
    "help_reveal": ("显示完整姓名和身份证号（默认遮蔽，如 张*、11010519****0012）",
                    "show names and ID numbers in full [default: masked]"),
    "help_view": ("ladder 每届各年级人数（默认）；flow UIS 升级率、留级率、辍学率与巩固到各年级的比例；gaps 对不上的地方",
                  "ladder: each cohort grade by grade [default]; flow: UIS rates and survival; gaps: where the table "
                  "does not add up"),
    "help_sheets": ("每个工作表是一期台账（一个工作簿按月分表）", "every sheet of each workbook is a snapshot (a sheet per month)"),
    "help_plan_file": ("劝返任务表（kongchuo plan -o 的输出，或单位 + 认领人数的表），给出各单位的完成进度",
                       "a plan (kongchuo plan -o output, or a table of unit + quota): each unit's progress"),
    "help_stale_days": ("超过这么多天没有劝返（从未劝返的自登记日期起）的在册学生计为超期（默认：30）",
                        "open cases with no visit (never visited: since registration) for more days are stale "
                        "[default: 30]"),
    "help_strict_monthly": ("台账有数据问题（无故消失、重复、无法识别）时退出码为 1",
                            "exit 1 when the ledgers have data problems (vanished cases, children listed twice, "
                            "values that cannot be read)"),
    "help_data": ("数据文件：thresholds check 检查指标是否用得上；explain 配合 --unit",
                  "data files: thresholds check looks at their columns; explain works through --unit"),
    "help_unit": ("写出这个单位的计算过程（合计 为全体）", "the unit to work through"),
    "help_force": ("覆盖已有文件", "overwrite existing files"),
    # the command line's own words: --help's headings, click's usage errors (cli/usage.py)
    "usage_heading": ("用法", "Usage"),
    "heading_options": ("选项", "Options"),
    "heading_commands": ("命令", "Commands"),
    "help_help": ("显示本帮助并退出", "show this message and exit"),
    "help_version": ("显示版本并退出", "show the version and exit"),
    "usage_help": ("帮助：{command} --help", "help: {command} --help"),
    "usage_no_option": ("没有「{name}」这个选项", "no such option {name}"),
    "usage_did_you_mean": ("（是否要用 {names}？）", " (did you mean {names}?)"),
    "usage_missing_argument": ("缺少参数 {name}", "missing argument {name}"),
    "usage_missing_option": ("缺少选项 {name}", "missing option {name}"),
    "usage_bad_value": ("{name} 的值不对", "invalid value for {name}"),
    "usage_needs_value": ("选项 {name} 后面要跟一个值", "option {name} needs a value"),
    "usage_extra": ("多出了参数 {name}", "unexpected extra arguments {name}"),
    "usage_takes_no_value": ("选项 {name} 后面不跟值", "option {name} takes no value"),
    "usage_no_command": ("没有「{name}」这个命令", "no such command {name}"),
    "usage_other": ("命令行有误", "a usage error"),
    "usage_value_choice": ("不能是「{value}」；可选：{allowed}", "'{value}' is not one of {allowed}"),
    "usage_value_between": ("应为 {low} 到 {high} 之间的整数，不能是「{value}」", "'{value}' is not a whole number "
                            "from {low} to {high}"),
    "usage_value_at_least": ("应为不小于 {low} 的整数，不能是「{value}」", "'{value}' is not a whole number of at "
                             "least {low}"),
    "usage_encoding": ("不认识的编码「{value}」（常用：utf-8、gb18030、utf-16）",
                       "unknown encoding '{value}' (common ones: utf-8, gb18030, utf-16)"),
    "usage_no_columns": ("请至少给一列", "give at least one column"),
    # options that cannot go together, or a value kongchuo does not take
    "usage_thresholds_and_profile": ("-t 和 --profile 只能二选一（阈值文件中可写 extends: 标准名）。",
                                     "give -t or --profile, not both (a file may say `extends: NAME`)."),
    "usage_grades_only": ("--cohort、--year 和 --history 只用于年级表。",
                          "--cohort, --year and --history are for grade tables."),
    "usage_no_files": ("请至少给一个文件。", "give at least one file."),
    "usage_choice": ("{option} 不能是「{value}」；可选：{allowed}。", "{option} cannot be '{value}'; the choices are: "
                     "{allowed}."),
    # names shown in either language: statuses, groups, labels
    "term_pass": ("达标", "pass"),
    "term_warn": ("预警", "warn"),
    "term_fail": ("未达标", "fail"),
    "term_n/a": ("不适用", "n/a"),
    "term_total": ("合计", "Total"),
    "term_all_units": ("全部单位", "All units"),
    "term_built_in": ("内置", "built-in"),
    "term_numerator": ("分子", "numerator"),
    "term_denominator": ("分母", "base"),
    "term_return_out": ("未劝返", "not yet persuaded"),
    "term_return_in_progress": ("劝返中", "being persuaded"),
    "term_return_returned": ("已复学", "back at school"),
    "term_return_transfer_verified": ("转学核实", "transfer verified"),
    "term_return_health": ("因身体原因不具备学习条件", "unable to study for health reasons"),
    "term_return_home_delivery": ("送教上门", "taught at home"),
    "term_priority_poverty": ("脱贫户", "poverty-relief family"),
    "term_priority_disabled": ("残疾", "disabled"),
    "term_priority_orphan": ("孤儿/事实无人抚养", "orphan or unsupported"),
    "term_priority_left_behind": ("留守", "left behind"),
    "term_priority_migrant": ("随迁", "migrant"),
    "term_priority_distressed": ("困境", "in distress"),
    "term_close_returned": ("已复学", "back at school"),
    "term_close_transfer_verified": ("转学核实", "transfer verified"),
    "term_close_home_delivery": ("送教上门", "taught at home"),
    "term_close_health": ("因身体原因不具备学习条件", "unable to study for health reasons"),
    "term_close_suspension": ("政策性休学", "suspension by policy"),
    "term_close_over_age": ("超龄", "over age"),
    "term_close_death": ("死亡", "died"),
    "term_close_registration_error": ("户籍错误", "registration error"),
    "term_close_at_school": ("已在校就读", "at school already"),
    "term_close_abroad": ("出国在外", "abroad"),
    "term_close_unstated": ("未写销号原因", "no reason written"),
    "term_close_other": ("其他原因", "other reasons"),
    "term_category_never_enrolled": ("适龄未入学", "never enrolled"),
    "term_category_suspected": ("疑似辍学", "suspected dropout"),
    "term_category_dropout": ("辍学", "dropout"),
    "term_legal_criticism": ("批评教育", "admonished"),
    "term_legal_order": ("责令限期改正", "ordered to correct"),
    "term_legal_notice": ("限期复学通知书", "notice to return"),
    "term_legal_penalty": ("行政处罚决定书", "administrative penalty"),
    "term_event_new": ("新增", "new"),
    "term_event_returned": ("复学销号", "returned"),
    "term_event_closed": ("其他销号", "closed"),
    "term_event_vanished": ("无故消失", "vanished"),
    "term_event_reappeared": ("重新纳入", "reappeared"),
    "term_event_moved": ("转移", "moved"),
    "term_event_status": ("状态变化", "status"),
    "term_event_visits": ("劝返走访", "visits"),
    "term_event_legal": ("法律措施", "legal measure"),
    "term_match_id_number": ("身份证号", "ID number"),
    "term_match_student_id": ("全国学籍号", "student number"),
    "term_match_name": ("姓名+出生日期+学校", "name, birth date and school"),
    "term_monthly_open": ("在册", "open"),
    "term_monthly_stale": ("超期未劝返（需要「最近劝返日期」或「登记日期」列）",
                           "stale cases (they need a 最近劝返日期 or 登记日期 column)"),
    "term_monthly_no_visit": ("本月未走访（需要「劝返次数」或「最近劝返日期」列）",
                              "cases not visited this month (they need a 劝返次数 or 最近劝返日期 column)"),
    "term_unknown": ("无法识别", "cannot be read"),
    "term_problem_twice": ("同一学生多行", "listed twice"),
    "term_problem_no_key": ("无法跟踪", "cannot be followed"),
    "term_problem_identity": ("身份核对", "identity check"),
    "term_sheet_events": ("变动明细", "events"),
    "term_sheet_still_out": ("未复学名册", "still out"),
    "term_sheet_problems": ("数据问题", "problems"),
    "term_gap_enrolled": ("在校生（上年下一年级 + 变动）", "enrolled (last year's grade below + movements)"),
    "term_gap_graduates": ("毕业生（上年在校 + 变动）", "graduates (last year's stock + movements)"),
    "term_gap_entrants": ("在校生（招生 + 留级）", "enrolled (entrants + repeaters)"),
    # workbooks
    "book_summary": ("汇总", "Summary"),
    "book_records": ("明细", "Records"),
    "book_lines": ("标准", "Lines"),
    "book_made_on": ("制表日期：", "Made on "),
    "book_pages": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "book_unit": ("单位", "Unit"),
    "book_needed": ("需劝返", "To return"),
    "book_no_line": ("未设标准", "no line"),
    "book_unit_line": ("单位：%、人", "Units: %, children"),
    "book_check_title": ("控辍保学指标达标情况汇总表", "Compulsory-education indicators against their lines"),
    "book_check_subject": ("数据：{subject}　标准：{thresholds}", "Data: {subject}    Lines: {thresholds}"),
    "book_chart_title": ("{indicator}（标准 {rule}）", "{indicator} (line {rule})"),
    "book_chart_title_failing": ("{indicator}（标准 {rule}，未达标的 {count} 个单位）",
                                 "{indicator} (line {rule}; the {count} units failing it)"),
    "book_chart_title_farthest": ("{indicator}（标准 {rule}，未达标 {failing} 个单位中差距最大的 {count} 个）",
                                  "{indicator} (line {rule}; of the {failing} units failing it, the {count} farthest "
                                  "from it)"),
    "book_plan_title": ("劝返任务分配表", "Returns shared among the units"),
    "book_returns_title": ("{township}需劝返学生名单", "{township}: children to bring back"),
    "book_returns_count": ("{count} 人（{statuses}）", "{count} children ({statuses})"),
    "book_returns_summary": ("需劝返学生汇总表", "Children to bring back, by township"),
    "book_people": ("单位：人", "Units: children"),
    "book_sources": ("各项标准的出处见「标准」工作表。", "The sources of the lines are on the sheet Lines."),
    "book_prepared": ("填表人：", "Prepared by:"),
    "book_checked": ("审核人：", "Checked by:"),
    "book_approved": ("负责人（签字）：", "Approved by:"),
    "book_phone": ("联系电话：", "Telephone:"),
    # reading files
    "file_missing": ("找不到文件，请检查路径。", "file not found; check the path."),
    "file_unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "file_empty": ("文件是空的。", "the file is empty."),
    "stream_not_text": ("读到的全是零字节，不是表格。", "nothing but zero bytes: not a table."),
    "stream_too_large": ("从管道或设备读取超过 {size} MB，停止读取；请先保存为文件。",
                         "more than {size} MB from a pipe or a device: reading stopped; save it as a file first."),
    "table_file_too_large": (
        "文件有 {size} MB，远超任何汇总表或年级表（每个单位一行：全国每所学校一行也只有约 20 MB），未读取。学生名册（每名学生"
        "一行）的表头需要姓名、身份证号或学籍号中的一列，以及年级、学籍状态或劝返状态中的一列，才能按名册读取。",
        "the file is {size} MB, far beyond any summary or grade table (a row per unit: a row for every school in the "
        "country is about 20 MB): not read. A roster (a row per child) is read as one when its header has one of "
        "姓名, 身份证号 or 学籍号 and one of 年级, 学籍状态 or 劝返状态.",
    ),
    "table_too_large": (
        "读到第 {rows} 行已超过 {cells} 个单元格，远超任何汇总表或年级表（每个单位一行），停止读取。学生名册（每名学生一行）"
        "的表头需要姓名、身份证号或学籍号中的一列，以及年级、学籍状态或劝返状态中的一列，才能按名册读取。",
        "more than {cells} cells by row {rows}, far beyond any summary or grade table (a row per unit): reading "
        "stopped. A roster (a row per child) is read as one when its header has one of 姓名, 身份证号 or 学籍号 and "
        "one of 年级, 学籍状态 or 劝返状态.",
    ),
    "stream_too_many_cells": (
        "从管道或标准输入读到第 {rows} 行已超过 {cells} 个单元格，停止读取；请保存为文件，再给出文件的路径（名册从文件读取时"
        "没有这个限制）。",
        "more than {cells} cells by row {rows} from a pipe or standard input: reading stopped; save it as a file and "
        "give its path (a roster read from a file has no such limit).",
    ),
    "cell_too_long": ("这一行有一个单元格超过 {limit} 个字符，不像表格数据；请检查该行（可能是引号不配对或粘贴了大段文字）。",
                      "a cell of this row is longer than {limit} characters, which no table holds; check the row (an "
                      "unclosed quote, or a long text pasted in)."),
    "not_a_workbook": ("文件名是 {suffix}，但内容不是 Excel、WPS 或 LibreOffice 工作簿；请确认是不是选错了文件。",
                       "the name says {suffix}, but the content is no Excel, WPS or LibreOffice workbook; check that "
                       "this is the right file."),
    "file_is_folder": ("这是一个文件夹，不是文件。", "this is a folder, not a file."),
    "file_given_twice": ("同一文件给了两次。", "the same file is given twice."),
    "encoding_not_known": ("不认识的编码「{encoding}」；常用的有 utf-8、gb18030、utf-16。",
                           "unknown encoding '{encoding}'; common ones are utf-8, gb18030, utf-16."),
    "encoding_wrong": ("按 {encoding} 无法读取（第 {position} 字节）；请换一种 --encoding。",
                       "cannot be read as {encoding} (byte {position}); try another --encoding."),
    "workbook_unreadable": (
        "无法作为 Excel 工作簿读取（{reason}），文件可能已损坏；请在 Excel/WPS 中打开并另存为 .xlsx。",
        "cannot be read as an Excel workbook ({reason}); it may be damaged: open it in Excel/WPS and save it as .xlsx.",
    ),
    "workbook_old_or_encrypted": (
        "无法作为工作簿读取（{reason}）：可能加了密码或已损坏；请在 Excel/WPS 中打开，另存为不加密码的 .xlsx。",
        "cannot be read as a workbook ({reason}): it may be password-protected or damaged; open it in Excel/WPS and "
        "save it as .xlsx without a password.",
    ),
    "workbook_too_large": (
        "工作簿解压后约 {size} GB，远超正常报表（可能是恶意构造的文件），未读取。",
        "the workbook would unpack to about {size} GB, far beyond a real report (it may be built to harm): not read.",
    ),
    "sheet_too_large": (
        "工作表「{sheet}」声明了 {rows} 行 × {columns} 列，超出可读范围；请删去多余的空行空列后另存。",
        "the sheet '{sheet}' declares {rows} rows × {columns} columns, more than can be read; delete the empty rows "
        "and columns and save it again.",
    ),
    "total_unsaved": (
        "合计行的公式没有保存计算结果，无法与各单位之和核对；kongchuo 使用各单位之和。",
        "the total row's formulas were saved without their values, so it cannot be compared with the units; "
        "kongchuo uses the sum of the units.",
    ),
    "workbook_unsaved_formulas": (
        "公式没有保存计算结果（{cells}），读出来是空的；请在 Excel/WPS 中打开并保存后再试。",
        "formulas without saved results ({cells}) would read as empty; open the file in Excel/WPS, save it, and "
        "try again.",
    ),
    "sheet_none": ("工作簿中没有可见的工作表；请用 --sheet 指定。", "the workbook has no visible worksheet; give --sheet."),
    "sheet_not_table": ("「{sheet}」是图表，不是工作表。", "'{sheet}' is a chart, not a worksheet."),
    "merged_count": (
        "人数单元格合并了第 {first}–{last} 行；一个人数只能属于一行，请取消合并并给每行填写各自的人数。",
        "a count cell is merged across rows {first}–{last}; a count belongs to one row: unmerge it and give each "
        "row its own count.",
    ),
    "cell_date": ("「{value}」被设成了日期格式；请把单元格格式改为“数值”后重新输入人数。",
                  "'{value}' is formatted as a date; set the cell format to Number and enter the count again."),
    "sheet_missing": ("没有名为「{sheet}」的工作表；工作表有：{sheets}。", "no sheet '{sheet}'; the sheets are: {sheets}."),
    "header_row_outside": ("--header-row {row} 超出了文件的 {rows} 行。", "--header-row {row} is beyond the file's {rows} rows."),
    "header_no_counts": ("表头中没有可识别的人数列。", "the header has no known count column."),
    "header_below": ("这一行的大多数人数单元格是文字，看起来才是表头；请加 --header-row {row} 指定表头所在的行。",
                     "most count cells of this row hold words: it looks like the header; give --header-row {row} to "
                     "say where the header is."),
    "header_row_personal": ("这一行是学生的数据（有身份证号、学籍号或电话），不能作为表头；请检查 --header-row。",
                            "this row holds a child's data (an ID, a 学籍号 or a phone number), not a header; check "
                            "--header-row."),
    "disabled_part_unscoped": (
        "表中既有三类残疾儿童，也有全部残疾儿童，「{header}」不知属于哪一类；请写成「三类残疾儿童{header}」或「残疾儿童{header}」。",
        "the table has both children with the three kinds of disability and all disabled children, so '{header}' "
        "could be either; write 三类残疾儿童{header} or 残疾儿童{header}.",
    ),
    "total_from_parts": ("「{column}」为空，按其各项之和 {value} 计。", "'{column}' is empty: the sum of its parts, {value}, "
                         "is used."),
    "stray_quote": (
        "从这一行起有一个引号（\"）没有配对，后面的行会被并进一个单元格；请删去多余的引号。",
        "a quotation mark (\") opened in this row is never closed, which would swallow the rows after it; "
        "remove the stray quote.",
    ),
    "row_all_blank": (
        "该行的人数全是空的；请填写（没有的填 0），如果这是小标题行请删去。",
        "every count of this row is empty; fill them in (0 where there were none), or delete the row if it is a "
        "heading.",
    ),
    "encoding_unknown": (
        "无法识别文件编码（已尝试 UTF-8、GB18030）；请用 --encoding 指定，或在 Excel/WPS 中另存为「CSV UTF-8」。",
        "cannot tell the file's encoding (tried UTF-8 and GB18030); give --encoding, or save it from Excel/WPS as "
        "\"CSV UTF-8\".",
    ),
    "parquet_not_parquet": ("文件名是 .parquet，但内容不是 Parquet 文件；请确认是不是选错了文件，或重新导出。",
                            "the name says .parquet, but the content is no Parquet file: check that this is the "
                            "right file, or export it again."),
    "parquet_damaged": ("这个 Parquet 文件不完整或已损坏（可能在复制或下载时被截断）；请重新导出或重新复制。",
                        "this Parquet file is incomplete or damaged (perhaps cut short while copied or downloaded): "
                        "export or copy it again."),
    "format_unsupported": (
        "不支持 {suffix} 文件；请另存为 .xlsx 或 CSV 后再试。",
        "cannot read {suffix} files; save the sheet as .xlsx or CSV and try again.",
    ),
    "header_not_found": (
        "前 {rows} 行中没有找到可识别的表头（例如「一年级入学人数」「小学辍学人数」）。",
        "no known column header in the first {rows} rows (e.g. 一年级入学人数, 小学辍学人数, or grade1_entrants).",
    ),
    "no_data_rows": ("只有表头，没有数据行。", "the file has a header but no data rows."),
    "duplicate_column": (
        "「{first}」与「{second}」都表示 {name}，请只保留一列。",
        "both '{first}' and '{second}' mean {name}; keep only one of them.",
    ),
    "unknown_column": ("未识别的列，已忽略{hint}。", "column not recognised, ignored{hint}."),
    "unknown_columns_more": ("另有 {count} 列也未识别，已忽略。", "{count} more columns not recognised, ignored."),
    "row_extra_cells": (
        "这一行在表头的 {columns} 列之外还有 {count} 个有内容的单元格：可能某个单元格里有逗号、或表头少了一列，各数会错位；请检查该行。",
        "this row has {count} filled cells beyond the header's {columns} columns: a cell holding a comma, or a column "
        "missing from the header, would shift its counts; check the row.",
    ),
    "unknown_column_hint": ("（是否应为「{suggestion}」？）", " (did you mean '{suggestion}'?)"),
    "indicator_partial": (
        "有{indicator}的部分列，但缺少「{missing}」列；请补上该列，或删去{indicator}的其他列。",
        "has columns of {indicator} but not '{missing}'; add that column, or remove the other columns of {indicator}.",
    ),
    "indicator_files_disagree": (
        "{indicator}的列只出现在部分文件中（缺少的文件：{files}）；各文件须有相同的指标列。",
        "the columns of {indicator} are in some files but not in {files}; give every file the same indicator columns.",
    ),
    "ratio_negative": (
        "{indicator}的{part}为 {value}，不能为负数（{formula}）；请检查转入、转出、死亡、休学人数。",
        "the {part} of {indicator} is {value}, which cannot be negative ({formula}); check the transfers, deaths "
        "and suspended counts.",
    ),
    "by_unknown": ("没有可分组的列「{column}」；可用的列：{columns}。", "no column '{column}' to group by; the columns are: {columns}."),
    "by_blank": (
        "「{column}」为空，无法分组；如原表是合并单元格，请在每一行都填上。",
        "'{column}' is empty, so the row cannot be grouped; if the sheet had merged cells, fill in every row.",
    ),
    "by_label_last": ("单位列只能放在 --by 的最后：「{column}」。", "the unit column can only come last in --by: '{column}'."),
    "duplicate_unit": (
        "单位「{unit}」重复出现（另见 {other}）；请合并或改名。",
        "unit '{unit}' appears twice (also at {other}); merge or rename one.",
    ),
    "row_without_counts": (
        "该行没有任何人数，已跳过（说明、填表人等行可忽略此提示）。",
        "the row has no counts and was skipped (fine for a notes row such as 填表人 or 说明).",
    ),
    # cells
    "cell_blank": ("单元格为空；如果没有，请填 0。", "the cell is empty; enter 0 if there were none."),
    "cell_negative": ("「{value}」是负数；人数不能小于 0。", "'{value}' is negative; a count cannot be below 0."),
    "cell_fraction": ("「{value}」不是整数；人数须为整数。", "'{value}' is not a whole number; a count must be whole."),
    "cell_not_number": ("「{value}」不是数字；请填写人数。", "'{value}' is not a number; enter a count."),
    "cell_too_large": ("「{value}」太大，不像人数。", "'{value}' is too large to be a count."),
    "more_errors": ("……另有 {count} 处错误未列出。", "... and {count} more errors not listed."),
    # total rows and data checks
    "total_mismatch": (
        "「{label}」行与各单位之和不符：{columns}；kongchuo 使用各单位之和。",
        "the '{label}' row differs from the sum of the units: {columns}; kongchuo uses the sum of the units.",
    ),
    "total_mismatch_column": ("「{column}」表中为 {written}，合计应为 {summed}", "{column} {written} in the file, {summed} summed"),
    "parts_mismatch": (
        "{names}之和为 {parts}，与「{column}」{total} 不符；计算使用「{column}」。",
        "{names} sum to {parts}, not the {total} of '{column}'; '{column}' is used.",
    ),
    # grade tables (年级表)
    "kinds_mixed": ("这是{kind}；一次只能检查同一种表（汇总表或年级表）。", "this is a {kind}; give tables of one kind per run "
                    "(summary tables or grade tables)."),
    "kind_summary": ("汇总表", "summary table"),
    "kind_grades": ("年级表", "grade table"),
    "read_grades": ("按年级表读取（{layout}）：{units} 个单位，{first}—{last} 学年。",
                    "read as a grade table ({layout}): {units} units, school years {first}–{last}."),
    "layout_long": ("长表：每个单位、学年、年级一行", "long: a row per unit, year and grade"),
    "layout_wide": ("宽表：每个单位、学年一行，每个年级一列", "wide: a row per unit and year, a column per grade"),
    "grades_header_not_found": (
        "找不到年级表的表头：需要「学年」列，以及「年级」列或各年级的列（一年级…九年级）。",
        "no grade-table header found: it needs a 学年 (year) column and a 年级 (grade) column or a column per grade "
        "(一年级…九年级).",
    ),
    "grades_no_unit": ("年级表需要单位列（乡镇、学校或单位）。", "a grade table needs a unit column (乡镇, 学校 or 单位)."),
    "grades_no_stock": ("长表需要「在校生数」列。", "a long grade table needs an 在校生数 (enrolled) column."),
    "grades_bad_year": ("学年「{value}」看不懂；请写起始年份，如 2020 或 2020-2021。",
                        "cannot read the school year '{value}'; write its start year, e.g. 2020 or 2020-2021."),
    "grades_bad_grade": ("年级「{value}」看不懂；请写 一年级…九年级、初一…初四 或 1–9。",
                         "cannot read the grade '{value}'; write 一年级…九年级, 初一…初四 or 1–9."),
    "grades_bad_system": ("学制「{value}」看不懂；请写 6-3、5-4 或 九年一贯制。",
                          "cannot read the school system '{value}'; write 6-3, 5-4 or 九年一贯制."),
    "grades_system_changes": ("「{unit}」的学制先写 {first}，这里写 {second}；一个单位只能有一种学制。",
                              "'{unit}' is {first} above and {second} here; a unit has one school system."),
    "grades_blank_unit": ("单位为空；请填写单位名（合并单元格另存为 CSV 时只留第一行）。",
                          "the unit is blank; fill in its name (a merged cell saved as CSV keeps only its first row)."),
    "grades_duplicate": ("「{unit}」{year} 学年 {grade} 年级的同一项数字第 {first} 行已有；同一格只能出现一次。",
                         "'{unit}', {year}, grade {grade}: the same count is already on row {first}; give it once."),
    "grades_stage_unclear": ("「{header}」不分小学初中，而这一行两个学段都有；请写成 小学{header} 或 初中{header}。",
                             "'{header}' names no stage, and this row has both; write 小学{header} or 初中{header}."),
    "grades_rows_skipped": ("表格下方 {count} 行没有学年和数字（说明、填表人等），已跳过。",
                            "{count} rows below the table hold no year and no count (notes, names): skipped."),
    "grades_nothing_complete": (
        "年级表（{years} 学年）中没有一届完整到可以计算巩固率，也没有可算辍学率的学年（需要相邻两年的数据）。",
        "the grade tables (school years {years}) hold no complete cohort and no school year with its next year's "
        "flows: nothing to compute.",
    ),
    "cohort_absent": ("{indicator}：没有 {year} 级的完整数据；可用的届：{found}。判定最新一届。",
                      "{indicator}: no complete data for the cohort of {year}; cohorts found: {found}. The latest "
                      "is judged."),
    "period_absent": ("{indicator}：没有 {year} 学年的数据；可用的学年：{found}。判定最新学年。",
                      "{indicator}: no data for the school year {year}; years found: {found}. The latest is judged."),
    "gap_enrolled": ("「{unit}」{year} 学年 {grade} 年级在校生 {found} 人，按上学年下一年级在校生和变动应为 {expected} 人"
                     "（差 {gap}）。",
                     "'{unit}', {year}, grade {grade}: {found} enrolled, but last year's grade below and the year's "
                     "movements give {expected} ({gap})."),
    "gap_graduates": ("「{unit}」{year} 年 {grade} 年级毕业生 {found} 人，按上学年在校生和变动应为 {expected} 人（差 {gap}）。",
                      "'{unit}', {year}, grade {grade}: {found} graduates, but last year's stock and the movements "
                      "give {expected} ({gap})."),
    "gap_entrants": ("「{unit}」{year} 学年 {grade} 年级在校生 {found} 人，招生加留级应为 {expected} 人（差 {gap}）。",
                     "'{unit}', {year}, grade {grade}: {found} enrolled, but entrants and repeaters give {expected} "
                     "({gap})."),
    "gaps_more": ("还有 {count} 处不相符；kongchuo cohorts {file} --view gaps 列出全部。",
                  "{count} more places do not add up; kongchuo cohorts {file} --view gaps lists them all."),
    "note_movements_missing": ("缺 {years} 年的变动数据，按 0 计。", "movements of {years} are missing: counted as 0."),
    "note_final_stock": ("无毕业生数，用 {year} 学年毕业班在校生。", "no graduates given: the final grade's stock of {year} is used."),
    "note_entrants_stock": ("无招生数，用 {year} 学年一年级在校生。", "no entrants given: grade 1's stock of {year} is used."),
    "note_net_gain": ("两基公式的净减少为 {value}（转入多于减少），按 0 计。",
                      "the 两基 net loss is {value} (more came in than left): counted as 0."),
    "footer_periods": (
        "年级表：「2012级→2020」指 2012 学年入一年级的一届，在 2020 学年判定（九年巩固率 = 2020 学年九年级 ÷ 2012 学年"
        "一年级）；「2019学年」的辍学率 = 2020 年表中的辍学 ÷ 2019 学年初在校生。",
        "grade tables: '2012→2020' is the cohort that entered grade 1 in school year 2012, judged in 2020 (nine-year "
        "consolidation = grade 9 of 2020 ÷ grade 1 of 2012); a dropout rate of '2019-20' = the dropouts in the 2020 "
        "table ÷ the enrolment at the start of school year 2019.",
    ),
    "footer_dropout": ("{indicator}的算法：{formula}（thresholds 中的 definition 与 suspended）。",
                       "{indicator} computed as: {formula} (definition and suspended in the thresholds)."),
    "footer_history": ("灰色为往届、往年（--history），只供参考，不影响退出码。",
                       "dimmed rows are earlier cohorts and years (--history), shown for reference: they do not "
                       "decide the exit code."),
    "read_details_grades": ("表头在第 {header} 行。", "header on row {header}."),
    "ladder_title": ("逐届人数（各年级秋季在校生）", "Cohorts grade by grade (autumn enrolment)"),
    "ladder_footer": (
        "每行是一届：入一年级的学年为届，往右每格晚一学年、高一年级；↓n 表示比上一年级少 n 人（净减少，含转出）。",
        "each row is a cohort (the school year it entered grade 1); each cell to the right is a year later and a "
        "grade higher; ↓n marks n fewer than in the grade before (a net decrease, transfers out included).",
    ),
    "flow_title": ("年级间流动：{year} 学年 → 下一学年", "Flows between grades: school year {year} to the next"),
    "flow_assumptions": (
        "假设（UIS 重构队列法）：各年级的升级率、留级率保持本学年的水平；辍学者不再返回；不计转入转出；留级次数不限。"
        "升级率 =（次年高一年级在校生 - 其中留级生）÷ 本年在校生（最后一年级用毕业生）；留级率 = 次年留级生 ÷ 本年在校生；"
        "辍学率 = 1 - 升级率 - 留级率；巩固到第 k 年级 = ∏ 升级率 ÷ (1 - 留级率)。",
        "assumptions (UIS reconstructed cohort): each grade's promotion and repetition rates stay at this year's; "
        "no one who drops out returns; no migration; repetition unlimited. promotion = (next year's next grade - its "
        "repeaters) ÷ this year's enrolment (graduates for the last grade); repetition = next year's repeaters ÷ "
        "this year's enrolment; dropout = 1 - promotion - repetition; survival to grade k = ∏ p ÷ (1 - r).",
    ),
    "flow_no_repeaters": (
        "年巩固率 = 次年高一年级在校生 ÷ 本年在校生（有转入时可超过 100%，不封顶）。表中没有留级人数（「留级」列），"
        "不能计算 UIS 升级率、留级率、辍学率和巩固到各年级的比例。",
        "grade-to-grade rate = next year's next grade ÷ this year's enrolment (above 100 % where pupils arrive; never "
        "capped). The table has no repeaters (a 留级 column): the UIS promotion, repetition and dropout rates and "
        "survival cannot be computed.",
    ),
    "flow_no_year": ("没有 {year} 学年及其下一学年的数据；可用的学年：{years}。",
                     "no data for school year {year} with its next year; the years are: {years}."),
    "gaps_none": ("各单位、各学年、各年级的在校生与变动都对得上。", "every unit, year and grade adds up."),
    "gaps_title": ("对不上的地方：{count} 处", "Where the table does not add up: {count} places"),
    # rosters (学籍 exports, 辍学学生台账)
    "kind_roster": ("学生名册", "roster"),
    "read_roster": ("按学生名册读取：{rows} 行，汇总为 {units} 个单位。", "read as a roster: {rows} rows, counted into {units} units."),
    "roster_header_not_found": (
        "找不到名册的表头：需要姓名、身份证号或学籍号中的一列，以及年级、学籍状态或劝返状态中的一列。",
        "no roster header found: it needs one of 姓名, 身份证号 or 学籍号 and one of 年级, 学籍状态 or 劝返状态.",
    ),
    "roster_extra_cells": (
        "这一行有 {found} 个单元格，表头只有 {expected} 列：可能某个单元格里有逗号、或表头少了一列；请检查该行。",
        "this row has {found} cells where the header has {expected} columns: a cell holding a comma, or a column "
        "missing from the header; check the row.",
    ),
    "roster_out_of_memory": (
        "内存不足：DuckDB 在 {limit} 以内处理不了这份名册（超出的部分本应写到临时目录）。请关闭其他程序后重试，或换一台内存更大的"
        "机器，或按区县拆分名册后分别运行。",
        "out of memory: DuckDB could not count this roster within {limit} (what exceeds it is written to the temporary "
        "folder). Close other programs and run it again, use a machine with more memory, or split the roster by county "
        "and run each part."),
    "roster_disk_full": (
        "临时目录 {folder} 所在的磁盘已满：大名册超出内存的部分要写到这里。请腾出空间，或把环境变量 TMPDIR 设为空间更大的"
        "目录后重试。",
        "the disk of the temporary folder {folder} is full: what a large roster does not fit in memory is written "
        "there. Free some space, or set the environment variable TMPDIR to a folder on a larger disk, and run it "
        "again."),
    "roster_unreadable": ("这一行无法按 CSV 读取（引号不配对或列数不对），请在 Excel 中打开检查后另存。",
                          "this row cannot be read as CSV (an unclosed quote or a wrong number of cells): open the "
                          "file in Excel, check it and save it again."),
    "roster_nothing_to_count": (
        "名册中没有可以汇总的列：辍学率需要年级和学籍状态，残疾儿童入学率需要残疾类型和就读方式，脱贫家庭辍学需要脱贫户和学籍状态或劝返状态。",
        "nothing in the roster to count: dropout rates need 年级 and 学籍状态, the disabled enrolment rate 残疾类型 "
        "and 就读方式, poverty-family dropouts 脱贫户 with 学籍状态 or 劝返状态.",
    ),
    "ledger_in_check": (
        "这是辍学学生台账（每行一名辍学学生）：不能计算辍学率、入学率（分母就是辍学学生本身），只判定脱贫家庭失学辍学人数；"
        "需劝返学生名单请用 kongchuo returns。",
        "this is a dropout ledger (a row per dropout): it gives no dropout or enrolment rate (their base would be the "
        "dropouts themselves), only the children of poverty-relief families out of school; for the list of children "
        "to bring back, use kongchuo returns.",
    ),
    "ledger_nothing_to_count": (
        "这是辍学学生台账（每行一名辍学学生），没有可以判定的指标（脱贫家庭失学辍学人数需要「脱贫户」列）；需劝返学生名单请用 "
        "kongchuo returns。",
        "this is a dropout ledger (a row per dropout): nothing in it can be judged (children of poverty-relief "
        "families out of school need a 脱贫户 column); for the list of children to bring back, use kongchuo returns.",
    ),
    "roster_rows": ("{count} 行：{what}（第 {rows} 行{more}）。", "{count} rows: {what} (rows {rows}{more})."),
    "roster_rows_more": ("等；-v 列出全部", "…; -v lists them all"),
    # what is wrong with a roster's row: its identity (read.roster.identity.ID_CHECKS), then its values
    "roster_id_length": (
        "身份证号位数不对（应为 18 位），请核对证件后重新录入",
        "the ID number does not have 18 characters: check it against the card and enter it again",
    ),
    "roster_id_scientific": (
        "身份证号被 Excel 变成了数字（如 4.31126E+17），后几位已经丢失；请把该列设为“文本”格式，从学籍系统重新导出",
        "the ID number was turned into a number by Excel (such as 4.31126E+17), losing its last digits: set the "
        "column to Text and export it again from the 学籍 system",
    ),
    "roster_id_old_15": (
        "这是 15 位的旧身份证号，请换成 18 位的新号码",
        "this is an old 15-digit ID number: replace it with the 18-character one",
    ),
    "roster_id_chars": (
        "身份证号含有非数字字符（只有最后一位可以是 X），请检查是否混入了字母、空格或全角数字",
        ("the ID number has a character that is not a digit (only the last may be X): look for letters, "
         "spaces or full-width digits"),
    ),
    "roster_id_birth_date": (
        "身份证号中的出生日期（第 7–14 位）不是有效日期，请核对证件",
        "the birth date in the ID number (characters 7–14) is not a real date: check it against the card",
    ),
    "roster_id_check_digit": (
        "身份证号校验位不符（最后一位），请核对证件",
        "the ID number's check digit (last character) does not match: check it against the card",
    ),
    "roster_student_id_form": (
        "全国学籍号格式不对：应为 G、J 或 L 加 18 位，请从学籍系统重新导出或核对",
        ("the national student number is not G, J or L followed by 18 characters: export it again from the 学籍 "
         "system or check it"),
    ),
    "roster_student_id_chars": (
        "全国学籍号字母后的 18 位含有非数字字符（只有最后一位可以是 X），请核对",
        "the 18 characters after the student number's letter include a non-digit (only the last may be X): check it",
    ),
    "roster_student_id_birth_date": (
        "全国学籍号中的出生日期（字母后第 7–14 位）不是有效日期，请核对",
        "the birth date in the student number (characters 7–14 after the letter) is not a real date: check it",
    ),
    "roster_student_id_check_digit": (
        "G 字头全国学籍号中的身份证号校验位不符（最后一位），请与身份证核对",
        ("the check digit (last character) of the ID number inside the G student number does not match: check "
         "it against the ID card"),
    ),
    "roster_age_too_young": (
        "按 9 月 1 日计算，学生比该年级的通常年龄小 2 岁以上，请核对出生日期和年级",
        ("on 1 September the child is 2 or more years younger than usual for the grade: check the birth date "
         "and the grade"),
    ),
    "roster_age_too_old": (
        "按 9 月 1 日计算，学生比该年级的通常年龄大 4 岁以上，请核对出生日期和年级",
        ("on 1 September the child is 4 or more years older than usual for the grade: check the birth date "
         "and the grade"),
    ),
    "roster_bad_grade": ("年级无法识别（应为 一年级…九年级、初一…初四 或 1–9），未计入分学段人数",
                  "the grade cannot be read (一年级…九年级, 初一…初四 or 1–9): not counted by stage"),
    "roster_bad_status": ("学籍状态无法识别（在读、辍学、休学、转出、死亡、毕业…），未计入",
                   "the 学籍状态 cannot be read (在读, 辍学, 休学, 转出, 死亡, 毕业…): not counted"),
    "roster_bad_return_status": ("劝返状态无法识别（未劝返、劝返中、已复学、转学核实、因身体原因不具备学习条件、送教上门）",
                          "the 劝返状态 cannot be read (未劝返, 劝返中, 已复学, 转学核实, 因身体原因不具备学习条件, 送教上门)"),
    "roster_bad_attendance": ("就读方式无法识别（随班就读、特教学校就读、送教上门、未入学），未计入入学",
                       "the 就读方式 cannot be read (随班就读, 特教学校就读, 送教上门, 未入学): not counted as enrolled"),
    "roster_suspected": ("疑似辍学：未计入辍学人数，请核实后改为辍学或在读",
                  "suspected dropout (疑似辍学): not counted as a dropout; verify it and write 辍学 or 在读"),
    "roster_transfer_not_closed": ("同一学生在两所学校都有学籍：转学手续未办完，请核对（计数未去重）",
                            "the same child is on two schools' rolls: a transfer not closed; check it (counted as "
                            "written)"),
    "roster_name_damaged": ("姓名中有问号或乱码符号，是编码转换时丢失了汉字；请从原系统重新导出（用 UTF-8 或 GBK）",
                            "the name holds a question mark or a replacement character: its characters were lost to "
                            "an encoding; export the file again from the original system (UTF-8 or GBK)"),
    "roster_duplicate_row": ("同一学生在同一学校出现不止一次：重复行，请删去多余的行（计数未去重）",
                      "the same child appears more than once in one school: a duplicate row; delete the extra ones "
                      "(counted as written)"),
    "returns_no_status": ("名单需要「劝返状态」列（辍学台账）或「学籍状态」列（学籍名册）。",
                          "the list needs a 劝返状态 column (a dropout ledger) or a 学籍状态 column (a 学籍 roster)."),
    "returns_read_ledger": ("按辍学台账读取：{rows} 行。", "read as a dropout ledger: {rows} rows."),
    "returns_read_roster": ("按学籍名册读取（学籍状态为辍学者视为未劝返）：{rows} 行。",
                            "read as a 学籍 roster (辍学 counted as not yet persuaded): {rows} rows."),
    "returns_unknown": ("{count} 行的劝返状态无法识别，未列入名单；kongchuo check 可列出行号。",
                        "{count} rows have a 劝返状态 that cannot be read and are not listed; kongchuo check names "
                        "their rows."),
    "returns_conflict": (
        "{count} 名学生在一行为未劝返或劝返中，在另一行为已复学或转学核实（{rows}），未列入名单；请核实台账后改正其中一行。",
        "{count} children are out of school in one row and back at school (or transferred) in another ({rows}): not "
        "listed; check the ledger and correct one of the rows.",
    ),
    "returns_conflict_rows": ("第 {rows} 行", "rows {rows}"),
    "returns_title": ("需劝返学生名单：{count} 人仍失学（未劝返 {out}，劝返中 {in_progress}）",
                      "Children to bring back: {count} still out of school ({out} not yet persuaded, {in_progress} "
                      "being persuaded)"),
    "returns_heading": ("{township} {school}（{count} 人）", "{township}, {school} ({count})"),
    "returns_counted": ("另计：已复学 {returned}，转学核实 {transfer}，因身体原因不具备学习条件 {health}，送教上门 {home}。",
                        "counted apart: {returned} back at school, {transfer} transfers verified, {health} unable "
                        "to study for health reasons, {home} taught at home."),
    "returns_masked": ("姓名和身份证号已遮蔽；--reveal 显示完整信息。", "names and ID numbers are masked; --reveal shows them."),
    "returns_revealed": ("含完整姓名和身份证号：请妥善保管，勿外传。",
                         "holds names and ID numbers in full: keep it safe and do not pass it on."),
    "returns_reveal_warning": ("注意：--reveal 输出完整的姓名和身份证号（个人信息），文件仅本人可读。",
                               "note: --reveal prints names and ID numbers in full (personal data); files are "
                               "readable by their owner only."),
    # monthly: the ledger followed month by month
    "usage_sheets_and_sheet": ("--sheets 读取每个工作表，不能再用 --sheet 指定一个。",
                               "--sheets reads every sheet: give it or --sheet, not both."),
    "sheets_not_workbook": ("--sheets 需要 Excel 工作簿（每月一个工作表），这不是工作簿。",
                            "--sheets needs a workbook (a sheet per month); this is not one."),
    "monthly_two_snapshots": ("月报需要至少两期台账（两个文件，或 --sheets 与一个按月分表的工作簿），现在只有 {count} 期。",
                              "the monthly report needs two snapshots of the ledger or more (two files, or --sheets "
                              "with a workbook of a sheet per month); there are {count}."),
    "monthly_no_key": ("无法逐月跟踪学生：需要「身份证号」或「全国学籍号」列，或者「姓名」「出生日期」「学校」三列。",
                       "cannot follow children from month to month: it needs a 身份证号 or 全国学籍号 column, or the "
                       "three columns 姓名, 出生日期 and 学校."),
    "monthly_summary_title": ("控辍保学月报：各乡镇在册与变动（{span}）", "Monthly report: open cases and changes by township ({span})"),
    "monthly_read": ("读取 {label}：{rows} 行，在册 {open} 人。", "read {label}: {rows} rows, {open} open cases."),
    "monthly_several_dates": ("「统计时点」列有 {count} 个不同的日期，按最多的 {date} 计。",
                              "the 统计时点 column holds {count} different dates; the most common, {date}, is used."),
    "monthly_reordered": ("各期按{headers}排序（与命令行中的顺序不同）。",
                          "the snapshots are taken in the order of their {headers} (not the order given)."),
    "monthly_same_date": ("有两期台账的统计时点相同（{dates}）：是否给错了文件？",
                          "two snapshots state the same date ({dates}): is one of them the wrong file?"),
    "monthly_dates_partial": ("只有部分台账写明了统计时点（没有的：{files}），按命令行中的顺序比较。",
                              "only some snapshots state their date (not: {files}); they are taken in the order "
                              "given."),
    "monthly_name_matched": ("{month} 有 {count} 名学生只能按姓名、出生日期和学校与上期对应（第 {rows} 行），请核对是否为同一人并补全身份证号。",
                             "{count} children of {month} could be matched with the month before by name, birth date "
                             "and school only (rows {rows}): check that each is the same child, and fill in the ID."),
    "monthly_plan_units_missing": ("劝返任务表中的单位在台账中没有：{units}（名称是否一致？）。",
                                   "units of the plan are not in the ledgers: {units} (are the names written alike?)."),
    "monthly_off": ("不统计{what}：{months} 没有这些列。", "{what} not counted: {months} lack the columns."),
    "monthly_off_stale_date": ("不统计超期未劝返：{months} 没有{headers}（一列或标题行中的一格）。",
                               "stale cases not counted: {months} state no {headers} (a column, or a cell above the "
                               "header)."),
    "monthly_off_groups": ("台账没有这些优先群体的列，不统计：{groups}。",
                           "the ledgers have no column for these priority groups, not counted: {groups}."),
    "monthly_vanished": ("上期（{file} 第 {row} 行）在册，本期台账中没有，也没有销号原因：无故消失，不计为复学；请核实去向后补录或写明销号原因。",
                         "open in the month before ({file}, row {row}) and absent now with no 销号 reason: vanished, "
                         "not counted as a return; find out where the child is, then restore the row or write the "
                         "reason."),
    "monthly_vanished_rows": ("无故消失：上期在册，本期台账中没有，也没有销号原因，不计为复学；请核实去向",
                              "vanished: open in the month before, absent now with no 销号 reason, not counted as a "
                              "return; find out where these children are"),
    "monthly_twice": ("同一名学生出现在第 {rows} 行（{where}），按第 {counted} 行计一次。",
                      "the same child is on rows {rows} ({where}); counted once, by row {counted}."),
    "monthly_twice_places": ("两个不同的学校或乡镇：转出或销号没有办完？", "two different schools or townships: a move or a "
                             "closing not finished?"),
    "monthly_twice_same": ("同一学校：重复行，请删去多余的行", "the same school: a duplicate row, delete the extra ones"),
    "monthly_twice_rows": ("同一名学生出现不止一次，按第一行计", "the same child listed more than once, counted by the "
                           "first row"),
    "monthly_rows_more": ("等；数据问题工作表与 JSON 列出全部", "…; the 数据问题 sheet and the JSON list them all"),
    "ledger_bad_category": ("台账类别无法识别（适龄未入学、疑似辍学、辍学）", "the 台账类别 cannot be read (适龄未入学, 疑似辍学, 辍学)"),
    "ledger_bad_reason": ("销号原因不在常用原因中（已复学、转学核实、送教上门、因身体原因不具备学习条件、政策性休学、超龄、死亡、户籍错误…），按其他销号计",
                          "the 销号原因 is none of the usual ones (已复学, 转学核实, 送教上门, 因身体原因不具备学习条件, 政策性休学, "
                          "超龄, 死亡, 户籍错误…): counted as closed for another reason"),
    "ledger_unstated_reason": ("有销号日期但没有销号原因，按其他销号计；请写明原因",
                               "a 销号日期 without a 销号原因: counted as closed for another reason; write the reason"),
    "ledger_bad_visits": ("劝返次数不是数字", "the 劝返次数 is not a number"),
    "ledger_bad_legal": ("法律措施无法识别（批评教育、责令限期改正、限期复学通知书、行政处罚决定书）",
                         "the 法律措施 cannot be read (批评教育, 责令限期改正, 限期复学通知书, 行政处罚决定书)"),
    "ledger_bad_date": ("「{column}」不是可识别的日期（如 2024-10-31、2024/10/31、2024年10月31日）",
                        "the {column} is no date kongchuo can read (such as 2024-10-31, 2024/10/31, 2024年10月31日)"),
    "ledger_no_key": ("没有身份证号、学籍号，也没有姓名+出生日期+学校：无法与其他月份对应",
                      "no 身份证号, no 学籍号, and no 姓名 + 出生日期 + 学校: cannot be followed from month to month"),
    "plan_file_no_header": ("劝返任务表中找不到单位列和任务列（如「单位」和「分配劝返人数」或「认领人数」）。",
                            "the plan has no unit column and quota column (such as 单位 and 分配劝返人数 or 认领人数)."),
    "plan_file_json": ("不是 kongchuo plan -f json 的输出（需要 \"plan\" 列表，每项有 unit、is_total、indicator、share）。",
                       "not the output of kongchuo plan -f json (it needs a \"plan\" list of records with unit, "
                       "is_total, indicator and share)."),
    "plan_file_empty": ("劝返任务表中没有任何单位。", "the plan has no units."),
    "plan_file_largest": ("劝返任务表有 {count} 项指标的分配：每个单位按其中最大的任务计（一名学生复学对各项指标都算）。",
                          "the plan shares {count} indicators' needs: each unit's quota is its largest share (a child "
                          "back at school counts for every indicator)."),
    "monthly_title": ("控辍保学月报：{span}", "Dropout ledger, month by month: {span}"),
    "monthly_work_title": ("{month} 在册学生与劝返工作", "{month}: open cases and the work on them"),
    "monthly_groups_title": ("{month} 在册学生中的优先群体", "{month}: open cases by priority group"),
    "monthly_plan_title": ("劝返任务完成情况", "Progress against the plan"),
    "monthly_trend_title": ("逐月合计", "Month by month, 合计"),
    "monthly_events_title": ("变动明细 {span}：{count} 项（姓名、身份证号默认遮蔽）",
                             "Events {span}: {count} (names and IDs masked unless revealed)"),
    "monthly_still_out_title": ("未复学名册 {month}：{count} 人", "Still out of school at {month}: {count}"),
    "monthly_problems_title": ("数据问题：{count} 项（请核实后修改台账）", "Data problems: {count} (check and correct the ledger)"),
    "monthly_identity": ("期末 = 期初 + 新增 － 复学销号 － 其他销号 － 无故消失（乡镇之间转入、转出另列，合计中相抵）；新增含重新纳入。",
                         "closing = opening + new - returned - closed - vanished (moves between units are counted "
                         "apart and cancel in 合计); new includes the reappeared."),
    "monthly_events": ("本月变动：{events}。", "this month: {events}."),
    "monthly_event_count": ("{kind} {count}", "{kind} {count}"),
    "monthly_no_events": ("本月没有变动。", "nothing changed this month."),
    "monthly_closed_reasons": ("其他销号的原因：{reasons}。", "closed for: {reasons}."),
    "monthly_stale_note": ("超期：在册且超过 {days} 天没有劝返（从未劝返的自登记日期起），按统计时点计。",
                           "stale: open, with no visit for more than {days} days before the snapshot's date (never "
                           "visited: since registration)."),
    "monthly_problems": ("数据问题 {count} 项，见标准错误的警告；-o 月报.xlsx 的「数据问题」工作表列出全部。",
                         "{count} data problems, in the warnings above; the 数据问题 sheet of -o report.xlsx lists "
                         "them all."),
    "monthly_no_problems": ("没有发现数据问题。", "no data problems found."),
    # thresholds file
    "thresholds_too_large": ("阈值文件超过 {size} KB，不像阈值文件；请检查文件名。",
                             "the thresholds file is over {size} KB, which no thresholds file is; check the name."),
    "thresholds_too_deep": ("阈值文件嵌套了几千层括号，不是有效的阈值文件。",
                            "the thresholds file nests brackets thousands deep: not a thresholds file."),
    "thresholds_syntax": ("YAML 格式错误：{problem}{hint}", "not valid YAML: {problem}{hint}"),
    # PyYAML's problems in words (policy.thresholds.YAML_PROBLEMS); the English is PyYAML's own
    "yaml_colon": ("这里不能有冒号「:」（值中含冒号时，请给整个值加引号）", "{problem}"),
    "yaml_no_colon": ("缺少冒号「:」（每一项写成「键: 值」）", "{problem}"),
    "yaml_tab": ("不能用 Tab 键缩进，请改用空格", "{problem}"),
    "yaml_indent": ("缩进不一致：这一行与上面同一级的行缩进不同", "{problem}"),
    "yaml_list": ("列表的每一项都要以「- 」开头，并且缩进一致", "{problem}"),
    "yaml_quote": ("引号没有配对：文件结束前缺少闭合的引号", "{problem}"),
    "yaml_alias": ("引用了没有定义的锚点（*名称 之前要有 &名称）", "{problem}"),
    "yaml_brackets": ("花括号或方括号中的各项要用逗号分隔，括号要配对", "{problem}"),
    "yaml_escape": ("双引号中反斜杠「\\」后面的字符无效；改用单引号", "{problem}"),
    "yaml_block": ("以「>」或「|」开头的值会被当作多行文本", "{problem}"),
    "yaml_character": ("这个字符不能出现在这里（以 @、` 开头的值要加引号）", "{problem}"),
    "yaml_other": ("无法解析（{problem}）", "{problem}"),
    "thresholds_not_list": ("{what} 应为列表（每项以「- 」开头）。", "{what} must be a list (each item starting with '- ')."),
    "group_without_when": ("这一组没有 when（适用于哪些单位），例如 when: {{城乡: 农村}}。",
                           "this group has no `when` (which units it is for), e.g. when: {{城乡: 农村}}."),
    "group_setting": ("分组中不能改 formula、definition、suspended（合计要用同一种算法）。",
                      "a group cannot change formula, definition or suspended (the total needs one way of computing)."),
    "group_column_unknown": ("分组条件中的列「{column}」在数据中不存在；可用的列：{columns}。",
                             "the group condition's column '{column}' is not in the data; the columns are: {columns}."),
    "group_matches_nothing": (
        "分组「{name}」没有匹配到任何单位（unit: 须与结果中的单位名完全一致，如「甲镇/中心小学」）。",
        "the group '{name}' matches no unit (unit: must equal a unit as results name it, e.g. 甲镇/中心小学).",
    ),
    "note_applied": ("按「{name}」的标准判定。", "judged by the lines of '{name}'."),
    "profile_unknown": ("没有内置标准「{profile}」；内置标准有：{profiles}。", "no built-in profile '{profile}'; the profiles are: {profiles}."),
    "thresholds_no_target": (
        "阈值文件没有设定任何达标线（target），无法判定；请至少写一条。",
        "the thresholds file sets no target, so nothing can be judged; give at least one.",
    ),
    "thresholds_quote_hint": (
        "（以「>」开头的值须加引号，例如 target: \">= 96%\"）",
        " (a value starting with '>' must be quoted, e.g. target: \">= 96%\")",
    ),
    "thresholds_not_mapping": ("{what} 应为「键: 值」的映射。", "{what} must be a mapping of keys to values."),
    "thresholds_not_text": ("「{key}」的值应为文字。", "the value of '{key}' must be text."),
    "thresholds_unknown_key": ("未知的键「{key}」；可用的键：{allowed}。", "unknown key '{key}'; the keys are: {allowed}."),
    "thresholds_duplicate_key": ("键「{key}」重复。", "key '{key}' appears twice."),
    "thresholds_version": ("version 应为 1，而不是「{value}」。", "version must be 1, not '{value}'."),
    "indicator_unknown": ("未知的指标「{name}」；可用的指标：{allowed}。", "unknown indicator '{name}'; the indicators are: "
                          "{allowed}."),
    "indicator_ambiguous": ("「{name}」可以指几个指标：{candidates}；请写全名。",
                            "'{name}' could mean several indicators: {candidates}; give the full name."),
    "indicator_twice": ("指标「{name}」与前面的「{other}」是同一个指标。", "'{name}' is the same indicator as '{other}' above."),
    "rule_syntax": (
        "「{text}」不是有效的标准；应写成「运算符 数值」，如 \">= 96%\"、\"<= 1%\"、\"== 0\"。",
        "'{text}' is not a line; write OP NUMBER, e.g. \">= 96%\", \"<= 1%\", \"== 0\".",
    ),
    "rule_percent_missing": ("比率的标准须带 %，例如「{text}%」。", "a rate's line needs a %, e.g. '{text}%'."),
    "rule_percent_on_count": ("人数的标准不能带 %：「{text}」。", "a count's line takes no %: '{text}'."),
    "rule_count_equals": ("人数标准只能写「== 0」，或用 <=、<：「{text}」。", "a count's line is '== 0' or uses <= or <: '{text}'."),
    "rule_impossible": ("「{text}」永远无法满足（没有小于 0 的值）。", "'{text}' can never hold: nothing is below 0."),
    "rule_rate_equals": ("比率的标准不能用 ==：「{text}」。", "a rate's line cannot use ==: '{text}'."),
    "rule_direction_at_least": (
        "该指标越高越好，标准应使用 >= 或 >：「{text}」。",
        "this indicator is better when higher; its line uses >= or >: '{text}'.",
    ),
    "rule_direction_at_most": (
        "该指标越低越好，标准应使用 <= 或 <：「{text}」。",
        "this indicator is better when lower; its line uses <= or <: '{text}'.",
    ),
    "rule_count_direction": (
        "人数越少越好，标准应写成 == 0、<= 或 <：「{text}」。",
        "a count is better when lower; its line is == 0 or uses <= or <: '{text}'.",
    ),
    "warn_looser": (
        "预警线「{warn}」比达标线「{target}」更宽松；预警线须比达标线更严。",
        "the warn line '{warn}' is looser than the target '{target}'; a warn line must be stricter.",
    ),
    "warn_without_target": ("有 warn 而没有 target；请先写 target。", "has a warn line but no target; add a target."),
    "setting_unknown": ("{key} 不能是「{value}」；可选：{allowed}。", "{key} cannot be '{value}'; the choices are: {allowed}."),
    "setting_not_here": ("{key} 只用于 {indicators}。", "{key} is only for {indicators}."),
    # what was read (-v)
    "read_details": (
        "{source}；表头在第 {header} 行；{units} 个单位，{totals} 个合计/小计行，跳过 {skipped} 个说明行。",
        "{source}; header on row {header}; {units} units, {totals} total or subtotal rows, {skipped} note rows "
        "skipped.",
    ),
    "reading": ("正在读取 {file}", "reading {file}"),
    "writing": ("正在写入 {file}", "writing {file}"),
    "read_text": ("文本，编码 {encoding}，分隔符 {delimiter}", "text, encoding {encoding}, delimiter {delimiter}"),
    "read_sheet": ("工作表「{sheet}」", "sheet '{sheet}'"),
    "read_parquet": ("Parquet 文件，按列名读取", "Parquet file, columns by name"),
    "internal_error_plain": (
        "kongchuo 内部错误（{detail}）；请把这条信息和所用的命令报告给维护者。",
        "kongchuo internal error ({detail}); please report it with the command you ran to the maintainers.",
    ),
    "internal_error": (
        "kongchuo 内部错误（{detail}）；请加 -v 重新运行，并把输出报告给维护者。",
        "kongchuo internal error ({detail}); run again with -v and report the output to the maintainers.",
    ),
    # writing output
    "xlsx_to_terminal": ("xlsx 不能输出到终端；请用 -o 结果.xlsx。", "xlsx cannot go to a terminal; use -o results.xlsx."),
    "output_unencodable": (
        "字符「{character}」无法用 {encoding} 编码写出；请用 --output-encoding gb18030 或 utf-8。",
        "the character '{character}' cannot be written in {encoding}; use --output-encoding gb18030 or utf-8.",
    ),
    "output_is_input": ("输出文件就是输入文件；请换一个输出文件名。", "the output file is an input file; choose another name."),
    "output_format_unknown": (
        "无法从扩展名判断输出格式；请用 --format 指定（table、csv、tsv、json、markdown、xlsx）。",
        "cannot tell the output format from the extension; give --format (table, csv, tsv, json, markdown, xlsx).",
    ),
    "output_unwritable": ("无法写入：{reason}。", "cannot write: {reason}."),
    "output_folder_missing": ("输出文件夹不存在。", "the output folder does not exist."),
    "output_not_a_file": ("这不是普通文件（设备、管道或文件夹），不能写入结果；请换一个文件名。",
                          "this is not a regular file (a device, a pipe or a folder): results are not written over "
                          "it; choose a file name."),
    "written": ("已写入 {file}{brief}", "wrote {file}{brief}"),
    "written_brief": ("（{brief}）", " ({brief})"),
    "brief_check": ("未达标 {failed} 项", "{failed} failing"),
    "brief_plan": ("{count} 项指标的分配", "shares for {count} indicators"),
    "brief_returns": ("{count} 人仍失学", "{count} still out of school"),
    "brief_rows": ("{count} 行", "{count} rows"),
    # the table's title, footer and summary
    "table_title": ("阈值：{name}（{origin}）", "Thresholds: {name} ({origin})"),
    "footer_formula": ("巩固率公式（{formula}）：{text}", "Consolidation formula ({formula}): {text}"),
    "footer_line": ("标准 {indicator} {rule}：{source}", "Line {indicator} {rule}: {source}"),
    "footer_stand_in": ("标准 {other} {rule}（数据只有{indicator}，以其代替）：{source}",
                        "Line {other} {rule} (the data give only the {indicator}, standing in): {source}"),
    "footer_group_line": ("标准（{group}） {indicator} {rule}：{source}", "Line ({group}) {indicator} {rule}: {source}"),
    "footer_skipped": ("未计算（表中没有这些指标的列）：{indicators}。", "Not computed (no columns for them): {indicators}."),
    "compact_need_total": ("{indicator}：合计需劝返 {count} 人；各单位分别达标需 {units}（共 {sum} 人）。",
                           "{indicator}: the total needs {count}; each unit on its own: {units} ({sum} in all)."),
    "compact_need_met": ("{indicator}：合计已达标；各单位分别达标需 {units}（共 {sum} 人）。",
                         "{indicator}: the total meets the line; each unit on its own: {units} ({sum} in all)."),
    "compact_need_unit": ("{indicator}：需劝返 {count} 人。", "{indicator}: {count} to return."),
    "compact_need_why": ("合计按全县总数计算，已达标单位高出标准的部分抵消了其他单位的一部分缺口，所以合计所需少于各单位分别达标所需之和。",
                         "The total is computed on the county's sums, where the units above the line make up part of "
                         "the others' shortfall: so it needs fewer than the units on their own."),
    "compact_note": ("{indicator}：{note}", "{indicator}: {note}"),
    "compact_note_units": ("{indicator}（{units}）：{note}", "{indicator} ({units}): {note}"),
    "compact_more": ("每个单位、每项指标的分子、分母和说明：--view long，或 -o 结果.xlsx。",
                     "Each unit's numerators, bases and notes: --view long, or -o results.xlsx."),
    "term_formula_raw": ("原始口径", "raw"),
    "term_formula_adjusted": ("调整口径", "adjusted"),
    "term_formula_numerator_adjusted": ("分子调整口径", "numerator adjusted"),
    "term_definition_dictionary": ("词典口径（只计辍学）", "dictionary definition (dropouts only)"),
    "term_definition_liangji": ("两基口径（净减少）", "两基 definition (net loss)"),
    "term_suspended_loss": ("休学计为流失", "suspended counted as lost"),
    "term_suspended_base": ("休学不计入分母", "suspended left out of the base"),
    "term_suspended_retained": ("休学视为在校", "suspended counted as enrolled"),
    "summary_counts": (
        "{scope}：达标 {passed} 项，预警 {warned} 项，未达标 {failed} 项，不适用 {undefined} 项。",
        "{scope}: {passed} pass, {warned} warn, {failed} fail, {undefined} n/a.",
    ),
    "summary_needs": ("需劝返复学：{needs}。", "Children to bring back: {needs}."),
    "summary_need": ("{unit}{indicator} {count} 人", "{unit}{indicator} {count}"),
    "summary_more": ("另有 {count} 项未列出", "{count} more not listed"),
    # notes on results
    "note_zero_denominator": ("分母为 0，比率无定义。", "the denominator is 0: the rate is undefined."),
    "note_no_rule": ("所用标准未设定该指标的标准线。", "the lines in use set none for this indicator."),
    "note_stand_in": ("以三类残疾儿童代替全部残疾儿童。", "the three kinds stand in for all disabled children."),
    "note_enrolled_from_parts": ("入学数按随班就读、特教学校、送教上门和其他形式之和计。",
                                 "enrolled counted as regular class + special school + home delivery + other forms."),
    "note_deferred": ("其中延缓入学 {count} 人，计入分母。", "{count} of them on approved deferral, kept in the base."),
    "note_dropouts_only": ("表中只有脱贫家庭辍学人数，失学（从未入学）的儿童未计入。",
                           "the table gives dropouts only: children of these families who never enrolled are not "
                           "counted."),
    "note_unreachable": (
        "仅靠劝返无法达标：需 {needed} 人，而实际缺失仅 {missing} 人。",
        "returns alone cannot reach the line: {needed} needed but only {missing} children are missing.",
    ),
    "note_units_need": (
        "各单位分别达标共需劝返 {needed} 人。", "{needed} if each unit meets the line on its own.",
    ),
    "note_units_need_more": (
        "各单位分别达标共需劝返 {needed} 人，多于按合计计算的 {own} 人，因为已达标单位高出标准的部分抵消了其他单位的一部分缺口。",
        "{needed} if each unit meets the line on its own: more than the {own} of the sum, because the units above "
        "the line make up part of the others' shortfall.",
    ),
    "note_units_need_met": (
        "按合计计算已达标（已达标单位高出标准的部分抵消了其他单位的缺口），但各单位分别达标共需劝返 {needed} 人。",
        "the sum meets the line (the units above it make up the others' shortfall), but {needed} if each unit "
        "meets the line on its own.",
    ),
    "note_warn_gap": ("距预警线「{warn}」还需劝返 {needed} 人。", "{needed} more returns reach the warn line '{warn}'."),
    # thresholds lint
    "lint_warn_never": ("预警线「{warn}」与达标线「{target}」相同，永远不会触发预警。",
                        "the warn line '{warn}' is the same as the target '{target}': it can never fire."),
    "lint_looser": ("「{target}」比所继承的标准「{base}」更宽松。", "'{target}' is looser than the inherited line '{base}'."),
    "lint_not_in_data": ("数据中没有可计算{indicator}的列，这条标准用不上。",
                         "the data has no columns for {indicator}: this line is never used."),
    "lint_clean": ("{file}：没有发现问题（{count} 条标准）。", "{file}: no problems ({count} lines)."),
    "profile_default": ("（默认）", " (default)"),
    # explain
    "explain_rate_at_least": ("比率，越高越好。", "a rate: higher is better."),
    "explain_rate_at_most": ("比率，越低越好。", "a rate: lower is better."),
    "explain_count_at_most": ("人数，越少越好。", "a count: lower is better."),
    "explain_formulas": ("公式（* 为当前使用的 {formula}，由阈值文件的 formula 选择）：",
                         "formulas (* marks {formula}, chosen by the thresholds' formula):"),
    "explain_formula": ("公式：{formula}", "formula: {formula}"),
    "explain_formula_else": ("表中没有上一行公式的列时：{formula}", "without the columns of the line above: {formula}"),
    "explain_columns": ("所需列：{columns}", "columns: {columns}"),
    "explain_optional": ("可选列（空白或缺少按 0）：{columns}", "optional columns (blank or absent count as 0): {columns}"),
    "explain_no_source": ("未注明来源", "no source given"),
    "explain_line": ("标准：{rule} — {source}（{thresholds}）", "line: {rule} — {source} ({thresholds})"),
    "explain_stand_in": ("所用标准没有为它设线；数据中没有{other}的列时，以它代替，按 {rule} 判定（{source}），并在说明中写明。",
                         "the lines in use set none for it; when the data have no columns for the {other}, it stands "
                         "in, judged by {rule} ({source}), and the note says so."),
    "explain_warn": ("预警线：{rule}", "warn line: {rule}"),
    "explain_move_up": ("需劝返人数：劝返一人，分子 N 加 1，分母 D 不变；k = {rule}，τ = {tau}",
                        "returns needed: each return adds 1 to N, D stays; k = {rule}, τ = {tau}"),
    "explain_move_down": ("需劝返人数：劝返一人，辍学人数 X 减 1，分母 D 不变；k = {rule}，τ = {tau}",
                          "returns needed: each return takes 1 off X, D stays; k = {rule}, τ = {tau}"),
    "explain_move_count": ("需劝返人数：劝返一人，人数 X 减 1；k = {rule}，v = {value}",
                           "returns needed: each return takes 1 off X; k = {rule}, v = {value}"),
    "explain_product": ("标准 {rule}：τ·D = {tau} × {base} = {product}，取整为 {rounded}",
                        "line {rule}: τ·D = {tau} × {base} = {product}, rounded to {rounded}"),
    "explain_met": ("已达标，无需劝返。", "the line is met: no returns needed."),
    "explain_needed": ("需劝返 = {calculation} = {needed} 人。", "returns needed = {calculation} = {needed}."),
    "explain_check": ("检验：劝返 {needed} 人后为 {after}，满足 {rule}；只劝返 {fewer} 人则为 {before}，仍不满足。",
                      "check: with {needed} returns it is {after}, which meets {rule}; with {fewer} it would be "
                      "{before}, which does not."),
    "explain_unit_unknown": ("数据中没有单位「{unit}」；单位有：{units}。", "no unit '{unit}' in the data; the units are: {units}."),
    "explain_where": ("{unit}（{place}）", "{unit} ({place})"),
    "explain_unit_needs_data": ("--unit 需要 --data 数据文件。", "--unit needs --data files."),
    "explain_needs_indicator": ("写出计算过程时请指定一个指标，如 kongchuo explain consolidation_9y --data …",
                                "to write out a computation, name one indicator: kongchuo explain consolidation_9y --data …"),
    # init
    "init_exists": ("文件已存在，未改动；要覆盖请加 --force。", "exists and was left alone; add --force to overwrite."),
    "init_done": ("已写入 {file}", "wrote {file}"),
    "init_next": ("下一步：在模板中填入各乡镇的数据，然后运行 kongchuo check {file}",
                  "next: fill in the template with each township's counts, then run kongchuo check {file}"),
    # CI reports
    "junit_failure": ("{rate} 未满足 {target}，需劝返 {needed} 人", "{rate} does not meet {target}; {needed} to return"),
    "summary_line": ("{thresholds}：未达标 {failed} 项，预警 {warned} 项，达标 {passed} 项{undefined}{needs}",
                     "{thresholds}: {failed} fail, {warned} warn, {passed} pass{undefined}{needs}"),
    "summary_line_undefined": ("，不适用 {count} 项", ", {count} n/a"),
    "summary_line_needs": (" — 需劝返：{needs}", " — children to return: {needs}"),
    "summary_line_need": ("{unit}{indicator} {count} 人", "{count} for {unit}{indicator}"),
    # the township plan
    "plan_title": ("劝返任务分配（标准：{thresholds}）", "Returns shared among the units (lines: {thresholds})"),
    "plan_heading": ("{indicator} {rule}：全县需劝返 {needed} 人", "{indicator} {rule}: the county needs {needed}"),
    "plan_method_lost": (
        "分配方法：全县需劝返的人数按各单位流失人数的比例分给全部单位（最大余数法取整，合计等于全县所需，不超过各单位流失人数），"
        "已达标的单位也按流失人数分担；加 --share-by gap 则只由未达标的单位按各自缺口分担。",
        "How it is shared: the county's need goes to every unit in proportion to the children it lost (largest "
        "remainder: whole children summing to the county's need, none above a unit's loss), units that meet the "
        "line included; with --share-by gap only the units below the line share it, by their own gaps.",
    ),
    "plan_method_gap": (
        "分配方法：全县需劝返的人数只分给未达标的单位，按各自单独达标所需人数的比例分配（最大余数法取整，合计等于全县所需），"
        "每个单位不超过自己单独达标所需；已达标的单位不分担。",
        "How it is shared: only the units below the line share the county's need, in proportion to what each "
        "needs to meet the line on its own (largest remainder: whole children summing to the county's need), none "
        "above its own need; units that meet the line take none.",
    ),
    "plan_needs_units": ("分配计划需要多个单位（只有一个单位时，它自己的需劝返人数就是全部）。",
                         "a plan needs several units (with one unit, its own need is the whole plan)."),
    "plan_indicator_absent": ("数据中没有可计算「{indicator}」的列；可用的指标：{allowed}。",
                              "the data has no columns for '{indicator}'; the indicators here are: {allowed}."),
    "plan_nothing": ("合计各项指标均已达标，无需分配劝返任务。", "the total meets every line: nothing to share out."),
    "plan_short": ("仅靠劝返无法达标：需 {needed} 人，而各单位共缺 {lost} 人，已全部分配。",
                   "returns alone cannot reach the line: {needed} needed, only {lost} lost in all; every one is assigned."),
    # the 通报 (kongchuo briefing)
    "help_briefing": ("控辍保学通报：总体情况、各乡镇排名（表与柱状图）、本月进展、存在问题、工作要求，附汇总表、未复学名册（遮蔽）和数据问题清单；"
                      "写成 Word 文档（GB/T 9704 公文格式）、网页或 Markdown。",
                      "The 通报 (supervision briefing) that ranks the townships: the county against each line with "
                      "its source, a ranking table and bar chart per indicator failed anywhere (ties share a rank), "
                      "with ledgers the month's progress (two or more: --ledger THIS --previous LAST, or --ledgers "
                      "L1 L2 …) or the list of children still out (one), the problems each backed by a number, the "
                      "requirements from --meta, and the attachments: the summary table, the masked list, the data "
                      "problems. -o 通报.docx follows GB/T 9704 (A4, 22 lines of 28 characters, 小标宋/仿宋/黑体/楷体, "
                      "page numbers — 1 —), -o 通报.html is one self-contained page with its charts as SVG, -o 通报.md "
                      "is for pasting. Every number is check's, monthly's or returns'."),
    "help_ledger": ("本期辍学台账", "this month's dropout ledger"),
    "help_previous": ("上期辍学台账（与 --ledger 一起给出本月进展）", "last month's ledger (with --ledger: the month's progress)"),
    "help_ledgers": ("按月排列的多期台账（到下一个选项为止）", "ledgers month by month (the files up to the next option)"),
    "help_meta": ("通报的发文机关、文号、主送、抄送、工作要求和字体（YAML；kongchuo init 写出模板）",
                  "briefing.yaml: the header fields, the requirements and the fonts (kongchuo init writes one)"),
    "help_document_format": ("输出格式（默认按 -o 的扩展名，没有 -o 时为 markdown）",
                             "output format [default: from the -o extension, else markdown]"),
    "help_document_output": ("写入文件：通报.docx、通报.html 或 通报.md（完整写入或不写）",
                             "write 通报.docx, .html or .md, whole or not at all"),
    "briefing_ledger_options": ("--ledgers 与 --ledger/--previous 只能二选一。", "give --ledgers or --ledger/--previous, not both."),
    "briefing_previous_alone": ("--previous（上期台账）要与 --ledger（本期台账）一起用。",
                                "--previous (last month's ledger) goes with --ledger (this month's)."),
    "briefing_plan_needs_ledgers": ("--plan（劝返任务）要有两期以上台账（--ledger 与 --previous，或 --ledgers）才能算出进度。",
                                    "--plan needs two ledgers or more (--ledger with --previous, or --ledgers) to "
                                    "measure progress."),
    "briefing_no_meta": ("没有 --meta：通报没有版头、文号、署名和工作要求；kongchuo init 写出 briefing.yaml 模板。",
                         "no --meta: the briefing has no masthead, number, signature or requirements; kongchuo init "
                         "writes a briefing.yaml to fill in."),
    "briefing_meta_missing": ("没有填写{fields}：通报中留空。", "{fields} not given: left out of the briefing."),
    "briefing_field_issuer": ("发文机关", "the issuer"),
    "briefing_field_number": ("文号", "the number"),
    "briefing_field_requirements": ("工作要求", "the requirements"),
    "briefing_units_apart": ("台账中的乡镇在汇总表中没有：{units}（名称是否一致？）。",
                             "townships of the ledgers are not in the summary tables: {units} (are the names written "
                             "alike?)."),
    "meta_too_large": ("briefing.yaml 超过 {size} KB，不像通报的设置文件；请检查文件名。",
                       "more than {size} KB: no briefing.yaml is this large; check the file name."),
    "meta_too_deep": ("briefing.yaml 嵌套了几千层括号，不是有效的设置文件。",
                      "thousands of nested brackets: not a briefing.yaml."),
    "meta_bad_date": ("「{key}」的日期「{value}」看不懂；请写成 2026年12月2日 或 2026-12-02。",
                      "cannot read the date '{value}' of {key}; write 2026-12-02."),
    "chart_no_matplotlib": ("没有安装 matplotlib，通报中的图未画出（数值见各表）；请安装：pip install 'kongchuo[briefing]'。",
                            "matplotlib is not installed: the charts are left out (their figures are in the tables); "
                            "pip install 'kongchuo[briefing]'."),
    "chart_no_font": ("没有含「{missing}」字形的中文字体，「{title}」的图未画出（以免画成方框）；请安装 pip install "
                      "'kongchuo[briefing]'（含 Noto Sans SC 字体），或安装含这些字的字体。",
                      "no font has the glyphs '{missing}': the chart of {title} is left out rather than drawn with "
                      "empty boxes; pip install 'kongchuo[briefing]' (Noto Sans SC), or install a font that has "
                      "them."),
    "docx_missing": ("写 Word 文档需要 python-docx：pip install 'kongchuo[briefing]'。",
                     "a Word file needs python-docx: pip install 'kongchuo[briefing]'."),
    "docx_to_terminal": ("docx 不能输出到终端；请用 -o 通报.docx。", "docx cannot go to a terminal; use -o briefing.docx."),
    "output_format_command": ("这个命令不写 {format}；可以写：{formats}。", "this command does not write {format}; it "
                              "writes: {formats}."),
    "brief_briefing": ("{count} 项指标排名", "{count} indicators ranked"),
    "briefing_title": ("关于{year}年{month}月全县控辍保学工作情况的通报",
                       "Briefing on the county's work to keep children in school, {month}/{year}"),
    "briefing_recipients": ("各乡镇人民政府，县直有关单位，各中小学校",
                            "The township governments, the county's departments concerned, every school"),
    "briefing_colon": ("：", ":"),
    "briefing_comma": ("，", ", "),
    "briefing_copies": ("抄送：{names}。", "Copies: {names}."),
    "briefing_printed": ("{date}印发", "printed {date}"),
    "briefing_attachment": ("附件{number}", "Attachment {number}"),
    "briefing_attachment_line": ("附件：{number}. {title}", "Attachments: {number}. {title}"),
    "briefing_attachment_more": ("{number}. {title}", "{number}. {title}"),
    "briefing_overall_heading": ("总体情况", "Overall"),
    "briefing_rankings_heading": ("各乡镇排名", "The townships ranked"),
    "briefing_progress_heading": ("本月进展", "This month"),
    "briefing_problems_heading": ("存在问题", "Problems"),
    "briefing_requirements": ("工作要求", "Requirements"),
    "briefing_overall": ("根据{subject}，按{thresholds}判定，全县 {count} 项指标中达标 {passed} 项，预警 {warned} 项，"
                         "未达标 {failed} 项，不适用 {undefined} 项。",
                         "From {subject}, judged by {thresholds}: of the county's {count} indicators, {passed} pass, "
                         "{warned} warn, {failed} fail, {undefined} n/a."),
    "briefing_sources": ("各项标准的出处：", "Where the lines come from:"),
    "briefing_source": ("{indicator}：{source}", "{indicator}: {source}"),
    "briefing_source_short": ("出处", "Source"),
    "briefing_sources_in": ("各项标准出处的全文见附件{number}。", "The sources of the lines in full: attachment {number}."),
    "briefing_ledger_month": ("截至 {month}，台账在册（尚未复学）{closing} 人{list}；本月复学销号 {returned} 人，累计复学 "
                              "{to_date} 人。",
                              "On {month}, {closing} children are still out of school by the ledger{list}; "
                              "{returned} returned this month, {to_date} to date."),
    "briefing_ledger_list": ("台账中仍失学 {count} 人（未劝返 {out} 人，劝返中 {in_progress} 人）{list}。",
                             "{count} children are still out of school by the ledger ({out} not yet persuaded, "
                             "{in_progress} being persuaded){list}."),
    "briefing_see_list": ("（名单见附件{number}）", " (listed in attachment {number})"),
    "briefing_indicator": ("指标", "Indicator"),
    "briefing_county": ("全县", "County"),
    "briefing_unit": ("乡镇", "Township"),
    "briefing_line": ("标准", "Line"),
    "briefing_status": ("结果", "Result"),
    "briefing_needed": ("需劝返", "To return"),
    "briefing_rank": ("名次", "Rank"),
    "briefing_rate": ("比率", "Rate"),
    "briefing_count": ("人数", "Count"),
    "briefing_small": ("{rate}（{numerator}/{denominator}）", "{rate} ({numerator}/{denominator})"),
    "briefing_rank_rule": (
        "排名规则：各乡镇按比率排序，巩固率、入学率由高到低，辍学率和失学辍学人数由低到高；比率相同的并列同一名次，其后名次顺延；"
        "分母不足 {base} 人的乡镇在比率后注明 n/N（一人之差即超过 {points} 个百分点）；比率无定义（分母为 0）的乡镇列在最后，"
        "不排名次。图中红色柱为未达标，虚线为标准。",
        "How townships are ranked: by rate, consolidation and enrolment from the highest, dropouts from the lowest; "
        "townships with equal rates share a rank and the next rank counts them all; a rate over fewer than {base} "
        "children is followed by n/N (one child moves it by more than {points} points); a township whose rate is "
        "undefined (a base of 0) comes last, unranked. In the charts, red bars fail and the dashed line is the line."),
    "briefing_all_met": ("各乡镇各项指标均已达标，不作排名。", "every township meets every line: nothing to rank."),
    "briefing_rank_heading": ("{indicator}（标准 {rule}）", "{indicator} (line {rule})"),
    "briefing_chart_line": ("标准 {rule}", "line {rule}"),
    "briefing_percent": ("%", "%"),
    "briefing_children": ("人", "children"),
    "briefing_figure": ("图{number}　{indicator}各乡镇排名", "Figure {number}. {indicator} by township"),
    "briefing_chart_left_out": ("（{indicator}：本机没有能显示全部标签的中文字体，图未画出，数值见上表。）",
                                "({indicator}: no font here can draw every label, so the chart is left out; the "
                                "table above has its figures.)"),
    "briefing_progress": ("{span}，全县期初在册 {opening} 人，新增 {new} 人，复学销号 {returned} 人，其他销号 {closed} 人，"
                          "无故消失 {vanished} 人，期末在册 {closing} 人；自 {first} 以来累计复学 {to_date} 人。",
                          "{span}: {opening} open at the start, {new} new, {returned} returned, {closed} closed for "
                          "other reasons, {vanished} vanished, {closing} open at the end; {to_date} returned since "
                          "{first}."),
    "briefing_plan_progress": ("按劝返任务（{plan}），全县任务 {quota} 人，累计复学 {to_date} 人，完成 {met}。",
                               "Against the plan ({plan}): a quota of {quota}, {to_date} returned, {met} met."),
    "briefing_opening": ("期初", "Start"),
    "briefing_closing": ("期末", "End"),
    "briefing_to_date": ("累计复学", "Returned to date"),
    "briefing_quota": ("劝返任务", "Quota"),
    "briefing_met": ("完成", "Met"),
    "briefing_problem_below": ("{indicator}（标准 {rule}）：{county}{count} 个乡镇未达标：{units}。",
                               "{indicator} (line {rule}): {county}{count} townships below the line: {units}."),
    "briefing_problem_county": ("全县 {value}，需劝返 {needed} 人；", "the county {value}, {needed} to return; "),
    "briefing_problem_county_count": ("全县 {value} 人；", "the county {value}; "),
    "briefing_problem_county_only": ("{indicator}（标准 {rule}）：全县 {value}，需劝返 {needed} 人。",
                                     "{indicator} (line {rule}): the county {value}, {needed} to return."),
    "briefing_problem_unit": ("{unit} {value}（需劝返 {needed} 人）", "{unit} {value} ({needed} to return)"),
    "briefing_problem_unit_count": ("{unit} {value} 人", "{unit} {value}"),
    "briefing_problem_stale": ("超过 {days} 天未劝返的在册学生 {count} 人：{units}。",
                               "{count} open cases with no visit for more than {days} days: {units}."),
    "briefing_problem_no_visit": ("本月未走访的在册学生 {count} 人：{units}。", "{count} open cases not visited this "
                                  "month: {units}."),
    "briefing_problem_vanished": ("上月在册、本月台账中没有也没有销号原因的学生 {count} 人（不计为复学）：{units}；请核实去向。",
                                  "{count} children open last month are gone from the ledger with no reason (not "
                                  "counted as returns): {units}; find out where they are."),
    "briefing_problem_count": ("{unit} {count} 人", "{unit} {count}"),
    "briefing_problem_data": ("数据问题 {count} 处（{kinds}），见附件{number}。", "{count} data problems ({kinds}): see "
                              "attachment {number}."),
    "briefing_problem_kind": ("{kind} {count} 处", "{kind} {count}"),
    "briefing_no_problems": ("本期数据中未发现需要通报的问题。", "The figures show nothing to report."),
    "briefing_summary_title": ("各乡镇控辍保学指标汇总表", "The indicators of every township"),
    "briefing_summary_header": ("{indicator}（{rule}）", "{indicator} ({rule})"),
    "briefing_still_out_title": ("未复学学生名册", "Children still out of school"),
    "briefing_still_out_count": ("共 {count} 人。", "{count} children. "),
    "briefing_problems_title": ("数据问题清单", "Data problems"),
    "briefing_number": ("序号", "No."),
    "briefing_problem": ("问题", "Problem"),
    "briefing_file": ("文件", "File"),
    "briefing_rows": ("行号", "Rows"),
    "briefing_explanation": ("说明", "Explanation"),
    "briefing_warning": ("读取提示", "reading"),
    "briefing_township": ("乡镇", "Township"),
    "briefing_school": ("学校", "School"),
    "briefing_grade": ("年级", "Grade"),
    "briefing_name": ("姓名", "Name"),
    "briefing_id": ("身份证号", "ID number"),
    "briefing_return_status": ("劝返状态", "Status"),
    "briefing_priority": ("优先群体", "Priority"),
}
