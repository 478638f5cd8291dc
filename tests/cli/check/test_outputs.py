"""`kongchuo check`: files out (atomic, never an input, formulas neutralised, workbooks) and CI reports (JUnit XML,
the one-line summary).
"""

import json
import xml.etree.ElementTree as ElementTree

from openpyxl import load_workbook

from tests.helpers import corpus
from tests.helpers.check import (
    CONSOLIDATION,
    CSV_EN,
)
from tests.helpers.small import (
    SMALL_COUNTY as SMALL,  # two townships worked by hand (see tests/helpers/small.py)
)

INJECTED = [["乡镇", "一年级入学人数", "毕业班在校生数"], ["=cmd|' /C calc'!A0", "100", "97"], ["@SUM(1+1)", "100", "90"]]


# --- files out ---------------------------------------------------------------------------------------------------


def test_output_file_has_a_bom_and_nothing_on_stdout(run, small, tmp_path):
    result = run("check", small, "-o", "results.csv", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "results.csv").read_bytes() == b"\xef\xbb\xbf" + CSV_EN.encode()


def test_writing_a_file_says_so_unless_quiet(run, small, write_table, tmp_path):
    # the small county's total passes both lines: nothing failing among the gated rows
    assert run("check", small, "-o", "结果.csv").stderr == "已写入 结果.csv（未达标 0 项）\n"
    failing = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "90"], ["乙镇", "100", "99"]],
                          name="f.csv")
    # 189/200 = 94.5 % fails >= 96 %: the one gated row (the total) fails; --gate units adds 甲镇 (90 %)
    assert run("check", failing, "-o", "r.xlsx").stderr == "已写入 r.xlsx（未达标 1 项）\n"
    assert run("check", failing, "-o", "r.xlsx", "--gate", "units", "--lang", "en").stderr == (
        "wrote r.xlsx (2 failing)\n")
    assert run("check", failing, "-o", "r.xlsx", "-q").stderr == ""
    assert run("check", failing, "--junit", "j.xml", "-f", "json").stderr == "已写入 j.xml\n"


def test_output_format_from_extension(run, small, tmp_path):
    run("check", small, "-o", "results.json")
    assert json.loads((tmp_path / "results.json").read_text("utf-8"))["passed"] is True


def test_formula_like_names_are_neutralised(run, write_table, tmp_path):
    path = write_table(INJECTED)
    csv_out = run("check", path, "-f", "csv", "--lang", "en").stdout.splitlines()
    assert csv_out[1].startswith("'=cmd|' /C calc'!A0,false,")
    assert csv_out[2].startswith("'@SUM(1+1),false,")
    run("check", path, "-o", "out.xlsx")
    workbook = load_workbook(tmp_path / "out.xlsx")
    for cell in (workbook["明细"]["A2"], workbook["汇总"]["A7"]):  # the records' first row; the summary's first unit
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


# Regression (review: bad real-world files).
def test_output_never_overwrites_the_thresholds_file_in_the_folder(run, write_table, tmp_path):
    (tmp_path / "thresholds.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%"}\n',
                                              "utf-8")
    path = write_table([CONSOLIDATION, ["甲", "100", "97"]])
    result = run("check", path, "-o", "thresholds.yaml", "-f", "json")
    assert result.exit_code == 2
    assert (tmp_path / "thresholds.yaml").read_text("utf-8").startswith("version: 1")


# --- CI reports: JUnit XML and the one-line summary --------------------------------------------------------------


