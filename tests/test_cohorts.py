"""Grade tables followed cohort by cohort: every figure below is worked by hand from the cells written here.

Conventions (grades.py): the row of year Y holds the autumn-Y stock and the flows of the school year Y−1 by the
grade the pupils were in; the cohort of 2012 is in grade g in autumn 2011+g and moves in the rows (2012+g, g).
"""

import json
from fractions import Fraction

import pytest
from helpers.uis import simulate_survival

from kongchuo_cli.indicators import cohorts, flows
from kongchuo_cli.read import grades
from kongchuo_cli.read.grid import Grid

HEADER = ["乡镇", "学制", "学年", "年级", "在校生数", "招生数", "毕业生数", "转入", "转出", "死亡", "休学", "复学", "辍学",
          "留级"]
MEASURES = HEADER[4:]

# 甲镇 (6-3), the cohort of 2012. Stocks on its diagonal, flows on the next one.
JIA = {
    (2012, 1): {"在校生数": 200, "招生数": 198, "留级": 2},  # 200 = 198 new + 2 repeating grade 1
    (2013, 2): {"在校生数": 200},
    (2014, 2): {"转入": 3},
    (2014, 3): {"在校生数": 203},
    (2015, 4): {"在校生数": 203},
    (2016, 4): {"转出": 5},
    (2016, 5): {"在校生数": 198},
    (2017, 5): {"死亡": 1},
    (2017, 6): {"在校生数": 197},
    (2018, 6): {"休学": 2, "毕业生数": 195},  # 197 − 2 on leave = 195 graduates
    (2018, 7): {"在校生数": 195},
    (2019, 7): {"复学": 1, "辍学": 4},
    (2019, 8): {"在校生数": 192},  # 195 + 1 − 4
    (2020, 8): {"辍学": 4},
    (2020, 9): {"在校生数": 188},  # 192 − 4
    (2021, 9): {"转出": 1, "辍学": 1, "毕业生数": 186},  # 188 − 1 − 1
}
# 乙镇 (5-4: 小学五年, 初一 = 六年级), the cohort of 2012, no 招生数 given.
YI = {
    (2012, 1): {"在校生数": 100},
    (2013, 2): {"在校生数": 100},
    (2014, 3): {"在校生数": 100},
    (2015, 3): {"辍学": 1},
    (2015, 4): {"在校生数": 99},
    (2016, 5): {"在校生数": 99},
    (2017, 5): {"转出": 1, "毕业生数": 98},
    (2017, 6): {"在校生数": 97},
    (2018, 7): {"在校生数": 97},
    (2019, 7): {"辍学": 1},
    (2019, 8): {"在校生数": 96},
    (2020, 9): {"在校生数": 96},
    (2021, 9): {"转入": 1, "辍学": 1, "毕业生数": 96},
}


def long_rows(units=(("甲镇", "6-3", JIA), ("乙镇", "5-4", YI))):
    rows = [HEADER]
    for name, system, cells in units:
        for (year, grade), counts in sorted(cells.items()):
            rows.append([name, system, str(year), f"{'一二三四五六七八九'[grade - 1]}年级",
                         *(str(counts[m]) if m in counts else "" for m in MEASURES)])
    return rows


def grade_table(rows, system="6-3"):
    return grades.table_from_grid(Grid("g.csv", rows), None, system)


def derived(function, table, unit, cohort):
    return function(table, unit, cohort).counts


def test_nine_year_cohort_6_3_by_hand():
    table = grade_table(long_rows())
    # E 200; movements: 转入 3, 转出 5, 死亡 1, 休学 2 less 复学 1 = 1 still on leave; grade 9 of 2020: 188
    assert derived(cohorts.consolidation_9y, table, 0, 2012) == {
        "grade1_entrants": 200, "final_grade_enrolled": 188, "transfers_in": 3, "transfers_out": 5, "deaths": 1,
        "suspended": 1}
    assert cohorts.consolidation_9y(table, 0, 2012).period == cohorts.Period(2012, 2020)
    assert cohorts.consolidation_9y(table, 0, 2013) is None  # no grade 1 of 2013


def test_primary_and_junior_cohorts_6_3_by_hand():
    table = grade_table(long_rows())
    # 小学: 195 graduates (2018) over 198 招生 + 3 in − 5 out = 196
    assert derived(cohorts.consolidation_primary, table, 0, 2012) == {
        "primary_graduates": 195, "primary_entrants": 198, "primary_transfers_in": 3, "primary_transfers_out": 5}
    # 初中: 186 graduates (2021) over 初一 of 2018 (195) + 0 in − 1 out − 0 deaths; 复学/辍学 are not adjustments
    assert derived(cohorts.consolidation_junior, table, 0, 2012) == {
        "junior_graduates": 186, "junior_entrants": 195, "junior_transfers_in": 0, "junior_transfers_out": 1,
        "junior_deaths": 0}


