"""`kongchuo explain`: the indicator in words, and one unit's computation with its numbers (worked by hand).

Tests marked "Regression (review: policy features)" come from reviewing the policy features: lines of the wrong
kind, explain disagreeing with check, JUnit."""

from tests.helpers import ROOT
from tests.helpers.unit_lines import LINES, SCHOOLS

COUNTY = str(ROOT / "examples" / "county.csv")
NATIONAL = str(ROOT / "thresholds.yaml")


def test_describes_formulas_columns_line_and_arithmetic(run):
    result = run("explain", "consolidation_9y", "-t", NATIONAL, "--lang", "en")
    lines = result.stdout.splitlines()
    assert lines[0] == "九年义务教育巩固率  consolidation_9y  (nine-year consolidation rate)"
    assert "  * adjusted           final_grade_enrolled ÷ (grade1_entrants + transfers_in - transfers_out - deaths - " \
           "suspended)" in lines
    assert "  returns needed: each return adds 1 to N, D stays; k = max(0, ⌈τ·D⌉ - N), τ = 0.96" in lines
    assert any(line.startswith("  line: >= 96% — 十四五公共服务规划") for line in lines)


def test_every_indicator_without_an_id(run):
    result = run("explain", "-p", "liangji-rural")
    assert result.stdout.count("\n\n") == 11  # one block for each of the eleven indicators
    assert ("  标准：<= 3% — 1994 年两基普及程度评估验收标准：农村初中辍学率 3% 以下（据解读）（两基 普及程度标准（农村，1994））"
            in result.stdout)


def test_a_unit_worked_through(run):
    result = run("explain", "consolidation_9y", "--data", COUNTY, "--unit", "城关镇", "-t", NATIONAL)
    assert result.stdout.splitlines()[-7:] == [
        f"城关镇（{COUNTY} 第 3 行）：",
        "  N = 毕业班在校生数 = 1,690",
        "  D = 一年级入学人数 + 转入人数 - 转出人数 - 死亡人数 - 休学人数 = 1,862 + 30 - 16 - 0 - 6 = 1,870",
        "  N ÷ D = 1,690 ÷ 1,870 = 90.3743%",
        "  标准 >= 96%：τ·D = 0.96 × 1,870 = 1,795.2，取整为 1,796",
        "  需劝返 = 1,796 - 1,690 = 106 人。",
        "  检验：劝返 106 人后为 96.0428%，满足 >= 96%；只劝返 105 人则为 95.9893%，仍不满足。"]


def test_a_dropout_rate_and_the_county_total(run):
    dropout = run("explain", "dropout_primary", "--data", COUNTY, "--unit", "西河镇", "-t", NATIONAL, "--lang", "en")
    # 23 of 1,912: ⌊0.01 · 1,912⌋ = ⌊19.12⌋ = 19 allowed → 4 must return; 19/1,912 = 0.9937 %, 20/1,912 = 1.0460 %
    assert dropout.stdout.splitlines()[-3:] == [
        "  line <= 1%: τ·D = 0.01 × 1,912 = 19.12, rounded to 19",
        "  returns needed = 23 - 19 = 4.",
        "  check: with 4 returns it is 0.9937%, which meets <= 1%; with 3 it would be 1.0460%, which does not."]
    total = run("explain", "enrollment_disabled", "--data", COUNTY, "--unit", "合计", "-t", NATIONAL)
    # 随班就读 187 + 特教 80 + 送教上门 46 = 313 of 324; ⌈0.97 · 324⌉ = ⌈314.28⌉ = 315 → 2
    assert "  N = 随班就读人数 + 特教学校就读人数 + 送教上门人数 = 187 + 80 + 46 = 313" in total.stdout.splitlines()
    assert "  需劝返 = 315 - 313 = 2 人。" in total.stdout.splitlines()


def test_a_unit_that_meets_its_line(run):
    result = run("explain", "consolidation_9y", "--data", COUNTY, "--unit", "新华镇", "-t", NATIONAL)
    assert result.stdout.splitlines()[-1] == "  已达标，无需劝返。"


