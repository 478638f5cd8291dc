"""kongchuo (控辍保学): compulsory-education indicators, judged exactly, with the returns needed to close each gap.

The Python API (docs/python-api.md): `check`, `plan`, `cohorts`, `returns`, `monthly`, `briefing`, `explain`,
`load_thresholds` and `KongchuoError`, imported on first use so that `import kongchuo_cli` (and `kongchuo --help`) stays light.
"""

__version__ = "0.1.0"

_API = ("check", "plan", "cohorts", "returns", "monthly", "briefing", "explain", "load_thresholds", "lint_thresholds",
        "init", "Evaluation", "Plan", "Cohorts", "Returns", "Monthly", "Briefing", "Explanation")
__all__ = ["KongchuoError", "__version__", *_API]


def __getattr__(name: str):
    if name == "KongchuoError":
        from kongchuo_cli.problems import KongchuoError

        return KongchuoError
    if name in _API:
        from kongchuo_cli import api

        return getattr(api, name)
    raise AttributeError(f"module 'kongchuo_cli' has no attribute {name!r}")
