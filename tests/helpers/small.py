"""A two-township county worked by hand, shared by several test files.

甲镇 consolidation 95/100 = 95 % (fails >= 96 % by ⌈96⌉ − 95 = 1), junior dropouts 3/100 = 3 % (fails <= 2 % by 1);
乙镇 194/200 = 97 %, 1/200 = 0.5 %: passes; 合计 289/300 = 96.33 % and 4/300 = 1.33 %: passes.
"""

SMALL_COUNTY = [["乡镇", "一年级入学人数", "毕业班在校生数", "初中辍学人数", "初中学年初在校生数"],
                ["甲镇", "100", "95", "3", "100"], ["乙镇", "200", "194", "1", "200"]]
