"""Every word kongchuo reads in a header or a cell, for every kind of input, and how a written header is matched.

One table per kind of column (summary counts, grade-table measures, roster columns), one table of the places
that label units (学校 < 单位 < 乡镇 < 区县), one of the words that mark a total row, one of the ways a grade is
written, and the values a roster's status columns take. Headers are compared after `normalize_header`.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

# A unit written after the header, e.g. 转入人数（人）; only true units, so 入学人数(含随班就读) is not stripped.
_UNIT_SUFFIX = re.compile(r"\((?:人|名|个|所|人次|%|‰)\)$")
_DASHES = str.maketrans({"～": "-", "~": "-", "—": "-", "–": "-", "－": "-", "至": "-"})


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))  # zero-width characters, soft hyphen


def clean_name(text: str) -> str:
    """A unit's name as it is compared and shown: full-width spaces made plain (NFKC), zero-width characters gone,
    no space beside a Chinese character (Chinese names have none), other runs of spaces one space, trimmed — so
    甲镇, "甲镇\u3000", "甲\u3000镇" and "甲\u200b镇" are one unit; "No. 2 School" keeps its spaces."""
    plain = " ".join(unicodedata.normalize("NFKC", text).translate(_INVISIBLE).split())
    return _BESIDE_HAN.sub("", plain) if " " in plain else plain


_BESIDE_HAN = re.compile(r"(?<=[\u3400-\u9fff]) | (?=[\u3400-\u9fff])")


@functools.lru_cache(maxsize=8192)  # the same few headers, years, grades and labels, row after row
def normalize_header(header: str) -> str:
    """The form headers are compared in: NFKC (full-width → ASCII), no white space, no unit suffix, lower case."""
    text = unicodedata.normalize("NFKC", str(header))
    text = "".join(text.split()).translate(_DASHES)
    return _UNIT_SUFFIX.sub("", text).lower()


class Aliases:
    """Canonical names and the headers that stand for them (the canonical name itself included)."""

    def __init__(self, names: dict[str, tuple[str, ...]]) -> None:
        self.lookup: dict[str, str] = {}  # normalised header → canonical name
        self.written: dict[str, str] = {}  # normalised header → the header as this table writes it
        for name, headers in names.items():
            for header in (name, *headers):
                self.lookup.setdefault(normalize_header(header), name)
                self.written.setdefault(normalize_header(header), header)

    def match(self, header: str) -> str | None:
        """The canonical name a written header stands for, or None."""
        return self.lookup.get(normalize_header(header))

    def suggest(self, header: str) -> str | None:
        """The known header closest to an unrecognised one (a likely typo), or None."""
        close = difflib.get_close_matches(normalize_header(header), list(self.lookup), n=1, cutoff=0.6)
        return self.written[close[0]] if close else None


# ---- the places that label units ---------------------------------------------------------------------------

# Finest first: a school-level sheet has a 乡镇 column beside the school's; the finest labels the row, the coarser
# qualify it (甲镇/中心小学) and can group rows (--by 乡镇).
PLACES: dict[str, tuple[str, ...]] = {
    "school": ("学校", "学校名称", "就读学校", "school"),
    "unit": ("单位", "单位名称", "unit"),
    "township": ("乡镇", "乡镇名称", "乡镇(街道)", "乡镇街道", "township"),
    "county": ("区县", "县区", "县", "县(区)", "县(市、区)", "county"),
}
PLACE_LEVEL = {normalize_header(header): level for level, headers in enumerate(PLACES.values())
               for header in headers}
QUALIFIER = "/"  # 甲镇/中心小学: a school qualified by its township


def place_level(header: str) -> int | None:
    """0 school, 1 unit, 2 township, 3 county (lower is finer); None for a header that names no place."""
    return PLACE_LEVEL.get(normalize_header(header))


# ---- summary tables (one row per 乡镇 or 学校) -------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    headers: tuple[str, ...]  # Chinese headers, the first is the primary one
    blank_is_zero: bool = False  # movement columns: an empty cell means "none"
    summed: bool = False  # several columns of this meaning (特教班, 康复机构…) are added together


UNIT = "unit"

# One table for every column of a summary table (docs/inputs.md, "输入列").
COLUMNS: tuple[Column, ...] = (
    Column(UNIT, ("单位", "乡镇", "学校", "学校名称", "单位名称", "乡镇名称", "乡镇(街道)", "乡镇街道")),  # in PLACES
    Column("grade1_entrants", ("一年级入学人数", "小学一年级入学人数", "入学人数")),
    Column("final_grade_enrolled", ("毕业班在校生数", "初三在校生数", "九年级在校生数", "初中毕业班学生数")),
    Column("transfers_in", ("转入人数", "转入"), blank_is_zero=True),
    Column("transfers_out", ("转出人数", "转出"), blank_is_zero=True),
    Column("deaths", ("死亡人数", "死亡"), blank_is_zero=True),
    Column("suspended", ("休学人数", "休学"), blank_is_zero=True),
    # 优质均衡 data items: 毕业学生人数 over 三年前初一在校生, with the three years' movements
    Column("junior_graduates", ("初中毕业生数", "初中毕业人数", "毕业学生人数")),
    Column("junior_entrants", ("三年前初一在校生数", "三年前初一学生数", "三年前初一在校生")),
    Column("junior_transfers_in", ("初中三年转入人数", "三年转入人数"), blank_is_zero=True),
    Column("junior_transfers_out", ("初中三年转出人数", "三年转出人数"), blank_is_zero=True),
    Column("junior_deaths", ("初中三年死亡人数", "三年死亡人数"), blank_is_zero=True),
    # county templates: 当年小学毕业生 over (六年前招生 + 转入 − 转出)
    Column("primary_graduates", ("小学毕业生数", "小学毕业人数")),
    Column("primary_entrants", ("六年前小学招生数", "六年前招生数", "小学招生数")),
    Column("primary_transfers_in", ("小学六年转入人数", "六年转入人数"), blank_is_zero=True),
    Column("primary_transfers_out", ("小学六年转出人数", "六年转出人数"), blank_is_zero=True),
    Column("primary_enrolled_start", ("小学学年初在校生数", "小学上学年初在校生数")),
    Column("primary_dropouts", ("小学辍学人数", "小学辍学学生数")),
    Column("junior_enrolled_start", ("初中学年初在校生数", "初中上学年初在校生数")),
    Column("junior_dropouts", ("初中辍学人数", "初中辍学学生数")),
    Column("primary_age_population", ("小学适龄儿童数", "小学学龄儿童数")),
    Column("primary_age_enrolled", ("小学适龄儿童在校数", "已入学小学适龄儿童数")),
    Column("junior_age_population", ("初中适龄人口数", "12-14周岁人口数", "初中阶段适龄少年数")),
    Column("junior_age_enrolled", ("初中适龄少年在校数", "12-14周岁在校生数", "适龄少年在校数", "初中阶段适龄少年在校数")),
    Column("junior_enrolled", ("初中在校生数",)),
    # 三类残疾 (视力、听力(言语)、智力); a part written without 三类 belongs to the scope the file has (_scoped_parts)
    Column("disabled_children", ("三类残疾适龄儿童少年数", "适龄三类残疾儿童少年数", "三类残疾儿童少年数")),
    Column("disabled_enrolled", ("三类残疾儿童少年入学数", "三类残疾儿童少年义务教育入学数")),
    Column("disabled_regular_class", ("随班就读人数", "三类残疾儿童随班就读人数")),
    Column("disabled_special_school", ("特教学校就读人数", "三类残疾儿童特教学校就读人数")),
    Column("disabled_home_delivery", ("送教上门人数", "三类残疾儿童送教上门人数")),
    Column("disabled_other", ("其他形式就读人数", "三类残疾儿童其他形式就读人数", "其他安置人数", "特教班就读人数",
                              "康复机构就读人数"), blank_is_zero=True, summed=True),
    Column("disabled_deferred", ("延缓入学人数", "三类残疾儿童延缓入学人数", "缓学人数"), blank_is_zero=True),
    # every kind of disability (视力、听力、言语、肢体、智力、精神、多重)
    Column("disabled_all_children", ("残疾适龄儿童少年数", "适龄残疾儿童少年数")),
    Column("disabled_all_enrolled", ("残疾儿童少年入学数", "残疾儿童少年义务教育入学数")),
    Column("disabled_all_regular_class", ("残疾儿童随班就读人数",)),
    Column("disabled_all_special_school", ("残疾儿童特教学校就读人数",)),
    Column("disabled_all_home_delivery", ("残疾儿童送教上门人数",)),
    Column("disabled_all_other", ("残疾儿童其他形式就读人数",), blank_is_zero=True, summed=True),
    Column("disabled_all_deferred", ("残疾儿童延缓入学人数",), blank_is_zero=True),
    # 义务教育有保障: 不失学辍学 — children never enrolled (失学) count as well as dropouts (辍学)
    Column("poverty_out_of_school", ("脱贫家庭失学辍学人数", "建档立卡失学辍学人数")),
    Column("poverty_never_enrolled", ("脱贫家庭失学人数", "建档立卡失学人数")),
    Column("poverty_dropouts", ("脱贫家庭辍学人数", "建档立卡辍学人数")),
)
BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}
SUMMARY_COLUMNS = Aliases({column.name: column.headers for column in COLUMNS})
# The parts of 残疾儿童少年入学数, for 三类 and for every kind: summed when the total is absent (其他 when given),
# checked against it when both are given; 延缓入学 (an approved deferral) stays in the base and is only shown.
DISABLED_PARTS = ("disabled_regular_class", "disabled_special_school", "disabled_home_delivery")
DISABLED_ALL_PARTS = tuple(part.replace("disabled_", "disabled_all_") for part in DISABLED_PARTS)
# What a part written without 三类 means in a file of every kind of disability (三类 → all kinds)
SCOPED_PARTS = {part: part.replace("disabled_", "disabled_all_")
                for part in (*DISABLED_PARTS, "disabled_other", "disabled_deferred")}
# Totals that are the sum of other columns: when the total is blank, the parts stand in for it (and say so);
# when both are given, they must agree.
SUMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # total → (parts it needs, parts added if given)
    "disabled_enrolled": (DISABLED_PARTS, ("disabled_other",)),
    "disabled_all_enrolled": (DISABLED_ALL_PARTS, ("disabled_all_other",)),
    "poverty_out_of_school": (("poverty_never_enrolled", "poverty_dropouts"), ()),
}

# Bookkeeping columns of Chinese tables: not data, and not worth a warning.
NOT_DATA = frozenset({"序号", "编号", "备注", "说明", "no", "no.", "remark", "remarks"})


def column_letter(index: int) -> str:
    """The spreadsheet letter of a zero-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# ---- total rows --------------------------------------------------------------------------------------------

