"""Reading one summary table (read/summary.py): headers, cells, total rows, and every problem named by file, row and
column."""

import pytest

from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.summary import load_file
from tests.helpers import problems_of

HEADER = ["乡镇", "一年级入学人数", "毕业班在校生数", "转入人数", "小学辍学人数", "小学学年初在校生数"]


def test_cells_in_the_forms_excel_writes(write_table):
    path = write_table([HEADER, ["甲镇", "1,234", "1234.0", " 12 ", "０", "１２０"], ["乙镇", "5", "5", "", "0", "9"]])
    table = load_file(path)
    assert [unit.counts for unit in table.units] == [
        {"grade1_entrants": 1234, "final_grade_enrolled": 1234, "transfers_in": 12, "primary_dropouts": 0,
         "primary_enrolled_start": 120},
        # a blank 转入人数 means none; a blank in another count column is an error (next test)
        {"grade1_entrants": 5, "final_grade_enrolled": 5, "transfers_in": 0, "primary_dropouts": 0,
         "primary_enrolled_start": 9},
    ]


def test_every_bad_cell_is_reported_in_one_run(write_table):
    path = write_table([HEADER, ["甲镇", "-3", "12.5", "1", "x", "9"], ["乙镇", "10", "1,2,3", "", "", "99999999999999999"]])
    assert problems_of(lambda: load_file(path)) == [
        f"{path}, row 2, column B (一年级入学人数): '-3' is negative; a count cannot be below 0.",
        f"{path}, row 2, column C (毕业班在校生数): '12.5' is not a whole number; a count must be whole.",
        f"{path}, row 2, column E (小学辍学人数): 'x' is not a number; enter a count.",
        f"{path}, row 3, column C (毕业班在校生数): '1,2,3' is not a number; enter a count.",
        f"{path}, row 3, column E (小学辍学人数): the cell is empty; enter 0 if there were none.",
        f"{path}, row 3, column F (小学学年初在校生数): '99999999999999999' is too large to be a count.",
    ]


def test_rows_are_the_spreadsheets_own_after_a_title_row(write_table):
    path = write_table([["某县2025年控辍保学汇总表"], [], HEADER, ["甲镇", "1", "1", "", "x", "1"]])
    assert problems_of(lambda: load_file(path), "zh") == [
        f"{path} 第 4 行 E 列「小学辍学人数」：「x」不是数字；请填写人数。"]


def test_gbk_file(write_table):
    path = write_table([HEADER, ["城关镇", "100", "96", "", "1", "200"]], encoding="gbk")
    assert load_file(path).units[0].label == "城关镇"


def test_undecodable_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"a,b\n\x80\xff\xa1\n")  # no BOM; invalid in UTF-8 and in GB18030
    assert problems_of(lambda: load_file(str(path))) == [
        f"{path}: cannot tell the file's encoding (tried UTF-8 and GB18030); give --encoding, or save it from "
        "Excel/WPS as \"CSV UTF-8\"."]


def test_tab_and_semicolon_delimiters(write_table):
    for delimiter in ("\t", ";"):
        path = write_table([HEADER, ["甲镇", "1", "1", "", "0", "1"]], delimiter=delimiter)
        assert load_file(path).units[0].counts["grade1_entrants"] == 1


def test_total_row_is_not_a_unit_and_is_checked(write_table):
    path = write_table([HEADER, ["甲镇", "100", "96", "2", "1", "200"], ["乙镇", "50", "49", "", "0", "100"],
                        ["合 计", "150", "140", "2", "1", "300"]])
    table = load_file(path)
    assert [unit.label for unit in table.units] == ["甲镇", "乙镇"]
    assert table.total_row.label == "合 计"
    # 96 + 49 = 145, not 140; the other columns add up
    assert [notice.render("en") for notice in table.notices] == [
        f"{path}, row 4: the '合 计' row differs from the sum of the units: 毕业班在校生数 140 in the file, "
        "145 summed; kongchuo uses the sum of the units."]


def test_label_is_first_text_column_when_no_unit_header(write_table):
    path = write_table([["序号", "乡镇名称", "一年级入学人数", "毕业班在校生数"], ["1", "甲镇", "10", "10"],
                        ["2", "乙镇", "20", "19"]])
    table = load_file(path)
    assert [unit.label for unit in table.units] == ["甲镇", "乙镇"]
    assert table.notices == []  # 序号 is bookkeeping, not a typo


def test_unknown_column_is_reported_with_a_suggestion(write_table):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校人数"], ["甲镇", "10", "10"]])
    assert [notice.render("zh") for notice in load_file(path).notices] == [
        f"{path} C 列「毕业班在校人数」：未识别的列，已忽略（是否应为「毕业班在校生数」？）。"]


