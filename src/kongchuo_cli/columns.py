"""The input columns: canonical English names, their Chinese headers, and how a written header is matched."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    headers: tuple[str, ...]  # Chinese headers, the first is the primary one
    blank_is_zero: bool = False  # movement columns: an empty cell means "none"


UNIT = "unit"

# One table for every column kongchuo reads (cli-contract.md, "Input columns").
COLUMNS: tuple[Column, ...] = (
    Column(UNIT, ("单位", "乡镇", "学校", "学校名称", "单位名称", "乡镇名称", "乡镇(街道)", "乡镇街道")),
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
    Column("junior_age_population", ("初中适龄人口数", "12-14周岁人口数")),
    Column("junior_enrolled", ("初中在校生数",)),
    Column("disabled_children", ("三类残疾适龄儿童少年数", "适龄残疾儿童少年数")),
    Column("disabled_enrolled", ("三类残疾儿童少年入学数", "残疾儿童少年入学数")),
    Column("disabled_regular_class", ("随班就读人数",)),
    Column("disabled_special_school", ("特教学校就读人数",)),
    Column("disabled_home_delivery", ("送教上门人数",)),
    Column("poverty_dropouts", ("脱贫家庭辍学人数", "建档立卡辍学人数")),
)

# Bookkeeping columns of Chinese tables: not data, and not worth a warning.
NOT_DATA = frozenset({"序号", "编号", "备注", "说明", "no", "no.", "remark", "remarks"})

BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}

# A unit written after the header, e.g. 转入人数（人）; only true units, so 入学人数(含随班就读) is not stripped.
_UNIT_SUFFIX = re.compile(r"\((?:人|名|个|所|人次|%|‰)\)$")
_DASHES = str.maketrans({"～": "-", "~": "-", "—": "-", "–": "-", "－": "-", "至": "-"})


def normalize_header(header: str) -> str:
    """The form headers are compared in: NFKC (full-width → ASCII), no white space, no unit suffix, lower case."""
    text = unicodedata.normalize("NFKC", str(header))
    text = "".join(text.split()).translate(_DASHES)
    return _UNIT_SUFFIX.sub("", text).lower()


_LOOKUP: dict[str, str] = {}  # normalised header → canonical name
_WRITTEN: dict[str, str] = {}  # normalised header → the header as the contract writes it
for _column in COLUMNS:
    for _header in (_column.name, *_column.headers):
        _LOOKUP[normalize_header(_header)] = _column.name
        _WRITTEN[normalize_header(_header)] = _header


# A school-level sheet has a 乡镇 column beside the school's: the finest level labels the row, the coarser ones
# qualify it (甲镇/中心小学) and can group rows (--by 乡镇).
UNIT_LEVELS = {normalize_header(header): level for level, headers in enumerate((
    ("学校", "学校名称"), ("单位", "单位名称"), ("乡镇", "乡镇名称", "乡镇(街道)", "乡镇街道"),
)) for header in headers}


def unit_level(header: str) -> int:
    """0 for a school column, 1 for a unit, 2 for a township (lower is finer); only for headers matching UNIT."""
    return UNIT_LEVELS.get(normalize_header(header), 1)


def match_column(header: str) -> str | None:
    """The canonical name a written header stands for, or None."""
    return _LOOKUP.get(normalize_header(header))


def suggest_header(header: str) -> str | None:
    """The known header closest to an unrecognised one (a likely typo), or None."""
    close = difflib.get_close_matches(normalize_header(header), list(_LOOKUP), n=1, cutoff=0.6)
    return _WRITTEN[close[0]] if close else None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a zero-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
