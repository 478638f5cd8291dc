"""Made-up but realistic county files, written the ways Excel and WPS write them on Chinese Windows.

Every township file holds the same three townships, worked by hand (formula `adjusted`, line >= 96 %):
  甲镇 190 / (200 + 4 − 6) = 190/198 = 95.96 %: fails, ⌈0.96·198⌉ = ⌈190.08⌉ = 191 → 1 return
  乙镇 138 / (150 + 0 − 2) = 138/148 = 93.24 %: fails, ⌈142.08⌉ = 143 → 5 returns
  丙乡  99 / (100 + 1 − 0) =  99/101 = 98.02 %: passes
  合计 427 / (450 + 5 − 8) = 427/447 = 95.53 %: fails, ⌈429.12⌉ = 430 → 3 returns; the townships alone need 6
  primary dropouts 2/1000, 3/800, 0/500; county 5/2300 = 0.2174 %: passes <= 1 %
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

TITLE = "某县2025年控辍保学指标汇总表（虚构数据）"
HEADER = ["乡镇", "一年级入学人数", "毕业班在校生数", "转入人数（人）", "转出人数（人）", "小学辍学人数", "小学学年初在校生数"]
TOWNS = [["甲镇", 200, 190, 4, 6, 2, 1000], ["乙镇", 150, 138, None, 2, 3, 800], ["丙乡", 100, 99, 1, None, 0, 500]]
TOTAL = ["合计", 450, 427, 5, 8, 5, 2300]
NOTE = "填表人：王某某  联系电话：13800000000"
EXPECTED_TOTAL = (427, 447, 3)  # numerator, denominator, returns needed of consolidation_9y
EXPECTED_UNITS = {"甲镇": (190, 198, 1), "乙镇": (138, 148, 5), "丙乡": (99, 101, 0)}


def _text_rows(rows):
    return [["" if cell is None else str(cell) for cell in row] for row in rows]


def township_rows(title=True, total=True, note=True):
    rows = ([[TITLE]] if title else []) + [HEADER] + TOWNS + ([TOTAL] if total else []) + ([[NOTE]] if note else [])
    return _text_rows(rows)


def write_delimited(path: Path, rows, encoding: str, delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def gbk_csv(folder: Path) -> Path:
    """Excel's plain "CSV (逗号分隔)" on Chinese Windows: GBK, no BOM, a title row, a 合计 and a notes row."""
    return write_delimited(folder / "township-gbk.csv", township_rows(), "gbk")


def bom_csv(folder: Path) -> Path:
    """Excel's "CSV UTF-8 (逗号分隔)": UTF-8 with a BOM."""
    return write_delimited(folder / "township-utf8.csv", township_rows(), "utf-8-sig")


def utf16_tsv(folder: Path) -> Path:
    """Excel's "Unicode 文本": UTF-16 with a BOM, tab-separated, saved as .txt."""
    return write_delimited(folder / "township-unicode.txt", township_rows(), "utf-16", "\t")


def with_cached_values(path: Path, values: dict[str, int]) -> None:
    """Give formula cells the values Excel saves with them (openpyxl writes formulas without any)."""
    data = {}
    with zipfile.ZipFile(path) as archive:
        for item in archive.infolist():
            data[item] = archive.read(item.filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, content in data.items():
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = content.decode()
                for cell, value in values.items():
                    start = xml.index(f'<c r="{cell}">')
                    end = xml.index("</c>", start)
                    # openpyxl writes an empty <v /> with the standard library's XML writer, <v></v> with lxml's
                    cached = re.sub(r"<v ?/>|<v></v>", f"<v>{value}</v>", xml[start:end])
                    xml = xml[:start] + cached + xml[end:]
                content = xml.encode()
            archive.writestr(item, content)


def township_workbook(folder: Path, total_values: dict[str, int] | None = None, cache: bool = True) -> Path:
    """A township workbook as bureaus e-mail it: a merged title, a two-row header (小学 merged over 辍学人数 and
    学年初在校生数; 乡镇 merged down), the towns, a 合计 row of SUM formulas, a notes row; a second sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "汇总表"
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:G1")
    for column, header in zip("ABCDE", HEADER[:5]):
        sheet[f"{column}2"] = header
        sheet.merge_cells(f"{column}2:{column}3")
    sheet["F2"] = "小学"
    sheet.merge_cells("F2:G2")
    sheet["F3"], sheet["G3"] = "辍学人数", "学年初在校生数"
    for row, town in enumerate(TOWNS, start=4):
        for column, value in enumerate(town, start=1):
            sheet.cell(row, column, value)
    sheet["A7"] = "合计"
    for column in "BCDEFG":
        sheet[f"{column}7"] = f"=SUM({column}4:{column}6)"
    sheet["A9"] = NOTE
    workbook.create_sheet("说明")["A1"] = "本表数据为虚构"
    path = folder / "township.xlsx"
    workbook.save(path)
    sums = dict(zip("BCDEFG", TOTAL[1:]))
    if cache:  # as Excel saves it: each formula with its value
        with_cached_values(path, {f"{column}7": value for column, value in (total_values or sums).items()})
    return path


def old_workbook(suffix: str):
    """The township workbook in an older format (.xls, or LibreOffice's .ods), copied into the test's folder. The
    files in tests/helpers/data/ were made once from `township_workbook` by LibreOffice (soffice --headless
    --convert-to xls|ods township.xlsx): the same cells, the 合计 formulas saved with their values."""

    def make(folder: Path) -> Path:
        path = folder / f"township{suffix}"
        path.write_bytes((Path(__file__).parent / "data" / f"township{suffix}").read_bytes())
        return path

    make.__name__ = f"township_{suffix[1:]}"
    return make


def county_files(folder: Path) -> list[Path]:
    """One file per township, as they arrive at the bureau: two CSVs (GBK and UTF-8) and a workbook."""
    from openpyxl import Workbook

    first = write_delimited(folder / "甲镇.csv", _text_rows([HEADER, TOWNS[0]]), "gbk")
    second = write_delimited(folder / "乙镇.csv", _text_rows([HEADER, TOWNS[1]]), "utf-8-sig")
    workbook = Workbook()
    for row in [HEADER, TOWNS[2]]:
        workbook.active.append(row)
    third = folder / "丙乡.xlsx"
    workbook.save(third)
    return [first, second, third]


# A school-level sheet: 乡镇 beside 学校, the same school name in several townships, rolled up by 乡镇:
#   甲镇 (115 + 75) / (120 + 80) = 190/200 = 95 %: ⌈192⌉ − 190 = 2;  schools: 115/120 → ⌈115.2⌉ − 115 = 1,
#        75/80 → ⌈76.8⌉ − 75 = 2
#   乙镇 138/150 = 92 %: ⌈144⌉ − 138 = 6;  丙乡 99/100: passes
#   合计 427/450 = 94.89 %: ⌈432⌉ − 427 = 5; the townships alone 2 + 6 = 8; the schools alone 1 + 2 + 6 = 9
SCHOOLS = [["乡镇", "学校名称", "一年级入学人数", "毕业班在校生数"],
           ["甲镇", "中心小学", "120", "115"], ["甲镇", "第二小学", "80", "75"],
           ["乙镇", "中心小学", "150", "138"], ["丙乡", "中心小学", "100", "99"]]


def school_csv(folder: Path) -> Path:
    return write_delimited(folder / "schools.csv", SCHOOLS, "utf-8-sig")
