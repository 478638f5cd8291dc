"""Rosters as Parquet files (a province's 学籍 export converted once, or a national one split by province): read by
the same DuckDB engine and the same SQL as a CSV roster, every column as text, so that nothing else changes.

A Parquet file has columns by name and no spreadsheet rows: its records are named as the rows they would be with
the column names on row 1 (the first child row 2), as the file exported to CSV or Excel with a header shows them.
"""

from __future__ import annotations

import os

from kongchuo_cli.problems import Where, fail
from kongchuo_cli.read.grid import is_stream, read_head

SUFFIX = ".parquet"
MAGIC = b"PAR1"  # the first and the last four bytes of every Parquet file (its footer ends with them)


def is_parquet(path: str) -> bool:
    return path.lower().endswith(SUFFIX) and not is_stream(path)


def parquet_columns(path: str) -> list[str]:
    """The column names, from the file's footer; a file that is no Parquet, or is cut short or damaged, is a
    located problem (never DuckDB's own words)."""
    if read_head(path, len(MAGIC)) != MAGIC:  # read_head names a missing or unreadable file
        raise fail("parquet_not_parquet", Where(path))
    with open(path, "rb") as handle:
        handle.seek(max(os.path.getsize(path) - len(MAGIC), 0))
        if handle.read() != MAGIC or os.path.getsize(path) < 2 * len(MAGIC):  # a copy cut short has no footer
            raise fail("parquet_damaged", Where(path))
    import duckdb

    # the footer only (names and types, no row): nothing to spill, so not sql.connected(), which imports this module
    with duckdb.connect() as connection:
        try:
            return [name for name, *_ in connection.execute(f"DESCRIBE SELECT * FROM {_read(path)}").fetchall()]
        except duckdb.InterruptException:
            raise KeyboardInterrupt from None
        except duckdb.Error:
            raise fail("parquet_damaged", Where(path)) from None


def parquet_scan(path: str, count: int) -> str:
    """The file as text columns c0, c1, … as a CSV roster is scanned: IDs, dates and numbers as text, an empty
    cell NULL."""
    columns = ", ".join(f"c{position}" for position in range(count))
    return f"(SELECT nullif(COLUMNS(*)::VARCHAR, '') FROM {_read(path)} AS parquet({columns}))"


def _read(path: str) -> str:
    return "read_parquet('" + path.replace("'", "''") + "')"
