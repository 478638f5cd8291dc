"""Several inputs read together (read/inputs.py): each file's problems reported in one run, a unit in two files,
each file announced as its reading begins."""

import csv

import pytest

from kongchuo_cli.model import GRADES, ROSTER
from kongchuo_cli.read import grid, inputs
from kongchuo_cli.read.inputs import read_inputs, read_summaries
from tests.helpers import corpus, fake_roster, problems_of

HEADER = ["乡镇", "一年级入学人数", "毕业班在校生数", "转入人数", "小学辍学人数", "小学学年初在校生数"]


def test_missing_file_and_a_damaged_workbook(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")  # the old binary format's magic bytes, and nothing more
    assert problems_of(lambda: read_summaries([str(tmp_path / "no.csv"), str(tmp_path / "a.xls")])) == [
        f"{tmp_path / 'no.csv'}: file not found; check the path.",
        f"{tmp_path / 'a.xls'}: cannot be read as a workbook (CalamineError): it may be password-protected or "
        "damaged; open it in Excel/WPS and save it as .xlsx without a password."]


def test_unit_in_two_files(write_table):
    first = write_table([HEADER, ["甲镇", "1", "1", "", "0", "1"]], name="a.csv")
    second = write_table([HEADER, ["乙镇", "1", "1", "", "0", "1"], ["甲镇", "1", "1", "", "0", "1"]], name="b.csv")
    assert problems_of(lambda: read_summaries([first, second])) == [
        f"{second}, row 3: unit '甲镇' appears twice (also at {first}, row 2); merge or rename one."]


def test_read_inputs_reports_each_file_as_it_begins(tmp_path):
    files = [str(path) for path in corpus.county_files(tmp_path)]
    heard = []
    read_inputs(files, on_file=heard.append)
    assert heard == files


# ---- tables read whole into Python: bounded (a roster goes to DuckDB) ---------------------------------------------

LOG_LINE = "2026-09-01 08:00:00,GET,/index.html,200,512\n"  # 43 bytes: a large CSV that is no table of ours


def test_a_large_text_file_without_a_header_is_refused_from_its_first_rows(tmp_path, monkeypatch):
    path = tmp_path / "access.csv"
    path.write_text(LOG_LINE * 20_000, encoding="utf-8")  # 860 KB: more than the 256 KB peeked
    monkeypatch.setattr(inputs, "read_grid", lambda *args: pytest.fail("read whole"))
    assert problems_of(lambda: read_inputs([str(path)])) == [
        f"{path}: no known column header in the first 20 rows (e.g. 一年级入学人数, 小学辍学人数, or "
        "grade1_entrants)."]
    assert problems_of(lambda: read_inputs([str(path)], kind=GRADES))[0].startswith(f"{path}: no grade-table header")


def test_a_large_table_whose_header_is_in_its_first_rows_is_read_whole(tmp_path):
    path = tmp_path / "schools.csv"
    rows = ["2026 年各校汇总", ",".join(HEADER)] + [f"{number}镇,1,1,,0,2" for number in range(1, 30_001)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")  # 30,000 towns, about 500 KB
    table = read_inputs([str(path)]).tables[0]
    assert (len(table.units), table.units[-1].label, table.units[-1].counts["primary_enrolled_start"]) == (
        30_000, "30000镇", 2)


def test_a_text_table_stops_at_30_million_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(grid, "MAX_CELLS", 100)  # as imported there
    header = ["乡镇", "小学学年初在校生数", "小学辍学人数"]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(",".join(row) for row in [header, *([f"{n}镇", "100", "1"] for n in range(40))]),
                    encoding="utf-8")
    # three cells a row: 33 rows hold 99, the 34th makes 102
    assert problems_of(lambda: read_inputs([str(path)])) == [
        f"{path}: more than 100 cells by row 34, far beyond any summary or grade table (a row per unit): reading "
        "stopped. A roster (a row per child) is read as one when its header has one of 姓名, 身份证号 or 学籍号 and "
        "one of 年级, 学籍状态 or 劝返状态."]


def test_a_text_file_beyond_the_limit_is_not_read_but_a_workbook_has_its_own(tmp_path, monkeypatch):
    monkeypatch.setattr(grid, "MAX_TABLE_BYTES", 1_000_000)
    path = tmp_path / "big.csv"
    path.write_text(",".join(HEADER) + "\n" + "甲镇,1,1,,0,1\n" * 200_000, encoding="utf-8")  # 3.2 MB
    with monkeypatch.context() as patch:
        patch.setattr(grid, "read_head", lambda name, size=-1: (
            pytest.fail("read whole") if size == -1 else open(name, "rb").read(size)))
        refused = problems_of(lambda: read_summaries([str(path)]))
    assert refused == [
        f"{path}: the file is 3 MB, far beyond any summary or grade table (a row per unit: a row for every school "
        "in the country is about 20 MB): not read. A roster (a row per child) is read as one when its header has "
        "one of 姓名, 身份证号 or 学籍号 and one of 年级, 学籍状态 or 劝返状态."]
    monkeypatch.setattr(grid, "MAX_TABLE_BYTES", 100)
    book = str(corpus.county_files(tmp_path)[2])  # a workbook of some KB
    assert [unit.label for unit in read_inputs([book]).tables[0].units] == ["丙乡"]


def test_a_missing_workbook_is_named_as_missing(tmp_path):
    path = tmp_path / "甲镇.xlsx"
    assert problems_of(lambda: read_inputs([str(path)])) == [f"{path}: file not found; check the path."]


def test_a_roster_piped_in_is_read_whole_and_bounded_with_its_own_advice(run, tmp_path, monkeypatch):
    monkeypatch.setattr(grid, "MAX_CELLS", 100)
    roster = fake_roster.write_roster(tmp_path / "roster.csv", 20, seed=5)  # 15 columns a row
    result = run("check", "-", "--year", "2024", "--lang", "en", input=roster.read_bytes())
    # the header and six pupils hold 105 cells: the seventh row is the first beyond 100
    assert (result.exit_code, result.stderr) == (
        2, "Error: -: more than 100 cells by row 7 from a pipe or standard input: reading stopped; save it as a file "
           "and give its path (a roster read from a file has no such limit).\n")
    assert run("check", str(roster), "--year", "2024", "-f", "json").exit_code in (0, 1)  # from a file: unbounded


def test_a_roster_named_tsv_but_written_with_commas_is_read_by_its_commas(tmp_path):
    roster = fake_roster.write_roster(tmp_path / "roster.tsv", 30, seed=5)
    pupils = list(csv.DictReader(roster.read_text(encoding="utf-8").splitlines()))
    at_start = sum(pupil["学籍状态"] in ("在读", "辍学", "休学") for pupil in pupils)  # 转出 and 死亡 leave the base
    read = read_inputs([str(roster)], school_year=2024)
    assert (read.kind, sum(unit.counts["primary_enrolled_start"] + unit.counts["junior_enrolled_start"]
                           for unit in read.tables[0].units)) == (ROSTER, at_start)


def test_sheets_of_a_large_text_file_say_it_is_no_workbook(run, tmp_path, monkeypatch):
    monkeypatch.setattr(grid, "MAX_TABLE_BYTES", 10)
    ledger = fake_roster.write_roster(tmp_path / "台账.csv", 20, seed=5)
    result = run("monthly", str(ledger), "--sheets", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {ledger}: --sheets needs a workbook (a sheet per month); this is not one.\n")
