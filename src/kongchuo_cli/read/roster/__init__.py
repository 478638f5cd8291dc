"""Rosters and dropout ledgers (one row per child), read by DuckDB: the file as a source, the SQL in one place,
the counts per unit, the identity checks, and the list of children still out of school."""
