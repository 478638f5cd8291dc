"""Clear words for every mistake once called "internal error": codecs that are no text encodings, a file name of
thousands of characters, random bytes under a workbook's name, rows with more cells than the header, unit names
that differ only by invisible or full-width characters, a thresholds name that is not text."""

import os

import pytest

from kongchuo_cli import api
from kongchuo_cli.read.vocabulary import clean_name
from tests.helpers import problems_of
from tests.helpers.check import CONSOLIDATION, check_json, consolidation

COUNTY = [CONSOLIDATION, ["甲镇", "100", "95"], ["乙镇", "200", "194"]]
NOT_TEXT = ["rot13", "rot_13", "base64", "base_64", "zlib", "hex", "uu", "bz2", "quopri"]


@pytest.mark.parametrize("codec", NOT_TEXT)
@pytest.mark.parametrize("option", ["--encoding", "--output-encoding"])
def test_codecs_that_are_no_text_encodings(run, write_table, codec, option):
    result = run("check", write_table(COUNTY), option, codec, "-o", "out.csv")
    assert result.exit_code == 2
    assert f"unknown encoding '{codec}'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("codec", ["rot13", "base64"])
def test_codecs_refused_by_the_library_too(write_table, codec):
    path = write_table(COUNTY)
    assert problems_of(lambda: api.check([path], encoding=codec)) == [
        f"{path}: unknown encoding '{codec}'; common ones are utf-8, gb18030, utf-16."]


def test_a_file_name_of_thousands_of_characters(run, tmp_path):
    folder = tmp_path
    for part in range(20):  # 20 folders of 200 characters: a path of 4,000+, each part within the system's 255
        folder = folder / (f"{part:02d}" + "长" * 60)
    folder.mkdir(parents=True)
    (folder / "county.csv").write_text("乡镇,一年级入学人数\n", encoding="utf-8")
    path = str(folder / "county.csv")
    assert len(path) > 1300
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 2 and len(result.stderr) < 400, result.stderr
    assert "county.csv" in result.stderr and "…" in result.stderr  # shortened, the file's own name kept


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm", ".xls", ".ods"])
def test_random_bytes_named_as_a_workbook(run, tmp_path, suffix):
    (tmp_path / f"book{suffix}").write_bytes(os.urandom(5000).replace(b"PK", b"pk"))
    result = run("check", f"book{suffix}", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"Error: book{suffix}: the name says {suffix}, but the content is no Excel, WPS or " \
                            "LibreOffice workbook; check that this is the right file.\n"


def test_random_bytes_named_as_csv(run, tmp_path):
    (tmp_path / "table.csv").write_bytes(bytes(range(128, 256)) * 40)
    result = run("check", "table.csv", "--lang", "en")
    assert result.exit_code == 2 and "table.csv: cannot tell the file's encoding" in result.stderr


@pytest.mark.parametrize("row, extra", [
    (["乙镇", "2", "00", "194"], 1),  # "2,00" typed with a comma: the counts shift one column right
    (["乙镇", "200", "194", "", "", "x"], 1),  # a note far to the right
    (["乙镇", "200", "194", "1", "2"], 2),
])
def test_a_row_with_more_cells_than_the_header(run, write_table, row, extra):
    path = write_table([CONSOLIDATION, ["甲镇", "100", "95"], row])
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}, row 3: this row has {extra} filled cells beyond the header's 3 " \
                            "columns: a cell holding a comma, or a column missing from the header, would shift its " \
                            "counts; check the row.\n"


def test_a_shifted_row_never_passes(run, write_table):
    """The case seen: 毕业班在校生数 shifted into the entrants' column gave 20,000 % and "pass"."""
    result = run("check", write_table([CONSOLIDATION, ["甲镇", "1", "95", "200"]]), "-f", "json")
    assert result.exit_code == 2 and result.stdout == ""


def test_empty_cells_beyond_the_header_are_fine(run, write_table):
    result, document = check_json(run, write_table([CONSOLIDATION, ["甲镇", "100", "95", "", " "],
                                                    ["乙镇", "200", "194", ""]]))
    assert consolidation(document)["乙镇"] == (194, 200, 0)


@pytest.mark.parametrize("twin", ["甲\u200b镇", "甲镇\u3000", "\ufeff甲镇", "甲\u3000镇", "甲\u2060镇", "甲镇\u200d",
                                  " 甲镇", "甲\u00a0镇"])
def test_units_that_differ_only_by_invisible_or_wide_spaces(run, write_table, twin):
    result = run("check", write_table([CONSOLIDATION, ["甲镇", "100", "95"], [twin, "200", "194"]]), "--lang", "en")
    assert result.exit_code == 2
    assert "row 3: unit '甲镇' appears twice (also at" in result.stderr and "row 2)" in result.stderr


@pytest.mark.parametrize("name, cleaned", [("甲镇", "甲镇"), ("甲 镇", "甲镇"), ("Ａ镇", "A镇"), ("No. 2  School", "No. 2 School"),
                                           ("城关镇\u3000第一小学", "城关镇第一小学"), ("\u200b\u200c", "")])
def test_clean_name(name, cleaned):
    assert clean_name(name) == cleaned


@pytest.mark.parametrize("name, shown", [("[县, 标准]", None), ("{a: 1}", None), ("- 县标准", None),
                                         ("123", "123"), ("2025-01-01", "2025-01-01"), ("true", "true")])
def test_a_thresholds_name_that_is_not_text(run, write_table, tmp_path, name, shown):
    """A list or a mapping is refused; a number, a date or a yes/no is taken as written."""
    separator = "\n  " if name.startswith("-") else " "
    (tmp_path / "lines.yaml").write_text(f"version: 1\nname:{separator}{name}\nindicators:\n  consolidation_9y:\n"
                                         f"    target: '>= 96%'\n", encoding="utf-8")
    result = run("check", write_table(COUNTY), "-t", "lines.yaml", "--lang", "en")
    if shown is None:
        line = 3 if name.startswith("-") else 2  # where the list starts
        assert result.exit_code == 2
        assert result.stderr == f"Error: lines.yaml, line {line}: the value of 'name' must be text.\n"
    else:
        assert result.exit_code == 0 and result.stdout.startswith(f"Thresholds: {shown} (lines.yaml)"), result.stdout
