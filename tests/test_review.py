"""Regressions found by reviewing `check` against bad real-world files: each once gave a wrong county figure,
a traceback, or an echoed personal detail."""

import json

from corpus import write_delimited

CONSOLIDATION = ["乡镇", "一年级入学人数", "毕业班在校生数"]


def totals(result):
    return [(r["unit"], r["numerator"], r["denominator"], r["returns_needed"])
            for r in json.loads(result.stdout)["results"] if r["is_total"]]


def test_a_stray_quote_is_an_error_not_lost_rows(run, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('乡镇,一年级入学人数,毕业班在校生数\n甲镇,100,97\n"乙镇,100,90\n丙镇,100,80\n', "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2, f"Error: {path}, row 3: a quotation mark (\") opened in this row is never closed, which would swallow "
           "the rows after it; remove the stray quote.")


def test_a_stray_quote_in_a_large_file_is_no_traceback(run, tmp_path):
    path = tmp_path / "big.csv"
    body = "".join(f"第{n}校,100,97\n" for n in range(12000))
    path.write_text('乡镇,一年级入学人数,毕业班在校生数\n甲镇,100,97\n"乙镇,1,1\n' + body, "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 2 and "row 3: a quotation mark" in result.stderr


def test_a_quote_closed_rows_later_is_caught(run, tmp_path):
    path = tmp_path / "q2.csv"
    path.write_text('乡镇,一年级入学人数,毕业班在校生数\n甲镇,100,97\n"乙镇,100,90\n丙镇",100,80\n', "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 2 and "row 3: a quotation mark" in result.stderr


def test_a_named_row_with_empty_counts_is_an_error(run, write_table):
    path = write_table([CONSOLIDATION + ["转入人数"], ["东镇", "100", "99", ""], ["西镇", "", "", ""],
                        ["南镇", "200", "199", ""]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}, row 3: every count of this row is empty; fill "
                                                    "them in (0 where there were none), or delete the row if it is "
                                                    "a heading.\n")


def test_a_merged_total_cell_lands_in_the_number_column(run, write_table):
    # Excel saves a 合计 merged across 序号 and 乡镇 as "合计," — it must not become a unit named "#4"
    path = write_table([["序号"] + CONSOLIDATION, ["1", "甲镇", "100", "95"], ["2", "乙镇", "100", "92"],
                        ["合计", "", "200", "187"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    # 187/200 = 93.5 %: ⌈192⌉ − 187 = 5 (counted twice it would be 10)
    assert totals(result) == [("Total", 187, 200, 5)]
    assert result.stderr == ""


def test_labels_ending_in_total_words(run, write_table):
    path = write_table([CONSOLIDATION, ["东镇", "100", "95"], ["东镇小计", "100", "95"], ["西镇", "200", "191"],
                        ["示例县合计", "300", "286"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    # units 东镇 and 西镇 only: 286/300 = 95.33 %: ⌈288⌉ − 286 = 2
    assert totals(result) == [("Total", 286, 300, 2)]


def test_a_disabled_part_missing_is_named(run, write_table):
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "随班就读人数", "送教上门人数"], ["甲", "100", "60", "30"]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: has columns of disabled-children enrolment rate but not '特教学校就读人数'; add that "
           "column, or remove the other columns of disabled-children enrolment rate.\n")


def test_output_never_overwrites_the_thresholds_file_in_the_folder(run, write_table, tmp_path):
    (tmp_path / "thresholds.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%"}\n',
                                              "utf-8")
    path = write_table([CONSOLIDATION, ["甲", "100", "97"]])
    result = run("check", path, "-o", "thresholds.yaml", "-f", "json")
    assert result.exit_code == 2
    assert (tmp_path / "thresholds.yaml").read_text("utf-8").startswith("version: 1")


def test_a_contact_line_in_a_count_column_is_a_note_and_not_echoed(run, write_table):
    path = write_table([CONSOLIDATION, ["甲镇", "100", "97"], ["填表人：张三", "联系电话：13812345678", ""]])
    result = run("check", path, "--lang", "en", "-f", "csv")
    assert result.exit_code == 0
    assert "13812345678" not in result.stderr and "张三" not in result.stderr


def test_a_number_column_with_a_total_is_not_the_label(run, write_table):
    path = write_table([["序号", "乡镇名称", "一年级入学人数", "毕业班在校生数"], ["1", "甲镇", "100", "97"],
                        ["2", "乙镇", "100", "97"], ["合计", "", "200", "194"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    units = [r["unit"] for r in json.loads(result.stdout)["results"]]
    assert units == ["甲镇", "乙镇", "Total"]


def test_the_same_file_twice(run, write_table):
    path = write_table([CONSOLIDATION, ["甲", "100", "97"]])
    result = run("check", path, path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: the same file is given twice.\n")


def test_spaces_inside_a_number_are_not_ignored(run, write_table):
    path = write_table([CONSOLIDATION, ["甲", "1 0 0", "97"]])
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 2 and "'1 0 0' is not a number" in result.stderr


def test_a_folder_is_not_a_file(run, tmp_path):
    (tmp_path / "adir").mkdir()
    result = run("check", "adir")
    assert (result.exit_code, result.stderr) == (2, "错误：adir：这是一个文件夹，不是文件。\n")


def test_headers_on_two_lines_are_shown_on_one(run, tmp_path):
    path = write_delimited(tmp_path / "h.csv", [["乡镇", "一年级\n入学人数", "毕业班在校生数"], ["甲", "x", "97"]],
                           "utf-8")
    result = run("check", str(path), "--lang", "en")
    assert "column B (一年级 入学人数): 'x' is not a number" in result.stderr
