"""Fixtures of the `kongchuo check` tests."""

import pytest

from tests.helpers.small import SMALL_COUNTY as SMALL


@pytest.fixture
def small(write_table):
    return write_table(SMALL)
