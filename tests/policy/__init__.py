"""Tests of kongchuo_cli.policy: the returns-needed rules and the thresholds files."""
