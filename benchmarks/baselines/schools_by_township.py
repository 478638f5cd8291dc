"""DuckDB's read_csv and GROUP BY 乡镇 over a school-level summary table (a title row, then the header), every count
column summed, written as CSV: the plain work under `kongchuo check SCHOOLS.csv -f csv`.

    python benchmarks/baselines/schools_by_township.py SCHOOLS.csv OUT.csv
"""

import sys

import duckdb

source, out = (path.replace("'", "''") for path in sys.argv[1:3])
duckdb.sql(f"COPY (SELECT 乡镇, sum(COLUMNS(* EXCLUDE (乡镇, 学校))) "
           f"FROM read_csv('{source}', skip = 1, header = true) GROUP BY 乡镇) TO '{out}' (HEADER)")
