"""`kongchuo check` end to end: exact output per format, exit codes, the example county against hand-computed totals.
"""

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT
from tests.helpers.check import (
    CSV_EN,
)
from tests.helpers.small import (
    SMALL_COUNTY as SMALL,  # two townships worked by hand (see tests/helpers/small.py)
)

# --- formats and exit codes --------------------------------------------------------------------------------------


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
                                    ">= 96%", "达标", "0", "adjusted",
                                    "按合计计算已达标（已达标单位高出标准的部分抵消了其他单位的缺口），但各单位分别达标共需劝返 1 人。"]


def test_json(run, small):
    result = run("check", small, "-f", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert list(document) == ["version", "thresholds", "passed", "counts", "skipped", "results"]
    assert (document["thresholds"], document["passed"]) == ("built-in", True)
    assert document["counts"] == {"pass": 4, "warn": 0, "fail": 2, "n/a": 0}
    assert document["skipped"] == ["consolidation_junior_3y", "consolidation_primary", "dropout_primary",
                                   "enrollment_primary_net", "enrollment_junior_age", "enrollment_junior_gross",
                                   "enrollment_disabled", "enrollment_disabled_all", "poverty_dropouts"]
    assert document["results"][4] == {
        "unit": "Total", "is_total": True, "indicator": "consolidation_9y", "name": "nine-year consolidation rate",
        "numerator": 289, "denominator": 300, "rate": 96.3333, "target": ">= 96%", "status": "pass",
        "returns_needed": 0, "formula": "adjusted",
        "note": "the sum meets the line (the units above it make up the others' shortfall), but 1 if each unit meets "
                "the line on its own."}
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


def test_long_table(run, small, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one panel
    result = run("check", small, "--lang", "en", "--view", "long")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
    rows = [[cell.strip() for cell in line.strip("│").split("│")] for line in result.stdout.splitlines()
            if line.startswith("│")]
    assert rows[0][:8] == ["甲镇", "nine-year consolidation rate", "95", "100", "95.0%", ">= 96%", "× fail", "1"]
    assert rows[4][:8] == ["Total", "nine-year consolidation rate", "289", "300", "96.3%", ">= 96%", "√ pass", "0"]
    assert result.stdout.rstrip().endswith("Total: 2 pass, 0 warn, 0 fail, 0 n/a.")


def test_compact_table_when_the_long_one_is_too_wide(run, small):
    result = run("check", small)  # piped, COLUMNS unset: 80 columns, where the long table does not fit
    # 甲镇 95/100 = 95.0 % and 3/100 = 3.00 %, 乙镇 194/200 = 97.0 % and 1/200 = 0.50 %, 合计 289/300 = 96.3 % and
    # 4/300 = 1.33 % (consolidation shown to 1 decimal, dropout rates to 2); the total passes both, 甲镇 needs 1 each
    assert result.stdout.splitlines()[:13] == [
        "阈值：国家标准（十四五，2025）（内置）",
        "┏━━━━━━┳━━━━━━━━━┳━━━━━━━━━┓",
        "┃ 单位 ┃    九年 ┃    初中 ┃",
        "┃      ┃  巩固率 ┃  辍学率 ┃",
        "┃      ┃  >= 96% ┃   <= 2% ┃",
        "┡━━━━━━╇━━━━━━━━━╇━━━━━━━━━┩",
        "│ 甲镇 │ 95.0% × │ 3.00% × │",
        "│ 乙镇 │ 97.0% √ │ 0.50% √ │",
        "├──────┼─────────┼─────────┤",
        "│ 合计 │ 96.3% √ │ 1.33% √ │",
        "└──────┴─────────┴─────────┘",
        "九年义务教育巩固率：合计已达标；各单位分别达标需 甲镇 1（共 1 人）。",
        "初中辍学率：合计已达标；各单位分别达标需 甲镇 1（共 1 人）。"]
    assert "--view long" in result.stdout  # how to see the numerators and bases


def test_table_in_chinese_names_the_returns(run, write_table, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the needs below the table on one line
    path = write_table([SMALL[0], ["甲镇", "100", "90", "3", "100"], ["乙镇", "200", "190", "1", "200"]])
    result = run("check", path, "--view", "compact")
    # 合计 280/300 = 93.33 %: ⌈288⌉ − 280 = 8; units: 甲 ⌈96⌉ − 90 = 6, 乙 ⌈192⌉ − 190 = 2
    assert result.exit_code == 1
    assert result.stdout.rstrip().splitlines()[-2:] == [
        "合计：达标 1 项，预警 0 项，未达标 1 项，不适用 0 项。", "需劝返复学：九年义务教育巩固率 8 人。"]
    # below the compact table, the needs: 6 + 2, the same here by coincidence of the data
    assert "九年义务教育巩固率：合计需劝返 8 人；各单位分别达标需 甲镇 6、乙镇 2（共 8 人）。" in result.stdout


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


def test_usage_errors_exit_2(run, small):
    assert run("check", small, "--format", "xml").exit_code == 2
    assert run("check").exit_code == 2


def test_python_dash_m(small):
    result = subprocess.run([sys.executable, "-m", "kongchuo_cli", "check", small, "-f", "csv", "--lang", "en"],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, CSV_EN)


@pytest.mark.parametrize("env, coloured", [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)])
def test_colour_follows_force_color_and_no_color(small, tmp_path, monkeypatch, env, coloured):
    from click.testing import CliRunner

    from kongchuo_cli.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", small, "--view", "long"], env=env)
    assert ("\x1b[1;31m× 未达标\x1b[0m" in result.stdout) is coloured
    assert ("\x1b[" in result.stdout) is coloured


# --- the example county ------------------------------------------------------------------------------------------


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
    assert totals["consolidation_9y"]["note"] == ("各单位分别达标共需劝返 262 人，多于按合计计算的 228 人，因为已达标单位高出"
                                                  "标准的部分抵消了其他单位的一部分缺口。")
    # 186/23776 = 0.7823 % and 151/11476 = 1.3158 %: both within their lines
    assert [(totals[i]["rate"], totals[i]["status"]) for i in ("dropout_primary", "dropout_junior")] == [
        (0.7823, "pass"), (1.3158, "pass")]
    # 23826 of 23850 at >= 100 %: 24 children not in school
    assert (totals["enrollment_primary_net"]["status"], totals["enrollment_primary_net"]["returns_needed"]) == ("fail", 24)
    # youths of junior age in school: 1238 + 428 + 1490 + 1590 + 636 + 1402 + 421 + 889 + 651 + 549 + 1300 + 812
    # = 11406 of 11618 = 98.1752 %, above the 1994 两基 rural line of 95 %
    assert (totals["enrollment_junior_age"]["rate"], totals["enrollment_junior_age"]["status"]) == (98.1752, "pass")
    # 11476/11618 = 98.7778 %: shown, but no line (the 两基 line is the age-specific rate's)
    assert (totals["enrollment_junior_gross"]["rate"], totals["enrollment_junior_gross"]["status"]) == (98.7778, "n/a")
    # enrolled = 随班就读 187 + 特教 80 + 送教上门 46 = 313 of 324 三类 children, judged by the 97 % line for every
    # kind of disability and saying so: ⌈0.97 · 324⌉ = ⌈314.28⌉ = 315 → 2
    disabled = totals["enrollment_disabled"]
    assert (disabled["numerator"], disabled["target"], disabled["returns_needed"]) == (313, ">= 97%", 2)
    assert disabled["note"].startswith("以三类残疾儿童代替全部残疾儿童。入学数按随班就读、特教学校、送教上门和其他形式之和计。")
    # 辍学 only: judged, and saying that 失学 is not in the file
    assert (totals["poverty_dropouts"]["numerator"], totals["poverty_dropouts"]["returns_needed"]) == (8, 8)
    assert totals["poverty_dropouts"]["note"].startswith("表中只有脱贫家庭辍学人数")
    assert result.stderr == ""


def test_province_example_thresholds(run):
    result = run("check", str(ROOT / "examples" / "county.csv"), "-f", "json",
                 "-t", str(ROOT / "examples" / "thresholds-hunan-2020.yaml"))
    totals = {r["indicator"]: r for r in json.loads(result.stdout)["results"] if r["is_total"]}
    # ⌈0.98 · 8388⌉ = ⌈8220.24⌉ = 8221 → 8221 − 7825 = 396; disabled at 95 % (every kind, 三类 standing in):
    # 313/324 = 96.6 % passes
    assert (totals["consolidation_9y"]["target"], totals["consolidation_9y"]["returns_needed"]) == (">= 98%", 396)
    assert (totals["enrollment_disabled"]["target"], totals["enrollment_disabled"]["status"]) == (">= 95%", "pass")
    assert totals["dropout_primary"]["status"] == "n/a"  # no line in that file
