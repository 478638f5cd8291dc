"""Every table kongchuo prints fits the width it is given: COLUMNS when set, else the terminal's, else 80 (a pipe,
as under the test runner). Widths in display cells: a Chinese character takes two."""

import pytest

from kongchuo_cli.output.text import width_of
from tests.helpers import ROOT, corpus
from tests.helpers.fake_roster import write_ledger
from tests.helpers.rosters import LEDGER, write

COUNTY = str(ROOT / "examples" / "county.csv")
GRADES = str(ROOT / "examples" / "grades.csv")
RUNS = {
    "check": ["check", COUNTY], "check long": ["check", COUNTY, "--view", "long"],
    "check compact en": ["check", COUNTY, "--view", "compact", "--lang", "en"],
    "check grades history": ["check", GRADES, "--history"], "check grades by": ["check", GRADES, "--by", "乡镇"],
    "plan": ["plan", COUNTY], "plan gap en": ["plan", COUNTY, "--share-by", "gap", "--lang", "en"],
    "cohorts": ["cohorts", GRADES], "cohorts flow": ["cohorts", GRADES, "--view", "flow"],
    "cohorts gaps": ["cohorts", GRADES, "--view", "gaps"],
}


def widest(text):
    return max(width_of(line) for line in text.splitlines())


@pytest.mark.parametrize("columns", [None, "80", "100"])
@pytest.mark.parametrize("name", RUNS)
def test_every_table_fits(run, monkeypatch, name, columns):
    if columns:
        monkeypatch.setenv("COLUMNS", columns)
    result = run(*RUNS[name])
    assert result.exit_code in (0, 1) and widest(result.stdout) <= int(columns or 80)


def test_schools_rolled_up_and_return_lists_fit(run, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "80")
    schools = str(corpus.school_csv(tmp_path))
    assert widest(run("check", schools, "--by", "乡镇,学校名称", "--view", "long").stdout) <= 80
    small = write(tmp_path / "ledger.csv", LEDGER)
    large = str(write_ledger(tmp_path / "county-ledger.csv", 300, seed=3))  # long school names, every priority
    for args in ([small], [large], [large, "--reveal"], [large, "--lang", "en"]):
        assert widest(run("returns", *args).stdout) <= 80


def test_the_long_check_is_dealt_into_panels_that_repeat_the_unit(run):
    lines = run("check", COUNTY, "--view", "long").stdout.splitlines()
    headers = [line for line in lines if line.startswith("┃ 单位")]
    # at 80 columns: the numbers in one panel, the verdicts and notes in the next, each naming unit and indicator
    assert [header.split("┃")[1:3] for header in headers] == [[" 单位     ", " 指标                   "]] * 2
    assert "结果" in headers[1] and "需劝返" in headers[1] and "分子" in headers[0]
