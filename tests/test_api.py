"""The Python API: what the command line prints as JSON, a notebook gets as records, for every command and every
example file; bad input raises KongchuoError whose lines are the CLI's; nothing printed, nothing written."""

import json
import subprocess
import sys

import pytest

import kongchuo_cli
from tests.helpers import ROOT, monthly
from tests.helpers.rosters import A2, A3, B1, LEDGER, write

COUNTY = str(ROOT / "examples" / "county.csv")
GRADES = str(ROOT / "examples" / "grades.csv")
THRESHOLDS = str(ROOT / "thresholds.yaml")


@pytest.fixture(autouse=True)
def in_an_empty_folder(tmp_path, monkeypatch):
    """No ./thresholds.yaml is picked up, and a file written would show."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def ledger(tmp_path):
    return write(tmp_path / "ledger.csv", LEDGER)


@pytest.fixture
def cli_json(run):
    """The command's JSON document."""

    def invoke(*args):
        result = run(*args, "-f", "json")
        return result, json.loads(result.stdout)

    return invoke


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path, options, arguments", [
    (COUNTY, {}, ()),
    (COUNTY, {"thresholds": THRESHOLDS, "gate": "units", "strict": True}, ("-t", THRESHOLDS, "--gate", "units",
                                                                         "--strict")),
    (GRADES, {}, ()),
    (GRADES, {"history": True, "system": "6-3"}, ("--history", "--system", "6-3")),
], ids=["county", "county-units", "grades", "grades-history"])
def test_check_records_are_the_json_records(cli_json, path, options, arguments, lang):
    result, document = cli_json("check", path, *arguments, "--lang", lang)
    evaluation = kongchuo_cli.check([path], **options)
    assert evaluation.records(lang) == document["results"]
    assert (evaluation.passed, evaluation.counts, evaluation.skipped) == (document["passed"], document["counts"],
                                                                          document["skipped"])
    assert evaluation.exit_code == result.exit_code


def test_check_by_hand_on_the_example_county():
    # Column sums of the twelve townships: N 7825 over 8570 + 325 − 450 − 14 − 43 = 8388; ⌈0.96 · 8388⌉ − 7825 = 228
    evaluation = kongchuo_cli.check(COUNTY)
    total = next(result for result in evaluation.results if result.is_total and
                 result.indicator.id == "consolidation_9y")
    assert (total.numerator, total.denominator, total.returns_needed) == (7825, 8388, 228)
    assert (evaluation.passed, evaluation.exit_code) == (False, 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_records_are_the_json_records(cli_json, lang):
    _, document = cli_json("plan", COUNTY, "--lang", lang)
    assert kongchuo_cli.plan([COUNTY]).records(lang) == document["plan"]


def test_plan_shares_the_county_need():
    # the county needs 228 for consolidation; the shares of the twelve townships add up to it
    records = kongchuo_cli.plan(COUNTY, indicators=["consolidation_9y"]).records("en")
    assert sum(record["share"] for record in records if not record["is_total"]) == 228


@pytest.mark.parametrize("view", ["ladder", "flow", "gaps"])
def test_cohorts_records_are_the_json_records(cli_json, view):
    _, document = cli_json("cohorts", GRADES, "--view", view, "--lang", "en")
    key = {"ladder": "cohorts", "flow": "rates", "gaps": "gaps"}[view]
    assert kongchuo_cli.cohorts(GRADES, view=view).records("en") == document[key]


def test_returns_records_are_the_json_records_and_masked(cli_json, ledger):
    _, document = cli_json("returns", ledger, "--lang", "en")
    found = kongchuo_cli.returns(ledger)
    assert found.records("en") == document["children"]
    # still out (tests/helpers/rosters.py): 钱二, 孙三, 李四 in 甲镇 (脱贫户 first, then 留守), 郑七 in 乙镇; masked
    assert [(child["name"], child["id_number"]) for child in found.records("en")][:3] == [
        ("钱*", A2[:8] + "****" + A2[-4:]), ("孙*", A3[:8] + "****" + A3[-4:]), ("李*", B1[:8] + "****" + B1[-4:])]
    assert kongchuo_cli.returns(ledger, reveal=True).records("en")[0]["name"] == "钱二"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_briefing_records_are_the_json_records(cli_json, months, lang):
    _, document = cli_json("briefing", COUNTY, "--ledgers", *months, "--lang", lang)
    found = kongchuo_cli.briefing(COUNTY, ledgers=months)
    assert found.records(lang) == document["rankings"]
    # the rankings are check's results: the county's 城关镇 needs 106 for consolidation, ⌈0.96 · 1870⌉ − 1690
    (record,) = [record for record in found.records(lang) if record["unit"] == "城关镇"
                 and record["indicator"] == "consolidation_9y"]
    assert (record["rank"], record["numerator"], record["denominator"], record["returns_needed"]) == (
        11, 1690, 1870, 106)
    assert found.document(lang).title == document["title"]


@pytest.fixture
def months(tmp_path):
    folder = tmp_path / "ledgers"
    folder.mkdir()
    return [write(folder / f"{name}.csv", rows) for name, rows in (("sep", monthly.SEPTEMBER),
                                                                   ("oct", monthly.OCTOBER))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_monthly_records_are_the_json_records(cli_json, months, lang):
    result, document = cli_json("monthly", *months, "--lang", lang)
    found = kongchuo_cli.monthly(months)
    assert found.records(lang) == document["units"]
    assert found.event_records(lang) == document["events"]
    assert found.problem_records(lang) == document["problems"]
    assert found.period_records() == document["periods"]
    assert found.exit_code == result.exit_code == 0
    assert kongchuo_cli.monthly(months, strict=True).exit_code == 1  # 孙三 listed twice, 李四 vanished
    # the typed results: 6 open in September, 5 in October (tests/judge/test_monthly.py)
    assert [(row.opening, row.closing) for row in found.comparison.last] == [(3, 2), (3, 3), (6, 5)]
    assert [event.kind for event in found.events][:2] == ["new", "new"]
    assert [month.label for month in found.periods] == ["2024-09-30", "2024-10-31"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_text_is_what_the_command_prints(run, lang):
    printed = run("explain", "consolidation_9y", "--data", COUNTY, "--unit", "合计", "--lang", lang).stdout
    text = kongchuo_cli.explain("consolidation_9y", data=[COUNTY], unit="合计").text(lang)
    assert text == printed
    assert "8,053 - 7,825" in text  # ⌈0.96 · 8388⌉ = 8053 children must be there; 7825 are


def test_explain_takes_the_chinese_name():
    by_name = kongchuo_cli.explain("九年义务教育巩固率").text("zh")
    assert by_name == kongchuo_cli.explain("consolidation_9y").text("zh")
    assert by_name.startswith("九年义务教育巩固率  consolidation_9y")


def test_load_thresholds():
    lines = kongchuo_cli.load_thresholds(profile="youzhi-2017")
    assert lines.origin == "built-in:youzhi-2017"
    assert lines.line("consolidation_junior_3y").target.text == ">= 95%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_errors_are_the_lines_the_command_prints(run, write_table, lang):
    bad = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "x"]])
    printed = run("check", bad, "missing.csv", "--lang", lang).stderr
    with pytest.raises(kongchuo_cli.KongchuoError) as raised:
        kongchuo_cli.check([bad, "missing.csv"])
    assert "\n".join(raised.value.lines(lang)) + "\n" == printed
    assert [problem.code for problem in raised.value.problems] == ["cell_not_number", "file_missing"]