# Rows that sum the units: never counted as units. A grand total is checked against the sum of the units.
GRAND_TOTAL_LABELS = ("合计", "总计", "全县", "总数", "total")
GRAND_TOTAL_ENDINGS = ("合计", "总计")  # 示例县合计
SUBTOTAL_ENDINGS = ("小计",)  # 东镇小计


# a character every total label holds, one way or the other: 合计 总计 小计, 全县, 总数, Total
_TOTAL_MARKS = re.compile("[计县数tT]")


@functools.lru_cache(maxsize=8192)
def total_kind(text: str) -> str | None:
    """"grand" for 合计/总计/全县/总数/Total (also 示例县合计), "sub" for 小计 (also 东镇小计), else None."""
    if not _TOTAL_MARKS.search(text) and unicodedata.is_normalized("NFKC", text):
        return None  # as normalize_header would leave it, but for spaces, dashes and case: no label can come of it
    key = normalize_header(text).rstrip(":")
    if key in GRAND_TOTAL_LABELS or key.endswith(GRAND_TOTAL_ENDINGS):
        return "grand"
    if key.endswith(SUBTOTAL_ENDINGS):
        return "sub"
    return None


# ---- plans: each unit's share of the returns (kongchuo plan's output, or a 认领 table) ------------------------------

