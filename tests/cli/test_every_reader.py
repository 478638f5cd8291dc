"""Promises every command that reads tables keeps, tested once across all of them (as csvkit's EmptyFileTests and
NamesTests mixins do): a GBK file (Excel's plain "CSV" on Chinese Windows), a UTF-16 one (Excel's "Unicode 文本"),
standard input (-), a missing file, an atomic -o, and `| head`.

Each reader is a command with the table it needs and what its output must say about that table, worked by hand
below; a test runs once per reader. A command that gains a way to read files gains a reader here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from kongchuo_cli.output import files
from tests.helpers import corpus
from tests.helpers.rosters import LEDGER

# A thresholds file for `thresholds check --data`: the data has no junior dropout columns, so the line on line 4 is
# never used (a warning, exit 1); the group for 乙镇, a unit of the data, matches it (no warning): both can only be
# said once the headers and the unit names were read right.
LINT = """version: 1
indicators:
  consolidation_9y: {target: ">= 96%"}
  dropout_junior: {target: "<= 2%"}
groups:
  - when: {unit: 乙镇}
    indicators:
      consolidation_9y: {target: ">= 97%"}
"""

# A grade table (long: a row per unit, year and grade): 丁镇's grade 1 of 2020 (1000) goes on to grade 2 of 2021
# (920, of whom 20 repeat grade 2) or repeats grade 1 (50). By hand: promoted = 920 − 20 = 900, so promotion
# 900/1000 = 90 %, repetition 50/1000 = 5 %, dropout 100 − 90 − 5 = 5 %; grade to grade 920/1000 = 92 %.
GRADES = [["乡镇", "学年", "年级", "在校生数", "留级"], ["丁镇", "2020", "一年级", "1000", ""],
          ["丁镇", "2021", "一年级", "1050", "50"], ["丁镇", "2021", "二年级", "920", "20"]]


def township_figures(document) -> dict:
    return {r["unit"]: (r["numerator"], r["denominator"], r["returns_needed"])
            for r in document["results"] if r["indicator"] == "consolidation_9y"}


def expect_check(result):
    # tests/helpers/corpus.py: 甲镇 190/198 → 1, 乙镇 138/148 → 5, 丙乡 99/101 passes; 合计 427/447 → 3: exit 1
    assert result.exit_code == 1
    assert township_figures(json.loads(result.stdout)) == {**corpus.EXPECTED_UNITS, "Total": corpus.EXPECTED_TOTAL}


def expect_plan(result):
    # lost 甲镇 198 − 190 = 8, 乙镇 148 − 138 = 10, 丙乡 101 − 99 = 2 (20); the county needs 3: quotas 3·8/20 = 1.2,
    # 3·10/20 = 1.5, 3·2/20 = 0.3 → floors 1, 1, 0 and the one left to the largest remainder, 乙镇's
    assert result.exit_code == 0
    plan = [row for row in json.loads(result.stdout)["plan"] if row["indicator"] == "consolidation_9y"]
    assert [(row["unit"], row["lost"], row["share"]) for row in plan] == [
        ("甲镇", 8, 1), ("乙镇", 10, 2), ("丙乡", 2, 0), ("Total", 20, 3)]


def expect_cohorts(result):
    assert result.exit_code == 0
    (grade1,) = [r for r in json.loads(result.stdout)["rates"] if r["unit"] == "丁镇" and r["grade"] == 1]
    assert (grade1["enrolled"], grade1["promoted"], grade1["repeaters"]) == (1000, 900, 50)
    assert (grade1["promotion"], grade1["repetition"], grade1["dropout"], grade1["retention"]) == (90, 5, 5, 92)


def expect_returns(result):
    # tests/helpers/rosters.py: still out 钱二 (未劝返, 脱贫户), 孙三 (劝返中), 李四 (未劝返) in 甲镇, 郑七 (劝返中) in
    # 乙镇; closed 周五 已复学, 吴六 health, 冯八 转学核实
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [(child["township"], child["name"]) for child in document["children"]] == [
        ("甲镇", "钱*"), ("甲镇", "孙*"), ("甲镇", "李*"), ("乙镇", "郑*")]
    assert document["counts"] == {"out": 2, "in_progress": 2, "returned": 1, "transfer_verified": 1, "health": 1,
                                  "home_delivery": 0, "unknown": 0}


# A later snapshot of the ledger for `monthly`: 钱二 已复学, 李四 gone (no reason), 陈九 new in 乙镇.
LATER = [row[:6] + ["已复学"] + row[7:] if row[0] == "钱二" else row for row in LEDGER if row[0] != "李四"]
LATER.append(["陈九", "", "乙镇", "中心小学", "五年级", "厌学", "未劝返", "陈干部", "", "", "", "", ""])


def expect_monthly(result):
    # open at first: 钱二, 孙三, 李四 in 甲镇, 郑七 in 乙镇; later: 甲镇 3 − 1 returned − 1 vanished = 1, 乙镇 1 + 1 new
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [(r["unit"], r["opening"], r["new"], r["returned"], r["vanished"], r["closing"])
            for r in document["units"]] == [("甲镇", 3, 0, 1, 1, 1), ("乙镇", 1, 1, 0, 0, 2), ("Total", 4, 1, 1, 1, 3)]
    assert [event["event"] for event in document["events"]] == ["new", "returned", "vanished"]


def expect_explain(result):
    # 乙镇: N = 138, D = 150 + 0 − 2 − 0 − 0 = 148; ⌈0.96 · 148⌉ = ⌈142.08⌉ = 143 → 143 − 138 = 5
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "  N = final_grade_enrolled = 138" in lines
    assert "  D = grade1_entrants + transfers_in - transfers_out - deaths - suspended = 150 + 0 - 2 - 0 - 0 = 148" \
        in lines
    assert "  returns needed = 143 - 138 = 5." in lines


def expect_lint(result):
    assert (result.exit_code, result.stdout.splitlines()) == (1, [
        "Warning: lint.yaml, line 4: the data has no columns for junior dropout rate: this line is never used."])


@dataclass(frozen=True)
class Reader:
    """A command that reads a table: the table, the command line for a file holding it, and what must come out."""

    name: str
    rows: list[list[str]]
    command: Callable[[str], list[str]]
    expect: Callable[[object], None]
    broken: list[list[str]] | None = None  # a table the command refuses (exit 2), for the -o test; None: no -o


TOWNSHIPS = corpus.township_rows()  # a title, the header, three townships, 合计 and a notes row
TOWNSHIPS_BROKEN = [row[:] for row in TOWNSHIPS]
TOWNSHIPS_BROKEN[2][2] = "x"  # 甲镇's 毕业班在校生数

READERS = [
    Reader("check", TOWNSHIPS, lambda path: ["check", path, "-f", "json", "--lang", "en"], expect_check,
           TOWNSHIPS_BROKEN),
    Reader("plan", TOWNSHIPS, lambda path: ["plan", path, "-f", "json", "--lang", "en"], expect_plan,
           TOWNSHIPS_BROKEN),
    Reader("cohorts", GRADES, lambda path: ["cohorts", path, "--view", "flow", "-f", "json", "--lang", "en"],
           expect_cohorts, [GRADES[0], ["丁镇", "2020", "一年级", "x", ""]]),
    Reader("returns", LEDGER, lambda path: ["returns", path, "-f", "json", "--lang", "en"], expect_returns,
           [["编号", "备注"], ["1", "无"]]),  # no roster or ledger header
    Reader("monthly", LEDGER, lambda path: ["monthly", path, "later.csv", "-f", "json", "--lang", "en"],
           expect_monthly, [["编号", "备注"], ["1", "无"]]),
    Reader("explain", TOWNSHIPS, lambda path: ["explain", "--data", path, "--unit", "乙镇", "consolidation_9y",
                                               "--lang", "en"], expect_explain),
    Reader("thresholds check", TOWNSHIPS, lambda path: ["thresholds", "check", "lint.yaml", "--data", path,
                                                        "--lang", "en"], expect_lint),
]
EVERY_READER = pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.name.replace(" ", "-"))
# explain and thresholds check print no results, so take no -o
WITH_OUTPUT = pytest.mark.parametrize("reader", [reader for reader in READERS if reader.broken is not None],
                                      ids=lambda reader: reader.name.replace(" ", "-"))


@pytest.fixture(autouse=True)
def other_files(tmp_path):
    """What some readers read beside the table: a thresholds file to lint, a later snapshot of the ledger."""
    (tmp_path / "lint.yaml").write_text(LINT, "utf-8")
    corpus.write_delimited(tmp_path / "later.csv", LATER, "utf-8-sig")


def gbk(folder, reader):
    """Excel's plain "CSV (逗号分隔)" on Chinese Windows: GBK, no BOM."""
    return corpus.write_delimited(folder / "gbk.csv", reader.rows, "gbk")


