"""The thresholds file: exact lines, the national defaults, and errors named by YAML line."""

from fractions import Fraction

import pytest

from kongchuo_cli.policy import thresholds
from kongchuo_cli.problems import KongchuoError
from tests.helpers import ROOT


def problems(text, lang="en"):
    with pytest.raises(KongchuoError) as raised:
        thresholds.parse(text, "t.yaml")
    return [problem.render(lang) for problem in raised.value.problems]


def test_packaged_defaults_are_the_repository_file():
    packaged = ROOT / "src" / "kongchuo_cli" / "policy" / "profiles" / "national-2025.yaml"
    assert packaged.read_bytes() == (ROOT / "thresholds.yaml").read_bytes()


def test_national_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./thresholds.yaml here: the packaged defaults apply
    policy = thresholds.load()
    assert policy.origin == thresholds.BUILT_IN
    expected = {  # issue 2's table of national lines, as fractions of 1 (counts as themselves)
        "consolidation_9y": (">=", Fraction(96, 100)), "dropout_primary": ("<=", Fraction(1, 100)),
        "dropout_junior": ("<=", Fraction(2, 100)), "enrollment_primary_net": (">=", Fraction(1)),
        "enrollment_junior_age": (">=", Fraction(95, 100)), "enrollment_disabled_all": (">=", Fraction(97, 100)),
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
        "t.yaml, line 2: unknown key 'nmae'; the keys are: version, name, extends, indicators, groups.",
        "t.yaml, line 5: this indicator is better when higher; its line uses >= or >: '<= 96%'.",
        "t.yaml, line 6: formula cannot be 'mean'; the choices are: raw, adjusted, numerator_adjusted.",
        "t.yaml, line 8: a rate's line needs a %, e.g. '<= 2%'.",
        "t.yaml, line 10: formula is only for consolidation_9y.",
        "t.yaml, line 11: a count's line takes no %: '== 0%'.",
        "t.yaml, line 12: the warn line '<= 2%' is looser than the target '<= 1%'; a warn line must be stricter.",
        "t.yaml, line 13: has a warn line but no target; add a target.",
        "t.yaml, line 14: unknown indicator 'school_meals'; the indicators are: consolidation_9y, consolidation_junior_3y, "
        "consolidation_primary, dropout_primary, dropout_junior, enrollment_primary_net, enrollment_junior_age, "
        "enrollment_junior_gross, enrollment_disabled, enrollment_disabled_all, poverty_dropouts.",
        "t.yaml, line 15: key 'dropout_junior' appears twice.",
    ]


def test_unquoted_greater_than_gets_a_hint():
    text = "version: 1\nindicators:\n  consolidation_9y:\n    target: >= 96%\n"
    (message,) = problems(text)
    # PyYAML stops at the "=" after ">" (a block scalar's indicator): line 4, character 14
    assert message.startswith("t.yaml, line 4, character 14: not valid YAML: expected chomping or indentation ")
    assert message.endswith(" (a value starting with '>' must be quoted, e.g. target: \">= 96%\")")
    assert problems(text, "zh") == ["t.yaml 第 4 行第 14 个字符：YAML 格式错误：以「>」或「|」开头的值会被当作多行文本（以「>」开头的"
                                    "值须加引号，例如 target: \">= 96%\"）"]


@pytest.mark.parametrize("text, said", [
    ("a: b: c\n", "第 1 行第 5 个字符：YAML 格式错误：这里不能有冒号「:」（值中含冒号时，请给整个值加引号）"),
    ("version: 1\n\tname: x\n", "第 2 行第 1 个字符：YAML 格式错误：不能用 Tab 键缩进，请改用空格"),
    ("indicators:\n  dropout_junior: {}\n dropout_primary: {}\n", "第 3 行第 2 个字符：YAML 格式错误：缩进不一致：这一行与上面"
     "同一级的行缩进不同"),
    ("name: '本县\n", "第 2 行第 1 个字符：YAML 格式错误：引号没有配对：文件结束前缺少闭合的引号"),
])
def test_yaml_syntax_errors_in_chinese_with_line_and_character(text, said):
    assert problems(text, "zh") == [f"t.yaml {said}"]