def test_cohorts_5_4_by_hand():
    table = grade_table(long_rows())
    # 小学五年: 98 graduates (2017) over grade 1's stock 100 (no 招生数) + 0 − 1 out
    primary = cohorts.consolidation_primary(table, 1, 2012)
    assert primary.counts == {"primary_graduates": 98, "primary_entrants": 100, "primary_transfers_in": 0,
                              "primary_transfers_out": 1}
    assert [note.code for note in primary.notes] == ["note_entrants_stock"]
    # 初中四年 (初一 = 六年级 of 2017: 97): 96 graduates over 97 + 1 in
    assert derived(cohorts.consolidation_junior, table, 1, 2012) == {
        "junior_graduates": 96, "junior_entrants": 97, "junior_transfers_in": 1, "junior_transfers_out": 0,
        "junior_deaths": 0}
    # nine years: 96 over 100 − 1 out (the 转出 of grade 5 counts; the dropouts do not adjust)
    assert derived(cohorts.consolidation_9y, table, 1, 2012)["transfers_out"] == 1


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


def test_liangji_nets_transfers(tmp_path):
    rows = [HEADER, ["丙镇", "", "2019", "1", "50", "", "", "", "", "", "", "", "", ""],
            ["丙镇", "", "2020", "1", "", "", "", "3", "1", "", "", "", "1", ""],
            ["丙镇", "", "2020", "2", "52", "", "", "", "", "", "", "", "", ""]]
    table = grade_table(rows)
    # (辍学 1 + 死亡 0 + 转出 1) − 转入 3 = −1: counted as 0, and said
    lost = cohorts.dropouts(table, 0, 2019, True, "liangji", "")
    assert lost.counts == {"primary_dropouts": 0, "primary_enrolled_start": 50}
    assert [note.code for note in lost.notes] == ["note_net_gain"]
    assert cohorts.dropouts(table, 0, 2019, True, "dictionary", "").counts["primary_dropouts"] == 1


def test_identity_gaps_name_unit_year_grade_and_size(write_table, run):
    cells = {**JIA, (2015, 4): {"在校生数": 201}}
    table = grade_table(long_rows((("甲镇", "6-3", cells),)))
    # 2015 grade 4 should be 203 (2014 grade 3, no movements); 2016 grade 5 should be 201 − 5 = 196, is 198
    assert [(g.unit, g.year, g.grade, g.expected, g.found, g.size) for g in flows.identity_gaps(table)] == [
        ("甲镇", 2015, 4, 203, 201, -2), ("甲镇", 2016, 5, 196, 198, 2)]
    result = run("check", write_table(long_rows((("甲镇", "6-3", cells),))), "--lang", "en", "-f", "csv")
    assert "'甲镇', 2015, grade 4: 201 enrolled, but last year's grade below and the year's movements give 203 (-2)." \
        in result.stderr
    gaps = run("cohorts", write_table(long_rows((("甲镇", "6-3", cells),)), name="b.csv"), "--view", "gaps", "-f",
               "csv", "--lang", "en")
    assert [line.split(",", 1)[1] for line in gaps.stdout.splitlines()[1:]] == [
        "甲镇,2015,4,enrolled (last year's grade below + movements),203,201,-2",
        "甲镇,2016,5,enrolled (last year's grade below + movements),196,198,2"]


def test_consistent_table_has_no_gaps():
    assert flows.identity_gaps(grade_table(long_rows())) == []


def test_uis_survival_closed_form_matches_the_reference():
    # p = 0.90, r = 0.05 for six grades: SR_6 = (0.9 / 0.95)^5 = (18/19)^5 = 0.763123
    rates = flows.survival([Fraction(9, 10)] * 5, [Fraction(1, 20)] * 5)
    assert rates[5] == Fraction(18, 19) ** 5 == Fraction(1889568, 2476099)
    assert round(float(rates[5]), 6) == 0.763123
    assert rates[0] == 1 and rates[1] == Fraction(18, 19)


def test_year_by_year_simulation_agrees_with_the_closed_form():
    promotion, repetition = [0.9, 0.85, 0.92, 0.8, 0.95], [0.05, 0.1, 0.0, 0.15, 0.02]
    simulated = simulate_survival(promotion, repetition, years=400)
    exact = flows.survival([Fraction(p).limit_denominator() for p in promotion],
                             [Fraction(r).limit_denominator() for r in repetition])
    assert [round(value, 12) for value in simulated] == [round(float(value), 12) for value in exact]
    # few years: repeaters have not all come through yet, so the simulation is below the limit
    assert simulate_survival(promotion, repetition, years=5)[5] < float(exact[5])


