"""The `kongchuo` group itself: start-up stays light (--help and --version of every command import no heavy
library: the commands load what they need when they run); every --help fits 80 columns, Chinese aligned; usage
errors in Chinese, click's English after a slash."""

import subprocess
import sys

import pytest

from kongchuo_cli.output.text import width_of
from tests.helpers import ROOT

HEAVY = ("rich", "duckdb", "pandas", "openpyxl", "docx", "matplotlib", "numpy")


def loaded(args: list[str]) -> list[str]:
    """The heavy libraries a run of `kongchuo ARGS` imports."""
    code = ("import sys\nfrom kongchuo_cli.cli import cli\ntry:\n    cli(%r)\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(name for name in %r if name in sys.modules)))" % (args, HEAVY))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[-1].split()


@pytest.mark.parametrize("args", [["--version"], ["--help"], *([name, "--help"] for name in (
    "check", "plan", "returns", "monthly", "briefing", "cohorts", "explain", "init", "thresholds"))])
def test_help_loads_no_heavy_library(args):
    assert loaded(args) == []


def test_the_list_of_commands_imports_no_command():
    """`kongchuo --help` lists the commands from the catalogue: no command's module is loaded to say what it does."""
    code = ("import sys\nfrom kongchuo_cli.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(name for name in sys.modules if name.startswith('kongchuo_cli.cli.') and "
            "name not in ('kongchuo_cli.cli.options', 'kongchuo_cli.cli.usage')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_checking_a_county_loads_only_what_it_needs(tmp_path):
    """`check` of a county's summary table, piped: no rich (no terminal, no progress), no DuckDB, no pandas, and
    none of what only grade tables, plans, rosters, monthly reports and briefings need."""
    code = ("import sys\nfrom kongchuo_cli.cli import cli\ntry:\n    cli(['check', %r])\nexcept SystemExit:\n"
            "    pass\nprint(sorted(name for name in sys.modules if name.split('.')[0] in ('rich', 'duckdb', 'pandas', "
            "'openpyxl', 'python_calamine', 'docx', 'matplotlib', 'numpy') or name in ('kongchuo_cli.judge.monthly', "
            "'kongchuo_cli.judge.plan', 'kongchuo_cli.judge.grades', 'kongchuo_cli.judge.rank', "
            "'kongchuo_cli.indicators.flows', 'kongchuo_cli.read.roster.ledger', 'kongchuo_cli.output.chart', "
            "'kongchuo_cli.policy.meta')))"
            % str(ROOT / "examples" / "county.csv"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "[]"


def test_other_commands_never_load_word_or_charts(tmp_path):
    # check writes its workbook with openpyxl; python-docx and matplotlib are for the briefing alone
    county = str(ROOT / "examples" / "county.csv")
    assert [name for name in loaded(["check", county, "-o", str(tmp_path / "x.xlsx")])
            if name in ("docx", "matplotlib")] == []
    assert [name for name in loaded(["plan", county]) if name in ("docx", "matplotlib")] == []


COMMAND_PATHS = [[], ["check"], ["plan"], ["returns"], ["monthly"], ["briefing"], ["cohorts"], ["explain"], ["init"],
                 ["thresholds"],
                 ["thresholds", "list"], ["thresholds", "show"], ["thresholds", "check"]]


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda path: " ".join(path) or "kongchuo")
def test_help_fits_80_columns_with_its_columns_aligned(run, monkeypatch, path):
    monkeypatch.setenv("COLUMNS", "80")
    lines = run(*path, "--help").stdout.splitlines()
    assert max(width_of(line) for line in lines) <= 80
    # every option's help begins in the same display column, Chinese in the option's name or not
    options = lines[lines.index("选项 / Options:") + 1:]
    starts = {width_of(line[:len(line) - len(line.lstrip(" ")[len(term):].lstrip(" "))])
              for line in options if (term := line.strip().split("  ")[0]) and line.startswith("  -")
              and len(line.strip().split("  ")) > 1}
    assert len(starts) == 1


def test_system_choices_align_although_chinese():
    # [6-3|5-4|九年一贯制] is 20 characters but 25 cells: its help must start where the others' do
    from click.testing import CliRunner

    from kongchuo_cli.cli import cli

    lines = CliRunner().invoke(cli, ["check", "--help"], env={"COLUMNS": "80"}).stdout.splitlines()
    (system,) = [line for line in lines if line.startswith("  --system")]
    (gate,) = [line for line in lines if line.startswith("  --gate")]
    assert system.index("年级表") == len("  --system [6-3|5-4|九年一贯制]   ")
    assert width_of(system[:system.index("年级表")]) == width_of(gate[:gate.index("决定")]) == 34


@pytest.mark.parametrize("args, said", [
    (["chek"], "错误：没有「chek」这个命令（是否要用 check？） / Error: No such command 'chek'."),
    (["check"], "错误：缺少参数 FILES... / Error: Missing argument 'FILES...'."),
    (["check", "a.csv", "--gate", "all"], "错误：--gate 不能是「all」；可选：total、units / Error: Invalid value for "
                                          "'--gate': 'all' is not one of total, units"),
    (["check", "a.csv", "--lang", "fr"], "错误：--lang 不能是「fr」；可选：zh、en / Error: Invalid value for '--lang': "
                                         "'fr' is not one of zh, en"),
    (["check", "a.csv", "--colour"], "错误：没有「--colour」这个选项（是否要用 --cohort、--color、--no-color？） / Error: "
                                     "No such option '--colour'. (Did you mean one of: '--cohort', '--color', "
                                     "'--no-color'?)"),
    (["check", "a.csv", "-o"], "错误：选项 -o 后面要跟一个值 / Error: Option '-o' requires an argument."),
    (["check", "a.csv", "--year", "1800"], "错误：--year 应为 1949 到 2100 之间的整数，不能是「1800」 / Error: Invalid "
                                           "value for '--year': '1800' is not a whole number from 1949 to 2100"),
    (["check", "a.csv", "--encoding", "klingon"], "错误：--encoding 不认识的编码「klingon」（常用：utf-8、gb18030、"
                                                  "utf-16） / Error: Invalid value for '--encoding': unknown encoding "
                                                  "'klingon' (common ones: utf-8, gb18030, utf-16)"),
    (["explain", "a", "b"], "错误：多出了参数 b / Error: Got unexpected extra argument (b)"),
])
def test_usage_errors_in_chinese_then_english(run, args, said):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    command = "cli" if args == ["chek"] else f"cli {args[0]}"  # the test runner's name for the program
    assert lines[0].startswith(f"用法 / Usage: {command} [OPTIONS] ")
    assert lines[1:] == [f"帮助：{command} --help / help: {command} --help", "", said]


def test_check_help_lists_every_exit_code_check_can_end_with(run):
    # 0 pass, 1 a gated row fails, 2 cannot evaluate, 130 interrupted (signals.py: 128 + the signal's number)
    shown = run("check", "--help").stdout
    codes = [line.split()[0] for line in shown[shown.index("退出码"):shown.index("选项")].splitlines()[1:] if line.strip()]
    assert codes == ["0", "1", "2", "130"]
