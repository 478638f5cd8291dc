"""Generators, reference implementations and hand-worked data shared by the tests (imported as tests.helpers.…)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # the repository root


def problems_of(action, lang="en"):
    """The problems an action raises (it must raise KongchuoError), each as the line the command would print."""
    import pytest

    from kongchuo_cli.problems import KongchuoError

    with pytest.raises(KongchuoError) as raised:
        action()
    return [problem.render(lang) for problem in raised.value.problems]
