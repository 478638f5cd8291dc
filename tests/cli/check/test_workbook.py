"""`kongchuo check -o 结果.xlsx`: the workbook a director signs — 汇总 (one page: title, the unit line, a row per unit
and 合计, a column per indicator with its line, needs, charts, print setup), 明细 (the records in words), 标准 (the
lines) — checked cell by cell on the GBK township file worked by hand in tests/helpers/corpus.py."""

import datetime
import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from tests.helpers import ROOT, corpus
from tests.helpers.books import fitted, rgb

TODAY = datetime.date.today()
MADE_ON = f"制表日期：{TODAY.year}年{TODAY.month}月{TODAY.day}日"
CODES = re.compile(r"\b([a-z]+_[a-z0-9_]+|adjusted|dictionary|liangji|retained|pass|fail|warn|n/a|true|false|None)\b")


@pytest.fixture
def book(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    result = run("check", str(path), "-o", "结果.xlsx")  # (a warning first: the notes row below the table)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, "已写入 结果.xlsx（未达标 1 项）")
    return load_workbook(tmp_path / "结果.xlsx")


def values(sheet, row):
    return [cell.value for cell in sheet[row]]


def test_the_sheets_are_summary_records_lines(book):
    assert book.sheetnames == ["汇总", "明细", "标准"]


def test_the_summary_table(book):
    sheet = book["汇总"]
    assert sheet["A1"].value == "控辍保学指标达标情况汇总表" and sheet["A1"].font.bold and sheet["A1"].font.size == 16
    assert sheet["A2"].value == "数据：某县2025年控辍保学指标汇总表（虚构数据）　标准：国家标准（十四五，2025）"
    assert sheet["A3"].value == f"单位：%、人　{MADE_ON}"
    # consolidation fails somewhere (甲镇, 乙镇): its rate and its needs; primary dropouts pass everywhere: rate only
    assert values(sheet, 5)[:4] == ["单位", "九年义务教育巩固率", None, "小学辍学率"]
    assert values(sheet, 6)[:4] == [None, "≥ 96%", "需劝返", "≤ 1%"]
    # the title across the page: the table's 38 characters (10 + 10 + 8 + 10) and blank columns of 9 up to 110
    assert {str(merged) for merged in sheet.merged_cells.ranges} >= {"A5:A6", "B5:C5", "A1:L1"}
    # one row per unit and the total, rates at the published precision as percent cells: 190/198 = 95.9596 % shows
    # two decimals (95.96 %, not a 96.0 % that would look like the line); 138/148 = 93.24 % → 93.2 %;
    # 99/101 = 98.02 % → 98.0 %; 427/447 = 95.53 % → 95.5 %; dropouts 2/1000, 3/800 = 0.375 % → 0.38 % (half up),
    # 0/500, 5/2300 = 0.217 % → 0.22 %; needs ⌈190.08⌉ − 190 = 1, ⌈142.08⌉ − 138 = 5, 0, ⌈429.12⌉ − 427 = 3
    rows = [values(sheet, row) for row in range(7, 11)]
    assert [row[0] for row in rows] == ["甲镇", "乙镇", "丙乡", "合计"]
    assert [row[1] for row in rows] == pytest.approx([0.9596, 0.932, 0.98, 0.955])
    assert [sheet.cell(row, 2).number_format for row in range(7, 11)] == ["0.00%", "0.0%", "0.0%", "0.0%"]
    assert [row[2] for row in rows] == [1, 5, 0, 3]
    assert [row[3] for row in rows] == pytest.approx([0.002, 0.0038, 0, 0.0022])
    assert {sheet.cell(row, 4).number_format for row in range(7, 11)} == {"0.00%"}
    # failing cells in Excel's "Bad" colours, passing ones plain; the total bold
    assert [rgb(sheet.cell(row, 2).fill.start_color) for row in range(7, 11)] == [
        "FFC7CE", "FFC7CE", "000000", "FFC7CE"]
    assert all(sheet.cell(10, column).font.bold for column in range(1, 5))
    assert sheet.cell(7, 2).border.left.style == "thin"
    assert sheet.freeze_panes == "B7"


def test_the_summary_explains_and_signs(book):
    sheet = book["汇总"]
    notes = [sheet.cell(row, 1).value for row in range(12, sheet.max_row + 1) if sheet.cell(row, 1).value]
    # the townships on their own need 1 + 5 = 6, the county 3: said in one sentence
    assert notes[0] == ("九年义务教育巩固率：各单位分别达标共需劝返 6 人，多于按合计计算的 3 人，因为已达标单位高出标准的部分抵消"
                        "了其他单位的一部分缺口。")
    assert "巩固率公式（调整口径）：毕业班在校生数 ÷ (一年级入学人数 + 转入人数 - 转出人数 - 死亡人数 - 休学人数)" in notes
    assert notes[-3:-1] == ["合计：达标 1 项，预警 0 项，未达标 1 项，不适用 0 项。", "需劝返复学：九年义务教育巩固率 3 人。"]
    assert notes[-1].startswith("填表人：") and "审核人：" in notes[-1]


def test_the_summary_prints_on_one_landscape_page_with_its_header_repeated(book):
    sheet = book["汇总"]
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, fitted(setup)) == ("landscape", 9, (1, 1))  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$5:$6"
    assert sheet.oddHeader.center.text == "控辍保学指标达标情况汇总表"
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_a_bar_chart_per_indicator_the_county_fails(book):
    sheet = book["汇总"]
    (chart,) = sheet._charts  # consolidation: the county fails it; primary dropouts pass
    bars, line = chart.series[0], chart._charts[1].series[0]
    assert bars.val.numRef.f == "'汇总'!$B$7:$B$9"  # the three townships' rates, not the total
    assert (bars.cat.numRef or bars.cat.strRef).f == "'汇总'!$A$7:$A$9"
    assert [point.idx for point in bars.dPt] == [0, 1]  # 甲镇 and 乙镇 fail: their bars red
    hidden = line.val.numRef.f.split("!")[1].replace("$", "")  # the line's values, 0.96 beside each township
    column = hidden.split(":")[0].rstrip("0123456789")
    assert sheet.column_dimensions[column].hidden
    assert [sheet[f"{column}{row}"].value for row in range(7, 10)] == [0.96] * 3


