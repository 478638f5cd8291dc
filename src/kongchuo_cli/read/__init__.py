"""Files → counts: bytes to cells (`grid`), one header finder (`headers`) and one vocabulary (`vocabulary`) for
every kind of input, and a reader per kind: summary tables, grade tables, rosters."""