QUOTA_COLUMNS = Aliases({
    "township": PLACES["township"],  # a plan shares the need among townships (or units, or schools)
    "unit": PLACES["unit"],
    "school": PLACES["school"],
    "quota": ("分配劝返人数", "认领", "认领人数", "认领劝返人数", "劝返任务", "劝返任务数", "任务数", "share", "quota"),
    "is_total": ("是否合计", "is_total"),
    "indicator": ("指标代码", "指标", "indicator"),  # a Chinese sheet names the indicator rather than its code
})
QUOTA_UNITS = ("township", "unit", "school")  # the column that names the units, the first the header has


# ---- grades and school systems -----------------------------------------------------------------------------

_DIGITS = "一二三四五六七八九"
# A grade as written: 一年级, 七年级, 1年级, 初一 (junior year 1: grade 7 in 6-3, 6 in 5-4), or a bare 1–9.
GRADE_WORDS: dict[str, tuple[str, int]] = {
    **{f"{word}年级": ("grade", number) for number, word in enumerate(_DIGITS, 1)},
    **{f"{number}年级": ("grade", number) for number in range(1, 10)},
    **{f"小学{word}年级": ("grade", number) for number, word in enumerate(_DIGITS[:6], 1)},
    **{f"初{word}": ("junior", number) for number, word in enumerate(_DIGITS[:4], 1)},
    **{f"初中{word}年级": ("junior", number) for number, word in enumerate(_DIGITS[:4], 1)},
}
SYSTEM_WORDS: dict[str, tuple[str, ...]] = {
    "6-3": ("6-3", "63", "六三", "六三制", "6·3", "6.3", "6+3", "六三学制"),
    "5-4": ("5-4", "54", "五四", "五四制", "5·4", "5.4", "5+4", "五四学制"),
    "九年一贯制": ("九年一贯制", "九年一贯", "一贯制"),
}


