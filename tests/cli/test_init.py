"""`kongchuo init`: a template that `check` reads back, a thresholds file that lints clean, nothing overwritten."""

import json

from kongchuo_cli.read.vocabulary import COLUMNS, SCOPED_PARTS


def test_templates_read_back_by_check(run, tmp_path):
    result = run("init", "--lang", "en")
    assert result.stdout.splitlines()[-1] == "next: fill in the template with each township's counts, then run " \
                                             "kongchuo check 汇总表模板.csv"
    assert (tmp_path / "汇总表模板.csv").read_bytes().startswith("\ufeff".encode() + "单位,".encode())
    for name in ("汇总表模板.csv", "汇总表模板.xlsx"):
        checked = run("check", name, "-f", "json", "--lang", "en")
        assert (checked.exit_code, checked.stderr) == (0, "")  # the example township meets every line
        results = json.loads(checked.stdout)["results"]
        statuses = {r["indicator"]: r["status"] for r in results}
        # the national lines set none for the junior and primary consolidation rates (优质均衡 and county lines),
        # for the gross junior rate (the 两基 line is the age-specific one's) and for 三类 alone (its line is for
        # every kind of disability, which the template gives too)
        assert statuses == {**dict.fromkeys(statuses, "pass"), "consolidation_junior_3y": "n/a",
                            "consolidation_primary": "n/a", "enrollment_junior_gross": "n/a",
                            "enrollment_disabled": "n/a"} and len(statuses) == 11
        consolidation, junior, primary = results[:3]
        # 480 / (500 + 10 − 15 − 0 − 1) = 480/494; 470 / (480 + 5 − 8 − 0); 495 / (500 + 12 − 10)
        assert (consolidation["numerator"], consolidation["denominator"]) == (480, 494)
        assert (junior["numerator"], junior["denominator"], primary["numerator"], primary["denominator"]) == (
            470, 477, 495, 502)


def test_template_has_every_column_under_its_chinese_header(tmp_path, run):
    run("init")
    header = (tmp_path / "汇总表模板.csv").read_text("utf-8-sig").splitlines()[0].split(",")
    # the parts of 三类 enrolment are written with their scope: the template has every kind of disability too
    assert header == ["三类残疾儿童" + column.headers[0] if column.name in SCOPED_PARTS else column.headers[0]
                      for column in COLUMNS]


def test_thresholds_file_extends_the_default_and_lints_clean(run, tmp_path):
    run("init")
    result = run("thresholds", "check", "thresholds.yaml", "--data", "汇总表模板.csv", "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "thresholds.yaml: no problems (7 lines).\n")
    assert "extends: national-2025" in (tmp_path / "thresholds.yaml").read_text("utf-8")


def test_never_overwrites_without_force(run, tmp_path):
    (tmp_path / "thresholds.yaml").write_text("mine", "utf-8")
    result = run("init", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "Error: thresholds.yaml: exists and was left alone; add --force to overwrite.\n")
    assert (tmp_path / "thresholds.yaml").read_text("utf-8") == "mine"
    assert not (tmp_path / "汇总表模板.csv").exists()  # all or nothing
    assert run("init", "--force").exit_code == 0
    assert (tmp_path / "thresholds.yaml").read_text("utf-8") != "mine"


def test_into_a_folder(run, tmp_path):
    (tmp_path / "county").mkdir()
    assert run("init", "county").exit_code == 0
    assert (tmp_path / "county" / "汇总表模板.xlsx").exists()
    assert run("init", "nowhere", "--lang", "en").stderr == "Error: nowhere: the output folder does not exist.\n"


def test_the_briefing_template_reads_back_with_nothing_invented(run, tmp_path):
    from kongchuo_cli.policy.meta import Fonts, load

    run("init")
    meta = load(str(tmp_path / "briefing.yaml"))
    # every header field left empty (the 通报 leaves them out), the fonts of GB/T 9704 written out to change
    assert (meta.issuer, meta.number, meta.title, meta.date, meta.copies, meta.requirements) == (
        None, None, None, None, (), ())
    assert meta.fonts == Fonts("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体")
