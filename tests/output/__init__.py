"""Tests of kongchuo_cli.output: how results become text and files."""
