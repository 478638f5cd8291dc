"""DuckDB's plain GROUP BY over a 学籍 roster: one row per school with the counts a summary needs (在校 and 辍学 by
stage, 三类残疾 and how they attend, 脱贫家庭辍学), every column read as text, written as CSV. No identity checks,
no values read beyond these literal words: the least `kongchuo check ROSTER -f csv` must do.

    python benchmarks/baselines/roster_by_school.py ROSTER.csv OUT.csv
"""

import sys

import duckdb

PRIMARY = "'一年级', '二年级', '三年级', '四年级', '五年级', '六年级'"
JUNIOR = "'七年级', '八年级', '九年级', '初一', '初二', '初三'"
THREE_KINDS = "'视力', '听力', '言语', '智力'"

source, out = (path.replace("'", "''") for path in sys.argv[1:3])
duckdb.sql(f"""COPY (
    SELECT 区县, 乡镇, 学校,
        count(*) FILTER (stage = 1 AND 学籍状态 = '在读') AS 小学在校生数,
        count(*) FILTER (stage = 2 AND 学籍状态 = '在读') AS 初中在校生数,
        count(*) FILTER (stage = 1 AND 学籍状态 = '辍学') AS 小学辍学人数,
        count(*) FILTER (stage = 2 AND 学籍状态 = '辍学') AS 初中辍学人数,
        count(*) FILTER (three_kinds) AS 三类残疾适龄儿童少年数,
        count(*) FILTER (three_kinds AND 就读方式 = '随班就读') AS 随班就读人数,
        count(*) FILTER (three_kinds AND 就读方式 = '特教学校就读') AS 特教学校就读人数,
        count(*) FILTER (three_kinds AND 就读方式 = '送教上门') AS 送教上门人数,
        count(*) FILTER (脱贫户 = '是' AND 学籍状态 = '辍学') AS 脱贫家庭辍学人数
    FROM (
        SELECT *, CASE WHEN 年级 IN ({PRIMARY}) THEN 1 WHEN 年级 IN ({JUNIOR}) THEN 2 END AS stage,
            残疾类型 IN ({THREE_KINDS}) AS three_kinds
        FROM read_csv('{source}', header = true, all_varchar = true)
    )
    GROUP BY ALL
) TO '{out}' (HEADER)""")
