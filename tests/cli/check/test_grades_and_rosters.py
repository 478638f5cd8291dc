"""`kongchuo check` on grade tables and rosters (cells worked by hand in tests/helpers/grade_tables.py, children
made up in tests/helpers/rosters.py).
"""

import json

import pytest

from tests.helpers.grade_tables import JIA, long_rows
from tests.helpers.rosters import A1, A2, A3, B1, B2, NAMES, ROSTER, made_up_id, write

# --- grade tables (the cells are worked by hand in tests/helpers/grade_tables.py) --------------------------------


def test_check_judges_the_cohort_exactly(write_table, run):
    path = write_table(long_rows())
    result = run("check", path, "--cohort", "2012", "--year", "2019", "-f", "json", "--lang", "en")
    assert result.exit_code == 0  # the gated total passes every line (below)
    assert run("check", path, "--cohort", "2012", "--year", "2019", "--gate", "units").exit_code == 1
    records = {(r["unit"], r["indicator"]): r for r in json.loads(result.stdout)["results"]}
    nine = records["甲镇", "consolidation_9y"]
    # 188 / (200 + 3 − 5 − 1 − 1) = 188/196 = 95.918 % < 96 %: ⌈0.96 × 196⌉ − 188 = ⌈188.16⌉ − 188 = 1
    assert (nine["numerator"], nine["denominator"], nine["status"], nine["returns_needed"]) == (188, 196, "fail", 1)
    assert (nine["cohort"], nine["year"], nine["rate"]) == (2012, 2020, 95.9184)
    yi = records["乙镇", "consolidation_9y"]
    assert (yi["numerator"], yi["denominator"], yi["status"]) == (96, 99, "pass")  # 96.97 %
    total = records["Total", "consolidation_9y"]
    # Σ/Σ = 284/295 = 96.27 %: the county passes though 甲镇 does not
    assert (total["numerator"], total["denominator"], total["status"]) == (284, 295, "pass")
    junior = records["甲镇", "dropout_junior"]
    # school year 2019: 4 dropouts of grade 8 (row 2020) over the junior stock of autumn 2019 (grade 8: 192)
    # = 2.08 % > 2 %: 4 − ⌊0.02 × 192⌋ = 4 − 3 = 1
    assert (junior["numerator"], junior["denominator"], junior["returns_needed"], junior["year"]) == (4, 192, 1, 2019)
    assert junior["cohort"] is None and junior["formula"] == "dictionary; suspended=retained"


def test_latest_complete_cohort_and_year_by_default(write_table, run):
    result = run("check", write_table(long_rows()), "-f", "json", "--lang", "en")
    records = json.loads(result.stdout)["results"]
    periods = {(r["unit"], r["indicator"]): (r["cohort"], r["year"]) for r in records}
    assert periods["甲镇", "consolidation_9y"] == (2012, 2020)  # the only complete one
    assert periods["甲镇", "dropout_junior"] == (None, 2020)  # the newest year with next year's flows
    junior = [r for r in records if r["unit"] == "甲镇" and r["indicator"] == "dropout_junior"][0]
    assert (junior["numerator"], junior["denominator"]) == (1, 188)  # row 2021: 1 dropout over grade 9 of 2020


def test_youzhi_profile_judges_the_junior_cohort(write_table, run):
    result = run("check", write_table(long_rows()), "-p", "youzhi-2017", "-f", "json", "--lang", "en")
    records = {(r["unit"], r["indicator"]): r for r in json.loads(result.stdout)["results"]}
    junior = records["甲镇", "consolidation_junior_3y"]
    # 186 / 194 = 95.876 % >= 95 %
    assert (junior["numerator"], junior["denominator"], junior["status"], junior["rate"]) == (186, 194, "pass", 95.8763)


