"""A hostile .parquet (no Parquet at all, cut short, damaged inside) is a located error with exit 2: never a
traceback, never DuckDB's words, never a child's name."""

from pathlib import Path

import pytest

from tests.helpers.rosters import LEDGER, NAMES, ROSTER, write, write_parquet

NOT_PARQUET = ("the name says .parquet, but the content is no Parquet file: check that this is the right file, or "
               "export it again.")
DAMAGED = ("this Parquet file is incomplete or damaged (perhaps cut short while copied or downloaded): export or "
           "copy it again.")
COMMANDS = [["check", "--year", "2024"], ["returns"]]


def cut(path: str, keep) -> None:
    data = Path(path).read_bytes()
    Path(path).write_bytes(keep(data))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_csv_named_parquet(tmp_path, run, command):
    write(tmp_path / "roster.parquet", ROSTER)
    result = run(command[0], "roster.parquet", *command[1:], "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: roster.parquet: {NOT_PARQUET}\n")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("keep", [lambda data: data[:len(data) // 2],  # a copy cut short: no footer
                                  lambda data: data[:4],  # the magic bytes alone
                                  lambda data: data[:4] + data[-4:]])  # the magic bytes at both ends, nothing else
def test_a_parquet_cut_short(tmp_path, run, command, keep):
    cut(write_parquet(tmp_path / "ledger.parquet", LEDGER), keep)
    result = run(command[0], "ledger.parquet", *command[1:], "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: ledger.parquet: {DAMAGED}\n")


def test_an_empty_parquet(tmp_path, run):
    (tmp_path / "roster.parquet").write_bytes(b"")
    result = run("returns", "roster.parquet", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: roster.parquet: {NOT_PARQUET}\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_parquet_damaged_inside(tmp_path, run, command):
    # 20,000 more children back at school make the data pages most of the file; its first quarter overwritten,
    # the footer intact: the columns are found, and DuckDB fails while scanning
    back = [[f"学生{number}", "", "乙镇", "初级中学", "八年级", "其他", "已复学", "陈干部"] for number in range(20000)]
    path = write_parquet(tmp_path / "ledger.parquet", [*LEDGER, *back])
    cut(path, lambda data: data[:4] + b"\xff" * (len(data) // 4) + data[len(data) // 4 + 4:])
    result = run(command[0], "ledger.parquet", *command[1:], "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: ledger.parquet: {DAMAGED}\n")
    assert not any(name in result.output for name in NAMES)


def test_a_parquet_that_is_no_roster(tmp_path, run):
    write_parquet(tmp_path / "towns.parquet", [["乡镇", "在校生数"], ["甲镇", "12"]])
    result = run("check", "towns.parquet", "--lang", "en")
    assert result.exit_code == 2 and result.stderr.startswith("Error: towns.parquet: no roster header found")
