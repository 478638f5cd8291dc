"""Reading rosters (read/roster/): made-up children only (names and IDs invented; check digits computed in
tests/helpers/rosters.py, not by kongchuo). Every count is worked by hand from the rows written there."""

import csv
import io
import os
import tempfile
from collections import Counter

import duckdb
import pytest

from kongchuo_cli.problems import KongchuoError
from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.roster import counts as roster
from kongchuo_cli.read.roster import sql, transcode
from tests.helpers import fake_roster
from tests.helpers.rosters import A1, ROSTER, write


def test_counts_by_hand(tmp_path):
    table = roster.load(write(tmp_path / "r.csv", ROSTER), ReadOptions(), school_year=2024)
    counts = {unit.label: unit.counts for unit in table.units}
    assert set(counts) == {"甲镇/中心小学", "甲镇/初级中学", "乙镇/中心小学", "乙镇/初级中学"}
    # 甲镇/中心小学: 赵一 在读 + 钱二 辍学 (脱贫户): base 2, dropouts 1, one poverty-family child out of school
    disabled = [f"{scope}_{part}" for scope in ("disabled", "disabled_all")
                for part in ("children", "regular_class", "special_school", "home_delivery", "other", "deferred")]
    assert counts["甲镇/中心小学"] == {"primary_enrolled_start": 2, "primary_dropouts": 1, "junior_enrolled_start": 0,
                                      "junior_dropouts": 0, **dict.fromkeys(disabled, 0), "poverty_out_of_school": 1}
    # 乙镇/中心小学: 李四 转出 leaves the base; 周五 休学 stays in it; 吴六 在读. Disabled: 周五 (听力, 送教上门), one
    # of the three kinds; 吴六 (肢体, 随班就读) counts among every kind only
    jia = counts["乙镇/中心小学"]
    assert jia["primary_enrolled_start"] == 2
    assert (jia["disabled_children"], jia["disabled_home_delivery"], jia["disabled_regular_class"]) == (1, 1, 0)
    assert (jia["disabled_all_children"], jia["disabled_all_home_delivery"], jia["disabled_all_regular_class"]) == (
        2, 1, 1)
    # 乙镇/初级中学: 郑七 辍学, 视力, 未入学, 脱贫户
    assert counts["乙镇/初级中学"] == {**dict.fromkeys(counts["乙镇/初级中学"], 0), "junior_enrolled_start": 1,
                                      "junior_dropouts": 1, "disabled_children": 1, "disabled_all_children": 1,
                                      "poverty_out_of_school": 1}
    assert table.rows == 7  # the note under the table is not a pupil


def test_gbk_roster_reads_the_same(tmp_path):
    utf8 = roster.load(write(tmp_path / "u.csv", ROSTER), ReadOptions(), school_year=2024)
    gbk = roster.load(write(tmp_path / "g.csv", ROSTER, "gbk"), ReadOptions(), school_year=2024)
    assert [(unit.label, unit.counts) for unit in gbk.units] == [(unit.label, unit.counts) for unit in utf8.units]


def test_aggregation_of_a_large_generated_roster_matches_a_plain_count(tmp_path):
    path = tmp_path / "big.csv"
    fake_roster.write_roster(path, 300_000, seed=7, duplicate_ids=0.001, bad_check_digits=0.001)
    table = roster.load(str(path), ReadOptions(), school_year=2024)
    # the reference: Python's csv module, row by row
    expected: dict[str, Counter] = {}
    primary = {"一年级", "二年级", "三年级", "四年级", "五年级", "六年级"}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            unit = "/".join((row["区县"], row["乡镇"], row["学校"]))
            tally = expected.setdefault(unit, Counter())
            stage = "primary" if row["年级"] in primary else "junior"
            if row["学籍状态"] in ("在读", "辍学", "休学"):
                tally[f"{stage}_enrolled_start"] += 1
            if row["学籍状态"] == "辍学":
                tally[f"{stage}_dropouts"] += 1
                if row["脱贫户"] == "是":
                    tally["poverty_out_of_school"] += 1
            part = {"随班就读": "regular_class", "特教学校就读": "special_school", "送教上门": "home_delivery"}.get(
                row["就读方式"])
            scopes = (["disabled"] if any(kind in row["残疾类型"] for kind in ("视力", "听力", "言语", "智力")) else []) + (
                ["disabled_all"] if row["残疾类型"] else [])  # the three kinds; every kind
            for scope in scopes:
                tally[f"{scope}_children"] += 1
                if part:
                    tally[f"{scope}_{part}"] += 1
    found = {unit.label: Counter({key: value for key, value in unit.counts.items() if value})
             for unit in table.units}
    assert found == expected
    assert sum(sum(tally.values()) for tally in expected.values()) > 300_000


def test_without_id_checks_the_counts_are_the_same(tmp_path):
    bad = [row[:] for row in ROSTER]
    bad[2][1] = A1[:17] + ("0" if A1[17] != "0" else "1")
    path = write(tmp_path / "r.csv", bad)
    checked = roster.load(path, ReadOptions(), school_year=2024)
    plain = roster.load(path, ReadOptions(), school_year=2024, checks=False)
    assert [(u.label, u.counts) for u in plain.units] == [(u.label, u.counts) for u in checked.units]
    assert len(checked.notices) == 1 and plain.notices == []


