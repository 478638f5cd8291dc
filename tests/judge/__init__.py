"""Tests of kongchuo_cli.judge: evaluation, the exit-code gate and the plan's allocation."""
