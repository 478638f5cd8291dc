"""The thresholds file: exact lines, the national defaults, and errors named by YAML line."""

from fractions import Fraction
from pathlib import Path

import pytest

from kongchuo_cli import thresholds
from kongchuo_cli.messages import KongchuoError

ROOT = Path(__file__).resolve().parent.parent


def problems(text):
    with pytest.raises(KongchuoError) as raised:
        thresholds.parse(text, "t.yaml")
    return [problem.render("en") for problem in raised.value.problems]


def test_packaged_defaults_are_the_repository_file():
    packaged = ROOT / "src" / "kongchuo_cli" / "data" / "thresholds.yaml"
    assert packaged.read_bytes() == (ROOT / "thresholds.yaml").read_bytes()


def test_national_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./thresholds.yaml here: the packaged defaults apply
    policy = thresholds.load()
    assert policy.origin == thresholds.BUILT_IN
    expected = {  # issue 2's table of national lines, as fractions of 1 (counts as themselves)
        "consolidation_9y": (">=", Fraction(96, 100)), "dropout_primary": ("<=", Fraction(1, 100)),
        "dropout_junior": ("<=", Fraction(2, 100)), "enrollment_primary_net": (">=", Fraction(1)),
        "enrollment_junior_gross": (">=", Fraction(95, 100)), "enrollment_disabled": (">=", Fraction(97, 100)),
        "poverty_dropouts": ("==", Fraction(0)),
    }
    assert {key: (line.target.op, line.target.value) for key, line in policy.lines.items()} == expected
    assert policy.line("consolidation_9y").formula == "adjusted"
    assert all(line.source for line in policy.lines.values())


def test_local_file_is_preferred(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "thresholds.yaml").write_text('version: 1\nindicators:\n  dropout_junior: {target: "<= 3%"}\n',
                                              encoding="utf-8")
    policy = thresholds.load()
    assert (policy.origin, policy.line("dropout_junior").target.value) == ("thresholds.yaml", Fraction(3, 100))


def test_a_full_entry():
    policy = thresholds.parse("""
version: 1
name: 测试
indicators:
  consolidation_9y:
    target: "≥ 95.5%"
    warn: ">= 97%"
    formula: numerator_adjusted
    source: 某文件
""", "t.yaml")
    line = policy.line("consolidation_9y")
    assert (policy.name, line.target.value, line.warn.value, line.formula, line.source) == (
        "测试", Fraction(191, 200), Fraction(97, 100), "numerator_adjusted", "某文件")
    assert policy.line("dropout_junior").target is None  # not in the file: no line


def test_every_error_with_its_line():
    assert problems("""version: 2
nmae: x
indicators:
  consolidation_9y:
    target: "<= 96%"
    formula: mean
  dropout_junior:
    target: "<= 2"
    warn: "<= 3%"
    formula: raw
  poverty_dropouts: {target: "== 0%"}
  dropout_primary: {target: "<= 1%", warn: "<= 2%"}
  enrollment_disabled: {warn: ">= 99%"}
  school_meals: {target: "== 0"}
  dropout_junior: {}
""") == [
        "t.yaml, line 1: version must be 1, not '2'.",
        "t.yaml, line 2: unknown key 'nmae'; the keys are: version, name, indicators.",
        "t.yaml, line 5: this indicator is better when higher; its line uses >= or >: '<= 96%'.",
        "t.yaml, line 6: unknown formula 'mean'; the formulas are: raw, adjusted, numerator_adjusted.",
        "t.yaml, line 8: a rate's line needs a %, e.g. '<= 2%'.",
        "t.yaml, line 10: only consolidation_9y takes a formula.",
        "t.yaml, line 11: a count's line takes no %: '== 0%'.",
        "t.yaml, line 12: the warn line '<= 2%' is looser than the target '<= 1%'; a warn line must be stricter.",
        "t.yaml, line 13: has a warn line but no target; add a target.",
        "t.yaml, line 14: unknown indicator 'school_meals'; the indicators are: consolidation_9y, dropout_primary, "
        "dropout_junior, enrollment_primary_net, enrollment_junior_gross, enrollment_disabled, poverty_dropouts.",
        "t.yaml, line 15: key 'dropout_junior' appears twice.",
    ]


def test_unquoted_greater_than_gets_a_hint():
    (message,) = problems("version: 1\nindicators:\n  consolidation_9y:\n    target: >= 96%\n")
    assert message.startswith("t.yaml, line 4: not valid YAML: ")
    assert message.endswith(" (a value starting with '>' must be quoted, e.g. target: \">= 96%\")")


def test_only_the_safe_loader_is_used():
    (message,) = problems("version: 1\nindicators: !!python/object/apply:os.system ['echo hacked']\n")
    assert message.startswith("t.yaml, line 2: indicators must be a mapping")


def test_not_a_mapping():
    assert problems("- a\n- b\n") == ["t.yaml, line 1: the thresholds file must be a mapping of keys to values."]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "version: 1\nindicators:\n",
                                  "version: 1\nindicators:\n  consolidation_9y: {formula: raw}\n"])
def test_a_file_without_any_target_is_refused(text):
    # a truncated thresholds file must not open a CI gate by judging everything n/a
    assert problems(text) == ["t.yaml, line 1: the thresholds file sets no target, so nothing can be judged; "
                              "give at least one."]


def test_gbk_thresholds_file(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes('version: 1\nname: 湖南\nindicators:\n  consolidation_9y: {target: ">= 98%"}\n'.encode("gbk"))
    assert thresholds.load(str(path)).name == "湖南"


def test_merge_keys():
    policy = thresholds.parse("""
version: 1
indicators:
  dropout_primary: &rate {target: "<= 1%", source: 两基}
  dropout_junior:
    <<: *rate
    target: "<= 2%"
""", "t.yaml")
    junior = policy.line("dropout_junior")
    assert (junior.target.value, junior.source) == (Fraction(2, 100), "两基")


def test_quote_hint_in_a_flow_mapping():
    (message,) = problems("version: 1\nindicators:\n  consolidation_9y: {target: >= 96%}\n")
    assert message.endswith(" (a value starting with '>' must be quoted, e.g. target: \">= 96%\")")