def test_indicators_by_name_in_a_thresholds_file():
    lines = thresholds.parse('version: 1\nindicators:\n  九年义务教育巩固率: {target: ">= 95%"}\n  小学辍学率: {target: "<= 1%"}\n'
                             '  脱贫: {target: "== 0"}\n', "t.yaml")
    assert {key: line.target.text for key, line in lines.lines.items()} == {
        "consolidation_9y": ">= 95%", "dropout_primary": "<= 1%", "poverty_dropouts": "== 0"}
    assert problems('version: 1\nindicators:\n  九年巩固率: {target: ">= 95%"}\n  consolidation_9y: {target: ">= 96%"}\n'
                    '  辍学率: {target: "<= 1%"}\n', "zh") == [
        "t.yaml 第 4 行：指标「consolidation_9y」与前面的「九年巩固率」是同一个指标。",
        "t.yaml 第 5 行：「辍学率」可以指几个指标：小学辍学率、初中辍学率；请写全名。"]


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


# The lines of shared/spec/indicators.md §4 on the indicators §7 says their sources name (each line on the scope
# its source names): (op, percent or count, words the source must say).
REFERENCE = {
    "national-2025": {"consolidation_9y": (">=", 96, "十四五"),
                      "enrollment_disabled_all": (">=", 97, "国办发〔2021〕60号"),
                      "poverty_dropouts": ("==", 0, "国开发〔2019〕15号"),
                      # the 1994 两基 lines, named as such: urban dropout lines, the rural age-specific enrolment line
                      "dropout_primary": ("<=", 1, "1994 年两基"), "dropout_junior": ("<=", 2, "1994 年两基"),
                      "enrollment_primary_net": (">=", 100, "1994 年两基"),
                      "enrollment_junior_age": (">=", 95, "农村初中阶段适龄少年入学率 95% 左右")},
    "national-2020": {"consolidation_9y": (">=", 95, "国办发〔2017〕72号"),
                      "enrollment_disabled_all": (">=", 95, "第二期特殊教育提升计划"),
                      "poverty_dropouts": ("==", 0, "国开发〔2019〕15号")},
    "youzhi-2017": {"consolidation_junior_3y": (">=", 95, "教督〔2017〕6号"),
                    "enrollment_disabled_all": (">=", 95, "教督〔2017〕6号")},
    "liangji-urban": {"dropout_primary": ("<=", 1, "城市"), "dropout_junior": ("<=", 2, "城市"),
                      "enrollment_primary_net": (">=", 100, "都能入学"), "enrollment_junior_age": (">=", 100, "城市"),
                      "enrollment_disabled": (">=", 80, "城市三类残疾")},
    "liangji-rural": {"dropout_primary": ("<=", 2, "农村"), "dropout_junior": ("<=", 3, "农村"),
                      "enrollment_primary_net": (">=", 100, "都能入学"), "enrollment_junior_age": (">=", 95, "农村"),
                      "enrollment_disabled": (">=", 60, "农村三类残疾")},
}


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_each_source_says_what_it_is(name):
    """A 1994 两基 line says it is one (and that 以上 is its 解读's reading); a 2025 or 2020 consolidation line paired
    with the county formula says the pairing is a county convention; a line of every kind of disability says so."""
    for indicator_id, line in thresholds.load_profile(name).lines.items():
        if "两基" in line.source:
            assert "1994" in line.source
        if "左右" in line.source:
            assert "解读" in line.source
        if indicator_id == "consolidation_9y" and line.formula == "adjusted":
            assert "县级惯例" in line.source
        if indicator_id == "enrollment_disabled_all":
            assert "各类残疾" in line.source


