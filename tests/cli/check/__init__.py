"""`kongchuo check` end to end, by what is checked."""
