"""The catalogue of texts (i18n.py) and kongchuo's other own words."""

from kongchuo_cli.i18n import CATALOGUE
from kongchuo_cli.indicators.definitions import FORMULAS, INDICATORS
from kongchuo_cli.output.values import STATUS_STYLES
from kongchuo_cli.output.views import monthly
from kongchuo_cli.output.views.check_text import TABLE_COLUMNS
from kongchuo_cli.output.views.plan import PLAN_COLUMNS


def test_every_chinese_text_is_gbk():
    """--output-encoding gbk must never fail on kongchuo's own words: only on a user's rare character."""
    texts = [zh for zh, _ in CATALOGUE.values()]
    texts += [indicator.zh for indicator in INDICATORS] + [formula.spell("zh") for formula in FORMULAS.values()]
    texts += [indicator.short[0] for indicator in INDICATORS]
    texts += [mark for mark, _ in STATUS_STYLES.values()]
    texts += [column.header.zh for column in (*TABLE_COLUMNS, *PLAN_COLUMNS)] + ["┏━┳┓┃┡╇┷┩│├─┼┬┤└┴┘"]
    texts += [*monthly.FIELDS.values(), *monthly.PLAN_FIELDS.values()]
    texts += [header.zh for _, header in (*monthly.FLOW_COLUMNS, *monthly.MOVE_COLUMNS, *monthly.WORK_COLUMNS,
                                          *monthly.PLAN_COLUMNS, *monthly.GROUP_COLUMNS)]
    texts += [field.zh for field in (*monthly.EVENT_FIELDS.values(), *monthly.PROBLEM_FIELDS.values(),
                                     *monthly.STILL_OUT_FIELDS)]
    for text in texts:
        text.encode("gbk")


def test_every_message_raised_is_in_the_catalogue():
    """A code with no text would turn a user's mistake into a KeyError: every literal code given to fail(),
    Message() or text() has its two texts."""
    import ast
    from pathlib import Path

    import kongchuo_cli

    missing = []
    for path in Path(kongchuo_cli.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
                    in ("fail", "Message", "text", "warning", "term") and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value not in CATALOGUE):
                missing.append(f"{path.name}:{node.lineno} {node.args[0].value}")
    assert missing == []


def test_every_ledger_word_monthly_shows_has_its_names():
    """The ledger's values are data (read/vocabulary.py): a 销号 reason, a 台账类别 or a step of the legal ladder added
    there needs its names here, and a 劝返状态 that closes a case is a 销号 reason of the same code."""
    from kongchuo_cli.judge.monthly import EVENTS
    from kongchuo_cli.read.roster.snapshot import CLOSING_STATUSES
    from kongchuo_cli.read.vocabulary import CLOSE_REASONS, LEDGER_CATEGORIES, LEGAL_STEPS

    codes = [*(f"term_close_{code}" for code in (*CLOSE_REASONS, "unstated", "other")),
             *(f"term_category_{code}" for code in LEDGER_CATEGORIES), *(f"term_legal_{code}" for code in LEGAL_STEPS),
             *(f"term_event_{kind}" for kind in EVENTS)]
    assert [code for code in codes if code not in CATALOGUE] == []
    assert set(CLOSING_STATUSES) <= set(CLOSE_REASONS)
