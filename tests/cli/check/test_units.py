"""`kongchuo check`: roll-up by a column (--by) and lines by kind of unit (groups in the thresholds file).
"""

import json

from tests.helpers import ROOT, corpus
from tests.helpers.check import (
    check_json,
    consolidation,
    figures,
    results,
)
from tests.helpers.unit_lines import LINES, SCHOOLS

# Lines by kind of township: rural townships judged by the rural 两基 lines, a named township by its own.
TOWN_LINES = """version: 1
name: 两基（城乡分列）
extends: liangji-urban
groups:
  - name: 农村
    when: {城乡: 农村}
    extends: liangji-rural
  - when: {unit: 丙镇}
    indicators:
      dropout_junior: {target: "<= 2.5%", source: 县教育局}
"""


TOWN_KINDS = [["乡镇", "城乡", "初中辍学人数", "初中学年初在校生数"], ["甲镇", "城镇", "5", "200"], ["乙镇", "农村", "5", "200"],
              ["丙镇", "城镇", "5", "200"]]


# --- roll-up by a column (--by) ----------------------------------------------------------------------------------


def test_roll_up_by_township(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    result, document = check_json(run, path, "--by", "乡镇")
    assert consolidation(document) == {"甲镇": (190, 200, 2), "乙镇": (138, 150, 6), "丙乡": (99, 100, 0),
                                       "Total": (427, 450, 5)}
    # the townships on their own: 2 + 6 + 0 = 8, more than the county's 5
    assert document["results"][-1]["note"] == ("8 if each unit meets the line on its own: more than the 5 of the sum, "
                                               "because the units above the line make up part of the others' "
                                               "shortfall.")


def test_roll_up_two_levels(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    document = check_json(run, path, "--by", "乡镇,学校名称")[1]
    assert list(consolidation(document).items()) == [
        ("甲镇", (190, 200, 2)), ("甲镇/中心小学", (115, 120, 1)), ("甲镇/第二小学", (75, 80, 2)),
        ("乙镇", (138, 150, 6)), ("乙镇/中心小学", (138, 150, 6)), ("丙乡", (99, 100, 0)),
        ("丙乡/中心小学", (99, 100, 0)), ("Total", (427, 450, 5))]
    # 甲镇's schools on their own: 1 + 2 = 3, more than the township's 2
    assert document["results"][0]["note"] == ("3 if each unit meets the line on its own: more than the 2 of the sum, "
                                              "because the units above the line make up part of the others' "
                                              "shortfall.")


def test_school_level_without_roll_up_qualifies_repeated_names(run, tmp_path):
    # 中心小学 is in three townships: each is its own unit, named with its township
    figures = consolidation(check_json(run, corpus.school_csv(tmp_path))[1])
    assert figures == {"甲镇/中心小学": (115, 120, 1), "甲镇/第二小学": (75, 80, 2), "乙镇/中心小学": (138, 150, 6),
                       "丙乡/中心小学": (99, 100, 0), "Total": (427, 450, 5)}


def test_roll_up_by_an_unknown_column(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    result = run("check", str(path), "--by", "城乡", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: no column '城乡' to group by; the columns are: 乡镇.\n")


# Regression (review: file handling).
def test_by_with_a_blank_group_cell(run, write_table):
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "90"],
                        ["", "二小", "100", "95"]])
    result = run("check", path, "--by", "乡镇", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}, row 3: '乡镇' is empty, so the row cannot be grouped; if the sheet had merged cells, "
           "fill in every row.\n")


# Regression (review: file handling).
def test_by_across_files_of_different_levels(run, write_table):
    schools = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "95"],
                           ["甲镇", "二小", "200", "191"], ["乙镇", "一小", "700", "670"]], name="schools.csv")
    towns = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["丙镇", "100", "99"]], name="towns.csv")
    result = run("check", schools, towns, "--by", "乡镇", "-f", "json", "--lang", "en")
    # 甲镇 286/300: ⌈288⌉ − 286 = 2; 乙镇 670/700: ⌈672⌉ − 670 = 2; 丙镇 99/100 passes; 1055/1100: ⌈1056⌉ → 1
    assert figures(result) == {"甲镇": (286, 300, 2), "乙镇": (670, 700, 2), "丙镇": (99, 100, 0),
                               "Total": (1055, 1100, 1)}


# Regression (review: file handling).
def test_by_names_the_unit_column_out_of_place(run, write_table):
    path = write_table([["乡镇", "学校", "一年级入学人数", "毕业班在校生数"], ["甲镇", "一小", "100", "95"]])
    result = run("check", path, "--by", "学校,乡镇", "--lang", "en")
    assert result.stderr == "Error: the unit column can only come last in --by: '学校'.\n"


