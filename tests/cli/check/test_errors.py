"""`kongchuo check`: what cannot be evaluated (exit 2, every problem of every input in one run) and the warnings.
"""


import pytest

from tests.helpers.check import CONSOLIDATION, CSV_EN
from tests.helpers.corpus import write_delimited
from tests.helpers.small import (
    SMALL_COUNTY as SMALL,  # two townships worked by hand (see tests/helpers/small.py)
)

# --- errors and warnings -----------------------------------------------------------------------------------------


# (a missing file is tested for every command that reads files, in tests/cli/test_every_reader.py)
@pytest.mark.parametrize(
    "args, message",
    [
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


# Regression (review: bad real-world files).
def test_a_disabled_part_missing_is_named(run, write_table):
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "随班就读人数", "送教上门人数"], ["甲", "100", "60", "30"]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: has columns of disabled-children enrolment rate but not '特教学校就读人数'; add that "
           "column, or remove the other columns of disabled-children enrolment rate.\n")


def test_warnings_go_to_stderr(run, write_table):
    path = write_table([SMALL[0] + ["备注", "小学辍学人"], SMALL[1] + ["新建校", "3"], SMALL[2] + ["", "1"]])
    result = run("check", path, "-f", "csv", "--lang", "en")
    assert result.stdout == CSV_EN
    # 备注 holds text: kept (for --by), not a likely typo; 小学辍学人 holds numbers: reported, with a suggestion
    assert result.stderr == (f"Warning: {path}, column G (小学辍学人): column not recognised, ignored (did you "
                             "mean '小学辍学人数'?).\n")


# Regression (review: bad real-world files).
def test_a_named_row_with_empty_counts_is_an_error(run, write_table):
    path = write_table([CONSOLIDATION + ["转入人数"], ["东镇", "100", "99", ""], ["西镇", "", "", ""],
                        ["南镇", "200", "199", ""]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}, row 3: every count of this row is empty; fill "
                                                    "them in (0 where there were none), or delete the row if it is "
                                                    "a heading.\n")


# Regression (review: bad real-world files).
def test_spaces_inside_a_number_are_not_ignored(run, write_table):
    path = write_table([CONSOLIDATION, ["甲", "1 0 0", "97"]])
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 2 and "'1 0 0' is not a number" in result.stderr


# Regression (review: bad real-world files).
def test_headers_on_two_lines_are_shown_on_one(run, tmp_path):
    path = write_delimited(tmp_path / "h.csv", [["乡镇", "一年级\n入学人数", "毕业班在校生数"], ["甲", "x", "97"]],
                           "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert "column B (一年级 入学人数): 'x' is not a number" in result.stderr


# Regression (review: bad real-world files).
def test_the_same_file_twice(run, write_table):
    path = write_table([CONSOLIDATION, ["甲", "100", "97"]])
    result = run("check", path, path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: the same file is given twice.\n")


# Regression (review: bad real-world files).
def test_a_folder_is_not_a_file(run, tmp_path):
    (tmp_path / "adir").mkdir()
    result = run("check", "adir")
    assert (result.exit_code, result.stderr) == (2, "错误：adir：这是一个文件夹，不是文件。\n")
