"""How each command's results become a `Report` (and the text an explanation prints)."""