def test_explain_messages(run):
    assert run("explain", "bogus", "--lang", "en").stderr.startswith("Error: unknown indicator 'bogus'")
    assert run("explain", "--unit", "甲", "--lang", "en").stderr == "Error: --unit needs --data files.\n"
    result = run("explain", "consolidation_9y", "--data", COUNTY, "--unit", "不存在镇", "--lang", "en")
    assert result.exit_code == 2 and result.stderr.startswith("Error: no unit '不存在镇' in the data; the units are: 城关镇")


# Regression (review: policy features).
def test_explain_a_failing_count(run):
    result = run("explain", "poverty_dropouts", "--data", str(ROOT / "examples" / "county.csv"), "--unit", "柳林镇",
                 "-t", str(ROOT / "thresholds.yaml"))
    assert result.stdout.splitlines()[-4:] == ["  X = 脱贫家庭辍学人数 = 2", "  需劝返 = 2 - 0 = 2 人。",
                                               "  检验：劝返 2 人后为 0，满足 == 0；只劝返 1 人则为 1，仍不满足。",
                                               "  表中只有脱贫家庭辍学人数，失学（从未入学）的儿童未计入。"]


# Regression (review: policy features).
def test_explain_agrees_with_check_on_warn_and_kind(run, write_table, tmp_path):
    (tmp_path / "lines.yaml").write_text(LINES, "utf-8")
    result = run("explain", "dropout_junior", "-t", "lines.yaml", "--data", write_table(SCHOOLS), "--unit",
                 "乙镇/中心小学", "--lang", "en")
    assert result.stdout.splitlines()[-2:] == ["  the line is met: no returns needed.",
                                               "  judged by the lines of '农村'."]
    (tmp_path / "warn.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 97%"}\n',
                                        "utf-8")
    # 北山乡 636/656 = 96.95 %: meets 96 %, below 97 %: ⌈0.97 · 656⌉ = ⌈636.32⌉ = 637 → 1 more
    warn = run("explain", "consolidation_9y", "-t", "warn.yaml", "--data", str(ROOT / "examples" / "county.csv"),
               "--unit", "北山乡", "--lang", "en")
    assert warn.stdout.splitlines()[-1] == "  1 more returns reach the warn line '>= 97%'."


# Regression (review: policy features).
def test_explain_without_the_columns(run, write_table):
    result = run("explain", "consolidation_9y", "--data", write_table(SCHOOLS), "--unit", "甲镇/二中", "--lang", "en")
    assert result.stderr == ("Error: the data has no columns for 'consolidation_9y'; the indicators here are: "
                             "dropout_junior.\n")


# Regression (review: policy features).
def test_internal_error_without_verbose_option(run, monkeypatch):
    from kongchuo_cli.policy import thresholds

    monkeypatch.setattr(thresholds, "load", lambda *args: 1 / 0)
    result = run("explain", "--lang", "en")
    assert result.stderr == ("Error: kongchuo internal error (ZeroDivisionError: division by zero); please report it "
                             "with the command you ran to the maintainers.\n")


def test_an_indicator_by_its_chinese_name(run):
    by_id = run("explain", "consolidation_9y", "-t", NATIONAL).stdout
    assert run("explain", "九年义务教育巩固率", "-t", NATIONAL).stdout == by_id
    assert run("explain", "九年巩固率", "-t", NATIONAL).stdout == by_id  # its short name
    ambiguous = run("explain", "巩固率")
    assert (ambiguous.exit_code, ambiguous.stderr) == (
        2, "错误：「巩固率」可以指几个指标：九年义务教育巩固率、初中三年巩固率、小学巩固率；请写全名。\n")
    unknown = run("explain", "午餐")
    assert unknown.stderr.startswith("错误：未知的指标「午餐」；可用的指标：九年义务教育巩固率、初中三年巩固率、")
