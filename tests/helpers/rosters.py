"""A roster (学籍名册) and a dropout ledger (辍学学生台账) of made-up children, small enough to count by hand: shared
by the tests of reading them and of `check` and `returns` on them. Names and IDs are invented; check digits are
computed here, not by kongchuo."""

import csv
import io
from pathlib import Path

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def made_up_id(region: str, born: str, sequence: str) -> str:
    """A valid-format made-up ID: the check character by GB 11643, computed here independently."""
    body = region + born + sequence
    return body + "10X98765432"[sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS)) % 11]


A1 = made_up_id("430101", "20160305", "001")  # born 2016: grade 3 in school year 2024 (age 8)
A2 = made_up_id("430101", "20150710", "002")
A3 = made_up_id("430101", "20110120", "003")  # grade 7 in 2024 (age 13)
B1 = made_up_id("430102", "20120909", "004")
B2 = made_up_id("430102", "20180401", "005")
ROSTER = [
    ["某县 2024 学年学籍名册（虚构）"],
    ["姓名", "身份证号", "全国学籍号", "乡镇", "学校", "年级", "学籍状态", "残疾类型", "就读方式", "脱贫户"],
    ["赵一", A1, "G" + A1, "甲镇", "中心小学", "三年级", "在读", "", "", "否"],
    ["钱二", A2, "G" + A2, "甲镇", "中心小学", "四年级", "辍学", "", "", "是"],
    ["孙三", A3, "G" + A3, "甲镇", "初级中学", "初一", "在读", "智力残疾", "随班就读", ""],
    ["李四", B1, "G" + B1, "乙镇", "中心小学", "六年级", "转出", "", "", "否"],
    ["周五", B2, "G" + B2, "乙镇", "中心小学", "一年级", "休学", "听力", "送教上门", "否"],
    ["吴六", made_up_id("430102", "20170101", "006"), "", "乙镇", "中心小学", "二年级", "在读", "肢体", "随班就读", "否"],
    ["郑七", made_up_id("430102", "20100101", "007"), "", "乙镇", "初级中学", "九年级", "辍学", "视力", "未入学", "是"],
    [],
    ["填表人：王老师 电话 13800000000"],
]
NAMES = ("赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王老师", "13800000000")  # never in a message

# Still out: 钱二 (未劝返, 脱贫户), 孙三 (劝返中, 留守), 李四 (未劝返) in 甲镇; 郑七 (劝返中; 孤儿, 随迁) in 乙镇.
# Closed: 周五 已复学, 吴六 因身体原因不具备学习条件 (health), 冯八 转学核实.
LEDGER = [
    ["姓名", "身份证号", "乡镇", "学校", "年级", "辍学原因", "劝返状态", "包保责任人", "脱贫户", "残疾类型", "孤儿", "留守儿童",
     "随迁子女"],
    ["钱二", A2, "甲镇", "中心小学", "四年级", "厌学", "未劝返", "王干部", "是", "", "", "", ""],
    ["孙三", A3, "甲镇", "中心小学", "三年级", "外出务工", "劝返中", "刘干部", "", "", "", "是", ""],
    ["李四", B1, "甲镇", "中心小学", "二年级", "厌学", "未劝返", "刘干部", "", "", "", "", ""],
    ["周五", B2, "乙镇", "初级中学", "八年级", "其他", "已复学", "陈干部", "", "", "", "", ""],
    ["吴六", made_up_id("430102", "20170101", "006"), "乙镇", "初级中学", "七年级", "身体原因", "因身体原因不具备学习条件",
     "陈干部", "", "智力", "", "", ""],
    ["郑七", made_up_id("430102", "20100101", "007"), "乙镇", "初级中学", "九年级", "其他", "劝返中", "陈干部", "", "",
     "是", "", "是"],
    ["冯八", made_up_id("430102", "20100202", "008"), "乙镇", "初级中学", "九年级", "其他", "转学核实", "陈干部", "", "", "",
     "", ""],
]


def write(path: Path, rows, encoding="utf-8-sig") -> str:
    """Rows as a CSV file (Excel's "CSV UTF-8" by default); the path as text."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return str(path)


def write_parquet(path: Path, rows, types: dict[str, str] | None = None) -> str:
    """Rows (the first the column names) as a Parquet file written by DuckDB from a CSV beside it (removed), every
    column text (an empty cell null) unless `types` gives its type (年级 INTEGER…); the path as text."""
    import duckdb

    text = Path(write(path.with_suffix(".csv.tmp"), rows, encoding="utf-8"))
    select = ", ".join(f"{_quoted(name)}::{(types or {}).get(name, 'VARCHAR')} AS {_quoted(name)}" for name in rows[0])
    with duckdb.connect() as connection:
        connection.execute(f"COPY (SELECT {select} FROM read_csv('{text}', header = true, all_varchar = true, "
                           f"null_padding = true)) TO '{path}' (FORMAT parquet)")
    text.unlink()
    return str(path)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