@pytest.mark.parametrize(("settings", "expected"), [
    ("", (0, 197)),  # dictionary: 休学 retained
    ("suspended: loss", (2, 197)),
    ("suspended: base", (0, 195)),
    ("definition: liangji", (2, 197)),  # 两基 counts 休学 as a loss
    ("definition: liangji\n    suspended: retained", (0, 197)),
])
def test_dropout_settings(write_table, run, tmp_path, settings, expected):
    (tmp_path / "t.yaml").write_text(
        f"version: 1\nindicators:\n  dropout_primary:\n    target: \"<= 1%\"\n    {settings}\n", "utf-8")
    # school year 2017: 甲镇's primary stock is grade 6 (197); the row of 2018 has 2 on 休学 and no dropout
    result = run("check", write_table(long_rows()), "-t", "t.yaml", "--year", "2017", "-f", "json")
    (record,) = [r for r in json.loads(result.stdout)["results"]
                 if r["indicator"] == "dropout_primary" and r["unit"] == "甲镇"]
    assert (record["numerator"], record["denominator"]) == expected


def test_identity_gaps_are_warned(write_table, run):
    cells = {**JIA, (2015, 4): {"在校生数": 201}}
    # 2015 grade 4 should be 203 (2014 grade 3, no movements): its cells give 201 (tests/indicators/test_flows.py)
    result = run("check", write_table(long_rows((("甲镇", "6-3", cells),))), "--lang", "en", "-f", "csv")
    assert "'甲镇', 2015, grade 4: 201 enrolled, but last year's grade below and the year's movements give 203 (-2)." \
        in result.stderr


def test_history_shows_every_period_but_gates_the_latest(write_table, run):
    path = write_table(long_rows())
    plain = json.loads(run("check", path, "-f", "json", "--lang", "en").stdout)["results"]
    history = run("check", path, "--history", "--gate", "units", "-f", "json", "--lang", "en")
    every = json.loads(history.stdout)["results"]
    years = sorted({r["year"] for r in every if r["unit"] == "甲镇" and r["indicator"] == "dropout_junior"})
    assert years == [2018, 2019, 2020]  # junior stock in 2018 (grade 7), 2019 (8), 2020 (9)
    # the 2019 junior rate fails (4/192) but is history: the gate looks at 2020 only (1/188)
    assert history.exit_code == run("check", path, "--gate", "units").exit_code
    assert len(every) > len(plain)
    assert "dimmed rows are earlier cohorts" in run("check", path, "--history", "--lang", "en").stdout


def test_a_cohort_not_in_the_table_is_said(write_table, run):
    result = run("check", write_table(long_rows()), "--cohort", "2015", "--lang", "en")
    assert "nine-year consolidation rate: no complete data for the cohort of 2015; cohorts found: 2012. The latest " \
           "is judged." in result.stderr


def test_summary_and_grade_tables_are_told_apart(write_table, run):
    summary = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "96"]], name="s.csv")
    graded = write_table(long_rows(), name="g.csv")
    result = run("check", summary, graded, "--lang", "en")
    assert result.exit_code == 2
    assert "s.csv: this is a summary table; give tables of one kind per run" in result.stderr
    assert "read as a grade table (long: a row per unit, year and grade): 2 units, school years 2012–2021." in run(
        "check", graded, "--lang", "en").stderr
    assert run("check", summary, "--kind", "grades").exit_code == 2  # told to read it as what it is not
    assert run("check", summary, "--history").exit_code == 2


# --- rosters (the children are made up in tests/helpers/rosters.py) ----------------------------------------------


def test_check_on_a_roster(tmp_path, run):
    path = write(tmp_path / "r.csv", ROSTER)
    result = run("check", path, "--year", "2024", "-f", "json", "--lang", "en")
    records = {(r["unit"], r["indicator"]): r for r in json.loads(result.stdout)["results"]}
    total = records["Total", "dropout_primary"]
    # primary: 赵一, 钱二, 周五, 吴六 in the base (李四 transferred out); 钱二 dropped out: 1/4 = 25 % > 1 %
    assert (total["numerator"], total["denominator"], total["returns_needed"]) == (1, 4, 1)
    disabled = records["Total", "enrollment_disabled"]
    # three kinds: 孙三 (随班就读), 周五 (送教上门), 郑七 (未入学): 2 of 3 enrolled
    assert (disabled["numerator"], disabled["denominator"]) == (2, 3)
    assert records["Total", "poverty_dropouts"]["numerator"] == 2
    assert result.exit_code == 1
    assert "read as a roster: 7 rows, counted into 4 units." in result.stderr