def test_two_headers_for_one_column(write_table):
    path = write_table([["乡镇", "转入人数", "转入", "一年级入学人数"], ["甲", "1", "1", "1"]])
    assert problems_of(lambda: load_file(path)) == [
        f"{path}, column C (转入): both '转入人数' and '转入' mean transfers_in; keep only one of them."]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty."),
        ("乡镇,一年级入学人数\n".encode(), "the file has a header but no data rows."),
        (b"a,b\n1,2\n", "no known column header in the first 2 rows (e.g. 一年级入学人数, 小学辍学人数, or grade1_entrants)."),
    ],
)
def test_files_with_nothing_to_read(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    assert problems_of(lambda: load_file(str(path))) == [f"{path}: {message}"]


def test_disabled_parts_that_disagree_with_the_total(write_table):
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "三类残疾儿童少年入学数", "随班就读人数", "特教学校就读人数",
                         "送教上门人数"], ["甲镇", "40", "37", "20", "9", "6"]])
    assert [notice.render("en") for notice in load_file(path).notices] == [
        f"{path}, row 2: 随班就读人数, 特教学校就读人数, 送教上门人数 sum to 35, not the 37 of '三类残疾儿童少年入学数'; "
        "'三类残疾儿童少年入学数' is used."]  # 20 + 9 + 6


def test_notes_rows_under_the_table_are_skipped_without_echoing_them(write_table):
    path = write_table([HEADER, ["甲镇", "1", "1", "", "0", "1"], ["合计", "1", "1", "", "0", "1"],
                        ["填表人：王小明", "", "", "", "", ""], ["", "", "", "", "", ""]])
    table = load_file(path)
    assert [unit.label for unit in table.units] == ["甲镇"]
    notices = [notice.render("zh") for notice in table.notices]
    assert notices == [f"{path} 第 4 行：该行没有任何人数，已跳过（说明、填表人等行可忽略此提示）。"]
    assert "王小明" not in "".join(notices)


def test_subtotals_only_is_no_data(write_table):
    path = write_table([HEADER, ["小计", "1", "1", "", "0", "1"]])
    assert problems_of(lambda: load_file(path)) == [f"{path}: the file has a header but no data rows."]


def test_a_form_with_a_filing_line_over_a_merged_header(write_table):
    # title, 填报单位…（盖章）/填报日期 line, then 小学 merged over 辍学人数 and 学年初在校生数 (乡镇 merged down, as a CSV
    # saved from the merged cells holds it), then the towns: found without --header-row
    path = write_table([["某县2025年小学辍学情况统计表"], ["填报单位：某县教育局（盖章）", "", "填报日期：2025年9月10日"],
                        ["乡镇", "小学", ""], ["", "辍学人数", "学年初在校生数"],
                        ["甲镇", "3", "1000"], ["乙镇", "1", "800"]])
    table = load_file(path)
    assert table.reading.header_rows == (3, 4)
    assert [(unit.label, unit.counts) for unit in table.units] == [
        ("甲镇", {"primary_dropouts": 3, "primary_enrolled_start": 1000}),
        ("乙镇", {"primary_dropouts": 1, "primary_enrolled_start": 800})]


def test_a_header_among_the_data_is_named_once(write_table):
    # a stray 一年级入学人数 caption on row 1 is taken for the header; the real one, on row 4, then reads as data: one
    # message naming row 4 and --header-row 4, not one per cell
    path = write_table([["一年级入学人数", "（单位：人）"], [], [], ["一年级入学人数", "毕业班在校生数", "乡镇"],
                        ["100", "96", "甲镇"], ["200", "190", "乙镇"]])
    assert problems_of(lambda: load_file(path)) == [
        f"{path}, row 4: most count cells of this row hold words: it looks like the header; give --header-row 4 to "
        "say where the header is."]
    assert [unit.label for unit in load_file(path, ReadOptions(header_row=4)).units] == ["甲镇", "乙镇"]  # the hint


@pytest.mark.parametrize("personal", ["110105194912310012", "13800000000", "G110105194912310012"])
def test_a_childs_row_is_never_a_header(write_table, personal):
    # the only row with a known column name also holds an ID, a 学籍号 or a phone number: not a header, never quoted
    path = write_table([["说明"], ["张三", personal, "转入"], ["李四", "1", "2"]])
    assert problems_of(lambda: load_file(path)) == [
        f"{path}: no known column header in the first 3 rows (e.g. 一年级入学人数, 小学辍学人数, or grade1_entrants)."]
    assert problems_of(lambda: load_file(path, ReadOptions(header_row=2))) == [
        f"{path}, row 2: this row holds a child's data (an ID, a 学籍号 or a phone number), not a header; check "
        "--header-row."]


def test_counts_are_a_compact_mapping_shared_by_the_units_of_a_table(write_table):
    path = write_table([HEADER[:4], ["甲镇", "1234", "30", "2"], ["乙镇", "1234", "40", "0"]])
    first, second = (unit.counts for unit in load_file(path).units)
    assert first == {"grade1_entrants": 1234, "final_grade_enrolled": 30, "transfers_in": 2}
    assert list(second) == ["grade1_entrants", "final_grade_enrolled", "transfers_in"] and len(second) == 3
    assert (second["final_grade_enrolled"], second.get("deaths", 0), second.get("deaths")) == (40, 0, None)
    with pytest.raises(KeyError):
        second["deaths"]  # a column the table lacks
    with pytest.raises(TypeError):
        second["transfers_in"] = 1  # read-only: counts are never changed once read
    # one positions dict for the whole table, and each distinct count one int object (1234 is beyond the small
    # ints Python shares itself): a province's 1,000,000 rows hold tuples, not a dict and 20 ints each
    assert first.positions is second.positions
    assert first["grade1_entrants"] is second["grade1_entrants"]
