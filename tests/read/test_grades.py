"""Reading grade tables (read/grades.py): the long and the wide (yearbook) layouts, school systems, and every bad
cell named by file, row and column."""

import pytest

from kongchuo_cli.read import grades
from tests.helpers.grade_tables import WIDE, grade_table


def test_wide_yearbook_table():
    table = grade_table(WIDE)
    assert (table.layout, table.years, table.stock(0, 2020, 4)) == ("wide", [2019, 2020], 506)


def test_wide_junior_columns_follow_the_school_system():
    rows = [["学校", "学制", "学年", "初一", "初二", "初三", "初四"],
            ["五四制中学", "五四制", "2020", "300", "290", "280", "270"],
            ["六三制中学", "", "2020", "400", "390", "380", ""]]
    table = grade_table(rows)
    assert [unit.system.name for unit in table.units] == ["5-4", "6-3"]
    assert [table.stock(0, 2020, grade) for grade in (6, 7, 8, 9)] == [300, 290, 280, 270]  # 初一 = 六年级
    assert [table.stock(1, 2020, grade) for grade in (6, 7, 8, 9)] == [None, 400, 390, 380]


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
