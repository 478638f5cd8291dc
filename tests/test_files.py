"""Real county files in (issue 3): encodings, workbooks, header layouts, several files, stdin, roll-up.

The expected figures are worked by hand in tests/corpus.py.
"""

import json

import corpus
import pytest
from click.testing import CliRunner

from kongchuo_cli.cli import cli


def check_json(run, *args):
    result = run("check", *map(str, args), "-f", "json", "--lang", "en")
    return result, json.loads(result.stdout) if result.stdout else None


def consolidation(document):
    return {r["unit"]: (r["numerator"], r["denominator"], r["returns_needed"])
            for r in document["results"] if r["indicator"] == "consolidation_9y"}


@pytest.mark.parametrize("make, read", [(corpus.gbk_csv, "encoding gb18030, delimiter ,"),
                                        (corpus.bom_csv, "encoding utf-8-sig, delimiter ,"),
                                        (corpus.utf16_tsv, "encoding utf-16, delimiter TAB"),
                                        (corpus.township_workbook, "sheet '汇总表'")])
def test_each_kind_of_township_file(run, tmp_path, make, read):
    path = make(tmp_path)
    result, document = check_json(run, path, "-v")
    assert result.exit_code == 1  # the county misses 96 %
    figures = consolidation(document)
    assert figures.pop("Total") == corpus.EXPECTED_TOTAL
    assert figures == corpus.EXPECTED_UNITS
    header_rows = "2+3" if path.suffix == ".xlsx" else "2"
    note_row = 9 if path.suffix == ".xlsx" else 7
    # the 合计 row agrees with the towns (no warning); the notes row is skipped without echoing its text
    assert result.stderr.splitlines() == [
        f"Warning: {path}, row {note_row}: the row has no counts and was skipped (fine for a notes row such as "
        "填表人 or 说明).",
        f"{path}: {'text, ' if 'sheet' not in read else ''}{read}; header on row {header_rows}; 3 units, "
        "1 total or subtotal rows, 1 note rows skipped."]
    assert "13800000000" not in result.stderr and "王某某" not in result.stderr


def test_workbook_total_with_a_wrong_saved_value_is_reported(run, tmp_path):
    path = corpus.township_workbook(tmp_path, {"B": 450, "C": 430, "D": 5, "E": 8, "F": 5, "G": 2300})
    result, _ = check_json(run, path)
    assert f"{path}, row 7: the '合计' row differs from the sum of the units: 毕业班在校生数 430 in the file, 427 summed" \
           in result.stderr


@pytest.mark.parametrize("sheet", ["汇总表", "1"])
def test_sheet_by_name_or_number(run, tmp_path, sheet):
    path = corpus.township_workbook(tmp_path)
    assert consolidation(check_json(run, path, "--sheet", sheet)[1])["Total"] == corpus.EXPECTED_TOTAL


def test_missing_sheet_lists_the_sheets(run, tmp_path):
    path = corpus.township_workbook(tmp_path)
    result = run("check", str(path), "--sheet", "Sheet9", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: no sheet 'Sheet9'; the sheets are: 汇总表, 说明.\n")  # a list joined in the reader's language


def test_header_row_given(run, tmp_path):
    path = corpus.write_delimited(tmp_path / "t.csv", [["乡镇", "备注"], ["一年级入学人数 在这里", "x"]]
                                  + corpus.township_rows(title=False), "utf-8")
    assert consolidation(check_json(run, path, "--header-row", "3")[1])["Total"] == corpus.EXPECTED_TOTAL
    result = run("check", str(path), "--header-row", "4", "--lang", "en")  # a row of data, not a header
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}, row 4: the header has no known count column.\n")


def test_several_files_make_one_county(run, tmp_path):
    files = corpus.county_files(tmp_path)
    figures = consolidation(check_json(run, *files)[1])
    assert figures.pop("Total") == corpus.EXPECTED_TOTAL
    assert figures == corpus.EXPECTED_UNITS


def test_standard_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = corpus.gbk_csv(tmp_path).read_bytes()
    result = CliRunner().invoke(cli, ["check", "-", "-f", "json", "--lang", "en"], input=data)
    assert consolidation(json.loads(result.stdout))["Total"] == corpus.EXPECTED_TOTAL


def test_encoding_option(run, tmp_path):
    path = corpus.gbk_csv(tmp_path)
    assert consolidation(check_json(run, path, "--encoding", "gbk")[1])["Total"] == corpus.EXPECTED_TOTAL
    result = run("check", str(path), "--encoding", "utf-8", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: cannot be read as utf-8 (byte ")
    assert run("check", str(path), "--encoding", "klingon").exit_code == 2  # a usage error at parse time


def test_roll_up_by_township(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    result, document = check_json(run, path, "--by", "乡镇")
    assert consolidation(document) == {"甲镇": (190, 200, 2), "乙镇": (138, 150, 6), "丙乡": (99, 100, 0),
                                       "Total": (427, 450, 5)}
    assert document["results"][-1]["note"] == "8 if each unit meets the line on its own."


def test_roll_up_two_levels(run, tmp_path):
    path = corpus.school_csv(tmp_path)
    document = check_json(run, path, "--by", "乡镇,学校名称")[1]
    assert list(consolidation(document).items()) == [
        ("甲镇", (190, 200, 2)), ("甲镇/中心小学", (115, 120, 1)), ("甲镇/第二小学", (75, 80, 2)),
        ("乙镇", (138, 150, 6)), ("乙镇/中心小学", (138, 150, 6)), ("丙乡", (99, 100, 0)),
        ("丙乡/中心小学", (99, 100, 0)), ("Total", (427, 450, 5))]
    assert document["results"][0]["note"] == "3 if each unit meets the line on its own."


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


def test_load_files_reports_each_file_as_it_begins(tmp_path):
    from kongchuo_cli.read.inputs import read_inputs

    files = [str(path) for path in corpus.county_files(tmp_path)]
    heard = []
    read_inputs(files, on_file=heard.append)
    assert heard == files


def test_no_progress_display_off_a_terminal(tmp_path):
    from kongchuo_cli.cli.run import reading_progress

    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 3_000_000)
    with reading_progress((str(big),), "zh", quiet=False) as on_file:  # pytest's stderr is not a terminal
        assert on_file is None
