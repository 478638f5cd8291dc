"""The synthetic roster and ledger generator that tests and benchmarks/roster.py rely on: same seed, same bytes;
valid IDs (checked here with an independent implementation of GB 11643); the headers and encodings Excel writes."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import pytest

from tests.helpers import fake_roster

ROSTER_HEADER = ["姓名", "性别", "身份证号", "全国学籍号", "区县", "乡镇", "学校", "年级", "班级", "学籍状态", "残疾类型",
                 "就读方式", "脱贫户", "留守儿童", "随迁子女"]
LEDGER_HEADER = ["姓名", "身份证号", "乡镇", "学校", "年级", "辍学原因", "劝返状态", "包保责任人", "脱贫户", "残疾类型",
                 "孤儿", "事实无人抚养", "留守儿童", "随迁子女"]
GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"]


def id_check(first17: str) -> str:
    """ISO 7064 MOD 11-2, written out: weights 2^(17−i) mod 11, then 1 0 X 9 8 7 6 5 4 3 2."""
    total = sum(int(digit) * pow(2, 17 - i, 11) for i, digit in enumerate(first17))
    return "10X98765432"[total % 11]


def rows_of(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as file:
        return list(csv.reader(file))


@pytest.fixture
def roster(tmp_path):
    return rows_of(fake_roster.write_roster(tmp_path / "roster.csv", 3000, seed=7))


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    first, again, other = (fake_roster.write_roster(tmp_path / f"{name}.csv", 600, seed=seed).read_bytes()
                           for name, seed in (("a", 3), ("b", 3), ("c", 4)))
    assert first == again != other
    ledger, ledger_again = (fake_roster.write_ledger(tmp_path / f"l{n}.csv", 80, seed=3).read_bytes() for n in (1, 2))
    assert ledger == ledger_again


def test_roster_header_and_shape(roster):
    assert roster[0] == ROSTER_HEADER
    assert len(roster) == 3001 and all(len(row) == len(ROSTER_HEADER) for row in roster)


def test_every_id_is_valid_distinct_and_fits_sex_and_grade(roster):
    header, body = roster[0], roster[1:]
    column = {name: header.index(name) for name in header}
    ids = [row[column["身份证号"]] for row in body]
    assert len(set(ids)) == len(ids)
    for row, number in zip(body, ids):
        assert len(number) == 18 and number[:17].isdigit() and number[17] == id_check(number[:17]), number
        assert row[column["性别"]] == ("男" if int(number[16]) % 2 else "女")
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        grade = GRADES.index(row[column["年级"]]) + 1
        # school year 2024: grade g born from Sep 1 (2024 − 6 − g), a year or two earlier for a few
        assert date(2024 - 8 - grade, 9, 1) <= born < date(2024 - 5 - grade, 9, 1), (number, grade)
        student = row[column["全国学籍号"]]
        assert student == "G" + number or (student[0] in "JL" and student[1:18] == number[:17]
                                           and student[18].isdigit())


def test_counts_look_like_a_county(roster):
    body = roster[1:]
    status = Counter(row[9] for row in body)
    assert status["在读"] > 0.97 * len(body) and set(status) <= {"在读", "辍学", "休学", "转出", "死亡"}
    assert {row[8][-1] for row in body} == {"班"}
    assert all((row[10] == "") == (row[11] == "") for row in body)  # 就读方式 only for a disability
    assert {row[12] for row in body} == {"是", "否", ""}


def test_duplicates_and_bad_check_digits_when_asked(tmp_path):
    body = rows_of(fake_roster.write_roster(tmp_path / "r.csv", 4000, duplicate_ids=0.01, bad_check_digits=0.01))[1:]
    ids = [row[2] for row in body]
    repeated = sum(count - 1 for count in Counter(ids).values())
    wrong = sum(number[17] != id_check(number[:17]) for number in ids)
    assert 10 < repeated < 80 and 10 < wrong < 80


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_encodings(tmp_path, encoding):
    data = fake_roster.write_roster(tmp_path / "r.csv", 300, encoding=encoding).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert data.count(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")  # one BOM, not one per block
    text = data.decode(encoding)
    assert text == fake_roster.write_roster(tmp_path / "u.csv", 300).read_bytes().decode("utf-8")  # same rows
    assert next(csv.reader(io.StringIO(text))) == ROSTER_HEADER


def test_junior_grades_as_chu(tmp_path):
    body = rows_of(fake_roster.write_roster(tmp_path / "r.csv", 500, junior_grades=fake_roster.JUNIOR_CHU))[1:]
    assert {row[7] for row in body} == set(GRADES[:6]) | {"初一", "初二", "初三"}


def test_ledger(tmp_path):
    rows = rows_of(fake_roster.write_ledger(tmp_path / "l.csv", 200, seed=2, encoding="gbk"), "gbk")
    assert rows[0] == LEDGER_HEADER and len(rows) == 201
    assert all(row[1][17] == id_check(row[1][:17]) for row in rows[1:])
    assert {row[6] for row in rows[1:]} <= {"未劝返", "劝返中", "已复学", "转学核实", "因身体原因不具备学习条件", "送教上门"}
    health = [row for row in rows[1:] if row[6] in ("因身体原因不具备学习条件", "送教上门")]
    assert health and all(row[5] == "身体原因" for row in health)


def test_ledger_months(tmp_path):
    paths = fake_roster.write_ledger_months(tmp_path, 500, months=3, seed=4)
    months = [rows_of(path) for path in paths]
    assert [path.name for path in paths] == ["台账-1.csv", "台账-2.csv", "台账-3.csv"]
    header = list(fake_roster.MONTHLY_HEADER)
    column = {name: position for position, name in enumerate(header)}
    assert all(rows[0] == header for rows in months)
    for rows, day in zip(months, ("2024-09-30", "2024-10-31", "2024-11-30")):
        body = rows[1:]
        assert {row[column["统计时点"]] for row in body} == {day}
        assert sum(not row[column["销号原因"]] for row in body) == 500  # as many open cases every month
        assert len({row[column["身份证号"]] for row in body}) == len(body)  # each child once
        assert all(row[1][17] == id_check(row[1][:17]) for row in body)
    first, second = ({row[1]: row for row in rows[1:]} for rows in months[:2])
    opened = [number for number, row in first.items() if not row[column["销号原因"]]]
    gone = [number for number in opened if number not in second]
    returned = [number for number in opened if second.get(number, [""] * 22)[column["销号原因"]] == "已复学"]
    assert gone and returned  # some vanished, some came back
    closed = [number for number, row in first.items() if row[column["销号原因"]]]
    assert closed and all(second[number][column["销号原因"]] == first[number][column["销号原因"]] for number in closed)