def parse_grade(text: str) -> tuple[str, int] | None:
    """("grade", 7) for 七年级 or 7; ("junior", 1) for 初一, whose grade depends on the school system."""
    key = normalize_header(text)
    if key.isdigit() and 1 <= int(key) <= 9:
        return "grade", int(key)
    return GRADE_WORDS.get(key)


# ---- grade tables (教育事业统计) ----------------------------------------------------------------------------

# What a grade table counts: one entry per measure, with its headers (stocks, then the 学生变动 flows).
MEASURES: dict[str, tuple[str, ...]] = {
    "enrolled": ("在校生数", "在校学生数", "在校生", "学生数", "在校人数"),
    "entrants": ("招生数", "招生人数", "招生", "新生数"),
    "graduates": ("毕业生数", "毕业人数", "毕业生", "毕业"),
    "transfers_in": ("转入", "转入人数", "转入学生数"),
    "transfers_out": ("转出", "转出人数", "转出学生数"),
    "deaths": ("死亡", "死亡人数"),
    "suspended": ("休学", "休学人数"),
    "resumed": ("复学", "复学人数"),
    "dropouts": ("辍学", "辍学人数", "辍学学生数", "退学", "退学人数"),
    "repeaters": ("留级", "留级人数", "留级生数", "重读"),
    "other_in": ("其他增加", "其他增加人数"),
    "other_out": ("其他减少", "其他减少人数"),
}
GRADE_MEASURES = Aliases(MEASURES)
# The other columns of a grade table: which year, which grade, which school system.
GRADE_TABLE_COLUMNS = Aliases({
    "year": ("学年", "年份", "年度", "统计年度", "学年度", "school_year"),
    "grade": ("年级",),
    "system": ("学制",),
})

