"""`kongchuo check` end to end: exact output per format, exit codes, errors, and files written whole."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT
from tests_small import (
    SMALL_COUNTY as SMALL,  # two townships worked by hand (see tests_small.py)
)

CSV_EN = """\
unit,is_total,indicator,name,numerator,denominator,rate,target,status,returns_needed,formula,note
甲镇,false,consolidation_9y,nine-year consolidation rate,95,100,95.0000,>= 96%,fail,1,adjusted,
甲镇,false,dropout_junior,junior dropout rate,3,100,3.0000,<= 2%,fail,1,,
乙镇,false,consolidation_9y,nine-year consolidation rate,194,200,97.0000,>= 96%,pass,0,adjusted,
乙镇,false,dropout_junior,junior dropout rate,1,200,0.5000,<= 2%,pass,0,,
Total,true,consolidation_9y,nine-year consolidation rate,289,300,96.3333,>= 96%,pass,0,adjusted,1 if each unit meets the line on its own.
Total,true,dropout_junior,junior dropout rate,4,300,1.3333,<= 2%,pass,0,,1 if each unit meets the line on its own.
"""


@pytest.fixture
def small(write_table):
    return write_table(SMALL)


def test_csv(run, small):
    result = run("check", small, "-f", "csv", "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (0, CSV_EN, "")


def test_tsv_in_chinese(run, small):
    result = run("check", small, "-f", "tsv")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["单位", "是否合计", "指标代码", "指标", "分子", "分母", "比率(%)", "标准", "结果",
                                    "需劝返人数", "公式", "说明"]
    assert lines[1].split("\t") == ["甲镇", "否", "consolidation_9y", "九年义务教育巩固率", "95", "100", "95.0000",
                                    ">= 96%", "未达标", "1", "adjusted", ""]
    assert lines[5].split("\t") == ["合计", "是", "consolidation_9y", "九年义务教育巩固率", "289", "300", "96.3333",
                                    ">= 96%", "达标", "0", "adjusted", "各单位分别达标共需劝返 1 人。"]


def test_json(run, small):
    result = run("check", small, "-f", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert list(document) == ["version", "thresholds", "passed", "counts", "skipped", "results"]
    assert (document["thresholds"], document["passed"]) == ("built-in", True)
    assert document["counts"] == {"pass": 4, "warn": 0, "fail": 2, "n/a": 0}
    assert document["skipped"] == ["consolidation_junior_3y", "consolidation_primary", "dropout_primary", "enrollment_primary_net", "enrollment_junior_gross",
                                   "enrollment_disabled", "poverty_dropouts"]
    assert document["results"][4] == {
        "unit": "Total", "is_total": True, "indicator": "consolidation_9y", "name": "nine-year consolidation rate",
        "numerator": 289, "denominator": 300, "rate": 96.3333, "target": ">= 96%", "status": "pass",
        "returns_needed": 0, "formula": "adjusted", "note": "1 if each unit meets the line on its own."}
    assert [(r["unit"], r["indicator"], r["rate"], r["status"], r["returns_needed"]) for r in document["results"]] == [
        ("甲镇", "consolidation_9y", 95.0, "fail", 1), ("甲镇", "dropout_junior", 3.0, "fail", 1),
        ("乙镇", "consolidation_9y", 97.0, "pass", 0), ("乙镇", "dropout_junior", 0.5, "pass", 0),
        ("Total", "consolidation_9y", 96.3333, "pass", 0), ("Total", "dropout_junior", 1.3333, "pass", 0)]


def test_markdown(run, small):
    lines = run("check", small, "-f", "markdown", "--lang", "en").stdout.splitlines()
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert cells[0] == ["unit", "is_total", "indicator", "name", "numerator", "denominator", "rate", "target",
                        "status", "returns_needed", "formula", "note"]
    assert set(lines[1]) <= set("|-: ")
    assert cells[1][6].endswith(":")  # numbers right-aligned
    assert cells[4] == ["乙镇", "false", "consolidation_9y", "nine-year consolidation rate", "194", "200", "97.0000",
                        ">= 96%", "pass", "0", "adjusted", ""]
    assert len(cells) == 2 + 6


def test_table(run, small):
    result = run("check", small, "--lang", "en")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
    rows = [[cell.strip() for cell in line.strip("│").split("│")] for line in result.stdout.splitlines()
            if line.startswith("│")]
    assert rows[0][:8] == ["甲镇", "nine-year consolidation rate", "95", "100", "95.0%", ">= 96%", "× fail", "1"]
    assert rows[4][:8] == ["Total", "nine-year consolidation rate", "289", "300", "96.3%", ">= 96%", "√ pass", "0"]
    assert result.stdout.rstrip().endswith("Total: 2 pass, 0 warn, 0 fail, 0 n/a.")


def test_table_in_chinese_names_the_returns(run, write_table):
    path = write_table([SMALL[0], ["甲镇", "100", "90", "3", "100"], ["乙镇", "200", "190", "1", "200"]])
    result = run("check", path)
    # 合计 280/300 = 93.33 %: ⌈288⌉ − 280 = 8; units: 甲 ⌈96⌉ − 90 = 6, 乙 ⌈192⌉ − 190 = 2
    assert result.exit_code == 1
    assert result.stdout.rstrip().splitlines()[-2:] == [
        "合计：达标 1 项，预警 0 项，未达标 1 项，不适用 0 项。", "需劝返复学：九年义务教育巩固率 8 人。"]
    assert "各单位分别达标共需劝返 8 人。" in result.stdout  # 6 + 2: the same here by coincidence of the data


def test_rounding_never_shows_a_failing_rate_as_the_line(run, write_table):
    # 2399/2500 = 95.96 %: at one decimal it would read 96.0 % beside a failed ">= 96%"
    path = write_table([SMALL[0][:3], ["甲镇", "2500", "2399"]])
    result = run("check", path, "--lang", "en")
    assert "95.96%" in result.stdout and "96.0%" not in result.stdout


@pytest.mark.parametrize("options, code", [((), 0), (("--gate", "units"), 1), (("--gate", "total", "--strict"), 1)])
def test_gate(run, small, tmp_path, options, code):
    warn = tmp_path / "warn.yaml"
    # 合计 289/300 = 96.33 %: meets 96 % but not the 97 % warn line
    warn.write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}\n', "utf-8")
    assert run("check", small, "-t", str(warn), "-f", "csv", *options).exit_code == code


def test_output_file_has_a_bom_and_nothing_on_stdout(run, small, tmp_path):
    result = run("check", small, "-o", "results.csv", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "results.csv").read_bytes() == b"\xef\xbb\xbf" + CSV_EN.encode()


def test_output_format_from_extension(run, small, tmp_path):
    run("check", small, "-o", "results.json")
    assert json.loads((tmp_path / "results.json").read_text("utf-8"))["passed"] is True


@pytest.mark.parametrize(
    "args, message",
    [
        (("missing.csv",), "Error: missing.csv: file not found; check the path.\n"),
        (("{small}", "-o", "{small}"), "Error: {small}: the output file is an input file; choose another name.\n"),
        (("{small}", "-o", "x.xls"), "Error: x.xls: cannot tell the output format from the extension; give --format "
                                     "(table, csv, tsv, json, markdown, xlsx).\n"),
        (("{small}", "-o", "no/such/dir/x.csv"), "Error: no/such/dir/x.csv: the output folder does not exist.\n"),
        (("{small}", "-t", "bad.yaml"), "Error: bad.yaml, line 3: a rate's line needs a %, e.g. '>= 96%'.\n"),
    ],
)
def test_cannot_evaluate(run, small, tmp_path, args, message):
    (tmp_path / "bad.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96"}\n', "utf-8")
    result = run("check", *[arg.format(small=small) for arg in args], "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(small=small))


def test_all_problems_of_all_inputs_in_one_run(run, write_table, tmp_path):
    bad = write_table([SMALL[0], ["甲镇", "100", "-1", "x", "100"]])
    (tmp_path / "bad.yaml").write_text("version: 3\n", "utf-8")
    result = run("check", bad, "missing.csv", "-t", "bad.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: bad.yaml, line 1: version must be 1, not '3'.",
        f"Error: {bad}, row 2, column C (毕业班在校生数): '-1' is negative; a count cannot be below 0.",
        f"Error: {bad}, row 2, column D (初中辍学人数): 'x' is not a number; enter a count.",
        "Error: missing.csv: file not found; check the path."]


def test_partial_indicator_names_the_missing_column(run, write_table):
    path = write_table([["乡镇", "一年级入学人数", "转入人数"], ["甲镇", "100", "2"]])
    result = run("check", path)
    assert result.exit_code == 2
    assert result.stderr == (f"错误：{path}：有九年义务教育巩固率的部分列，但缺少「毕业班在校生数」列；"
                             "请补上该列，或删去九年义务教育巩固率的其他列。\n")


def test_movement_columns_alone_are_not_enough(run, write_table):
    path = write_table([["乡镇", "转入人数"], ["甲镇", "1"]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr.splitlines()) == (2, [
        f"Error: {path}: has columns of nine-year consolidation rate but not '{column}'; add that column, or remove "
        "the other columns of nine-year consolidation rate." for column in ("一年级入学人数", "毕业班在校生数")])


def test_warnings_go_to_stderr(run, write_table):
    path = write_table([SMALL[0] + ["备注", "小学辍学人"], SMALL[1] + ["新建校", "3"], SMALL[2] + ["", "1"]])
    result = run("check", path, "-f", "csv", "--lang", "en")
    assert result.stdout == CSV_EN
    # 备注 holds text: kept (for --by), not a likely typo; 小学辍学人 holds numbers: reported, with a suggestion
    assert result.stderr == (f"Warning: {path}, column G (小学辍学人): column not recognised, ignored (did you "
                             "mean '小学辍学人数'?).\n")


def test_a_failed_run_leaves_an_existing_output_alone(run, write_table, tmp_path):
    (tmp_path / "results.csv").write_text("earlier results", "utf-8")
    bad = write_table([SMALL[0], ["甲镇", "100", "x", "1", "100"]])
    assert run("check", bad, "-o", "results.csv").exit_code == 2
    assert (tmp_path / "results.csv").read_text("utf-8") == "earlier results"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_usage_errors_exit_2(run, small):
    assert run("check", small, "--format", "xml").exit_code == 2
    assert run("check").exit_code == 2


def test_example_county_against_hand_computed_totals(run):
    result = run("check", str(ROOT / "examples" / "county.csv"), "-f", "json", "-t", str(ROOT / "thresholds.yaml"))
    assert result.exit_code == 1
    totals = {r["indicator"]: r for r in json.loads(result.stdout)["results"] if r["is_total"]}
    # Column sums of the twelve townships (the file's own 合计 row agrees, so no warning is printed):
    # entrants 8570, stock 7825, in 325, out 450, deaths 14, suspended 43 → base 8570 + 325 − 450 − 14 − 43 = 8388
    # ⌈0.96 · 8388⌉ = ⌈8052.48⌉ = 8053 → 8053 − 7825 = 228; townships on their own: 106 + 40 + 6 + 37 + 22 + 24
    # + 13 + 14 = 262
    assert (totals["consolidation_9y"]["numerator"], totals["consolidation_9y"]["denominator"]) == (7825, 8388)
    assert (totals["consolidation_9y"]["rate"], totals["consolidation_9y"]["returns_needed"]) == (93.2880, 228)
    assert totals["consolidation_9y"]["note"] == "各单位分别达标共需劝返 262 人。"
    # 186/23776 = 0.7823 % and 151/11476 = 1.3158 %: both within their lines
    assert [(totals[i]["rate"], totals[i]["status"]) for i in ("dropout_primary", "dropout_junior")] == [
        (0.7823, "pass"), (1.3158, "pass")]
    # 23826 of 23850 at >= 100 %: 24 children not in school
    assert (totals["enrollment_primary_net"]["status"], totals["enrollment_primary_net"]["returns_needed"]) == ("fail", 24)
    # 11476/11618 = 98.7778 %
    assert (totals["enrollment_junior_gross"]["rate"], totals["enrollment_junior_gross"]["status"]) == (98.7778, "pass")
    # enrolled = 随班就读 187 + 特教 80 + 送教上门 46 = 313 of 324; ⌈0.97 · 324⌉ = ⌈314.28⌉ = 315 → 2
    assert (totals["enrollment_disabled"]["numerator"], totals["enrollment_disabled"]["returns_needed"]) == (313, 2)
    assert (totals["poverty_dropouts"]["numerator"], totals["poverty_dropouts"]["returns_needed"]) == (8, 8)
    assert result.stderr == ""


def test_province_example_thresholds(run):
    result = run("check", str(ROOT / "examples" / "county.csv"), "-f", "json",
                 "-t", str(ROOT / "examples" / "thresholds-hunan-2020.yaml"))
    totals = {r["indicator"]: r for r in json.loads(result.stdout)["results"] if r["is_total"]}
    # ⌈0.98 · 8388⌉ = ⌈8220.24⌉ = 8221 → 8221 − 7825 = 396; disabled at 95 %: 313/324 = 96.6 % passes
    assert (totals["consolidation_9y"]["target"], totals["consolidation_9y"]["returns_needed"]) == (">= 98%", 396)
    assert totals["enrollment_disabled"]["status"] == "pass"
    assert totals["dropout_primary"]["status"] == "n/a"  # no line in that file


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_help_and_version_do_not_import_pandas(args):
    code = ("import sys\nfrom kongchuo_cli.cli import cli\ntry:\n    cli(%r)\nexcept SystemExit:\n    pass\n"
            "print('pandas' in sys.modules, 'rich' in sys.modules, 'duckdb' in sys.modules)" % (args,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False False False"


def test_python_dash_m(small):
    result = subprocess.run([sys.executable, "-m", "kongchuo_cli", "check", small, "-f", "csv", "--lang", "en"],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, CSV_EN)


@pytest.mark.parametrize("env, coloured", [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)])
def test_colour_follows_force_color_and_no_color(small, tmp_path, monkeypatch, env, coloured):
    from click.testing import CliRunner

    from kongchuo_cli.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", small], env=env)
    assert ("\x1b[1;31m× 未达标\x1b[0m" in result.stdout) is coloured
    assert ("\x1b[" in result.stdout) is coloured
