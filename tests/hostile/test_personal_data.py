"""Children's names, ID numbers and phone numbers never reach a screen, a log or a file others can read: not in
DuckDB's errors, not in "unknown columns", not with -v, not from any command on any malformed roster; DuckDB spills
to a private folder removed on every exit; a pupil's row is never taken for the header."""

import csv
import io
import os
import stat
import tempfile

import pytest

from kongchuo_cli.read.roster import sql
from tests.helpers.fake_roster import write_roster
from tests.helpers.rosters import NAMES, ROSTER, write

PHONE = "联系电话"


def generated(tmp_path, rows=120):
    """A generated roster of made-up children, with a guardian's phone number on every row; and its rows."""
    path = write_roster(tmp_path / "generated.csv", rows, seed=7)
    table = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    table[0].append(PHONE)
    for number, row in enumerate(table[1:]):
        row.append(f"139{number:08d}")
    return table


def secrets_of(table) -> set[str]:
    """Every name, ID, student number and phone number in the table, but those that also occur in a cell that is
    not personal (a made-up name can be a place's name too)."""
    personal = [table[0].index(column) for column in ("姓名", "身份证号", "全国学籍号", PHONE)]
    found = {row[index] for row in table[1:] for index in personal if index < len(row) and len(row[index]) >= 2}
    public = " ".join(cell for row in table for index, cell in enumerate(row) if index not in personal)
    return {secret for secret in found if secret not in public}


def malformed(table):
    """(name, rows, encoding): each a roster broken in one way (and a few well-formed ones that warn)."""
    header, rows = table[0], table[1:]
    id_column = header.index("身份证号")

    def changed(index, column, value):
        copy = [list(row) for row in rows]
        copy[index][column] = value
        return copy

    def digits_wrong(row):
        return [*row[:id_column], row[id_column][:-1] + ("0" if row[id_column][-1] != "0" else "1"),
                *row[id_column + 1:]]

    return [
        ("quote opened, never closed", [header, *rows[:40], '"' + ",".join(rows[40]), *rows[41:]], "utf-8"),
        ("stray quote inside a cell", [header, *rows[:30], 'x"y,' + ",".join(rows[30][1:]), *rows[31:]], "utf-8"),
        ("extra cells", [header, *rows[:20], [*rows[20], "多", "余"], *rows[21:]], "utf-8"),
        ("short row", [header, *rows[:20], rows[20][:5], *rows[21:]], "utf-8"),
        ("no header", rows, "utf-8"),
        ("header renamed", [[f"列{i}" for i in range(len(header))], *rows], "utf-8"),
        ("header only", [header], "utf-8"),
        ("bad grade", [header, *changed(10, header.index("年级"), "十年级")], "utf-8"),
        ("bad status", [header, *changed(11, header.index("学籍状态"), "失踪")], "utf-8"),
        ("id in scientific notation", [header, *changed(12, id_column, "4.31126E+17")], "utf-8"),
        ("id too short", [header, *changed(13, id_column, rows[13][id_column][:15])], "utf-8"),
        ("check digits wrong", [header, *[digits_wrong(row) for row in rows[:30]], *rows[30:]], "utf-8"),
        ("duplicate rows", [header, *rows, *rows[:25]], "utf-8"),
        ("a long cell", [header, *changed(14, header.index("班级"), "长" * 200_000)], "utf-8"),
        ("a line break in a cell", [header, *changed(15, header.index("学校"), "中心\n小学")], "utf-8"),
        ("gbk", [header, *rows], "gbk"),
        ("gbk with a stray quote", [header, *rows[:5], '"' + ",".join(rows[5]), *rows[6:]], "gbk"),
        ("utf-16 with extra cells", [header, *rows[:3], [*rows[3], "x", "y"], *rows[4:]], "utf-16"),
        ("a name damaged", [header, *changed(16, header.index("姓名"), "王?")], "utf-8"),
    ]


