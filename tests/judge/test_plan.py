"""The township plan's allocation (judge/plan.py): the county's need shared out by the largest-remainder method."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo_cli.judge.plan import allocate


@pytest.mark.parametrize(
    "need, losses, shares",
    [
        # quotas 5·3/7 = 2.14, 5·2/7 = 1.43, 1.43: floors 2, 1, 1 leave one; the remainders 3/7 tie → the earlier unit
        (5, [3, 2, 2], [2, 2, 1]),
        # quotas 10·10/16 = 6.25, 10·5/16 = 3.125, 10·1/16 = 0.625: floors 6, 3, 0 leave one → the largest remainder
        (10, [10, 5, 1], [6, 3, 1]),
        (0, [4, 5], [0, 0]),
        (9, [4, 5], [4, 5]),  # the whole loss
        (12, [4, 5], [4, 5]),  # more than was lost: everyone, and the plan says it falls short
        (3, [0, 7, 0], [0, 3, 0]),  # a unit that lost nobody is asked for nobody
    ],
)
def test_allocation_by_hand(need, losses, shares):
    assert allocate(need, losses) == shares


@given(losses=st.lists(st.integers(0, 2000), min_size=1, max_size=30), data=st.data())
def test_allocation_invariants(losses, data):
    need = data.draw(st.integers(0, sum(losses) + 50))
    shares = allocate(need, losses)
    assert sum(shares) == min(need, sum(losses))  # the county's need, or everyone lost
    assert all(0 <= share <= loss for share, loss in zip(shares, losses))  # nobody asked for more than it lost
    if need < sum(losses):
        for share, loss in zip(shares, losses):  # proportional within one child
            assert abs(share - Fraction(need * loss, sum(losses))) < 1
