"""Dates as county forms write them (read/cells.parse_date), and the same reading in DuckDB (read/roster/sql.date_sql)
for a ledger's date columns."""

from datetime import date

import duckdb
import pytest

from kongchuo_cli.read.cells import parse_date
from kongchuo_cli.read.roster.sql import date_sql

DATES = [
    ("2024-10-31", date(2024, 10, 31)),
    ("2024/1/5", date(2024, 1, 5)),
    ("2024.10.5", date(2024, 10, 5)),
    ("20241005", date(2024, 10, 5)),
    ("2024年10月5日", date(2024, 10, 5)),
    ("2024 年 10 月 5 日", date(2024, 10, 5)),  # spaces typed between
    ("2024-10-31 00:00:00", date(2024, 10, 31)),  # a date cell with its time
    ("2024年10月", date(2024, 10, 31)),  # a month alone: its last day
    ("2024-02", date(2024, 2, 29)),  # 2024 is a leap year
    ("2023-12", date(2023, 12, 31)),
    ("2024-13-01", None),
    ("2024-02-30", None),
    ("九月", None),
    ("", None),
]


@pytest.mark.parametrize("written, expected", DATES)
def test_parse_date(written, expected):
    assert parse_date(written) == expected


def test_duckdb_reads_them_alike():
    written = [text for text, _ in DATES]
    read = date_sql("nullif(v, '')")
    with duckdb.connect() as connection:
        found = [value for (value,) in connection.execute(f"SELECT {read} FROM unnest(?) AS t(v)", [written]).fetchall()]
    assert found == [expected for _, expected in DATES]