def test_the_records_in_words(book):
    sheet = book["明细"]
    assert values(sheet, 1) == ["单位", "指标", "分子", "分母", "比率", "标准", "结果", "需劝返人数", "公式", "说明"]
    first = values(sheet, 2)
    assert first[:4] + first[5:9] == ["甲镇", "九年义务教育巩固率", 190, 198, "≥ 96%", "未达标", 1, "调整口径"]
    assert first[4] == pytest.approx(0.959596) and sheet.cell(2, 5).number_format == "0.00%"
    assert (rgb(sheet.cell(2, 7).fill.start_color), rgb(sheet.cell(2, 7).font.color)) == ("FFC7CE", "9C0006")
    assert rgb(sheet.cell(3, 7).fill.start_color) == "C6EFCE"  # 甲镇's primary dropouts pass: Excel's "Good"
    assert values(sheet, 8)[:4] == ["合计", "九年义务教育巩固率", 427, 447] and sheet.cell(8, 1).font.bold
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:J9"


def test_the_lines_with_their_sources(book):
    sheet = book["标准"]
    assert sheet["A1"].value == "国家标准（十四五，2025）"
    assert sheet["A2"].value == f"内置　{MADE_ON}"
    assert values(sheet, 4) == ["指标", "标准", "预警线", "算法", "来源", "适用单位"]
    first = values(sheet, 5)
    assert first[:4] == ["九年义务教育巩固率", "≥ 96%", None, "调整口径"]
    assert first[4].startswith("十四五公共服务规划：2025 年九年义务教育巩固率 96%") and sheet.cell(5, 5).alignment.wrap_text


def test_no_codes_and_named_fonts_in_chinese_sheets(book):
    for sheet in book.worksheets:
        sources = [index + 1 for index, cell in enumerate(sheet[4]) if cell.value == "来源"]  # quoted from the file
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.column not in sources:
                    assert not CODES.search(cell.value), (sheet.title, cell.coordinate, cell.value)
                if cell.value is not None:  # named, so that bold never falls back to a serif face
                    assert (cell.font.name, cell.font.family, cell.font.charset) == ("等线", 2, 134), cell.coordinate