@pytest.mark.parametrize("call", [
    lambda: kongchuo_cli.check(COUNTY, gate="everything"),
    lambda: kongchuo_cli.check(COUNTY, thresholds=THRESHOLDS, profile="youzhi-2017"),
    lambda: kongchuo_cli.check(COUNTY, cohort=2012),
    lambda: kongchuo_cli.check([]),
    lambda: kongchuo_cli.cohorts(GRADES, view="tree"),
    lambda: kongchuo_cli.explain("no_such_indicator"),
    lambda: kongchuo_cli.monthly(COUNTY),
    lambda: kongchuo_cli.monthly([COUNTY, GRADES], sheets=True, sheet="1"),
    lambda: kongchuo_cli.monthly([COUNTY, GRADES], stale_days=-1),
], ids=["gate", "thresholds-and-profile", "cohort-of-a-summary", "no-files", "view", "indicator", "not-a-ledger",
        "sheets-and-sheet", "stale-days"])
def test_bad_arguments_raise_kongchuo_error(call):
    with pytest.raises(kongchuo_cli.KongchuoError):
        call()


def test_nothing_printed_and_nothing_written(capsys, tmp_path, ledger, months):
    before = sorted(path.name for path in tmp_path.iterdir())
    kongchuo_cli.monthly(months).event_records()
    kongchuo_cli.check(COUNTY).records()
    kongchuo_cli.plan(COUNTY).records()
    kongchuo_cli.cohorts(GRADES, view="flow").records()
    kongchuo_cli.returns(ledger).records()
    kongchuo_cli.explain("dropout_junior").text()
    assert capsys.readouterr() == ("", "")
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_to_frame_holds_the_records():
    evaluation = kongchuo_cli.check(COUNTY)
    frame = evaluation.to_frame("en")
    records = evaluation.records("en")
    assert list(frame.columns) == list(records[0])
    assert len(frame) == len(records)
    total = frame[(frame["is_total"]) & (frame["indicator"] == "consolidation_9y")].iloc[0]
    assert (total["numerator"], total["denominator"], total["returns_needed"]) == (7825, 8388, 228)


def test_to_frame_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r"kongchuo\[pandas\]"):
        kongchuo_cli.check(COUNTY).to_frame()


def test_importing_the_package_loads_no_heavy_library():
    code = ("import sys, kongchuo_cli\n"
            "print(sorted(name for name in ('click', 'rich', 'duckdb', 'pandas', 'openpyxl', 'yaml')"
            " if name in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_check_loads_neither_click_nor_rich_nor_duckdb_nor_pandas():
    code = ("import sys, kongchuo_cli\n"
            f"kongchuo_cli.check({COUNTY!r}).records()\n"
            "print(sorted(name for name in ('click', 'rich', 'duckdb', 'pandas') if name in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
