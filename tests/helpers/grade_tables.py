"""Grade tables worked by hand, shared by the tests of reading them, of the cohorts and flows derived from them, and
of `check` and `cohorts` on them.

Conventions (read/grades.py): the row of year Y holds the autumn-Y stock and the flows of the school year Y−1 by the
grade the pupils were in; the cohort of 2012 is in grade g in autumn 2011+g and moves in the rows (2012+g, g).
"""

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

# A real-looking school sheet from a yearbook: a title, 在校学生数 merged over the grades, one row per school year.
WIDE = [
    ["某县中心小学 学生数（年级）"],
    ["学校", "学年", "在校学生数", "", "", "", "", ""],
    ["", "", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级"],
    ["实验小学", "2019", "820", "801", "498", "787", "760", "700"],
    ["实验小学", "2020-2021学年", "830", "815", "795", "506", "783", "755"],
]


def long_rows(units=(("甲镇", "6-3", JIA), ("乙镇", "5-4", YI))):
    """The long layout (a row per unit, year and grade) of the given units' cells, header first."""
    rows = [HEADER]
    for name, system, cells in units:
        for (year, grade), counts in sorted(cells.items()):
            rows.append([name, system, str(year), f"{'一二三四五六七八九'[grade - 1]}年级",
                         *(str(counts[m]) if m in counts else "" for m in MEASURES)])
    return rows


def grade_table(rows, system="6-3"):
    """Rows read as a grade table named g.csv, without a file."""
    return grades.table_from_grid(Grid("g.csv", rows), None, system)