def test_english_workbook_keeps_the_codes(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    run("check", str(path), "-o", "results.xlsx", "--lang", "en")
    book = load_workbook(tmp_path / "results.xlsx")
    assert book.sheetnames == ["Summary", "Records", "Lines"]
    assert values(book["Records"], 1)[:4] == ["unit", "is_total", "indicator", "name"]
    assert values(book["Records"], 2)[2] == "consolidation_9y"


def test_the_example_county_summary_is_one_landscape_page(run, tmp_path):
    run("check", str(ROOT / "examples" / "county.csv"), "-o", "county.xlsx")
    sheet = load_workbook(tmp_path / "county.xlsx")["汇总"]
    # twelve townships and the total; the county fails consolidation, primary net enrolment, 三类 disabled enrolment
    # and poverty-family children out of school: four charts
    assert [sheet.cell(row, 1).value for row in (7, 18, 19)] == ["城关镇", "新华镇", "合计"]
    assert len(sheet._charts) == 4
    assert (sheet.page_setup.orientation, fitted(sheet.page_setup)[1]) == ("landscape", 1)


def _charts(sheet):
    """Each chart as (title, its bars' names, their values, red bars' positions, the line's values, the cells its
    names come from), read back from the cells its references name."""
    found = []
    for chart in sheet._charts:
        bars, line = chart.series[0], chart._charts[1].series[0]
        title = "".join(run.t for paragraph in chart.title.tx.rich.p for run in paragraph.r)
        names, values = ((bars.cat.numRef or bars.cat.strRef).f, bars.val.numRef.f)
        cells = [[cell.value for (cell,) in sheet[reference.split("!")[1].replace("$", "")]]
                 for reference in (names, values, line.val.numRef.f)]
        found.append((title, cells[0], cells[1], [point.idx for point in bars.dPt], cells[2], names.split("!")[1]))
    return found


def _hidden(sheet, reference):
    """Whether the columns of a reference (A7:A36) are hidden."""
    columns = {column_index_from_string(part.rstrip("0123456789")) for part in reference.replace("$", "").split(":")}
    hidden = {index for dimension in sheet.column_dimensions.values() if dimension.hidden
              for index in range(dimension.min, dimension.max + 1)}
    return columns <= hidden


def test_a_chart_of_many_units_shows_the_failing_ones_farthest_from_the_line_first(run, tmp_path, write_table):
    # 35 townships, 61 … 95 of 100 still in school: all 35 below 96 %, the 30 farthest 镇01 (61 %) … 镇30 (90 %).
    # Primary dropouts of 1,000: 镇01 … 镇08 lose 31 … 38 (3.1 … 3.8 %, over 1 %), the others 10 (1 %, the line
    # itself): the county 276 + 270 = 546 of 35,000 = 1.56 % fails; the chart shows the 8 failing, 镇08 first.
    rows = [[f"镇{k:02d}", 100, 60 + k, 1000, 30 + k if k <= 8 else 10] for k in range(1, 36)]
    header = ["乡镇", "一年级入学人数", "毕业班在校生数", "小学学年初在校生数", "小学辍学人数"]
    assert run("check", write_table([header, *reversed(rows)]), "-o", "结果.xlsx").exit_code == 1
    sheet = load_workbook(tmp_path / "结果.xlsx")["汇总"]
    (consolidation, dropouts) = _charts(sheet)
    title, names, values, red, line, cells = consolidation
    assert title == "九年义务教育巩固率（标准 ≥ 96%，未达标 35 个单位中差距最大的 30 个）"
    assert names == [f"镇{k:02d}" for k in range(1, 31)]
    assert values == pytest.approx([(60 + k) / 100 for k in range(1, 31)])
    assert red == list(range(30)) and line == [0.96] * 30
    assert cells.endswith("$7:$" + cells.split("$")[-2] + "$36") and _hidden(sheet, cells)  # copied, beside the page
    title, names, values, red, line, _ = dropouts
    assert title == "小学辍学率（标准 ≤ 1%，未达标的 8 个单位）"
    assert names == [f"镇{k:02d}" for k in range(8, 0, -1)]
    assert values == pytest.approx([(30 + k) / 1000 for k in range(8, 0, -1)])
    assert red == list(range(8)) and line == [0.01] * 8


def test_schools_under_their_townships_are_charted_without_the_townships(run, tmp_path, write_table):
    # 5 townships of 7 schools, 100 pupils each: 甲镇's seven keep 80 … 86, 乙镇's first three 87 … 89, every
    # other school 99; the county 845 + 25 × 99 = 3,320 of 3,500 = 94.9 % fails, 甲镇 (83 %) and 乙镇 (94.3 %) too.
    # 35 schools: the chart shows the 10 failing schools, 80 % first, and no township.
    towns = ["甲镇", "乙镇", "丙镇", "丁镇", "戊镇"]
    kept = iter([*range(80, 90), *[99] * 25])
    rows = [[town, f"{town[0]}{number}", 100, next(kept)] for town in towns for number in range(1, 8)]
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], *rows])
    assert run("check", path, "--by", "乡镇,学校", "-o", "结果.xlsx").exit_code == 1
    ((title, names, values, red, _, _),) = _charts(load_workbook(tmp_path / "结果.xlsx")["汇总"])
    assert title == "九年义务教育巩固率（标准 ≥ 96%，未达标的 10 个单位）"
    assert names == [*(f"甲镇/甲{n}" for n in range(1, 8)), *(f"乙镇/乙{n}" for n in range(1, 4))]
    assert values == pytest.approx([k / 100 for k in range(80, 90)]) and red == list(range(10))


def test_thirty_schools_under_their_townships_are_charted_where_they_are(run, tmp_path, write_table):
    # 5 townships of 6 schools: 35 rows, but 30 schools: every row charted in place, as a county's are
    rows = [[town, f"{town[0]}{number}", 100, 90] for town in ["甲镇", "乙镇", "丙镇", "丁镇", "戊镇"]
            for number in range(1, 7)]
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], *rows])
    assert run("check", path, "--by", "乡镇,学校", "-o", "结果.xlsx").exit_code == 1
    sheet = load_workbook(tmp_path / "结果.xlsx")["汇总"]
    ((title, names, values, red, _, cells),) = _charts(sheet)
    assert title == "九年义务教育巩固率（标准 ≥ 96%）" and cells == "$A$7:$A$41" and len(names) == 35
    assert names[:2] == ["甲镇", "甲镇/甲1"] and values[:2] == pytest.approx([0.9, 0.9]) and red == list(range(35))
