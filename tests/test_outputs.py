"""Spreadsheet-ready files out (issue 3): the workbook cell by cell, safe cells, encodings, quiet and verbose."""

import corpus
import pytest
from openpyxl import load_workbook

INJECTED = [["乡镇", "一年级入学人数", "毕业班在校生数"], ["=cmd|' /C calc'!A0", "100", "97"], ["@SUM(1+1)", "100", "90"]]


def test_workbook_cell_by_cell(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    assert run("check", str(path), "-o", "results.xlsx").exit_code == 1
    workbook = load_workbook(tmp_path / "results.xlsx")
    assert workbook.sheetnames == ["结果", "标准"]
    sheet = workbook["结果"]
    assert [cell.value for cell in sheet[1]] == ["单位", "是否合计", "指标代码", "指标", "分子", "分母", "比率(%)", "标准",
                                                 "结果", "需劝返人数", "公式", "说明"]
    first = [cell.value for cell in sheet[2]]
    assert first[:6] == ["甲镇", "否", "consolidation_9y", "九年义务教育巩固率", 190, 198]
    assert first[6] == pytest.approx(0.959596)  # 190/198 as a percent cell
    assert first[7:11] == [">= 96%", "未达标", 1, "adjusted"]
    assert sheet.cell(2, 7).number_format == "0.00%"
    assert (sheet.cell(2, 9).fill.start_color.rgb, sheet.cell(2, 9).font.color.rgb) == ("00FFC7CE", "009C0006")
    assert sheet.cell(3, 9).fill.start_color.rgb == "00C6EFCE"  # 甲镇 primary dropouts pass
    total = [cell.value for cell in sheet[8]]
    assert total[:6] == ["合计", "是", "consolidation_9y", "九年义务教育巩固率", 427, 447]
    assert (total[9], total[11]) == (3, "各单位分别达标共需劝返 6 人。")
    assert sheet.cell(8, 1).font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 2 * 9 + 2  # 九年义务教育巩固率: nine characters of width two
    lines = workbook["标准"]
    assert [cell.value for cell in lines[1]][:2] == ["国家标准（十四五，2025）", "内置"]
    assert [cell.value for cell in lines[3]][-1] == "适用单位"
    assert [cell.value for cell in lines[4]] == ["consolidation_9y", "九年义务教育巩固率", ">= 96%", None, "adjusted",
                                                 "十四五公共服务规划（2025 年九年义务教育巩固率 96%）", None]


def test_formula_like_names_are_neutralised(run, write_table, tmp_path):
    path = write_table(INJECTED)
    csv_out = run("check", path, "-f", "csv", "--lang", "en").stdout.splitlines()
    assert csv_out[1].startswith("'=cmd|' /C calc'!A0,false,")
    assert csv_out[2].startswith("'@SUM(1+1),false,")
    run("check", path, "-o", "out.xlsx")
    cell = load_workbook(tmp_path / "out.xlsx")["结果"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)


def test_quiet(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    result = run("check", str(path), "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    assert run("check", str(path), "-q", "-o", "r.csv").exit_code == 1
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # -q still writes the file


def test_output_encoding(run, tmp_path):
    path = corpus.bom_csv(tmp_path)
    run("check", str(path), "-o", "gbk.csv", "--output-encoding", "gbk")
    data = (tmp_path / "gbk.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and data.decode("gbk").startswith("单位,是否合计")
    table = run("check", str(path), "-o", "t.txt", "--output-encoding", "gbk")  # the table's marks are in GBK
    assert table.exit_code == 1 and "×" in (tmp_path / "t.txt").read_bytes().decode("gbk")
    rare = corpus.write_delimited(tmp_path / "rare.csv", [["乡镇", "一年级入学人数", "毕业班在校生数"],
                                                          ["𠮷镇", "100", "97"]], "utf-8")
    result = run("check", str(rare), "-o", "r.csv", "--output-encoding", "gbk", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "Error: the character '𠮷' cannot be written in gbk; use --output-encoding gb18030 or utf-8.\n")
    assert not (tmp_path / "r.csv").exists()


def test_machine_formats_go_out_as_utf8_bytes(run, tmp_path):
    result = run("check", str(corpus.bom_csv(tmp_path)), "-f", "csv")
    assert result.stdout_bytes.decode("utf-8").startswith("单位,是否合计")


def test_colour_on_request(run, tmp_path):
    path = str(corpus.bom_csv(tmp_path))
    assert "\x1b[" in run("check", path, "--color").stdout
    assert "\x1b[" not in run("check", path, "--no-color").stdout


def test_an_unexpected_error_is_one_line_and_exit_2(run, tmp_path, monkeypatch):
    from kongchuo_cli import api

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "evaluate", broken)
    path = str(corpus.bom_csv(tmp_path))
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, "Error: kongchuo internal error (RuntimeError: boom); run again "
                                                    "with -v and report the output to the maintainers.\n")
    assert "Traceback" in run("check", path, "-v").stderr
