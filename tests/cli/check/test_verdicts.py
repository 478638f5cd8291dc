"""Verdicts a county can defend: each line judges the indicator its source names, every enrolled child is counted,
and a file that gives less than the line asks for says so. Every figure is worked by hand from the rows below."""

import json


def records(result):
    return {(r["unit"], r["indicator"]): r for r in json.loads(result.stdout)["results"]}


def test_the_county_of_120_enrolled_of_122(run, write_table):
    # a real county report: 122 disabled children of school age checked, 120 enrolled = 12 特教 + 80 随班 + 24 送教 +
    # 4 其他, 2 on approved deferral (in the base). Every kind of disability: the 97 % line of national-2025.
    path = write_table([["县", "残疾适龄儿童少年数", "特教学校就读人数", "随班就读人数", "送教上门人数", "其他形式就读人数",
                         "延缓入学人数"], ["某县", "122", "12", "80", "24", "4", "2"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    (record,) = json.loads(result.stdout)["results"]
    # 120 / 122 = 98.3607 % >= 97 %: nobody to bring back (counting three forms only would give 116 and "3 to return")
    assert (record["indicator"], record["numerator"], record["denominator"]) == ("enrollment_disabled_all", 120, 122)
    assert (record["rate"], record["status"], record["returns_needed"]) == (98.3607, "pass", 0)
    assert record["note"] == ("enrolled counted as regular class + special school + home delivery + other forms. "
                              "2 of them on approved deferral, kept in the base.")
    assert result.exit_code == 0


def test_three_kinds_stand_in_for_every_kind_and_say_so(run, write_table, monkeypatch):
    # 三类 only, under national-2025 whose 97 % line is for every kind: 96 / 100 = 96 % < 97 %, ⌈97⌉ − 96 = 1
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "三类残疾儿童少年入学数"], ["甲镇", "100", "96"]])
    result = run("check", path, "-f", "json")
    (record,) = json.loads(result.stdout)["results"]
    assert (record["indicator"], record["name"], record["target"]) == ("enrollment_disabled", "三类残疾儿童少年入学率",
                                                                        ">= 97%")
    assert (record["status"], record["returns_needed"], record["note"]) == ("fail", 1, "以三类残疾儿童代替全部残疾儿童。")
    (english,) = json.loads(run("check", path, "-f", "json", "--lang", "en").stdout)["results"]
    assert english["note"] == "the three kinds stand in for all disabled children."
    monkeypatch.setenv("COLUMNS", "200")  # the footer on one line
    table = run("check", path, "--lang", "en").stdout  # the footer names the line's own indicator and source
    assert ("Line enrolment rate of all disabled children >= 97% (the data give only the disabled-children "
            "enrolment rate, standing in): 国办发〔2021〕60号") in table


def test_with_both_scopes_each_rate_keeps_its_own_line(run, write_table):
    # every kind: 48 / 50 = 96 % < 97 %, ⌈48.5⌉ − 48 = 1; 三类: 40 / 40, no line of its own in national-2025
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "三类残疾儿童少年入学数", "残疾适龄儿童少年数", "残疾儿童少年入学数"],
                        ["甲镇", "40", "40", "50", "48"]])
    found = records(run("check", path, "-f", "json", "--lang", "en"))
    every, three = found["甲镇", "enrollment_disabled_all"], found["甲镇", "enrollment_disabled"]
    assert (every["numerator"], every["denominator"], every["status"], every["returns_needed"]) == (48, 50, "fail", 1)
    assert (three["status"], three["target"], three["note"]) == ("n/a", None, "the lines in use set none for this "
                                                                              "indicator.")


def test_a_part_without_its_scope_in_a_file_of_both_scopes(run, write_table):
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "残疾适龄儿童少年数", "随班就读人数"], ["甲镇", "4", "5", "3"]])
    result = run("check", path, "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: {path}, column D (随班就读人数): the table has both children with the three kinds of disability and "
        "all disabled children, so '随班就读人数' could be either; write 三类残疾儿童随班就读人数 or 残疾儿童随班就读人数.\n"))


def test_a_blank_enrolled_cell_takes_its_parts(run, write_table):
    # 甲镇's enrolled is blank: 20 + 5 + 3 = 28 of 30 (93.3 %, below 97 %: ⌈29.1⌉ − 28 = 2); 乙镇 gives its own 10
    path = write_table([["乡镇", "三类残疾适龄儿童少年数", "三类残疾儿童少年入学数", "随班就读人数", "特教学校就读人数",
                         "送教上门人数"], ["甲镇", "30", "", "20", "5", "3"], ["乙镇", "10", "10", "6", "2", "2"]])
    result = run("check", path, "-f", "json", "--lang", "en")
    assert result.stderr == (f"Warning: {path}, row 2, column C (三类残疾儿童少年入学数): '三类残疾儿童少年入学数' is "
                             "empty: the sum of its parts, 28, is used.\n")
    found = records(result)
    assert (found["甲镇", "enrollment_disabled"]["numerator"], found["甲镇", "enrollment_disabled"]["returns_needed"]) \
        == (28, 2)
    assert (found["Total", "enrollment_disabled"]["numerator"], found["Total", "enrollment_disabled"]["denominator"]) \
        == (38, 40)