# ---- rosters (学籍 exports, 辍学学生台账) -------------------------------------------------------------------------

# The date a ledger describes (its 统计时点), as a column or in a title line above the header (统计时点：2024年10月31日)
SNAPSHOT_DATE_HEADERS = ("统计时点", "报送日期", "统计日期", "统计截止日期", "填报日期")
# Every column a roster may have: canonical name → headers (English aliases too).
ROSTER_COLUMNS = Aliases({
    # as 学籍 systems and county ledgers write them (就读年级, 学生当前状态…)
    "name": ("姓名", "学生姓名"),
    "gender": ("性别", "sex"),
    "id_number": ("身份证号", "身份证号码", "身份证件号", "身份证件号码", "公民身份号码", "证件号码", "学生身份证号", "id"),
    "student_id": ("全国学籍号", "学籍号", "学籍辅号", "全国学籍号码"),
    "birth_date": ("出生日期", "出生年月日", "出生年月"),
    "county": PLACES["county"][:2] + PLACES["county"][3:],
    "township": (*PLACES["township"], "所属乡镇", "所在乡镇"),
    "school": (*PLACES["school"], "所在学校", "原就读学校"),
    "grade": ("年级", "就读年级", "所在年级", "当前年级", "年级名称"),
    "class": ("班级", "所在班级", "班级名称"),
    "status": ("学籍状态", "在校状态", "学生状态", "学生当前状态", "当前状态", "在籍状态", "学籍状态名称"),
    "dropout_reason": ("辍学原因", "失学辍学原因"),
    "return_status": ("劝返状态", "劝返情况", "劝返复学情况", "劝返进展"),
    "responsible": ("包保责任人", "责任人", "劝返责任人", "包联责任人", "帮扶责任人"),
    "disability": ("残疾类型", "残疾类别", "残疾情况"),
    "attendance": ("就读方式", "安置方式", "教育安置方式"),
    "poverty": ("脱贫户", "建档立卡", "脱贫家庭", "是否脱贫户", "是否建档立卡", "建档立卡户"),
    "orphan": ("孤儿", "是否孤儿"),
    "unsupported": ("事实无人抚养", "事实无人抚养儿童"),
    "left_behind": ("留守儿童", "是否留守儿童"),
    "migrant": ("随迁子女", "是否随迁子女"),
    "distressed": ("困境儿童", "是否困境儿童"),
    # a dropout ledger followed month by month (kongchuo monthly): its kind, dates, 销号 and the work done
    "ledger_category": ("台账类别", "台账类型"),
    "registered": ("登记日期", "录入日期", "建档日期", "纳入台账日期"),
    "closed_on": ("销号日期", "销号时间"),
    "close_reason": ("销号原因", "销号类型", "销号情况"),
    "visits": ("劝返次数", "入户劝返次数", "走访次数"),
    "last_visit": ("最近劝返日期", "最近劝返时间", "最近一次劝返日期", "最后劝返日期"),
    "legal_measure": ("法律措施", "已采取法律措施", "依法控辍措施"),
    "legal_date": ("法律措施日期", "法律措施时间", "文书送达日期"),
    "check_result": ("核查结果", "核查情况"),
    "snapshot_date": SNAPSHOT_DATE_HEADERS,
})
PERSONAL = ("name", "id_number", "student_id")  # a roster names a child by one of these…
SCHOOLING = ("grade", "status", "return_status", "ledger_category", "close_reason")  # …and of its schooling

