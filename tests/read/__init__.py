"""Tests of kongchuo_cli.read: files → cells → counts (summary and grade tables, rosters and ledgers)."""
