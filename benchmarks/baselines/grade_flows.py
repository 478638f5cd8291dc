"""DuckDB over a long grade table: the UIS flow rates of every unit and grade from the next-to-last school year t to
the last (p = (E[g+1,t+1] − R[g+1,t+1]) / E[g,t], r = R[g,t+1] / E[g,t], d = 1 − p − r), written as CSV. The plain
work under `kongchuo cohorts --view flow GRADES.csv` (which also checks every year's stocks against the flows and
works out survival to each grade).

    python benchmarks/baselines/grade_flows.py GRADES.csv OUT.csv
"""

import sys

import duckdb

GRADES = ", ".join(f"('{word}', {number})" for number, word in enumerate(
    ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"), 1))

source, out = (path.replace("'", "''") for path in sys.argv[1:3])
duckdb.sql(f"""COPY (
    WITH cells AS (
        SELECT 乡镇 AS unit, 学年 AS year, number AS grade, 在校生数 AS enrolled, coalesce(留级, 0) AS repeaters
        FROM read_csv('{source}', header = true) JOIN (VALUES {GRADES}) AS grades(word, number) ON word = 年级
    ), latest AS (SELECT max(year) - 1 AS year FROM cells)
    SELECT now.unit, now.grade, now.enrolled,
        (up.enrolled - up.repeaters) / now.enrolled AS promotion,
        stay.repeaters / now.enrolled AS repetition,
        1 - coalesce((up.enrolled - up.repeaters) / now.enrolled, 0) - stay.repeaters / now.enrolled AS dropout
    FROM cells AS now JOIN latest USING (year)
        JOIN cells AS stay ON stay.unit = now.unit AND stay.year = now.year + 1 AND stay.grade = now.grade
        LEFT JOIN cells AS up ON up.unit = now.unit AND up.year = now.year + 1 AND up.grade = now.grade + 1
    ORDER BY now.unit, now.grade
) TO '{out}' (HEADER)""")