# Values, by what they mean; matched after trimming. Whatever else is written is a problem naming its rows.
STATUSES = {
    "enrolled": ("在读", "在校", "在籍", "正常", "在学", "复学", "enrolled"),
    "dropout": ("辍学", "失学", "退学", "dropout"),
    "suspended": ("休学", "suspended"),
    "left": ("转出", "转学", "死亡", "毕业", "结业", "transferred", "died", "graduated"),
    "suspected": ("疑似辍学", "suspected"),
}
RETURN_STATUSES = {  # 劝返状态: the first two are children still out of school
    "out": ("未劝返", "未返校", "待劝返", "not_returned"),
    "in_progress": ("劝返中", "正在劝返", "in_progress"),
    "returned": ("已复学", "已劝返", "已劝返复学", "已返校", "returned"),
    "transfer_verified": ("转学核实", "已转学", "transfer_verified"),
    "health": ("因身体原因不具备学习条件", "身体原因不具备学习条件", "身体原因", "health"),
    "home_delivery": ("送教上门", "home_delivery"),
}
STILL_OUT = ("out", "in_progress")
# 台账类别: the three county ledgers since 2024 (适龄儿童, 疑似辍学学生, 辍学学生台账)
LEDGER_CATEGORIES = {
    "never_enrolled": ("适龄未入学", "适龄儿童未入学", "未入学", "失学", "never_enrolled"),
    "suspected": ("疑似辍学", "疑似辍学学生", "suspected"),
    "dropout": ("辍学", "辍学学生", "dropout"),
}
# 销号原因: why a case left the ledger (动态销号). Only "returned" is a return; a 劝返状态 that closes a case
# (已复学, 转学核实, …) has the code of the same reason here.
CLOSE_REASONS = {
    "returned": ("已复学", "复学", "已劝返复学", "劝返复学", "已劝返", "已返校", "返校", "returned"),
    "transfer_verified": ("转学核实", "已转学", "转学", "transfer_verified"),
    "home_delivery": ("送教上门", "home_delivery"),
    "health": ("因身体原因不具备学习条件", "身体原因不具备学习条件", "身体原因", "因病因残无法正常入学", "health"),
    "suspension": ("政策性休学", "休学", "suspension"),
    "over_age": ("超龄", "已超出义务教育年龄", "超出义务教育年龄", "over_age"),
    "death": ("死亡", "death"),
    "registration_error": ("户籍错误", "户籍原因", "空挂户", "双重户籍", "身份证号或姓名错误", "查无此人",
                           "registration_error"),
    "at_school": ("已在校就读", "已在校就读并注册学籍", "在校就读", "at_school"),
    "abroad": ("出国在外", "出国", "abroad"),
}
RETURNED = "returned"
# 法律措施, the ladder of 依法控辍 in its order (《义务教育法》第五十八条 and provincial rules): a cell naming several
# steps stands at the highest it names (any of the words, anywhere in the cell)
LEGAL_STEPS = {
    "criticism": ("批评教育", "谈话教育", "约谈"),
    "order": ("责令限期改正", "责令改正"),
    "notice": ("限期复学通知书", "责令送被监护人接受义务教育通知书", "复学通知书"),
    "penalty": ("行政处罚决定书", "行政处罚"),
}
ATTENDANCE = {  # 就读方式 of a disabled child: the forms of enrolment (the parts' names), deferral, or not enrolled
    "regular_class": ("随班就读", "普通学校", "普通学校就读", "regular_class"),
    "special_school": ("特教学校就读", "特教学校", "特殊教育学校", "special_school"),
    "home_delivery": ("送教上门", "home_delivery"),
    "other": ("其他形式就读", "其他安置", "特教班", "特教班就读", "康复机构", "康复机构就读", "职业学校", "other"),
    "deferred": ("延缓入学", "缓学", "deferred"),
    "not_enrolled": ("未入学", "未就读", "not_enrolled"),
}
THREE_KINDS = ("视力", "听力", "言语", "语言", "智力")  # 三类残疾: visual, hearing (speech), intellectual
NO = ("", "否", "无", "不是", "n", "no", "0", "false", "×")  # a flag column: anything else (是, √, 脱贫户…) is yes
