"""Counts → exact ratios: the indicators as data (`definitions`), the counts of each cohort and school year of a
grade table (`cohorts`), and the flows between grades (`flows`)."""
