"""Regressions from reviewing the policy features: lines of the wrong kind, explain disagreeing with check, JUnit."""

import json
import xml.etree.ElementTree as ElementTree

from conftest import ROOT

SCHOOLS = [["乡镇", "学校", "城乡", "初中辍学人数", "初中学年初在校生数"],
           ["甲镇", "中心小学", "城镇", "5", "200"], ["甲镇", "二中", "农村", "5", "200"],
           ["乙镇", "中心小学", "农村", "5", "200"], ["丙镇", "中心小学", "城镇", "5", "200"]]
LINES = """version: 1
extends: liangji-urban
groups:
  - name: 农村
    when: {城乡: 农村}
    extends: liangji-rural
  - when: {unit: 丙镇/中心小学}
    indicators:
      dropout_junior: {target: "<= 2.5%", source: 县教育局文件}
"""


def results(result):
    return {r["unit"]: (r["target"], r["status"], r["returns_needed"]) for r in json.loads(result.stdout)["results"]}


def test_groups_of_by_keep_the_file_lines(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "lines.yaml", "--by", "乡镇", "-f", "json", "--lang", "en")
    # every township row is judged by the file's urban <= 2 %, whatever kind its schools are, even 丙镇 with one school:
    # 甲镇 10/400 → ⌊8⌋ allowed → 2; 乙镇 5/200 → 1; 丙镇 5/200 → 1; county 20/800 → ⌊16⌋ → 4
    assert results(result) == {"甲镇": ("<= 2%", "fail", 2), "乙镇": ("<= 2%", "fail", 1),
                               "丙镇": ("<= 2%", "fail", 1), "Total": ("<= 2%", "fail", 4)}


def test_units_take_their_kind_and_name(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "lines.yaml", "-f", "json", "--lang", "en")
    assert results(result) == {"甲镇/中心小学": ("<= 2%", "fail", 1), "甲镇/二中": ("<= 3%", "pass", 0),
                               "乙镇/中心小学": ("<= 3%", "pass", 0), "丙镇/中心小学": ("<= 2.5%", "pass", 0),
                               "Total": ("<= 2%", "fail", 4)}
    assert "Line (农村) junior dropout rate <= 3%" in run("check", write_table(SCHOOLS), "-t", "lines.yaml",
                                                          "--lang", "en").stdout


def test_a_group_extends_only_the_lines_it_has(run, tmp_path):
    (tmp_path / "g.yaml").write_text("version: 1\nextends: national-2025\ngroups:\n  - when: {乡镇: 城关镇}\n"
                                     "    extends: liangji-rural\n", "utf-8")
    result = run("check", str(ROOT / "examples" / "county.csv"), "-t", "g.yaml", "--gate", "units", "-f", "json",
                 "--lang", "en")
    records = {(r["unit"], r["indicator"]): (r["target"], r["status"]) for r in json.loads(result.stdout)["results"]}
    # liangji-rural has no consolidation line: 城关镇 keeps the file's >= 96 % (1,690/1,870 = 90.4 %: fails)
    assert records[("城关镇", "consolidation_9y")] == (">= 96%", "fail")
    assert records[("城关镇", "dropout_junior")] == ("<= 3%", "pass")  # and takes the rural dropout line


def test_a_group_that_matches_nothing_is_warned(run, write_table, tmp_path):
    (tmp_path / "typo.yaml").write_text(LINES.replace("城乡: 农村", "城乡: 乡村").replace("丙镇/中心小学", "中心小学"),
                                        "utf-8")
    data = write_table(SCHOOLS)
    result = run("check", data, "-t", "typo.yaml", "--lang", "en", "-q", "--summary")
    checked = run("check", data, "-t", "typo.yaml", "--lang", "en", "-f", "csv")
    assert checked.stderr.splitlines() == [
        "Warning: typo.yaml, line 4: the group '农村' matches no unit (unit: must equal a unit as results name it, "
        "e.g. 甲镇/中心小学).",
        "Warning: typo.yaml, line 7: the group 'unit=中心小学' matches no unit (unit: must equal a unit as results "
        "name it, e.g. 甲镇/中心小学)."]
    assert result.stderr == ""  # -q
    lint = run("thresholds", "check", "typo.yaml", "--data", data, "--lang", "en")
    assert lint.exit_code == 1 and "matches no unit" in lint.stdout


