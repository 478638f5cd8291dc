"""`kongchuo init`'s files: a template a bureau can fill in (every column under its Chinese header, an example row, a
合计 row), a thresholds file that extends the default profile, with comments, and the 通报's briefing.yaml."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kongchuo_cli.output.text import width_of
from kongchuo_cli.policy.thresholds import DEFAULT_PROFILE
from kongchuo_cli.read.vocabulary import COLUMNS, SCOPED_PARTS

TEMPLATE = "汇总表模板"
# A made-up township that meets every national line (worked: 480 / (500 + 10 - 15 - 0 - 1) = 97.17 %, junior
# 470 / (480 + 5 - 8 - 0) = 98.53 %, primary 495 / (500 + 12 - 10) = 98.61 %, dropouts 3/3000 and 6/1500, every
# child enrolled, 1490/1520 = 98.03 % of junior age and 1500/1520 = 98.7 % gross, 20 of 20 三类 disabled children
# (11 + 5 + 3 + 1) and 30 of 30 of every kind (18 + 6 + 4 + 2), no poverty-family child out of school).
EXAMPLE = {"unit": "示例镇", "grade1_entrants": 500, "final_grade_enrolled": 480, "transfers_in": 10,
           "transfers_out": 15, "deaths": 0, "suspended": 1,
           "junior_graduates": 470, "junior_entrants": 480, "junior_transfers_in": 5, "junior_transfers_out": 8,
           "junior_deaths": 0, "primary_graduates": 495, "primary_entrants": 500, "primary_transfers_in": 12,
           "primary_transfers_out": 10, "primary_enrolled_start": 3000, "primary_dropouts": 3,
           "junior_enrolled_start": 1500, "junior_dropouts": 6, "primary_age_population": 3000,
           "primary_age_enrolled": 3000, "junior_age_population": 1520, "junior_age_enrolled": 1490,
           "junior_enrolled": 1500, "disabled_children": 20, "disabled_enrolled": 20, "disabled_regular_class": 11,
           "disabled_special_school": 5, "disabled_home_delivery": 3, "disabled_other": 1, "disabled_deferred": 0,
           "disabled_all_children": 30, "disabled_all_enrolled": 30, "disabled_all_regular_class": 18,
           "disabled_all_special_school": 6, "disabled_all_home_delivery": 4, "disabled_all_other": 2,
           "disabled_all_deferred": 0, "poverty_out_of_school": 0, "poverty_never_enrolled": 0, "poverty_dropouts": 0}
THRESHOLDS = f"""# kongchuo 阈值文件：在内置国家标准 {DEFAULT_PROFILE} 的基础上调整。
# 查看内置标准：kongchuo thresholds list / kongchuo thresholds show {DEFAULT_PROFILE}
# 检查本文件：kongchuo thresholds check thresholds.yaml --data {TEMPLATE}.csv
version: 1
name: 本县标准
extends: {DEFAULT_PROFILE}
indicators:
  # 只写需要改动的指标；没写的沿用 {DEFAULT_PROFILE}。以「>」开头的值要加引号。
  # consolidation_9y:
  #   target: ">= 97%"          # 达标线
  #   warn: ">= 98%"            # 预警线（可选）：达标但低于此线时预警
  #   formula: adjusted         # raw、adjusted 或 numerator_adjusted
  #   source: 本县“十四五”教育规划
"""


BRIEFING = """# kongchuo briefing 的通报设置（--meta briefing.yaml）。没有填写的项在通报中留空，kongchuo 不会编造。
# 检查：kongchuo briefing 汇总表.xlsx --meta briefing.yaml -o 通报.docx
发文机关:            # 署名，如：某某县教育局
发文机关标志:        # 版头的红色标志；不填则用发文机关，如：某某县教育局文件
文号:                # 如：某教督〔2026〕12号
标题:                # 不填则为：关于某年某月全县控辍保学工作情况的通报
主送:                # 不填则为：各乡镇人民政府，县直有关单位，各中小学校
成文日期:            # 如：2026年12月2日；不填则为生成通报的当天
抄送:                # 一行一个，每行以「- 」开头，如：- 县人民政府督导室
印发机关:            # 不填则没有印发一行
印发日期:            # 不填则同成文日期
工作要求:            # 一段一行，每行以「- 」开头
字体:                # 本机没有的字体，Word 会换用相近的字体
  标题: 方正小标宋简体
  正文: 仿宋_GB2312
  一级标题: 黑体
  二级标题: 楷体_GB2312
  页码: 宋体
"""


def template_rows() -> list[list[object]]:
    # a part of disabled children's enrolment is written with its scope (三类残疾儿童随班就读人数), as the
    # template holds both scopes
    header = [column.headers[1] if column.name in SCOPED_PARTS else column.headers[0] for column in COLUMNS]
    example = [EXAMPLE[column.name] for column in COLUMNS]
    total = ["合计", *example[1:]]  # one township: the total is that township
    return [header, example, total]


def files(folder: Path) -> dict[Path, bytes]:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(template_rows())
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "汇总表"
    for row in template_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = width_of(str(cell.value)) + 2
    sheet.freeze_panes = "B2"
    workbook_bytes = io.BytesIO()
    workbook.save(workbook_bytes)
    return {folder / f"{TEMPLATE}.csv": b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"),
            folder / f"{TEMPLATE}.xlsx": workbook_bytes.getvalue(),
            folder / "thresholds.yaml": THRESHOLDS.encode("utf-8"), folder / "briefing.yaml": BRIEFING.encode("utf-8")}