def test_a_roster_workbook_reads_the_same(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in ROSTER:
        workbook.active.append(row)
    workbook.save(tmp_path / "r.xlsx")
    from_csv = roster.load(write(tmp_path / "r.csv", ROSTER), ReadOptions(), school_year=2024)
    from_xlsx = roster.load(str(tmp_path / "r.xlsx"), ReadOptions(), school_year=2024)
    assert [(u.label, u.counts) for u in from_xlsx.units] == [(u.label, u.counts) for u in from_csv.units]
    assert from_xlsx.rows == 7


# --- the rows of problems, numbered as the spreadsheet numbers them ---------------------------------------------

def _problem_rows(path: str) -> dict[str, list[int]]:
    counts = roster.aggregate(_source(path), school_year=2024)
    return counts.examples


def _source(path: str):
    from kongchuo_cli.read.roster.source import opened

    with opened(path, ReadOptions()) as source:
        return source


def _bad_roster() -> list[list[str]]:
    """ROSTER without its blank row and note; row 3: a wrong check digit; row 7: 十年级, no grade; row 9, 郑七: 孙三's
    ID again (a transfer not closed: rows 5 and 9)."""
    bad = [row[:] for row in ROSTER[:9]]
    bad[2][1] = A1[:17] + ("0" if A1[17] != "0" else "1")
    bad[6][5] = "十年级"
    bad[8][1] = bad[4][1]
    return bad


def test_problem_rows_of_a_roster_of_one_line_a_row(tmp_path):
    # title (row 1), header (row 2): DuckDB's rows 1, 5, 3 and 7 are the sheet's 3, 7, 5 and 9
    examples = _problem_rows(write(tmp_path / "r.csv", _bad_roster()))
    assert examples == {"id_check_digit": [3], "bad_grade": [7], "transfer_not_closed": [5, 9]}


def test_problem_rows_below_blank_lines_and_a_cell_of_two_lines(tmp_path):
    bad = _bad_roster()
    bad[3][0] = "钱\n二"  # row 4 takes two lines of the file, and is one row of the sheet
    rows = [*bad[:4], [], *bad[4:7], [], [], *bad[7:]]  # blank rows 5, and 9 and 10
    # the sheet's rows: 3 (check digit), 孙三 6, 十年级 8, 郑七 12 — DuckDB, leaving blank lines out, says 1, 3, 5, 7
    examples = _problem_rows(write(tmp_path / "r.csv", rows))
    assert examples == {"id_check_digit": [3], "bad_grade": [8], "transfer_not_closed": [6, 12]}


def test_problem_rows_of_a_file_without_a_last_line_break(tmp_path):
    path = tmp_path / "r.csv"
    write(path, _bad_roster())
    path.write_bytes(path.read_bytes().rstrip(b"\r\n"))  # 郑七's row ends the file without a line break
    assert _problem_rows(str(path))["transfer_not_closed"] == [5, 9]


# --- GBK rosters copied in two halves at once ---------------------------------------------------------------------

def _gbk_roster(tmp_path, rows: int, name: str = "rare"):
    """A GBK/GB18030 roster of `rows` made-up children; the last child's name holds 𠀀 (U+20000), which GB18030
    writes in four bytes and GBK cannot write at all."""
    path = tmp_path / f"{name}.csv"
    fake_roster.write_roster(path, rows, seed=3)
    text = path.read_text(encoding="utf-8")
    last = text.rstrip("\n").rfind("\n") + 1
    text = text[:last] + "\U00020000" + text[last + 1:]  # the last row's name: its first character replaced
    path.write_bytes(text.encode("gb18030"))
    return path, text


def test_the_fast_codec_reads_every_code_it_accepts_as_gb18030_does():
    # every two-byte code (lead 0x81–0xFE, trail 0x40–0xFE); one byte from 0x80 up is no character in either
    agreed = 0
    for lead in range(0x80, 0x100):
        for trail in [None, *range(0x30, 0x100)]:
            code = bytes([lead] if trail is None else [lead, trail])
            try:
                fast = code.decode(transcode.FAST)
            except UnicodeDecodeError:
                continue
            assert fast == code.decode("gb18030"), code
            agreed += 1
    assert agreed > 21_000  # GBK has 21,886 characters: the loop compared nearly all of them


def test_gbk_roster_copied_in_two_halves_is_the_utf8_text(tmp_path, monkeypatch):
    from kongchuo_cli.read.roster import source as roster_source

    path, text = _gbk_roster(tmp_path, 2_000)
    monkeypatch.setattr(roster_source, "PARALLEL_BYTES", 0)  # two halves even for a small file
    with roster_source.opened(str(path), ReadOptions()) as source:
        assert source.csv_path != str(path)
        copied = open(source.csv_path, "rb").read()
    assert copied == text.encode("utf-8")  # byte for byte, the four-byte character in the second half too
    assert not os.path.exists(source.csv_path)


def test_a_roster_is_split_after_a_line_break_or_not_at_all():
    data = b"a,b\n1,2\n33,44"  # 13 bytes, line breaks at bytes 3 and 7
    assert [transcode.split(io.BytesIO(data), at) for at in (0, 3, 4, 8, 13)] == [4, 4, 8, 13, 13]  # 13: the end


def test_a_byte_of_no_character_in_the_second_half_is_named_with_its_line(tmp_path, monkeypatch):
    from kongchuo_cli.read.roster import source as roster_source

    path, text = _gbk_roster(tmp_path, 5_000)  # 600 KB: beyond the first 256 KB, which are read to find the header
    data = path.read_bytes()
    line_4990 = sum(len(line) for line in data.splitlines(keepends=True)[:4989])  # where line 4990 starts
    path.write_bytes(data[:line_4990] + b"\xff" + data[line_4990 + 1:])  # 0xFF begins no GB18030 character
    monkeypatch.setattr(roster_source, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    with pytest.raises(KongchuoError) as raised:
        with roster_source.opened(str(path), ReadOptions()):
            pass
    message = raised.value.problems[0]
    assert (message.code, message.where.row) == ("encoding_wrong", 4990)
    assert list((tmp_path / "tmp").iterdir()) == []  # neither half's copy is left behind


def test_a_utf16_roster_with_a_broken_character_is_named_with_its_line_and_byte(tmp_path):
    from kongchuo_cli.read.roster import source as roster_source

    path = tmp_path / "u16.csv"
    fake_roster.write_roster(path, 5_000, seed=3)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    before = "".join(lines[:4989]).encode("utf-16-le")  # lines 1–4989, beyond the 256 KB read to find the header
    after = "".join(lines[4989:]).encode("utf-16-le")
    # a BOM, then a lone low surrogate (DC00) where line 4990 starts: no UTF-16 character begins with it
    path.write_bytes(b"\xff\xfe" + before + b"\x00\xdc" + after)
    with pytest.raises(KongchuoError) as raised:
        with roster_source.opened(str(path), ReadOptions(encoding="utf-16")):
            pass
    message = raised.value.problems[0]
    assert (message.code, message.where.row, message.params["position"]) == ("encoding_wrong", 4990,
                                                                             2 + len(before))


def test_running_out_of_memory_is_said_as_such(tmp_path, monkeypatch):
    # DuckDB held to 1 MB runs out of memory on the first buffer: the user hears what happened and what to do, not
    # that a row cannot be read; no name or ID of the roster is in it
    monkeypatch.setattr(sql, "MEMORY_LIMIT", "1MB")
    with pytest.raises(KongchuoError) as raised:
        roster.load(write(tmp_path / "r.csv", ROSTER), ReadOptions(), school_year=2024)
    (said,) = [problem.render("en") for problem in raised.value.problems]
    assert "out of memory: DuckDB could not count this roster within 1MB" in said and "split the roster" in said
    assert A1 not in said and "赵一" not in said


def test_a_row_with_two_problems_is_named_under_both(tmp_path):
    # row 3: 十年级 and 不明; the only 学籍状态 problem, so named under 学籍状态 as well as under the grade (named
    # under its first problem only, the 学籍状态 warning said "1 row" and named none)
    rows = [["姓名", "身份证号", "乡镇", "学校", "年级", "学籍状态"], ["张一", "", "甲镇", "中心小学", "三年级", "在读"],
            ["李二", "", "甲镇", "中心小学", "十年级", "不明"], ["王三", "", "乙镇", "中心小学", "四年级", "在读"]]
    path = write(tmp_path / "r.csv", rows)
    with roster.opened(path, ReadOptions()) as source:
        counts = roster.aggregate(source, school_year=2024)
    assert counts.problems == {"bad_grade": 1, "bad_status": 1}
    assert counts.examples == {"bad_grade": [3], "bad_status": [3]}


@pytest.mark.parametrize("error", [
    "Out of Memory Error: failed to offload data block of size 256.0 KiB (1.2 GiB/1.2 GiB used). This limit was set "
    "by the 'max_temp_directory_size' setting.",  # DuckDB's cap on its spills: 90 % of the free space
    "IO Error: Could not write file \"/tmp/x/duckdb_temp_storage-0.tmp\": No space left on device"])
def test_a_full_disk_under_the_spills_is_said_as_such(tmp_path, error):
    kind = duckdb.OutOfMemoryException if error.startswith("Out of Memory") else duckdb.IOException

    class Full:  # a connection whose spills found no room, as DuckDB says it
        def execute(self, _):
            raise kind(error)

    with roster.opened(write(tmp_path / "r.csv", ROSTER), ReadOptions()) as source:
        with pytest.raises(KongchuoError) as raised:
            sql.query(Full(), source, lambda: "SELECT 1")
    (said,) = [problem.render("en") for problem in raised.value.problems]
    assert "the disk of the temporary folder" in said and "TMPDIR" in said
