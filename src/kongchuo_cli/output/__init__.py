"""Results → bytes: one `Report` per command (`views`), rendered by `formats` (csv, tsv, json, markdown, the
text table, xlsx) and written whole or not at all (`files`); JUnit for CI."""
