"""`kongchuo check` end to end, by what is checked.

Tests marked "Regression (review: …)" come from three reviews: of `check` against bad real-world files (each once
gave a wrong county figure, a traceback, or an echoed personal detail); of the file handling (workbooks and roll-ups
that once gave a wrong county figure, a flipped exit code, or an internal error); of the policy features (lines of the
wrong kind, explain disagreeing with check, JUnit).
"""