def test_a_condition_on_the_label_column(run, write_table, tmp_path):
    (tmp_path / "l.yaml").write_text('version: 1\nindicators:\n  dropout_junior: {target: "<= 2%"}\ngroups:\n'
                                     '  - when: {学校: 中心小学}\n    indicators:\n      dropout_junior: {target: "<= 3%"}\n',
                                     "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "l.yaml", "-f", "json", "--lang", "en")
    assert [target for target, _, _ in results(result).values()] == ["<= 3%", "<= 2%", "<= 3%", "<= 3%", "<= 2%"]


def test_lint_reports_group_errors_with_the_rest(run, tmp_path):
    (tmp_path / "e.yaml").write_text('version: 2\nindicators:\n  dropout_junior: {target: "<= 2%"}\ngroups:\n'
                                     '  - when: {城乡: 农村}\n    indicators:\n      dropout_junior: {target: "2%"}\n',
                                     "utf-8")
    result = run("thresholds", "check", "e.yaml", "--lang", "en")
    assert result.stderr.splitlines() == [
        "Error: e.yaml, line 1: version must be 1, not '2'.",
        "Error: e.yaml, line 7: '2%' is not a line; write OP NUMBER, e.g. \">= 96%\", \"<= 1%\", \"== 0\"."]


def test_lint_with_data_reports_a_missing_group_column(run, write_table, tmp_path):
    (tmp_path / "p.yaml").write_text('version: 1\nindicators:\n  dropout_junior: {target: "<= 2%"}\ngroups:\n'
                                     '  - when: {片区: 东片}\n    indicators:\n      dropout_junior: {target: "<= 3%"}\n',
                                     "utf-8")
    lint = run("thresholds", "check", "p.yaml", "--data", write_table(SCHOOLS), "--lang", "en")
    assert lint.exit_code == 1
    assert lint.stdout.splitlines()[0] == ("Warning: p.yaml, line 5: the group condition's column '片区' is not in the "
                                           "data; the columns are: 乡镇, 城乡.")


def test_explain_a_failing_count(run):
    result = run("explain", "poverty_dropouts", "--data", str(ROOT / "examples" / "county.csv"), "--unit", "柳林镇",
                 "-t", str(ROOT / "thresholds.yaml"))
    assert result.stdout.splitlines()[-3:] == ["  X = 脱贫家庭辍学人数 = 2", "  需劝返 = 2 - 0 = 2 人。",
                                               "  检验：劝返 2 人后为 0，满足 == 0；只劝返 1 人则为 1，仍不满足。"]


def test_explain_agrees_with_check_on_warn_and_kind(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("explain", "dropout_junior", "-t", "lines.yaml", "--data", write_table(SCHOOLS), "--unit",
                 "乙镇/中心小学", "--lang", "en")
    assert result.stdout.splitlines()[-2:] == ["  the line is met: no returns needed.",
                                               "  judged by the lines of '农村'."]
    (tmp_path / "warn.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}\n',
                                        "utf-8")
    # 北山乡 636/656 = 96.95 %: meets 96 %, below 97 %: ⌈0.97 · 656⌉ = ⌈636.32⌉ = 637 → 1 more
    warn = run("explain", "consolidation_9y", "-t", "warn.yaml", "--data", str(ROOT / "examples" / "county.csv"),
               "--unit", "北山乡", "--lang", "en")
    assert warn.stdout.splitlines()[-1] == "  1 more returns reach the warn line '>= 97%'."


def test_explain_without_the_columns(run, write_table):
    result = run("explain", "consolidation_9y", "--data", write_table(SCHOOLS), "--unit", "甲镇/二中", "--lang", "en")
    assert result.stderr == ("Error: the data has no columns for 'consolidation_9y'; the indicators here are: "
                             "dropout_junior.\n")


def test_junit_warn_failure_and_control_characters(run, write_table, tmp_path):
    (tmp_path / "warn.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}\n',
                                        "utf-8")
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲\x01镇", "100", "96"]])
    assert run("check", path, "-t", "warn.yaml", "--strict", "--junit", "j.xml", "-q", "--lang", "en").exit_code == 1
    case = ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite/testcase")
    assert case.get("classname") == "甲镇"
    # 96/100 meets 96 %; ⌈97⌉ − 96 = 1 reaches the warn line
    assert case.find("failure").get("message") == "1 more returns reach the warn line '>= 97%'."


def test_junit_and_output_must_differ(run, write_table):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "97"]])
    result = run("check", path, "--junit", "r.json", "-o", "r.json", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, "Error: r.json: the output file is an input file; choose another "
                                                    "name.\n")


def test_internal_error_without_verbose_option(run, monkeypatch):
    from kongchuo_cli.policy import thresholds

    monkeypatch.setattr(thresholds, "load", lambda *args: 1 / 0)
    result = run("explain", "--lang", "en")
    assert result.stderr == ("Error: kongchuo internal error (ZeroDivisionError: division by zero); please report it "
                             "with the command you ran to the maintainers.\n")
