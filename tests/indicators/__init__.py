"""Tests of kongchuo_cli.indicators: counts → exact ratios (definitions, cohorts, flows)."""