@EVERY_READER
def test_gbk_file(run, tmp_path, reader):
    reader.expect(run(*reader.command(str(gbk(tmp_path, reader)))))


@EVERY_READER
def test_utf16_file(run, tmp_path, reader):
    path = corpus.write_delimited(tmp_path / "unicode.txt", reader.rows, "utf-16", "\t")  # Excel's "Unicode 文本"
    reader.expect(run(*reader.command(str(path))))


@EVERY_READER
def test_standard_input(run, tmp_path, reader):
    reader.expect(run(*reader.command("-"), input=gbk(tmp_path, reader).read_bytes()))


@EVERY_READER
def test_missing_file(run, reader):
    result = run(*reader.command("missing.csv"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: missing.csv: file not found; check the path.\n")


@WITH_OUTPUT
def test_a_failed_run_leaves_an_existing_output_alone(run, tmp_path, reader):
    broken = corpus.write_delimited(tmp_path / "broken.csv", reader.broken, "utf-8-sig")
    (tmp_path / "results.csv").write_text("earlier results", "utf-8")
    before = sorted(os.listdir(tmp_path))
    assert run(*reader.command(str(broken)), "-o", "results.csv").exit_code == 2
    assert (tmp_path / "results.csv").read_text("utf-8") == "earlier results"
    assert sorted(os.listdir(tmp_path)) == before  # no temporary file left (they start with a dot)


@WITH_OUTPUT
def test_a_write_that_fails_at_the_end_leaves_an_existing_output_alone(run, tmp_path, monkeypatch, reader):
    path = gbk(tmp_path, reader)
    (tmp_path / "results.csv").write_text("earlier results", "utf-8")
    before = sorted(os.listdir(tmp_path))

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)  # the results were written beside, then cannot be moved in
    result = run(*reader.command(str(path)), "-o", "results.csv")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, "Error: results.csv: cannot write: No space left on device.")
    assert (tmp_path / "results.csv").read_text("utf-8") == "earlier results"
    assert sorted(os.listdir(tmp_path)) == before


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no SIGPIPE on this system")
@EVERY_READER
def test_a_closed_pipe_ends_quietly(run, tmp_path, reader):
    """`kongchuo … | head`: once the reader has gone, the command ends without a word more than it says anyway."""
    arguments = reader.command(str(gbk(tmp_path, reader)))
    read = run(*arguments)
    assert read.stdout  # something to write, so the closed pipe is met
    reading_end, writing_end = os.pipe()
    os.close(reading_end)  # `head` has read its lines and gone
    try:
        closed = subprocess.run([sys.executable, "-m", "kongchuo_cli", *arguments], cwd=tmp_path, stdout=writing_end,
                                stderr=subprocess.PIPE)
    finally:
        os.close(writing_end)
    assert closed.stderr.decode("utf-8") == read.stderr  # no traceback, no "Broken pipe"
    assert closed.returncode in (-signal.SIGPIPE, read.exit_code)  # killed by SIGPIPE as Unix tools are, or done