def test_identity_problems_by_row_and_never_the_data(tmp_path, run):
    bad = [row[:] for row in ROSTER]
    bad[2][1] = A1[:17] + ("0" if A1[17] != "0" else "1")  # a wrong check digit, row 3
    bad[3][1] = A2[:6] + "20151331" + A2[14:]  # month 13, row 4
    bad[4][2] = "K" + A3  # not a 学籍号 form, row 5
    bad[8][1] = A3  # 孙三's ID again, in 乙镇: a transfer not closed (rows 5 and 9)
    bad[6][5] = "十年级"  # row 7
    bad[7][1] = made_up_id("430102", "20050101", "006")  # 19 in grade 2: too old (row 8)
    path = write(tmp_path / "bad.csv", bad)
    result = run("check", path, "--year", "2024", "--lang", "en", "-f", "csv")
    assert "1 rows: the ID number's check digit (last character) does not match: check it against the card (rows 3)." \
        in result.stderr
    assert "(rows 4)" in result.stderr and "(rows 5)" in result.stderr and "(rows 7)" in result.stderr
    assert "on 1 September the child is 4 or more years older than usual for the grade" in result.stderr
    assert "a transfer not closed; check it (counted as written) (rows 5, 9)." in result.stderr
    every_id = {A1, A2, A3, B1, B2, bad[2][1], bad[3][1], bad[7][1], "K" + A3}
    for secret in (*NAMES, *every_id, *(value[6:14] for value in every_id)):
        assert secret not in result.stderr and secret not in result.stdout
    verbose = run("check", path, "--year", "2024", "--lang", "en", "-v", "-f", "json")
    for secret in (*NAMES, *every_id):
        assert secret not in verbose.stderr


def test_a_dropout_ledger_gives_no_rates(tmp_path, run):
    from tests.helpers.rosters import LEDGER

    # every row of a ledger is a dropout: no dropout or enrolment rate; only the poverty families' children still
    # out: 钱二 (未劝返, 脱贫户) in 甲镇/中心小学 — 1 to bring back
    result = run("check", write(tmp_path / "ledger.csv", LEDGER), "-f", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert {r["indicator"] for r in document["results"]} == {"poverty_dropouts"}
    total = next(r for r in document["results"] if r["is_total"])
    assert (total["numerator"], total["returns_needed"], result.exit_code) == (1, 1, 1)
    assert "this is a dropout ledger (a row per dropout): it gives no dropout or enrolment rate" in result.stderr
    without = [row[:8] for row in LEDGER]  # no 脱贫户 column: nothing a ledger can be judged on
    result = run("check", write(tmp_path / "plain.csv", without), "--lang", "en")
    assert result.exit_code == 2 and "nothing in it can be judged" in result.stderr and "kongchuo returns" in \
        result.stderr


def test_roster_headers_as_xueji_exports_write_them(tmp_path, run):
    # 就读年级 and 学生当前状态 instead of 年级 and 学籍状态: the same counts as the roster written the usual way
    renamed = [ROSTER[0], [{"年级": "就读年级", "学籍状态": "学生当前状态"}.get(cell, cell) for cell in ROSTER[1]],
               *ROSTER[2:]]
    usual = json.loads(run("check", write(tmp_path / "a.csv", ROSTER), "--year", "2024", "-f", "json").stdout)
    found = json.loads(run("check", write(tmp_path / "b.csv", renamed), "--year", "2024", "-f", "json").stdout)
    assert found["results"] == usual["results"] and len(found["results"]) > 0


def test_an_id_excel_made_a_number_and_a_damaged_name(tmp_path, run):
    bad = [row[:] for row in ROSTER]
    bad[2][1], bad[2][2] = "4.30101E+17", ""  # row 3: Excel's number, and no 学籍号 to fall back on
    bad[4][0] = "孙?"  # row 5: a character lost to an encoding
    result = run("check", write(tmp_path / "bad.csv", bad), "--year", "2024", "--lang", "en", "-f", "csv")
    assert ("1 rows: the ID number was turned into a number by Excel (such as 4.31126E+17), losing its last digits: "
            "set the column to Text and export it again from the 学籍 system (rows 3).") in result.stderr
    assert "1 rows: the name holds a question mark or a replacement character" in result.stderr
    assert "(rows 5)" in result.stderr and "孙" not in result.stderr
