"""`kongchuo thresholds list|show|check`: the profiles, and a lint that names every problem by line.

Tests marked "Regression (review: policy features)" come from reviewing the policy features: lines of the wrong
kind, explain disagreeing with check, JUnit."""

from tests.helpers import corpus
from tests.helpers.unit_lines import LINES, SCHOOLS


def test_list(run):
    result = run("thresholds", "list")
    assert result.stdout.splitlines()[0] == "national-2025   国家标准（十四五，2025）（默认）"
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "national-2025", "liangji-rural", "liangji-urban", "national-2020", "youzhi-2017"]


def test_show_prints_the_yaml(run):
    result = run("thresholds", "show", "liangji-rural")
    assert 'target: "<= 3%"' in result.stdout and result.exit_code == 0
    assert run("thresholds", "show", "nowhere").exit_code == 2


def test_lint_errors_warnings_and_clean(run, tmp_path):
    (tmp_path / "bad.yaml").write_text('version: 1\nindicators:\n  dropout_junior: {targt: "<= 2%"}\n', "utf-8")
    result = run("thresholds", "check", "bad.yaml")
    assert (result.exit_code, result.stderr) == (
        2, "错误：bad.yaml 第 3 行：未知的键「targt」；可用的键：target、warn、formula、definition、suspended、source。\n")

    (tmp_path / "lint.yaml").write_text(
        'version: 1\nextends: national-2020\nindicators:\n  consolidation_9y:\n    target: ">= 94%"\n'
        '    warn: ">= 94%"\n  dropout_junior: {target: "<= 2%"}\n', "utf-8")
    school = corpus.school_csv(tmp_path)  # feeds consolidation only
    result = run("thresholds", "check", "lint.yaml", "--data", str(school), "--lang", "en")
    assert (result.exit_code, result.stdout.splitlines()) == (1, [
        "Warning: lint.yaml, line 5: '>= 94%' is looser than the inherited line '>= 95%'.",
        "Warning: lint.yaml, line 6: the warn line '>= 94%' is the same as the target '>= 94%': it can never fire.",
        "Warning: lint.yaml, line 7: the data has no columns for junior dropout rate: this line is never used."])

    (tmp_path / "ok.yaml").write_text('version: 1\nextends: youzhi-2017\n', "utf-8")
    result = run("thresholds", "check", "ok.yaml", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "ok.yaml: no problems (2 lines).\n")


# Regression (review: policy features).
def test_a_group_that_matches_nothing_is_warned(run, write_table, tmp_path):
    (tmp_path / "typo.yaml").write_text(LINES.replace("城乡: 农村", "城乡: 乡村").replace("丙镇/中心小学", "中心小学"),
                                        "utf-8")
    data = write_table(SCHOOLS)
    # as `check` warns (tests/cli/test_check.py)
    lint = run("thresholds", "check", "typo.yaml", "--data", data, "--lang", "en")
    assert lint.exit_code == 1 and "matches no unit" in lint.stdout


# Regression (review: policy features).
def test_lint_reports_group_errors_with_the_rest(run, tmp_path):
    (tmp_path / "e.yaml").write_text('version: 2\nindicators:\n  dropout_junior: {target: "<= 2%"}\ngroups:\n'
                                     '  - when: {城乡: 农村}\n    indicators:\n      dropout_junior: {target: "2%"}\n',
                                     "utf-8")
    result = run("thresholds", "check", "e.yaml", "--lang", "en")
    assert result.stderr.splitlines() == [
        "Error: e.yaml, line 1: version must be 1, not '2'.",
        "Error: e.yaml, line 7: '2%' is not a line; write OP NUMBER, e.g. \">= 96%\", \"<= 1%\", \"== 0\"."]


# Regression (review: policy features).
def test_lint_with_data_reports_a_missing_group_column(run, write_table, tmp_path):
    (tmp_path / "p.yaml").write_text('version: 1\nindicators:\n  dropout_junior: {target: "<= 2%"}\ngroups:\n'
                                     '  - when: {片区: 东片}\n    indicators:\n      dropout_junior: {target: "<= 3%"}\n',
                                     "utf-8")
    lint = run("thresholds", "check", "p.yaml", "--data", write_table(SCHOOLS), "--lang", "en")
    assert lint.exit_code == 1
    assert lint.stdout.splitlines()[0] == ("Warning: p.yaml, line 5: the group condition's column '片区' is not in the "
                                           "data; the columns are: 乡镇, 城乡.")
