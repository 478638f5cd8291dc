"""Reports for CI: JUnit XML and the one-line summary."""

import xml.etree.ElementTree as ElementTree

from tests_small import SMALL_COUNTY


def test_junit_report_structure(run, write_table, tmp_path):
    path = write_table(SMALL_COUNTY)
    result = run("check", path, "--junit", "report.xml", "--gate", "units", "-q")
    assert result.exit_code == 1
    root = ElementTree.parse(tmp_path / "report.xml").getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    # 甲镇, 乙镇 and 合计 × consolidation and junior dropouts = 6 cases; 甲镇 fails both
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("errors")) == ("6", "2", "0", "0")
    assert (root.get("tests"), root.get("failures")) == ("6", "2")
    assert [(case.get("classname"), case.get("name")) for case in cases] == [
        ("甲镇", "consolidation_9y 九年义务教育巩固率"), ("甲镇", "dropout_junior 初中辍学率"),
        ("乙镇", "consolidation_9y 九年义务教育巩固率"), ("乙镇", "dropout_junior 初中辍学率"),
        ("合计", "consolidation_9y 九年义务教育巩固率"), ("合计", "dropout_junior 初中辍学率")]
    failure = cases[0].find("failure")
    # 95/100 against >= 96 %: ⌈96⌉ − 95 = 1 to return
    assert failure.get("message") == "95.0000% 未满足 >= 96%，需劝返 1 人"
    assert failure.text == "rate=95.0000% target=>= 96% returns_needed=1 numerator=95 denominator=100 formula=adjusted"
    assert cases[2].find("failure") is None and cases[2].find("system-out") is not None


def test_junit_strict_and_skipped(run, write_table, tmp_path):
    path = write_table([["乡镇", "一年级入学人数", "毕业班在校生数", "小学辍学人数", "小学学年初在校生数"],
                        ["甲", "100", "97", "0", "0"]])
    (tmp_path / "t.yaml").write_text('version: 1\nindicators:\n  consolidation_9y: {target: ">= 96%", warn: ">= 98%"}\n'
                                     '  dropout_primary: {target: "<= 1%"}\n', "utf-8")
    run("check", path, "-t", "t.yaml", "--junit", "j.xml", "--strict", "--lang", "en", "-q")
    suite = ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite")
    # 97 % is a warn (below 98 %) → a failure with --strict; 0 of 0 primary pupils: undefined → skipped
    assert (suite.get("failures"), suite.get("skipped")) == ("1", "1")
    assert suite.findall("testcase")[1].find("skipped").get("message") == "the denominator is 0: the rate is undefined."


def test_summary_line(run, write_table):
    path = write_table([SMALL_COUNTY[0], ["甲镇", "100", "90", "3", "100"], ["乙镇", "200", "190", "1", "200"]])
    # 合计 280/300: ⌈288⌉ − 280 = 8 to return; junior dropouts 4/300 pass
    result = run("check", path, "--summary")
    assert (result.exit_code, result.stdout) == (1, "未达标 1 项，预警 0 项，达标 1 项 — 需劝返：九年义务教育巩固率 8 人\n")
    english = run("check", path, "--summary", "--lang", "en").stdout
    assert english == "1 fail, 0 warn, 1 pass — children to return: 8 for nine-year consolidation rate\n"


def test_summary_with_an_output_file(run, write_table, tmp_path):
    path = write_table(SMALL_COUNTY)
    result = run("check", path, "--summary", "-o", "r.json", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "0 fail, 0 warn, 2 pass\n")
    assert (tmp_path / "r.json").read_text("utf-8").startswith("{")