def test_uis_rates_from_a_table_with_repeaters(write_table, run):
    rows = [HEADER,
            ["丁镇", "", "2020", "1", "1000", "", "", "", "", "", "", "", "", ""],
            ["丁镇", "", "2021", "1", "1050", "1000", "", "", "", "", "", "", "", "50"],
            ["丁镇", "", "2021", "2", "920", "", "", "", "", "", "", "", "", "20"]]
    result = run("cohorts", write_table(rows), "--view", "flow", "-f", "json", "--lang", "en")
    (grade1,) = [r for r in json.loads(result.stdout)["rates"] if r["grade"] == 1]
    # promoted = 920 − 20 repeaters of grade 2 = 900: p = 90 %, r = 50/1000 = 5 %, d = 5 %; 年巩固率 920/1000
    assert (grade1["promoted"], grade1["promotion"], grade1["repetition"], grade1["dropout"]) == (900, 90, 5, 5)
    assert (grade1["retention"], grade1["survival"]) == (92, 100)
    assert "no migration" in json.loads(result.stdout)["assumptions"]


WIDE = [
    ["某县中心小学 学生数（年级）"],
    ["学校", "学年", "在校学生数", "", "", "", "", ""],
    ["", "", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级"],
    ["实验小学", "2019", "820", "801", "498", "787", "760", "700"],
    ["实验小学", "2020-2021学年", "830", "815", "795", "506", "783", "755"],
]


def test_wide_yearbook_table_and_grade_to_grade_rates_never_capped(write_table, run):
    table = grade_table(WIDE)
    assert (table.layout, table.years, table.stock(0, 2020, 4)) == ("wide", [2019, 2020], 506)
    result = run("cohorts", write_table(WIDE), "--view", "flow", "-f", "json", "--lang", "en")
    rates = {r["grade"]: r["retention"] for r in json.loads(result.stdout)["rates"]}
    # a real school sheet: 498 → 506 = 101.61 % (pupils arrived: above 100 %, not capped); 787 → 783 = 99.49 %
    assert (rates[3], rates[4]) == (101.6064, 99.4917)
    table_view = run("cohorts", write_table(WIDE), "--view", "flow")
    assert "101.61%" in table_view.stdout and "99.49%" in table_view.stdout


def test_wide_junior_columns_follow_the_school_system():
    rows = [["学校", "学制", "学年", "初一", "初二", "初三", "初四"],
            ["五四制中学", "五四制", "2020", "300", "290", "280", "270"],
            ["六三制中学", "", "2020", "400", "390", "380", ""]]
    table = grade_table(rows)
    assert [unit.system.name for unit in table.units] == ["5-4", "6-3"]
    assert [table.stock(0, 2020, grade) for grade in (6, 7, 8, 9)] == [300, 290, 280, 270]  # 初一 = 六年级
    assert [table.stock(1, 2020, grade) for grade in (6, 7, 8, 9)] == [None, 400, 390, 380]


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


def test_ladder_records(write_table, run):
    result = run("cohorts", write_table(long_rows()), "-f", "json", "--lang", "en")
    ladders = {(r["unit"], r["cohort"]): r for r in json.loads(result.stdout)["cohorts"]}
    jia = ladders["甲镇", 2012]
    assert [jia[f"grade_{g}"] for g in range(1, 10)] == [200, 200, 203, 203, 198, 197, 195, 192, 188]
    assert (jia["first"], jia["last"], jia["change"], jia["system"]) == (200, 188, -12, "6-3")
    total = ladders["Total", 2012]
    assert total["grade_9"] == 188 + 96 and total["is_total"] is True
    table = run("cohorts", write_table(long_rows(), name="b.csv")).stdout
    assert "198↓5" in table  # grade 5 of 甲镇: 5 fewer than grade 4


@pytest.mark.parametrize(("cells", "message"), [
    (["甲镇", "", "二〇二〇", "一年级", "5"], "g.csv, row 2, column C (学年): cannot read the school year '二〇二〇'; write "
                                             "its start year, e.g. 2020 or 2020-2021."),
    (["甲镇", "", "2020", "十年级", "5"], "g.csv, row 2, column D (年级): cannot read the grade '十年级'; write 一年级…九年级, "
                                        "初一…初四 or 1–9."),
    (["甲镇", "七三", "2020", "一年级", "5"], "g.csv, row 2, column B (学制): cannot read the school system '七三'; write "
                                            "6-3, 5-4 or 九年一贯制."),
    (["甲镇", "", "2020", "一年级", "5.5"], "g.csv, row 2, column E (在校生数): "),
])
def test_bad_cells_are_named(cells, message):
    with pytest.raises(grades.KongchuoError) as error:
        grade_table([["乡镇", "学制", "学年", "年级", "在校生数"], cells])
    assert error.value.problems[0].render("en").startswith(message)


def test_the_same_cell_twice_is_an_error():
    rows = [["乡镇", "学年", "年级", "在校生数"], ["甲镇", "2020", "一年级", "5"], ["甲镇", "2020", "1", "6"]]
    with pytest.raises(grades.KongchuoError) as error:
        grade_table(rows)
    assert [p.render("en") for p in error.value.problems] == [
        "g.csv, row 3: '甲镇', 2020, grade 1: the same count is already on row 2; give it once."]


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