# --- lines by kind of unit (groups in the thresholds file) -------------------------------------------------------


def test_rural_and_named_lines(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(TOWN_LINES, "utf-8")
    result = run("check", write_table(TOWN_KINDS), "-t", "lines.yaml", "-f", "json", "--lang", "en")
    records = {r["unit"]: (r["target"], r["status"], r["returns_needed"], r["note"])
               for r in json.loads(result.stdout)["results"]}
    # every unit 5/200 = 2.5 %: urban <= 2 % → 5 − ⌊4⌋ = 1; rural <= 3 % passes; 丙镇 <= 2.5 % passes on the line
    assert records == {
        "甲镇": ("<= 2%", "fail", 1, None),
        "乙镇": ("<= 3%", "pass", 0, "judged by the lines of '农村'."),
        "丙镇": ("<= 2.5%", "pass", 0, "judged by the lines of 'unit=丙镇'."),
        # the county keeps the file's own (urban) line: 15 − ⌊0.02 · 600⌋ = 3
        "Total": ("<= 2%", "fail", 3, "1 if each unit meets the line on its own.")}


def test_a_condition_on_a_column_the_data_lacks(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(TOWN_LINES.replace("城乡: 农村", "区域: 农村"), "utf-8")
    result = run("check", write_table(TOWN_KINDS), "-t", "lines.yaml", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "Error: lines.yaml, line 5: the group condition's column '区域' is not in the data; the columns are: 城乡.\n")


# Regression (review: policy features).
def test_groups_of_by_keep_the_file_lines(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "lines.yaml", "--by", "乡镇", "-f", "json", "--lang", "en")
    # every township row is judged by the file's urban <= 2 %, whatever kind its schools are, even 丙镇 with one school:
    # 甲镇 10/400 → ⌊8⌋ allowed → 2; 乙镇 5/200 → 1; 丙镇 5/200 → 1; county 20/800 → ⌊16⌋ → 4
    assert results(result) == {"甲镇": ("<= 2%", "fail", 2), "乙镇": ("<= 2%", "fail", 1),
                               "丙镇": ("<= 2%", "fail", 1), "Total": ("<= 2%", "fail", 4)}


# Regression (review: policy features).
def test_units_take_their_kind_and_name(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "lines.yaml", "-f", "json", "--lang", "en")
    assert results(result) == {"甲镇/中心小学": ("<= 2%", "fail", 1), "甲镇/二中": ("<= 3%", "pass", 0),
                               "乙镇/中心小学": ("<= 3%", "pass", 0), "丙镇/中心小学": ("<= 2.5%", "pass", 0),
                               "Total": ("<= 2%", "fail", 4)}
    assert "Line (农村) junior dropout rate <= 3%" in run("check", write_table(SCHOOLS), "-t", "lines.yaml",
                                                          "--lang", "en").stdout


# Regression (review: policy features).
def test_a_group_extends_only_the_lines_it_has(run, tmp_path):
    (tmp_path / "g.yaml").write_text("version: 1\nextends: national-2025\ngroups:\n  - when: {乡镇: 城关镇}\n"
                                     "    extends: liangji-rural\n", "utf-8")
    result = run("check", str(ROOT / "examples" / "county.csv"), "-t", "g.yaml", "--gate", "units", "-f", "json",
                 "--lang", "en")
    records = {(r["unit"], r["indicator"]): (r["target"], r["status"]) for r in json.loads(result.stdout)["results"]}
    # liangji-rural has no consolidation line: 城关镇 keeps the file's >= 96 % (1,690/1,870 = 90.4 %: fails)
    assert records[("城关镇", "consolidation_9y")] == (">= 96%", "fail")
    assert records[("城关镇", "dropout_junior")] == ("<= 3%", "pass")  # and takes the rural dropout line


# Regression (review: policy features).
# (`thresholds check --data` warns the same: tests/cli/test_thresholds.py)
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


# Regression (review: policy features).
def test_a_condition_on_the_label_column(run, write_table, tmp_path):
    (tmp_path / "l.yaml").write_text('version: 1\nindicators:\n  dropout_junior: {target: "<= 2%"}\ngroups:\n'
                                     '  - when: {学校: 中心小学}\n    indicators:\n      dropout_junior: {target: "<= 3%"}\n',
                                     "utf-8")
    result = run("check", write_table(SCHOOLS), "-t", "l.yaml", "-f", "json", "--lang", "en")
    assert [target for target, _, _ in results(result).values()] == ["<= 3%", "<= 2%", "<= 3%", "<= 3%", "<= 2%"]