def as_bytes(rows, encoding):
    """Rows as CSV; a row given as text is written as it is (a quote no CSV writer would leave unpaired)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        buffer.write(row + "\r\n") if isinstance(row, str) else writer.writerow(row)
    return buffer.getvalue().encode(encoding)


COMMANDS = [  # -v wherever it exists: the most a command says
    ["check", "{file}", "-v", "-o", "out.csv"], ["check", "{file}", "--kind", "summary", "-v"], ["plan", "{file}", "-v"],
    ["returns", "{file}", "-v", "-f", "json"], ["explain", "--data", "{file}", "--unit", "合计"],
    ["thresholds", "check", "thresholds.yaml", "--data", "{file}"], ["monthly", "{file}", "copy.csv", "-v", "-f", "json"],
    ["briefing", "{file}", "--ledgers", "{file}", "copy.csv", "-v"],
]

def test_no_command_shows_a_child_on_any_malformed_roster(tmp_path, run):
    table = generated(tmp_path)
    secrets = secrets_of(table)
    assert len(secrets) > 300  # names, IDs, student numbers and phones of 120 children
    (tmp_path / "thresholds.yaml").write_text("version: 1\nextends: national-2025\n", encoding="utf-8")
    seen = []
    for name, rows, encoding in malformed(table):
        (tmp_path / "roster.csv").write_bytes(as_bytes(rows, encoding))
        (tmp_path / "copy.csv").write_bytes(as_bytes(rows, encoding))  # monthly: the same month twice
        for command in COMMANDS:
            result = run(*[part.format(file="roster.csv") for part in command])
            shown = result.stdout + result.stderr
            if (tmp_path / "out.csv").exists():
                shown += (tmp_path / "out.csv").read_text("utf-8-sig")
                (tmp_path / "out.csv").unlink()
            leaked = sorted(secret for secret in secrets if secret in shown)
            assert leaked == [], (name, command, leaked[:3], shown[:2000])
            assert "Traceback" not in shown and "内部错误" not in shown and "internal error" not in shown, \
                (name, command, shown[:2000])
            seen.append(result.exit_code)
    assert len(seen) == len(malformed(table)) * len(COMMANDS) and 2 in seen


def test_duckdb_errors_are_located_and_never_quote_the_row(tmp_path, run):
    table = generated(tmp_path)
    header, rows = table[0], table[1:]
    cases = {
        "quote never closed": ([header, *rows[:30], '"' + ",".join(rows[30]), *rows[31:]], 32),
        "extra cells": ([header, *rows[:20], [*rows[20], "多", "余"], *rows[21:]], 22),
    }
    for name, (rows_, row) in cases.items():
        (tmp_path / "roster.csv").write_bytes(as_bytes(rows_, "utf-8"))
        result = run("check", "roster.csv", "--lang", "en")
        assert result.exit_code == 2, name
        assert f"roster.csv, row {row}" in result.stderr, (name, result.stderr)
        assert "internal" not in result.stderr and len(result.stderr.splitlines()) <= 3, result.stderr


def test_a_header_not_found_never_shows_a_pupils_row(tmp_path, run):
    """The made-up roster without its header row: no column of a child (a phone number, a name) is listed as
    "unknown", no child's row is taken for the header, and the message says it looks like a roster."""
    without_header = [row for row in ROSTER if row and row[0] != "姓名"]
    path = write(tmp_path / "roster.csv", without_header)
    for kind in ([], ["--kind", "roster"], ["--kind", "summary"]):
        result = run("check", path, *kind, "--lang", "en")
        assert result.exit_code == 2
        assert ("no known column header" if kind == ["--kind", "summary"] else "no roster header found") \
            in result.stderr, (kind, result.stderr)
        assert "not recognised" not in result.stderr and not any(secret in result.stderr for secret in NAMES)


def test_row_numbers_in_roster_messages_are_the_spreadsheets(tmp_path, run):
    """Row 1 a title, row 2 the header, rows 3… the children: a wrong check digit on the 4th child is row 6,
    and stays row 6 with a blank line and a multi-line cell above it."""
    table = [list(row) for row in ROSTER]
    table[5][1] = table[5][1][:-1] + ("0" if table[5][1][-1] != "0" else "1")  # 李四's ID, row 6
    result = run("check", write(tmp_path / "a.csv", table), "--lang", "en")
    assert "a.csv: 1 rows: the ID number's check digit" in result.stderr and "(rows 6)" in result.stderr
    table[3][4] = "中心\n小学"  # 钱二's school on two lines: still one row of the sheet
    moved = [*table[:4], [], *table[4:]]  # a blank line before 孙三: 李四 now on row 7
    result = run("check", write(tmp_path / "b.csv", moved), "--lang", "en")
    assert "b.csv: 1 rows: the ID number's check digit" in result.stderr and "(rows 7)" in result.stderr


def test_the_spill_folder_is_private_and_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    with sql.connected() as connection:
        folder = connection.execute("select current_setting('temp_directory')").fetchone()[0]
        assert os.path.dirname(folder) == str(tmp_path) and os.path.basename(folder).startswith("kongchuo-spill-")
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        # make DuckDB spill: a sort larger than its memory
        connection.execute("set memory_limit='20MB'; set threads=1")
        connection.execute("create table t as select range as n, md5(range::varchar) as s from range(600000)")
        connection.execute("select * from t order by s").fetchall()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ZeroDivisionError):
        with sql.connected():
            1 / 0
    assert list(tmp_path.iterdir()) == []


def test_the_transcoded_copy_is_private_and_removed(tmp_path, monkeypatch):
    from kongchuo_cli.read.grid import ReadOptions
    from kongchuo_cli.read.roster.source import opened

    path = write(tmp_path / "roster.csv", ROSTER, encoding="gbk")
    copies = tmp_path / "tmp"
    copies.mkdir()
    monkeypatch.setenv("TMPDIR", str(copies))
    monkeypatch.setattr(tempfile, "tempdir", None)
    with opened(path, ReadOptions()) as source:
        assert os.path.dirname(source.csv_path) == str(copies)
        assert stat.S_IMODE(os.stat(source.csv_path).st_mode) == 0o600
    assert list(copies.iterdir()) == []
