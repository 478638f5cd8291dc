"""Lines by kind of unit: rural townships judged by the rural 两基 lines, a named unit by its own."""

import json

import pytest

from kongchuo_cli.policy import thresholds
from kongchuo_cli.problems import KongchuoError

LINES = """version: 1
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
DATA = [["乡镇", "城乡", "初中辍学人数", "初中学年初在校生数"], ["甲镇", "城镇", "5", "200"], ["乙镇", "农村", "5", "200"],
        ["丙镇", "城镇", "5", "200"]]


def test_rural_and_named_lines(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("check", write_table(DATA), "-t", "lines.yaml", "-f", "json", "--lang", "en")
    records = {r["unit"]: (r["target"], r["status"], r["returns_needed"], r["note"])
               for r in json.loads(result.stdout)["results"]}
    # every unit 5/200 = 2.5 %: urban <= 2 % → 5 − ⌊4⌋ = 1; rural <= 3 % passes; 丙镇 <= 2.5 % passes on the line
    assert records == {
        "甲镇": ("<= 2%", "fail", 1, None),
        "乙镇": ("<= 3%", "pass", 0, "judged by the lines of '农村'."),
        "丙镇": ("<= 2.5%", "pass", 0, "judged by the lines of 'unit=丙镇'."),
        # the county keeps the file's own (urban) line: 15 − ⌊0.02 · 600⌋ = 3
        "Total": ("<= 2%", "fail", 3, "1 if each unit meets the line on its own.")}


def test_group_lines_keep_the_file_formula():
    policy = thresholds.parse("version: 1\nindicators:\n  consolidation_9y: {target: \">= 95%\", formula: raw}\n"
                              "groups:\n  - when: {城乡: 农村}\n    extends: national-2020\n", "t.yaml")
    (group,) = policy.groups
    assert (group.lines["consolidation_9y"].target.text, group.lines["consolidation_9y"].formula) == (">= 95%", "raw")


@pytest.mark.parametrize("groups, message", [
    ("groups:\n  - name: x\n", "t.yaml, line 5: this group has no `when` (which units it is for), e.g. when: "
                               "{城乡: 农村}."),
    ("groups:\n  - when: {城乡: 农村}\n    indicators:\n      consolidation_9y: {formula: raw}\n",
     "t.yaml, line 7: a group cannot change formula, definition or suspended (the total needs one way of computing)."),
    ("groups: {城乡: 农村}\n", "t.yaml, line 4: groups must be a list (each item starting with '- ')."),
])
def test_group_errors(groups, message):
    with pytest.raises(KongchuoError) as raised:
        thresholds.parse('version: 1\nindicators:\n  dropout_junior: {target: "<= 2%"}\n' + groups, "t.yaml")
    assert [problem.render("en") for problem in raised.value.problems] == [message]


def test_a_condition_on_a_column_the_data_lacks(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES.replace("城乡: 农村", "区域: 农村"), "utf-8")
    result = run("check", write_table(DATA), "-t", "lines.yaml", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "Error: lines.yaml, line 5: the group condition's column '区域' is not in the data; the columns are: 城乡.\n")
