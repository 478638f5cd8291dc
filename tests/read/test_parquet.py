"""Parquet rosters (read/roster/parquet.py): read by the same DuckDB SQL as a CSV roster, every column as text;
records named as the rows they would be with the column names on row 1. Made-up children only."""

from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.roster import counts as roster
from kongchuo_cli.read.roster.ledger import read_returns
from tests.helpers.rosters import LEDGER, ROSTER, write, write_parquet

CHILDREN = ROSTER[1:9]  # the header and the seven children, without the title and the notes under the table


def units(table):
    return {unit.label: unit.counts for unit in table.units}


def test_a_parquet_roster_counts_as_its_csv(tmp_path):
    parquet = roster.load(write_parquet(tmp_path / "r.parquet", CHILDREN), ReadOptions(), school_year=2024)
    csv = roster.load(write(tmp_path / "r.csv", CHILDREN), ReadOptions(), school_year=2024)
    assert units(parquet) == units(csv)
    # 甲镇/中心小学: 赵一 在读 + 钱二 辍学 (脱贫户): base 2, dropouts 1, one poverty-family child out of school
    jia = units(parquet)["甲镇/中心小学"]
    assert (jia["primary_enrolled_start"], jia["primary_dropouts"], jia["poverty_out_of_school"]) == (1 + 1, 1, 1)
    assert parquet.rows == 7 and parquet.reading.parquet and parquet.reading.header_rows == (1,)


def test_rows_are_named_as_with_the_column_names_on_row_1(tmp_path):
    wrong = [row[:] for row in CHILDREN]
    wrong[4][1] = wrong[4][1][:17] + ("0" if wrong[4][1][17] != "0" else "1")  # 李四, the 4th child: row 5
    table = roster.load(write_parquet(tmp_path / "r.parquet", wrong), ReadOptions(), school_year=2024)
    [notice] = [notice for notice in table.notices if "check digit" in notice.render("en")]
    assert notice.render("en").endswith("(rows 5).")


def test_typed_columns_are_read_as_their_text(tmp_path):
    # 年级 stored as numbers (3 = 三年级, 7 = 初一, …) and 身份证号 as text: the same counts as the words
    grades = {"三年级": "3", "四年级": "4", "初一": "7", "六年级": "6", "一年级": "1", "二年级": "2", "九年级": "9"}
    numbered = [CHILDREN[0], *([*row[:5], grades[row[5]], *row[6:]] for row in CHILDREN[1:])]
    typed = write_parquet(tmp_path / "typed.parquet", numbered, {"年级": "INTEGER"})
    words = write_parquet(tmp_path / "words.parquet", CHILDREN)
    assert units(roster.load(typed, ReadOptions(), school_year=2024)) == \
        units(roster.load(words, ReadOptions(), school_year=2024))


def test_the_return_list_of_a_parquet_ledger_is_its_csv_s(tmp_path):
    # the ledger's header is on row 1 in the CSV too: the same rows, 钱二 2, 孙三 3, 李四 4, 郑七 7
    parquet = read_returns(write_parquet(tmp_path / "l.parquet", LEDGER), ReadOptions())
    csv = read_returns(write(tmp_path / "l.csv", LEDGER), ReadOptions())
    assert [child["row"] for child in parquet.children] == [2, 3, 4, 7]
    assert parquet.children == csv.children and parquet.counts == csv.counts and parquet.by_township == csv.by_township