def test_junit_report_structure(run, write_table, tmp_path):
    path = write_table(SMALL)
    result = run("check", path, "--junit", "report.xml", "--gate", "units", "-q")
    assert result.exit_code == 1
    root = ElementTree.parse(tmp_path / "report.xml").getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    # 甲镇, 乙镇 and 合计 × consolidation and junior dropouts = 6 cases; 甲镇 fails both
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("errors")) == ("6", "2", "0", "0")
    assert (root.get("tests"), root.get("failures")) == ("6", "2")
    assert [(case.get("classname"), case.get("name")) for case in cases] == [
        ("甲镇", "consolidation_9y 九年义务教育巩固率"), ("甲镇", "dropout_junior 初中辍学率"),
        ("乙镇", "consolidation_9y 九年义务教育巩固率"), ("乙镇", "dropout_junior 初中辍学率"),
        ("合计", "consolidation_9y 九年义务教育巩固率"), ("合计", "dropout_junior 初中辍学率")]
    failure = cases[0].find("failure")
    # 95/100 against >= 96 %: ⌈96⌉ − 95 = 1 to return
    assert failure.get("message") == "95.0000% 未满足 >= 96%，需劝返 1 人"
    assert failure.text == ("rate: 95.0000%; target: >= 96%; returns_needed: 1; numerator: 95; denominator: 100; "
                            "formula: adjusted")
    # the junior dropout rate has no formula to name: nothing is written as None
    assert cases[1].find("failure").text == ("rate: 3.0000%; target: <= 2%; returns_needed: 1; numerator: 3; "
                                             "denominator: 100")
    assert cases[2].find("system-out").text == "rate: 97.0000%; target: >= 96%; status: pass"
    assert cases[2].find("failure") is None and cases[2].find("system-out") is not None


def test_junit_strict_and_skipped(run, write_table, tmp_path):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数", "小学辍学人数", "小学学年初在校生数"],
                        ["甲", "100", "97", "0", "0"]])
    (tmp_path / "t.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 98%"}\n'
                                     '  dropout_primary: {target: "<= 1%"}\n', "utf-8")
    run("check", path, "-t", "t.yaml", "--junit", "j.xml", "--strict", "--lang", "en", "-q")
    suite = ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite")
    # 97 % is a warn (below 98 %) → a failure with --strict; 0 of 0 primary pupils: undefined → skipped
    assert (suite.get("failures"), suite.get("skipped")) == ("1", "1")
    assert suite.findall("testcase")[1].find("skipped").get("message") == "the denominator is 0: the rate is undefined."


# Regression (review: policy features).
def test_junit_warn_failure_and_control_characters(run, write_table, tmp_path):
    (tmp_path / "warn.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}\n',
                                        "utf-8")
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲\x01镇", "100", "96"]])
    assert run("check", path, "-t", "warn.yaml", "--strict", "--junit", "j.xml", "-q", "--lang", "en").exit_code == 1
    case = ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite/testcase")
    assert case.get("classname") == "甲镇"
    # 96/100 meets 96 %; ⌈97⌉ − 96 = 1 reaches the warn line
    assert case.find("failure").get("message") == "1 more returns reach the warn line '>= 97%'."


# Regression (review: policy features).
def test_junit_and_output_must_differ(run, write_table):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "97"]])
    result = run("check", path, "--junit", "r.json", "-o", "r.json", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, "Error: r.json: the output file is an input file; choose another "
                                                    "name.\n")


def test_summary_line(run, write_table):
    path = write_table([SMALL[0], ["甲镇", "100", "90", "3", "100"], ["乙镇", "200", "190", "1", "200"]])
    # 合计 280/300: ⌈288⌉ − 280 = 8 to return; junior dropouts 4/300 pass
    result = run("check", path, "--summary")
    assert (result.exit_code, result.stdout) == (1, "国家标准（十四五，2025）：未达标 1 项，预警 0 项，达标 1 项 — 需劝返："
                                                    "九年义务教育巩固率 8 人\n")
    english = run("check", path, "--summary", "--lang", "en").stdout
    assert english == ("国家标准（十四五，2025）: 1 fail, 0 warn, 1 pass — children to return: 8 for nine-year "
                       "consolidation rate\n")


def test_summary_with_an_output_file(run, write_table, tmp_path):
    path = write_table(SMALL)
    result = run("check", path, "--summary", "-o", "r.json", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "国家标准（十四五，2025）: 0 fail, 0 warn, 2 pass\n")
    assert (tmp_path / "r.json").read_text("utf-8").startswith("{")