def test_profiles_are_listed_default_first():
    assert thresholds.profiles() == ["national-2025", "liangji-rural", "liangji-urban", "national-2020", "youzhi-2017"]


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_each_profile_holds_exactly_the_reference_lines(name):
    policy = thresholds.load_profile(name)
    seen = {}
    for indicator_id, line in policy.lines.items():
        scale = 100 if line.target.percent else 1
        seen[indicator_id] = (line.target.op, line.target.value * scale)
        assert REFERENCE[name][indicator_id][2] in line.source
    assert seen == {key: (op, value) for key, (op, value, _) in REFERENCE[name].items()}


def test_profile_option_and_unknown_profile():
    assert thresholds.load(profile="youzhi-2017").origin == "built-in:youzhi-2017"
    with pytest.raises(KongchuoError) as raised:
        thresholds.load(profile="hunan")
    assert raised.value.problems[0].render("en") == (
        "no built-in profile 'hunan'; the profiles are: national-2025, liangji-rural, liangji-urban, national-2020, "
        "youzhi-2017.")


def test_extends_and_overrides():
    policy = thresholds.parse("""
version: 1
name: 湖南
extends: national-2020
indicators:
  consolidation_9y:
    target: ">= 98%"
    source: 湘政办发〔2018〕27号
  enrollment_disabled_all:
    warn: ">= 97%"
  dropout_junior: {target: "<= 2%"}
""", "hunan.yaml")
    consolidation = policy.line("consolidation_9y")
    assert (consolidation.target.value, consolidation.formula, consolidation.source) == (
        Fraction(98, 100), "adjusted", "湘政办发〔2018〕27号")  # the formula is inherited
    disabled = policy.line("enrollment_disabled_all")  # only the warn line added: target and source inherited
    assert (disabled.target.value, disabled.warn.value, disabled.source) == (
        Fraction(95, 100), Fraction(97, 100),
        "第二期特殊教育提升计划（2017—2020 年）：残疾儿童少年义务教育入学率达到 95% 以上（各类残疾）")
    assert policy.line("dropout_junior").source is None  # a new line is not credited to the profile's sources
    assert policy.line("poverty_dropouts").target.op == "=="  # untouched lines come from the profile
    assert (policy.name, policy.base.origin) == ("湖南", "built-in:national-2020")


def test_extends_an_unknown_profile():
    assert problems("version: 1\nextends: shanghai\n") == [
        "t.yaml, line 2: no built-in profile 'shanghai'; the profiles are: national-2025, liangji-rural, liangji-urban, "
        "national-2020, youzhi-2017."]


# --- groups: lines by kind of unit ----------------------------------------------------------------------------------


def test_group_lines_keep_the_file_formula():
    policy = thresholds.parse("version: 1\nindicators:\n  consolidation_9y: {target: \">= 95%\", formula: raw}\n"
                              "groups:\n  - when: {城乡: 农村}\n    extends: national-2020\n", "t.yaml")
    (group,) = policy.groups
    assert (group.lines["consolidation_9y"].target.text, group.lines["consolidation_9y"].formula) == (">= 95%", "raw")


@pytest.mark.parametrize("groups, message", [
    ("groups:\n  - name: x\n", "t.yaml, line 5: this group has no `when` (which units it is for), e.g. when: "
                               "{城乡: 农村}."),
    ("groups:\n  - when: {城乡: 农村}\n    indicators:\n      consolidation_9y: {formula: raw}\n",
     "t.yaml, line 7: a group cannot change formula, definition or suspended (the total needs one way of computing)."),
    ("groups: {城乡: 农村}\n", "t.yaml, line 4: groups must be a list (each item starting with '- ')."),
])
def test_group_errors(groups, message):
    with pytest.raises(KongchuoError) as raised:
        thresholds.parse('version: 1\nindicators:\n  dropout_junior: {target: "<= 2%"}\n' + groups, "t.yaml")
    assert [problem.render("en") for problem in raised.value.problems] == [message]
