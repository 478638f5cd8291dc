"""Nothing from the input drives the terminal: every control character (C0 but tab and line feed, DEL, C1) and every
bidi override in a value kongchuo shows — unit names, headers, bad cells, thresholds names and sources, schools and
reasons in `returns`, file names — reaches the screen and the pipes as a visible escape, in every text format."""

import json
import re

import pytest

from kongchuo_cli.i18n import inert
from tests.helpers.rosters import LEDGER, write

# one member of each class: CSI, OSC (ended by BEL), backspace, carriage return, NUL, DEL, C1 (NEL, CSI), bidi
HOSTILE = ["\x1b[31m", "\x1b]0;pwn\x07", "\b", "\r", "\x00", "\x7f", "\x85", "\x9b2J", "\u202e", "\u2066", "\u200f"]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def raw_controls(text: str) -> list[str]:
    return RAW.findall(text)


@pytest.mark.parametrize("value, shown", [
    ("a\x1b[2Jb", "a\\x1b[2Jb"), ("\x07", "\\x07"), ("\x00", "\\x00"), ("\x7f", "\\x7f"), ("\x9b", "\\x9b"),
    ("x\u202ey", "x\\u202ey"), ("\u2066", "\\u2066"), ("镇\t名", "镇\\x09名"), ("两行\n", "两行\\x0a"), ("甲镇", "甲镇")])
def test_inert_makes_each_class_visible(value, shown):
    assert inert(value) == shown


def hostile_county(write_table, where):
    """The two-township table with every hostile sequence in one place: the unit name or the header."""
    units = ["甲镇" + "".join(HOSTILE), "乙镇"]
    header = ["乡镇", "一年级入学人数", "毕业班在校生数"]
    if where == "header":
        header.append("备注" + "".join(HOSTILE))
        return write_table([header, ["甲镇", "100", "95", ""], ["乙镇", "200", "194", ""]])
    return write_table([header, [units[0], "100", "95"], [units[1], "200", "194"]])


@pytest.mark.parametrize("where", ["unit", "header"])
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "markdown", "json"])
def test_unit_names_and_headers_in_every_format(run, write_table, where, fmt):
    result = run("check", hostile_county(write_table, where), "-f", fmt, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert raw_controls(result.stdout) == [] and raw_controls(result.stderr) == []
    shown = result.stdout + result.stderr
    assert "\\x1b[31m" in shown or "\\u001b[31m" in shown  # the sequence is still there to see, only inert
    if fmt == "json" and where == "unit":
        units = [row["unit"] for row in json.loads(result.stdout)["results"]]
        assert units[0].startswith("甲镇\x1b[31m")  # JSON keeps the value: a program reading it gets what was written


def test_a_bad_cell_in_an_error(run, write_table):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "9\x1b]8;;http://x\x1b\\5\u202e"]])
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 2
    assert raw_controls(result.stderr) == [] and "9\\x1b]8;;http://x\\x1b\\5\\u202e" in result.stderr


def test_a_file_name(run, tmp_path):
    name = tmp_path / "县\x1b[2J\u202e.csv"
    name.write_text("乡镇,一年级入学人数\n", encoding="utf-8")
    result = run("check", str(name), "--lang", "en")
    assert result.exit_code == 2 and raw_controls(result.stderr) == [] and "\\x1b[2J" in result.stderr


def test_thresholds_name_source_and_rule(run, write_table, tmp_path):
    county = write_table([["乡镇", "一年级入学人数", "毕业班在校生数"], ["甲镇", "100", "95"]])
    (tmp_path / "lines.yaml").write_text(
        'version: 1\nname: "县\\e[5m标准\\u202e"\nindicators:\n  consolidation_9y:\n    target: ">= 96%"\n'
        '    source: "文件\\e]0;pwn\\a号\\x85"\n', encoding="utf-8")
    shown = []
    for args in (["check", county, "-t", "lines.yaml"], ["check", county, "-t", "lines.yaml", "-f", "markdown"],
                 ["explain", "consolidation_9y", "--data", county, "-t", "lines.yaml", "--unit", "甲镇"],
                 ["explain", "consolidation_9y", "-t", "lines.yaml"], ["thresholds", "check", "lines.yaml"]):
        result = run(*args, "--lang", "en")
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert raw_controls(result.stdout + result.stderr) == [], args
        shown.append(result.stdout + result.stderr)
    assert "县\\x1b[5m标准\\u202e" in shown[0] and "文件\\x1b]0;pwn\\x07号\\x85" in shown[3]
    (tmp_path / "bad.yaml").write_text(
        'version: 1\nindicators:\n  consolidation_9y:\n    target: ">= 9\\e[2J6%"\n', encoding="utf-8")
    result = run("check", county, "-t", "bad.yaml", "--lang", "en")
    assert result.exit_code == 2 and raw_controls(result.stderr) == [] and "\\x1b[2J" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_schools_and_reasons_in_returns(run, tmp_path, fmt):
    ledger = [LEDGER[0], *[[*row] for row in LEDGER[1:]]]
    ledger[1][3] = "中心\x1b[8m小学\u202e"  # school
    ledger[1][5] = "厌学\r\x1b[1A已复学"  # reason: a carriage return and a cursor-up would hide the line
    ledger[1][7] = "王\x9b干部"
    path = write(tmp_path / "ledger.csv", ledger)
    result = run("returns", path, "-f", fmt, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert raw_controls(result.stdout + result.stderr) == []
    assert "\\x1b[8m" in result.stdout or "\\u001b[8m" in result.stdout