def test_the_two_ji_junior_line_judges_youths_of_that_age(run, write_table):
    # 940 of the 1,000 youths of 12–14 in school: 94 % < 95 %, ⌈950⌉ − 940 = 10; the gross 980 / 1,000 has no line
    path = write_table([["乡镇", "初中适龄人口数", "初中适龄少年在校数", "初中在校生数"], ["甲镇", "1000", "940", "980"]])
    found = records(run("check", path, "-f", "json", "--lang", "en"))
    age, gross = found["甲镇", "enrollment_junior_age"], found["甲镇", "enrollment_junior_gross"]
    assert (age["name"], age["rate"], age["target"], age["status"], age["returns_needed"]) == (
        "junior age-specific enrolment rate", 94.0, ">= 95%", "fail", 10)
    assert (gross["rate"], gross["status"], gross["target"]) == (98.0, "n/a", None)
    urban = records(run("check", path, "-p", "liangji-urban", "-f", "json", "--lang", "en"))
    assert urban["甲镇", "enrollment_junior_age"]["returns_needed"] == 60  # the urban line: every youth, 1000 − 940


def test_poverty_families_children_out_of_school_count_both(run, write_table):
    # 失学 1 + 辍学 2 = 3 out of school: 3 to bring back (== 0)
    both = write_table([["乡镇", "脱贫家庭失学人数", "脱贫家庭辍学人数"], ["甲镇", "1", "2"]], name="both.csv")
    (record,) = json.loads(run("check", both, "-f", "json").stdout)["results"]
    assert (record["name"], record["numerator"], record["returns_needed"], record["note"]) == (
        "脱贫家庭失学辍学人数", 3, 3, None)
    one = write_table([["乡镇", "脱贫家庭失学辍学人数", "脱贫家庭失学人数", "脱贫家庭辍学人数"], ["甲镇", "4", "1", "2"]],
                      name="one.csv")
    result = run("check", one, "-f", "json", "--lang", "en")
    assert json.loads(result.stdout)["results"][0]["numerator"] == 4  # the column given, not its parts
    assert result.stderr == (f"Warning: {one}, row 2: 脱贫家庭失学人数, 脱贫家庭辍学人数 sum to 3, not the 4 of "
                             "'脱贫家庭失学辍学人数'; '脱贫家庭失学辍学人数' is used.\n")
    dropouts = write_table([["乡镇", "脱贫家庭辍学人数"], ["甲镇", "2"]], name="dropouts.csv")
    (record,) = json.loads(run("check", dropouts, "-f", "json", "--lang", "en").stdout)["results"]
    assert (record["numerator"], record["note"]) == (2, "the table gives dropouts only: children of these families "
                                                        "who never enrolled are not counted.")


def test_two_total_rows_that_disagree_are_both_reported(run, write_table):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "96"], ["乙镇", "100", "98"],
                        ["合计", "200", "194"], ["总计", "200", "190"]])
    result = run("check", path, "--lang", "en", "-f", "csv")
    assert result.stderr == (
        f"Warning: {path}, row 5: the '总计' row differs from the sum of the units: 毕业班在校生数 190 in the file, 194 "
        "summed; kongchuo uses the sum of the units.\n")
    assert run("check", write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "96"],
                                     ["乙镇", "100", "98"], ["合计", "200", "193"], ["总计", "200", "190"]],
                                    name="two.csv"), "--lang", "en").stderr.count("differs from the sum") == 2


# Regression: a unit whose counts happen to be 1, 2 was taken for the column-numbers row (栏次) of official forms.
def test_a_unit_counting_one_and_two_is_a_unit(run, write_table):
    path = write_table([["乡镇", "脱贫家庭失学人数", "脱贫家庭辍学人数"], ["甲镇", "1", "2"]])
    (record,) = json.loads(run("check", path, "-f", "json").stdout)["results"]
    assert (record["unit"], record["numerator"]) == ("甲镇", 3)
    numbered = write_table([["乡镇", "脱贫家庭失学人数", "脱贫家庭辍学人数"], ["甲", "1", "2"], ["甲镇", "0", "1"]],
                           name="numbered.csv")  # 甲 1 2: the form's column numbers, not a unit
    (record,) = json.loads(run("check", numbered, "-f", "json").stdout)["results"]
    assert (record["unit"], record["numerator"]) == ("甲镇", 1)
