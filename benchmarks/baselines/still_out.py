"""DuckDB selecting the children still out of school, every column as text, written as CSV: from a 学籍 roster the
rows whose 学籍状态 is 辍学, from a 辍学学生台账 those whose 劝返状态 is 未劝返 or 劝返中. The plain work under
`kongchuo returns FILE -o OUT.csv` (which also masks names and IDs, sorts, and checks every row's identity).

    python benchmarks/baselines/still_out.py roster|ledger FILE OUT.csv
"""

import sys

import duckdb

WHERE = {"roster": "学籍状态 = '辍学'", "ledger": "劝返状态 IN ('未劝返', '劝返中')"}

kind, source, out = sys.argv[1], *(path.replace("'", "''") for path in sys.argv[2:4])
duckdb.sql(f"COPY (SELECT * FROM read_csv('{source}', header = true, all_varchar = true) WHERE {WHERE[kind]}) "
           f"TO '{out}' (HEADER)")
