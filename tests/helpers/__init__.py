"""Generators, reference implementations and hand-worked data shared by the tests (imported as tests.helpers.…)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # the repository root
